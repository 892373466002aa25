//! Nothing lost when the world changes under a running session: its lock
//! file deleted, its file replaced by another program, its folder renamed,
//! its file a link. The real binary, in a pseudo-terminal.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::store::Store;
use chrono::Local;
use common::{Launch, Tui, key, read_json, run, stdout, step, temp_dir};

/// A session file made as the app makes them.
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

/// Keeps a note on the board: Enter shows it in its column.
fn keep_note(tui: &Tui, text: &str, column_after: &str) {
    tui.go_to_step("board");
    tui.press("a", "Nouvelle note");
    tui.type_text(text);
    tui.wait_for(text);
    tui.press(key::ENTER, column_after);
}

/// The notes of the board in a session file.
fn notes(path: &Path) -> Vec<String> {
    let json = read_json(path);
    let notes = step(&json, "board")["board"]["notes"].as_array().cloned().unwrap_or_default();
    notes.iter().map(|n| n["text"].as_str().unwrap_or_default().to_string()).collect()
}

/// The conflict copies beside a session file.
fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".conflict-") && p.extension().is_some_and(|x| x == "json"))
        .collect();
    copies.sort();
    copies
}

#[test]
fn the_lock_deleted_mid_session_never_gives_two_writers_and_loses_no_note() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let arg = path.to_str().unwrap();
    let mut first = Tui::spawn(dir.path(), (120, 30), &["open", arg]);
    first.wait_for("1/8");
    first.wait_saved();
    fs::remove_file(lock_of(&path)).unwrap();
    // The lock gone, a second instance opens the session to write it.
    let mut second = Tui::spawn(dir.path(), (120, 30), &["open", arg]);
    second.wait_for("1/8");
    assert!(!second.screen().contains("LECTURE SEULE"), "{}", second.screen());
    // The first one finds its lock gone and held: it writes beside, and says so.
    keep_note(&first, "Note de la première", "Points positifs (1)");
    first.wait_for("ouverte ailleurs");
    keep_note(&second, "Note de la seconde", "Points positifs (1)");
    second.wait_saved();
    second.send("q");
    assert!(second.wait_exit().success());
    first.send("q");
    first.wait_exit();
    let copies = conflict_copies(dir.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes(&path), ["Note de la seconde"], "the second instance's file");
    assert_eq!(notes(&copies[0]), ["Note de la première"], "the first one's notes, beside");
}

#[test]
fn a_file_replaced_by_another_program_is_kept_and_ours_goes_beside_it() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let mut tui = Tui::spawn(dir.path(), (120, 30), &["open", path.to_str().unwrap()]);
    tui.wait_for("1/8");
    tui.wait_saved();
    // A sync client puts another version in its place.
    let mut theirs = read_json(&path);
    theirs["group"] = "Version du nuage".into();
    let replacement = dir.path().join("incoming.tmp");
    fs::write(&replacement, theirs.to_string()).unwrap();
    fs::rename(&replacement, &path).unwrap();
    keep_note(&tui, "Notre note", "Points positifs (1)");
    tui.wait_for("a changé sur le disque");
    tui.wait_saved();
    tui.send("q");
    tui.wait_exit();
    assert_eq!(read_json(&path)["group"], "Version du nuage", "their version is untouched");
    let copies = conflict_copies(dir.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(notes(&copies[0]), ["Notre note"]);
    // `list` shows both, the copy said to be one; so does the home screen,
    // and the copy opens as any session.
    let list = run(dir.path(), &["--sessions-dir", ".", "list"]);
    let text = stdout(&list);
    assert!(text.contains("Version du nuage") && text.contains("copie en conflit de"), "{text}");
    let mut home = Tui::spawn(dir.path(), (140, 30), &[]);
    home.wait_for_all(&["Version du nuage", "copie en conflit de"]);
    home.send("q");
    assert!(home.wait_exit().success());
    let mut copy = Tui::spawn(dir.path(), (120, 30), &["open", copies[0].to_str().unwrap()]);
    // Where it was left: on the board, with the note.
    copy.wait_for_all(&["3/8", "Notre note"]);
    copy.send("q");
    assert!(copy.wait_exit().success());
}

#[test]
fn the_sessions_folder_renamed_is_said_and_not_made_again() {
    let dir = temp_dir();
    let sessions = dir.path().join("notes");
    let data = dir.path().join("data");
    let path = session_file(&sessions);
    let arg = path.to_str().unwrap().to_string();
    let args = ["open", arg.as_str()];
    let mut tui =
        Launch::new(&sessions, (120, 30), &args).cwd(dir.path()).env("XDG_DATA_HOME", data.to_str().unwrap()).spawn();
    tui.wait_for("1/8");
    tui.wait_saved();
    fs::rename(&sessions, dir.path().join("renamed")).unwrap();
    keep_note(&tui, "Note sans dossier", "Points positifs (1)");
    // Linux says where the folder went; elsewhere that it is gone.
    tui.wait_for(if cfg!(target_os = "linux") { "a été renommé en" } else { "a disparu ou changé de nom" });
    tui.wait_saved();
    tui.send("q");
    tui.wait_exit();
    assert!(!sessions.exists(), "the folder is not made again");
    let recovery = data.join("atelier").join("recovery");
    let kept: Vec<PathBuf> = fs::read_dir(&recovery).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(notes(&kept[0]), ["Note sans dossier"]);
}

#[test]
fn a_session_file_that_is_a_link_is_saved_through_it_and_stays_a_link() {
    let dir = temp_dir();
    let cloud = dir.path().join("cloud");
    let target = session_file(&cloud);
    let sessions = dir.path().join("notes");
    fs::create_dir(&sessions).unwrap();
    let link = sessions.join("seance.json");
    symlink(&target, &link).unwrap();
    let mut tui = Tui::spawn(&sessions, (120, 30), &["open", link.to_str().unwrap()]);
    tui.wait_for("1/8");
    keep_note(&tui, "Par le lien", "Points positifs (1)");
    tui.wait_saved();
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(notes(&target), ["Par le lien"], "the note reached the link's target");
    let left: Vec<_> = fs::read_dir(&sessions).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["seance.json"], "nothing else in the link's folder");
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs `atelier` and fails the test if it does not answer within `secs`.
fn run_within(dir: &Path, args: &[&str], secs: u64) -> std::process::Output {
    let (dir, args): (PathBuf, Vec<String>) = (dir.to_path_buf(), args.iter().map(|a| a.to_string()).collect());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(run(&dir, &args));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs)).expect("atelier answered in time")
}

#[test]
fn a_fifo_a_device_or_a_huge_file_in_a_workshop_or_the_folder_is_refused_at_once_by_its_name() {
    let dir = temp_dir();
    assert!(run(dir.path(), &["workshop", "init", "mine"]).status.success());
    let ftl = dir.path().join("mine/locales/fr/workshop.ftl");
    fs::remove_file(&ftl).unwrap();
    mkfifo(&ftl);
    let check = run_within(dir.path(), &["workshop", "check", "mine"], 2);
    assert!(!check.status.success());
    let said = format!("{}{}", stdout(&check), common::stderr(&check));
    assert!(said.contains("workshop.ftl") && said.contains("FIFO"), "{said}");
    let new = run_within(dir.path(), &["--sessions-dir", "notes", "new", "--workshop", "mine"], 2);
    assert!(!new.status.success(), "{}", common::stderr(&new));
    // A programme that is a link to /dev/zero is refused, never read.
    let programme = dir.path().join("mine/programme.json");
    fs::remove_file(&programme).unwrap();
    symlink("/dev/zero", &programme).unwrap();
    let check = run_within(dir.path(), &["workshop", "check", "mine"], 2);
    let said = format!("{}{}", stdout(&check), common::stderr(&check));
    assert!(said.contains("programme.json") && said.contains("device"), "{said}");
    // A 400 MB index is not read whole: it is rebuilt.
    let sessions = dir.path().join("notes");
    session_file(&sessions);
    fs::File::create(sessions.join(".index.jsonl")).unwrap().set_len(400 << 20).unwrap();
    let list = run_within(dir.path(), &["--sessions-dir", "notes", "list"], 2);
    assert!(stdout(&list).contains("Les Colibris"), "{}", stdout(&list));
    assert!(fs::metadata(sessions.join(".index.jsonl")).unwrap().len() < 1 << 20, "rebuilt");
}

#[test]
fn a_session_whose_workshop_has_a_fifo_opens_on_its_notes_and_q_still_quits() {
    let dir = temp_dir();
    assert!(run(dir.path(), &["workshop", "init", "mine"]).status.success());
    let folder = dir.path().join("mine");
    let mut tui =
        Tui::spawn(dir.path(), (120, 30), &["new", "--workshop", folder.to_str().unwrap(), "--group", "Jardin"]);
    tui.wait_for("1/");
    tui.wait_saved();
    tui.send("q");
    assert!(tui.wait_exit().success());
    let ftl = folder.join("locales/en/workshop.ftl");
    fs::remove_file(&ftl).unwrap();
    mkfifo(&ftl);
    let session = common::only_session_file(dir.path());
    // The export and the home screen read the workshop again: neither waits.
    let export = run_within(
        dir.path(),
        &["--sessions-dir", ".", "export", session.to_str().unwrap(), "--format", "md", "-o", "-"],
        2,
    );
    assert!(export.status.success() || !common::stderr(&export).is_empty());
    let mut home = Tui::spawn(dir.path(), (120, 30), &[]);
    home.wait_for("Jardin");
    home.send("q");
    assert!(home.wait_exit().success());
}

#[test]
fn deep_or_cyclic_fluent_input_is_reported_by_check_with_file_and_line_and_never_kills_the_process() {
    let dir = temp_dir();
    assert!(run(dir.path(), &["workshop", "init", "deep"]).status.success());
    let nested = format!("nested = {}\"x\"{}\n", "{".repeat(30_000), "}".repeat(30_000));
    fs::write(dir.path().join("deep/locales/fr/nested.ftl"), nested).unwrap();
    let mut chain: String = std::iter::once("chain-0 = fin\n".to_string())
        .chain((1..=20_000).map(|i| format!("chain-{i} = {{ chain-{} }}\n", i - 1)))
        .collect();
    chain.push_str("cycle-a = { cycle-b }\ncycle-b = { cycle-a }\nlost = { nowhere }\n");
    fs::write(dir.path().join("deep/locales/en/chain.ftl"), chain).unwrap();
    for args in [&["workshop", "check", "deep"][..], &["--sessions-dir", "notes", "new", "--workshop", "deep"]] {
        let out = run_within(dir.path(), args, 5);
        assert_eq!(out.status.code(), Some(1), "an error, not a signal: {args:?}");
        // French spacing (no-break spaces) read as plain spaces here.
        let said = common::stderr(&out).replace('\u{a0}', " ");
        for expected in [
            "locales/fr/nested.ftl:1: accolades imbriquées",
            "locales/en/chain.ftl:20001: « chain-20000 » mène à une chaîne de 20001 références",
            "locales/en/chain.ftl:20002: références en boucle : cycle-a → cycle-b",
            "locales/en/chain.ftl:20004: « lost » renvoie à « nowhere »",
        ] {
            assert!(said.contains(expected), "{args:?}: {expected:?} in {said}");
        }
    }
    assert!(!dir.path().join("notes").exists(), "no session was started");
}

/// A workshop of 10,000 steps, made from the built-in one's first step.
fn ten_thousand_steps(dir: &Path) -> PathBuf {
    assert!(run(dir, &["workshop", "init", "big"]).status.success());
    let programme = dir.join("big/programme.json");
    let mut json = read_json(&programme);
    let first = json["steps"][0].clone();
    let steps: Vec<serde_json::Value> = (0..10_000)
        .map(|i| {
            let mut step = first.clone();
            step["id"] = format!("info-{i}").into();
            step["minutes"] = 1.into();
            step
        })
        .collect();
    json["steps"] = steps.into();
    fs::write(&programme, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    dir.join("big")
}

/// How long it takes is the benchmarks' to measure (BENCHMARKS.md); here,
/// that it ends at all in a few seconds, with every step: it took minutes
/// when each step's line was counted from the top of the file.
#[test]
fn a_workshop_of_ten_thousand_steps_is_checked_and_started_in_seconds() {
    let dir = temp_dir();
    let big = ten_thousand_steps(dir.path());
    let check = run_within(dir.path(), &["workshop", "check", "big"], 10);
    assert!(check.status.success(), "{}", common::stderr(&check));
    assert!(stdout(&check).contains("10000 étapes"), "{}", stdout(&check));
    let started = std::time::Instant::now();
    let mut tui = Tui::spawn(dir.path(), (120, 30), &["new", "--workshop", big.to_str().unwrap(), "--group", "G"]);
    tui.wait_for("1/10000");
    eprintln!("first frame of new, 10,000 steps: {:?}", started.elapsed());
    tui.send("q");
    assert!(tui.wait_exit().success());
}

// Shared folders ---------------------------------------------------------------

#[test]
fn a_save_keeps_the_file_s_mode_and_owner_and_a_failed_one_leaves_no_temporary_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = temp_dir();
    let path = session_file(dir.path());
    let store = Store::new(dir.path());
    let mut session = store.load(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    // Another account's file, when this one may give it (root): it stays theirs.
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(4321), Some(4321)).unwrap();
    }
    session.roster.group = "Partagé".into();
    store.save_at(&path, &session).unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o664, "the mode is kept");
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321), "the owner is kept");
    }
    // A save that fails (a folder where the file should be) leaves nothing.
    let blocked = dir.path().join("blocked.json");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("inside"), "x").unwrap();
    assert!(store.save_at(&blocked, &session).is_err());
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".atelier-tmp")), "{names:?}");
}

#[test]
fn the_bak_is_offered_only_when_it_can_be_read() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let store = Store::new(dir.path());
    let session = store.load(&path).unwrap();
    store.save_at(&path, &session).unwrap();
    let backup = dir.path().join(format!("{}.bak", path.file_name().unwrap().to_str().unwrap()));
    assert!(backup.is_file());
    fs::write(&path, "{ broken").unwrap();
    let offered = |store: &Store| match &store.list().unwrap()[0] {
        atelier::listing::Listed::Unreadable { backup, .. } => backup.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(offered(&store), Some(backup.clone()));
    let open = run(dir.path(), &["--sessions-dir", ".", "open", path.to_str().unwrap()]);
    assert!(common::stderr(&open).contains(".bak"), "{}", common::stderr(&open));
    // A .bak that cannot be read (here a FIFO; another account's file
    // without the right to read it is the same) is not offered.
    fs::remove_file(&backup).unwrap();
    mkfifo(&backup);
    fs::write(&path, "{ broken again").unwrap();
    assert_eq!(offered(&store), None);
    let open = run_within(dir.path(), &["--sessions-dir", ".", "open", path.to_str().unwrap()], 5);
    assert!(!common::stderr(&open).contains(".bak"), "{}", common::stderr(&open));
}

#[test]
fn a_warning_longer_than_the_status_line_ends_with_an_ellipsis_and_help_shows_it_whole() {
    let dir = temp_dir();
    let path = session_file(dir.path());
    let tui = Tui::spawn(dir.path(), (80, 30), &["open", path.to_str().unwrap()]);
    tui.wait_for("1/8");
    tui.wait_saved();
    let mut theirs = read_json(&path);
    theirs["group"] = "Version du nuage".into();
    fs::write(&path, theirs.to_string()).unwrap();
    keep_note(&tui, "Notre note", "Points positifs (1)");
    tui.wait_for("a changé sur le disque");
    let screen = tui.screen();
    let footer = screen.lines().rev().find(|l| l.contains("a changé")).unwrap();
    assert!(footer.trim_end().ends_with('…'), "{footer:?}");
    assert!(!screen.contains("gardées à côté"), "cut: {screen}");
    tui.press("?", "gardées à côté");
    let copy = conflict_copies(dir.path()).pop().unwrap();
    let name = copy.file_name().unwrap().to_str().unwrap();
    let whole: String = tui.screen().lines().map(|l| l.trim_matches(|c: char| c == '│' || c == ' ')).collect();
    assert!(whole.contains(name), "the copy's name, whole: {whole}");
}

/// Played by this test binary again, as another account: saves the
/// session file named by `ATELIER_TEST_AS_OTHER`, which is not its own.
fn save_as_the_other_account(path: &Path) {
    use atelier::store::Aside;
    let store = Store::new(path.parent().unwrap());
    let session = store.load(path).unwrap();
    let saved = store.save_guarded(&mut None, path, &session).unwrap();
    let Some(news) = saved.news else { panic!("the owner's change is said") };
    assert!(matches!(news, Aside::Owner { owner: 4321, .. }), "{news:?}");
    assert!(!news.lasts(), "said once");
    let texts = atelier::i18n::Texts::new();
    let line = news.message(&atelier::i18n::Tr::new(&texts, Lang::Fr));
    assert!(line.contains("4321") && line.contains("désormais le vôtre"), "{line}");
}

/// Two accounts need root to play them: elsewhere the test only passes.
#[test]
fn a_file_of_another_account_that_cannot_stay_theirs_is_said_to_be_ours_now() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    if let Some(path) = std::env::var_os("ATELIER_TEST_AS_OTHER") {
        return save_as_the_other_account(Path::new(&path));
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    let dir = temp_dir();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = session_file(dir.path());
    std::os::unix::fs::chown(&path, Some(4321), Some(4321)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "a_file_of_another_account_that_cannot_stay_theirs_is_said_to_be_ours_now"])
        .env("ATELIER_TEST_AS_OTHER", &path)
        .uid(65534)
        .gid(65534)
        .status()
        .unwrap();
    assert!(status.success(), "the other account's save, as it says it");
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(meta.uid(), 65534, "the file is now the saving account's");
    assert_eq!(meta.permissions().mode() & 0o777, 0o666, "its mode kept");
}

/// A panic after the sessions folder went: the copy of the notes goes to
/// the user's data folder, and the sessions folder is not made again for it.
#[test]
fn a_crash_after_the_folder_went_does_not_make_it_again() {
    let dir = temp_dir();
    let sessions = dir.path().join("notes");
    let data = dir.path().join("data");
    let path = session_file(&sessions);
    let arg = path.to_str().unwrap().to_string();
    let args = ["open", arg.as_str()];
    let mut tui = Launch::new(&sessions, (120, 30), &args)
        .cwd(dir.path())
        .env("XDG_DATA_HOME", data.to_str().unwrap())
        .env("ATELIER_TEST_PANIC", "1")
        .spawn();
    tui.wait_for("1/8");
    fs::remove_dir_all(&sessions).unwrap();
    tui.send("\x1b[24~"); // F12, a panic for the tests
    assert!(!tui.wait_exit().success());
    assert!(!sessions.exists(), "the sessions folder is not made again");
    let kept: Vec<PathBuf> =
        fs::read_dir(data.join("atelier").join("recovery")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(read_json(&kept[0])["group"], "Les Colibris");
}
