//! The real binary inside tmux, as many facilitators run it: every cell it
//! draws carries the theme's background, so no multiplexer shows holes of
//! its own default colour where the previous step's text was. Skipped, with
//! one line said, where tmux is not installed.

use std::path::Path;
use std::process::{Command, Output};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_atelier");

struct Server {
    socket: String,
}

impl Server {
    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux").args(["-L", &self.socket, "-f", "/dev/null"]).args(args).output().expect("tmux runs")
    }

    /// The pane with its colours (`-e`) and every cell of each row (`-N`).
    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-N", "-e", "-p", "-t", "atelier"]).stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {text:?}:\n{screen}");
            thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The cells drawn with the terminal's default background, as
/// `(row, text)`: SGR state carried through the capture, as tmux writes it
/// only where it changes.
fn default_background_cells(capture: &str) -> Vec<(usize, char)> {
    let mut default_bg = true;
    let mut found = Vec::new();
    for (row, line) in capture.lines().enumerate() {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                if chars.next_if_eq(&'[').is_none() {
                    continue;
                }
                let mut params = String::new();
                let mut last = ' ';
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() {
                        last = p;
                        break;
                    }
                    params.push(p);
                }
                if last != 'm' {
                    continue;
                }
                let codes: Vec<u32> = params.split([';', ':']).map(|p| p.parse().unwrap_or(0)).collect();
                let mut i = 0;
                while i < codes.len() {
                    match codes[i] {
                        0 | 49 => default_bg = true,
                        40..=47 | 100..=107 => default_bg = false,
                        48 => {
                            default_bg = false;
                            i += if codes.get(i + 1) == Some(&5) { 2 } else { 4 };
                        }
                        38 | 58 => i += if codes.get(i + 1) == Some(&5) { 2 } else { 4 },
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            if default_bg {
                found.push((row, c));
            }
        }
    }
    found
}

/// Issue 31, point 4: under tmux, with TERM as tmux sets it and as many
/// users force it, the first frame and three step changes leave no cell of
/// the default background. It guards the fill in `ui::view` (the theme's
/// paper under every cell no widget coloured) and the frame writer's
/// erasing: the rehearsal under tmux saw black rectangles where the
/// previous step's text had been.
#[test]
fn under_tmux_every_cell_carries_the_theme_s_background() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("skipped: tmux is not installed");
        return;
    }
    for term in ["tmux-256color", "xterm-256color"] {
        let dir = tempfile::tempdir().expect("a folder");
        let server = Server { socket: format!("atelier-test-{}-{term}", std::process::id()) };
        let sessions = dir.path().to_str().expect("a UTF-8 path");
        let command = format!(
            "env TERM={term} LANG=fr_FR.UTF-8 {} --sessions-dir {} new --group Demo --participants 'Awa, Bruno, Chloé'",
            shell_quote(Path::new(BIN)),
            shell_quote(Path::new(sessions))
        );
        let started = server.tmux(&["new-session", "-d", "-s", "atelier", "-x", "98", "-y", "26", &command]);
        assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
        let mut screens = vec![server.wait_for("1/8")];
        for step in ["2/8", "3/8", "4/8"] {
            server.tmux(&["send-keys", "-t", "atelier", "Right"]);
            screens.push(server.wait_for(step));
        }
        for screen in screens {
            let holes = default_background_cells(&screen);
            assert!(
                holes.is_empty(),
                "TERM={term}: {} cells on the default background, the first {:?}:\n{screen}",
                holes.len(),
                &holes[..holes.len().min(5)]
            );
        }
        server.tmux(&["send-keys", "-t", "atelier", "q"]);
    }
}

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn the_colour_reader_sees_a_default_background() {
    assert_eq!(default_background_cells("\u{1b}[48;5;233mab\u{1b}[0mc\n\u{1b}[41md"), [(0, 'c')]);
    assert!(default_background_cells("\u{1b}[38;2;1;2;3;48;2;4;5;6mab\nc").is_empty());
}
