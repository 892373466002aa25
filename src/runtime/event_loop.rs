//! The event loop: the terminal's events, the changes of the session's
//! files and the watchdog's wake-ups merged into one stream; each turned
//! into a message for `update`, whose effects are carried out, and a
//! frame drawn before the notes are handed to the writer.
//!
//! It owns the order of a turn (effects, frame, save, wait) and what wakes
//! it. It never writes a file itself: saves go through the writer, the
//! rest through `effects`.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use chrono::Local;
use ratatui::crossterm::event::{self, Event};

use super::Context;
use super::effects::{apply, failed};
use super::terminal::{Tty, draw, key_of, ring};
use super::watchdog::watch;
use super::writer::{Wanted, save};
use crate::app::{App, Done, Effect, EntryInput, Message, Screen};
use crate::ui;

/// How many events in a row without a key may come before the terminal is
/// checked: a terminal that is gone can make reads return at once, forever.
const SPIN_GUARD: u32 = 1000;

/// What the event loop waits for: the terminal's events and the changes of
/// the session's files, merged into one stream, so that the loop still
/// blocks on one thing until the next moment the screen must change.
pub(super) enum Input {
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

pub(super) fn event_loop(
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
pub(super) fn report(app: &mut App, context: &Context) {
    if let Some(outcome) = context.writer.take_outcome() {
        let outcome = outcome.err().map(|e| e.message(&app.tr()));
        app.update(Message::Done(Done::Saved(outcome)));
    }
}

/// Writes the notes now, if a save is wanted, and waits for every save
/// handed over: before anything reads the file or lets the session go.
pub(super) fn flush(app: &mut App, context: &Context, wanted: &mut Wanted) {
    let wanted = std::mem::take(wanted);
    if wanted != Wanted::No {
        save(app, context, wanted);
    }
    context.writer.wait_idle();
    report(app, context);
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
    use crate::i18n::Lang;
    use crate::runtime::writer::tests::session;
    use crate::session::Roster;
    use crate::store::Store;

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
