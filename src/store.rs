//! The sessions folder: one JSON file per session, written atomically.
//!
//! A save goes to a temporary file in the same folder, is flushed to disk,
//! renamed over the old file, and the folder itself is flushed, so that a
//! crash at any moment leaves either the previous notes or the new ones.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;
use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::i18n::{Lang, Tr};
use crate::programme::Programme;
use crate::session::{FORMAT_VERSION, Session, migrate};

pub const EXTENSION: &str = "json";
/// The cache of summaries, beside the sessions; rebuilt entry by entry
/// whenever a file's size or time disagrees with it.
const INDEX: &str = ".index.json";
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
}

impl StoreError {
    fn io(path: &Path, error: io::Error) -> Self {
        StoreError::Io { path: path.to_path_buf(), error }
    }

    /// The message for the user, in their language.
    pub fn message(&self, tr: &Tr) -> String {
        match self {
            StoreError::NotFound(what) => tr.args("error-session-not-found", &[("session", what.into())]),
            StoreError::Unreadable { path, reason } => {
                let path = path.display().to_string();
                tr.args("error-session-unreadable", &[("path", path.as_str().into()), ("reason", reason.into())])
            }
            StoreError::Newer { path, version } => {
                let path = path.display().to_string();
                tr.args("error-session-newer", &[("path", path.as_str().into()), ("version", (*version).into())])
            }
            StoreError::Io { path, error } => {
                let path = path.display().to_string();
                let reason = error.to_string();
                tr.args("error-io", &[("path", path.as_str().into()), ("reason", reason.as_str().into())])
            }
        }
    }
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
    Session(Summary),
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
    /// (the decision among them).
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
    /// The names of the candidate partners, for the search.
    #[serde(default)]
    pub partners: Vec<String>,
    /// A session shipped to try the app: it opens read-only.
    #[serde(default)]
    pub example: bool,
    /// The session this one follows up, if any.
    #[serde(default)]
    pub follows: Option<String>,
}

impl Summary {
    pub fn is_finished(&self) -> bool {
        self.steps > 0 && self.current_step + 1 >= self.steps
    }

    /// What came of it, in a few words: pins, the decision (as `programme`
    /// words it), an example.
    pub fn digest(&self, tr: &Tr, programme: &Programme) -> Vec<String> {
        let mut digest = Vec::new();
        if self.pins > 0 {
            digest.push(format!("★ {}", self.pins));
        }
        if let Some(decision) = programme.decision_text(&self.choices) {
            digest.push(tr.t(decision));
        }
        if self.example {
            digest.push(tr.t("home-example"));
        }
        digest
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
        let mut json = serde_json::to_vec_pretty(session)
            .map_err(|e| StoreError::Unreadable { path: path.clone(), reason: e.to_string() })?;
        json.push(b'\n');
        if let Some(version) = session.migrated_from {
            keep_older_format(&path, version);
        }
        keep_previous(&path);
        write_atomically(&path, &json).map_err(|e| StoreError::io(&path, e))
    }

    /// Removes the temporary files that a crash in the middle of a save
    /// left behind (old enough that no running save can own them).
    pub fn clean_leftovers(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().to_string();
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > LEFTOVER_AGE));
            if is_leftover(&name) && old {
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
                let text = fs::read_to_string(path).map_err(|e| StoreError::io(path, e))?;
                serde_json::from_str(&text)
                    .map(|session| (session, Some(version)))
                    .map_err(|e| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() })
            }
            other => other.map(|session| (session, None)),
        }
    }

    /// Reads a session file; a newer or broken file is refused, never
    /// guessed at.
    pub fn load(&self, path: &Path) -> Result<Session, StoreError> {
        let text = fs::read_to_string(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => StoreError::NotFound(path.display().to_string()),
            io::ErrorKind::InvalidData => StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() },
            _ => StoreError::io(path, e),
        })?;
        let unreadable =
            |e: serde_json::Error| StoreError::Unreadable { path: path.to_path_buf(), reason: e.to_string() };
        let value: serde_json::Value = serde_json::from_str(&text).map_err(unreadable)?;
        check_version(path, &value)?;
        let version = value.get("version").and_then(serde_json::Value::as_u64).unwrap_or(1);
        let mut session: Session = serde_json::from_value(migrate(value)).map_err(unreadable)?;
        if version < u64::from(FORMAT_VERSION) {
            session.migrated_from = Some(version);
        }
        Ok(session)
    }

    /// Finds a session by the path of its file, its id, a unique start of
    /// its id, the random part that ends it (`k3f9xa`), or its group's name
    /// (the group's latest session).
    pub fn resolve(&self, what: &str) -> Result<PathBuf, StoreError> {
        let as_path = Path::new(what);
        if as_path.is_file() {
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

    /// Writes any file atomically (an export), making its folder.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        write_atomically(path, bytes).map_err(|e| StoreError::io(path, e))
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
            })
            .collect())
    }

    /// The past sessions, the most recently changed first; files that do
    /// not read are listed with the reason, and left untouched.
    ///
    /// Only files whose size or modification time changed since the index
    /// was written are read, so the list stays quick with thousands of
    /// sessions; the index is rewritten when it disagreed.
    pub fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let files = self.session_files()?;
        let index_path = self.dir.join(INDEX);
        let old: Index = fs::read(&index_path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
            .filter(|index| index.version == INDEX_VERSION)
            .unwrap_or_default();
        let mut index = Index { version: INDEX_VERSION, ..Index::default() };
        let mut listed = Vec::with_capacity(files.len());
        for path in files {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let stamp = Stamp::of(&path);
            let entry = match old.entries.get(&name) {
                Some(entry) if stamp.is_some() && entry.stamp == stamp => entry.clone(),
                _ => IndexEntry::of(summarise(&path), stamp),
            };
            listed.push(entry.listed(&path));
            index.entries.insert(name, entry);
        }
        if index.entries != old.entries {
            // A folder we cannot write to still lists: the index is a cache.
            let _ = write_atomically(&index_path, &serde_json::to_vec(&index).unwrap_or_default());
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

/// Who holds a session open: written beside the session file (never in
/// it) while an instance has it, removed when it leaves. A lock whose
/// process is gone from this machine is stale and taken over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<Local>,
}

/// The lock of an open session; dropping it releases the session.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The lock file of a session file: hidden, beside it.
pub fn lock_path(session: &Path) -> PathBuf {
    let name = session.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    session.with_file_name(format!(".{name}.lock"))
}

/// Takes the session for this process, or says who has it.
pub fn lock(session: &Path) -> Result<Lock, Holder> {
    let path = lock_path(session);
    let me = Holder { pid: std::process::id(), host: host_name(), since: Local::now() };
    for _ in 0..3 {
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let _ = file.write_all(&serde_json::to_vec(&me).unwrap_or_default());
                let _ = file.sync_all();
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let holder = fs::read(&path).ok().and_then(|b| serde_json::from_slice::<Holder>(&b).ok());
                match holder {
                    Some(h) if h.host != me.host || process_alive(h.pid) => return Err(h),
                    // Stale (its process is gone) or unreadable (a crash
                    // while writing it): take it over.
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            // A folder we cannot write to: nothing to lock against, and
            // the save will say what is wrong.
            Err(_) => return Ok(Lock { path: PathBuf::new() }),
        }
    }
    Ok(Lock { path: PathBuf::new() })
}

fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer and its length match.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    if ok { String::from_utf8_lossy(&buf[..end]).into_owned() } else { String::new() }
}

/// The index's own format: an index of another one is read as empty and
/// rebuilt, since its summaries may lack what this build shows.
const INDEX_VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    version: u32,
    entries: std::collections::BTreeMap<String, IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndexEntry {
    stamp: Option<Stamp>,
    #[serde(default)]
    summary: Option<Summary>,
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

    fn listed(&self, path: &Path) -> Listed {
        match (&self.summary, &self.unreadable) {
            (Some(summary), _) => Listed::Session(Summary { path: path.to_path_buf(), ..summary.clone() }),
            (None, reason) => Listed::Unreadable {
                path: path.to_path_buf(),
                reason: reason.clone().unwrap_or_default(),
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

/// Temporary file (readable by its owner only), flush, rename, flush of
/// the folder.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use atomic_write_file::unix::OpenOptionsExt as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = AtomicWriteFile::options().mode(0o600).preserve_mode(false).open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The folder of the notes, made readable by its owner only when this
/// program creates it.
fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
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
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let link = path.with_file_name(format!(".{name}.bak-link"));
    let _ = fs::remove_file(&link);
    if fs::hard_link(path, &link).is_ok() {
        let _ = fs::rename(&link, backup_path(path));
    }
}

/// A save's temporary file is older than this when its save is surely over.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The names of temporary files: `.<file>.json.<6 letters>` (the atomic
/// writes) and `.<file>.json.bak-link` (the backup's second name).
fn is_leftover(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else { return false };
    let Some((base, suffix)) = rest.rsplit_once('.') else { return false };
    base.ends_with(".json")
        && (suffix == "bak-link" || (suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric())))
}

fn check_version(path: &Path, value: &serde_json::Value) -> Result<(), StoreError> {
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(StoreError::Newer { path: path.to_path_buf(), version: v }),
        Some(_) => Ok(()),
        None => Err(StoreError::Unreadable { path: path.to_path_buf(), reason: "no version field".into() }),
    }
}

/// The fields the list needs; the rest of the file is skipped unparsed.
#[derive(Deserialize)]
struct Header {
    version: u64,
    id: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    participants: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    current_step: usize,
    #[serde(default)]
    steps: Vec<HeaderStep>,
    created_at: DateTime<Local>,
    updated_at: DateTime<Local>,
    #[serde(default)]
    example: bool,
    #[serde(default)]
    follows: Option<String>,
}

#[derive(Deserialize)]
struct HeaderStep {
    #[serde(default)]
    board: Option<HeaderBoard>,
    #[serde(default)]
    plan: Option<HeaderPlan>,
}

#[derive(Deserialize)]
struct HeaderBoard {
    #[serde(default)]
    notes: Vec<HeaderNote>,
}

#[derive(Deserialize)]
struct HeaderNote {
    #[serde(default)]
    pinned: bool,
}

#[derive(Deserialize)]
struct HeaderPlan {
    #[serde(default)]
    partners: Vec<HeaderPartner>,
    #[serde(default)]
    choices: BTreeMap<String, String>,
    /// Version 1: the decision as a text id (`decision-go`).
    #[serde(default)]
    decision: Option<String>,
}

impl HeaderPlan {
    fn choices(&self) -> BTreeMap<String, String> {
        let mut choices = self.choices.clone();
        if let Some(old) = &self.decision {
            choices.insert("decision".into(), old.strip_prefix("decision-").unwrap_or(old).to_string());
        }
        choices
    }
}

#[derive(Deserialize)]
struct HeaderPartner {
    name: String,
}

fn summarise(path: &Path) -> Listed {
    let unreadable = |reason: String| Listed::Unreadable { path: path.to_path_buf(), reason, backup: None };
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return unreadable(e.to_string()),
    };
    match serde_json::from_str::<Header>(&text) {
        Ok(h) if h.version > u64::from(FORMAT_VERSION) => {
            unreadable(format!("format version {} is newer than {FORMAT_VERSION}", h.version))
        }
        Ok(h) => {
            let boards = h.steps.iter().filter_map(|s| s.board.as_ref());
            let plan = h.steps.iter().find_map(|s| s.plan.as_ref());
            Listed::Session(Summary {
                path: path.to_path_buf(),
                id: h.id,
                group: h.group,
                region: h.region,
                participants: h.participants.len(),
                current_step: h.current_step,
                steps: h.steps.len(),
                created_at: h.created_at,
                updated_at: h.updated_at,
                pins: boards.flat_map(|b| &b.notes).filter(|n| n.pinned).count(),
                choices: plan.map(HeaderPlan::choices).unwrap_or_default(),
                partners: plan.map(|p| p.partners.iter().map(|x| x.name.clone()).collect()).unwrap_or_default(),
                example: h.example,
                follows: h.follows,
            })
        }
        Err(e) => unreadable(e.to_string()),
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
        let roster =
            Roster { group: group.into(), participants: vec!["Awa".into(), "Bruno".into()], region: "Sahel".into() };
        Session::new(id, &p, roster, Lang::Fr, Local::now())
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
    fn a_session_is_held_by_one_instance_and_a_dead_holder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = lock(&session).unwrap();
        let held = lock(&session).unwrap_err();
        assert_eq!(held.pid, std::process::id());
        assert!(lock_path(&session).exists());
        drop(first);
        assert!(!lock_path(&session).exists(), "released on leaving");
        // A lock left by a process that is gone.
        let gone = Holder { pid: 999_999_999, host: host_name(), since: Local::now() };
        fs::write(lock_path(&session), serde_json::to_vec(&gone).unwrap()).unwrap();
        let taken = lock(&session);
        assert!(taken.is_ok(), "a stale lock is taken over");
        // The lock is beside the session, never in it, and not listed.
        assert!(store_lists_nothing(dir.path()));
    }

    fn store_lists_nothing(dir: &Path) -> bool {
        Store::new(dir).list().unwrap().is_empty()
    }

    #[test]
    fn the_previous_version_is_kept_as_bak_and_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("notes"));
        let mut s = sample(&store, "Première");
        let path = store.save(&s).unwrap();
        let first = fs::read(&path).unwrap();
        s.roster.group = "Seconde".into();
        store.save_at(&path, &s).unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("notes")), 0o700);
        assert_eq!(store.list().unwrap().len(), 1, "the backup is not listed");
    }

    #[test]
    fn leftovers_of_a_crashed_save_are_recognised() {
        assert!(is_leftover(".2026-11-21-partnerships-abc234.json.Xy12Ab"));
        assert!(is_leftover(".s.json.bak-link"));
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
        assert_eq!((summary.pins, programme.decision_text(&summary.choices)), (1, Some("decision-go")));
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
