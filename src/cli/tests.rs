//! The command line's pure parts: where the notes live, the terminal's
//! problems, the checkout found.

use super::*;
use std::path::Path;

fn data() -> Option<PathBuf> {
    Some(PathBuf::from("/home/awa/.local/share/atelier"))
}

#[test]
fn a_folder_given_wins_over_everything() {
    let given = notes_folder(Some("notes".into()), Some("/src/atelier".into()), data());
    assert_eq!(given, NotesFolder { dir: "notes".into(), origin: Origin::Given });
    // An empty ATELIER_SESSIONS_DIR is none.
    assert_eq!(notes_folder(Some("".into()), None, data()).origin, Origin::DataFolder);
}

#[test]
fn the_checkout_keeps_its_own_sessions_folder() {
    let notes = notes_folder(None, Some("/src/atelier".into()), data());
    assert_eq!(notes, NotesFolder { dir: "/src/atelier/sessions".into(), origin: Origin::Checkout });
}

#[test]
fn an_installed_atelier_uses_the_data_folder_whatever_the_current_folder() {
    assert_eq!(notes_folder(None, None, data()), NotesFolder { dir: data().unwrap(), origin: Origin::DataFolder });
    assert_eq!(notes_folder(None, None, None), NotesFolder { dir: "sessions".into(), origin: Origin::Here });
}

#[test]
fn the_checkout_is_found_from_any_folder_inside_it() {
    let ours = format!("[package]\nname = \"{}\"\nversion = \"1.0.0\"\n", env!("CARGO_PKG_NAME"));
    let read = |path: &Path| (path == Path::new("/src/atelier/Cargo.toml")).then(|| ours.clone());
    assert_eq!(find_checkout(Path::new("/src/atelier"), read), Some("/src/atelier".into()));
    assert_eq!(find_checkout(Path::new("/src/atelier/src/ui"), read), Some("/src/atelier".into()));
    assert_eq!(find_checkout(Path::new("/home/awa"), read), None);
}

#[test]
fn another_project_is_no_checkout() {
    let theirs = "[package]\nname = \"atelier\"\n[dependencies]\nname = \"x\"\n";
    let dependency = format!("[package]\nname = \"other\"\n[dependencies]\nname = \"{}\"\n", env!("CARGO_PKG_NAME"));
    let workspace = "[workspace]\nmembers = [\"a\"]\n";
    for text in [theirs.to_string(), dependency, workspace.to_string()] {
        assert_eq!(find_checkout(Path::new("/w"), |_| Some(text.clone())), None, "{text}");
    }
}

#[test]
fn the_full_screen_needs_a_terminal_that_moves_the_cursor() {
    use std::ffi::OsStr;
    assert_eq!(terminal_problem(false, true, None), Some("error-not-a-terminal"));
    assert_eq!(terminal_problem(true, false, Some(OsStr::new("xterm"))), Some("error-not-a-terminal"));
    assert_eq!(terminal_problem(true, true, Some(OsStr::new("dumb"))), Some("error-dumb-terminal"));
    assert_eq!(terminal_problem(true, true, Some(OsStr::new("xterm-256color"))), None);
    // Windows consoles set no TERM.
    assert_eq!(terminal_problem(true, true, None), None);
}
