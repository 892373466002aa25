//! The names of the files the store writes: the user's data folder, a
//! session's lock file, its `.bak`, the copy of an older format, the
//! temporary files of a save, the names of exports and recovery copies.
//! Only names and the making of a private folder: this module reads no
//! file's content and writes none.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::listing::CONFLICT;

/// The user's data folder for atelier, whatever the current folder:
/// `$XDG_DATA_HOME/atelier` or `~/.local/share/atelier`,
/// `~/Library/Application Support/atelier`, `%APPDATA%\atelier`; none
/// without a home.
pub fn user_data_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().join("atelier"))
}

/// The lock file of a session file: hidden, beside it.
pub fn lock_path(session: &Path) -> PathBuf {
    // Beside the file a link points to: whichever name opens it, one lock.
    let session = &follow_links(session);
    let name = session.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    session.with_file_name(format!(".{name}.lock"))
}

/// What ends the names of this program's temporary files, and only
/// theirs: `.NAME.json.<6 letters>.atelier-tmp`. Clean-up removes nothing
/// else, so a user's `.something.json.backup` is never touched.
pub(super) const TEMP_SUFFIX: &str = ".atelier-tmp";

/// A temporary name beside `path`, that no one else uses.
pub(super) fn temp_path(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}{TEMP_SUFFIX}"))
}

/// The folder of the notes, made readable by its owner only when this
/// program creates it.
pub(super) fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Where a chain of symlinks ends (even if nothing is there yet); a path
/// that is no link is itself. A loop stops after 40 links.
pub(super) fn follow_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        let Ok(meta) = fs::symlink_metadata(&path) else { break };
        if !meta.file_type().is_symlink() {
            break;
        }
        let Ok(to) = fs::read_link(&path) else { break };
        path = match path.parent() {
            Some(parent) if to.is_relative() => parent.join(to),
            _ => to,
        };
    }
    path
}

/// The previous version of a session file, kept by `save_at`.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!("{name}.bak"))
}

/// The previous version of a session file, if there is one this user can
/// read: only then is it offered.
pub fn readable_backup(path: &Path) -> Option<PathBuf> {
    let backup = backup_path(path);
    super::read::open_regular(&backup).is_ok().then_some(backup)
}

/// Where a file of an older format is kept when it is first rewritten in
/// this one: `ID.json.v1`, never listed nor overwritten.
pub fn older_format_path(path: &Path, version: u64) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!("{name}.v{version}"))
}

/// A save's temporary file is older than this when its save is surely over.
pub(super) const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The names of this program's temporary files, and no others (see
/// [`TEMP_SUFFIX`]).
pub(super) fn is_leftover(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_SUFFIX.len() + 1
}

/// A name beside `session` for this instance's version when the file is no
/// longer its to write (changed on the disk, held by another instance):
/// the session's name, the moment, and a number if that is taken.
pub fn conflict_path(session: &Path, at: chrono::DateTime<chrono::Local>) -> PathBuf {
    let stem = session.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let stem = stem.split(CONFLICT).next().unwrap_or_default();
    let moment = at.format("%Y%m%d-%H%M%S");
    let mut path = session.with_file_name(format!("{stem}{CONFLICT}{moment}.{}", super::EXTENSION));
    let mut n = 2;
    while fs::symlink_metadata(&path).is_ok() {
        path = session.with_file_name(format!("{stem}{CONFLICT}{moment}-{n}.{}", super::EXTENSION));
        n += 1;
    }
    path
}

/// A name for a file the app writes about a session (an export, a
/// recovery copy): made from the name of the session's file, which the app
/// chose or the user gave, never from what is inside it; letters, digits,
/// `-`, `_` and `.` only, never a leading dot, so it can only name a file
/// in the folder it is joined to.
pub fn file_name_for(session: &Path) -> String {
    let stem = session.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let name: String =
        stem.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).take(80).collect();
    let name = name.trim_start_matches('.');
    if name.is_empty() { "session".to_string() } else { name.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the app's own temporary names are leftovers, and a name that is
    /// nothing but the dot and the suffix is not one of them.
    #[test]
    fn a_leftover_is_a_dotted_name_with_the_app_s_suffix_and_something_between() {
        assert!(is_leftover(&format!(".a{TEMP_SUFFIX}")));
        assert!(!is_leftover(&format!(".{TEMP_SUFFIX}")));
        assert!(!is_leftover(&format!("a{TEMP_SUFFIX}")));
        assert!(!is_leftover(".notes-perso.tmp"));
    }

    #[test]
    fn file_names_never_come_from_the_content_and_stay_in_their_folder() {
        for (path, name) in [
            ("/x/2026-11-21-partnerships-k3f9xa.json", "2026-11-21-partnerships-k3f9xa"),
            ("/x/..json", "session"),
            ("/x/.hidden.json", "hidden"),
            ("/x/a b;\u{1b}]0;x\u{7}.json", "ab0x"),
        ] {
            let made = file_name_for(Path::new(path));
            assert_eq!(made, name);
            assert_eq!(Path::new("/d").join(&made).parent(), Some(Path::new("/d")));
        }
    }

    #[test]
    fn leftovers_of_a_crashed_save_are_recognised() {
        assert!(is_leftover(".2026-11-21-partnerships-abc234.json.Xy12Ab.atelier-tmp"));
        assert!(is_leftover(".s.json.bak-link.atelier-tmp"));
        assert!(!is_leftover(".2026-11-21-partnerships-abc234.json.Xy12Ab"));
        assert!(!is_leftover(".notes.json.backup"));
        assert!(!is_leftover(".index.json"));
        assert!(!is_leftover(".s.json.lock"));
        assert!(!is_leftover("s.json"));
        assert!(!is_leftover("s.json.bak"));
    }

    #[test]
    fn the_data_folder_is_atelier_s_own() {
        let folder = user_data_folder().expect("the tests run with a home");
        assert_eq!(folder.file_name().and_then(|n| n.to_str()), Some("atelier"));
        assert!(folder.is_absolute());
    }

    #[test]
    fn a_conflict_copy_is_named_after_its_session_and_never_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Local, 2026, 12, 7, 14, 5, 12).single().unwrap();
        let session = dir.path().join("2026-12-07-partnerships-k3f9xa.json");
        let first = conflict_path(&session, at);
        assert_eq!(first.file_name().unwrap(), "2026-12-07-partnerships-k3f9xa.conflict-20261207-140512.json");
        assert_eq!(crate::listing::conflict_of(&first).as_deref(), Some("2026-12-07-partnerships-k3f9xa.json"));
        fs::write(&first, "taken").unwrap();
        let second = conflict_path(&session, at);
        assert_eq!(second.file_name().unwrap(), "2026-12-07-partnerships-k3f9xa.conflict-20261207-140512-2.json");
        // A copy of a copy stands beside the session, not beside the copy.
        let again = conflict_path(&first, at);
        assert_eq!(crate::listing::conflict_of(&again).as_deref(), Some("2026-12-07-partnerships-k3f9xa.json"));
        assert_eq!(crate::listing::conflict_of(&session), None);
    }
}
