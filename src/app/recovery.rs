//! Crash recovery: while a mission has unsaved changes it is written every 30 s (atomically) to a
//! recovery file; on the next start the planner offers to restore it. A save or a clean exit
//! removes the file.

use crate::mission::{self, Mission};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How often unsaved work is written to the recovery file.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// What the recovery note records next to the mission copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    /// The mission file the unsaved work belongs to (its grid paths are relative to it).
    pub mission_path: PathBuf,
    /// When the copy was written (RFC 3339).
    pub written: String,
}

/// The directory for recovery files: `$XDG_STATE_HOME/fathom` or `~/.local/state/fathom`.
pub fn default_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .map(|d| d.join("fathom"))
}

fn files(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("recovery.toml"), dir.join("recovery.json"))
}

/// Writes the mission copy and its note (each atomically).
pub fn write(dir: &Path, m: &Mission, mission_path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (toml_path, note_path) = files(dir);
    mission::save(m, &toml_path).map_err(|e| e.to_string())?;
    let info = RecoveryInfo {
        mission_path: std::path::absolute(mission_path)
            .unwrap_or_else(|_| mission_path.to_path_buf()),
        written: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let json = serde_json::to_vec_pretty(&info).map_err(|e| e.to_string())?;
    crate::fsutil::write_atomic(&note_path, &json)
        .map_err(|e| format!("{}: {e}", note_path.display()))
}

/// The recovery note, if a previous session left unsaved work.
pub fn find(dir: &Path) -> Option<RecoveryInfo> {
    let (toml_path, note_path) = files(dir);
    if !toml_path.exists() {
        return None;
    }
    serde_json::from_slice(&std::fs::read(note_path).ok()?).ok()
}

/// Reads the recovered mission.
pub fn read(dir: &Path) -> Result<Mission, String> {
    mission::load(&files(dir).0).map_err(|e| e.to_string())
}

/// Removes the recovery files (after a save, a discard or a clean exit).
pub fn clear(dir: &Path) {
    let (a, b) = files(dir);
    let _ = std::fs::remove_file(a);
    let _ = std::fs::remove_file(b);
}
