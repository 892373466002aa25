//! The wall: the room's view of a session that another atelier runs, in a
//! second terminal on the projector, following the session file live.
//!
//! Two small facts cross between the two instances, both through the
//! session's folder and never through the notes:
//!
//! - the wall announces itself with `.NAME.json.wall` beside the session,
//!   holding an advisory lock on it for as long as it runs (the operating
//!   system frees it however the wall ends, so a file left by a killed
//!   wall is seen as stale and ignored);
//! - the facilitator's instance holds the session's own lock
//!   (`.NAME.json.lock`, see [`crate::store::lock`]), which tells the wall
//!   whether the session is still running.
//!
//! Both instances watch the folder (the session file is replaced by a
//! rename at every save, so it is the folder that is watched) and hear
//! about these files through [`Watch`], which feeds the event loop.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

#[cfg(unix)]
use crate::store::Holder;
use crate::store::lock_path;

/// The presence file of a wall on this session: hidden, beside it.
pub fn presence_path(session: &Path) -> PathBuf {
    let name = session.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    session.with_file_name(format!(".{name}.wall"))
}

/// A wall's presence, held while it runs: dropping it removes the file
/// (while still held) and lets the lock go.
#[derive(Debug)]
pub struct Presence {
    path: PathBuf,
    file: Option<fs::File>,
}

impl Drop for Presence {
    fn drop(&mut self) {
        // Unix removes it while it is still locked, so no one sees it
        // unlocked; Windows removes no open file: there it goes once closed.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        if let Some(file) = self.file.take() {
            let _ = fs4::FileExt::unlock(&file);
        }
        #[cfg(windows)]
        let _ = fs::remove_file(&self.path);
    }
}

/// Says that a wall shows this session: its presence file, locked, with
/// the wall's process id inside (for people who look).
pub fn announce(session: &Path) -> io::Result<Presence> {
    let path = presence_path(session);
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(&path)?;
    // A facilitator's instance probes it for an instant: that is waited
    // out. Another wall on the same session already says it all.
    let mut tries = 0;
    loop {
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => break,
            Err(fs4::TryLockError::WouldBlock) if tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(fs4::TryLockError::WouldBlock) => return Err(io::ErrorKind::WouldBlock.into()),
            Err(fs4::TryLockError::Error(e)) => return Err(e),
        }
    }
    let mut writer = &file;
    let _ = file.set_len(0).and_then(|()| writeln!(writer, "{}", std::process::id()));
    Ok(Presence { path, file: Some(file) })
}

/// Whether a wall shows this session now: its presence file is there and
/// locked by a running wall. A file left by a wall that was killed is not.
pub fn is_open(session: &Path) -> bool {
    // Through the read guard: a FIFO in its place is never waited on.
    let Ok(file) = crate::store::open_regular(&presence_path(session)) else { return false };
    match fs4::FileExt::try_lock_shared(&file) {
        Ok(()) => {
            let _ = fs4::FileExt::unlock(&file);
            false
        }
        Err(fs4::TryLockError::WouldBlock) => true,
        Err(fs4::TryLockError::Error(_)) => false,
    }
}

/// Whether another instance runs this session now: its lock file names a
/// process that is alive. Only read, never locked: a probe of the lock could
/// make the facilitator's instance, coming back at that instant, open the
/// session read-only.
#[cfg(unix)]
pub fn is_running(session: &Path) -> bool {
    let Ok(text) = crate::store::read_guarded(&lock_path(session), crate::store::FileKind::Lock) else { return false };
    let Ok(holder) = serde_json::from_slice::<Holder>(&text) else { return false };
    let Ok(pid) = libc::pid_t::try_from(holder.pid) else { return false };
    // SAFETY: kill(2) with signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere lock files stay when their holder leaves: the lock itself says.
#[cfg(not(unix))]
pub fn is_running(session: &Path) -> bool {
    let Ok(file) = crate::store::open_regular(&lock_path(session)) else { return false };
    match fs4::FileExt::try_lock_shared(&file) {
        Ok(()) => {
            let _ = fs4::FileExt::unlock(&file);
            false
        }
        Err(_) => true,
    }
}

/// The names in a session's folder that matter to a wall or to the
/// facilitator's instance: the notes, their lock, the wall's presence.
fn names_of(session: &Path) -> Vec<std::ffi::OsString> {
    [session.to_path_buf(), lock_path(session), presence_path(session)]
        .iter()
        .filter_map(|p| p.file_name().map(ToOwned::to_owned))
        .collect()
}

/// Watches the folder of the session on screen and sends `changed()` down the
/// event loop's channel whenever one of its files changes (the notes, their
/// lock, the wall's presence). The watcher's thread sleeps until the system
/// tells it something: nothing runs while nothing changes.
pub struct Watch<T: Send + 'static> {
    sender: Sender<T>,
    changed: fn() -> T,
    session: Option<PathBuf>,
    watcher: Option<RecommendedWatcher>,
}

impl<T: Send + 'static> Watch<T> {
    pub fn new(sender: Sender<T>, changed: fn() -> T) -> Self {
        Self { sender, changed, session: None, watcher: None }
    }

    /// Watches `session`'s files from now on (or nothing); when it is a
    /// new one, says so once at once, so that what is there already counts.
    /// A folder that cannot be watched yet is tried again at the next call.
    pub fn follow(&mut self, session: Option<&Path>) {
        if self.session.as_deref() == session && (self.watcher.is_some() || session.is_none()) {
            return;
        }
        let fresh = self.session.as_deref() != session;
        self.session = session.map(Path::to_path_buf);
        self.watcher = session.and_then(|s| self.watch(s));
        if fresh && session.is_some() {
            let _ = self.sender.send((self.changed)());
        }
    }

    fn watch(&self, session: &Path) -> Option<RecommendedWatcher> {
        let names = names_of(session);
        let (sender, changed) = (self.sender.clone(), self.changed);
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Only what changes a file counts: reading one (as both
            // instances do on hearing of a change) would be heard again,
            // and again.
            let Ok(event) = event else { return };
            let ours = names_one_of(&event, &names);
            if !ours || !changes(&event.kind) {
                return;
            }
            let _ = sender.send(changed());
            // A process killed outright closes its files before it is
            // gone: told at once, its death could be missed (the process
            // still exists as it closes them). Told again a moment later.
            if closed(&event.kind) {
                let sender = sender.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_millis(300));
                    let _ = sender.send(changed());
                });
            }
        })
        .ok()?;
        let folder = session.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
        Some(watcher)
    }
}

/// Whether the event is about one of the session's files.
fn names_one_of(event: &notify::Event, names: &[std::ffi::OsString]) -> bool {
    event.paths.iter().any(|p| p.file_name().is_some_and(|n| names.iter().any(|m| m == n)))
}

/// Whether an event says a file was closed after writing.
fn closed(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(kind, notify::EventKind::Access(AccessKind::Close(AccessMode::Write)))
}

/// Whether an event says a file was made, written, renamed or removed, or
/// closed after writing (not opened, read or touched). The last is how
/// Linux tells of an instance killed outright: the system closes the lock
/// or the presence file it held open, and nothing else on the disk moves.
fn changes(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        EventKind::Access(_) => closed(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_wall_is_seen_while_it_runs_and_not_after() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        assert!(!is_open(&session));
        let presence = announce(&session).unwrap();
        assert_eq!(presence_path(&session), dir.path().join(".s.json.wall"));
        assert!(is_open(&session));
        assert!(announce(&session).is_err(), "a second wall leaves the first one's file alone");
        assert!(is_open(&session));
        drop(presence);
        assert!(!is_open(&session));
    }

    #[test]
    fn a_presence_file_nobody_holds_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        fs::write(presence_path(&session), "999999\n").unwrap();
        assert!(!is_open(&session));
    }

    #[test]
    fn the_session_runs_while_its_lock_is_held() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        assert!(!is_running(&session));
        let lock = crate::store::lock(&session).unwrap();
        assert!(is_running(&session));
        drop(lock);
        assert!(!is_running(&session));
    }

    #[test]
    fn a_change_of_the_session_file_is_heard_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        fs::write(&session, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let mut watch = Watch::new(tx, || ());
        watch.follow(Some(&session));
        rx.recv_timeout(Duration::from_secs(1)).expect("said once at first");
        fs::write(dir.path().join("other.json"), "{}").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "another file is not ours");
        fs::read(&session).unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "a reading is no change");
        fs::write(dir.path().join("tmp"), "{}").unwrap();
        fs::rename(dir.path().join("tmp"), &session).unwrap();
        rx.recv_timeout(Duration::from_secs(2)).expect("the notes replaced");
    }
}
