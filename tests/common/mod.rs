//! The harness of the end-to-end tests: the real `atelier` binary in a
//! pseudo-terminal, its screen read back through a terminal emulator
//! (`vt100`), its notes read back from the sessions folder, and its
//! one-shot commands run as plain processes.
//!
//! Nothing here sleeps to let the app catch up: tests send keys and wait
//! (generously) for what the screen must end up showing.
//!
//! Each test file declares it with `mod common;` and uses part of it.
#![allow(dead_code)]

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_atelier");

/// How long any expected screen or exit may take to come: far more than it
/// needs, so that a loaded CI machine never makes a test flaky.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// What the keys send, as a terminal in normal cursor mode does.
pub mod key {
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const TAB: &str = "\t";
    pub const SPACE: &str = " ";
    pub const ENTER: &str = "\r";
    /// Alt+Enter: the terminal sends Escape, then Enter.
    pub const ALT_ENTER: &str = "\x1b\r";
    /// Escape alone. Wait for its effect on the screen before sending the
    /// next key: an Escape followed at once by another key reads as Alt+key.
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";

    /// `text` as a terminal sends a paste once the app has asked for
    /// bracketed paste.
    pub fn paste(text: &str) -> String {
        format!("\x1b[200~{text}\x1b[201~")
    }
}

/// The environment of every run: a known terminal and a French locale,
/// whatever the machine running the tests has.
pub fn base_env() -> Vec<(&'static str, &'static str)> {
    vec![("TERM", "xterm-256color"), ("LANG", "fr_FR.UTF-8")]
}

/// Variables that would override the locale or the sessions folder.
pub const ENV_REMOVED: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "ATELIER_SESSIONS_DIR"];

/// A fresh folder for one test's sessions, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The app running in a pseudo-terminal of a fixed size. Dropping it kills
/// the app if it is still running.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    /// The sessions folder it was started with.
    dir: PathBuf,
    /// Kept open for the life of the child: closing it hangs the terminal up.
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Starts `atelier --sessions-dir <dir> <args…>` in a `cols`×`rows`
    /// terminal, in the folder `dir` (so that nothing lands in the repository).
    pub fn spawn(dir: &Path, (cols, rows): (u16, u16), args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--sessions-dir");
        cmd.arg(dir);
        cmd.args(args);
        cmd.cwd(dir);
        for (name, value) in base_env() {
            cmd.env(name, value);
        }
        for name in ENV_REMOVED {
            cmd.env_remove(name);
        }
        let child = pair.slave.spawn_command(cmd).expect("start atelier in the pseudo-terminal");
        // Only the child holds the terminal side now: its exit ends the reads.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let parser = Arc::clone(&parser);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // The end of the previous chunk, so that a query split
                // across two reads is still seen.
                let mut tail: Vec<u8> = Vec::new();
                loop {
                    let n = match reader.read(&mut buf) {
                        // EOF, or EIO once the child has exited: done.
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut parser = parser.lock().unwrap_or_else(PoisonError::into_inner);
                    parser.process(&buf[..n]);
                    // As of this writing the app sends no terminal query at
                    // start-up (ratatui's full-screen viewport does not ask
                    // for the cursor, and no keyboard enhancement is probed):
                    // checked on the raw output. Should a later version ask
                    // where the cursor is (`ESC [ 6 n`), answer like a real
                    // terminal would, or the app would wait for ever.
                    tail.extend_from_slice(&buf[..n]);
                    let queries = tail.windows(4).filter(|w| w == b"\x1b[6n").count();
                    if queries > 0 {
                        let (row, col) = parser.screen().cursor_position();
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1).repeat(queries);
                        let mut w = writer.lock().unwrap_or_else(PoisonError::into_inner);
                        let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
                        tail.clear();
                    }
                    let keep = tail.len().saturating_sub(3);
                    tail.drain(..keep);
                }
            });
        }
        Tui { parser, writer, child, dir: dir.to_path_buf(), _master: pair.master }
    }

    /// The sessions folder the app was started with.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Types `keys` as they are: text, or one of the [`key`] sequences.
    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        w.write_all(keys.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Types `text` one key at a time, as a person would (each character,
    /// accented or not, in a write of its own).
    pub fn type_text(&self, text: &str) {
        let mut utf8 = [0u8; 4];
        for c in text.chars() {
            self.send(c.encode_utf8(&mut utf8));
        }
    }

    /// Pastes `text` in one go, between the bracketed-paste markers, as a
    /// terminal does once the app has asked for bracketed paste (checked:
    /// otherwise a real terminal would send the text as plain keys).
    pub fn paste(&self, text: &str) {
        assert!(self.bracketed_paste(), "the app did not turn bracketed paste on:\n{}", dump(&self.screen()));
        self.send(&key::paste(text));
    }

    /// Whether the app has asked the terminal for bracketed paste.
    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap_or_else(PoisonError::into_inner).screen().bracketed_paste()
    }

    /// The screen as text, one line per row, trailing blanks removed. The
    /// no-break spaces of French typography (U+00A0 before « : », U+202F
    /// before « ? ») read as plain spaces, so that tests can be written
    /// with ordinary ones.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap_or_else(PoisonError::into_inner);
        let screen = parser.screen();
        let (_, cols) = screen.size();
        let text: Vec<String> = screen.rows(0, cols).map(|row| row.trim_end().to_string()).collect();
        text.join("\n").replace(['\u{a0}', '\u{202f}'], " ")
    }

    /// Polls the screen until `check` holds; after `timeout`, fails saying
    /// what was awaited, with the screen as it is.
    pub fn wait_until(&self, what: &str, timeout: Duration, check: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return;
            }
            assert!(
                start.elapsed() < timeout,
                "timed out after {timeout:?} waiting for {what} on the screen:\n{}",
                dump(&screen)
            );
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`, within the usual [`TIMEOUT`].
    pub fn wait_for(&self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    /// Polls the screen until it shows `text`; after `timeout`, fails with
    /// the screen as it is.
    pub fn wait_for_within(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?}"), timeout, |screen| screen.contains(text));
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_for_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), TIMEOUT, |screen| !screen.contains(text));
    }

    /// Waits until row `row` of the screen (0 is the top) shows `text`: for
    /// text that must be in one place, such as the header's countdown.
    pub fn wait_for_on_row(&self, row: usize, text: &str) {
        self.wait_until(&format!("{text:?} on row {row}"), TIMEOUT, |screen| {
            screen.lines().nth(row).is_some_and(|line| line.contains(text))
        });
    }

    /// Waits for all of `texts` to be on the screen.
    pub fn wait_for_all(&self, texts: &[&str]) {
        for text in texts {
            self.wait_for(text);
        }
    }

    /// Sends a key, then waits for what it must bring on screen.
    pub fn press(&self, keys: &str, expected: &str) {
        self.send(keys);
        self.wait_for(expected);
    }

    /// Waits for the app to exit and returns how it did.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "atelier did not exit within {TIMEOUT:?}; the screen:\n{}",
                dump(&self.screen())
            );
            thread::sleep(POLL);
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The screen with row numbers, for failure messages.
pub fn dump(screen: &str) -> String {
    let bar = "-".repeat(40);
    let rows: Vec<String> = screen.lines().enumerate().map(|(i, line)| format!("{i:2}|{line}")).collect();
    format!("{bar}\n{}\n{bar}", rows.join("\n"))
}

/// The first row (0 is the top) of `screen` that shows `text`.
pub fn row_of(screen: &str, text: &str) -> Option<usize> {
    screen.lines().position(|line| line.contains(text))
}

/// Runs `atelier <args…>` as a plain process (no terminal), with the same
/// environment as the terminal runs.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).envs(base_env());
    for name in ENV_REMOVED {
        cmd.env_remove(name);
    }
    cmd.output().expect("run atelier")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The session files of a folder: its `.json` files, leaving out the
/// hidden ones (the app keeps its index of summaries in `.index.json`).
pub fn session_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read the sessions folder")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    files.sort();
    files
}

/// The only session file of a folder.
pub fn only_session_file(dir: &Path) -> PathBuf {
    let files = session_files(dir);
    assert_eq!(files.len(), 1, "exactly one session file expected in {}: {files:?}", dir.display());
    files.into_iter().next().unwrap_or_default()
}

/// The id of a session: the name of its file without `.json`.
pub fn session_id(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).expect("file name").to_string()
}

pub fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

impl Tui {
    /// The app's process id, while it runs: to send it a signal.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}
