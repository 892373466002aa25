//! The sessions folder: one JSON file per session, written atomically.
//!
//! This module owns the [`Store`] (a folder of sessions), what can go wrong
//! with it ([`StoreError`]), and finding a session by what a user types
//! (an id, its start, its random part, a group). The rest lives beside it:
//! `paths` names every file the store writes, `lock` keeps one writer per
//! session, `read` reads a file without trusting it, `save` writes one
//! atomically, `index` lists the folder quickly. What a line of the list
//! is lives outside the store, in [`crate::listing`], so that the screens
//! can show a list without depending on the disk. Nothing here knows the
//! terminal or the app's state.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::i18n::{Lang, Tr};
use crate::session::Session;
use crate::text::clean;

mod guard;
mod index;
mod lock;
mod paths;
mod read;
mod save;
mod seen;

use read::read_session;

pub use crate::listing::{Listed, Summary, conflict_of};
pub use guard::{Aside, Saved};
pub use lock::{Holder, Lock, LockError, lock};
pub use paths::{
    backup_path, conflict_path, file_name_for, lock_path, older_format_path, readable_backup, user_data_folder,
};
pub use read::{FileKind, MAX_FILE_BYTES, open_regular, read_guarded, read_regular};

pub const EXTENSION: &str = "json";
/// The example session, read-only, that a first run shows: its file name
/// and its text.
pub const EXAMPLE: (&str, &str) = ("exemple-colibris.json", include_str!("../../sessions/exemple-colibris.json"));

/// Where deleted sessions go: nothing is ever erased.
pub const TRASH: &str = ".trash";

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What went wrong with the sessions folder or a session file.
#[derive(Debug)]
pub enum StoreError {
    /// No session has this id, and no such file exists.
    NotFound(String),
    /// The file exists but is not a session this build can read.
    Unreadable { path: PathBuf, reason: String },
    /// The file was written by a newer build.
    Newer { path: PathBuf, version: u64 },
    /// The disk refused: permissions, space, a folder missing.
    Io { path: PathBuf, error: io::Error },
    /// An export would have replaced a session file.
    Refused(PathBuf),
    /// Another instance holds the session: this one does not write it.
    Held(Option<Holder>),
    /// Several groups' names match what was typed: which one?
    Several { what: String, groups: Vec<String> },
}

impl StoreError {
    fn io(path: &Path, error: io::Error) -> Self {
        StoreError::Io { path: path.to_path_buf(), error }
    }

    /// The message for the user, in their language. Names and reasons
    /// that come from files or the command line are cleaned for the
    /// terminal here, once for every error.
    pub fn message(&self, tr: &Tr) -> String {
        let shown = |path: &Path| clean(&path.display().to_string());
        match self {
            StoreError::NotFound(what) => {
                let what = clean(what);
                tr.args("error-session-not-found", &[("session", (&what).into())])
            }
            StoreError::Unreadable { path, reason } => {
                let (path, reason) = (shown(path), clean(reason));
                tr.args("error-session-unreadable", &[("path", (&path).into()), ("reason", (&reason).into())])
            }
            StoreError::Newer { path, version } => {
                let path = shown(path);
                tr.args("error-session-newer", &[("path", (&path).into()), ("version", (*version).into())])
            }
            StoreError::Io { path, error } => {
                let (path, reason) = (shown(path), io_reason(error, tr));
                tr.args("error-io", &[("path", (&path).into()), ("reason", (&reason).into())])
            }
            StoreError::Refused(path) => {
                let path = shown(path);
                tr.args("error-export-onto-session", &[("path", (&path).into())])
            }
            StoreError::Held(Some(holder)) => {
                let host = clean(&holder.host);
                tr.args("error-held", &[("pid", u64::from(holder.pid).into()), ("host", (&host).into())])
            }
            StoreError::Held(None) => tr.t("error-held-unknown"),
            StoreError::Several { what, groups } => {
                let what = clean(what);
                let mut text = tr.args("error-several-groups", &[("what", (&what).into())]);
                for group in groups {
                    text.push_str(&format!("\n  {}", clean(group)));
                }
                text
            }
        }
    }
}

/// What the disk said, in words: the usual refusals have a sentence of
/// their own, anything else the system's text.
pub fn io_reason(error: &io::Error, tr: &Tr) -> String {
    let id = match error.kind() {
        io::ErrorKind::NotADirectory => "io-not-a-folder",
        io::ErrorKind::IsADirectory => "io-is-a-folder",
        io::ErrorKind::PermissionDenied => "io-permission",
        io::ErrorKind::StorageFull => "io-full",
        io::ErrorKind::ReadOnlyFilesystem => "io-read-only",
        io::ErrorKind::AlreadyExists => "io-exists",
        _ => return clean(&error.to_string()),
    };
    tr.t(id)
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts = crate::i18n::Texts::new();
        f.write_str(&self.message(&Tr::new(&texts, Lang::En)))
    }
}

impl std::error::Error for StoreError {}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of a new session: its id is made by [`Store::new_id`],
    /// never read from a file.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXTENSION}"))
    }

    /// A fresh id: the date, the workshop, and random letters. Never built
    /// from what people typed, so no name can escape the folder or collide.
    pub fn new_id(&self, workshop: &str, at: DateTime<Local>) -> String {
        let slug: String = workshop
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(24)
            .collect::<String>()
            .to_ascii_lowercase();
        loop {
            let id = format!("{}-{slug}-{}", at.format("%Y-%m-%d"), random_suffix());
            if !self.path_of(&id).exists() {
                return id;
            }
        }
    }

    /// Whether the folder has never held a session: absent, or holding no
    /// session file and no list of them (a recovery copy written there by
    /// a session elsewhere does not make it used).
    pub fn never_used(&self) -> bool {
        let Ok(entries) = fs::read_dir(&self.dir) else { return !self.dir.exists() };
        !self.dir.join(index::INDEX).exists()
            && entries.flatten().all(|e| e.path().extension().is_none_or(|x| x != EXTENSION))
    }

    /// Writes the example session, built into the program, into the
    /// folder (made if need be), unless a file of its name is there.
    pub fn add_example(&self) -> Result<PathBuf, StoreError> {
        let (name, text) = EXAMPLE;
        let path = self.dir.join(name);
        if fs::symlink_metadata(&path).is_err() {
            self.write_file(&path, text.as_bytes())?;
        }
        Ok(path)
    }

    /// Reads a session to look at it: a file from a newer version is read
    /// as far as this one understands it, and said to be newer (it must
    /// then not be written).
    pub fn load_for_reading(&self, path: &Path) -> Result<(Session, Option<u64>), StoreError> {
        match self.load(path) {
            Err(StoreError::Newer { version, .. }) => {
                let text = read_regular(path)?;
                serde_json::from_str(&text)
                    .map(|session| (session, Some(version)))
                    .map_err(|e| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() })
            }
            other => other.map(|session| (session, None)),
        }
    }

    /// Reads a session file; a newer or broken file is refused, never
    /// guessed at. The one reading of a session: the list gives the same
    /// verdict on a file as opening it.
    pub fn load(&self, path: &Path) -> Result<Session, StoreError> {
        read_session(path)
    }

    /// Finds a session by the path of its file, its id, a unique start of
    /// its id, the random part that ends it (`k3f9xa`), or its group's name
    /// (the group's latest session).
    pub fn resolve(&self, what: &str) -> Result<PathBuf, StoreError> {
        let as_path = Path::new(what);
        // Any file but a folder: reading it then says what is wrong with it
        // (a FIFO, a device), rather than « not found ».
        if fs::metadata(as_path).is_ok_and(|m| !m.is_dir()) {
            return Ok(as_path.to_path_buf());
        }
        let by_id = self.path_of(what);
        if by_id.is_file() {
            return Ok(by_id);
        }
        let not_found = || StoreError::NotFound(what.to_string());
        if what.trim().is_empty() || what.contains(['/', '\\']) {
            return Err(not_found());
        }
        let stem = |p: &PathBuf| p.file_stem().and_then(|s| s.to_str()).map(str::to_string).unwrap_or_default();
        let files = self.session_files()?;
        let only = |matches: Vec<&PathBuf>| match matches.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        };
        let by_start = only(files.iter().filter(|p| stem(p).starts_with(what)).collect());
        let by_random_part = || only(files.iter().filter(|p| stem(p).rsplit('-').next() == Some(what)).collect());
        if let Some(found) = by_start.or_else(by_random_part) {
            return Ok(found);
        }
        // A group's latest session, its name matched as people type it;
        // several groups matching are listed for the user to choose.
        let Ok(listed) = self.list() else { return Err(not_found()) };
        let sessions: Vec<&Summary> =
            listed.iter().filter_map(|l| if let Listed::Session(s) = l { Some(s.as_ref()) } else { None }).collect();
        match crate::trend::matching_groups(what, sessions.iter().map(|s| s.group.as_str())).as_slice() {
            [] => Err(not_found()),
            [one] => {
                let key = crate::trend::group_key(one);
                let latest = sessions.iter().find(|s| crate::trend::group_key(&s.group) == key);
                latest.map(|s| s.path.clone()).ok_or_else(not_found)
            }
            several => Err(StoreError::Several {
                what: what.to_string(),
                groups: several.iter().map(|g| g.to_string()).collect(),
            }),
        }
    }

    /// Every readable session of a group (matched as `trend::group_key`
    /// does), loaded whole: for the trend over time.
    pub fn group_sessions(&self, group: &str) -> Result<Vec<Session>, StoreError> {
        let key = crate::trend::group_key(group);
        Ok(self
            .list()?
            .into_iter()
            .filter_map(|l| match l {
                Listed::Session(s) if crate::trend::group_key(&s.group) == key => self.load(&s.path).ok(),
                _ => None,
            })
            .collect())
    }

    /// Moves a session file to the trash folder beside it; returns where.
    pub fn trash(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let trash = path.parent().unwrap_or(Path::new(".")).join(TRASH);
        fs::create_dir_all(&trash).map_err(|e| StoreError::io(&trash, e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let mut target = trash.join(&name);
        let mut n = 1;
        while target.exists() {
            target = trash.join(format!("{n}-{name}"));
            n += 1;
        }
        fs::rename(path, &target).map_err(|e| StoreError::io(path, e))?;
        Ok(target)
    }

    /// Puts a session moved to the trash back where it was, unless a file
    /// is there again.
    pub fn untrash(&self, from: &Path, to: &Path) -> Result<(), StoreError> {
        if to.exists() {
            return Err(StoreError::io(to, io::Error::from(io::ErrorKind::AlreadyExists)));
        }
        fs::rename(from, to).map_err(|e| StoreError::io(from, e))
    }
}

/// Six letters and digits from the system's random source; without it the
/// clock's nanoseconds and the process id still make a clash unlikely, and
/// `new_id` checks for one anyway.
pub(super) fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstvwxyz23456789";
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let seed = nanos ^ std::process::id().rotate_left(16);
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (seed >> (i * 5)) as u8;
        }
    }
    bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn the_usual_refusals_of_the_disk_have_a_sentence_of_their_own() {
        let texts = crate::i18n::Texts::new();
        let tr = Tr::new(&texts, Lang::Fr);
        let kinds = [
            (io::ErrorKind::NotADirectory, "io-not-a-folder"),
            (io::ErrorKind::IsADirectory, "io-is-a-folder"),
            (io::ErrorKind::PermissionDenied, "io-permission"),
            (io::ErrorKind::StorageFull, "io-full"),
            (io::ErrorKind::ReadOnlyFilesystem, "io-read-only"),
            (io::ErrorKind::AlreadyExists, "io-exists"),
        ];
        for (kind, id) in kinds {
            assert_eq!(io_reason(&io::Error::from(kind), &tr), tr.t(id), "{kind:?}");
        }
        // Anything else: the system's words, cleaned for the terminal.
        let odd = io::Error::other("odd\x1b[31m thing");
        let said = io_reason(&odd, &tr);
        assert!(said.starts_with("odd") && said.ends_with("thing"), "{said}");
        assert!(!said.contains('\x1b'), "{said}");
        let error = StoreError::io(Path::new("/notes/s.json"), io::Error::from(io::ErrorKind::StorageFull));
        assert_eq!(error.message(&tr), "/notes/s.json\u{a0}: le disque est plein");
        assert_eq!(error.to_string(), "/notes/s.json: the disk is full", "Display speaks English");
    }

    #[test]
    fn an_id_is_the_day_the_workshop_s_own_letters_and_a_random_tail() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let at = chrono::TimeZone::with_ymd_and_hms(&Local, 2026, 11, 29, 10, 0, 0).single().unwrap();
        let id = store.new_id("My-Workshop ../é!", at);
        assert!(id.starts_with("2026-11-29-my-workshop-"), "{id}");
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{id}");
        assert_ne!(id, store.new_id("My-Workshop ../é!", at), "two ids of the same minute differ");
        // The tails draw on the whole alphabet: in 200 of them, a letter
        // of its second half shows (by chance alone it would not once in
        // 2^1200).
        let tails: String = (0..200).map(|_| random_suffix()).collect();
        assert!(tails.chars().any(|c| "stvwxyz23456789".contains(c)), "{tails}");
    }

    #[test]
    fn the_example_is_written_once_and_never_over_a_file_of_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        assert!(store.never_used(), "no folder yet");
        fs::create_dir_all(dir.path().join("notes").join("recovery")).unwrap();
        assert!(store.never_used(), "a recovery folder alone is no use of it");
        let path = store.add_example().unwrap();
        assert!(!store.never_used());
        assert_eq!(path, dir.path().join("notes").join(EXAMPLE.0));
        assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE.1);
        fs::write(&path, "changed by hand").unwrap();
        assert_eq!(store.add_example().unwrap(), path);
        assert_eq!(fs::read_to_string(&path).unwrap(), "changed by hand");
    }

    #[test]
    fn nothing_and_a_path_that_is_no_file_name_no_session() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        // One session only: an empty name would « start » its id.
        store.save(&sample(&store, "G")).unwrap();
        for what in ["", "  ", "nowhere/else"] {
            assert!(matches!(store.resolve(what), Err(StoreError::NotFound(_))), "{what:?}");
        }
    }

    #[test]
    fn a_group_s_sessions_are_found_by_its_name_whatever_the_case() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.save(&sample(&store, "Les Colibris")).unwrap();
        store.save(&sample(&store, "les colibris")).unwrap();
        store.save(&sample(&store, "Autres")).unwrap();
        assert_eq!(store.group_sessions("LES COLIBRIS").unwrap().len(), 2);
        assert_eq!(store.group_sessions("Autres").unwrap().len(), 1);
        assert!(store.group_sessions("Personne").unwrap().is_empty());
    }

    #[test]
    fn a_trashed_session_keeps_a_name_of_its_own_and_comes_back_unless_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.save(&sample(&store, "G")).unwrap();
        let first = store.trash(&path).unwrap();
        assert!(!path.exists() && first.is_file());
        fs::copy(&first, &path).unwrap();
        let second = store.trash(&path).unwrap();
        let third = {
            fs::copy(&first, &path).unwrap();
            store.trash(&path).unwrap()
        };
        assert!(first != second && second != third && first != third, "no trashed file is overwritten");
        assert!(second.file_name().unwrap().to_string_lossy().starts_with("1-"));
        assert!(third.file_name().unwrap().to_string_lossy().starts_with("2-"));
        store.untrash(&third, &path).unwrap();
        assert!(path.is_file() && !third.exists());
        assert!(store.untrash(&second, &path).is_err(), "a file is there again: it stays in the trash");
        assert!(second.is_file());
    }

    #[test]
    fn ids_come_from_the_date_and_workshop_never_from_the_group() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "../../etc/passwd ; rm -rf");
        assert!(s.id.contains("-partnerships-"), "{}", s.id);
        assert!(s.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{}", s.id);
        let other = store.new_id("partnerships", Local::now());
        assert_ne!(s.id, other);
    }

    #[test]
    fn a_session_is_found_by_id_prefix_or_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "G");
        let path = store.save(&s).unwrap();
        assert_eq!(store.resolve(&s.id).unwrap(), path);
        assert_eq!(store.resolve(path.to_str().unwrap()).unwrap(), path);
        let suffix_start = s.id.len() - 6;
        assert_eq!(store.resolve(&s.id[..suffix_start + 2]).unwrap(), path);
        assert!(matches!(store.resolve("nope"), Err(StoreError::NotFound(_))));
    }

    #[test]
    fn a_session_is_found_by_its_random_part_or_its_group_latest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut older = sample(&store, "Les Colibris");
        older.updated_at = Local::now() - chrono::Duration::days(30);
        let older_path = store.save(&older).unwrap();
        let newer = sample(&store, "Les Colibris");
        let newer_path = store.save(&newer).unwrap();
        let random = older.id.rsplit('-').next().unwrap();
        assert_eq!(store.resolve(random).unwrap(), older_path);
        assert_eq!(store.resolve(" les  colibris ").unwrap(), newer_path, "the group's latest session");
        assert!(matches!(store.resolve("Les Hiboux"), Err(StoreError::NotFound(_))));
        // Issue 31: by its start, without accents, or a list to choose from.
        let hiboux = store.save(&sample(&store, "Les Hiboux Épatants")).unwrap();
        assert_eq!(store.resolve("les hiboux epat").unwrap(), hiboux);
        assert_eq!(store.resolve("colib").unwrap(), newer_path);
        match store.resolve("les") {
            Err(StoreError::Several { groups, .. }) => assert_eq!(groups, ["Les Hiboux Épatants", "Les Colibris"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_deleted_session_goes_to_the_trash_never_erased() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "G");
        let path = store.save(&s).unwrap();
        let bytes = fs::read(&path).unwrap();
        let trashed = store.trash(&path).unwrap();
        assert!(!path.exists());
        assert_eq!(fs::read(&trashed).unwrap(), bytes);
        assert!(store.list().unwrap().is_empty());
        store.save(&s).unwrap();
        let again = store.trash(&path).unwrap();
        assert_ne!(again, trashed, "a second deletion of the same name keeps both");
    }
}

/// What the tests of the store share: a session, a device.
#[cfg(test)]
pub(crate) mod testing {
    pub(crate) use super::*;
    pub(crate) use crate::i18n::Lang;
    pub(crate) use crate::listing::Listed;
    pub(crate) use crate::programme::Programme;
    use crate::session::Roster;
    pub(crate) use crate::session::Session;
    pub(crate) use chrono::Local;
    pub(crate) use std::path::{Path, PathBuf};

    pub(crate) fn sample(store: &Store, group: &str) -> Session {
        let p = Programme::embedded();
        let id = store.new_id(&p.id, Local::now());
        let roster = Roster {
            group: group.into(),
            participants: vec!["Awa".into(), "Bruno".into()],
            region: "Sahel".into(),
            ends_at: String::new(),
            date: String::new(),
        };
        Session::new(id, &p, roster, Lang::Fr, Local::now())
    }

    /// A device for a test to read or write: a terminal's other end of its
    /// own (kept open as long as the pair lives), never /dev/null, which a
    /// bug that replaced devices would replace for the whole machine (the
    /// tests may run as root); in /dev/pts such a bug fails instead.
    #[cfg(unix)]
    pub(crate) fn a_device_of_our_own() -> (portable_pty::PtyPair, PathBuf) {
        let pty = portable_pty::native_pty_system().openpty(portable_pty::PtySize::default()).unwrap();
        let device = pty.master.tty_name().expect("the terminal's name");
        (pty, device)
    }

    pub(crate) fn store_lists_nothing(dir: &Path) -> bool {
        Store::new(dir).list().unwrap().is_empty()
    }
}
