//! Everything the user does becomes an [`Action`], collected during `ui()` and applied once per
//! frame afterwards (rerun's command queue, egui demo's `Command`). Mission edits are
//! [`Edit`]s (in [`super::edit`]); edits that carry the same gesture key in a row (one drag, one
//! text field being typed in) form one undo step.

use super::document::Selection;
use super::edit::Edit;
use super::file_dialog::{AfterConfirm, FilePurpose};
use super::state::Tool;
use std::path::PathBuf;

/// What the user asked for this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A mission edit; edits with the same `gesture` in a row are one undo step.
    Edit {
        edit: Edit,
        gesture: Option<u64>,
    },
    /// Ends the current gesture (drag released, field left).
    EndGesture,
    Undo,
    Redo,
    Select(Selection),
    SetTool(Tool),
    /// Open a mission (asks about unsaved changes first).
    Open(PathBuf),
    OpenDialog,
    Save,
    SaveAs,
    /// The user chose `path` in the in-app file dialog.
    FileChosen {
        purpose: FilePurpose,
        path: PathBuf,
    },
    /// The user answered the unsaved-changes question.
    Confirmed {
        save_first: bool,
        then: AfterConfirm,
    },
    Recover,
    DiscardRecovery,
    Validate,
    /// Recompute the charts for the current revision.
    Analyse,
    /// Zoom to finding `i` and select its object.
    FocusFinding(usize),
    /// Export the route as RTZ (asks for a path).
    ExportRtz,
    /// Import a route from RTZ or GPX (asks for a path), replacing the mission's route.
    ImportRouteDialog,
    /// Load an as-run GNSS track to show over the plan (asks for a path).
    LoadTrackDialog,
    LoadTrack(PathBuf),
    ClearTrack,
    CancelJobs,
    /// Show the "Lay out cabins" window.
    OpenLayoutDialog,
    /// Close it (cancelling a layout that runs).
    CloseLayoutDialog,
    /// Lay out `cabins` cabins of type `cabin_type` on a worker; adds them as one undo step.
    RunLayout {
        cabins: usize,
        cabin_type: String,
    },
    /// Plan the least-cost route from the route's first waypoint (or the first port) to the
    /// selected cabin on a worker; replaces the route as one undo step.
    PlanRouteToSelection,
    /// Plan to the selected cabin now: `extend` adds the planned leg after the route's last
    /// waypoint and keeps the rest; else the planned route replaces it.
    PlanRoute {
        extend: bool,
    },
    /// The route tool: `new` starts a new route with the next click, else clicks extend it.
    StartRoute {
        new: bool,
    },
    /// Leave the route tool (double-click, Enter, or a click on the last waypoint).
    FinishRoute,
    /// The draw-cable tool's purpose and cable type for the next cable.
    SetCableKind {
        purpose: crate::mission::CablePurpose,
        cable_type: String,
    },
    /// Add the drawn cable (Enter or a double-click with the draw-cable tool).
    FinishCable,
    /// Route cable `index` automatically on a worker (as `fathom cable plan --cable ID`); its
    /// waypoints are replaced as one undo step.
    AutoRouteCable {
        index: usize,
    },
    /// Stop the running layout or route planning.
    CancelTool,
    /// Simulate the mission's installation campaign on a worker (the Campaign tab).
    RunCampaign,
    /// Stop that simulation (the last result stays).
    CancelCampaign,
    DeleteSelected,
    ZoomToGrid,
    ToggleTheme,
    ToggleHelp,
    /// Show or hide the chart panel.
    ToggleCharts,
    /// Show or hide the live positioning window.
    ToggleLive,
    /// Switch between the desktop's file dialog and the in-app one.
    ToggleSystemDialogs,
    Quit,
}
