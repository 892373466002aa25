//! The terminal side: the event loop and the effects that `update` asks for.
//!
//! The loop blocks on input until the next moment the screen must change
//! (the next second of a running countdown, the next minute of the clocks),
//! so an idle session costs no CPU. Every frame is drawn inside a
//! synchronized update, so the projector never shows half a frame.

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use chrono::Local;
use ratatui::Terminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::EnterAlternateScreen;

use crate::app::{App, Done, Effect, EntryInput, Key, KeyCode, Message, Mods, Notice, Opened, Screen};
use crate::export::{Format, sheet};
use crate::i18n::Lang;
use crate::session::{Draft, Roster, Session};
use crate::store::{Lock, LockError, Store, StoreError, file_name_for, lock};
use crate::ui;
use crate::workshop::{self, Workshop};

mod frames;
use frames::Frames;

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
}

impl Context {
    pub fn new(store: Store, roster: Roster) -> Self {
        let (snapshot, lock) = (Snapshot::default(), Held::default());
        let wake = Wake::default();
        let writer = Writer::new(store.clone(), Arc::clone(&snapshot), Arc::clone(&lock), Arc::clone(&wake));
        Self { store, roster, snapshot, lock, writer, wake }
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

/// Writes a session to its file, only under its lock: the lock is taken
/// first if this process does not hold it yet (the folder did not exist
/// when the session opened, say), and a session another instance holds is
/// not written.
fn write_locked(store: &Store, held: &Held, path: &Path, session: &Session) -> Result<(), StoreError> {
    let mut held = held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    write_held(store, &mut held, path, session)
}

/// [`write_locked`], the lock's mutex already taken.
fn write_held(store: &Store, held: &mut Option<Lock>, path: &Path, session: &Session) -> Result<(), StoreError> {
    if held.as_ref().is_none_or(|l| l.session() != path) {
        match lock(path) {
            Ok(lock) => *held = Some(lock),
            Err(LockError::Held(holder)) => return Err(StoreError::Held(holder)),
            Err(LockError::Io(e)) => return Err(StoreError::Io { path: path.to_path_buf(), error: e }),
        }
    }
    store.save_at(path, session)
}

/// How far the writer got: generations count the saves handed over.
#[derive(Debug, Default)]
struct Progress {
    /// The last save handed over.
    handed: u64,
    /// The last save tried (written, failed, or taken over by another
    /// writer: the last save or the watchdog).
    finished: u64,
    /// The last save whose notes are on the disk, flushed.
    written: u64,
    /// The last save of notes the screen marks until they are on the disk.
    marked: u64,
    /// How the last tried save went, not yet told to the app.
    outcome: Option<Result<(), StoreError>>,
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
    fn new(store: Store, snapshot: Snapshot, held: Held, wake: Wake) -> Self {
        Self { shared: Arc::default(), store, snapshot, held, wake, started: std::sync::Once::new() }
    }

    fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.shared.progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
    fn hand(&self, wanted: Wanted, pending: impl FnOnce(u64) -> Pending) {
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
    fn wait_idle(&self) {
        let mut progress = self.progress();
        while progress.finished < progress.handed {
            progress = self.shared.changed.wait(progress).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// How the last save tried went, once.
    fn take_outcome(&self) -> Option<Result<(), StoreError>> {
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

/// Everything said about a session before it shows: read-only when asked,
/// for an example, for a file of a newer build, when its workshop is gone
/// (it then shows on a stand-in made of its notes) or when another
/// instance holds it. The lock is taken here: one instance writes a
/// session. The one rule for `atelier open`, the home screen and new
/// sessions alike.
pub fn prepare(
    context: &Context,
    loaded: &Rc<Workshop>,
    session: Session,
    path: PathBuf,
    read_only: bool,
    newer: Option<u64>,
) -> Opened {
    let (workshop, missing) = match workshop::of_session(&session, loaded) {
        Ok(workshop) => (workshop, None),
        Err((stand_in, missing)) => (stand_in, Some(missing)),
    };
    let mut notice = newer.map(Notice::Newer).or(missing.as_ref().map(|m| Notice::WorkshopMissing(m.what.clone())));
    let mut read_only = read_only || session.example || newer.is_some() || missing.is_some();
    let mut held = context.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Whatever was open before is released.
    *held = None;
    if !read_only {
        match lock(&path) {
            Ok(lock) => *held = Some(lock),
            Err(LockError::Held(holder)) => {
                read_only = true;
                notice = Some(Notice::Held(holder));
            }
            // The folder cannot be made now: the first save takes the
            // lock before it writes, or says why it cannot.
            Err(LockError::Io(_)) => {}
        }
    }
    Opened { session, path, read_only, workshop, notice }
}

/// A session just made, to show. Nobody can know of it yet, so its lock
/// is left to its first save, which takes it before it writes (right after
/// the first frame, on the writer's thread): making the lock's file was a
/// tenth of the work before the first frame of `atelier new`. Whatever was
/// open before is released.
pub fn fresh(context: &Context, workshop: &Rc<Workshop>, session: Session, path: PathBuf) -> Opened {
    context.let_go();
    Opened { session, path, read_only: false, workshop: Rc::clone(workshop), notice: None }
}

/// Reads a session file and prepares it to show.
pub fn open_file(
    context: &Context,
    built_in: &Rc<Workshop>,
    path: PathBuf,
    read_only: bool,
) -> Result<Opened, StoreError> {
    let (session, newer) = context.store.load_for_reading(&path)?;
    Ok(prepare(context, built_in, session, path, read_only, newer))
}

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
    let mut terminal = open_terminal()?;
    // A paste arrives as one event, not as keys that would each act. The
    // classic Windows console cannot be asked: there it comes as keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut terminal, app, context, &stop, armed)));
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

/// The terminal, its output buffered: a frame goes out in one write, where
/// the standard output would write it a kilobyte at a time.
type Tty = Terminal<Frames<io::BufWriter<io::Stdout>>>;

/// What `ratatui::try_init` does, with the buffered output: raw mode, the
/// alternate screen, and a panic that gives the terminal back before its
/// message is printed.
fn open_terminal() -> io::Result<Tty> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    Terminal::new(Frames::new(io::BufWriter::with_capacity(1 << 16, io::stdout())))
}

/// The last save, with the text of an entry still open as a draft; if the
/// file cannot be written, a recovery copy.
fn last_save(app: &App, context: &Context) -> Ending {
    let Some(run) = app.run().filter(|r| !r.read_only) else { return Ending::Nothing };
    // The writer's snapshot is taken: it writes nothing after this save.
    drop(context.snapshot.lock().ok().and_then(|mut s| s.take()));
    let mut copy = run.session.settled(app.now(), Local::now());
    copy.draft = app.draft();
    match write_locked(&context.store, &context.lock, &run.path, &copy) {
        Ok(()) => Ending::Saved(run.path.clone()),
        Err(_) => write_recovery(&context.store, &run.path, &copy).map_or(Ending::Lost, Ending::Recovered),
    }
}

/// Writes a copy of the notes where it can: the sessions folder's
/// `recovery/`, else the user's data folder, else the temporary folder.
/// Its name comes from the session's file name, never from its content.
fn write_recovery(store: &Store, path: &Path, session: &Session) -> Option<PathBuf> {
    let json = serde_json::to_vec_pretty(session).ok()?;
    let name = format!("{}-{}.json", file_name_for(path), Local::now().format("%Y%m%d-%H%M%S"));
    let data = crate::store::user_data_folder().map(|d| d.join("recovery"));
    let folders = [Some(store.dir().join("recovery")), data, Some(std::env::temp_dir().join("atelier-recovery"))];
    folders
        .into_iter()
        .flatten()
        .map(|folder| folder.join(&name))
        .find(|target| store.write_file(target, &json).is_ok())
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
enum Wanted {
    #[default]
    No,
    /// The session as opened: nothing on screen to mark.
    Quiet,
    /// Notes changed on screen: marked until they are on the disk.
    Marked,
}

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
fn arm_watchdog(context: &Context, done: Arc<AtomicBool>) -> io::Result<(Arc<AtomicBool>, watch::Armed)> {
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

/// The one line that says the notes were not saved and where their copy is.
pub fn recovered_line(tr: &crate::i18n::Tr, to: &Path) -> String {
    let to = crate::text::clean(&to.display().to_string());
    tr.args("exit-recovered", &[("path", (&to).into())])
}

/// What tells a session to end, on Unix: signals, and the terminal hanging up.
#[cfg(unix)]
mod watch {
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
}

/// What tells a session to end, on Windows: the console's events. Closing
/// the window (Windows Terminal's tab or the classic console) sends
/// CTRL_CLOSE_EVENT, the hang-up of a console; Windows ends the process
/// some seconds after the handler is called, or as soon as it returns.
#[cfg(windows)]
mod watch {
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
}

/// After a panic: the session as it is in memory goes to a file of its own
/// (never over the notes), and the message says where.
fn recover(app: &mut App, context: &Context) -> String {
    let texts = Rc::clone(&app.workshop.texts);
    let tr = crate::i18n::Tr::new(&texts, app.lang);
    let now = app.now();
    let Some(run) = app.run() else { return tr.t("error-crashed") };
    let mut session = run.session.settled(now, Local::now());
    session.draft = app.draft();
    match write_recovery(&context.store, &run.path, &session) {
        Some(target) => {
            let target = crate::text::clean(&target.display().to_string());
            tr.args("error-crashed-recovered", &[("path", (&target).into())])
        }
        None => tr.t("error-crashed"),
    }
}

/// How many events in a row without a key may come before the terminal is
/// checked: a terminal that is gone can make reads return at once, forever.
const SPIN_GUARD: u32 = 1000;

/// What the event loop waits for: the terminal's events and the changes of
/// the session's files, merged into one stream, so that the loop still
/// blocks on one thing until the next moment the screen must change.
enum Input {
    Terminal(io::Result<Event>),
    /// The session file, its lock or a wall's presence changed.
    Files,
    /// The watchdog asks the loop to look at its stop flag.
    Wake,
}

/// Reads the terminal on a thread of its own, which blocks until an event
/// comes, and sends what it reads down the loop's channel; it ends with the
/// loop (its channel closed) or at the terminal's first error.
fn read_terminal(sender: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new().name("terminal".into()).spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(Input::Terminal(event)).is_err() || failed {
                return;
            }
        }
    })?;
    Ok(())
}

/// The wall takes the session as its file says now, and whether it still
/// runs; the facilitator's screen learns whether a wall shows it.
fn files_changed(app: &App, context: &Context) -> Option<Message> {
    let path = &app.run()?.path;
    if !app.wall {
        return Some(Message::WallOpen(crate::wall::is_open(path)));
    }
    let live = crate::wall::is_running(path);
    // A file caught unreadable keeps the last state on the wall.
    let session = context.store.load_for_reading(path).ok().map(|(session, _)| session);
    let age = session.as_ref().map_or(Duration::ZERO, |s| (Local::now() - s.updated_at).to_std().unwrap_or_default());
    Some(Message::Follow { session: session.map(Box::new), live, age })
}

fn event_loop(
    terminal: &mut Tty,
    app: &mut App,
    context: &Context,
    stop: &AtomicBool,
    armed: watch::Armed,
) -> io::Result<()> {
    let mut idle_events = 0u32;
    let (sender, inputs) = mpsc::channel();
    if let Ok(mut wake) = context.wake.lock() {
        *wake = Some(sender.clone());
    }
    let mut watch = crate::wall::Watch::new(sender.clone(), || Input::Files);
    // What listens starts once the first frame is out, not before it: keys
    // typed until then wait in the terminal, a signal in the watchdog.
    let mut listeners = Some((armed, sender));
    let mut wanted = Wanted::No;
    let mut clean_up = true;
    loop {
        report(app, context);
        for effect in app.take_effects() {
            match effect {
                // The screen first, the disk right after.
                Effect::Save => wanted = wanted.max(Wanted::Marked),
                Effect::SaveOpened => wanted = wanted.max(Wanted::Quiet),
                Effect::Bell => ring(),
                // What reads or lets go of the files comes after the
                // notes are written.
                effect => {
                    flush(app, context, &mut wanted);
                    apply(effect, app, context);
                }
            }
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        draw(terminal, app, wanted == Wanted::Marked || context.writer.unsaved())?;
        if let Some((armed, sender)) = listeners.take() {
            armed.start()?;
            read_terminal(sender)?;
        }
        if wanted != Wanted::No && !context.writer.busy() {
            save(app, context, std::mem::take(&mut wanted));
        }
        // After the frame: the watch starts with a look at the files as
        // they are, so nothing that changed before it is missed.
        watch.follow(app.run().map(|r| r.path.as_path()));
        // The home screen is on the terminal: now its folder is read.
        if matches!(&app.screen, Screen::Home(home) if home.loading) {
            fill_home(app, context);
            continue;
        }
        // What the app left behind once is removed when it first waits for
        // the room, not before its first screen: the folder may hold years
        // of notes. A wall writes nothing, not even a cleaning.
        if std::mem::take(&mut clean_up) && !app.wall {
            let store = context.store.clone();
            let _ = std::thread::Builder::new().name("clean-up".into()).spawn(move || store.clean_leftovers());
        }
        let input = match app.next_redraw_in() {
            Some(timeout) => match inputs.recv_timeout(timeout) {
                Ok(input) => Some(input),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::BrokenPipe.into()),
            },
            None => Some(inputs.recv().map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?),
        };
        let message = match input {
            None => Message::Tick,
            Some(Input::Wake) => continue,
            Some(Input::Files) => match files_changed(app, context) {
                Some(message) => message,
                None => continue,
            },
            Some(Input::Terminal(event)) => match event? {
                Event::Key(event) => {
                    idle_events = 0;
                    panic_for_tests(event);
                    match key_of(event).and_then(|key| ui::keys::message_for(app, key)) {
                        Some(message) => message,
                        None => continue,
                    }
                }
                Event::Paste(text) if app.entry.is_some() => Message::Entry(EntryInput::Paste(text)),
                // The wheel scrolls the text on screen, where the terminal sends it.
                Event::Mouse(mouse) if mouse.kind == event::MouseEventKind::ScrollDown => Message::Scroll(3),
                Event::Mouse(mouse) if mouse.kind == event::MouseEventKind::ScrollUp => Message::Scroll(-3),
                // A resize or anything else only needs a fresh frame, unless
                // they come in a storm from a terminal that is gone.
                _ => {
                    idle_events += 1;
                    if idle_events >= SPIN_GUARD {
                        idle_events = 0;
                        ratatui::crossterm::terminal::size()?;
                    }
                    continue;
                }
            },
        };
        app.update(message);
        keep_draft(app, context);
    }
}

/// The past sessions of the home screen, read after its first frame; a
/// folder that cannot be read leaves the list empty and says why.
fn fill_home(app: &mut App, context: &Context) {
    match context.store.list() {
        Ok(entries) => app.update(Message::Done(Done::Listed(entries))),
        Err(e) => {
            app.update(Message::Done(Done::Listed(Vec::new())));
            app.update(Message::Done(failed(app, e)));
        }
    }
}

/// Tells the app how the writer's last save went, once it is flushed to
/// the disk or has failed: never before.
fn report(app: &mut App, context: &Context) {
    if let Some(outcome) = context.writer.take_outcome() {
        let outcome = outcome.err().map(|e| e.message(&app.tr()));
        app.update(Message::Done(Done::Saved(outcome)));
    }
}

/// Writes the notes now, if a save is wanted, and waits for every save
/// handed over: before anything reads the file or lets the session go.
fn flush(app: &mut App, context: &Context, wanted: &mut Wanted) {
    let wanted = std::mem::take(wanted);
    if wanted != Wanted::No {
        save(app, context, wanted);
    }
    context.writer.wait_idle();
    report(app, context);
}

fn ring() {
    let mut out = io::stdout();
    // A bell that cannot ring is not worth stopping the session for.
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}

/// The text of an open entry goes with the snapshot (in memory only), so
/// that the watchdog keeps it if it has to write in the loop's stead.
fn keep_draft(app: &App, context: &Context) {
    if let Ok(mut snapshot) = context.snapshot.lock()
        && let Some(pending) = snapshot.as_mut()
    {
        pending.draft = app.draft();
        pending.lang = app.lang;
    }
}

/// A test hook: F12 panics when the environment variable
/// ATELIER_TEST_PANIC is set, which only the end-to-end tests do
/// (tests/e2e_safety.rs), to check what a panic leaves behind. It holds in
/// debug and release builds alike, so that `cargo test --release` checks
/// the binary as shipped; without the variable, F12 does nothing here.
fn panic_for_tests(key: ratatui::crossterm::event::KeyEvent) {
    if key.code == ratatui::crossterm::event::KeyCode::F(12) && std::env::var_os("ATELIER_TEST_PANIC").is_some() {
        panic!("a panic asked for by a test");
    }
}

/// The terminal's key event in the app's own words; releases and keys the
/// app has no use for are none.
fn key_of(event: event::KeyEvent) -> Option<Key> {
    use event::{KeyCode as K, KeyEventKind, KeyModifiers as M};
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Esc => KeyCode::Esc,
        K::Backspace => KeyCode::Backspace,
        K::Delete => KeyCode::Delete,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let mods = Mods {
        shift: event.modifiers.contains(M::SHIFT),
        ctrl: event.modifiers.contains(M::CONTROL),
        alt: event.modifiers.contains(M::ALT),
    };
    Some(Key::new(code, mods))
}

/// What the top right cell shows while notes on screen are not on the
/// disk yet: the frame comes before the save, and this says so until the
/// writer has flushed them. Top right, because a frame's changes reach the
/// terminal row by row from the top: a terminal that shows a frame as it
/// comes (one without synchronized updates) shows the mark before any
/// change it covers.
pub const UNSAVED_MARK: &str = "⟳";

/// Draws a frame; what the view measured (how far its text scrolls) goes
/// back to `update` when it changed.
fn draw(terminal: &mut Tty, app: &mut App, unsaved: bool) -> io::Result<()> {
    let mut viewed = ui::Viewed::default();
    let drawn = terminal.draw(|frame| {
        viewed = ui::view(app, frame);
        let area = frame.area();
        if unsaved && !area.is_empty() {
            frame.buffer_mut()[(area.right() - 1, area.top())].set_symbol(UNSAVED_MARK);
        }
    });
    if let Err(error) = drawn {
        // A synchronized update begun is ended, or the terminal would wait.
        let _ = ratatui::backend::Backend::flush(terminal.backend_mut());
        return Err(error);
    }
    if viewed.scroll_max != app.scroll_max {
        app.update(Message::Viewed(viewed));
    }
    Ok(())
}

/// Carries out an effect; what it brings back goes to `update`.
fn apply(effect: Effect, app: &mut App, context: &Context) {
    let done = match effect {
        Effect::Save => {
            flush(app, context, &mut Wanted::Marked);
            return;
        }
        Effect::SaveOpened => {
            flush(app, context, &mut Wanted::Quiet);
            return;
        }
        Effect::Bell => {
            ring();
            return;
        }
        Effect::Open { path, read_only } => match open_file(context, &app.built_in, path, read_only) {
            Ok(opened) => Done::Opened(Box::new(opened)),
            Err(e) => failed(app, e),
        },
        Effect::New => {
            let (session, path) = new_session(&app.built_in, app.lang, context);
            Done::Opened(Box::new(fresh(context, &app.built_in, session, path)))
        }
        Effect::Rename { path, group } => {
            let renamed = held_by_us(&path).and_then(|_lock| {
                let mut session = context.store.load(&path)?;
                session.roster.group = group;
                session.updated_at = Local::now();
                context.store.save_at(&path, &session)
            });
            if let Err(e) = renamed {
                app.update(Message::Done(failed(app, e)));
            }
            list(app, context)
        }
        Effect::FollowUp(path) => match context.store.load(&path) {
            Ok(first) => {
                let now = Local::now();
                let workshop = workshop::of_session(&first, &app.built_in).unwrap_or_else(|(stand_in, _)| stand_in);
                let id = context.store.new_id(&workshop.programme.id, now);
                let next = first.follow_up(id.clone(), &workshop.programme, app.lang, now);
                Done::Opened(Box::new(prepare(context, &app.built_in, next, context.store.path_of(&id), false, None)))
            }
            Err(e) => failed(app, e),
        },
        Effect::Trash(path) => {
            let group = context.store.load(&path).map(|s| s.roster.group).unwrap_or_default();
            let done = match held_by_us(&path).and_then(|_lock| context.store.trash(&path)) {
                Ok(to) => Done::Trashed { from: path, to, group },
                Err(e) => failed(app, e),
            };
            app.update(Message::Done(list(app, context)));
            done
        }
        Effect::Untrash { from, to } => {
            if let Err(e) = context.store.untrash(&from, &to) {
                app.update(Message::Done(failed(app, e)));
            }
            list(app, context)
        }
        Effect::Home => {
            // The session is written (the save came first) and let go.
            context.let_go();
            if let Ok(mut snapshot) = context.snapshot.lock() {
                *snapshot = None;
            }
            match context.store.list() {
                Ok(entries) => Done::Home(entries),
                Err(e) => {
                    app.update(Message::Done(Done::Home(Vec::new())));
                    failed(app, e)
                }
            }
        }
        Effect::Trend(group) => match context.store.group_sessions(&group) {
            Ok(sessions) => Done::Trend { group, trend: crate::trend::trend(app.programme(), &sessions) },
            Err(e) => failed(app, e),
        },
        Effect::Export(path) => {
            if app.run().is_some_and(|r| r.path == path) {
                flush(app, context, &mut Wanted::Quiet);
            }
            match export_sheet(app, context, &path) {
                Ok(to) => {
                    let text = app.tr().args("notice-exported", &[("path", to.display().to_string().as_str().into())]);
                    Done::Notice(Some(Notice::Done(text)))
                }
                Err(e) => failed(app, e),
            }
        }
    };
    app.update(Message::Done(done));
}

/// The lock of a session that is not on screen, for a change made from the
/// home screen: refused while another instance has it open.
fn held_by_us(path: &Path) -> Result<Lock, StoreError> {
    lock(path).map_err(|e| match e {
        LockError::Held(holder) => StoreError::Held(holder),
        LockError::Io(error) => StoreError::Io { path: path.to_path_buf(), error },
    })
}

/// A failure to say in the status line.
fn failed(app: &App, error: StoreError) -> Done {
    Done::Notice(Some(Notice::OpenFailed(error.message(&app.tr()))))
}

/// The folder read again after a change.
fn list(app: &App, context: &Context) -> Done {
    match context.store.list() {
        Ok(entries) => Done::Listed(entries),
        Err(e) => failed(app, e),
    }
}

/// Writes the printable sheet of a session (with the trend of its group)
/// beside the notes, in `exports/`, in the language on screen.
fn export_sheet(app: &App, context: &Context, path: &Path) -> Result<PathBuf, StoreError> {
    let (name, html) = sheet(&context.store, &app.built_in, path, Format::Html, Some(app.lang))?;
    let name = format!("{name}.html");
    context.store.write_export(&context.store.dir().join("exports").join(&name), &name, html.as_bytes())
}

/// A fresh session of the built-in workshop, in the language on screen,
/// for the roster given on the command line.
pub fn new_session(workshop: &Workshop, lang: crate::i18n::Lang, context: &Context) -> (Session, PathBuf) {
    let now = Local::now();
    let id = context.store.new_id(&workshop.programme.id, now);
    let mut session = Session::new(id.clone(), &workshop.programme, context.roster.clone(), lang, now);
    session.workshop_dir = workshop.dir.clone();
    (session, context.store.path_of(&id))
}

/// Hands the session as it stands to the writer, clocks settled in a copy:
/// the session in memory is only read. How it went comes back through
/// [`report`] once it is on the disk; the copy is what the watchdog writes
/// again if the loop cannot (written or not: a failed save is kept for it
/// too).
fn save(app: &App, context: &Context, wanted: Wanted) {
    let now = app.now();
    let Some(run) = app.run().filter(|r| !r.read_only) else { return };
    let session = Arc::new(run.session.settled(now, Local::now()));
    let (path, draft, lang) = (run.path.clone(), app.draft(), app.lang);
    context.writer.hand(wanted, |generation| Pending { path, session, draft, lang, generation });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::Programme;

    fn writer(dir: &Path) -> (Writer, Snapshot, Held) {
        let (snapshot, held) = (Snapshot::default(), Held::default());
        let writer = Writer::new(Store::new(dir), Arc::clone(&snapshot), Arc::clone(&held), Wake::default());
        (writer, snapshot, held)
    }

    fn session(group: &str) -> Session {
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
        assert!(matches!(writer.take_outcome(), Some(Ok(()))));
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
        assert!(matches!(writer.take_outcome(), Some(Ok(()))));
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

    /// A new session is shown before anything is on the disk; its first
    /// save takes its lock, then writes, and another instance finds it held.
    #[test]
    fn a_new_session_is_locked_by_its_first_save() {
        use crate::app::{Home, Screen};
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("notes");
        let context = Context::new(Store::new(&folder), Roster::default());
        let mut app =
            App::built_in(Lang::Fr, Rc::new(crate::timer::FakeClock::default()), Screen::Home(Home::new(Vec::new())));
        let (session, path) = new_session(&app.built_in, Lang::Fr, &context);
        let opened = fresh(&context, &app.built_in, session, path.clone());
        assert!(!opened.read_only && opened.notice.is_none());
        assert!(!folder.exists(), "nothing written before the first frame");
        assert!(context.lock.lock().unwrap().is_none());
        app.update(Message::Done(Done::Opened(Box::new(opened))));
        save(&app, &context, Wanted::Quiet);
        context.writer.wait_idle();
        assert!(path.exists());
        let held = context.lock.lock().unwrap();
        assert_eq!(held.as_ref().map(Lock::session), Some(path.as_path()));
        assert!(matches!(lock(&path), Err(LockError::Held(_))), "another instance finds it held");
    }

    /// The text of an open entry goes with the writer's snapshot at every
    /// key, and the language with it: what the watchdog writes if the loop
    /// cannot.
    #[test]
    fn the_text_typed_goes_with_the_snapshot_at_every_key() {
        use crate::app::{Home, Screen};
        use crate::steps::Action;
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::built_in(Lang::Fr, Rc::new(crate::timer::FakeClock::default()), home);
        app.show_session(session("G"), dir.path().join("s.json"), false);
        app.update(Message::NextStep);
        app.update(Message::NextStep);
        save(&app, &context, Wanted::Marked);
        context.writer.wait_idle();
        app.update(Message::Step(Action::Add));
        app.update(Message::Entry(EntryInput::Paste("Confiance".into())));
        app.update(Message::ToggleLang);
        keep_draft(&app, &context);
        let snapshot = context.snapshot.lock().unwrap();
        let pending = snapshot.as_ref().expect("the save's snapshot");
        assert_eq!(pending.draft.as_ref().map(|d| d.text.as_str()), Some("Confiance"));
        assert_eq!(pending.lang, Lang::En);
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
