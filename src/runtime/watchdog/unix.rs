//! What tells a session to end, on Unix: the signals (SIGTERM, SIGHUP,
//! SIGINT), caught from [`arm`] on and heard on a thread of their own once
//! the first frame is out, and the terminal hanging up, watched with
//! `poll` on another. Both only call the shutdown they were armed with;
//! what it does is the watchdog's.

use std::io;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The signals that end a session, caught and held until the threads
/// that hear them start.
pub struct Armed {
    signals: signal_hook::iterator::Signals,
    shutdown: std::sync::Arc<dyn Fn() + Send + Sync>,
}

/// Catches the signals that end a session from now on.
pub fn arm(shutdown: impl Fn() + Send + Sync + 'static) -> io::Result<Armed> {
    let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    Ok(Armed { signals, shutdown: std::sync::Arc::new(shutdown) })
}

impl Armed {
    /// Runs the shutdown on a thread of its own at the first signal
    /// that ends a session (one caught before this call included), or
    /// when the terminal hangs up.
    pub fn start(self) -> io::Result<()> {
        let Armed { mut signals, shutdown } = self;
        let on_signal = std::sync::Arc::clone(&shutdown);
        std::thread::Builder::new().name("signals".into()).spawn(move || {
            if signals.forever().next().is_some() {
                on_signal();
            }
        })?;
        std::thread::Builder::new().name("hangup".into()).spawn(move || {
            if hung_up(wait_for_poll()) {
                shutdown();
            }
        })?;
        Ok(())
    }
}

/// What `poll` said of standard input, once it said something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polled {
    /// These events came back (`revents`).
    Events(libc::c_short),
    /// `poll` itself failed.
    Failed,
}

/// Blocks until `poll` reports something on standard input.
fn wait_for_poll() -> Polled {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: 0, revents: 0 };
    loop {
        // SAFETY: one valid pollfd, for the length given.
        let ready = unsafe { libc::poll(&mut fd, 1, -1) };
        if ready > 0 && fd.revents != 0 {
            return Polled::Events(fd.revents);
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return Polled::Failed;
        }
    }
}

/// Whether the terminal hung up (its window was closed, its other side
/// went away). POLLNVAL is no hang-up: macOS says it of every terminal
/// device, which `poll` cannot watch there (SIGHUP still comes when
/// the window closes), so the session goes on.
pub fn hung_up(polled: Polled) -> bool {
    match polled {
        Polled::Events(revents) => revents & libc::POLLNVAL == 0 && revents & (libc::POLLHUP | libc::POLLERR) != 0,
        Polled::Failed => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_poll_cannot_watch_is_no_hang_up() {
        assert!(hung_up(Polled::Events(libc::POLLHUP)));
        assert!(hung_up(Polled::Events(libc::POLLERR)));
        assert!(!hung_up(Polled::Events(libc::POLLNVAL)));
        assert!(!hung_up(Polled::Events(libc::POLLNVAL | libc::POLLHUP)));
        assert!(!hung_up(Polled::Events(libc::POLLIN)));
        assert!(!hung_up(Polled::Failed));
    }
}
