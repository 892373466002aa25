//! The terminal side: the event loop and the effects that `update` asks for.
//!
//! The loop blocks on input until the next moment the screen must change
//! (the next second of a running countdown, the next minute of the clocks),
//! so an idle session costs no CPU. Every frame is drawn inside a
//! synchronized update, so the projector never shows half a frame.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Local;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::app::{App, Effect, EntryInput, Message, Notice, Screen};
use crate::session::{Roster, Session};
use crate::store::{Store, StoreError};
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
        Effect::Open { path, read_only } => match context.store.load(&path) {
            Ok(session) => {
                app.notice = None;
                // An example is there to be looked at, not written over.
                let read_only = read_only || session.example;
                app.show_session(session, path, read_only);
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::New => {
            let (session, path) = new_session(app, context);
            app.show_session(session, path, false);
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
                app.show_session(next, context.store.path_of(&id), false);
            }
            Err(e) => app.notice = Some(Notice::OpenFailed(e.message(&app.tr()))),
        },
        Effect::Trash(path) => {
            let trashed = context.store.trash(&path);
            let done = trashed.map(|to| Some(app.tr().args("notice-trashed", &[("path", to.display().to_string().as_str().into())])));
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
            let done = written.map(|to| Some(app.tr().args("notice-exported", &[("path", to.display().to_string().as_str().into())])));
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
            if matches!(app.notice, Some(Notice::SaveFailed(_))) {
                app.notice = None;
            }
        }
        Err(e) => app.notice = Some(Notice::SaveFailed(e.message(&app.tr()))),
    }
}
