//! File dialogs behind a trait, so tests inject answers and never open a window; the in-app
//! dialog ([`super::file_dialog`]) takes over whenever the native one is not used or not there.

use super::FathomApp;
use super::actions::Action;
use super::file_dialog::{FileDialog, FileKind, FilePurpose};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// What a dialog answered.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogAnswer {
    Picked(PathBuf),
    /// The user closed the native dialog without a choice (or it could not show: `rfd` cannot
    /// tell the two apart, so the status bar says both).
    Cancelled,
    /// Ask in the planner's own window (the in-app dialog is chosen).
    InApp,
    /// The native dialog cannot run here, and why; the in-app dialog takes over.
    Unavailable(String),
}

/// Asks the user for a file to open or a place to save.
pub trait Dialogs {
    /// `native`: the user prefers the desktop's dialog (View ▸ System file dialogs).
    fn open(&mut self, kind: FileKind, native: bool) -> DialogAnswer;
    fn save(&mut self, kind: FileKind, suggested_name: &str, native: bool) -> DialogAnswer;
}

/// Native dialogs through `rfd` (xdg-desktop-portal, else zenity) when preferred; else in-app.
pub struct NativeDialogs;

impl NativeDialogs {
    /// Why the native dialog cannot run: neither a D-Bus session (which the portal needs) nor
    /// `zenity` (rfd's fallback) is there.
    fn unavailable() -> Option<String> {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|d| Path::new(&d).join("bus").exists());
        let zenity = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("zenity").is_file()));
        (!bus && !zenity).then(|| {
            "the system file dialog is unavailable (no D-Bus session for xdg-desktop-portal \
             and no zenity); using the in-app dialog"
                .to_string()
        })
    }

    fn answer(picked: Option<PathBuf>) -> DialogAnswer {
        picked.map_or(DialogAnswer::Cancelled, DialogAnswer::Picked)
    }
}

impl Dialogs for NativeDialogs {
    fn open(&mut self, kind: FileKind, native: bool) -> DialogAnswer {
        if !native {
            return DialogAnswer::InApp;
        }
        if let Some(why) = Self::unavailable() {
            return DialogAnswer::Unavailable(why);
        }
        let (name, ext) = kind.filter();
        Self::answer(rfd::FileDialog::new().add_filter(name, ext).pick_file())
    }

    fn save(&mut self, kind: FileKind, suggested_name: &str, native: bool) -> DialogAnswer {
        if !native {
            return DialogAnswer::InApp;
        }
        if let Some(why) = Self::unavailable() {
            return DialogAnswer::Unavailable(why);
        }
        let (name, ext) = kind.filter();
        Self::answer(
            rfd::FileDialog::new()
                .add_filter(name, ext)
                .set_file_name(suggested_name)
                .save_file(),
        )
    }
}

/// Answers dialogs from a queue of prepared paths (tests); an empty queue means "cancelled".
#[derive(Default)]
pub struct InjectedDialogs {
    pub answers: VecDeque<PathBuf>,
    /// Answer [`DialogAnswer::Unavailable`] instead (a desktop without a portal).
    pub no_portal: bool,
}

impl InjectedDialogs {
    pub fn new(answers: impl IntoIterator<Item = PathBuf>) -> Self {
        InjectedDialogs {
            answers: answers.into_iter().collect(),
            no_portal: false,
        }
    }

    /// A desktop where no native dialog can open.
    pub fn no_portal() -> Self {
        InjectedDialogs {
            no_portal: true,
            ..Default::default()
        }
    }

    fn next(&mut self) -> DialogAnswer {
        if self.no_portal {
            return DialogAnswer::Unavailable(
                "the system file dialog is unavailable (no xdg-desktop-portal); using the \
                 in-app dialog"
                    .into(),
            );
        }
        self.answers
            .pop_front()
            .map_or(DialogAnswer::Cancelled, DialogAnswer::Picked)
    }
}

impl Dialogs for InjectedDialogs {
    fn open(&mut self, _kind: FileKind, _native: bool) -> DialogAnswer {
        self.next()
    }

    fn save(&mut self, _kind: FileKind, _suggested_name: &str, _native: bool) -> DialogAnswer {
        self.next()
    }
}

impl FathomApp {
    /// Asks for a file for `purpose`: the native dialog answers at once; otherwise the in-app
    /// dialog opens and its answer arrives later as [`Action::FileChosen`]. Nothing is silent:
    /// a native dialog that cannot run, or closes without a file, is reported in the status bar.
    pub(super) fn ask_file(&mut self, purpose: FilePurpose, suggested_name: &str) {
        let native = self.view.prefs.system_dialogs;
        let kind = purpose.kind();
        let answer = if purpose.saves() {
            self.dialogs.save(kind, suggested_name, native)
        } else {
            self.dialogs.open(kind, native)
        };
        match answer {
            DialogAnswer::Picked(path) => self.file_chosen(purpose, path),
            DialogAnswer::Cancelled => {
                self.view.status = format!(
                    "{}: no file chosen (if no dialog appeared, the system dialog is \
                     unavailable: turn off View ▸ System file dialogs)",
                    purpose.title()
                );
            }
            DialogAnswer::Unavailable(why) => {
                self.view.status = why;
                self.open_in_app_dialog(purpose, suggested_name);
            }
            DialogAnswer::InApp => self.open_in_app_dialog(purpose, suggested_name),
        }
    }

    fn open_in_app_dialog(&mut self, purpose: FilePurpose, suggested_name: &str) {
        let start = self
            .view
            .prefs
            .recent_folders()
            .into_iter()
            .next()
            .or_else(|| {
                let p = self.doc.as_ref()?.path.parent()?.to_path_buf();
                Some(if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p
                })
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let start = start.canonicalize().unwrap_or(start);
        let name = if purpose.saves() { suggested_name } else { "" };
        self.view.file_dialog = Some(FileDialog::new(purpose, start, name));
    }

    /// Carries out `purpose` with the path the user chose (either dialog).
    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        if let Some(dir) = path.parent() {
            self.view.prefs.remember_folder(dir);
        }
        match purpose {
            FilePurpose::OpenMission => self.apply(Action::Open(path)),
            FilePurpose::SaveMission { then } => {
                if self.save_to(path)
                    && let Some(then) = then
                {
                    self.after_confirm(then);
                }
            }
            FilePurpose::ExportRtz => self.export_rtz_to(&path),
            FilePurpose::ImportRoute => self.import_route(&path),
            FilePurpose::LoadTrack => self.apply(Action::LoadTrack(path)),
        }
    }
}
