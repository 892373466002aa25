//! The terminal side: the event loop and the effects that `update` asks for.
//!
//! The loop blocks on input until the next moment the screen must change
//! (the next second of a running countdown, the next minute of the clocks),
//! so an idle session costs no CPU. Every frame is drawn inside a
//! synchronized update, so the projector never shows half a frame.

use std::cell::RefCell;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Local;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};

use crate::app::{App, Effect, EntryInput, Message, Notice, Screen};
use crate::session::{Roster, Session};
use crate::store::{Lock, Store, StoreError, lock, lock_path};
use crate::ui;

/// While a countdown runs the file is refreshed this often, so that even a
/// power cut loses at most this much of the clocks.
const CHECKPOINT: Duration = Duration::from_secs(60);

/// What the runtime needs besides the app: where notes go, and the roster
/// for a session started from the home screen.
pub struct Context {
    pub store: Store,
    pub roster: Roster,
    /// The notes as last written, shared with the watchdog.
    pub snapshot: Snapshot,
    /// The lock of the session on screen: one instance writes a session.
    lock: RefCell<Option<Lock>>,
}

impl Context {
    pub fn new(store: Store, roster: Roster) -> Self {
        Self { store, roster, snapshot: Snapshot::default(), lock: RefCell::new(None) }
    }
}

/// Shows a session, after taking its lock: a session another instance has
/// open is shown read-only, with who holds it.
pub fn open_session(app: &mut App, context: &Context, session: Session, path: PathBuf, read_only: bool) {
    let mut read_only = read_only;
    // Whatever was open before is released.
    context.lock.replace(None);
    if !read_only {
        match lock(&path) {
            Ok(lock) => {
                context.lock.replace(Some(lock));
            }
            Err(holder) => {
                read_only = true;
                app.notice = Some(Notice::Held(holder));
            }
        }
    }
    app.show_session(session, path, read_only);
}

/// Runs the app in the terminal until it quits, is told to stop (SIGTERM,
/// SIGHUP when the window closes, SIGINT) or loses its terminal; the notes
/// are saved and the terminal restored whatever happens. A panic writes
/// what is in memory to a recovery file and says where.
pub fn run(app: &mut App, context: &Context) -> io::Result<()> {
    let done = Arc::new(AtomicBool::new(false));
    let stop = start_watchdog(context.store.clone(), Arc::clone(&context.snapshot), Arc::clone(&done))?;
    let mut terminal = ratatui::try_init()?;
    // A paste arrives as one event, not as keys that would each act.
    execute!(io::stdout(), EnableBracketedPaste)?;
    let result = panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut terminal, app, context, &stop)));
    let result = match result {
        Ok(result) => {
            // Whatever ended the loop, the notes go to disk before we leave.
            if app.run().is_some() {
                save(app, context);
            }
            result
        }
        Err(_) => Err(io::Error::other(recover(app, context))),
    };
    done.store(true, Ordering::SeqCst);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// The notes as last written, for the watchdog to write again with their
/// clocks up to date if the main thread cannot.
pub type Snapshot = Arc<Mutex<Option<(PathBuf, Session)>>>;

/// How long the watchdog lets the event loop save and leave by itself.
const GRACE: Duration = Duration::from_millis(300);

/// Watches, on threads of its own that sleep until something happens, for
/// the signals that end a session (SIGTERM, SIGHUP, SIGINT) and for the
/// terminal going away. Either sets `stop` and raises SIGWINCH, which
/// crossterm turns into a resize event, so the event loop wakes, saves and
/// leaves. If it does not within the grace time — crossterm can spin
/// forever reading nothing from a dead terminal — the watchdog writes the
/// last notes itself, clocks settled, and ends the process.
fn start_watchdog(store: Store, snapshot: Snapshot, done: Arc<AtomicBool>) -> io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let shutdown = {
        let stop = Arc::clone(&stop);
        move || {
            if stop.swap(true, Ordering::SeqCst) {
                return;
            }
            // The session ended now, not after the grace time.
            let stopped_at = Instant::now();
            // SAFETY: kill(2) on our own process, with a valid signal.
            unsafe { libc::kill(libc::getpid(), SIGWINCH) };
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline {
                if done.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            if let Some((path, mut session)) = snapshot.lock().ok().and_then(|mut s| s.take()) {
                session.settle(stopped_at);
                session.updated_at = Local::now();
                let _ = store.save_at(&path, &session);
                let _ = std::fs::remove_file(lock_path(&path));
            }
            ratatui::restore();
            std::process::exit(0);
        }
    };
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let on_signal = shutdown.clone();
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if signals.forever().next().is_some() {
            on_signal();
        }
    })?;
    std::thread::Builder::new().name("hangup".into()).spawn(move || {
        if wait_for_hangup() {
            shutdown();
        }
    })?;
    Ok(stop)
}

/// Blocks until the terminal on standard input hangs up (its window was
/// closed, its other side went away); false if that cannot be watched.
fn wait_for_hangup() -> bool {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: 0, revents: 0 };
    loop {
        // SAFETY: one valid pollfd, for the length given.
        let ready = unsafe { libc::poll(&mut fd, 1, -1) };
        if ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return true;
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return false;
        }
    }
}

/// After a panic: the session as it is in memory goes to a file of its own
/// (never over the notes), and the message says where.
fn recover(app: &mut App, context: &Context) -> String {
    let texts = std::rc::Rc::clone(&app.texts);
    let tr = crate::i18n::Tr::new(&texts, app.lang);
    let now = app.now();
    let Some(run) = app.run_mut() else { return tr.t("error-crashed") };
    run.session.settle(now);
    let name = format!("{}-{}.json", run.session.id, Local::now().format("%Y%m%d-%H%M%S"));
    let target = context.store.dir().join("recovery").join(name);
    match serde_json::to_vec_pretty(&run.session)
        .map_err(io::Error::other)
        .and_then(|json| context.store.write_file(&target, &json).map_err(|e| io::Error::other(e.to_string())))
    {
        Ok(()) => tr.args("error-crashed-recovered", &[("path", target.display().to_string().as_str().into())]),
        Err(_) => tr.t("error-crashed"),
    }
}

/// How many events in a row without a key may come before the terminal is
/// checked: a terminal that is gone can make reads return at once, forever.
const SPIN_GUARD: u32 = 1000;

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, context: &Context, stop: &AtomicBool) -> io::Result<()> {
    let mut last_save = Instant::now();
    let mut idle_events = 0u32;
    loop {
        for effect in app.take_effects() {
            apply(effect, app, context, &mut last_save);
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        draw(terminal, app)?;
        let message = match app.next_redraw_in() {
            Some(timeout) if !event::poll(timeout)? => Message::Tick,
            _ => match event::read()? {
                Event::Key(key) => {
                    idle_events = 0;
                    panic_for_tests(key);
                    match ui::keys::message_for(app, key) {
                        Some(message) => message,
                        None => continue,
                    }
                }
                Event::Paste(text) if app.entry.is_some() => Message::Entry(EntryInput::Paste(text)),
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
        let retry = message == Message::Tick && matches!(app.notice, Some(Notice::SaveFailed(_)));
        app.update(message);
        if retry {
            save(app, context);
        }
        if app.run().is_some_and(|r| r.session.steps.iter().flat_map(|s| &s.rounds).any(|c| c.is_running()))
            && last_save.elapsed() >= CHECKPOINT
        {
            save(app, context);
            last_save = Instant::now();
        }
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

fn draw(terminal: &mut DefaultTerminal, app: &App) -> io::Result<()> {
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    let drawn = terminal.draw(|frame| ui::view(app, frame));
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    drawn.map(|_| ())
}

fn apply(effect: Effect, app: &mut App, context: &Context, last_save: &mut Instant) {
    match effect {
        Effect::Save => {
            save(app, context);
            *last_save = Instant::now();
        }
        Effect::Bell => {
            let mut out = io::stdout();
            // A bell that cannot ring is not worth stopping the session for.
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        Effect::Open { path, read_only } => match context.store.load_for_reading(&path) {
            Ok((session, newer)) => {
                app.notice = None;
                // An example is there to be looked at, and a file from a
                // newer version must not be written by this one.
                let read_only = read_only || session.example || newer.is_some();
                open_session(app, context, session, path, read_only);
                if let Some(version) = newer {
                    app.notice = Some(Notice::Newer(version));
                }
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::New => {
            let (session, path) = new_session(app, context);
            open_session(app, context, session, path, false);
        }
        Effect::Rename { path, group } => {
            let renamed = context.store.load(&path).and_then(|mut session| {
                session.group = group;
                session.updated_at = Local::now();
                context.store.save_at(&path, &session)
            });
            report(app, renamed.map(|()| None));
            refresh_home(app, context);
        }
        Effect::FollowUp(path) => match context.store.load(&path) {
            Ok(first) => {
                let now = Local::now();
                let id = context.store.new_id(&app.programme.id, now);
                let next = first.follow_up(id.clone(), &app.programme, app.lang, now);
                open_session(app, context, next, context.store.path_of(&id), false);
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::Trash(path) => {
            let trashed = context.store.trash(&path);
            let done = trashed
                .map(|to| Some(app.tr().args("notice-trashed", &[("path", to.display().to_string().as_str().into())])));
            report(app, done);
            refresh_home(app, context);
        }
        Effect::Trend(group) => match context.store.group_sessions(&group) {
            Ok(sessions) => {
                let trend = crate::trend::trend(&app.programme, &sessions);
                app.show_trend(group, trend);
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::Export(path) => {
            if app.run().is_some_and(|r| r.path == path) {
                save(app, context);
            }
            let written = export_sheet(app, context, &path);
            let done = written.map(|to| {
                Some(app.tr().args("notice-exported", &[("path", to.display().to_string().as_str().into())]))
            });
            report(app, done);
        }
    }
}

/// Shows how an operation on a file went.
fn report(app: &mut App, result: Result<Option<String>, StoreError>) {
    app.notice = match result {
        Ok(done) => done.map(Notice::Done),
        Err(e) => Some(Notice::OpenFailed(e.message(&app.tr()))),
    };
}

/// Reads the folder again after a change, keeping the search and the line.
fn refresh_home(app: &mut App, context: &Context) {
    let Screen::Home(home) = &mut app.screen else { return };
    match context.store.list() {
        Ok(entries) => {
            home.entries = entries;
            home.selected = home.selected.min(home.visible(&home.search).count());
        }
        Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
    }
}

/// Writes the printable sheet of a session (with the trend of its group)
/// beside the notes, in `exports/`, in the language on screen.
fn export_sheet(app: &App, context: &Context, path: &Path) -> Result<PathBuf, StoreError> {
    let session = context.store.load(path)?;
    let group = context.store.group_sessions(&session.group)?;
    let trend = crate::trend::trend(&app.programme, &group);
    let html = crate::export::render(crate::export::Format::Html, &app.programme, &session, Some(&trend), &app.tr());
    let target = context.store.dir().join("exports").join(format!("{}.html", session.id));
    context.store.write_file(&target, html.as_bytes())?;
    Ok(target)
}

/// A fresh session for the programme of the app, in the language on screen.
pub fn new_session(app: &App, context: &Context) -> (Session, PathBuf) {
    let now = Local::now();
    let id = context.store.new_id(&app.programme.id, now);
    let session = Session::new(id.clone(), &app.programme, context.roster.clone(), app.lang, now);
    (session, context.store.path_of(&id))
}

/// Writes the session; a failure is shown, and the next change tries again.
fn save(app: &mut App, context: &Context) {
    let now = app.now();
    let Some(run) = app.run_mut().filter(|r| !r.read_only) else { return };
    run.session.settle(now);
    run.session.updated_at = Local::now();
    match context.store.save_at(&run.path, &run.session) {
        Ok(()) => {
            if let Ok(mut snapshot) = context.snapshot.lock() {
                *snapshot = Some((run.path.clone(), run.session.clone()));
            }
            if matches!(app.notice, Some(Notice::SaveFailed(_))) {
                app.notice = None;
            }
        }
        Err(e) => app.notice = Some(Notice::SaveFailed(e.message(&app.tr()))),
    }
}
