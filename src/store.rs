//! The sessions folder: one JSON file per session, written atomically.
//!
//! A save goes to a temporary file in the same folder, is flushed to disk,
//! renamed over the old file, and the folder itself is flushed, so that a
//! crash at any moment leaves either the previous notes or the new ones.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::i18n::{Lang, Tr};
use crate::programme::Programme;
use crate::session::{FORMAT_VERSION, Session, migrate};
use crate::text::clean;

pub const EXTENSION: &str = "json";
/// The example session, read-only, that a first run shows: its file name
/// and its text.
pub const EXAMPLE: (&str, &str) = ("exemple-colibris.json", include_str!("../sessions/exemple-colibris.json"));

/// The user's data folder for atelier, whatever the current folder:
/// `$XDG_DATA_HOME/atelier` or `~/.local/share/atelier`,
/// `~/Library/Application Support/atelier`, `%APPDATA%\atelier`; none
/// without a home.
pub fn user_data_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().join("atelier"))
}
/// The cache of summaries, beside the sessions; rebuilt entry by entry
/// whenever a file's size or time disagrees with it.
const INDEX: &str = ".index.jsonl";
/// The index of earlier builds, one JSON document rewritten whole: removed
/// once the new one is written.
const OLD_INDEX: &str = ".index.json";
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

/// One line of the list of past sessions.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// Boxed: the list of years of notes moves and sorts pointers, and the
    /// index's copy of a summary becomes the list's without a second one.
    Session(Box<Summary>),
    Unreadable {
        path: PathBuf,
        reason: String,
        /// Its previous version, when one was kept: offered instead.
        backup: Option<PathBuf>,
    },
}

impl Listed {
    /// The file this line is about.
    pub fn path(&self) -> &Path {
        match self {
            Listed::Session(s) => &s.path,
            Listed::Unreadable { path, .. } => path,
        }
    }
}

/// What the list shows of a session, read without keeping the whole file,
/// and kept in the folder's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(skip)]
    pub path: PathBuf,
    pub id: String,
    pub group: String,
    pub region: String,
    pub participants: usize,
    pub current_step: usize,
    pub steps: usize,
    pub created_at: DateTime<Local>,
    pub updated_at: DateTime<Local>,
    /// How many notes were pinned on the board.
    #[serde(default)]
    pub pins: usize,
    /// The choices of the plan, by field id: option ids of the programme
    /// (the decision among them). A list of pairs written as a JSON
    /// object: a map's first node alone is over 500 bytes, and the list of
    /// 50,000 sessions holds one per session.
    #[serde(default)]
    #[serde(serialize_with = "pairs_as_map", deserialize_with = "map_as_pairs")]
    pub choices: Vec<(String, String)>,
    /// The names of the candidate partners, for the search.
    #[serde(default)]
    pub partners: Vec<String>,
    /// A session shipped to try the app: it opens read-only.
    #[serde(default)]
    pub example: bool,
    /// The session this one follows up, if any.
    #[serde(default)]
    pub follows: Option<String>,
    /// The plan's answers that are dates (`2026-12-15`), by field id: the
    /// review of the plan, the next meeting.
    #[serde(default)]
    pub dates: BTreeMap<String, String>,
    /// Whether it ended; none in an index written before that was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<bool>,
}

impl Summary {
    /// Whether the session ended (looking at its steps again changes
    /// nothing of it); an older index said so by its last step.
    pub fn is_finished(&self) -> bool {
        self.finished.unwrap_or(self.steps > 0 && self.current_step + 1 >= self.steps)
    }

    /// What came of it, in a few words: pins, the decision (as `programme`
    /// words it), an example.
    pub fn digest(&self, tr: &Tr, programme: &Programme) -> Vec<String> {
        let mut digest = Vec::new();
        if self.pins > 0 {
            digest.push(tr.args("home-pins", &[("count", self.pins.into())]));
        }
        if let Some(decision) = programme.decision_text(&self.choices.iter().cloned().collect()) {
            digest.push(tr.t(decision));
        }
        if self.example {
            digest.push(tr.t("home-example"));
        }
        digest
    }

    /// The dates of the plan that have come (on `today` or before), as the
    /// programme names them: the review of the plan, the next meeting.
    pub fn due(&self, programme: &Programme, today: chrono::NaiveDate) -> Vec<(String, chrono::NaiveDate)> {
        programme
            .plan_date_fields()
            .filter_map(|(id, title)| {
                let date = crate::steps::plan::parse_date(self.dates.get(id)?)?;
                (date <= today).then(|| (title.to_string(), date))
            })
            .collect()
    }

    /// Whether the search matches the group, the region or a partner.
    pub fn matches(&self, search: &str) -> bool {
        let search = search.trim().to_lowercase();
        search.is_empty()
            || [&self.group, &self.region].into_iter().chain(&self.partners).any(|t| t.to_lowercase().contains(&search))
    }
}

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
    pub fn save_at(&self, path: &Path, session: &Session) -> Result<(), StoreError> {
        let path = path.to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        let mut json = serde_json::to_vec(session)
            .map_err(|e| StoreError::Unreadable { path: path.clone(), reason: e.to_string() })?;
        json.push(b'\n');
        if let Some(version) = session.migrated_from {
            keep_older_format(&path, version);
        }
        keep_previous(&path);
        write_atomically(&path, &json, None).map_err(|e| StoreError::io(&path, e))
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
        let by_group = || {
            let key = crate::trend::group_key(what);
            self.list().ok()?.into_iter().find_map(|listed| match listed {
                Listed::Session(s) if crate::trend::group_key(&s.group) == key => Some(s.path),
                _ => None,
            })
        };
        by_start.or_else(by_random_part).or_else(by_group).ok_or_else(not_found)
    }

    /// Writes any file of the app's own (a recovery copy) atomically,
    /// making its folder.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        write_atomically(path, bytes, None).map_err(|e| StoreError::io(path, e))
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
                write_atomically(&target, bytes, Some(file_mode(&meta))).map_err(|e| StoreError::io(&target, e))?;
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

    /// The session files of the folder; no folder means no sessions yet.
    /// Hidden files (the app's own) are left out.
    fn session_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&self.dir, e)),
        };
        Ok(entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == EXTENSION)
                    && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
                    && !fs::metadata(p).is_ok_and(|m| m.is_dir())
            })
            .collect())
    }

    /// The past sessions, the most recently changed first; files that do
    /// not read are listed with the reason, and left untouched.
    ///
    /// Only files whose size or modification time changed since the index
    /// recorded them are read, so the list stays quick with thousands of
    /// sessions. The index is one compact line per session, read line by
    /// line; what changed is appended, and the whole is rewritten only when
    /// stale lines outnumber the live ones (or it is broken). Each summary
    /// is held once, and moved into the list.
    pub fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let files = self.session_files()?;
        let index_path = self.dir.join(INDEX);
        let (mut known, records, valid) = read_index(&index_path);
        let mut fresh = Vec::new();
        let mut stamps = Vec::with_capacity(files.len());
        let mut listed = Vec::with_capacity(files.len());
        for path in files {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let stamp = Stamp::of(&path);
            let entry = match known.remove(&name) {
                Some(entry) if stamp.is_some() && entry.stamp == stamp => entry,
                _ => {
                    let entry = IndexEntry::of(summarise(&path), stamp);
                    fresh.push(listed.len());
                    entry
                }
            };
            stamps.push(stamp);
            listed.push(entry.into_listed(&path));
        }
        // A folder we cannot write to still lists: the index is a cache.
        let used = listed.len() - fresh.len();
        let stale = records.saturating_sub(used);
        if !valid || stale + fresh.len() > listed.len() + 64 {
            let all: Vec<usize> = (0..listed.len()).collect();
            let _ = write_atomically(&index_path, &index_lines(true, &all, &listed, &stamps), None);
            let _ = fs::remove_file(self.dir.join(OLD_INDEX));
        } else if !fresh.is_empty() {
            let _ = append(&index_path, &index_lines(false, &fresh, &listed, &stamps));
        }
        listed.sort_by(|a, b| match (a, b) {
            (Listed::Session(a), Listed::Session(b)) => b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)),
            (Listed::Session(_), Listed::Unreadable { .. }) => std::cmp::Ordering::Less,
            (Listed::Unreadable { .. }, Listed::Session(_)) => std::cmp::Ordering::Greater,
            (Listed::Unreadable { path: a, .. }, Listed::Unreadable { path: b, .. }) => a.cmp(b),
        });
        Ok(listed)
    }
}

/// The index's records, by file name, with how many lines it holds and
/// whether it is one this build wrote (else it is rebuilt). A line that
/// does not read (one cut short by a crash) counts as stale.
fn read_index(path: &Path) -> (std::collections::HashMap<String, IndexEntry>, usize, bool) {
    use std::io::BufRead as _;
    let mut known = std::collections::HashMap::new();
    let Ok(file) = fs::File::open(path) else { return (known, 0, false) };
    let mut reader = io::BufReader::new(file);
    let mut line = Vec::new();
    let header = reader.read_until(b'\n', &mut line).is_ok()
        && serde_json::from_slice::<IndexHeader>(&line).is_ok_and(|h| h.version == INDEX_VERSION);
    if !header {
        return (known, 0, false);
    }
    let mut records = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        records += 1;
        if let Ok(record) = serde_json::from_slice::<IndexRecord>(&line) {
            known.insert(record.name, record.entry);
        }
    }
    (known, records, true)
}

/// Lines of the index for the entries `which` of `listed`, after a header
/// line when it starts a new index.
fn index_lines(header: bool, which: &[usize], listed: &[Listed], stamps: &[Option<Stamp>]) -> Vec<u8> {
    let mut out = Vec::new();
    if header {
        let _ = serde_json::to_writer(&mut out, &IndexHeader { version: INDEX_VERSION });
        out.push(b'\n');
    }
    for &i in which {
        let (summary, unreadable) = match &listed[i] {
            Listed::Session(summary) => (Some(&**summary), None),
            Listed::Unreadable { reason, .. } => (None, Some(reason.as_str())),
        };
        let name = listed[i].path().file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let record = RecordOut { name: &name, stamp: stamps[i], summary, unreadable };
        if serde_json::to_writer(&mut out, &record).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Adds lines at the end of the index, in one write.
fn append(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().append(true).open(path)?;
    file.write_all(bytes)
}

/// Who holds a session open, as its holder wrote it in the lock file: for
/// the message of the instance that only reads. The lock itself is the
/// operating system's, never this text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<Local>,
}

/// The lock of an open session: an advisory lock on `.NAME.json.lock`
/// beside it, held by the operating system for the life of this process
/// and freed when it ends, however it ends (a kill -9 included). Dropping it
/// removes the lock file while still holding it, then lets it go.
#[derive(Debug)]
pub struct Lock {
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
    session: PathBuf,
    file: fs::File,
}

impl Lock {
    /// The session file this lock holds.
    pub fn session(&self) -> &Path {
        &self.session
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed only while held, and only if the name still points to the
        // file we hold: no instance ever removes a lock it does not hold.
        // (On Windows the file stays: the name of a file held open cannot be
        // checked there the same way, and a lock file nobody holds blocks nothing.)
        #[cfg(unix)]
        if is_same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Why a session could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another instance holds it (and says who, when it had the time to).
    Held(Option<Holder>),
    /// The folder or the lock file cannot be made or locked.
    Io(io::Error),
}

/// The lock file of a session file: hidden, beside it.
pub fn lock_path(session: &Path) -> PathBuf {
    let name = session.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    session.with_file_name(format!(".{name}.lock"))
}

/// Takes the session for this process, or says who has it. The folder is
/// made first if need be: a lock is taken before any write, in every
/// folder. The lock file is locked before it is filled, so another instance
/// never reads a half-written one as abandoned: what decides is the
/// operating system's lock, and the text only names the holder.
pub fn lock(session: &Path) -> Result<Lock, LockError> {
    let path = lock_path(session);
    if let Some(parent) = session.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_private_dir(parent).map_err(LockError::Io)?;
    }
    // A holder that leaves removes the file while we wait to lock it: we
    // then hold a file nobody else can see, and try again on the new one.
    for _ in 0..64 {
        let file = open_lock_file(&path).map_err(LockError::Io)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Err(LockError::Held(read_holder(&file))),
            Err(fs4::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        if !is_same_file(&file, &path) {
            continue;
        }
        let me = Holder { pid: std::process::id(), host: host_name(), since: Local::now() };
        let mut writer = &file;
        // The holder's name is only a courtesy: a failure here leaves the
        // lock as good.
        let _ = file.set_len(0).and_then(|()| writer.write_all(&serde_json::to_vec(&me).unwrap_or_default()));
        return Ok(Lock { path, session: session.to_path_buf(), file });
    }
    Err(LockError::Io(io::Error::other("the lock file keeps changing")))
}

fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// What the holder wrote in its lock file; nothing if it has not yet.
fn read_holder(file: &fs::File) -> Option<Holder> {
    use std::io::Read as _;
    let mut text = Vec::new();
    let reader = file;
    reader.take(4096).read_to_end(&mut text).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Whether `path` still names the very file `file` has open.
#[cfg(unix)]
fn is_same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere lock files are never removed, so the name always names it.
#[cfg(not(unix))]
fn is_same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(unix)]
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer and its length match.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    if ok { String::from_utf8_lossy(&buf[..end]).into_owned() } else { String::new() }
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

/// The index's own format: an index of another one is read as empty and
/// rebuilt, since its summaries may lack what this build shows.
const INDEX_VERSION: u32 = 3;

/// The first line of the index.
#[derive(Debug, Serialize, Deserialize)]
struct IndexHeader {
    version: u32,
}

/// Each further line: a session file's name and what was read of it.
#[derive(Debug, Deserialize)]
struct IndexRecord {
    name: String,
    #[serde(flatten)]
    entry: IndexEntry,
}

/// A line as written, borrowing what the list holds.
#[derive(Serialize)]
struct RecordOut<'a> {
    name: &'a str,
    stamp: Option<Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unreadable: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndexEntry {
    stamp: Option<Stamp>,
    #[serde(default)]
    summary: Option<Box<Summary>>,
    #[serde(default)]
    unreadable: Option<String>,
}

impl IndexEntry {
    fn of(listed: Listed, stamp: Option<Stamp>) -> Self {
        match listed {
            Listed::Session(summary) => IndexEntry { stamp, summary: Some(summary), unreadable: None },
            Listed::Unreadable { reason, .. } => IndexEntry { stamp, summary: None, unreadable: Some(reason) },
        }
    }

    fn into_listed(self, path: &Path) -> Listed {
        match (self.summary, self.unreadable) {
            (Some(mut summary), _) => {
                summary.path = path.to_path_buf();
                Listed::Session(summary)
            }
            (None, reason) => Listed::Unreadable {
                path: path.to_path_buf(),
                reason: reason.unwrap_or_default(),
                backup: Some(backup_path(path)).filter(|b| b.is_file()),
            },
        }
    }
}

/// A file's size and modification time: when both match the index, the
/// file is taken as unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    secs: u64,
    nanos: u32,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Stamp { size: meta.len(), secs: modified.as_secs(), nanos: modified.subsec_nanos() })
    }
}

/// What ends the names of this program's temporary files, and only
/// theirs: `.NAME.json.<6 letters>.atelier-tmp`. Clean-up removes nothing
/// else, so a user's `.something.json.backup` is never touched.
const TEMP_SUFFIX: &str = ".atelier-tmp";

/// A temporary name beside `path`, that no one else uses.
fn temp_path(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}{TEMP_SUFFIX}"))
}

/// Temporary file (readable by its owner only, or with `mode`), flush,
/// rename over `path`, flush of the folder: a crash leaves the old file or
/// the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
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
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt as _;
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_folder(path)
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

/// The folder of the notes, made readable by its owner only when this
/// program creates it.
fn ensure_private_dir(dir: &Path) -> io::Result<()> {
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

/// The mode of an existing file, which a replacement keeps.
#[cfg(unix)]
fn file_mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn file_mode(_meta: &fs::Metadata) -> u32 {
    0
}

/// Where a chain of symlinks ends (even if nothing is there yet); a path
/// that is no link is itself. A loop stops after 40 links.
fn follow_links(path: &Path) -> PathBuf {
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

/// Where a file of an older format is kept when it is first rewritten in
/// this one: `ID.json.v1`, never listed nor overwritten.
pub fn older_format_path(path: &Path, version: u64) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!("{name}.v{version}"))
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
    if fs::hard_link(path, &link).is_ok() {
        let _ = fs::rename(&link, backup_path(path));
    }
}

/// A save's temporary file is older than this when its save is surely over.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The names of this program's temporary files, and no others (see
/// [`TEMP_SUFFIX`]).
fn is_leftover(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_SUFFIX.len() + 1
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

/// The largest session file read: far above any real workshop (thousands
/// of notes weigh a few hundred KiB), and small enough that a hostile file
/// cannot eat the memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The text of a regular file of at most [`MAX_FILE_BYTES`]. A FIFO, a
/// device, a socket (or a link to one) is refused without being read, and
/// opened without waiting, so nothing hangs on it.
pub fn read_regular(path: &Path) -> Result<String, StoreError> {
    use std::io::Read as _;
    let unreadable = |reason: String| StoreError::Unreadable { path: path.to_path_buf(), reason };
    let not_found = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound(path.display().to_string()),
        _ => StoreError::io(path, e),
    };
    let meta = fs::metadata(path).map_err(not_found)?;
    if !meta.is_file() {
        return Err(unreadable(not_regular(&meta)));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(not_found)?;
    // What was opened is what counts: the name may have changed since.
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(unreadable(not_regular(&meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(too_big(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(too_big(bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|e| unreadable(format!("not UTF-8 text ({e})")))
}

fn too_big(len: u64) -> String {
    format!("{} MiB, more than a session can be ({} MiB at most)", len >> 20, MAX_FILE_BYTES >> 20)
}

/// The word for a file that is not a regular one.
fn not_regular(meta: &fs::Metadata) -> String {
    let kind = meta.file_type();
    #[cfg(unix)]
    let word = {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_dir() {
            "a folder"
        } else {
            "not a file"
        }
    };
    #[cfg(not(unix))]
    let word = if kind.is_dir() { "a folder" } else { "not a file" };
    format!("not a regular file ({word}): skipped")
}

/// Reads a session file: a regular file, not too big, JSON with a whole
/// `version` this build knows, brought to the current format. The one
/// verdict on a file, for `list`, `open` and everything else.
fn read_session(path: &Path) -> Result<Session, StoreError> {
    let text = read_regular(path)?;
    let unreadable = |e: serde_json::Error| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(unreadable)?;
    let version = check_version(path, &value)?;
    let mut session: Session = serde_json::from_value(migrate(value)).map_err(unreadable)?;
    if version < u64::from(FORMAT_VERSION) {
        session.migrated_from = Some(version);
    }
    Ok(session)
}

/// The format version of a file, refused when newer, missing or not a
/// whole number (which the message says).
fn check_version(path: &Path, value: &serde_json::Value) -> Result<u64, StoreError> {
    use serde_json::Value;
    let unreadable = |reason: String| StoreError::Unreadable { path: path.to_path_buf(), reason };
    let Some(object) = value.as_object() else {
        return Err(unreadable("not a session: the file holds no JSON object".into()));
    };
    match object.get("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > u64::from(FORMAT_VERSION) => Err(StoreError::Newer { path: path.to_path_buf(), version: v }),
            Some(v) => Ok(v),
            None => Err(unreadable(format!("the version field is {n}, not a whole number from 1 to {FORMAT_VERSION}"))),
        },
        Some(other) => {
            let kind = match other {
                Value::String(_) => "a text",
                Value::Bool(_) => "true or false",
                Value::Array(_) => "a list",
                Value::Object(_) => "an object",
                _ => "null",
            };
            Err(unreadable(format!("the version field is {kind}, not a whole number")))
        }
        None => Err(unreadable("no version field".into())),
    }
}

impl Summary {
    /// What the list shows of a session read whole.
    pub fn of(path: &Path, session: &Session) -> Summary {
        let boards = session.steps.iter().filter_map(|r| r.state.as_board());
        let plan = session.steps.iter().find_map(|r| r.state.as_plan());
        Summary {
            path: path.to_path_buf(),
            id: session.id.clone(),
            group: session.roster.group.clone(),
            region: session.roster.region.clone(),
            participants: session.roster.participants.len(),
            current_step: session.reached(),
            steps: session.steps.len(),
            finished: Some(session.is_finished()),
            created_at: session.created_at,
            updated_at: session.updated_at,
            pins: boards.flat_map(|b| b.notes()).filter(|n| n.pinned).count(),
            choices: plan.map(|p| p.choices.clone().into_iter().collect()).unwrap_or_default(),
            partners: plan.map(|p| p.partners.iter().map(|x| x.name.clone()).collect()).unwrap_or_default(),
            example: session.example,
            follows: session.follows.clone(),
            dates: plan
                .map(|p| {
                    let dates = p.answers.iter().filter(|(_, a)| crate::steps::plan::parse_date(a).is_some());
                    dates.map(|(k, a)| (k.clone(), a.clone())).collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn pairs_as_map<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

fn map_as_pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    Ok(BTreeMap::<String, String>::deserialize(d)?.into_iter().collect())
}

/// One line of the list, from the same reading as opening the file.
fn summarise(path: &Path) -> Listed {
    match read_session(path) {
        Ok(session) => Listed::Session(Box::new(Summary::of(path, &session))),
        Err(StoreError::Newer { version, .. }) => Listed::Unreadable {
            path: path.to_path_buf(),
            reason: format!("format version {version} is newer than {FORMAT_VERSION}"),
            backup: None,
        },
        Err(StoreError::Unreadable { reason, .. }) => {
            Listed::Unreadable { path: path.to_path_buf(), reason, backup: None }
        }
        Err(e) => Listed::Unreadable { path: path.to_path_buf(), reason: e.to_string(), backup: None },
    }
}

/// Six letters and digits from the system's random source; without it the
/// clock's nanoseconds and the process id still make a clash unlikely, and
/// `new_id` checks for one anyway.
fn random_suffix() -> String {
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
    use super::*;
    use crate::programme::Programme;
    use crate::session::Roster;

    fn sample(store: &Store, group: &str) -> Session {
        let p = Programme::embedded();
        let id = store.new_id(&p.id, Local::now());
        let roster = Roster {
            group: group.into(),
            participants: vec!["Awa".into(), "Bruno".into()],
            region: "Sahel".into(),
            ends_at: String::new(),
        };
        Session::new(id, &p, roster, Lang::Fr, Local::now())
    }

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
    fn a_session_is_finished_once_it_ended_and_an_older_index_by_its_last_step() {
        let store = Store::new("notes");
        let mut session = sample(&store, "G");
        session.current_step = 7;
        assert!(!Summary::of(Path::new("s.json"), &session).is_finished(), "the closing shown is not an end");
        session.finished_at = Some(session.updated_at);
        session.current_step = 2;
        assert!(Summary::of(Path::new("s.json"), &session).is_finished(), "looked back at, still ended");
        let mut summary = Summary::of(Path::new("s.json"), &session);
        summary.finished = None;
        assert_eq!(summary.steps, 8);
        summary.current_step = 6;
        assert!(!summary.is_finished());
        summary.current_step = 7;
        assert!(summary.is_finished());
        summary.steps = 0;
        summary.current_step = 0;
        assert!(!summary.is_finished(), "a session of no steps is no finished one");
    }

    #[test]
    fn the_digest_says_the_pins_the_decision_and_an_example() {
        let texts = crate::i18n::Texts::new();
        let tr = Tr::new(&texts, Lang::Fr);
        let programme = Programme::embedded();
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        assert!(summary.digest(&tr, &programme).is_empty());
        summary.pins = 3;
        summary.choices = vec![("decision".into(), "go".into())];
        summary.example = true;
        let pins = tr.args("home-pins", &[("count", 3usize.into())]);
        assert_eq!(summary.digest(&tr, &programme), [pins, tr.t("decision-go"), tr.t("home-example")]);
    }

    /// The index keeps a summary's choices as the object the session has
    /// them in, and reads them back.
    #[test]
    fn a_summary_keeps_the_plan_s_choices_through_the_index() {
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        summary.choices = vec![("decision".into(), "go".into()), ("level".into(), "share".into())];
        let line = serde_json::to_value(&summary).unwrap();
        assert_eq!(line["choices"], serde_json::json!({"decision": "go", "level": "share"}));
        let back: Summary = serde_json::from_value(line).unwrap();
        assert_eq!(back.choices, summary.choices);
    }

    #[test]
    fn the_dates_of_the_plan_are_due_on_their_day_and_after() {
        let programme = Programme::embedded();
        let store = Store::new("notes");
        let mut summary = Summary::of(Path::new("s.json"), &sample(&store, "G"));
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        summary.dates.insert("review".into(), "2026-12-15".into());
        summary.dates.insert("next_meeting".into(), "2026-12-20".into());
        assert!(summary.due(&programme, day(14)).is_empty());
        assert_eq!(summary.due(&programme, day(15)), [("plan-review".to_string(), day(15))]);
        assert_eq!(summary.due(&programme, day(21)).len(), 2);
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
        let path = store.add_example().unwrap();
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
    fn the_index_is_appended_to_for_a_new_session_and_left_alone_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let index = dir.path().join(INDEX);
        store.save(&sample(&store, "Un")).unwrap();
        store.list().unwrap();
        let written = fs::read(&index).unwrap();
        #[cfg(unix)]
        let inode = || std::os::unix::fs::MetadataExt::ino(&fs::metadata(&index).unwrap());
        #[cfg(unix)]
        let first = inode();
        store.list().unwrap();
        assert_eq!(fs::read(&index).unwrap(), written, "nothing changed, nothing written");
        #[cfg(unix)]
        assert_eq!(inode(), first, "not even rewritten the same");
        store.save(&sample(&store, "Deux")).unwrap();
        assert_eq!(store.list().unwrap().len(), 2);
        let grown = fs::read(&index).unwrap();
        assert!(grown.starts_with(&written) && grown.len() > written.len(), "a line appended");
        #[cfg(unix)]
        assert_eq!(inode(), first, "appended, not rewritten");
    }

    #[test]
    fn a_sessions_folder_that_is_a_file_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes");
        fs::write(&file, b"not a folder").unwrap();
        assert!(Store::new(&file).list().is_err());
        assert!(Store::new(dir.path().join("none")).list().unwrap().is_empty(), "no folder yet: no sessions");
    }

    #[test]
    fn a_file_of_the_app_s_own_is_written_whole_with_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = dir.path().join("recovery").join("copy.json");
        store.write_file(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn a_listed_session_from_the_index_names_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.save(&sample(&store, "G")).unwrap();
        for pass in ["read", "from the index"] {
            assert_eq!(store.list().unwrap()[0].path(), path, "{pass}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_replaced_under_its_name_is_another_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        fs::write(&path, b"1").unwrap();
        let file = fs::File::open(&path).unwrap();
        assert!(is_same_file(&file, &path));
        fs::remove_file(&path).unwrap();
        assert!(!is_same_file(&file, &path), "gone");
        fs::write(&path, b"2").unwrap();
        assert!(!is_same_file(&file, &path), "another file of the same name");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_host_is_named_as_the_system_names_it() {
        let system = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
        assert_eq!(host_name(), system.trim_end());
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

    #[test]
    fn the_data_folder_is_atelier_s_own() {
        let folder = user_data_folder().expect("the tests run with a home");
        assert_eq!(folder.file_name().and_then(|n| n.to_str()), Some("atelier"));
        assert!(folder.is_absolute());
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
    fn a_session_is_held_by_one_instance_and_a_lock_file_alone_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = lock(&session).unwrap();
        let Err(LockError::Held(Some(holder))) = lock(&session) else { panic!("held") };
        assert_eq!(holder.pid, std::process::id());
        assert!(lock_path(&session).exists());
        drop(first);
        // On Unix the file goes with the lock; elsewhere it stays, and
        // holds nothing (below).
        #[cfg(unix)]
        assert!(!lock_path(&session).exists(), "released on leaving");
        // A lock file whose pid is alive (ours, pid 1) or from another
        // host, but that no process holds: the session is free.
        for (pid, host) in [(1, host_name()), (std::process::id(), "elsewhere".to_string())] {
            let left = Holder { pid, host, since: Local::now() };
            fs::write(lock_path(&session), serde_json::to_vec(&left).unwrap()).unwrap();
            assert!(lock(&session).is_ok(), "a lock file nobody holds is taken");
        }
        // The lock is beside the session, never in it, and not listed.
        assert!(store_lists_nothing(dir.path()));
    }

    #[test]
    fn a_lock_is_taken_even_where_the_folder_does_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("new").join("folder").join("s.json");
        let _held = lock(&session).unwrap();
        assert!(matches!(lock(&session), Err(LockError::Held(_))));
    }

    /// Only Unix removes lock files (see `Drop for Lock`).
    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_not_ours_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = lock(&session).unwrap();
        // Someone replaces the lock file under the holder's feet: the holder
        // leaving must not remove the new one.
        fs::remove_file(lock_path(&session)).unwrap();
        let second = lock(&session).unwrap();
        drop(first);
        assert!(lock_path(&session).exists(), "the other lock is still there");
        assert!(matches!(lock(&session), Err(LockError::Held(_))), "and still holds");
        drop(second);
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

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_links_to_them_are_skipped_with_a_word_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let fifo = dir.path().join("fifo.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
        std::os::unix::fs::symlink(&fifo, dir.path().join("to-fifo.json")).unwrap();
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 3);
        for entry in &listed {
            let Listed::Unreadable { reason, .. } = entry else { panic!("{entry:?}") };
            assert!(reason.contains("not a regular file"), "{reason}");
        }
        assert!(matches!(store.load(&fifo), Err(StoreError::Unreadable { .. })));
    }

    #[test]
    fn a_file_too_big_is_refused_without_being_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let file = fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let Err(StoreError::Unreadable { reason, .. }) = read_regular(&path) else { panic!("refused") };
        assert!(reason.contains("MiB"), "{reason}");
    }

    /// At the limit a file is read whole, a byte over it is refused: a
    /// session of thousands of notes (a few MiB) is far under it.
    #[test]
    fn a_file_at_the_limit_is_read_whole_and_a_big_session_is_far_under_it() {
        assert_eq!(MAX_FILE_BYTES, 32 << 20);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("limit.json");
        fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES).unwrap();
        assert_eq!(read_regular(&path).unwrap().len() as u64, MAX_FILE_BYTES);
        let missing = dir.path().join("missing.json");
        assert!(matches!(read_regular(&missing), Err(StoreError::NotFound(_))));
    }

    /// A device for a test to read or write: a terminal's other end of its
    /// own (kept open as long as the pair lives), never /dev/null, which a
    /// bug that replaced devices would replace for the whole machine (the
    /// tests may run as root); in /dev/pts such a bug fails instead.
    #[cfg(unix)]
    fn a_device_of_our_own() -> (portable_pty::PtyPair, PathBuf) {
        let pty = portable_pty::native_pty_system().openpty(portable_pty::PtySize::default()).unwrap();
        let device = pty.master.tty_name().expect("the terminal's name");
        (pty, device)
    }

    /// What a file that is not a regular one is, said in words.
    #[cfg(unix)]
    #[test]
    fn a_device_or_a_folder_is_refused_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let (_pty, device) = a_device_of_our_own();
        for (path, word) in [(device, "a device"), (dir.path().to_path_buf(), "a folder")] {
            let Err(StoreError::Unreadable { reason, .. }) = read_regular(&path) else { panic!("refused") };
            assert!(reason.contains(word), "{reason}");
        }
    }

    /// Only the app's own temporary names are leftovers, and a name that is
    /// nothing but the dot and the suffix is not one of them.
    #[test]
    fn a_leftover_is_a_dotted_name_with_the_app_s_suffix_and_something_between() {
        assert!(is_leftover(&format!(".a{TEMP_SUFFIX}")));
        assert!(!is_leftover(&format!(".{TEMP_SUFFIX}")));
        assert!(!is_leftover(&format!("a{TEMP_SUFFIX}")));
        assert!(!is_leftover(".notes-perso.tmp"));
    }

    /// A version field of the wrong kind is named by its kind.
    #[test]
    fn a_version_of_the_wrong_kind_is_named() {
        let path = Path::new("s.json");
        for (version, kind) in [
            (serde_json::json!("2"), "a text"),
            (serde_json::json!(true), "true or false"),
            (serde_json::json!([2]), "a list"),
            (serde_json::json!({"n": 2}), "an object"),
            (serde_json::Value::Null, "null"),
        ] {
            let value = serde_json::json!({ "version": version });
            let Err(StoreError::Unreadable { reason, .. }) = check_version(path, &value) else { panic!("refused") };
            assert!(reason.contains(&format!("is {kind},")), "{reason}");
        }
    }

    #[test]
    fn a_wrong_version_type_says_so_and_list_and_open_agree() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "G");
        let good = store.save(&s).unwrap();
        for (name, version) in [("text", serde_json::json!("2")), ("float", serde_json::json!(1.5))] {
            let mut value = serde_json::to_value(&s).unwrap();
            value["version"] = version;
            fs::write(dir.path().join(format!("{name}.json")), value.to_string()).unwrap();
        }
        // Readable by a lenient reading of some fields, not by the whole one.
        let mut value = serde_json::to_value(&s).unwrap();
        value["steps"][0]["clock"] = serde_json::json!("not a clock");
        fs::write(dir.path().join("half.json"), value.to_string()).unwrap();
        for entry in store.list().unwrap() {
            match entry {
                Listed::Session(summary) => assert_eq!(summary.path, good),
                Listed::Unreadable { path, reason, .. } => {
                    assert!(store.load(&path).is_err(), "open refuses what list calls unreadable: {path:?}");
                    if !path.ends_with("half.json") {
                        assert!(reason.contains("not a whole number"), "{reason}");
                    }
                }
            }
        }
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

    fn store_lists_nothing(dir: &Path) -> bool {
        Store::new(dir).list().unwrap().is_empty()
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
    fn a_newer_file_can_still_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "G");
        let mut value = serde_json::to_value(&s).unwrap();
        value["version"] = 7.into();
        value["hologram"] = "kept".into();
        let path = dir.path().join("future.json");
        fs::write(&path, value.to_string()).unwrap();
        let (read, newer) = store.load_for_reading(&path).unwrap();
        assert_eq!(newer, Some(7));
        assert_eq!(read.roster.group, "G");
        assert_eq!(read.extra["hologram"], "kept");
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
    }

    #[test]
    fn a_broken_file_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = dir.path().join("broken.json");
        fs::write(&path, b"{\"version\": 1, \"id\": ").unwrap();
        assert!(matches!(store.load(&path), Err(StoreError::Unreadable { .. })));
        let listed = store.list().unwrap();
        assert!(matches!(&listed[..], [Listed::Unreadable { .. }]));
        assert_eq!(fs::read(&path).unwrap(), b"{\"version\": 1, \"id\": ");
    }

    #[test]
    fn a_newer_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let s = sample(&store, "G");
        let mut value = serde_json::to_value(&s).unwrap();
        value["version"] = 99.into();
        let path = dir.path().join("future.json");
        fs::write(&path, value.to_string()).unwrap();
        assert!(matches!(store.load(&path), Err(StoreError::Newer { version: 99, .. })));
    }

    #[test]
    fn the_index_follows_the_files_and_rebuilds_when_it_disagrees() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut s = sample(&store, "Avant");
        let path = store.save(&s).unwrap();
        let group = |store: &Store| match &store.list().unwrap()[0] {
            Listed::Session(s) => s.group.clone(),
            Listed::Unreadable { reason, .. } => reason.clone(),
        };
        assert_eq!(group(&store), "Avant");
        assert!(dir.path().join(INDEX).exists());
        s.roster.group = "Après, plus long".into();
        store.save_at(&path, &s).unwrap();
        assert_eq!(group(&store), "Après, plus long", "a changed file is read again");
        fs::write(dir.path().join(INDEX), b"garbage").unwrap();
        assert_eq!(group(&store), "Après, plus long", "a broken index is rebuilt");
        fs::remove_file(&path).unwrap();
        assert!(store.list().unwrap().is_empty(), "a removed file leaves the list");
    }

    #[test]
    fn the_index_grows_by_appended_lines_and_is_compacted_when_mostly_stale() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let lines = || fs::read_to_string(dir.path().join(INDEX)).unwrap().lines().count();
        let mut s = sample(&store, "G0");
        let path = store.save(&s).unwrap();
        store.save(&sample(&store, "Autre")).unwrap();
        fs::write(dir.path().join(OLD_INDEX), b"{}").unwrap();
        assert_eq!(store.list().unwrap().len(), 2);
        assert_eq!(lines(), 3, "a header and a line per session");
        assert!(!dir.path().join(OLD_INDEX).exists(), "the older index goes");
        assert_eq!(store.list().unwrap().len(), 2);
        assert_eq!(lines(), 3, "nothing changed, nothing written");
        for n in 1..=70 {
            s.roster.group = format!("G{n}");
            store.save_at(&path, &s).unwrap();
            let groups: Vec<String> = store
                .list()
                .unwrap()
                .into_iter()
                .filter_map(|l| match l {
                    Listed::Session(s) => Some(s.group),
                    Listed::Unreadable { .. } => None,
                })
                .collect();
            assert!(groups.contains(&format!("G{n}")), "{groups:?}");
            assert!(lines() <= 3 + 66, "compacted once stale lines outnumber the live ones: {}", lines());
        }
        assert!(lines() < 3 + 70);
        // A line cut short by a crash is skipped, and what it was about read again.
        let mut index = fs::OpenOptions::new().append(true).open(dir.path().join(INDEX)).unwrap();
        index.write_all(b"{\"name\":\"x.json\",\"sta").unwrap();
        drop(index);
        assert_eq!(store.list().unwrap().len(), 2);
    }

    #[test]
    fn the_summary_has_the_digest_and_the_search_looks_at_partners() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut s = sample(&store, "Les Colibris");
        let columns = vec!["positives".to_string(), "difficulties".to_string()];
        let board = s.steps[2].state.as_board_mut().unwrap();
        board.add("Confiance", &columns);
        board.toggle_pin(&columns);
        let programme = Programme::embedded();
        let crate::steps::StepKind::Plan(def) = &programme.steps[6].kind else { panic!("the plan") };
        let plan = s.steps[6].state.as_plan_mut().unwrap();
        plan.add_partner("Repair Café", def);
        plan.choices.insert("decision".into(), "go".into());
        store.save(&s).unwrap();
        let Listed::Session(summary) = &store.list().unwrap()[0] else { panic!("listed") };
        let choices = summary.choices.iter().cloned().collect();
        assert_eq!((summary.pins, programme.decision_text(&choices)), (1, Some("decision-go")));
        assert!(summary.matches("repair") && summary.matches("colibri") && summary.matches("sahel"));
        assert!(!summary.matches("zzz"));
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

    #[test]
    fn the_list_is_newest_first_and_a_missing_folder_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("none"));
        assert!(store.list().unwrap().is_empty());
        let mut old = sample(&store, "Old");
        old.updated_at = Local::now() - chrono::Duration::days(30);
        let new = sample(&store, "New");
        store.save(&old).unwrap();
        store.save(&new).unwrap();
        let groups: Vec<String> = store
            .list()
            .unwrap()
            .into_iter()
            .map(|l| match l {
                Listed::Session(s) => s.group,
                Listed::Unreadable { reason, .. } => reason,
            })
            .collect();
        assert_eq!(groups, ["New", "Old"]);
    }
}
