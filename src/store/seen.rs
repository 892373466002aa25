//! What an instance saw of a session file: its size, its time and a hash
//! of its bytes, to tell later whether someone else changed it. Only
//! reads, through the read guard; owns no file.

use std::fs;
use std::hash::Hasher as _;
use std::path::Path;
use std::time::SystemTime;

use super::read::{FileKind, read_guarded};

/// A session file as an instance saw it: its size and time, and a hash of
/// its bytes (a file touched but not changed is the same file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    size: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Seen {
    /// What was just written.
    pub(super) fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Seen {
        Seen { size: bytes.len() as u64, modified, hash: hash(bytes) }
    }

    /// The file as it is now; none if there is none (or it cannot be read,
    /// which a save then finds out).
    pub(super) fn of_file(path: &Path) -> Option<Seen> {
        let modified = fs::metadata(path).ok()?.modified().ok();
        let bytes = read_guarded(path, FileKind::Session).ok()?;
        Some(Seen::of_bytes(&bytes, modified))
    }

    /// Whether the file at `path` is no longer what was seen: it changed
    /// (another size, time and content), or it appeared where there was
    /// none. A file gone holds nothing of anyone's to lose.
    pub(super) fn changed(seen: Option<&Seen>, path: &Path) -> bool {
        let Ok(meta) = fs::metadata(path) else { return false };
        let Some(seen) = seen else { return true };
        if meta.len() == seen.size && meta.modified().ok() == seen.modified {
            return false;
        }
        read_guarded(path, FileKind::Session).map_or(true, |bytes| hash(&bytes) != seen.hash)
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}
