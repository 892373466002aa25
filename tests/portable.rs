//! The real binary where a facilitator's laptop puts it: installed (notes
//! in the user's data folder, the example there on the first run), in the
//! source checkout (its `sessions/`), started without a terminal or with
//! one that cannot draw a screen (one line, a failure, no screen codes),
//! and `list` and `export` working there all the same.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_atelier");

/// `atelier <args…>` in `cwd`, with no terminal at all: standard input is
/// `/dev/null` (or its Windows equivalent), the outputs are pipes. Home
/// and data folders point into `home`, so nothing leaks out of the test.
fn run(cwd: &Path, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(cwd).stdin(Stdio::null());
    for name in ["ATELIER_SESSIONS_DIR", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "COLORTERM"] {
        cmd.env_remove(name);
    }
    cmd.env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("APPDATA", home.join("data"))
        .envs(env.iter().copied());
    cmd.output().expect("run atelier")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One line that says what is needed, a failure, and nothing for a screen.
fn assert_one_line_refusal(out: &Output, what: &str) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "{what}: exit {:?}", out.status);
    assert_eq!(stdout, "", "{what}: nothing on standard output");
    assert_eq!(stderr.lines().count(), 1, "{what}: one line: {stderr:?}");
    assert!(stderr.contains("terminal"), "{what}: {stderr:?}");
    assert!(!stderr.contains('\u{1b}'), "{what}: no screen codes: {stderr:?}");
}

#[test]
fn without_a_terminal_the_full_screen_commands_say_so_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let notes = home.path().join("notes");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions").join("exemple-colibris.json");
    for args in [&["new", "--group", "G"][..], &[], &["open", example.to_str().unwrap()]] {
        let all = [&["--sessions-dir", notes.to_str().unwrap()][..], args].concat();
        let out = run(home.path(), home.path(), &all, &[]);
        assert_one_line_refusal(&out, &format!("{args:?}"));
    }
    // Nothing was locked nor written for a session that could not start.
    assert!(!notes.exists());
}

#[test]
fn list_and_export_work_without_a_terminal_and_on_a_dumb_one() {
    let home = tempfile::tempdir().unwrap();
    let notes = home.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions").join("exemple-colibris.json");
    std::fs::copy(example, notes.join("exemple-colibris.json")).unwrap();
    for env in [&[][..], &[("TERM", "dumb")]] {
        let list = run(home.path(), home.path(), &["--sessions-dir", "notes", "list"], env);
        assert!(list.status.success(), "{}", text(&list.stderr));
        assert!(text(&list.stdout).contains("Les Colibris"), "{}", text(&list.stdout));
        let export = run(
            home.path(),
            home.path(),
            &["--sessions-dir", "notes", "export", "exemple-colibris", "--format", "md"],
            env,
        );
        assert!(export.status.success(), "{}", text(&export.stderr));
        assert!(text(&export.stdout).contains("Les Colibris"));
    }
}

/// Windows finds its known folders without reading the environment, so
/// this runs elsewhere; the Windows build's own run (scripts/wine-tests)
/// checks `%APPDATA%\atelier`.
#[cfg(not(windows))]
#[test]
fn an_installed_atelier_keeps_its_notes_in_the_data_folder_and_shows_the_example_first() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = home.path().join("anywhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = run(&elsewhere, home.path(), &["list"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    let folder = home.path().join("data").join("atelier");
    // The first line says which folder is read.
    let first = listing.lines().next().unwrap_or_default();
    assert!(first.contains(&folder.display().to_string()), "{listing}");
    assert!(listing.contains("exemple-colibris"), "{listing}");
    assert!(folder.join("exemple-colibris.json").is_file());
    // Nothing was written where it was started.
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // A folder given wins, by option or by variable; no example is added there.
    let given = home.path().join("given");
    let by_env = run(&elsewhere, home.path(), &["list"], &[("ATELIER_SESSIONS_DIR", given.to_str().unwrap())]);
    assert!(text(&by_env.stdout).contains(&given.display().to_string()), "{}", text(&by_env.stdout));
    assert!(!given.exists());
    let by_option = run(&elsewhere, home.path(), &["--sessions-dir", "mine", "list"], &[]);
    assert!(text(&by_option.stdout).contains("mine"), "{}", text(&by_option.stdout));
}

#[test]
fn run_in_the_source_checkout_it_keeps_the_checkouts_sessions_folder() {
    let home = tempfile::tempdir().unwrap();
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(&checkout.join("src"), home.path(), &["list"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout).lines().next().unwrap_or_default().to_string();
    assert!(first.contains(&checkout.join("sessions").display().to_string()), "{first}");
    assert!(!home.path().join("data").exists(), "the data folder is left alone");
}

/// `TERM=dumb` in a real terminal: the same one line, and not a single
/// screen code written to it.
#[cfg(unix)]
#[test]
fn a_dumb_terminal_gets_one_line_and_no_screen_codes() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--sessions-dir", home.path().join("notes").to_str().unwrap(), "new"]);
    cmd.cwd(home.path());
    cmd.env("TERM", "dumb");
    cmd.env("LANG", "en_US.UTF-8");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let status = child.wait().unwrap();
    drop(pty.master);
    let mut output = Vec::new();
    // The other side is gone: the read ends (EIO on Linux), with all that was written.
    let _ = reader.read_to_end(&mut output);
    let output = text(&output);
    assert!(!status.success());
    assert_eq!(output.trim_end().lines().count(), 1, "{output:?}");
    assert!(output.contains("TERM=dumb"), "{output:?}");
    assert!(!output.contains('\u{1b}'), "{output:?}");
    assert!(!home.path().join("notes").exists());
}

/// The two readmes a facilitator reads first show pictures that exist, and
/// every `atelier …` command they name is one the program knows: each
/// answers `--help` with success.
#[test]
fn the_readmes_show_real_pictures_and_name_real_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let home = tempfile::tempdir().expect("temp dir");
    for readme in ["README.md", "LISEZMOI.md"] {
        let body = std::fs::read_to_string(root.join(readme)).expect("a readme");
        for (_, rest) in body.match_indices("](").map(|(i, _)| body.split_at(i + 2)) {
            let target = &rest[..rest.find(')').expect("a closed link")];
            if target.ends_with(".png") || target.ends_with(".md") {
                assert!(root.join(target).is_file(), "{readme} links to {target}, which is missing");
            }
        }
        let mut commands: Vec<&str> = body
            .split(['`', '\n'])
            .filter_map(|s| s.trim().strip_prefix("atelier "))
            .filter_map(|rest| rest.split_whitespace().next())
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        commands.sort_unstable();
        commands.dedup();
        assert!(commands.contains(&"new") && commands.contains(&"wall"), "{readme}: {commands:?}");
        for command in commands {
            let out = run(home.path(), home.path(), &[command, "--help"], &[]);
            assert!(out.status.success(), "{readme} names `atelier {command}`: {}", text(&out.stderr));
        }
    }
}
