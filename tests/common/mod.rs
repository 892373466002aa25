//! The harness of the end-to-end tests: the real `atelier` binary in a
//! pseudo-terminal, its screen read back through a terminal emulator
//! (`vt100`), its notes read back from the sessions folder, and its
//! one-shot commands run as plain processes.
//!
//! Nothing here sleeps to let the app catch up: tests send keys and wait
//! (generously) for what the keys change on the screen, never for text
//! that may already be there (see [`Tui::press`]).
//!
//! Each test file declares it with `mod common;` and uses part of it.
#![allow(dead_code)]

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
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
    pub const BACKSPACE: &str = "\x7f";

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

/// How to start the app in a terminal, for the tests that need more than
/// [`Tui::spawn`]: another working folder, more environment, or a terminal
/// that can be hung up.
pub struct Launch<'a> {
    sessions: &'a Path,
    cwd: &'a Path,
    size: (u16, u16),
    args: &'a [&'a str],
    env: Vec<(&'a str, &'a str)>,
    own_terminal: bool,
}

impl<'a> Launch<'a> {
    /// `atelier --sessions-dir <dir> <args…>` in a `cols`×`rows` terminal,
    /// in the folder `dir` (so that nothing lands in the repository).
    pub fn new(dir: &'a Path, size: (u16, u16), args: &'a [&'a str]) -> Launch<'a> {
        Launch { sessions: dir, cwd: dir, size, args, env: Vec::new(), own_terminal: false }
    }

    /// Runs the app in `cwd` rather than in its sessions folder.
    pub fn cwd(mut self, cwd: &'a Path) -> Launch<'a> {
        self.cwd = cwd;
        self
    }

    /// Sets one more environment variable for the app.
    pub fn env(mut self, name: &'a str, value: &'a str) -> Launch<'a> {
        self.env.push((name, value));
        self
    }

    /// Opens the terminal with openpty here, rather than through
    /// portable-pty, whose reader keeps a copy of our side open: the test
    /// then holds the only copies, and [`Tui::hang_up`] closing them is a
    /// real hang-up, as when the window is closed.
    pub fn own_terminal(mut self) -> Launch<'a> {
        self.own_terminal = true;
        self
    }

    pub fn spawn(self) -> Tui {
        if self.own_terminal { self.spawn_on_own_terminal() } else { self.spawn_on_portable_pty() }
    }

    fn spawn_on_portable_pty(self) -> Tui {
        let (cols, rows) = self.size;
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--sessions-dir");
        cmd.arg(self.sessions);
        cmd.args(self.args);
        cmd.cwd(self.cwd);
        for (name, value) in base_env().into_iter().chain(self.env.iter().copied()) {
            cmd.env(name, value);
        }
        for name in ENV_REMOVED {
            cmd.env_remove(name);
        }
        let child = pair.slave.spawn_command(cmd).expect("start atelier in the pseudo-terminal");
        // Only the child holds the terminal side now: its exit ends the reads.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let writer: Writer = Arc::new(Mutex::new(Some(pair.master.take_writer().expect("pty writer"))));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let bells = Arc::new(AtomicUsize::new(0));
        let frames = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let mut output = Feed::new(&parser, &writer, &bells, &frames);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // EOF, or EIO once the child has exited: done.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                output.process(&buf[..n]);
            }
            output.finish();
        });
        Tui {
            parser,
            bells,
            frames,
            writer,
            child,
            dir: self.sessions.to_path_buf(),
            terminal: Terminal::Portable { master: pair.master },
        }
    }

    fn spawn_on_own_terminal(self) -> Tui {
        let (cols, rows) = self.size;
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: two out-parameters and a valid winsize.
        let ok = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(ok, 0, "openpty");
        // Neither side may leak into a child (this one, or one that another
        // test starts meanwhile): the master must close when we close it.
        for fd in [master, slave] {
            // SAFETY: a descriptor openpty just returned.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        // SAFETY: openpty just gave us these descriptors, and nothing else
        // owns them.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(BIN);
        cmd.arg("--sessions-dir").arg(self.sessions).args(self.args).current_dir(self.cwd);
        cmd.envs(base_env()).envs(self.env.iter().copied());
        for name in ENV_REMOVED {
            cmd.env_remove(name);
        }
        cmd.stdin(Stdio::from(slave.try_clone().expect("dup the terminal")))
            .stdout(Stdio::from(slave.try_clone().expect("dup the terminal")))
            .stderr(Stdio::from(slave));
        // The child leads a session of its own, with the terminal as its
        // controlling one, so that a hang-up reaches it.
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start atelier");
        // The command holds our copies of the terminal side: only the child
        // holds it now.
        drop(cmd);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let writer: Writer = Arc::new(Mutex::new(Some(Box::new(master.try_clone().expect("dup the master")))));
        let stop = Arc::new(AtomicBool::new(false));
        let bells = Arc::new(AtomicUsize::new(0));
        let frames = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let mut output = Feed::new(&parser, &writer, &bells, &frames);
        let reader = {
            let stop = Arc::clone(&stop);
            let mut master = master;
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Reads only what poll says is there, so as to look at
                // `stop` at least every POLL; the master closes when the
                // thread ends.
                let mut fd = libc::pollfd { fd: master.as_raw_fd(), events: libc::POLLIN, revents: 0 };
                let timeout = libc::c_int::try_from(POLL.as_millis()).unwrap_or(20);
                while !stop.load(Ordering::SeqCst) {
                    // SAFETY: one valid pollfd, on a descriptor this thread owns.
                    if unsafe { libc::poll(&mut fd, 1, timeout) } <= 0 {
                        continue;
                    }
                    match master.read(&mut buf) {
                        Ok(n @ 1..) => output.process(&buf[..n]),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        // EOF, or EIO once the child has exited: done.
                        _ => break,
                    }
                }
                output.finish();
            })
        };
        Tui {
            parser,
            bells,
            frames,
            writer,
            child: Box::new(child),
            dir: self.sessions.to_path_buf(),
            terminal: Terminal::Own { stop, reader: Some(reader) },
        }
    }
}

/// Where the keys go; `None` once the terminal is hung up.
type Writer = Arc<Mutex<Option<Box<dyn Write + Send>>>>;

/// What the reader does with the app's output: the screen, and answers to
/// the queries a terminal must answer.
struct Feed {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Writer,
    /// The end of the previous chunk, so that a query split across two
    /// reads is still seen.
    tail: Vec<u8>,
    /// Output inside a synchronized update not yet ended: held back.
    held: Vec<u8>,
    bells: Arc<AtomicUsize>,
    frames: Arc<[AtomicUsize; 2]>,
    /// Inside an operating system command (a title), whose end may be a BEL.
    in_osc: bool,
    last: u8,
}

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Feed {
    fn new(
        parser: &Arc<Mutex<vt100::Parser>>,
        writer: &Writer,
        bells: &Arc<AtomicUsize>,
        frames: &Arc<[AtomicUsize; 2]>,
    ) -> Feed {
        Feed {
            parser: Arc::clone(parser),
            writer: Arc::clone(writer),
            tail: Vec::new(),
            held: Vec::new(),
            bells: Arc::clone(bells),
            frames: Arc::clone(frames),
            in_osc: false,
            last: 0,
        }
    }

    /// Counts the BELs that ring: not those that end a title.
    fn count_bells(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if self.in_osc {
                self.in_osc = !(byte == 0x07 || (self.last == 0x1b && byte == b'\\'));
            } else if self.last == 0x1b && byte == b']' {
                self.in_osc = true;
            } else if byte == 0x07 {
                self.bells.fetch_add(1, Ordering::SeqCst);
            }
            self.last = byte;
        }
    }

    /// Like a terminal that honours synchronized updates (as the ones the
    /// app is for do), a frame shows whole once its end has come: a test
    /// never reads half of one (vt100 itself draws as the bytes come).
    fn process(&mut self, bytes: &[u8]) {
        self.held.extend_from_slice(bytes);
        let after_end = (0..self.held.len().saturating_sub(END_SYNC.len() - 1))
            .rev()
            .find(|&i| self.held[i..].starts_with(END_SYNC))
            .map_or(0, |i| i + END_SYNC.len());
        let rest = &self.held[after_end..];
        let ready = match find(rest, BEGIN_SYNC) {
            Some(begin) => after_end + begin,
            // No frame under way: all of it, but for what may be the start
            // of one.
            None => {
                let partial = (1..BEGIN_SYNC.len()).rev().find(|&n| rest.ends_with(&BEGIN_SYNC[..n])).unwrap_or(0);
                self.held.len() - partial
            }
        };
        let ready: Vec<u8> = self.held.drain(..ready).collect();
        self.show(&ready);
    }

    /// The app's output is over: what is held shows as it is.
    fn finish(&mut self) {
        let held = std::mem::take(&mut self.held);
        self.show(&held);
    }

    fn show(&mut self, bytes: &[u8]) {
        self.count_bells(bytes);
        // Whole sequences only reach here: a begun update is held whole.
        for (counter, mark) in self.frames.iter().zip([BEGIN_SYNC, END_SYNC]) {
            counter.fetch_add(bytes.windows(mark.len()).filter(|w| *w == mark).count(), Ordering::SeqCst);
        }
        let mut parser = self.parser.lock().unwrap_or_else(PoisonError::into_inner);
        parser.process(bytes);
        // As of this writing the app sends no terminal query at start-up
        // (ratatui's full-screen viewport does not ask for the cursor, and
        // no keyboard enhancement is probed): checked on the raw output.
        // Should a later version ask where the cursor is (`ESC [ 6 n`),
        // answer like a real terminal would, or the app would wait for ever.
        self.tail.extend_from_slice(bytes);
        let queries = self.tail.windows(4).filter(|w| w == b"\x1b[6n").count();
        if queries > 0 {
            let (row, col) = parser.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1).repeat(queries);
            let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(w) = writer.as_mut() {
                let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
            }
            self.tail.clear();
        }
        let keep = self.tail.len().saturating_sub(3);
        self.tail.drain(..keep);
    }
}

/// The test's side of the terminal.
enum Terminal {
    /// portable-pty's, kept open for the life of the child (its reader
    /// thread holds a copy of it anyway, and ends once the child has
    /// exited).
    Portable { master: Box<dyn MasterPty + Send> },
    /// Our own: the reader thread holds the master, and closes it when
    /// `stop` is set (the writer holds the only other copy).
    Own { stop: Arc<AtomicBool>, reader: Option<JoinHandle<()>> },
}

/// The app running in a pseudo-terminal of a fixed size. Dropping it kills
/// the app if it is still running.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Bells rung so far (vt100 does not count them).
    bells: Arc<AtomicUsize>,
    /// Synchronized updates begun and ended so far: the frames drawn.
    frames: Arc<[AtomicUsize; 2]>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    /// The sessions folder it was started with.
    dir: PathBuf,
    terminal: Terminal,
}

impl Tui {
    /// Starts `atelier --sessions-dir <dir> <args…>` in a `cols`×`rows`
    /// terminal, in the folder `dir` (so that nothing lands in the
    /// repository). [`Launch`] starts it otherwise.
    pub fn spawn(dir: &Path, size: (u16, u16), args: &[&str]) -> Tui {
        Launch::new(dir, size, args).spawn()
    }

    /// Closes the test's side of the terminal, as when the window is
    /// closed. Only for a terminal opened with [`Launch::own_terminal`].
    pub fn hang_up(&mut self) {
        let Terminal::Own { stop, reader } = &mut self.terminal else {
            panic!("only a terminal opened with Launch::own_terminal can be hung up");
        };
        *self.writer.lock().unwrap_or_else(PoisonError::into_inner) = None;
        stop.store(true, Ordering::SeqCst);
        if let Some(reader) = reader.take() {
            reader.join().expect("the reader of the terminal");
        }
    }

    /// The process id of the app.
    pub fn pid(&self) -> libc::pid_t {
        let pid = self.child.process_id().expect("the app's process id");
        libc::pid_t::try_from(pid).expect("a process id")
    }

    /// The sessions folder the app was started with.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Types `keys` as they are: text, or one of the [`key`] sequences.
    pub fn send(&self, keys: &str) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let w = writer.as_mut().expect("the terminal is hung up");
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
        self.screen_and_mode().0
    }

    /// The screen as [`Tui::screen`] gives it, and whether it is the
    /// alternate one, read together.
    fn screen_and_mode(&self) -> (String, bool) {
        let parser = self.parser.lock().unwrap_or_else(PoisonError::into_inner);
        let screen = parser.screen();
        let (_, cols) = screen.size();
        let text: Vec<String> = screen.rows(0, cols).map(|row| row.trim_end().to_string()).collect();
        (text.join("\n").replace(['\u{a0}', '\u{202f}'], " "), screen.alternate_screen())
    }

    /// Whether the app has the terminal on its alternate screen (it leaves
    /// it when it quits, and on a panic).
    pub fn alternate_screen(&self) -> bool {
        self.screen_and_mode().1
    }

    /// Resizes the terminal, as a window dragged bigger or smaller: the
    /// app is told (SIGWINCH) and the screen read takes the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let Terminal::Portable { master } = &self.terminal else { panic!("resize needs portable-pty's terminal") };
        self.parser.lock().unwrap_or_else(PoisonError::into_inner).screen_mut().set_size(rows, cols);
        master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the terminal");
    }

    /// Frames drawn so far, as synchronized updates begun and ended.
    pub fn frames(&self) -> (usize, usize) {
        (self.frames[0].load(Ordering::SeqCst), self.frames[1].load(Ordering::SeqCst))
    }

    /// How many times the app rang the terminal's bell (BEL written).
    pub fn bells(&self) -> usize {
        self.bells.load(Ordering::SeqCst)
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

    /// Waits until the notes on screen are on the disk: the frame comes
    /// before the save, and the corner's mark goes once the file is flushed.
    pub fn wait_saved(&self) {
        self.wait_for_gone(atelier::runtime::UNSAVED_MARK);
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

    /// Sends `keys`, then waits for `expected`, which they must bring on
    /// the screen. It may not be there before: a wait for text already on
    /// the screen would end at once, maybe before the app has even read
    /// the keys, and the next keys would then race them (an Escape followed
    /// at once by another key reads as Alt+key). So the screen is read
    /// before sending, and the wait is for a screen that differs from it
    /// and shows `expected`.
    pub fn press(&self, keys: &str, expected: &str) {
        let before = self.screen();
        assert!(
            !before.contains(expected),
            "{expected:?} is on the screen before the keys {keys:?}, so waiting for it proves nothing: \
             wait for something the keys change:\n{}",
            dump(&before)
        );
        self.send(keys);
        self.wait_until(&format!("{expected:?} after the keys {keys:?}"), TIMEOUT, |screen| {
            screen != before && screen.contains(expected)
        });
    }

    /// Sends `keys`, then waits until `text`, which the screen shows before
    /// them, is gone: for keys that close or hide something.
    pub fn press_until_gone(&self, keys: &str, text: &str) {
        let before = self.screen();
        assert!(before.contains(text), "{text:?} is not on the screen before the keys {keys:?}:\n{}", dump(&before));
        self.send(keys);
        self.wait_for_gone(text);
    }

    /// Waits until the app has left the alternate screen and the normal one
    /// shows `text`: for what it prints once it has quit, which its last
    /// frame may hold as well.
    pub fn wait_for_on_normal_screen(&self, text: &str) {
        let start = Instant::now();
        loop {
            let (screen, alternate) = self.screen_and_mode();
            if !alternate && screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {text:?} on the normal screen \
                 (still on the alternate one: {alternate}):\n{}",
                dump(&screen)
            );
            thread::sleep(POLL);
        }
    }

    /// Brings the session on screen to the step `id` of the built-in
    /// workshop: from the step the header shows (its first row begins with
    /// "N/T "), PageDown or PageUp one step at a time, each waiting for the
    /// header's next "K/T", which the key brings. Call it once the screen
    /// shows what the previous keys did, as for any key.
    pub fn go_to_step(&self, id: &str) {
        let programme = atelier::programme::Programme::embedded();
        let total = programme.steps.len();
        let (index, _) = programme.step(id).unwrap_or_else(|| {
            let ids: Vec<&str> = programme.steps.iter().map(|s| s.id.as_str()).collect();
            panic!("no step {id:?} in the built-in workshop, whose steps are {ids:?}")
        });
        let target = index + 1;
        let screen = self.screen();
        let (mut at, shown) = header_step(&screen)
            .unwrap_or_else(|| panic!("no \"N/T\" step on the first row, so no step to go from:\n{}", dump(&screen)));
        assert_eq!(
            shown,
            total,
            "the header counts {shown} steps, the built-in workshop {total}: go_to_step knows that one only:\n{}",
            dump(&screen)
        );
        while at != target {
            let (keys, next) = if at < target { (key::PAGE_DOWN, at + 1) } else { (key::PAGE_UP, at - 1) };
            self.press(keys, &format!("{next}/{total} "));
            let screen = self.screen();
            assert_eq!(
                header_step(&screen).map(|(n, _)| n),
                Some(next),
                "on the way to step {id:?}, the header is not at {next}/{total}:\n{}",
                dump(&screen)
            );
            at = next;
        }
    }

    /// Waits for the app to exit and returns how it did; how long it took
    /// is printed, not asserted.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                eprintln!("atelier ended after {:?}: {status}", start.elapsed());
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
        if let Terminal::Own { stop, reader } = &mut self.terminal {
            stop.store(true, Ordering::SeqCst);
            if let Some(reader) = reader.take() {
                let _ = reader.join();
            }
        }
    }
}

/// The screen with row numbers, for failure messages.
pub fn dump(screen: &str) -> String {
    let bar = "-".repeat(40);
    let rows: Vec<String> = screen.lines().enumerate().map(|(i, line)| format!("{i:2}|{line}")).collect();
    format!("{bar}\n{}\n{bar}", rows.join("\n"))
}

/// The step the header shows and the number of steps: the first row of
/// a session's screen begins with "N/T ".
fn header_step(screen: &str) -> Option<(usize, usize)> {
    let (position, _) = screen.lines().next()?.split_once(' ')?;
    let (at, total) = position.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
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
/// hidden ones (the app keeps its index of summaries in `.index.jsonl`).
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

/// The only session file of a folder. A new session's file is written
/// right after its first frame: this waits for it to be there.
pub fn only_session_file(dir: &Path) -> PathBuf {
    let start = Instant::now();
    while !dir.is_dir() || session_files(dir).is_empty() {
        assert!(start.elapsed() < TIMEOUT, "no session file came in {}", dir.display());
        thread::sleep(Duration::from_millis(20));
    }
    let files = session_files(dir);
    assert_eq!(files.len(), 1, "exactly one session file expected in {}: {files:?}", dir.display());
    files.into_iter().next().unwrap_or_default()
}

/// Waits until the file at `path` holds something other than `was`: a
/// session just opened is saved without the corner's mark (nothing on
/// screen waits for it), so no mark says when that save is on the disk.
pub fn wait_rewritten(path: &Path, was: &[u8]) {
    let start = Instant::now();
    while fs::read(path).is_ok_and(|now| now == was) {
        assert!(start.elapsed() < TIMEOUT, "{} was not written again", path.display());
        thread::sleep(Duration::from_millis(10));
    }
}

/// The id of a session: the name of its file without `.json`.
pub fn session_id(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).expect("file name").to_string()
}

pub fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()))
}

/// The record of the step `id` in a saved session's JSON: the element of
/// its `"steps"` whose `"id"` is `id`.
pub fn step<'a>(session: &'a Value, id: &str) -> &'a Value {
    &session["steps"][step_index(session, id)]
}

/// [`step`], to change the record before the file is written back.
pub fn step_mut<'a>(session: &'a mut Value, id: &str) -> &'a mut Value {
    let index = step_index(session, id);
    &mut session["steps"][index]
}

fn step_index(session: &Value, id: &str) -> usize {
    let steps = session["steps"].as_array().map(Vec::as_slice).unwrap_or_default();
    steps.iter().position(|s| s["id"] == id).unwrap_or_else(|| {
        let ids: Vec<String> = steps.iter().map(|s| s["id"].to_string()).collect();
        panic!("no step {id:?} in the session's \"steps\", whose ids are [{}]", ids.join(", "))
    })
}
