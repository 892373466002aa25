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
use super::writer::write_locked;
use super::{Context, wake_loop};

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
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline {
                if done.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let mut status = 0;
            if let Some(pending) = snapshot.lock().ok().and_then(|mut s| s.take()) {
                let mut copy = pending.session.settled(stopped_at, Local::now());
                copy.draft = pending.draft;
                if write_locked(&store, &held, &pending.path, &copy).is_err() {
                    status = 1;
                    let texts = crate::i18n::Texts::new();
                    let tr = crate::i18n::Tr::new(&texts, pending.lang);
                    let line = match write_recovery(&store, &pending.path, &copy) {
                        Some(to) => recovered_line(&tr, &to),
                        None => tr.t("exit-lost"),
                    };
                    ratatui::restore();
                    eprintln!("atelier: {line}");
                }
            }
            // The lock file goes while still held; the system frees the lock.
            drop(held.lock().ok().and_then(|mut l| l.take()));
            ratatui::restore();
            std::process::exit(status);
        }
    };
    Ok((stop, watch::arm(shutdown)?))
}
