//! File dialogs behind a trait, so tests inject paths and never open a window.

use std::collections::VecDeque;
use std::path::PathBuf;

/// A kind of file the planner opens or writes, with its extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Mission,
    Rtz,
    /// An as-run GNSS track: NMEA 0183 log or GPX.
    Track,
    /// A route to import: RTZ or GPX.
    Route,
}

impl FileKind {
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Mission => ("fathom mission", &["toml"]),
            FileKind::Rtz => ("RTZ route (IEC 61174)", &["rtz"]),
            FileKind::Track => (
                "GNSS track (NMEA 0183, GPX)",
                &["nmea", "log", "txt", "gpx"],
            ),
            FileKind::Route => ("Route (RTZ, GPX)", &["rtz", "gpx"]),
        }
    }
}

/// Asks the user for a file to open or a place to save.
pub trait Dialogs {
    fn open(&mut self, kind: FileKind) -> Option<PathBuf>;
    fn save(&mut self, kind: FileKind, suggested_name: &str) -> Option<PathBuf>;
}

/// Native dialogs through `rfd` (xdg-desktop-portal on Linux; `None` when no portal runs).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open(&mut self, kind: FileKind) -> Option<PathBuf> {
        let (name, ext) = kind.filter();
        rfd::FileDialog::new().add_filter(name, ext).pick_file()
    }

    fn save(&mut self, kind: FileKind, suggested_name: &str) -> Option<PathBuf> {
        let (name, ext) = kind.filter();
        rfd::FileDialog::new()
            .add_filter(name, ext)
            .set_file_name(suggested_name)
            .save_file()
    }
}

/// Answers dialogs from a queue of prepared paths (tests); an empty queue means "cancelled".
#[derive(Default)]
pub struct InjectedDialogs {
    pub answers: VecDeque<PathBuf>,
}

impl InjectedDialogs {
    pub fn new(answers: impl IntoIterator<Item = PathBuf>) -> Self {
        InjectedDialogs {
            answers: answers.into_iter().collect(),
        }
    }
}

impl Dialogs for InjectedDialogs {
    fn open(&mut self, _kind: FileKind) -> Option<PathBuf> {
        self.answers.pop_front()
    }

    fn save(&mut self, _kind: FileKind, _suggested_name: &str) -> Option<PathBuf> {
        self.answers.pop_front()
    }
}
