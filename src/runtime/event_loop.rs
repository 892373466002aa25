//! The event loop: the terminal's events, the changes of the session's
//! files and the watchdog's wake-ups merged into one stream; each turned
//! into a message for `update`, whose effects are carried out, and a
//! frame drawn before the notes are handed to the writer.
//!
//! It owns the order of a turn (effects, frame, save, wait) and what wakes
//! it. It never writes a file itself: saves go through the writer, the
//! rest through `effects`.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use chrono::Local;
use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event};

use super::effects::{apply, failed};
use super::frames::Frames;
use super::terminal::{draw, key_of, ring};
use super::writer::{Wanted, flush, report, save};
use super::{Context, room};
use crate::app::{App, Done, Effect, EntryInput, Message, Notice, Screen};
use crate::ui;

/// How many events in a row without a key may come before the terminal is
/// checked: a terminal that is gone can make reads return at once, forever.
const SPIN_GUARD: u32 = 1000;

/// Counts the terminal's events that bring no key, and says when enough
/// came in a row that the terminal must be checked.
#[derive(Debug, Default)]
struct SpinGuard {
    idle: u32,
}

impl SpinGuard {
    /// A key came: the terminal is alive.
    fn key(&mut self) {
        self.idle = 0;
    }

    /// An event without a key came; whether the terminal must be checked
    /// now (the count then starts again).
    fn idle(&mut self) -> bool {
        self.idle += 1;
        if self.idle >= SPIN_GUARD {
            self.idle = 0;
            return true;
        }
        false
    }
}

/// What the event loop waits for: the terminal's events and the changes of
/// the session's files, merged into one stream, so that the loop still
/// blocks on one thing until the next moment the screen must change.
pub(super) enum Input {
    Terminal(io::Result<Event>),
    /// The session file, its lock or a wall's presence changed.
    Files,
    /// The watchdog asks the loop to look at its stop flag.
    Wake,
    /// Something happened in the room (`room`): phones send and join.
    Room(crate::room::RoomEvent),
}

/// Reads the terminal on a thread of its own, which blocks until an event
/// comes, and sends what it reads down the loop's channel; it ends with the
/// loop (its channel closed) or at the terminal's first error.
pub(super) fn read_terminal(sender: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new().name("terminal".into()).spawn(move || forward(event::read, &sender))?;
    Ok(())
}

/// Sends what `read` gives down the loop's channel, until the channel is
/// closed or `read` fails: that failure is sent, and nothing is read after
/// it.
fn forward(mut read: impl FnMut() -> io::Result<Event>, sender: &mpsc::Sender<Input>) {
    loop {
        let event = read();
        let failed = event.is_err();
        if sender.send(Input::Terminal(event)).is_err() || failed {
            return;
        }
    }
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

/// Runs the app until it quits or `stop` is set, one turn at a time: the
/// effects of the last message, a frame, the save it asked for, then a
/// wait for the next input or the next moment the screen must change.
/// `listen` starts what sends the inputs (the watchdog's threads, the
/// terminal's reader) down the loop's channel, once the first frame is out.
pub(super) fn event_loop<W: Write>(
    terminal: &mut Terminal<Frames<W>>,
    app: &mut App,
    context: &Context,
    stop: &AtomicBool,
    listen: impl FnOnce(mpsc::Sender<Input>) -> io::Result<()>,
) -> io::Result<()> {
    let (sender, inputs) = mpsc::channel();
    if let Ok(mut wake) = context.wake.lock() {
        *wake = Some(sender.clone());
    }
    let mut watch = crate::wall::Watch::new(sender.clone(), || Input::Files);
    // The room, while it is open; its events come down the same channel.
    let mut phones = Phones { open: None, sender: sender.clone() };
    // What listens starts once the first frame is out, not before it: keys
    // typed until then wait in the terminal, a signal in the watchdog.
    let mut listen = Some((listen, sender));
    let mut wanted = Wanted::No;
    let mut clean_up = true;
    let mut guard = SpinGuard::default();
    loop {
        report(app, context);
        if let Some(open) = phones.open.as_mut() {
            open.settle(&context.writer);
        }
        carry_out(app, context, &mut wanted, &mut phones);
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if let Some(open) = phones.open.as_mut() {
            open.show(app);
        }
        draw(terminal, app, wanted == Wanted::Marked || context.writer.unsaved())?;
        if let Some((listen, sender)) = listen.take() {
            listen(sender)?;
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
        if cleans(&mut clean_up, app.wall) {
            let store = context.store.clone();
            let _ = std::thread::Builder::new().name("clean-up".into()).spawn(move || store.clean_leftovers());
        }
        let input = next_input(&inputs, app.next_redraw_in())?;
        if let Some(message) = message_of(app, context, input, &mut guard)? {
            app.update(message);
            if let Some(open) = phones.open.as_mut() {
                open.take_replies(app, &context.writer);
            }
            keep_draft(app, context);
        }
    }
}

/// Whether this turn removes what the app left behind once: the first
/// time it waits for the room, not before its first screen (the folder may
/// hold years of notes), and never on a wall, which writes nothing, not
/// even a cleaning.
fn cleans(first: &mut bool, wall: bool) -> bool {
    std::mem::take(first) && !wall
}

/// The room's server while it is open, and the channel its events take.
struct Phones {
    open: Option<room::Open>,
    sender: mpsc::Sender<Input>,
}

impl Phones {
    /// Where the room's events go: down the loop's channel, as keys do.
    fn sink(&self) -> crate::room::Sink {
        let sender = self.sender.clone();
        std::sync::Arc::new(move |event| {
            let _ = sender.send(Input::Room(event));
        })
    }
}

/// Carries out the effects of the last message: the saves it asked for
/// are kept for after the frame (the stronger of two), the bell rings, the
/// room opens or closes, and what reads or lets go of the files comes once
/// the notes are written.
fn carry_out(app: &mut App, context: &Context, wanted: &mut Wanted, phones: &mut Phones) {
    for effect in app.take_effects() {
        match effect {
            // The screen first, the disk right after.
            Effect::Save => *wanted = (*wanted).max(Wanted::Marked),
            Effect::SaveOpened => *wanted = (*wanted).max(Wanted::Quiet),
            Effect::Bell => ring(),
            Effect::OpenRoom => match room::open(app, context, phones.sink()) {
                Ok((open, info)) => {
                    phones.open = Some(open);
                    app.update(Message::RoomOpened(info));
                }
                Err(line) => app.update(Message::Done(Done::Notice(Some(Notice::Done(line))))),
            },
            Effect::CloseRoom => {
                if let Some(open) = phones.open.take() {
                    open.close();
                }
            }
            effect => {
                flush(app, context, wanted);
                apply(effect, app, context);
            }
        }
    }
}

/// The next input, waited for until `timeout` if there is one (none when
/// it passed first, for the frame that moment needs). A channel that no
/// one can send to any more is a terminal gone.
fn next_input(inputs: &mpsc::Receiver<Input>, timeout: Option<Duration>) -> io::Result<Option<Input>> {
    match timeout {
        Some(timeout) => match inputs.recv_timeout(timeout) {
            Ok(input) => Ok(Some(input)),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(io::ErrorKind::BrokenPipe.into()),
        },
        None => inputs.recv().map(Some).map_err(|_| io::ErrorKind::BrokenPipe.into()),
    }
}

/// What an input says to `update`: none for what only needs a fresh
/// frame (a wake-up, a resize, a key the screen has no use for). The
/// terminal's error ends the loop, as does a terminal found gone after a
/// storm of events without a key.
fn message_of(
    app: &App,
    context: &Context,
    input: Option<Input>,
    guard: &mut SpinGuard,
) -> io::Result<Option<Message>> {
    let event = match input {
        None => return Ok(Some(Message::Tick)),
        Some(Input::Wake) => return Ok(None),
        Some(Input::Room(event)) => return Ok(Some(Message::Room(event))),
        Some(Input::Files) => return Ok(files_changed(app, context)),
        Some(Input::Terminal(event)) => event?,
    };
    Ok(match event {
        Event::Key(event) => {
            guard.key();
            panic_for_tests(event);
            key_of(event).and_then(|key| ui::keys::message_for(app, key))
        }
        Event::Paste(text) if app.entry.is_some() => Some(Message::Entry(EntryInput::Paste(text))),
        // The wheel scrolls the text on screen, where the terminal sends it.
        Event::Mouse(mouse) if mouse.kind == event::MouseEventKind::ScrollDown => Some(Message::Scroll(3)),
        Event::Mouse(mouse) if mouse.kind == event::MouseEventKind::ScrollUp => Some(Message::Scroll(-3)),
        // A resize or anything else only needs a fresh frame, unless they
        // come in a storm from a terminal that is gone.
        _ => {
            if guard.idle() {
                ratatui::crossterm::terminal::size()?;
            }
            None
        }
    })
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

/// The text of an open entry goes with the snapshot (in memory only), so
/// that the watchdog keeps it if it has to write in the loop's stead.
pub(super) fn keep_draft(app: &App, context: &Context) {
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::app::{Home, Screen};
    use crate::i18n::Lang;
    use crate::runtime::frames::tests::Output;
    use crate::runtime::writer::tests::session;
    use crate::session::Roster;
    use crate::store::Store;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
    use std::path::Path;
    use std::time::Instant;

    /// A terminal of 100×30 that writes into `output`.
    fn terminal(output: &Output) -> Terminal<Frames<Output>> {
        let area = ratatui::layout::Rect::new(0, 0, 100, 30);
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) };
        Terminal::with_options(Frames::new(output.clone()), options).unwrap()
    }

    /// The app on a session of the built-in workshop, just opened from
    /// `path`: its first save is asked for.
    fn opened(path: &Path) -> App {
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::built_in(Lang::Fr, Rc::new(crate::timer::FakeClock::default()), home);
        app.show_session(session("G"), path.to_path_buf(), false);
        app
    }

    fn key(code: KeyCode) -> Input {
        Input::Terminal(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
    }

    fn wheel(kind: MouseEventKind) -> Input {
        let mouse = MouseEvent { kind, column: 0, row: 0, modifiers: KeyModifiers::NONE };
        Input::Terminal(Ok(Event::Mouse(mouse)))
    }

    /// Told to stop, the loop leaves before it draws or starts anything
    /// that listens: the run then saves and gives the terminal back.
    #[test]
    fn the_loop_leaves_at_the_watchdogs_word_before_its_frame() {
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let mut app = opened(&dir.path().join("s.json"));
        let output = Output::default();
        let stop = AtomicBool::new(true);
        let listen = |_| -> io::Result<()> { panic!("nothing listens once the session is told to stop") };
        event_loop(&mut terminal(&output), &mut app, &context, &stop, listen).unwrap();
        assert_eq!(output.text(), "", "no frame drawn");
        assert!(!app.quit);
    }

    /// The first frame is out before anything listens; the session as
    /// opened is handed to the writer right after it, without the mark (it
    /// is on the disk already); `q` ends the loop. What the app left
    /// behind in the folder is cleaned when it first waits.
    #[test]
    fn the_first_frame_comes_first_then_the_quiet_save_then_the_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let leftover = dir.path().join(".s.json.1234.atelier-tmp");
        let file = std::fs::File::create(&leftover).unwrap();
        file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600)).unwrap();
        drop(file);
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let mut app = opened(&path);
        let output = Output::default();
        let listen = |sender: mpsc::Sender<Input>| {
            assert!(output.text().contains("1/8"), "the first frame is out: {:?}", output.text());
            assert_eq!(context.writer.progress().handed, 0, "the save comes after the frame");
            sender.send(key(KeyCode::Char('q'))).unwrap();
            Ok(())
        };
        event_loop(&mut terminal(&output), &mut app, &context, &AtomicBool::new(false), listen).unwrap();
        assert!(app.quit);
        assert!(!output.text().contains(crate::runtime::UNSAVED_MARK), "nothing on screen differs from the file");
        context.writer.wait_idle();
        assert!(path.exists(), "the session as opened was handed to the writer");
        let start = Instant::now();
        while leftover.exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "the leftover was not cleaned");
            std::thread::yield_now();
        }
    }

    /// A change made while the writer is still busy with the previous
    /// save: it is marked on screen, and kept for when the writer is free
    /// rather than handed over at once.
    #[test]
    fn a_change_while_the_writer_is_busy_is_marked_and_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let mut app = opened(&dir.path().join("s.json"));
        let output = Output::default();
        let (ended, end) = mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let context = &context;
            let listen = move |sender: mpsc::Sender<Input>| {
                let (held, ready) = mpsc::channel();
                // The session's lock is busy until the loop has ended: the
                // writer cannot write, so its first save stays under way.
                scope.spawn(move || {
                    let _guard = context.lock.lock().unwrap();
                    held.send(()).unwrap();
                    sender.send(key(KeyCode::PageDown)).unwrap();
                    sender.send(key(KeyCode::Char('q'))).unwrap();
                    let _ = end.recv();
                });
                ready.recv().unwrap();
                Ok(())
            };
            event_loop(&mut terminal(&output), &mut app, context, &AtomicBool::new(false), listen).unwrap();
            ended.send(()).unwrap();
        });
        assert_eq!(app.run().map(|r| r.session.current_step), Some(1), "the step changed");
        assert!(output.text().contains(crate::runtime::UNSAVED_MARK), "the change was marked");
        assert_eq!(context.writer.progress().handed, 1, "only the first save was handed over");
        context.writer.wait_idle();
    }

    /// The folder is cleaned once, at the first wait, and never by a wall.
    #[test]
    fn the_folder_is_cleaned_at_the_first_wait_and_never_by_a_wall() {
        let mut first = true;
        assert!(cleans(&mut first, false));
        assert!(!cleans(&mut first, false), "once");
        let mut first = true;
        assert!(!cleans(&mut first, true), "a wall writes nothing");
        assert!(!first && !cleans(&mut first, true));
    }

    /// The terminal's error ends the loop with it.
    #[test]
    fn a_terminal_that_fails_ends_the_loop_with_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let mut app = opened(&dir.path().join("s.json"));
        let listen = |sender: mpsc::Sender<Input>| {
            sender.send(Input::Terminal(Err(io::Error::other("gone")))).unwrap();
            Ok(())
        };
        let ended = event_loop(&mut terminal(&Output::default()), &mut app, &context, &AtomicBool::new(false), listen);
        assert_eq!(ended.unwrap_err().to_string(), "gone");
        context.writer.wait_idle();
    }

    #[test]
    fn what_each_input_says_to_update() {
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let mut app = opened(&dir.path().join("s.json"));
        let mut guard = SpinGuard::default();
        let mut message = |app: &App, input| message_of(app, &context, input, &mut guard).unwrap();
        assert_eq!(message(&app, None), Some(Message::Tick), "the moment the screen must change");
        assert_eq!(message(&app, Some(Input::Wake)), None);
        assert_eq!(message(&app, Some(key(KeyCode::PageDown))), Some(Message::NextStep));
        assert_eq!(message(&app, Some(key(KeyCode::F(20)))), None, "a key the screen has no use for");
        assert_eq!(message(&app, Some(wheel(MouseEventKind::ScrollDown))), Some(Message::Scroll(3)));
        assert_eq!(message(&app, Some(wheel(MouseEventKind::ScrollUp))), Some(Message::Scroll(-3)));
        assert_eq!(message(&app, Some(wheel(MouseEventKind::Moved))), None);
        assert_eq!(message(&app, Some(Input::Terminal(Ok(Event::Resize(80, 24))))), None);
        let paste = || Some(Input::Terminal(Ok(Event::Paste("Confiance".into()))));
        assert_eq!(message(&app, paste()), None, "no entry open: nothing to paste into");
        app.update(Message::NextStep);
        app.update(Message::NextStep);
        app.update(Message::Step(crate::steps::Action::Add));
        assert_eq!(message(&app, paste()), Some(Message::Entry(EntryInput::Paste("Confiance".into()))));
        // The facilitator's screen learns whether a wall shows the session.
        assert_eq!(message(&app, Some(Input::Files)), Some(Message::WallOpen(false)));
    }

    /// Events without a key are counted, and a key starts the count again.
    #[test]
    fn a_key_tells_the_spin_guard_the_terminal_is_alive() {
        let dir = tempfile::tempdir().unwrap();
        let context = Context::new(Store::new(dir.path()), Roster::default());
        let app = opened(&dir.path().join("s.json"));
        let mut guard = SpinGuard::default();
        let resize = || Some(Input::Terminal(Ok(Event::Resize(80, 24))));
        message_of(&app, &context, resize(), &mut guard).unwrap();
        message_of(&app, &context, resize(), &mut guard).unwrap();
        assert_eq!(guard.idle, 2);
        message_of(&app, &context, Some(key(KeyCode::Char('x'))), &mut guard).unwrap();
        assert_eq!(guard.idle, 0);
    }

    /// The terminal is checked once every thousand events without a key.
    #[test]
    fn the_spin_guard_asks_for_a_check_once_a_thousand() {
        let mut guard = SpinGuard::default();
        for _ in 1..SPIN_GUARD {
            assert!(!guard.idle());
        }
        assert!(guard.idle(), "the thousandth");
        assert!(!guard.idle(), "then the count starts again");
        guard.key();
        for _ in 1..SPIN_GUARD {
            assert!(!guard.idle());
        }
        assert!(guard.idle());
    }

    /// The terminal's reader stops at the first error, which it sends,
    /// and reads nothing after it.
    #[test]
    fn the_reader_stops_at_the_terminals_first_error() {
        let (sender, inputs) = mpsc::channel();
        let mut reads = 0;
        let read = || {
            reads += 1;
            match reads {
                1 | 2 => Ok(Event::FocusGained),
                3 => Err(io::Error::other("gone")),
                _ => panic!("read again after the error"),
            }
        };
        forward(read, &sender);
        let got: Vec<bool> = inputs.try_iter().map(|i| matches!(i, Input::Terminal(Ok(_)))).collect();
        assert_eq!(got, [true, true, false]);
    }

    /// The reader stops once the loop has gone (its channel closed).
    #[test]
    fn the_reader_stops_with_the_loop() {
        let (sender, inputs) = mpsc::channel();
        drop(inputs);
        let mut reads = 0;
        forward(
            || {
                reads += 1;
                assert!(reads < 10, "read on with no one to send to");
                Ok(Event::FocusGained)
            },
            &sender,
        );
        assert_eq!(reads, 1);
    }

    #[test]
    fn the_wait_ends_at_an_input_at_the_next_moment_or_when_no_one_can_send() {
        let (sender, inputs) = mpsc::channel();
        sender.send(Input::Wake).unwrap();
        assert!(matches!(next_input(&inputs, Some(Duration::from_secs(60))), Ok(Some(Input::Wake))));
        sender.send(Input::Files).unwrap();
        assert!(matches!(next_input(&inputs, None), Ok(Some(Input::Files))));
        assert!(matches!(next_input(&inputs, Some(Duration::ZERO)), Ok(None)), "the moment came first");
        drop(sender);
        for timeout in [None, Some(Duration::from_secs(60))] {
            let gone = next_input(&inputs, timeout).map(|_| ()).unwrap_err();
            assert_eq!(gone.kind(), io::ErrorKind::BrokenPipe);
        }
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
}
