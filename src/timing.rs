//! Timing probes: where `atelier new` spends its time before its first
//! frame, phase by phase, timed inside the program (`scripts/phases.py`).
//!
//! Built only with `cargo build --release --features timing`. Without the
//! feature, [`mark`] and [`dump`] are empty and inlined away: nothing of
//! them is in the shipped program. With it, each mark notes the monotonic
//! clock under its label, and the first frame's marks are written to the
//! file `$ATELIER_PROBE` names, one `label nanoseconds` a line. This
//! module reads nothing of the app and changes nothing in it.

#[cfg(feature = "timing")]
mod probes {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    static MARKS: Mutex<Vec<(&'static str, u64)>> = Mutex::new(Vec::new());

    /// Nanoseconds on the system's monotonic clock, the one Python's
    /// `time.monotonic_ns()` reads on Linux: the script tells the time from
    /// the launch to the first mark with it.
    #[cfg(unix)]
    fn now() -> u64 {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: one valid timespec to fill.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
        let (seconds, nanos) = (u64::try_from(ts.tv_sec).unwrap_or(0), u64::try_from(ts.tv_nsec).unwrap_or(0));
        seconds * 1_000_000_000 + nanos
    }

    /// Elsewhere, from the first mark: the phases still add up; the time
    /// before `main` is not told.
    #[cfg(not(unix))]
    fn now() -> u64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        u64::try_from(START.get_or_init(std::time::Instant::now).elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    pub fn mark(label: &'static str) {
        let now = now();
        MARKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((label, now));
    }

    pub fn dump() {
        static DONE: AtomicBool = AtomicBool::new(false);
        if DONE.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(path) = std::env::var_os("ATELIER_PROBE") {
            let marks = MARKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let text: String = marks.iter().map(|(label, at)| format!("{label} {at}\n")).collect();
            // A probe that cannot write says nothing: the script then
            // finds no marks and says so.
            let _ = std::fs::write(path, text);
        }
    }
}

/// Notes the time at which the phase `label` ends.
#[inline(always)]
pub fn mark(label: &'static str) {
    #[cfg(feature = "timing")]
    probes::mark(label);
    #[cfg(not(feature = "timing"))]
    let _ = label;
}

/// Writes the marks to `$ATELIER_PROBE`, once: after the first frame.
#[inline(always)]
pub fn dump() {
    #[cfg(feature = "timing")]
    probes::dump();
}
