//! Reading a file without trusting it: regular files only (a FIFO, a
//! device, a socket is refused by its name, never opened to wait), a size
//! limit, UTF-8 text; and the one verdict on a session file, for `list`,
//! `open` and everything else. This module writes nothing.

use std::fs;
use std::io;
use std::path::Path;

use super::StoreError;
use crate::session::{FORMAT_VERSION, Session, migrate};

/// The largest session file read: far above any real workshop (thousands
/// of notes weigh a few hundred KiB), and small enough that a hostile file
/// cannot eat the memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// What a file is to the program, for the size it may have: each kind has
/// its limit, far above what the program writes and small enough that a
/// hostile file cannot eat the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A session file: [`MAX_FILE_BYTES`].
    Session,
    /// The folder's index: a line per session, 64 MiB for years of them.
    Index,
    /// A workshop's file (`programme.json`, a `.ftl`): 4 MiB.
    Workshop,
    /// A lock or presence file: a holder's name, 4 KiB.
    Lock,
}

impl FileKind {
    /// The largest file of this kind that is read.
    pub const fn limit(self) -> u64 {
        match self {
            FileKind::Session => MAX_FILE_BYTES,
            FileKind::Index => 64 << 20,
            FileKind::Workshop => 4 << 20,
            FileKind::Lock => 4 << 10,
        }
    }

    fn name(self) -> &'static str {
        match self {
            FileKind::Session => "a session",
            FileKind::Index => "an index",
            FileKind::Workshop => "a workshop file",
            FileKind::Lock => "a lock file",
        }
    }
}

/// The text of a regular file of at most [`MAX_FILE_BYTES`]. A FIFO, a
/// device, a socket (or a link to one) is refused without being read, and
/// opened without waiting, so nothing hangs on it.
pub fn read_regular(path: &Path) -> Result<String, StoreError> {
    let bytes = read_guarded(path, FileKind::Session)?;
    String::from_utf8(bytes)
        .map_err(|e| StoreError::Unreadable { path: path.to_path_buf(), reason: format!("not UTF-8 text ({e})") })
}

/// The read guard every file of the program goes through: a regular file
/// only (a FIFO, a device, a socket, or a link to one, is refused by its
/// name at once, never opened to wait), of at most its kind's limit, read
/// no further than that limit whatever its size claims.
pub fn read_guarded(path: &Path, kind: FileKind) -> Result<Vec<u8>, StoreError> {
    let file = open_regular(path)?;
    let limit = kind.limit();
    let unreadable = |reason: String| StoreError::Unreadable { path: path.to_path_buf(), reason };
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    if len > limit {
        return Err(unreadable(too_big(len, kind)));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    io::Read::read_to_end(&mut io::Read::take(file, limit + 1), &mut bytes).map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(unreadable(too_big(bytes.len() as u64, kind)));
    }
    Ok(bytes)
}

/// Opens a regular file for reading, without waiting: anything else is
/// refused by its name, before and after the opening (the name may have
/// changed in between).
pub fn open_regular(path: &Path) -> Result<fs::File, StoreError> {
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
    // What was opened is what counts.
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(unreadable(not_regular(&meta)));
    }
    Ok(file)
}

fn too_big(len: u64, kind: FileKind) -> String {
    let size =
        |bytes: u64| if bytes >= 1 << 20 { format!("{} MiB", bytes >> 20) } else { format!("{} KiB", bytes >> 10) };
    format!("{}, more than {} can be ({} at most)", size(len), kind.name(), size(kind.limit()))
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
pub(super) fn read_session(path: &Path) -> Result<Session, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::*;

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
}
