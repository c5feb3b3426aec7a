//! File-system helpers shared by every reader and writer: reads bounded by the bytes actually
//! read (a device or a FIFO reports a length of 0), and atomic saves.

#![warn(missing_docs)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Reads at most `limit` bytes of `path`, counting the bytes actually read rather than trusting
/// the file's metadata (0 for `/dev/zero` and FIFOs). A file with more bytes is refused with an
/// [`std::io::ErrorKind::FileTooLarge`] error that states the limit. Devices and FIFOs are read
/// (a log may be piped in); use [`read_regular`] where waiting on a writer would hang.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("more than {limit} bytes: larger than the limit for this kind of file"),
        ));
    }
    Ok(bytes)
}

/// [`read_limited`] for inputs that must be ordinary files (missions, grids, zones): a FIFO, a
/// device, a socket or a directory is refused before it is opened, so a FIFO without a writer
/// cannot block the program. Symbolic links are followed.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    check_regular(path)?;
    read_limited(path, limit)
}

/// Opens an ordinary file for reading in pieces (a grid decoded strip by strip), refusing what
/// [`read_regular`] refuses; returns the file and its length, which for a regular file is what
/// the reads will find (the bound a reader checks its offsets against).
pub fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    let len = check_regular(path)?.len();
    Ok((std::fs::File::open(path)?, len))
}

fn check_regular(path: &Path) -> std::io::Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path)?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "not a regular file ({}): expected a file on disk",
                kind_name(kind)
            ),
        ));
    }
    Ok(meta)
}

/// The largest CSV table read (layouts, turbine curves, wind roses, metocean and wind series),
/// in bytes: a century of hourly rows is ≈ 45 MB.
pub const MAX_TABLE_BYTES: u64 = 128 << 20;

/// [`read_regular`] decoded as UTF-8 (a leading byte-order mark is dropped).
pub fn read_regular_text(path: &Path, limit: u64) -> std::io::Result<String> {
    utf8(read_regular(path, limit)?)
}

/// [`read_limited`] decoded as UTF-8 (a leading byte-order mark is dropped): for tables and logs,
/// which may come through a pipe. CSV readers call `read_limited_text(path, MAX_TABLE_BYTES)`.
pub fn read_limited_text(path: &Path, limit: u64) -> std::io::Result<String> {
    utf8(read_limited(path, limit)?)
}

fn utf8(bytes: Vec<u8>) -> std::io::Result<String> {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text: invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// How old a leftover temporary of an interrupted save must be before a later save removes it:
/// old enough that no save still in progress (even on a slow network disk) can own it.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes `bytes` to `path` atomically: a uniquely named temporary file in the target's
/// directory, `fsync`, then `rename` over the target. Readers see the old file or the new one,
/// never half of either, and a crash mid-write leaves the old file intact. An existing file keeps
/// its permissions; a symbolic link is written through (its target is replaced, the link stays);
/// temporaries left by an earlier, killed save of the same file are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    let prefix = format!(".{name}.tmp-");
    remove_stale(dir, &prefix);
    let existing = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let (tmp, mut file) = create_unique(dir, &prefix)?;
    let result = (|| {
        match existing {
            Some(perms) => file.set_permissions(perms)?,
            None => set_default_permissions(&file)?,
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)?;
        if let Ok(d) = std::fs::File::open(dir) {
            // Persist the rename itself; not every file system supports syncing a directory.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Creates `dir/<prefix><unique>` exclusively (`O_EXCL`): the suffix mixes the process id, the
/// clock and a per-process counter, and a name already taken is retried, so two saves — from two
/// processes or two threads — never share a temporary.
fn create_unique(dir: &Path, prefix: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..100 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!("{prefix}{}-{nanos:08x}-{n}", std::process::id()));
        match std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.expect("the loop ran"))
}

/// A new file gets the permissions `File::create` would give it (0666 less the umask), not the
/// temporary file's private 0600.
#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: `umask` only swaps the process's file-mode mask; it is set back at once.
    let mask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !(mask as u32)))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Removes `dir/<prefix>*` files older than [`STALE_TEMPORARY`]; failures are ignored (the save
/// itself does not depend on them).
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if !e.file_name().to_string_lossy().starts_with(prefix) {
            continue;
        }
        let old = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.toml");
        write_atomic(&p, b"first version, long").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(&dir.path().join("no/such/dir/m.toml"), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_writes_through_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn removes_stale_temporaries_of_a_killed_save() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.toml");
        let stale = dir.path().join(".m.toml.tmp-4242");
        let fresh = dir.path().join(".m.toml.tmp-4343");
        let other = dir.path().join(".n.toml.tmp-4242");
        for f in [&stale, &fresh, &other] {
            std::fs::write(f, "half").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for f in [&stale, &other] {
            let file = std::fs::File::options().write(true).open(f).unwrap();
            file.set_modified(hour_ago).unwrap();
        }
        write_atomic(&p, b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "a save in progress keeps its temporary");
        assert!(other.exists(), "another file's temporaries are not touched");
    }

    #[cfg(unix)]
    #[test]
    fn bounded_reads_count_bytes_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_limited(&p, 5).unwrap(), b"12345");
        let e = read_limited(&p, 4).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("more than 4 bytes"), "{e}");
        // /dev/zero reports a length of 0 and never ends.
        let e = read_limited(Path::new("/dev/zero"), 1 << 16).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        let e = read_regular(Path::new("/dev/zero"), 1 << 16).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let e = read_regular(dir.path(), 1 << 16).unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
        let e = open_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        assert_eq!(open_regular(&p).unwrap().1, 5);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fifo");
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_regular(&p, 1 << 16).unwrap_err();
        assert!(e.to_string().contains("a FIFO"), "{e}");
    }

    #[test]
    fn text_drops_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"\xEF\xBB\xBFncols 3").unwrap();
        assert_eq!(read_regular_text(&p, 100).unwrap(), "ncols 3");
    }
}
