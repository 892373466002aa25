//! What is saved when the loop cannot save as usual: the last save as the
//! loop ends, and a recovery copy of the notes (never over them) when
//! their file cannot be written or after a panic.
//!
//! It writes through the store, under the session's lock; it neither
//! draws nor reads the terminal.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::Local;

use super::writer::write_locked;
use super::{Context, Ending};
use crate::app::App;
use crate::session::Session;
use crate::store::{Store, file_name_for};

/// The last save, with the text of an entry still open as a draft; if the
/// file cannot be written, a recovery copy.
pub(super) fn last_save(app: &App, context: &Context) -> Ending {
    let Some(run) = app.run().filter(|r| !r.read_only) else { return Ending::Nothing };
    // The writer's snapshot is taken: it writes nothing after this save.
    drop(context.snapshot.lock().ok().and_then(|mut s| s.take()));
    let mut copy = run.session.settled(app.now(), Local::now());
    copy.draft = app.draft();
    match write_locked(&context.store, &context.lock, &run.path, &copy) {
        // Kept elsewhere (a conflict copy, a recovery file): not in their file.
        Ok(saved) if saved.to != run.path => Ending::Recovered(saved.to),
        Ok(_) => Ending::Saved(run.path.clone()),
        Err(_) => write_recovery(&context.store, &run.path, &copy).map_or(Ending::Lost, Ending::Recovered),
    }
}

/// Writes a copy of the notes where it can: the sessions folder's
/// `recovery/` (unless the folder is gone), else the user's data folder,
/// else the temporary folder.
/// Its name comes from the session's file name, never from its content.
pub(super) fn write_recovery(store: &Store, path: &Path, session: &Session) -> Option<PathBuf> {
    let json = serde_json::to_vec_pretty(session).ok()?;
    let name = format!("{}-{}.json", file_name_for(path), Local::now().format("%Y%m%d-%H%M%S"));
    let data = crate::store::user_data_folder().map(|d| d.join("recovery"));
    let folders = [Some(store.dir().join("recovery")), data, Some(std::env::temp_dir().join("atelier-recovery"))];
    // A sessions folder that is gone is not made again for a copy.
    let gone = !store.dir().is_dir();
    folders
        .into_iter()
        .flatten()
        .filter(|folder| !(gone && folder.starts_with(store.dir())))
        .map(|folder| folder.join(&name))
        .find(|target| store.write_file(target, &json).is_ok())
}

/// After a panic: the session as it is in memory goes to a file of its own
/// (never over the notes), and the message says where.
pub(super) fn recover(app: &mut App, context: &Context) -> String {
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

/// The one line that says the notes were not saved and where their copy is.
pub fn recovered_line(tr: &crate::i18n::Tr, to: &Path) -> String {
    let to = crate::text::clean(&to.display().to_string());
    tr.args("exit-recovered", &[("path", (&to).into())])
}
