//! One writer per session: the lock file beside a session file, held by
//! the operating system, and who holds it. This module owns the lock file
//! (`.NAME.json.lock`) and nothing else: it never reads nor writes a
//! session file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use super::paths::{ensure_private_dir, follow_links, lock_path};
use super::seen::Seen;

/// Who holds a session open, as its holder wrote it in the lock file: for
/// the message of the instance that only reads. The lock itself is the
/// operating system's, never this text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<Local>,
}

/// The lock of an open session: an advisory lock on `.NAME.json.lock`
/// beside it, held by the operating system for the life of this process
/// and freed when it ends, however it ends (a kill -9 included). Dropping it
/// removes the lock file while still holding it, then lets it go.
#[derive(Debug)]
pub struct Lock {
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
    session: PathBuf,
    file: fs::File,
    /// What this instance wrote in the lock file, to know it is still its
    /// own (none if the write failed).
    written: Option<Vec<u8>>,
    /// The session file as this instance last saw it (when it took the
    /// lock, then after each of its saves): none when there was no file.
    pub(super) seen: Option<Seen>,
    /// Where this instance's notes go once the session file is no longer
    /// its to write: a conflict copy, a recovery file.
    pub(super) diverted: Option<PathBuf>,
}

impl Lock {
    /// The session file this lock holds.
    pub fn session(&self) -> &Path {
        &self.session
    }

    /// Where the lock file is now, if its folder was renamed (Linux, whose
    /// system names an open file wherever it went); none when it is gone,
    /// or elsewhere.
    #[cfg(target_os = "linux")]
    pub(super) fn now_at(&self) -> Option<PathBuf> {
        use std::os::fd::AsRawFd as _;
        let at = fs::read_link(format!("/proc/self/fd/{}", self.file.as_raw_fd())).ok()?;
        (at.is_absolute() && !at.to_string_lossy().ends_with(" (deleted)")).then_some(at)
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn now_at(&self) -> Option<PathBuf> {
        None
    }

    /// Whether the lock file is still the one this instance holds: the
    /// same file under the same name (not deleted, not replaced), with
    /// what this instance wrote in it.
    pub fn still_ours(&self) -> bool {
        use std::io::{Read as _, Seek as _};
        if !is_same_file(&self.file, &self.path) {
            return false;
        }
        let Some(written) = &self.written else { return true };
        let mut text = Vec::new();
        let mut reader = &self.file;
        reader.seek(io::SeekFrom::Start(0)).is_ok()
            && reader.take(4096).read_to_end(&mut text).is_ok()
            && text == *written
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed only while held, and only if the name still points to the
        // file we hold: no instance ever removes a lock it does not hold.
        // (On Windows the file stays: the name of a file held open cannot be
        // checked there the same way, and a lock file nobody holds blocks nothing.)
        #[cfg(unix)]
        if is_same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Why a session could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another instance holds it (and says who, when it had the time to).
    Held(Option<Holder>),
    /// The folder or the lock file cannot be made or locked.
    Io(io::Error),
}

/// Takes the session for this process, or says who has it. The folder is
/// made first if need be: a lock is taken before any write, in every
/// folder. The lock file is locked before it is filled, so another instance
/// never reads a half-written one as abandoned: what decides is the
/// operating system's lock, and the text only names the holder.
pub fn lock(session: &Path) -> Result<Lock, LockError> {
    let path = lock_path(session);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_private_dir(parent).map_err(LockError::Io)?;
    }
    // A holder that leaves removes the file while we wait to lock it: we
    // then hold a file nobody else can see, and try again on the new one.
    for _ in 0..64 {
        let file = open_lock_file(&path).map_err(LockError::Io)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Err(LockError::Held(read_holder(&file))),
            Err(fs4::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        if !is_same_file(&file, &path) {
            continue;
        }
        let me = Holder { pid: std::process::id(), host: host_name(), since: Local::now() };
        let text = serde_json::to_vec(&me).unwrap_or_default();
        let mut writer = &file;
        // The holder's name is only a courtesy: a failure here leaves the
        // lock as good.
        let written = file.set_len(0).and_then(|()| writer.write_all(&text)).is_ok().then_some(text);
        let seen = Seen::of_file(&follow_links(session));
        return Ok(Lock { path, session: session.to_path_buf(), file, written, seen, diverted: None });
    }
    Err(LockError::Io(io::Error::other("the lock file keeps changing")))
}

fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Never waited on: a FIFO in its place opens at once, and is refused.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!("{}: not a regular file", path.display())));
    }
    Ok(file)
}

/// What the holder wrote in its lock file; nothing if it has not yet.
fn read_holder(file: &fs::File) -> Option<Holder> {
    use std::io::Read as _;
    let mut text = Vec::new();
    let reader = file;
    reader.take(4096).read_to_end(&mut text).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Whether `path` still names the very file `file` has open.
#[cfg(unix)]
fn is_same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere lock files are never removed, so the name always names it.
#[cfg(not(unix))]
fn is_same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(unix)]
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer and its length match.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    if ok { String::from_utf8_lossy(&buf[..end]).into_owned() } else { String::new() }
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

    #[cfg(unix)]
    #[test]
    fn a_lock_file_replaced_under_its_name_is_another_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        fs::write(&path, b"1").unwrap();
        let file = fs::File::open(&path).unwrap();
        assert!(is_same_file(&file, &path));
        fs::remove_file(&path).unwrap();
        assert!(!is_same_file(&file, &path), "gone");
        fs::write(&path, b"2").unwrap();
        assert!(!is_same_file(&file, &path), "another file of the same name");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_host_is_named_as_the_system_names_it() {
        let system = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
        assert_eq!(host_name(), system.trim_end());
    }

    #[test]
    fn a_session_is_held_by_one_instance_and_a_lock_file_alone_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = lock(&session).unwrap();
        let Err(LockError::Held(Some(holder))) = lock(&session) else { panic!("held") };
        assert_eq!(holder.pid, std::process::id());
        assert!(lock_path(&session).exists());
        drop(first);
        // On Unix the file goes with the lock; elsewhere it stays, and
        // holds nothing (below).
        #[cfg(unix)]
        assert!(!lock_path(&session).exists(), "released on leaving");
        // A lock file whose pid is alive (ours, pid 1) or from another
        // host, but that no process holds: the session is free.
        for (pid, host) in [(1, host_name()), (std::process::id(), "elsewhere".to_string())] {
            let left = Holder { pid, host, since: Local::now() };
            fs::write(lock_path(&session), serde_json::to_vec(&left).unwrap()).unwrap();
            assert!(lock(&session).is_ok(), "a lock file nobody holds is taken");
        }
        // The lock is beside the session, never in it, and not listed.
        assert!(store_lists_nothing(dir.path()));
    }

    #[test]
    fn a_lock_is_taken_even_where_the_folder_does_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("new").join("folder").join("s.json");
        let _held = lock(&session).unwrap();
        assert!(matches!(lock(&session), Err(LockError::Held(_))));
    }

    /// Only Unix removes lock files (see `Drop for Lock`).
    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_not_ours_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = lock(&session).unwrap();
        // Someone replaces the lock file under the holder's feet: the holder
        // leaving must not remove the new one.
        fs::remove_file(lock_path(&session)).unwrap();
        let second = lock(&session).unwrap();
        drop(first);
        assert!(lock_path(&session).exists(), "the other lock is still there");
        assert!(matches!(lock(&session), Err(LockError::Held(_))), "and still holds");
        drop(second);
    }
}
