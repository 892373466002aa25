//! What tells a session to end, on Windows: the console's events. Closing
//! the window (Windows Terminal's tab or the classic console) sends
//! CTRL_CLOSE_EVENT, the hang-up of a console; Windows ends the process
//! some seconds after the handler is called, or as soon as it returns.
//! The handler only calls the shutdown it was armed with; what it does is
//! the watchdog's.

use std::io;
use std::sync::OnceLock;
use std::time::Duration;

use windows_sys::Win32::Foundation::{FALSE, TRUE};
use windows_sys::Win32::System::Console::{
    CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT, SetConsoleCtrlHandler,
};
use windows_sys::core::BOOL;

type Shutdown = Box<dyn Fn() + Send + Sync>;
static SHUTDOWN: OnceLock<Shutdown> = OnceLock::new();

/// The console's handler is in place; Windows calls it on a thread of
/// its own, so there is nothing more to start.
pub struct Armed;

impl Armed {
    pub fn start(self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs `shutdown` when the console says the session must end.
pub fn arm(shutdown: impl Fn() + Send + Sync + 'static) -> io::Result<Armed> {
    if SHUTDOWN.set(Box::new(shutdown)).is_err() {
        return Ok(Armed);
    }
    // SAFETY: a handler with the signature Windows expects, for the
    // life of the process.
    if unsafe { SetConsoleCtrlHandler(Some(on_console_event), TRUE) } == FALSE {
        return Err(io::Error::last_os_error());
    }
    Ok(Armed)
}

unsafe extern "system" fn on_console_event(event: u32) -> BOOL {
    match event {
        CTRL_C_EVENT | CTRL_BREAK_EVENT | CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => {
            if let Some(shutdown) = SHUTDOWN.get() {
                shutdown();
            }
            // The window is going: returning would end the process at
            // once, so the event loop gets the time to finish and exit.
            if !matches!(event, CTRL_C_EVENT | CTRL_BREAK_EVENT) {
                std::thread::sleep(Duration::from_secs(4));
            }
            TRUE
        }
        _ => FALSE,
    }
}
