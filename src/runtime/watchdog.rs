//! The watchdog: what ends a session from outside (signals, the terminal
//! hanging up, the Windows console's events) and what happens then. The
//! event loop is told and given a grace time to save and leave by itself;
//! past it, the watchdog writes the last notes in its stead and ends the
//! process.
//!
//! The system's side lives in `unix` and `windows`, one of which is built;
//! this file is the same on every system. It never draws: it only gives
//! the terminal back before it ends the process.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Local;

use super::recovery::{recovered_line, write_recovery};
use super::writer::{Snapshot, write_locked};
use super::{Context, Held, wake_loop};
use crate::store::Store;

#[cfg(unix)]
#[path = "watchdog/unix.rs"]
pub(super) mod watch;
#[cfg(windows)]
#[path = "watchdog/windows.rs"]
pub(super) mod watch;

/// How long the watchdog lets the event loop save and leave by itself.
const GRACE: Duration = Duration::from_millis(300);

/// Watches, on threads of its own that sleep until something happens, for
/// what ends a session from outside: on Unix the signals (SIGTERM, SIGHUP,
/// SIGINT) and the terminal going away; on Windows the console's events
/// (its window closed, Ctrl-Break, logoff, shutdown). Either sets `stop`
/// and wakes the event loop down its channel, so it saves and leaves. If
/// it does not within the grace time — crossterm can spin forever reading
/// nothing from a dead terminal — the watchdog writes the last notes
/// itself, clocks settled and draft kept (or a recovery copy, and says
/// where, exiting with a failure), and ends the process.
///
/// The signals are caught from this call on; the threads that hear them
/// start with [`watch::Armed::start`], once the first frame is out: a
/// signal that comes before waits for them.
pub(super) fn arm_watchdog(context: &Context, done: Arc<AtomicBool>) -> io::Result<(Arc<AtomicBool>, watch::Armed)> {
    let stop = Arc::new(AtomicBool::new(false));
    let (store, snapshot, held) = (context.store.clone(), Arc::clone(&context.snapshot), Arc::clone(&context.lock));
    let wake = Arc::clone(&context.wake);
    let shutdown = {
        let stop = Arc::clone(&stop);
        move || {
            if stop.swap(true, Ordering::SeqCst) {
                return;
            }
            // The session ended now, not after the grace time.
            let stopped_at = Instant::now();
            wake_loop(&wake);
            if left_within(&done, GRACE) {
                return;
            }
            let status = write_in_its_stead(&store, &held, &snapshot, stopped_at);
            // The lock file goes while still held; the system frees the lock.
            drop(held.lock().ok().and_then(|mut l| l.take()));
            ratatui::restore();
            std::process::exit(status);
        }
    };
    Ok((stop, watch::arm(shutdown)?))
}

/// Whether the event loop said it was done within `grace`, looked at every
/// hundredth of a second: the loop is given the whole grace time, and not
/// waited for after it.
fn left_within(done: &AtomicBool, grace: Duration) -> bool {
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline {
        if done.load(Ordering::SeqCst) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// Writes the last notes in the loop's stead, clocks settled at the moment
/// the session was told to end and draft kept; if their file cannot be
/// written, a recovery copy, said on the terminal. The exit status: a
/// failure when the notes are not in their file.
fn write_in_its_stead(store: &Store, held: &Held, snapshot: &Snapshot, stopped_at: Instant) -> i32 {
    let Some(pending) = snapshot.lock().ok().and_then(|mut s| s.take()) else { return 0 };
    let mut copy = pending.session.settled(stopped_at, Local::now());
    copy.draft = pending.draft;
    if write_locked(store, held, &pending.path, &copy).is_ok() {
        return 0;
    }
    let texts = crate::i18n::Texts::new();
    let tr = crate::i18n::Tr::new(&texts, pending.lang);
    let line = match write_recovery(store, &pending.path, &copy) {
        Some(to) => recovered_line(&tr, &to),
        None => tr.t("exit-lost"),
    };
    ratatui::restore();
    eprintln!("atelier: {line}");
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop that is done already is not waited for; one that is not is
    /// given the whole grace time before the watchdog writes in its stead.
    #[test]
    fn the_loop_is_given_the_whole_grace_time_and_no_more() {
        assert!(left_within(&AtomicBool::new(true), Duration::from_secs(60)));
        let grace = Duration::from_millis(30);
        let start = Instant::now();
        assert!(!left_within(&AtomicBool::new(false), grace));
        assert!(start.elapsed() >= grace, "left after {:?}", start.elapsed());
    }

    /// The notes the writer was last handed, written in the loop's stead
    /// with the draft still open and the clocks settled at the stop.
    #[test]
    fn the_watchdog_writes_the_last_notes_and_their_draft() {
        use crate::runtime::writer::{Pending, tests::session};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = dir.path().join("s.json");
        let field = crate::steps::Field::Board(crate::steps::board::Field::NewNote);
        let draft = crate::session::Draft { step: 2, field, text: "Confiance".into() };
        let pending = Pending {
            path: path.clone(),
            session: Arc::new(session("G")),
            draft: Some(draft),
            lang: crate::i18n::Lang::Fr,
            generation: 1,
        };
        let (held, snapshot) = (Held::default(), Arc::new(std::sync::Mutex::new(Some(pending))));
        assert_eq!(write_in_its_stead(&store, &held, &snapshot, Instant::now()), 0);
        let written = store.load(&path).unwrap();
        assert_eq!(written.draft.map(|d| d.text).as_deref(), Some("Confiance"));
        assert!(snapshot.lock().unwrap().is_none(), "taken: the writer writes nothing after it");
        assert!(held.lock().unwrap().is_some(), "written under the session's lock");
        assert_eq!(write_in_its_stead(&store, &held, &snapshot, Instant::now()), 0, "nothing left to write");
    }
}
