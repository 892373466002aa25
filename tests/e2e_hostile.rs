//! Nothing lost, whatever happens around the app: two instances started
//! together, locks left by killed processes, text being typed when a signal
//! comes, exports onto every kind of destination, hostile files and names.
//! The real binary, in a pseudo-terminal or as a plain process.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::store::Store;
use chrono::Local;
use common::{Tui, key, read_json, run, stderr, stdout, step, step_mut, temp_dir, wait_rewritten};

/// A session file made as the app makes them, with a group and a roster.
fn session_file(dir: &Path) -> PathBuf {
    let store = Store::new(dir);
    let programme = Programme::embedded();
    let id = store.new_id(&programme.id, Local::now());
    let roster =
        Roster { group: "Les Colibris".into(), participants: vec!["Awa".into(), "Bruno".into()], ..Roster::default() };
    store.save(&Session::new(id, &programme, roster, Lang::Fr, Local::now())).unwrap()
}

fn lock_of(path: &Path) -> PathBuf {
    path.with_file_name(format!(".{}.lock", path.file_name().unwrap().to_str().unwrap()))
}

fn kill(tui: &Tui, signal: i32) {
    let pid = tui.pid();
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pid, signal) };
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs `atelier` with a deadline: a command that hangs on a hostile file
/// fails the test instead of blocking it.
fn run_within(dir: &Path, args: &[&str]) -> std::process::Output {
    let (dir, args): (PathBuf, Vec<String>) = (dir.to_path_buf(), args.iter().map(|a| a.to_string()).collect());
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(run(&dir, &args));
    });
    rx.recv_timeout(Duration::from_secs(10)).expect("atelier answered within 10 s")
}

// 2. A lock that cannot lie ------------------------------------------------

#[test]
fn two_instances_started_together_many_times_only_one_writes() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let arg = path.to_str().unwrap();
    for round in 0..12 {
        let was = fs::read(&path).unwrap();
        let a = Tui::spawn(dir.path(), (100, 30), &["open", arg]);
        let b = Tui::spawn(dir.path(), (100, 30), &["open", arg]);
        for tui in [&a, &b] {
            tui.wait_for("1/8");
        }
        let read_only = [&a, &b].iter().filter(|t| t.screen().contains("LECTURE SEULE")).count();
        assert_eq!(read_only, 1, "round {round}: exactly one instance only reads");
        let (mut writer, mut reader) = if a.screen().contains("LECTURE SEULE") { (b, a) } else { (a, b) };
        // The one that only reads writes nothing, even on leaving (what the
        // other one saves of the session it opened is on the disk first).
        wait_rewritten(&path, &was);
        let before = fs::read(&path).unwrap();
        reader.send("q");
        assert!(reader.wait_exit().success());
        assert_eq!(fs::read(&path).unwrap(), before, "round {round}");
        assert!(lock_of(&path).exists(), "round {round}: the reader left the writer's lock alone");
        writer.send("q");
        assert!(writer.wait_exit().success());
        assert!(!lock_of(&path).exists(), "round {round}: the holder removed its own lock");
    }
}

#[test]
fn a_lock_file_left_by_a_killed_process_whose_pid_lives_on_does_not_block() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let host = String::from_utf8(std::process::Command::new("hostname").output().unwrap().stdout).unwrap();
    // Our own pid: alive, on this host, but not holding any lock; then a
    // holder on another machine.
    for (pid, host) in [(std::process::id(), host.trim().to_string()), (1, "elsewhere".to_string())] {
        let left = serde_json::json!({ "pid": pid, "host": host, "since": Local::now() });
        fs::write(lock_of(&path), left.to_string()).unwrap();
        let mut tui = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
        tui.wait_for("1/8");
        assert!(!tui.screen().contains("LECTURE SEULE"), "{}", tui.screen());
        tui.send("q");
        assert!(tui.wait_exit().success());
    }
}

#[test]
fn a_killed_holder_frees_the_session_at_once() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let mut first = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
    first.wait_for("1/8");
    kill(&first, libc::SIGKILL);
    first.wait_exit();
    assert!(lock_of(&path).exists(), "a killed process cannot remove its lock file");
    let second = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
    second.wait_for("1/8");
    assert!(!second.screen().contains("LECTURE SEULE"), "{}", second.screen());
}

// 3. What was typed is never lost --------------------------------------------

/// Opens the board of a session and types a note without keeping it.
fn typing_on_the_board(dir: &Path, path: &Path, text: &str) -> Tui {
    let tui = Tui::spawn(dir, (100, 30), &["open", path.to_str().unwrap()]);
    tui.wait_for("1/8");
    tui.go_to_step("board");
    tui.press("a", "Nouvelle note");
    tui.type_text(text);
    tui.wait_for(text);
    tui
}

#[test]
fn text_being_typed_at_sigterm_sighup_sigint_or_ctrl_c_comes_back_on_reopen() {
    for (how, signal) in [
        ("SIGTERM", Some(libc::SIGTERM)),
        ("SIGHUP", Some(libc::SIGHUP)),
        ("SIGINT", Some(libc::SIGINT)),
        ("Ctrl-C", None),
    ] {
        let dir = temp_dir();
        let path = session_file(dir.path());
        let text = format!("Pas encore gardée {how}");
        let mut tui = typing_on_the_board(dir.path(), &path, &text);
        match signal {
            Some(signal) => kill(&tui, signal),
            None => tui.send(key::CTRL_C),
        }
        tui.wait_exit();
        let json = read_json(&path);
        assert_eq!(json["draft"]["text"], text.as_str(), "{how}: the draft is in the file");
        assert_eq!(step(&json, "board")["board"]["notes"].as_array().unwrap().len(), 0, "{how}: not kept as a note");
        // Reopened: the entry is open again with the text, and Enter keeps it.
        let mut again = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
        again.wait_for("Texte en cours retrouvé");
        again.wait_for(&text);
        again.press(key::ENTER, "Points positifs (1)");
        again.send("q");
        assert!(again.wait_exit().success());
        let json = read_json(&path);
        assert_eq!(step(&json, "board")["board"]["notes"][0]["text"], text.as_str(), "{how}");
        assert!(json.get("draft").is_none(), "{how}: the draft is gone once kept");
    }
}

// 1. Only the app chooses where it writes --------------------------------------

/// A session whose id (its content) points outside the folder.
fn hostile_session(dir: &Path) -> PathBuf {
    let path = session_file(dir);
    let mut json = read_json(&path);
    json["id"] = "../../../../tmp/pwned\u{1b}]0;owned\u{7}\u{202e}".into();
    json["group"] = "Groupe\u{1b}[2J\u{202e}inversé".into();
    let hostile = dir.join("hostile.json");
    fs::write(&hostile, json.to_string()).unwrap();
    fs::remove_file(&path).unwrap();
    hostile
}

#[test]
fn exports_go_where_they_are_told_and_never_over_a_session() {
    let dir = temp_dir();
    let sessions = dir.path().join("sessions");
    let path = hostile_session(&sessions);
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let export = |to: &Path| {
        run_within(
            dir.path(),
            &["--sessions-dir", "sessions", "export", "hostile", "--format", "md", "-o", to.to_str().unwrap()],
        )
    };

    // `-o -` is standard output.
    let sheet =
        run_within(dir.path(), &["--sessions-dir", "sessions", "export", "hostile", "--format", "md", "-o", "-"]);
    assert!(sheet.status.success(), "{}", stderr(&sheet));
    assert!(stdout(&sheet).contains("Groupe"));
    // A folder: the sheet goes in it, named after the session's file.
    assert!(export(&out).status.success());
    assert!(out.join("hostile.md").is_file());
    assert!(!Path::new("/tmp/pwned").exists());
    // A symlink is followed and stays a link; an existing file keeps its mode.
    let target = out.join("target.md");
    fs::write(&target, "old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    symlink("target.md", out.join("link.md")).unwrap();
    assert!(export(&out.join("link.md")).status.success());
    assert!(fs::symlink_metadata(out.join("link.md")).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(&target).unwrap().contains("Groupe"));
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
    // A FIFO is written into, as a shell redirection would.
    let fifo = out.join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    assert!(export(&fifo).status.success());
    assert!(reader.join().unwrap().contains("Groupe"));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    // A device too: the test's own terminal end, never /dev/null (a bug
    // that replaced devices would replace the machine's); the sheet
    // arrives on the other end.
    let pty = portable_pty::native_pty_system().openpty(portable_pty::PtySize::default()).unwrap();
    let device = pty.master.tty_name().expect("the terminal's name");
    let mut from_device = pty.master.try_clone_reader().unwrap();
    assert!(export(&device).status.success());
    assert!(fs::metadata(&device).unwrap().file_type().is_char_device());
    let mut arrived = [0u8; 64];
    let read = std::io::Read::read(&mut from_device, &mut arrived).unwrap();
    assert!(read > 0, "the sheet went through the device");
    // A session file, in the folder or elsewhere: refused, untouched.
    let copy = out.join("copie.json");
    fs::copy(&path, &copy).unwrap();
    let before = fs::read(&path).unwrap();
    for onto in [&path, &copy] {
        let refused = export(onto);
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains("fichier de séance"), "{}", stderr(&refused));
        assert_eq!(fs::read(onto).unwrap(), before);
    }
}

#[test]
fn the_sheet_from_the_screen_is_named_by_the_app() {
    let dir = temp_dir();
    let path = hostile_session(dir.path());
    let tui = Tui::spawn(dir.path(), (100, 30), &["open", path.to_str().unwrap()]);
    tui.wait_for("1/8");
    tui.go_to_step("closing");
    tui.press("x", "Fiche écrite");
    let exports: Vec<_> = fs::read_dir(dir.path().join("exports")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(exports, ["hostile.html"]);
    assert!(!Path::new("/tmp/pwned.html").exists());
}

// 5. and 6. Odd files, hostile text -----------------------------------------------

#[test]
fn fifos_in_the_folder_never_hang_list_open_or_the_home_screen() {
    let dir = temp_dir();
    session_file(dir.path());
    mkfifo(&dir.path().join("tube.json"));
    symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    let list = run_within(dir.path(), &["--sessions-dir", ".", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("Les Colibris"));
    assert_eq!(stdout(&list).matches("not a regular file").count(), 2, "{}", stdout(&list));
    let open = run_within(dir.path(), &["--sessions-dir", ".", "open", "tube.json"]);
    assert!(!open.status.success());
    assert!(stderr(&open).contains("not a regular file (a FIFO)"), "{}", stderr(&open));
    let home = Tui::spawn(dir.path(), (120, 30), &[]);
    home.wait_for("Les Colibris");
    home.wait_for("tube.json");
}

#[test]
fn nothing_from_a_file_or_the_command_line_reaches_the_terminal_raw() {
    let dir = temp_dir();
    hostile_session(dir.path());
    for args in [&["list"][..], &["list", "--json"]] {
        let out = run_within(dir.path(), &[&["--sessions-dir", "."][..], args].concat());
        assert!(out.status.success());
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("\\u{1b}") || text.contains("\\u001b"), "{args:?}: escaped, so it shows: {text}");
    }
    // An error quoting a hostile name.
    let out = run_within(dir.path(), &["--sessions-dir", ".", "open", "nope\u{1b}]0;x\u{7}"]);
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
    // Names given on the command line are cleaned like typed ones.
    let sessions = dir.path().join("cli");
    fs::create_dir(&sessions).unwrap();
    let tui = Tui::spawn(
        &sessions,
        (100, 30),
        &["new", "--group", "G\u{1b}[31mroupe", "--participants", "A\u{1b}]0;t\u{7}wa,\u{202e}Bruno"],
    );
    tui.wait_for("1/8");
    tui.wait_for("Groupe");
    let json = read_json(&common::only_session_file(&sessions));
    assert_eq!(json["group"], "Groupe");
    assert_eq!(json["participants"], serde_json::json!(["Awa", "Bruno"]));
}

// 7. and 8. Numbers, messages ------------------------------------------------------

#[test]
fn absurd_numbers_from_a_file_are_bounded_on_screen() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let mut json = read_json(&path);
    json["current_step"] = 3.into();
    step_mut(&mut json, "reading")["clock"]["elapsed_ms"] = u64::MAX.into();
    step_mut(&mut json, "reading")["reading"]["countdown"]["planned_secs"] = u64::MAX.into();
    fs::write(&path, json.to_string()).unwrap();
    let tui = Tui::spawn(dir.path(), (120, 36), &["open", path.to_str().unwrap()]);
    tui.wait_for("4/8");
    let screen = tui.screen();
    assert!(!screen.contains("307445734561"), "{screen}");
    assert!(screen.contains("1440"), "a day at most: {screen}");
    assert!(!screen.contains('+'), "no overrun, no alarm: {screen}");
}

/// Clocks already past zero in a file (a day over, running, never rung)
/// ring nothing as the session opens, nor when its step is left: the bell
/// is for a countdown that reaches zero while the room watches. Fails on a
/// build that rang at once.
#[test]
fn absurd_clocks_from_a_file_ring_no_bell_as_it_opens() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let mut json = read_json(&path);
    json["current_step"] = 3.into();
    json["progress"] = 3.into();
    let countdown = &mut step_mut(&mut json, "reading")["reading"]["countdown"];
    countdown["elapsed_ms"] = u64::MAX.into();
    countdown["running"] = true.into();
    countdown["rang"] = false.into();
    let round = &mut step_mut(&mut json, "pairs")["timed_pairs"]["rounds"][0];
    round["planned_secs"] = 0.into();
    round["elapsed_ms"] = 86_400_000u64.into();
    round["running"] = true.into();
    fs::write(&path, json.to_string()).unwrap();
    let tui = Tui::spawn(dir.path(), (120, 36), &["open", path.to_str().unwrap()]);
    tui.wait_for("4/8");
    tui.press(common::key::LEFT, "3/8");
    tui.press(common::key::LEFT, "2/8");
    tui.wait_for("+");
    assert_eq!(tui.bells(), 0, "{}", tui.screen());
}

#[test]
fn a_sessions_dir_that_is_a_file_is_said_in_words() {
    let dir = temp_dir();
    fs::write(dir.path().join("notes"), "a file").unwrap();
    let out = run_within(dir.path(), &["--sessions-dir", "notes", "list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("est un fichier, pas un dossier"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}
