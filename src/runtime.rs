//! The terminal side: the event loop and the effects that `update` asks for.
//!
//! The loop blocks on input until the next moment the screen must change
//! (the next second of a running countdown, the next minute of the clocks),
//! so an idle session costs no CPU. Every frame is drawn inside a
//! synchronized update, so the projector never shows half a frame.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use chrono::Local;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::app::{App, Effect, EntryInput, Message, Notice};
use crate::session::{Roster, Session};
use crate::store::Store;
use crate::ui;

/// While a countdown runs the file is refreshed this often, so that even a
/// power cut loses at most this much of the clocks.
const CHECKPOINT: Duration = Duration::from_secs(60);

/// What the runtime needs besides the app: where notes go, and the roster
/// for a session started from the home screen.
pub struct Context {
    pub store: Store,
    pub roster: Roster,
}

/// Runs the app in the terminal until it quits; the terminal is restored
/// whatever happens, panics included.
pub fn run(app: &mut App, context: &Context) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    // A paste arrives as one event, not as keys that would each act.
    execute!(io::stdout(), EnableBracketedPaste)?;
    let result = event_loop(&mut terminal, app, context);
    // Whatever ended the loop, the notes go to disk before we leave.
    if app.run().is_some() {
        save(app, context);
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, context: &Context) -> io::Result<()> {
    let mut last_save = Instant::now();
    loop {
        for effect in app.take_effects() {
            apply(effect, app, context, &mut last_save);
        }
        if app.quit {
            return Ok(());
        }
        draw(terminal, app)?;
        let message = match app.next_redraw_in() {
            Some(timeout) if !event::poll(timeout)? => Message::Tick,
            _ => match event::read()? {
                Event::Key(key) => match ui::keys::message_for(app, key) {
                    Some(message) => message,
                    None => continue,
                },
                Event::Paste(text) if app.entry.is_some() => Message::Entry(EntryInput::Paste(text)),
                // A resize or anything else only needs a fresh frame.
                _ => continue,
            },
        };
        app.update(message);
        if app.run().is_some_and(|r| r.session.steps.iter().flat_map(|s| &s.rounds).any(|c| c.is_running()))
            && last_save.elapsed() >= CHECKPOINT
        {
            save(app, context);
            last_save = Instant::now();
        }
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
        Effect::Open(path) => match context.store.load(&path) {
            Ok(session) => {
                app.notice = None;
                app.show_session(session, path);
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::New => {
            let (session, path) = new_session(app, context);
            app.show_session(session, path);
        }
    }
}

/// A fresh session for the programme of the app, in the language on screen.
pub fn new_session(app: &App, context: &Context) -> (Session, std::path::PathBuf) {
    let now = Local::now();
    let id = context.store.new_id(&app.programme.id, now);
    let session = Session::new(id.clone(), &app.programme, context.roster.clone(), app.lang, now);
    (session, context.store.path_of(&id))
}

/// Writes the session; a failure is shown, and the next change tries again.
fn save(app: &mut App, context: &Context) {
    let now = app.now();
    let Some(run) = app.run_mut() else { return };
    run.session.settle(now);
    run.session.updated_at = Local::now();
    match context.store.save_at(&run.path, &run.session) {
        Ok(()) => {
            if matches!(app.notice, Some(Notice::SaveFailed(_))) {
                app.notice = None;
            }
        }
        Err(e) => app.notice = Some(Notice::SaveFailed(e.message(&app.tr()))),
    }
}
