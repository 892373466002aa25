//! The terminal side: the event loop and the effects that `update` asks for.
//!
//! The loop blocks on input until the next moment the screen must change
//! (the next second of a running countdown, the next minute of the clocks),
//! so an idle session costs no CPU. Every frame is drawn inside a
//! synchronized update, so the projector never shows half a frame.
//!
//! This file owns what the rest of the program sees of the runtime: the
//! [`Context`] a run shares with its threads, [`run`] (the terminal taken,
//! the loop run, the notes saved and the terminal given back whatever
//! happens) and how a run ended. Each idea lives in a file of its own:
//! `terminal` (set-up, restore, a frame drawn, keys in the app's words),
//! `frames` (the backend every frame goes through), `event_loop` (inputs
//! merged and turned into messages), `effects` (what `update` asks for),
//! `open` (a session made ready to show), `writer` (the thread that writes
//! the notes), `watchdog` (what ends a session from outside) and
//! `recovery` (what is saved when nothing else can be). The domain
//! modules never reach into any of them.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::session::Roster;
use crate::store::{Lock, Store};

mod effects;
mod event_loop;
mod frames;
mod open;
mod recovery;
mod room;
mod terminal;
mod watchdog;
mod writer;

pub use open::{fresh, new_session, open_file, prepare};
pub use recovery::recovered_line;
pub use terminal::UNSAVED_MARK;
pub use writer::{Pending, Snapshot, Writer};

use event_loop::{Input, event_loop, read_terminal};
use recovery::{last_save, recover};
use terminal::open_terminal;
use watchdog::arm_watchdog;

/// What the runtime needs besides the app: where notes go, and the roster
/// for a session started from the home screen.
pub struct Context {
    pub store: Store,
    pub roster: Roster,
    /// The notes as last handed to the writer, shared with it and with the
    /// watchdog.
    pub snapshot: Snapshot,
    /// The lock of the session on screen: one instance writes a session.
    /// Shared with the writer and the watchdog, which may have to write in
    /// the loop's stead.
    lock: Held,
    /// How the writer and the watchdog wake the event loop.
    wake: Wake,
    /// The thread that writes the notes after the frame is drawn.
    writer: Writer,
    /// Where the room listens (`--room-addr`); else the laptop's address
    /// on its default route.
    pub room_addr: Option<crate::room::Bind>,
}

impl Context {
    pub fn new(store: Store, roster: Roster) -> Self {
        let (snapshot, lock) = (Snapshot::default(), Held::default());
        let wake = Wake::default();
        let writer = Writer::new(store.clone(), Arc::clone(&snapshot), Arc::clone(&lock), Arc::clone(&wake));
        Self { store, roster, snapshot, lock, writer, wake, room_addr: None }
    }

    /// Lets go of the session's lock, if this process holds one.
    fn let_go(&self) {
        drop(self.lock.lock().ok().and_then(|mut held| held.take()));
    }
}

/// The event loop's channel, once it runs, for the threads that must wake
/// it. Not a signal to the process: a SIGWINCH that crossterm reads in the
/// same poll as a key makes it drop the key's readiness, and the key then
/// waits in the terminal until the next one is typed.
type Wake = Arc<Mutex<Option<mpsc::Sender<Input>>>>;

fn wake_loop(wake: &Wake) {
    if let Some(sender) = wake.lock().ok().and_then(|w| w.clone()) {
        let _ = sender.send(Input::Wake);
    }
}

/// The lock this process holds, if any.
type Held = Arc<Mutex<Option<Lock>>>;

/// How a session ended, for the last line the app prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// No session was open (the home screen), or it was read-only.
    Nothing,
    /// The notes are in their file.
    Saved(PathBuf),
    /// The notes could not be saved; a copy is here.
    Recovered(PathBuf),
    /// The notes could be written nowhere.
    Lost,
}

/// Runs the app in the terminal until it quits, is told to stop (SIGTERM,
/// SIGHUP when the window closes, SIGINT) or loses its terminal; the notes
/// (and the text of an entry still open, as a draft) are saved and the
/// terminal restored whatever happens. When the notes cannot be saved they
/// go to a recovery copy, and the ending says where. A panic writes what is
/// in memory to a recovery file and says where.
pub fn run(app: &mut App, context: &Context) -> io::Result<Ending> {
    let done = Arc::new(AtomicBool::new(false));
    let (stop, armed) = arm_watchdog(context, Arc::clone(&done))?;
    crate::timing::mark("watchdog");
    let mut terminal = open_terminal()?;
    crate::timing::mark("terminal");
    // A paste arrives as one event, not as keys that would each act. The
    // classic Windows console cannot be asked: there it comes as keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let listen = |sender| {
        armed.start()?;
        read_terminal(sender)
    };
    let result = panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut terminal, app, context, &stop, listen)));
    // Whatever ended the loop, the notes go to disk before we leave.
    let result = match result {
        Ok(result) => result.map(|()| last_save(app, context)),
        Err(_) => Err(io::Error::other(recover(app, context))),
    };
    done.store(true, Ordering::SeqCst);
    // Nothing more is written: the session is let go (the watchdog's
    // threads share the lock, and outlive this call).
    context.let_go();
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}
