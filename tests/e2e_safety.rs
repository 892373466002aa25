//! Nothing is lost when the terminal window is closed, when SIGTERM or
//! SIGKILL arrives, or when a second instance opens the same session.
//!
//! Most of these tests start the app on a pseudo-terminal of their own
//! (`Launch::own_terminal` in `common/`: openpty, and the child made leader
//! of its own session with the terminal as its controlling one), so that
//! closing our side is a real hang-up, as when a window is closed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use atelier::runtime::UNSAVED_MARK;
use common::{Launch, TIMEOUT, Tui, key, only_session_file, read_json, step, temp_dir};

/// The size of the terminal of every test here.
const SIZE: (u16, u16) = (100, 30);

/// The app in a terminal whose other side the test alone holds.
fn spawn(dir: &Path, args: &[&str]) -> Tui {
    Launch::new(dir, SIZE, args).own_terminal().spawn()
}

fn lock_of(path: &Path) -> PathBuf {
    path.with_file_name(format!(".{}.lock", path.file_name().unwrap().to_str().unwrap()))
}

/// Starts a session, goes to the board and keeps a note there.
fn session_with_a_note(dir: &Path) -> Tui {
    let pty = spawn(dir, &["new", "--group", "Les Colibris", "--participants", "Awa,Bruno"]);
    pty.wait_for("1/8");
    pty.go_to_step("board");
    pty.press("a", "Nouvelle note");
    pty.send("Confiance réciproque");
    pty.press(key::ENTER, "Points positifs (1)");
    pty.wait_for_gone(UNSAVED_MARK);
    pty
}

#[test]
fn closing_the_window_saves_and_ends() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    assert!(lock_of(&path).exists(), "the session is locked while open");
    pty.hang_up();
    pty.wait_exit();
    let json = read_json(&path);
    assert_eq!(json["current_step"], 2);
    assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], "Confiance réciproque");
    assert!(step(&json, "board")["clock"]["elapsed_ms"].as_u64().unwrap() > 0, "the step's clock was settled");
    assert!(!lock_of(&path).exists(), "no lock is left behind");
}

#[test]
fn sigterm_saves_and_ends_cleanly() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pty.pid(), libc::SIGTERM) };
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    let json = read_json(&path);
    assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], "Confiance réciproque");
    assert!(!lock_of(&path).exists());
}

#[test]
fn sigkill_loses_nothing_kept_and_leaves_no_lock_that_matters() {
    let dir = temp_dir();
    let mut pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pty.pid(), libc::SIGKILL) };
    pty.wait_exit();
    // What showed as kept is in the file, which parses.
    let json = read_json(&path);
    assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], "Confiance réciproque");
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
    assert!(first.wait_exit().success());
    assert!(!lock_of(&path).exists());
}

#[test]
fn a_panic_restores_the_terminal_and_writes_a_recovery_file() {
    let dir = temp_dir();
    // ATELIER_TEST_PANIC makes F12 panic: a hook for this test alone.
    let args = ["new", "--group", "G"];
    let mut pty = Launch::new(dir.path(), SIZE, &args).env("ATELIER_TEST_PANIC", "1").own_terminal().spawn();
    pty.wait_for("1/8");
    pty.go_to_step("pairs");
    pty.send("\x1b[24~"); // F12
    let status = pty.wait_exit();
    assert!(!status.success());
    pty.wait_for_on_normal_screen("recovery");
    let recovery: Vec<_> = fs::read_dir(dir.path().join("recovery")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(recovery.len(), 1, "{recovery:?}");
    let json = read_json(&recovery[0]);
    assert_eq!(json["current_step"], 1);
    // The notes themselves are intact, and the terminal is back to normal.
    assert_eq!(read_json(&only_session_file(dir.path()))["current_step"], 1);
    assert!(!pty.alternate_screen(), "the alternate screen was left");
}

#[test]
fn a_disk_that_refuses_loses_nothing_and_everything_lands_when_it_is_back() {
    let dir = temp_dir();
    // The notes' folder cannot be made: a file stands where it would be.
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, b"not a folder").unwrap();
    let sessions = blocked.join("sessions");
    let args = ["new", "--group", "G"];
    let mut pty = Launch::new(&sessions, SIZE, &args).cwd(dir.path()).own_terminal().spawn();
    pty.wait_for("Notes non enregistrées");
    pty.go_to_step("board");
    pty.press("a", "Nouvelle note");
    pty.send("Gardée en mémoire");
    pty.press(key::ENTER, "Points positifs (1)");
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
    assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], "Gardée en mémoire");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

/// Each step change is saved, and each save that ends wakes the screen: a
/// key typed at that moment acts at once. It never waits in the terminal
/// for the next key, as it did when the wake-up was a SIGWINCH that
/// crossterm read in the same poll as the key (it then forgot the key).
/// The saves here fail at once (their folder cannot be made), so that
/// their ends meet the keys typed right behind each other.
#[test]
fn a_key_typed_as_a_save_ends_acts_at_once() {
    let dir = temp_dir();
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, b"not a folder").unwrap();
    let sessions = blocked.join("sessions");
    let pty = Launch::new(&sessions, SIZE, &["new", "--group", "G"]).cwd(dir.path()).own_terminal().spawn();
    pty.wait_for("Notes non enregistrées");
    for _ in 0..150 {
        pty.send(key::PAGE_DOWN);
        pty.press(key::PAGE_DOWN, "3/8");
        pty.send(key::PAGE_UP);
        pty.press(key::PAGE_UP, "1/8");
    }
}

/// The frame comes first, the disk right after: the mark of notes not yet
/// on the disk goes once the file holds them, while the app still runs.
#[test]
fn the_mark_of_unsaved_notes_goes_once_they_are_on_the_disk() {
    let dir = temp_dir();
    let pty = session_with_a_note(dir.path());
    let path = only_session_file(dir.path());
    for n in 0..5 {
        pty.send(&format!("a{n}\r"));
    }
    pty.wait_for("Points positifs (6)");
    pty.wait_for_gone(UNSAVED_MARK);
    let json = read_json(&path);
    assert_eq!(step(&json, "board")["board"]["notes"].as_array().unwrap().len(), 6);
}

/// Killed at any moment while it saves, the file is always a whole
/// session, and holds at least every note the screen showed as kept (with
/// no mark of notes not yet on the disk).
/// `ATELIER_CRASH_RUNS` sets how many kills (default 60; the script
/// `scripts/crash-test.sh` runs 500).
#[test]
fn killed_hundreds_of_times_while_saving_the_file_is_always_whole() {
    let runs: usize = std::env::var("ATELIER_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let dir = temp_dir();
    let path = {
        let mut pty = session_with_a_note(dir.path());
        pty.send("q");
        pty.wait_exit();
        only_session_file(dir.path())
    };
    let mut kept = 1;
    for run in 0..runs {
        let mut pty = spawn(dir.path(), &["open", path.to_str().unwrap()]);
        pty.wait_for("3/8");
        // Notes typed as fast as the keyboard sends them; each Enter saves.
        for n in 0..5 {
            pty.send(&format!("a{run}-{n}\r"));
        }
        thread::sleep(Duration::from_micros((run as u64 * 7919) % 40_000));
        let screen = pty.screen();
        // The frame comes before the save: notes count as kept once the
        // mark of notes not yet on the disk is gone.
        let unsaved = screen.contains(UNSAVED_MARK);
        let shown = screen
            .split("Points positifs (")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let shown = if unsaved { 0 } else { shown };
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(pty.pid(), libc::SIGKILL) };
        pty.wait_exit();
        let json = read_json(&path);
        let notes = step(&json, "board")["board"]["notes"].as_array().unwrap().len();
        assert!(notes >= shown.max(kept), "run {run}: {notes} notes in the file, {shown} shown as kept before");
        kept = notes;
    }
    eprintln!("{runs} kills, {kept} notes kept");
}
