//! The list of the sessions folder, and the index that keeps it quick:
//! one line per session file, read again only when the file's size or time
//! changed. This module owns `.index.jsonl` (and removes the older
//! `.index.json`); it reads session files only through `read`, and never
//! writes one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::read::{FileKind, open_regular, read_session};
use super::save::write_atomically;
use super::{EXTENSION, Listed, Store, StoreError, Summary, readable_backup};
use crate::session::FORMAT_VERSION;

/// The cache of summaries, beside the sessions; rebuilt entry by entry
/// whenever a file's size or time disagrees with it.
pub(super) const INDEX: &str = ".index.jsonl";
/// The index of earlier builds, one JSON document rewritten whole: removed
/// once the new one is written.
const OLD_INDEX: &str = ".index.json";

impl Store {
    /// The session files of the folder; no folder means no sessions yet.
    /// Hidden files (the app's own) are left out.
    pub(super) fn session_files(&self) -> Result<Vec<PathBuf>, StoreError> {
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
    // Through the read guard: a FIFO is never waited on, and an index
    // over its limit (a 400 MB line) is not read but rebuilt.
    let Ok(file) = open_regular(path) else { return (known, 0, false) };
    if file.metadata().map_or(true, |m| m.len() > FileKind::Index.limit()) {
        return (known, 0, false);
    }
    let mut reader = io::BufReader::new(io::Read::take(file, FileKind::Index.limit()));
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
                backup: readable_backup(path),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

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
    fn a_listed_session_from_the_index_names_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.save(&sample(&store, "G")).unwrap();
        for pass in ["read", "from the index"] {
            assert_eq!(store.list().unwrap()[0].path(), path, "{pass}");
        }
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
}
