//! The effects `update` asks for that read or change files: a session
//! opened, made, renamed, followed up, put in the trash or taken back, the
//! home screen's folder read, a sheet exported. What each brings back goes
//! to `update` as a message.
//!
//! The notes on screen are written before any of these (the loop flushes
//! the writer first); nothing here draws or reads the terminal.

use std::path::{Path, PathBuf};

use chrono::Local;

use super::Context;
use super::open::{fresh, new_session, open_file, prepare};
use super::terminal::ring;
use super::writer::{Wanted, flush};
use crate::app::{App, Done, Effect, Message, Notice};
use crate::export::{Format, sheet};
use crate::store::{Lock, LockError, StoreError, lock};
use crate::workshop;

/// Carries out an effect; what it brings back goes to `update`.
pub(super) fn apply(effect: Effect, app: &mut App, context: &Context) {
    let done = match effect {
        Effect::Save => {
            flush(app, context, &mut Wanted::Marked);
            return;
        }
        Effect::SaveOpened => {
            flush(app, context, &mut Wanted::Quiet);
            return;
        }
        // The event loop holds the room: it opens and closes it itself.
        Effect::OpenRoom | Effect::CloseRoom => return,
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
        Effect::Rename { path, group } => rename(app, context, &path, group),
        Effect::FollowUp(path) => follow_up(app, context, &path),
        Effect::Trash(path) => trash(app, context, path),
        Effect::Untrash { from, to } => {
            if let Err(e) = context.store.untrash(&from, &to) {
                app.update(Message::Done(failed(app, e)));
            }
            list(app, context)
        }
        Effect::Home => home(app, context),
        Effect::Discard(path) => {
            // Its first save done, the lock let go, the file to the trash
            // (from where it could still come back), before the list.
            flush(app, context, &mut Wanted::No);
            context.let_go();
            let _ = context.store.trash(&path);
            return;
        }
        Effect::Trend(group) => match context.store.group_sessions(&group) {
            Ok(sessions) => Done::Trend { group, trend: crate::trend::trend(app.programme(), &sessions) },
            Err(e) => failed(app, e),
        },
        Effect::Export(path) => export(app, context, &path),
    };
    app.update(Message::Done(done));
}

/// A past session's group renamed from the home screen, under its lock;
/// the folder read again.
fn rename(app: &mut App, context: &Context, path: &Path, group: String) -> Done {
    let renamed = held_by_us(path).and_then(|_lock| {
        let mut session = context.store.load(path)?;
        session.roster.group = group;
        session.updated_at = Local::now();
        context.store.save_at(path, &session)
    });
    if let Err(e) = renamed {
        app.update(Message::Done(failed(app, e)));
    }
    list(app, context)
}

/// The next session of a group, made from the one at `path` on its own
/// workshop (or a stand-in), and opened.
fn follow_up(app: &App, context: &Context, path: &Path) -> Done {
    match context.store.load(path) {
        Ok(first) => {
            let now = Local::now();
            let workshop = workshop::of_session(&first, &app.built_in).unwrap_or_else(|(stand_in, _)| stand_in);
            let id = context.store.new_id(&workshop.programme.id, now);
            let next = first.follow_up(id.clone(), &workshop.programme, app.lang, now);
            Done::Opened(Box::new(prepare(context, &app.built_in, next, context.store.path_of(&id), false, None)))
        }
        Err(e) => failed(app, e),
    }
}

/// A past session put in the trash, under its lock; the folder read again.
fn trash(app: &mut App, context: &Context, path: PathBuf) -> Done {
    let group = context.store.load(&path).map(|s| s.roster.group).unwrap_or_default();
    let done = match held_by_us(&path).and_then(|_lock| context.store.trash(&path)) {
        Ok(to) => Done::Trashed { from: path, to, group },
        Err(e) => failed(app, e),
    };
    app.update(Message::Done(list(app, context)));
    done
}

/// Back to the home screen: the session is written (the save came first)
/// and let go, and the folder read.
fn home(app: &mut App, context: &Context) -> Done {
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

/// The printable sheet of a session written, the one on screen saved
/// first; the notice says where.
fn export(app: &mut App, context: &Context, path: &Path) -> Done {
    if app.run().is_some_and(|r| r.path == path) {
        flush(app, context, &mut Wanted::Quiet);
    }
    match export_sheet(app, context, path) {
        Ok(to) => {
            let text = app.tr().args("notice-exported", &[("path", to.display().to_string().as_str().into())]);
            Done::Notice(Some(Notice::Done(text)))
        }
        Err(e) => failed(app, e),
    }
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
pub(super) fn failed(app: &App, error: StoreError) -> Done {
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
