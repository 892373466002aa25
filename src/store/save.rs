//! Writing: a session saved atomically (a temporary file in the same
//! folder, flushed, renamed over the old one, the folder flushed), its
//! previous version kept as `.bak`, an export written where a shell
//! redirection would, and the clean-up of what a crash in a save left.
//! This module owns every write of the store but the lock file's and the
//! index's lines; it decides no name (see `paths`).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::paths::{
    LEFTOVER_AGE, backup_path, ensure_private_dir, follow_links, is_leftover, older_format_path, temp_path,
};
use super::read::read_regular;
use super::seen::Seen;
use super::{EXTENSION, Store, StoreError, random_suffix};
use crate::session::Session;

impl Store {
    /// Writes a new session in the folder, under its id.
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        ensure_private_dir(&self.dir).map_err(|e| StoreError::io(&self.dir, e))?;
        let path = self.path_of(&session.id);
        self.save_at(&path, session)?;
        Ok(path)
    }

    /// Writes the session atomically to its file (the one it was opened
    /// from, wherever that is): after this returns, the notes are on the
    /// disk as they are in memory.
    ///
    /// The version it replaces stays beside it as `.bak` (a second name for
    /// the old file, so nothing is copied).
    ///
    /// A file that is a symlink is written through: its target is replaced
    /// (in the target's folder) and the link stays. An existing file keeps
    /// its mode, and its owner when the system lets this user give it.
    pub fn save_at(&self, path: &Path, session: &Session) -> Result<(), StoreError> {
        self.save_seen(path, &session_json(path, session)?, session.migrated_from).map(drop)
    }

    /// [`Store::save_at`] of the session's bytes; says what it left on the
    /// disk, to know later whether someone else changed it, and the owner
    /// the file had if it could not keep it.
    pub(super) fn save_seen(
        &self,
        path: &Path,
        json: &[u8],
        migrated_from: Option<u64>,
    ) -> Result<(Seen, Option<u32>), StoreError> {
        let path = follow_links(path);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        if let Some(version) = migrated_from {
            keep_older_format(&path, version);
        }
        let before = fs::metadata(&path).ok().filter(fs::Metadata::is_file);
        keep_previous(&path);
        let written = write_atomically(&path, json, before.as_ref()).map_err(|e| StoreError::io(&path, e))?;
        Ok((Seen::of_bytes(json, written.modified), written.owner_lost))
    }

    /// Removes the temporary files that a crash in the middle of a save
    /// left behind (old enough that no running save can own them).
    pub fn clean_leftovers(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            // The name first: only the app's own temporary files cost a
            // look at their age (a folder of years of notes is read at
            // every start).
            if !entry.file_name().to_str().is_some_and(is_leftover) {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > LEFTOVER_AGE));
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Writes any file of the app's own (a recovery copy) atomically,
    /// making its folder.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        write_atomically(path, bytes, None).map(drop).map_err(|e| StoreError::io(path, e))
    }

    /// Writes an export to `dest`, as a shell redirection would, and says
    /// where it went. A symlink is followed; a FIFO, a device or any other
    /// existing file that is not a regular one is written into, never
    /// replaced; a folder gets the sheet inside it, as `name`; an existing
    /// file is replaced atomically and keeps its mode; a session file
    /// (any `.json` of the sessions folder, or a file that reads as a
    /// session) is refused.
    pub fn write_export(&self, dest: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        let mut target = follow_links(dest);
        if fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
            target = follow_links(&target.join(name));
        }
        match fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => {
                Err(StoreError::io(&target, io::Error::new(io::ErrorKind::IsADirectory, "is a folder")))
            }
            Ok(meta) if meta.is_file() => {
                if self.is_session_file(&target) {
                    return Err(StoreError::Refused(target));
                }
                write_atomically(&target, bytes, Some(&meta)).map_err(|e| StoreError::io(&target, e))?;
                Ok(target)
            }
            Ok(_) => {
                let mut out =
                    fs::OpenOptions::new().write(true).open(&target).map_err(|e| StoreError::io(&target, e))?;
                out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| StoreError::io(&target, e))?;
                Ok(target)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                    ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
                }
                write_atomically(&target, bytes, None).map_err(|e| StoreError::io(&target, e))?;
                Ok(target)
            }
            Err(e) => Err(StoreError::io(&target, e)),
        }
    }

    /// Whether a regular file holds notes: a `.json` of the sessions
    /// folder (readable or not), or any file that reads as a session (a
    /// copy, a `.bak`, a session opened from elsewhere).
    pub fn is_session_file(&self, path: &Path) -> bool {
        let in_folder = match (fs::canonicalize(&self.dir), path.parent().map(fs::canonicalize)) {
            (Ok(dir), Some(Ok(parent))) => dir == parent,
            _ => false,
        };
        if in_folder && path.extension().is_some_and(|x| x == EXTENSION) {
            return true;
        }
        read_regular(path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .is_some_and(|v| v.get("version").is_some() && v.get("id").is_some() && v.get("steps").is_some())
    }
}

/// The bytes of a session file.
pub(super) fn session_json(path: &Path, session: &Session) -> Result<Vec<u8>, StoreError> {
    let mut json = serde_json::to_vec(session)
        .map_err(|e| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() })?;
    json.push(b'\n');
    Ok(json)
}

/// Temporary file (readable by its owner only, or with the mode and owner
/// of the file it replaces, `like`), flush, rename over `path`, flush of
/// the folder: a crash leaves the old file or the new one, never half of
/// one, and a failure leaves no temporary file.
pub(super) fn write_atomically(path: &Path, bytes: &[u8], like: Option<&fs::Metadata>) -> io::Result<Written> {
    let (temp, mut file) = loop {
        let temp = temp_path(path, &random_suffix());
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        match options.open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let written = (|| {
        file.write_all(bytes)?;
        let owner_lost = match like {
            Some(like) => keep_mode_and_owner(&file, like)?,
            None => None,
        };
        file.sync_all()?;
        let modified = file.metadata()?.modified().ok();
        drop(file);
        fs::rename(&temp, path)?;
        sync_folder(path)?;
        Ok(Written { modified, owner_lost })
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Flushes the folder of `path`, so that the rename itself is on disk.
#[cfg(unix)]
fn sync_folder(path: &Path) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// What an atomic write left: when the file was last changed, as the
/// system has it, and the owner (a user id) the file it replaced had, if
/// the new one could not keep it.
pub(super) struct Written {
    pub(super) modified: Option<std::time::SystemTime>,
    pub(super) owner_lost: Option<u32>,
}

/// A replacement keeps the mode of the file it replaces, and its owner and
/// group when they are another's and the system lets this user give them
/// (a folder shared by two accounts): else the file becomes this user's,
/// as any file a user writes does, and the owner it had is returned, to
/// be said.
#[cfg(unix)]
fn keep_mode_and_owner(file: &fs::File, like: &fs::Metadata) -> io::Result<Option<u32>> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let mine = file.metadata()?;
    let mut lost = None;
    if (mine.uid(), mine.gid()) != (like.uid(), like.gid())
        && std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).is_err()
    {
        // The group alone when the owner cannot be given (not root).
        let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
        lost = (mine.uid() != like.uid()).then_some(like.uid());
    }
    file.set_permissions(fs::Permissions::from_mode(like.permissions().mode() & 0o7777))?;
    Ok(lost)
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &fs::File, like: &fs::Metadata) -> io::Result<Option<u32>> {
    // The read-only flag is all Windows has of a mode; owners stay with
    // the folder's rules.
    file.set_permissions(like.permissions())?;
    Ok(None)
}

/// Keeps the file as the older build wrote it, once, before the first save
/// in this format replaces it: a second name for it, no copy.
fn keep_older_format(path: &Path, version: u64) {
    let kept = older_format_path(path, version);
    if path.is_file() && !kept.exists() && fs::hard_link(path, &kept).is_err() {
        let _ = fs::copy(path, &kept);
    }
}

/// Gives the current file a second name, `.bak`, before it is replaced.
/// Best effort: a failure here must not stop the save itself.
fn keep_previous(path: &Path) {
    if !path.is_file() {
        return;
    }
    let link = temp_path(path, "bak-link");
    let _ = fs::remove_file(&link);
    // The second name is never left behind when the rename fails.
    if fs::hard_link(path, &link).is_ok() && fs::rename(&link, backup_path(path)).is_err() {
        let _ = fs::remove_file(&link);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

    #[test]
    fn a_file_of_the_app_s_own_is_written_whole_with_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = dir.path().join("recovery").join("copy.json");
        store.write_file(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn save_then_load_gives_the_same_session() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let mut s = sample(&store, "Les Colibris");
        s.current_step = 3;
        let path = store.save(&s).unwrap();
        assert_eq!(store.load(&path).unwrap(), s);
    }

    #[test]
    fn a_session_opened_from_elsewhere_is_saved_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let s = sample(&store, "G");
        let elsewhere = dir.path().join("usb").join("copie.json");
        store.save_at(&elsewhere, &s).unwrap();
        assert_eq!(store.load(&elsewhere).unwrap(), s);
        assert!(!store.path_of(&s.id).exists(), "nothing written under the id");
    }

    #[test]
    fn clean_up_removes_only_the_apps_own_temporary_files() {
        use std::time::{Duration, SystemTime};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let theirs = [".notes.json.backup", ".s.json.Xy12Ab", ".s.json.bak-link", "s.json.bak"];
        let ours = temp_path(&dir.path().join("s.json"), "abc234");
        for name in theirs {
            fs::write(dir.path().join(name), b"user data").unwrap();
        }
        fs::write(&ours, b"half").unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        for entry in fs::read_dir(dir.path()).unwrap() {
            fs::File::options().write(true).open(entry.unwrap().path()).unwrap().set_modified(old).unwrap();
        }
        store.clean_leftovers();
        store.list().unwrap();
        assert!(!ours.exists(), "our leftover goes");
        for name in theirs {
            assert_eq!(fs::read(dir.path().join(name)).unwrap(), b"user data", "{name} is kept");
        }
    }

    /// A sheet asked for in a folder not made yet gets it; one asked for
    /// under a file (not a folder) is refused, and the error names what
    /// was asked for, not a folder the app tried to make.
    #[test]
    fn an_export_makes_its_folder_and_says_what_it_could_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let wanted = dir.path().join("new").join("sheet.html");
        assert_eq!(store.write_export(&wanted, "x.html", b"sheet").unwrap(), wanted);
        assert_eq!(fs::read(&wanted).unwrap(), b"sheet");
        let file = dir.path().join("a-file.txt");
        fs::write(&file, b"not a folder").unwrap();
        let under = file.join("sheet.html");
        match store.write_export(&under, "x.html", b"sheet") {
            // Unix says « not a folder » of the path asked for; Windows
            // says the path is not found, and the folder the app then
            // tries to make is what fails.
            Err(StoreError::Io { path, .. }) => {
                assert_eq!(path, if cfg!(unix) { under } else { file.clone() });
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read(&file).unwrap(), b"not a folder");
    }

    /// Symlinks, modes and devices as Unix has them.
    #[cfg(unix)]
    #[test]
    fn exports_go_where_a_shell_redirection_would_and_never_over_a_session() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let s = sample(&store, "G");
        let session = store.save(&s).unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        // A session file, in the folder or copied elsewhere: refused.
        let copy = out.join("copy.txt");
        fs::copy(&session, &copy).unwrap();
        for target in [&session, &copy] {
            assert!(matches!(store.write_export(target, "x.html", b"sheet"), Err(StoreError::Refused(_))));
        }
        assert_eq!(fs::read(&session).unwrap(), fs::read(&copy).unwrap());
        // A folder: the sheet goes in it, under its own name.
        assert_eq!(store.write_export(&out, "x.html", b"sheet").unwrap(), out.join("x.html"));
        // An existing file keeps its mode; a symlink is followed and stays.
        let existing = out.join("existing.html");
        fs::write(&existing, b"old").unwrap();
        fs::set_permissions(&existing, fs::Permissions::from_mode(0o644)).unwrap();
        let link = out.join("link.html");
        std::os::unix::fs::symlink("existing.html", &link).unwrap();
        assert_eq!(store.write_export(&link, "x.html", b"new").unwrap(), existing);
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&existing).unwrap(), b"new");
        assert_eq!(fs::metadata(&existing).unwrap().permissions().mode() & 0o777, 0o644);
        // A device is written into, never replaced.
        let (_pty, device) = a_device_of_our_own();
        assert_eq!(store.write_export(&device, "x.html", b"x").unwrap(), device);
        use std::os::unix::fs::FileTypeExt as _;
        assert!(fs::metadata(&device).unwrap().file_type().is_char_device());
    }

    #[test]
    fn the_previous_version_is_kept_as_bak_and_files_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let mut s = sample(&store, "Première");
        let path = store.save(&s).unwrap();
        let first = fs::read(&path).unwrap();
        s.roster.group = "Seconde".into();
        store.save_at(&path, &s).unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
        // Modes are Unix's: elsewhere the user's profile folder keeps them private.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("notes")), 0o700);
        }
        assert_eq!(store.list().unwrap().len(), 1, "the backup is not listed");
    }

    #[test]
    fn a_session_file_is_one_of_the_folder_or_one_that_reads_as_a_session() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let path = store.save(&sample(&store, "G")).unwrap();
        assert!(store.is_session_file(&path));
        let broken = dir.path().join("notes").join("broken.json");
        fs::write(&broken, b"not json").unwrap();
        assert!(store.is_session_file(&broken), "a .json of the folder, even unreadable");
        let copy = dir.path().join("copy.txt");
        fs::copy(&path, &copy).unwrap();
        assert!(store.is_session_file(&copy), "a copy elsewhere reads as a session");
        let other = dir.path().join("other.json");
        fs::write(&other, br#"{"version": 2, "id": "x"}"#).unwrap();
        assert!(!store.is_session_file(&other), "JSON, but not a session");
        let sheet = dir.path().join("notes").join("sheet.md");
        fs::write(&sheet, b"# sheet").unwrap();
        assert!(!store.is_session_file(&sheet), "another file of the folder");
    }
}
