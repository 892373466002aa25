//! Nothing is lost when the terminal window is closed, when SIGTERM or
//! SIGKILL arrives, or when a second instance opens the same session.
//!
//! These tests open the pseudo-terminal themselves (openpty, and the child
//! made leader of its own session with the terminal as its controlling
//! one), so that closing our side is a real hang-up, as when a window is
//! closed.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{BIN, Tui, base_env, key, only_session_file, temp_dir};

const TIMEOUT: Duration = Duration::from_secs(10);

/// The app in a terminal whose other side we hold alone.
struct Pty {
    master: Option<fs::File>,
    child: Child,
    parser: vt100::Parser,
}

impl Pty {
    fn spawn(dir: &Path, args: &[&str]) -> Pty {
        Pty::spawn_in(dir, dir, args, &[])
    }

    /// Starts the app with `--sessions-dir sessions`, in `cwd`, with more
    /// environment.
    fn spawn_in(cwd: &Path, sessions: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize { ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: two out-parameters and a valid winsize.
        let ok = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(ok, 0, "openpty");
        // Neither side may leak into a child (this one, or one that another
        // test starts meanwhile): the master must close when we close it.
        for fd in [master, slave] {
            // SAFETY: a descriptor openpty just returned.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        // SAFETY: openpty just gave us these descriptors.
        let (master, slave) = unsafe { (fs::File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(BIN);
        cmd.arg("--sessions-dir").arg(sessions).args(args).current_dir(cwd).envs(base_env()).envs(env.iter().copied());
        for name in common::ENV_REMOVED {
            cmd.env_remove(name);
        }
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start atelier");
        // SAFETY: a valid descriptor we own.
        unsafe {
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Pty { master: Some(master), child, parser: vt100::Parser::new(30, 100, 0) }
    }

    fn pump(&mut self) {
        let Some(master) = self.master.as_mut() else { return };
        let mut buf = [0u8; 8192];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            self.parser.process(&buf[..n]);
        }
    }

    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            let screen = self.parser.screen().contents().replace(['\u{a0}', '\u{202f}'], " ");
            if screen.contains(text) {
                return;
            }
            assert!(start.elapsed() < TIMEOUT, "waiting for {text:?}:\n{screen}");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        let master = self.master.as_mut().expect("still open");
        master.write_all(keys.as_bytes()).unwrap();
        master.flush().unwrap();
    }

    /// Closes our side of the terminal: the window is gone.
    fn hang_up(&mut self) {
        self.master = None;
    }

    fn pid(&self) -> libc::pid_t {
        self.child.id() as libc::pid_t
    }

    /// Waits for the app to end; how long it took is printed, not asserted.
    fn wait_exit(&mut self, what: &str) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                eprintln!("{what}: ended after {:?}", start.elapsed());
                return status;
            }
            assert!(start.elapsed() < TIMEOUT, "{what}: atelier is still running");
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).expect("the file parses")
}

fn lock_of(path: &Path) -> PathBuf {
    path.with_file_name(format!(".{}.lock", path.file_name().unwrap().to_str().unwrap()))
}

/// Starts a session, goes to the board and keeps a note there.
fn session_with_a_note(dir: &Path) -> Pty {
    let mut pty = Pty::spawn(dir, &["new", "--group", "Les Colibris", "--participants", "Awa,Bruno"]);
    pty.wait_for("1/8");
    pty.send(key::PAGE_DOWN);
    pty.send(key::PAGE_DOWN);
    pty.wait_for("3/8");
    pty.send("a");
    pty.wait_for("Nouvelle note");
    pty.send("Confiance réciproque");
    pty.send(key::ENTER);
    pty.wait_for("Points positifs (1)");
    pty
}

#[test]
fn closing_the_window_saves_and_ends() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    assert!(lock_of(&path).exists(), "the session is locked while open");
    pty.hang_up();
    pty.wait_exit("hang-up");
    let json = read_json(&path);
    assert_eq!(json["current_step"], 2);
    assert_eq!(json["steps"][2]["board"]["notes"][0]["text"], "Confiance réciproque");
    assert!(json["steps"][2]["clock"]["elapsed_ms"].as_u64().unwrap() > 0, "the step's clock was settled");
    assert!(!lock_of(&path).exists(), "no lock is left behind");
}

#[test]
fn sigterm_saves_and_ends_cleanly() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pty.pid(), libc::SIGTERM) };
    let status = pty.wait_exit("SIGTERM");
    assert!(status.success(), "{status:?}");
    let json = read_json(&path);
    assert_eq!(json["steps"][2]["board"]["notes"][0]["text"], "Confiance réciproque");
    assert!(!lock_of(&path).exists());
}

#[test]
fn sigkill_loses_nothing_kept_and_leaves_no_lock_that_matters() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pty.pid(), libc::SIGKILL) };
    pty.wait_exit("SIGKILL");
    // What showed as kept is in the file, which parses.
    let json = read_json(&path);
    assert_eq!(json["steps"][2]["board"]["notes"][0]["text"], "Confiance réciproque");
    assert!(lock_of(&path).exists(), "a killed process cannot remove its lock");
    // The next instance sees the holder is gone and takes the session.
    let mut tui = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
    tui.wait_for("3/8");
    assert!(!tui.screen().contains("LECTURE SEULE"), "{}", tui.screen());
    tui.send("a");
    tui.wait_for("Nouvelle note");
    tui.type_text("Après le crash");
    tui.send(key::ENTER);
    tui.wait_for("Points positifs (2)");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(!lock_of(&path).exists());
}

#[test]
fn a_second_instance_says_who_holds_the_session_and_only_reads() {
    let dir = temp_dir();
    let mut first = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    let before = fs::read(&path).unwrap();
    let mut second = Tui::spawn(dir.path(), (120, 30), &["open", path.to_str().unwrap()]);
    second.wait_for("LECTURE SEULE");
    second.wait_for(&format!("processus {}", first.pid()));
    second.press("a", "Lecture seule");
    second.send("q");
    assert!(second.wait_exit().success());
    assert_eq!(fs::read(&path).unwrap(), before, "the second instance wrote nothing");
    assert!(lock_of(&path).exists(), "the first still holds it");
    first.send("q");
    assert!(first.wait_exit("quit").success());
    assert!(!lock_of(&path).exists());
}

#[test]
fn a_panic_restores_the_terminal_and_writes_a_recovery_file() {
    let dir = temp_dir();
    let mut pty = Pty::spawn_in(dir.path(), dir.path(), &["new", "--group", "G"], &[("ATELIER_TEST_PANIC", "1")]);
    pty.wait_for("1/8");
    pty.send(key::PAGE_DOWN);
    pty.wait_for("2/8");
    pty.send("\x1b[24~"); // F12
    let status = pty.wait_exit("panic");
    assert!(!status.success());
    pty.wait_for("recovery");
    let recovery: Vec<_> = fs::read_dir(dir.path().join("recovery")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(recovery.len(), 1, "{recovery:?}");
    let json = read_json(&recovery[0]);
    assert_eq!(json["current_step"], 1);
    // The notes themselves are intact, and the terminal is back to normal.
    assert_eq!(read_json(&only_session_file(dir.path()))["current_step"], 1);
    assert!(!pty.parser.screen().alternate_screen(), "the alternate screen was left");
}

#[test]
fn a_disk_that_refuses_loses_nothing_and_everything_lands_when_it_is_back() {
    let dir = temp_dir();
    // The notes' folder cannot be made: a file stands where it would be.
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, b"not a folder").unwrap();
    let sessions = blocked.join("sessions");
    let mut pty = Pty::spawn_in(dir.path(), &sessions, &["new", "--group", "G"], &[]);
    pty.wait_for("Notes non enregistrées");
    pty.send(key::PAGE_DOWN);
    pty.send(key::PAGE_DOWN);
    pty.wait_for("3/8");
    pty.send("a");
    pty.send("Gardée en mémoire");
    pty.send(key::ENTER);
    pty.wait_for("Points positifs (1)");
    // Space is back: the next try writes everything.
    fs::remove_file(&blocked).unwrap();
    let start = Instant::now();
    let file = loop {
        let found = fs::read_dir(&sessions).ok().and_then(|mut d| {
            d.find_map(|e| {
                let p = e.ok()?.path();
                (p.extension()? == "json").then_some(p)
            })
        });
        if let Some(file) = found {
            break file;
        }
        assert!(start.elapsed() < TIMEOUT, "the save was not tried again");
        thread::sleep(Duration::from_millis(50));
    };
    let json = read_json(&file);
    assert_eq!(json["steps"][2]["board"]["notes"][0]["text"], "Gardée en mémoire");
    pty.send("q");
    assert!(pty.wait_exit("quit").success());
}

/// Killed at any moment while it saves, the file is always a whole
/// session, and holds at least every note the screen showed as kept.
/// `ATELIER_CRASH_RUNS` sets how many kills (default 60; the script
/// `scripts/crash-test.sh` runs 500).
#[test]
fn killed_hundreds_of_times_while_saving_the_file_is_always_whole() {
    let runs: usize = std::env::var("ATELIER_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let dir = temp_dir();
    let path = {
        let mut pty = session_with_a_note(dir.path());
        pty.send("q");
        pty.wait_exit("setup");
        only_session_file(dir.path())
    };
    let mut kept = 1;
    for run in 0..runs {
        let mut pty = Pty::spawn(dir.path(), &["open", path.to_str().unwrap()]);
        pty.wait_for("3/8");
        // Notes typed as fast as the keyboard sends them; each Enter saves.
        for n in 0..5 {
            pty.send(&format!("a{run}-{n}\r"));
        }
        thread::sleep(Duration::from_micros((run as u64 * 7919) % 40_000));
        pty.pump();
        let screen = pty.parser.screen().contents().replace(['\u{a0}', '\u{202f}'], " ");
        let shown = screen
            .split("Points positifs (")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(pty.pid(), libc::SIGKILL) };
        pty.wait_exit("kill");
        let json = read_json(&path);
        let notes = json["steps"][2]["board"]["notes"].as_array().unwrap().len();
        assert!(notes >= shown.max(kept), "run {run}: {notes} notes in the file, {shown} shown as kept before");
        kept = notes;
    }
    eprintln!("{runs} kills, {kept} notes kept");
}
