//! The writer: the thread that writes the notes after the frame is drawn,
//! so that the screen never waits for the disk, and the one rule of every
//! write of a session (under its lock).
//!
//! It owns the save's bookkeeping (what was handed over, tried, flushed,
//! marked on screen) and the snapshot it shares with the watchdog. It
//! knows nothing of the terminal nor of the app's screens: the loop hands
//! it settled notes ([`save`]), waits for it before anything reads the
//! files ([`flush`]) and tells the app how it went ([`report`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::Local;

use super::{Context, Held, Wake, wake_loop};
use crate::app::{App, Done, Message, Notice};
use crate::i18n::Lang;
use crate::session::{Draft, Session};
use crate::store::{Lock, Saved, Store, StoreError};

/// Writes a session to its file, only under its lock: the lock is taken
/// first if this process does not hold it yet (the folder did not exist
/// when the session opened, say), and a session another instance holds is
/// not written.
pub(super) fn write_locked(store: &Store, held: &Held, path: &Path, session: &Session) -> Result<Saved, StoreError> {
    let mut held = held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    write_held(store, &mut held, path, session)
}

/// [`write_locked`], the lock's mutex already taken: the store checks the
/// lock, the file and the folder are still as this instance left them.
pub(super) fn write_held(
    store: &Store,
    held: &mut Option<Lock>,
    path: &Path,
    session: &Session,
) -> Result<Saved, StoreError> {
    store.save_guarded(held, path, session)
}

/// How far the writer got: generations count the saves handed over.
#[derive(Debug, Default)]
pub(super) struct Progress {
    /// The last save handed over.
    pub(super) handed: u64,
    /// The last save tried (written, failed, or taken over by another
    /// writer: the last save or the watchdog).
    finished: u64,
    /// The last save whose notes are on the disk, flushed.
    written: u64,
    /// The last save of notes the screen marks until they are on the disk.
    marked: u64,
    /// How the last tried save went, not yet told to the app.
    outcome: Option<Result<Saved, StoreError>>,
    /// How many files the writer wrote (for the tests of coalescing).
    writes: u64,
}

#[derive(Debug, Default)]
struct Shared {
    progress: Mutex<Progress>,
    changed: std::sync::Condvar,
}

/// The thread that writes the notes, so that the screen never waits for
/// the disk. The loop draws, then hands the settled notes over (an `Arc`,
/// shared with the watchdog: nothing is copied); the thread serialises
/// them, writes and flushes them under the session's lock, then says how
/// it went and wakes the loop down its channel. Saves asked for
/// while a write runs are coalesced: the loop hands only the latest one
/// when the thread is free ([`Writer::busy`]), and the thread always
/// writes the latest snapshot. A save is told to the app as done only
/// once its file is flushed.
pub struct Writer {
    shared: Arc<Shared>,
    store: Store,
    snapshot: Snapshot,
    held: Held,
    wake: Wake,
    started: std::sync::Once,
}

impl Writer {
    pub(super) fn new(store: Store, snapshot: Snapshot, held: Held, wake: Wake) -> Self {
        Self { shared: Arc::default(), store, snapshot, held, wake, started: std::sync::Once::new() }
    }

    pub(super) fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.shared.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The last save handed over, and the last one whose notes are on
    /// the disk: a phone is told its note is saved once the second passes
    /// the first as it was when the note came (`room`).
    pub(super) fn handed_and_written(&self) -> (u64, u64) {
        let progress = self.progress();
        (progress.handed, progress.written)
    }

    /// Whether a save handed over is not tried yet.
    pub fn busy(&self) -> bool {
        let progress = self.progress();
        progress.finished < progress.handed
    }

    /// Whether notes the screen marks are not on the disk yet.
    pub fn unsaved(&self) -> bool {
        let progress = self.progress();
        progress.written < progress.marked
    }

    /// Hands a save over: `pending` becomes the snapshot (the watchdog's
    /// too) and the thread is woken. A `Wanted::Marked` save is marked on
    /// screen until it is on the disk.
    pub(super) fn hand(&self, wanted: Wanted, pending: impl FnOnce(u64) -> Pending) {
        self.start();
        let generation = self.progress().handed + 1;
        let pending = pending(generation);
        if let Ok(mut snapshot) = self.snapshot.lock() {
            *snapshot = Some(pending);
        }
        let mut progress = self.progress();
        progress.handed = generation;
        if wanted == Wanted::Marked {
            progress.marked = generation;
        }
        drop(progress);
        self.shared.changed.notify_all();
    }

    /// Waits until every save handed over is tried.
    pub(super) fn wait_idle(&self) {
        let mut progress = self.progress();
        while progress.finished < progress.handed {
            progress = self.shared.changed.wait(progress).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// How the last save tried went, once.
    pub(super) fn take_outcome(&self) -> Option<Result<Saved, StoreError>> {
        self.progress().outcome.take()
    }

    fn start(&self) {
        self.started.call_once(|| {
            let (shared, store) = (Arc::clone(&self.shared), self.store.clone());
            let (snapshot, held, wake) = (Arc::clone(&self.snapshot), Arc::clone(&self.held), Arc::clone(&self.wake));
            let spawned = std::thread::Builder::new()
                .name("writer".into())
                .spawn(move || write_forever(&shared, &store, &snapshot, &held, &wake));
            // Without a thread the saves are never tried: the loop then
            // says so as for any failed save, and the last save and the
            // watchdog still write.
            if let Err(error) = spawned {
                let mut progress = self.progress();
                progress.finished = u64::MAX;
                progress.outcome = Some(Err(StoreError::Io { path: self.store.dir().to_path_buf(), error }));
            }
        });
    }
}

/// The writer's thread: sleeps until a save is handed over, then writes
/// the latest snapshot. The snapshot is read under the session's lock, so
/// the last save and the watchdog (which take the snapshot, then write
/// under that lock) always write after it, never before.
fn write_forever(shared: &Shared, store: &Store, snapshot: &Snapshot, held: &Held, wake: &Wake) {
    loop {
        let target = {
            let mut progress = shared.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            while progress.finished >= progress.handed {
                progress = shared.changed.wait(progress).unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            progress.handed
        };
        let mut lock = held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let job = snapshot
            .lock()
            .ok()
            .and_then(|s| s.as_ref().map(|p| (p.path.clone(), Arc::clone(&p.session), p.generation)));
        let result = job.map(|(path, session, generation)| (generation, write_held(store, &mut lock, &path, &session)));
        drop(lock);
        let mut progress = shared.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match result {
            Some((generation, result)) => {
                progress.finished = progress.finished.max(generation);
                progress.writes += 1;
                if result.is_ok() {
                    progress.written = progress.written.max(generation);
                }
                progress.outcome = Some(result);
            }
            // Taken by the last save or the watchdog, or let go with the
            // session: nothing is left to write.
            None => {
                progress.finished = progress.finished.max(target);
                progress.written = progress.written.max(target);
            }
        }
        drop(progress);
        shared.changed.notify_all();
        wake_loop(wake);
    }
}

/// What the watchdog may have to write: the notes as last saved (or
/// tried), the text of an entry open now, and the language to speak in.
#[derive(Debug, Clone)]
pub struct Pending {
    pub path: PathBuf,
    /// Shared with the writer thread, which serialises it: handing a save
    /// over copies no notes.
    pub session: Arc<Session>,
    pub draft: Option<Draft>,
    pub lang: Lang,
    /// Which save this is, counted by the writer ([`Writer::hand`]).
    pub generation: u64,
}

/// The notes as last saved, for the watchdog to write again with their
/// clocks up to date (and the draft) if the main thread cannot.
pub type Snapshot = Arc<Mutex<Option<Pending>>>;

/// A save the app asked for and the loop has not handed to the writer
/// yet; of two asked for before the next frame, the stronger is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Wanted {
    #[default]
    No,
    /// The session as opened: nothing on screen to mark.
    Quiet,
    /// Notes changed on screen: marked until they are on the disk.
    Marked,
}

/// Hands the session as it stands to the writer, clocks settled in a copy:
/// the session in memory is only read. How it went comes back through
/// [`report`] once it is on the disk; the copy is what the watchdog writes
/// again if the loop cannot (written or not: a failed save is kept for it
/// too).
pub(super) fn save(app: &App, context: &Context, wanted: Wanted) {
    let now = app.now();
    let Some(run) = app.run().filter(|r| !r.read_only) else { return };
    let session = Arc::new(run.session.settled(now, Local::now()));
    let (path, draft, lang) = (run.path.clone(), app.draft(), app.lang);
    context.writer.hand(wanted, |generation| Pending { path, session, draft, lang, generation });
}

/// Tells the app how the writer's last save went, once it is flushed to
/// the disk or has failed: never before.
pub(super) fn report(app: &mut App, context: &Context) {
    if let Some(outcome) = context.writer.take_outcome() {
        let tr = app.tr();
        let (news, failed) = match outcome {
            Ok(saved) => (saved.news, None),
            Err(e) => (None, Some(e.message(&tr))),
        };
        app.update(Message::Done(Done::Saved(failed)));
        if let Some(news) = news {
            let said = news.message(&app.tr());
            let notice = if news.lasts() { Notice::Kept(said) } else { Notice::Done(said) };
            app.update(Message::Done(Done::Notice(Some(notice))));
        }
    }
}

/// Writes the notes now, if a save is wanted, and waits for every save
/// handed over: before anything reads the file or lets the session go.
pub(super) fn flush(app: &mut App, context: &Context, wanted: &mut Wanted) {
    let wanted = std::mem::take(wanted);
    if wanted != Wanted::No {
        save(app, context, wanted);
    }
    context.writer.wait_idle();
    report(app, context);
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::programme::Programme;
    use crate::session::Roster;

    fn writer(dir: &Path) -> (Writer, Snapshot, Held) {
        let (snapshot, held) = (Snapshot::default(), Held::default());
        let writer = Writer::new(Store::new(dir), Arc::clone(&snapshot), Arc::clone(&held), Wake::default());
        (writer, snapshot, held)
    }

    pub(in crate::runtime) fn session(group: &str) -> Session {
        let p = Programme::embedded();
        let roster = Roster { group: group.into(), ..Roster::default() };
        Session::new("s".into(), &p, roster, Lang::Fr, Local::now())
    }

    fn pending(path: &Path, group: &str) -> impl FnOnce(u64) -> Pending {
        let (path, session) = (path.to_path_buf(), Arc::new(session(group)));
        move |generation| Pending { path, session, draft: None, lang: Lang::Fr, generation }
    }

    #[test]
    fn saves_asked_for_during_a_write_are_coalesced_and_told_only_once_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, _snapshot, held) = writer(dir.path());
        let path = dir.path().join("s.json");
        // The session's lock is busy: the writer cannot write yet.
        let guard = held.lock().unwrap();
        for n in 1..=5 {
            writer.hand(Wanted::Marked, pending(&path, &format!("G{n}")));
            assert!(writer.busy() && writer.unsaved());
            assert!(writer.take_outcome().is_none(), "nothing is told before it is on the disk");
        }
        assert!(!path.exists());
        drop(guard);
        writer.wait_idle();
        assert!(matches!(writer.take_outcome(), Some(Ok(_))));
        assert!(!writer.busy() && !writer.unsaved());
        assert_eq!(writer.progress().writes, 1, "five saves, one write: the latest");
        assert_eq!(Store::new(dir.path()).load(&path).unwrap().roster.group, "G5");
        // Nothing more to say until the next save.
        assert!(writer.take_outcome().is_none());
    }

    #[test]
    fn a_failed_save_is_told_and_its_notes_stay_unsaved() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        fs_write(&blocked);
        let (writer, _snapshot, _held) = writer(dir.path());
        writer.hand(Wanted::Marked, pending(&blocked.join("s.json"), "G"));
        writer.wait_idle();
        assert!(matches!(writer.take_outcome(), Some(Err(_))));
        assert!(!writer.busy() && writer.unsaved(), "tried, not on the disk");
        // Space is back: the next save writes them.
        std::fs::remove_file(&blocked).unwrap();
        writer.hand(Wanted::Marked, pending(&blocked.join("s.json"), "G"));
        writer.wait_idle();
        assert!(matches!(writer.take_outcome(), Some(Ok(_))));
        assert!(!writer.unsaved());
    }

    #[test]
    fn a_snapshot_taken_by_the_last_save_is_not_written_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, snapshot, held) = writer(dir.path());
        let path = dir.path().join("s.json");
        let guard = held.lock().unwrap();
        writer.hand(Wanted::Marked, pending(&path, "older"));
        // The last save (or the watchdog) takes the snapshot, then writes
        // under the lock once it is free.
        let taken = snapshot.lock().unwrap().take().unwrap();
        drop(guard);
        write_locked(&Store::new(dir.path()), &held, &path, &session("newest")).unwrap();
        writer.wait_idle();
        assert_eq!(taken.generation, 1);
        assert_eq!(writer.progress().writes, 0);
        assert_eq!(Store::new(dir.path()).load(&path).unwrap().roster.group, "newest");
    }

    fn fs_write(path: &Path) {
        std::fs::write(path, b"not a folder").unwrap();
    }

    /// The session as opened is written without a mark: nothing on screen
    /// differs from its file. Notes changed after are marked until written,
    /// even when the two saves are coalesced into one.
    #[test]
    fn only_changed_notes_are_marked_until_written() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, _snapshot, held) = writer(dir.path());
        let path = dir.path().join("s.json");
        let guard = held.lock().unwrap();
        writer.hand(Wanted::Quiet, pending(&path, "opened"));
        assert!(writer.busy() && !writer.unsaved(), "written soon, shown as it is on the disk");
        writer.hand(Wanted::Marked, pending(&path, "typed"));
        assert!(writer.unsaved());
        writer.hand(Wanted::Quiet, pending(&path, "exported"));
        assert!(writer.unsaved(), "a later quiet save does not take the mark off");
        drop(guard);
        writer.wait_idle();
        assert!(!writer.unsaved());
        assert_eq!(Wanted::Quiet.max(Wanted::Marked), Wanted::Marked);
        assert_eq!(Wanted::No.max(Wanted::Quiet), Wanted::Quiet);
    }
}
