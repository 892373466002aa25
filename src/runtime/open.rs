//! A session made ready to show: read-only or not, on its workshop or a
//! stand-in, its lock taken or left to its first save. The one rule for
//! `atelier new`, `atelier open`, the home screen and the sessions that
//! follow one another.
//!
//! It reads files through the store and takes locks; it writes no notes
//! and draws nothing.

use std::path::PathBuf;
use std::rc::Rc;

use chrono::Local;

use super::Context;
use crate::app::{Notice, Opened};
use crate::session::Session;
use crate::store::{LockError, StoreError, lock};
use crate::workshop::{self, Workshop};

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

/// A fresh session of the built-in workshop, in the language on screen,
/// for the roster given on the command line.
pub fn new_session(workshop: &Workshop, lang: crate::i18n::Lang, context: &Context) -> (Session, PathBuf) {
    let now = Local::now();
    let id = context.store.new_id(&workshop.programme.id, now);
    let mut session = Session::new(id.clone(), &workshop.programme, context.roster.clone(), lang, now);
    session.workshop_dir = workshop.dir.clone();
    (session, context.store.path_of(&id))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::app::{App, Done, Message};
    use crate::i18n::Lang;
    use crate::runtime::writer::{Wanted, save};
    use crate::session::Roster;
    use crate::store::{Lock, Store};

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
}
