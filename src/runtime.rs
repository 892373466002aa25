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
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Local;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};

use crate::app::{App, Done, Effect, EntryInput, Key, KeyCode, Message, Mods, Notice, Opened};
use crate::export::{Format, sheet};
use crate::session::{Roster, Session};
use crate::store::{Lock, Store, StoreError, lock, lock_path};
use crate::ui;
use crate::workshop::{self, Workshop};

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
    // Whatever was open before is released.
    context.lock.replace(None);
    if !read_only {
        match lock(&path) {
            Ok(lock) => {
                context.lock.replace(Some(lock));
            }
            Err(holder) => {
                read_only = true;
                notice = Some(Notice::Held(holder));
            }
        }
    }
    Opened { session, path, read_only, workshop, notice }
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
            if let Some((path, session)) = snapshot.lock().ok().and_then(|mut s| s.take()) {
                let _ = store.save_at(&path, &session.settled(stopped_at, Local::now()));
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
    let texts = Rc::clone(&app.workshop.texts);
    let tr = crate::i18n::Tr::new(&texts, app.lang);
    let now = app.now();
    let Some(run) = app.run() else { return tr.t("error-crashed") };
    let session = run.session.settled(now, Local::now());
    let name = format!("{}-{}.json", session.id, Local::now().format("%Y%m%d-%H%M%S"));
    let target = context.store.dir().join("recovery").join(name);
    match serde_json::to_vec_pretty(&session)
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
        let retry = message == Message::Tick && matches!(app.notice, Some(Notice::SaveFailed(_)));
        app.update(message);
        if retry {
            save(app, context);
        }
        if app.run().is_some_and(|r| r.session.countdown_running()) && last_save.elapsed() >= CHECKPOINT {
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

/// Draws a frame; what the view measured (how far its text scrolls) goes
/// back to `update` when it changed.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    execute!(io::stdout(), BeginSynchronizedUpdate)?;
    let mut viewed = ui::Viewed::default();
    let drawn = terminal.draw(|frame| viewed = ui::view(app, frame));
    execute!(io::stdout(), EndSynchronizedUpdate)?;
    drawn?;
    if viewed.scroll_max != app.scroll_max {
        app.update(Message::Viewed(viewed));
    }
    Ok(())
}

/// Carries out an effect; what it brings back goes to `update`.
fn apply(effect: Effect, app: &mut App, context: &Context, last_save: &mut Instant) {
    let done = match effect {
        Effect::Save => {
            save(app, context);
            *last_save = Instant::now();
            return;
        }
        Effect::Bell => {
            let mut out = io::stdout();
            // A bell that cannot ring is not worth stopping the session for.
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
            return;
        }
        Effect::Open { path, read_only } => match open_file(context, &app.built_in, path, read_only) {
            Ok(opened) => Done::Opened(Box::new(opened)),
            Err(e) => failed(app, e),
        },
        Effect::New => {
            let (session, path) = new_session(&app.built_in, app.lang, context);
            Done::Opened(Box::new(prepare(context, &app.built_in, session, path, false, None)))
        }
        Effect::Rename { path, group } => {
            let renamed = context.store.load(&path).and_then(|mut session| {
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
            let done = match context.store.trash(&path) {
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
            context.lock.replace(None);
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
                save(app, context);
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
    let (id, html) = sheet(&context.store, &app.built_in, path, Format::Html, Some(app.lang))?;
    let target = context.store.dir().join("exports").join(format!("{id}.html"));
    context.store.write_file(&target, html.as_bytes())?;
    Ok(target)
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

/// Writes the session as it stands, clocks settled in a copy: the session
/// in memory is only read. How it went goes back through `update`; the
/// copy written is what the watchdog writes again if the loop cannot.
fn save(app: &mut App, context: &Context) {
    let now = app.now();
    let Some(run) = app.run().filter(|r| !r.read_only) else { return };
    let settled = run.session.settled(now, Local::now());
    let result = context.store.save_at(&run.path, &settled);
    let path = run.path.clone();
    let outcome = match result {
        Ok(()) => {
            if let Ok(mut snapshot) = context.snapshot.lock() {
                *snapshot = Some((path, settled));
            }
            None
        }
        Err(e) => Some(e.message(&app.tr())),
    };
    app.update(Message::Done(Done::Saved(outcome)));
}
