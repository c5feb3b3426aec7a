//! The in-app file dialog: a window that always works, whatever the desktop offers.
//!
//! The native dialog (`rfd` through xdg-desktop-portal) does nothing on desktops without a portal
//! (minimal window managers, remote X sessions), and `rfd` reports that as "cancelled". This
//! dialog lists a folder with the right file-type filter, takes a typed path (absolute, relative
//! to the folder shown, or `~/…`), offers the recent folders, and says why a path cannot be used
//! instead of closing. `egui_file` 0.29 was considered: it has no recent folders, its text fields
//! carry no accessible name (egui_kittest refuses them) and it prints errors to stdout.

use std::path::{Path, PathBuf};

/// Most directory entries listed (a bound on reading a folder the user points at).
const MAX_ENTRIES: usize = 5000;

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

/// Something that waits for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterConfirm {
    Open(PathBuf),
    Quit,
}

/// What the chosen path is for; decides the title, the filter and what happens next.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    OpenMission,
    /// Save the mission there, then carry on with `then` (an unsaved-changes question's answer).
    SaveMission {
        then: Option<AfterConfirm>,
    },
    ExportRtz,
    ImportRoute,
    LoadTrack,
}

impl FilePurpose {
    pub fn kind(&self) -> FileKind {
        match self {
            FilePurpose::OpenMission | FilePurpose::SaveMission { .. } => FileKind::Mission,
            FilePurpose::ExportRtz => FileKind::Rtz,
            FilePurpose::ImportRoute => FileKind::Route,
            FilePurpose::LoadTrack => FileKind::Track,
        }
    }

    /// Writes a file (else reads one).
    pub fn saves(&self) -> bool {
        matches!(
            self,
            FilePurpose::SaveMission { .. } | FilePurpose::ExportRtz
        )
    }

    pub fn title(&self) -> &'static str {
        match self {
            FilePurpose::OpenMission => "Open mission",
            FilePurpose::SaveMission { .. } => "Save mission as",
            FilePurpose::ExportRtz => "Export route as RTZ",
            FilePurpose::ImportRoute => "Import route",
            FilePurpose::LoadTrack => "Load as-run track",
        }
    }
}

/// The user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Chosen(PathBuf),
    Cancelled,
}

#[derive(Clone, Debug)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The open in-app dialog.
#[derive(Debug)]
pub struct FileDialog {
    pub purpose: FilePurpose,
    /// The folder listed.
    pub dir: PathBuf,
    /// The typed path: a name in `dir`, a relative or an absolute path.
    pub typed: String,
    /// List every file, not only the purpose's types.
    pub all_files: bool,
    listing: Result<Vec<Entry>, String>,
    /// Why the last attempt to choose did not work.
    pub problem: Option<String>,
}

impl FileDialog {
    /// Opens on `dir` with `suggested` typed (a file name for saving; empty for opening).
    pub fn new(purpose: FilePurpose, dir: PathBuf, suggested: &str) -> Self {
        let mut d = FileDialog {
            purpose,
            dir,
            typed: suggested.to_string(),
            all_files: false,
            listing: Ok(Vec::new()),
            problem: None,
        };
        d.refresh();
        d
    }

    fn matches_filter(&self, name: &str) -> bool {
        self.all_files || {
            let (_, exts) = self.purpose.kind().filter();
            Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
        }
    }

    /// Rereads the folder: folders first, then files of the right type; hidden ones skipped.
    pub fn refresh(&mut self) {
        let read = std::fs::read_dir(&self.dir)
            .map_err(|e| format!("{} cannot be listed: {e}", self.dir.display()));
        self.listing = read.map(|rd| {
            let mut v: Vec<Entry> = rd
                .filter_map(Result::ok)
                .take(MAX_ENTRIES)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let is_dir = e.path().is_dir();
                    (!name.starts_with('.') && (is_dir || self.matches_filter(&name)))
                        .then_some(Entry { name, is_dir })
                })
                .collect();
            v.sort_by(|a, b| {
                b.is_dir
                    .cmp(&a.is_dir)
                    .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            });
            v
        });
    }

    /// Lists `dir` instead.
    pub fn navigate(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.problem = None;
        if !self.purpose.saves() {
            self.typed.clear();
        }
        self.refresh();
    }

    /// The typed path as a full path (`~` is the home folder; relative paths are in `dir`).
    fn typed_path(&self) -> PathBuf {
        let t = self.typed.trim();
        match t.strip_prefix("~/") {
            Some(rest) => home_dir().unwrap_or_default().join(rest),
            None => self.dir.join(t),
        }
    }

    /// Accepts the typed path: a folder is listed; a file must exist to be read, and its folder
    /// must exist to be written (a missing extension is added). Errors are kept in `problem`.
    pub fn accept(&mut self) -> Option<PathBuf> {
        if self.typed.trim().is_empty() {
            self.problem = Some("type a file name or pick a file".into());
            return None;
        }
        let mut p = self.typed_path();
        if p.is_dir() {
            let dir = p.canonicalize().unwrap_or(p);
            self.typed.clear();
            self.navigate(dir);
            return None;
        }
        if self.purpose.saves() {
            let (_, exts) = self.purpose.kind().filter();
            if p.extension().is_none() {
                p.set_extension(exts[0]);
            }
            match p.parent() {
                Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => Some(p),
                Some(parent) => {
                    self.problem = Some(format!("the folder {} does not exist", parent.display()));
                    None
                }
                None => {
                    self.problem = Some(format!("{} is not a file name", p.display()));
                    None
                }
            }
        } else if p.is_file() {
            Some(p)
        } else {
            self.problem = Some(format!("{} does not exist", p.display()));
            None
        }
    }

    /// Draws the dialog; returns the answer once the user gives one.
    pub fn show(&mut self, ctx: &egui::Context, recent_dirs: &[PathBuf]) -> Option<Outcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("fathom-file-dialog")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading(self.purpose.title());
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.dir.parent().is_some(), egui::Button::new("Up"))
                    .on_hover_text("Parent folder")
                    .clicked()
                    && let Some(p) = self.dir.parent().map(Path::to_path_buf)
                {
                    self.navigate(p);
                }
                if let Some(h) = home_dir()
                    && ui.button("Home").clicked()
                {
                    self.navigate(h);
                }
                ui.label(egui::RichText::new(self.dir.display().to_string()).strong());
            });
            ui.separator();
            let mut go: Option<PathBuf> = None;
            let mut choose = false;
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(170.0);
                    ui.label(egui::RichText::new("Recent folders").strong());
                    if recent_dirs.is_empty() {
                        ui.weak("none yet");
                    }
                    for d in recent_dirs {
                        let name = d
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| d.display().to_string());
                        if ui
                            .selectable_label(*d == self.dir, name)
                            .on_hover_text(d.display().to_string())
                            .clicked()
                        {
                            go = Some(d.clone());
                        }
                    }
                });
                ui.add_space(12.0);
                ui.vertical(|ui| {
                    egui::ScrollArea::vertical()
                        .max_height(300.0)
                        .auto_shrink([false, false])
                        .show(ui, |ui| match &self.listing {
                            Err(e) => {
                                ui.colored_label(ui.visuals().error_fg_color, e);
                            }
                            Ok(entries) if entries.is_empty() => {
                                ui.weak("no folders or files of this type here");
                            }
                            Ok(entries) => {
                                for e in entries {
                                    let label = if e.is_dir {
                                        format!("{}/", e.name)
                                    } else {
                                        e.name.clone()
                                    };
                                    let r = ui.selectable_label(self.typed == e.name, label);
                                    if e.is_dir && r.clicked() {
                                        go = Some(self.dir.join(&e.name));
                                    } else if r.clicked() {
                                        self.typed = e.name.clone();
                                        self.problem = None;
                                    }
                                    if !e.is_dir && r.double_clicked() {
                                        self.typed = e.name.clone();
                                        choose = true;
                                    }
                                }
                            }
                        });
                });
            });
            if let Some(d) = go {
                self.navigate(d);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("File path");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .desired_width(460.0)
                        .hint_text("name, relative or absolute path"),
                );
                let r = r.labelled_by(label.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    choose = true;
                }
            });
            let (name, exts) = self.purpose.kind().filter();
            let mut all = self.all_files;
            ui.horizontal(|ui| {
                ui.weak(format!("{name} (*.{})", exts.join(", *.")));
                if ui.checkbox(&mut all, "Show all files").changed() {
                    self.all_files = all;
                    self.refresh();
                }
            });
            if let Some(p) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            ui.horizontal(|ui| {
                let verb = if self.purpose.saves() { "Save" } else { "Open" };
                if ui.button(verb).clicked() {
                    choose = true;
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancelled);
                }
            });
            if choose && let Some(p) = self.accept() {
                outcome = Some(Outcome::Chosen(p));
            }
        });
        if modal.should_close() && outcome.is_none() {
            outcome = Some(Outcome::Cancelled);
        }
        outcome
    }
}

/// The user's home folder (`$HOME`).
fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(files: &[&str]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in files {
            std::fs::write(d.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(d.path().join("sub")).unwrap();
        d
    }

    fn names(d: &FileDialog) -> Vec<String> {
        d.listing
            .as_ref()
            .unwrap()
            .iter()
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn lists_folders_first_then_files_of_the_purpose_type() {
        let t = dir_with(&["b.toml", "a.rtz", "A.TOML", ".hidden.toml", "notes.txt"]);
        let mut d = FileDialog::new(FilePurpose::OpenMission, t.path().into(), "");
        assert_eq!(names(&d), ["sub", "A.TOML", "b.toml"]);
        d.all_files = true;
        d.refresh();
        assert_eq!(names(&d), ["sub", "a.rtz", "A.TOML", "b.toml", "notes.txt"]);
        let r = FileDialog::new(FilePurpose::ImportRoute, t.path().into(), "");
        assert_eq!(names(&r), ["sub", "a.rtz"]);
    }

    #[test]
    fn saving_adds_the_extension_and_needs_an_existing_folder() {
        let t = dir_with(&[]);
        let mut d = FileDialog::new(
            FilePurpose::SaveMission { then: None },
            t.path().into(),
            "plan",
        );
        assert_eq!(d.accept(), Some(t.path().join("plan.toml")));
        d.typed = "nowhere/plan.toml".into();
        assert_eq!(d.accept(), None);
        assert!(d.problem.as_deref().unwrap().contains("does not exist"));
        d.typed = t.path().join("sub").display().to_string();
        assert_eq!(d.accept(), None, "a folder is listed, not chosen");
        assert!(d.dir.ends_with("sub"));
    }

    #[test]
    fn opening_needs_an_existing_file() {
        let t = dir_with(&["x.gpx"]);
        let mut d = FileDialog::new(FilePurpose::LoadTrack, t.path().into(), "");
        assert_eq!(d.accept(), None);
        d.typed = "y.gpx".into();
        assert_eq!(d.accept(), None);
        assert!(
            d.problem
                .as_deref()
                .unwrap()
                .contains("y.gpx does not exist")
        );
        d.typed = "x.gpx".into();
        assert_eq!(d.accept(), Some(t.path().join("x.gpx")));
    }

    #[test]
    fn an_unreadable_folder_is_reported_in_the_listing() {
        let d = FileDialog::new(
            FilePurpose::OpenMission,
            PathBuf::from("/no/such/folder"),
            "",
        );
        assert!(
            d.listing
                .unwrap_err()
                .contains("/no/such/folder cannot be listed")
        );
    }
}
