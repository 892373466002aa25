//! One writer, and nothing lost, when the world changes under a running
//! session: before each save the lock is checked to be still this
//! instance's, the session file to be as this instance last left it, and
//! its folder to be there. When one of them is not, the notes go beside
//! (a conflict copy) or to a recovery file, and the save says so once.
//! This module decides where a save goes; the writing itself is `save`'s,
//! the lock file `lock`'s, the names `paths`'. It never writes over a file
//! someone else changed, and never makes a sessions folder again.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Local;

use super::paths::{conflict_path, follow_links, user_data_folder};
use super::save::{session_json, write_atomically};
use super::seen::Seen;
use super::{Holder, Lock, LockError, Store, StoreError, lock};
use crate::i18n::Tr;
use crate::session::Session;
use crate::text::clean;

/// Where a save went.
#[derive(Debug)]
pub struct Saved {
    /// The file that holds the notes now.
    pub to: PathBuf,
    /// What the user must be told, the first time the notes go elsewhere.
    pub news: Option<Aside>,
}

/// Why the notes no longer go to their session file, and where they go.
#[derive(Debug, Clone, PartialEq)]
pub enum Aside {
    /// The session file changed on the disk since this instance's last
    /// save: it is left as it is, and this instance's version is beside it.
    Conflict { theirs: PathBuf, ours: PathBuf },
    /// The lock went (deleted, replaced) and another instance holds the
    /// session now: it writes the file, this one writes beside it.
    Elsewhere { holder: Option<Holder>, ours: PathBuf },
    /// The sessions folder is gone or renamed (to `moved`, when the
    /// system can say): it is not made again, the notes are in a recovery
    /// file.
    FolderGone { folder: PathBuf, moved: Option<PathBuf>, ours: PathBuf },
    /// Not aside: the notes are in their file, but the file belonged to
    /// another account (`owner`, a user id), which this one cannot give it
    /// back: it is now this account's, its mode kept.
    Owner { file: PathBuf, owner: u32 },
}

impl Aside {
    /// The file that holds this instance's notes now.
    pub fn kept(&self) -> &Path {
        match self {
            Aside::Conflict { ours, .. } | Aside::Elsewhere { ours, .. } | Aside::FolderGone { ours, .. } => ours,
            Aside::Owner { file, .. } => file,
        }
    }

    /// Whether it is said until the session closes: the notes go
    /// elsewhere from now on. A file's owner changed is said once.
    pub fn lasts(&self) -> bool {
        !matches!(self, Aside::Owner { .. })
    }

    /// The one line that says it, in the user's language.
    pub fn message(&self, tr: &Tr) -> String {
        let shown = |path: &Path| clean(&path.display().to_string());
        let ours = shown(self.kept());
        match self {
            Aside::Conflict { theirs, .. } => {
                let theirs = shown(theirs);
                tr.args("kept-conflict", &[("theirs", (&theirs).into()), ("ours", (&ours).into())])
            }
            Aside::Elsewhere { holder: Some(holder), .. } => {
                let host = clean(&holder.host);
                let args = [("pid", u64::from(holder.pid).into()), ("host", (&host).into()), ("ours", (&ours).into())];
                tr.args("kept-elsewhere", &args)
            }
            Aside::Elsewhere { holder: None, .. } => tr.args("kept-elsewhere-unknown", &[("ours", (&ours).into())]),
            Aside::FolderGone { folder, moved: None, .. } => {
                let folder = shown(folder);
                tr.args("kept-folder-gone", &[("folder", (&folder).into()), ("ours", (&ours).into())])
            }
            Aside::FolderGone { folder, moved: Some(moved), .. } => {
                let (folder, moved) = (shown(folder), shown(moved));
                let args = [("folder", (&folder).into()), ("moved", (&moved).into()), ("ours", (&ours).into())];
                tr.args("kept-folder-moved", &args)
            }
            Aside::Owner { owner, .. } => {
                tr.args("kept-owner", &[("file", (&ours).into()), ("owner", u64::from(*owner).into())])
            }
        }
    }
}

impl Store {
    /// Saves a running session under its lock, `held` (taken first if this
    /// instance holds none for `path`), and never as a second writer:
    ///
    /// - the session's folder gone: the notes go to a recovery file; the
    ///   folder is not made again;
    /// - the lock file deleted or replaced: it is taken again if nobody
    ///   holds it; if another instance does, the notes go beside the file;
    /// - the file changed on the disk since this instance's last save: it
    ///   is left as it is, and the notes go beside it, as a conflict copy.
    ///
    /// Once the notes go elsewhere, every later save goes there too, and
    /// only the first one says so.
    pub fn save_guarded(&self, held: &mut Option<Lock>, path: &Path, session: &Session) -> Result<Saved, StoreError> {
        let json = session_json(path, session)?;
        if let Some(lock) = held.as_ref().filter(|l| l.session() == path)
            && let Some(to) = &lock.diverted
        {
            write_aside(to, &json)?;
            return Ok(Saved { to: to.clone(), news: None });
        }
        // A lock just taken has nothing to check; one held is checked in
        // place, so that an error leaves it held.
        let fresh = held.as_ref().is_none_or(|l| l.session() != path);
        if fresh {
            *held = Some(take(path)?);
        }
        let lock = held.as_mut().expect("a lock was just put there");
        let aside = if fresh { None } else { self.check(lock, path)? };
        if let Some(aside) = aside {
            write_aside(aside.kept(), &json)?;
            lock.diverted = Some(aside.kept().to_path_buf());
            return Ok(Saved { to: aside.kept().to_path_buf(), news: Some(aside) });
        }
        let (seen, owner_lost) = self.save_seen(path, &json, session.migrated_from)?;
        lock.seen = Some(seen);
        let news = owner_lost.map(|owner| Aside::Owner { file: follow_links(path), owner });
        Ok(Saved { to: path.to_path_buf(), news })
    }

    /// Whether the lock, the file and the folder are as this instance left
    /// them; the lock taken again if it went and nobody holds it.
    fn check(&self, lock: &mut Lock, path: &Path) -> Result<Option<Aside>, StoreError> {
        let file = follow_links(path);
        let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !folder.is_dir() {
            let ours = recovery_path(&file, folder)
                .ok_or_else(|| StoreError::io(folder, std::io::ErrorKind::NotFound.into()))?;
            let moved = lock.now_at().and_then(|at| at.parent().map(Path::to_path_buf)).filter(|p| p.is_dir());
            return Ok(Some(Aside::FolderGone { folder: folder.to_path_buf(), moved, ours }));
        }
        if !lock.still_ours() {
            match super::lock::lock(path) {
                Ok(mut again) => {
                    // What this instance saw last is what counts, not what
                    // is there now.
                    // (The lock let go of is not ours: its file stays.)
                    again.seen = lock.seen.take();
                    *lock = again;
                }
                Err(LockError::Held(holder)) => {
                    let ours = conflict_path(&file, Local::now());
                    return Ok(Some(Aside::Elsewhere { holder, ours }));
                }
                Err(LockError::Io(error)) => return Err(StoreError::io(path, error)),
            }
        }
        if Seen::changed(lock.seen.as_ref(), &file) {
            let ours = conflict_path(&file, Local::now());
            return Ok(Some(Aside::Conflict { theirs: file, ours }));
        }
        Ok(None)
    }
}

/// The lock of a session no instance of this process holds yet.
fn take(path: &Path) -> Result<Lock, StoreError> {
    lock(path).map_err(|e| match e {
        LockError::Held(holder) => StoreError::Held(holder),
        LockError::Io(error) => StoreError::io(path, error),
    })
}

/// Writes this instance's notes where they go now, making the folder only
/// if it is a recovery folder (a conflict copy's folder is there).
fn write_aside(to: &Path, json: &[u8]) -> Result<(), StoreError> {
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
        fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    write_atomically(to, json, None).map(drop).map_err(|e| StoreError::io(to, e))
}

/// Where the notes of a session whose folder is gone are kept: the user's
/// data folder's `recovery/`, else the temporary folder's; never the
/// sessions folder (`gone`), which is not made again.
fn recovery_path(session: &Path, gone: &Path) -> Option<PathBuf> {
    let name = format!("{}-{}.json", super::file_name_for(session), Local::now().format("%Y%m%d-%H%M%S"));
    // The unit tests keep out of the user's own data folder.
    let data = if cfg!(test) { None } else { user_data_folder() };
    let folders = [data.map(|d| d.join("recovery")), Some(std::env::temp_dir().join("atelier-recovery"))];
    let gone = fs::canonicalize(gone.parent().unwrap_or(gone)).map(|p| p.join(gone.file_name().unwrap_or_default()));
    let inside_gone = |f: &PathBuf| {
        gone.as_ref().is_ok_and(|gone| f.starts_with(gone)) || f.starts_with(session.parent().unwrap_or(session))
    };
    folders
        .into_iter()
        .flatten()
        .filter(|f| !inside_gone(f))
        .find(|f| fs::create_dir_all(f).is_ok())
        .map(|f| f.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

    /// A session saved once under its lock, as a running instance has it.
    fn running(dir: &Path) -> (Store, Session, PathBuf, Option<Lock>) {
        let store = Store::new(dir);
        let session = sample(&store, "Les Colibris");
        let path = store.path_of(&session.id);
        let mut held = None;
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        assert_eq!((saved.to.as_path(), saved.news), (path.as_path(), None));
        (store, session, path, held)
    }

    #[test]
    fn a_lock_file_deleted_that_nobody_holds_is_taken_again_and_the_save_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let (store, mut session, path, mut held) = running(dir.path());
        fs::remove_file(lock_path(&path)).unwrap();
        session.roster.group = "Après".into();
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        assert_eq!((saved.to.as_path(), saved.news), (path.as_path(), None));
        assert!(lock_path(&path).is_file(), "the lock file is there again");
        assert!(held.as_ref().unwrap().still_ours());
        assert_eq!(store.load(&path).unwrap().roster.group, "Après");
        assert!(matches!(lock(&path), Err(LockError::Held(_))), "and it holds");
    }

    // Unix only: Windows keeps a lock file that is held open in its place
    // (« delete pending ») until its holder lets go, so its name can be
    // neither taken by a folder nor locked anew meanwhile.
    #[cfg(unix)]
    #[test]
    fn a_save_that_fails_its_checks_keeps_the_lock_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let (store, session, path, mut held) = running(dir.path());
        // The lock file's name taken by a folder: it cannot be taken again.
        fs::remove_file(lock_path(&path)).unwrap();
        fs::create_dir(lock_path(&path)).unwrap();
        let before = fs::read(&path).unwrap();
        assert!(matches!(store.save_guarded(&mut held, &path, &session), Err(StoreError::Io { .. })));
        assert!(held.as_ref().is_some_and(|l| l.session() == path), "still held, to try again");
        assert_eq!(fs::read(&path).unwrap(), before, "nothing written");
        fs::remove_dir(lock_path(&path)).unwrap();
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        assert_eq!((saved.to.as_path(), saved.news), (path.as_path(), None));
    }

    // Unix only: Windows keeps a lock file that is held open in its place
    // (« delete pending ») until its holder lets go, so its name can be
    // neither taken by a folder nor locked anew meanwhile.
    #[cfg(unix)]
    #[test]
    fn a_lock_taken_by_another_instance_makes_this_one_write_beside_never_over() {
        let dir = tempfile::tempdir().unwrap();
        let (store, mut session, path, mut held) = running(dir.path());
        fs::remove_file(lock_path(&path)).unwrap();
        let other = lock(&path).unwrap();
        let theirs = fs::read(&path).unwrap();
        session.roster.group = "Nos notes".into();
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        let Some(Aside::Elsewhere { holder: Some(holder), ours }) = saved.news else { panic!("{saved:?}") };
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(saved.to, ours);
        assert_eq!(fs::read(&path).unwrap(), theirs, "the other instance's file is untouched");
        assert_eq!(store.load(&ours).unwrap().roster.group, "Nos notes");
        assert_eq!(conflict_of(&ours).as_deref(), path.file_name().and_then(|n| n.to_str()));
        // Later saves go there too, said once.
        session.roster.group = "Encore".into();
        let again = store.save_guarded(&mut held, &path, &session).unwrap();
        assert_eq!((again.to.as_path(), again.news), (ours.as_path(), None));
        assert_eq!(store.load(&ours).unwrap().roster.group, "Encore");
        assert_eq!(fs::read(&path).unwrap(), theirs);
        drop(held);
        assert!(lock_path(&path).is_file(), "leaving never removes the other's lock");
        drop(other);
    }

    #[test]
    fn a_file_changed_on_the_disk_is_kept_and_ours_goes_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let (store, mut session, path, mut held) = running(dir.path());
        // Touched, not changed: no conflict.
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
        drop(file);
        session.current_step = 1;
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        assert_eq!((saved.to.as_path(), saved.news), (path.as_path(), None));
        // Changed by another program: left as it is.
        let mut value: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        value["group"] = "Leur version".into();
        fs::write(&path, value.to_string()).unwrap();
        session.current_step = 2;
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        let Some(Aside::Conflict { theirs, ours }) = saved.news.clone() else { panic!("{saved:?}") };
        assert_eq!(theirs, path);
        assert_eq!(store.load(&path).unwrap().roster.group, "Leur version");
        assert_eq!(store.load(&ours).unwrap().current_step, 2);
        let texts = crate::i18n::Texts::new();
        let line = saved.news.unwrap().message(&Tr::new(&texts, Lang::Fr));
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
        assert!(line.contains(&name(&path)) && line.contains(&name(&ours)), "both names: {line}");
        // Both are listed, the copy said to be one.
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 2);
        let programme = Programme::embedded();
        let Some(Listed::Session(copy)) = listed.iter().find(|l| l.path() == ours) else { panic!("{listed:?}") };
        let digest = copy.digest(&Tr::new(&texts, Lang::Fr), &programme).join(" ");
        assert!(digest.contains("copie en conflit de") && digest.contains(&name(&path)), "{digest}");
    }

    #[test]
    fn a_folder_gone_is_not_made_again_and_the_notes_go_to_a_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("notes");
        let (store, session, path, mut held) = running(&folder);
        fs::rename(&folder, dir.path().join("renamed")).unwrap();
        let saved = store.save_guarded(&mut held, &path, &session).unwrap();
        let Some(Aside::FolderGone { folder: gone, moved, ours }) = saved.news else { panic!("{saved:?}") };
        assert_eq!(gone, folder);
        if cfg!(target_os = "linux") {
            assert_eq!(moved, Some(dir.path().join("renamed")), "where it went, as the system says");
        }
        assert!(!folder.exists(), "the folder is not made again");
        assert!(!ours.starts_with(&folder));
        assert_eq!(store.load(&ours).unwrap(), session);
        fs::remove_file(&ours).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_session_file_that_is_a_link_is_written_through_and_stays_a_link() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let (store, mut session, target, mut held) = running(&dir.path().join("cloud"));
        drop(held.take());
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        session.roster.group = "Par le lien".into();
        let saved = store.save_guarded(&mut held, &link, &session).unwrap();
        assert_eq!(saved.news, None);
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
        assert_eq!(store.load(&target).unwrap().roster.group, "Par le lien");
        assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640, "the mode kept");
        assert_eq!(lock_path(&link), lock_path(&target), "one lock, whichever name");
        assert!(backup_path(&target).is_file(), "the .bak beside the target");
        let leftovers = fs::read_dir(dir.path()).unwrap().filter_map(Result::ok);
        assert!(leftovers.map(|e| e.file_name()).all(|n| n == "cloud" || n == "link.json"));
    }
}
