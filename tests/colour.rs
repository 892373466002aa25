//! Colour that holds on real terminals: every letter of every screen of
//! every theme reads against what is behind it, in the colours actually
//! sent (24-bit, or the 256-colour palette's values); and no colour at all
//! is sent under NO_COLOR or to a `dumb` terminal.

mod fixtures;

use std::io::{Read, Write};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use atelier::app::{App, ColourDepth, Done, Home, Message, Notice, Screen};
use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::steps::Action;
use atelier::store::{Listed, Summary};
use atelier::timer::FakeClock;
use atelier::ui::theme::{Rgb, Theme, ThemeName, contrast_ratio, shown_rgb};
use chrono::{Local, TimeZone};
use fixtures::{app_at_step, filled_app, fixed_date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// The projector, a small screen, a laptop and a wall.
const SIZES: [(u16, u16); 4] = [(75, 21), (80, 24), (120, 36), (240, 67)];

fn listed() -> Vec<Listed> {
    let summary = |id: &str, group: &str| {
        Listed::Session(Box::new(Summary {
            path: format!("sessions/{id}.json").into(),
            id: id.into(),
            group: group.into(),
            region: "Hauts-Bassins".into(),
            participants: 5,
            current_step: 3,
            steps: 8,
            created_at: fixed_date(),
            updated_at: fixed_date(),
            pins: 2,
            choices: [("decision".to_string(), "go".to_string())].into(),
            partners: vec!["AMAP du quartier".into()],
            example: false,
            follows: None,
            dates: Default::default(),
            finished: None,
        }))
    };
    vec![
        summary("a", "Les Colibris"),
        summary("b", "Jardins partagés"),
        Listed::Unreadable {
            path: "sessions/broken.json".into(),
            reason: "EOF while parsing at line 3 column 1".into(),
            backup: Some("sessions/broken.json.bak".into()),
        },
    ]
}

fn home_app(selected: usize) -> App {
    let mut home = Home::new(listed());
    home.selected = selected;
    App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(home))
}

fn trend_app() -> App {
    use atelier::steps::checklist::Checklist;
    let programme = Programme::embedded();
    let sessions: Vec<Session> = (0..3)
        .map(|n| {
            let roster = Roster {
                group: "Les Colibris".into(),
                participants: vec!["A".into(), "B".into()],
                region: String::new(),
                ends_at: String::new(),
                date: String::new(),
            };
            let at = Local.with_ymd_and_hms(2026, 3 + n * 3, 1, 10, 0, 0).single().unwrap();
            let mut s = Session::new(format!("s{n}"), &programme, roster, Lang::Fr, at);
            let items: Vec<String> = ["vision", "trust", "leadership"].map(String::from).to_vec();
            let c: &mut Checklist = s.steps[4].state.as_checklist_mut().unwrap();
            for turn in 0..2 {
                for i in 0..=n as usize {
                    c.cursor = i;
                    if turn == 0 || i == 0 {
                        c.toggle(&items);
                    }
                }
                c.end_turn();
            }
            s
        })
        .collect();
    let trend = atelier::trend::trend(&programme, &sessions);
    let mut app = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())));
    app.update(Message::Done(Done::Trend { group: "Les Colibris".into(), trend }));
    app
}

/// Every screen the room can see, by name.
fn every_screen() -> Vec<(String, App)> {
    let mut screens = Vec::new();
    for lang in Lang::ALL {
        for step in 0..8 {
            screens.push((format!("step {} {lang}", step + 1), app_at_step(step, lang).0));
        }
    }
    // The filled steps, each with its selection, and the closing sheet.
    for (back, name) in ["plan", "failures", "ingredients", "reading", "board"].into_iter().enumerate() {
        let mut app = filled_app(Lang::Fr);
        for _ in 0..back {
            app.update(Message::PreviousStep);
        }
        screens.push((format!("filled {name}"), app));
    }
    let mut closing = filled_app(Lang::En);
    closing.update(Message::NextStep);
    screens.push(("filled closing".into(), closing));
    // Running and overrun countdowns: the accent and alert colours, big.
    let (mut pairs, clock) = app_at_step(1, Lang::Fr);
    pairs.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(90));
    screens.push(("pairs running".into(), pairs));
    let (mut reading, clock) = app_at_step(3, Lang::En);
    reading.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_secs(16 * 60));
    screens.push(("reading overrun".into(), reading));
    // The help over a step and over home.
    let (mut help, _) = app_at_step(2, Lang::En);
    help.update(Message::ToggleHelp);
    screens.push(("help on the board".into(), help));
    let mut help = home_app(0);
    help.update(Message::ToggleHelp);
    screens.push(("help at home".into(), help));
    // Text entries: a note, and a multi-line field of the plan.
    let (mut entry, _) = app_at_step(2, Lang::Fr);
    entry.update(Message::Step(Action::Add));
    entry.update(Message::Entry(atelier::app::EntryInput::Paste("Une écoute sincère 👂".into())));
    screens.push(("note entry".into(), entry));
    let mut entry = filled_app(Lang::Fr);
    entry.update(Message::Step(Action::Select(-20)));
    entry.update(Message::Step(Action::Select(3)));
    entry.update(Message::Step(Action::Edit));
    screens.push(("plan entry".into(), entry));
    // Home: a new session selected, a past one, an unreadable one, the
    // search, the question before deleting, a notice in the footer.
    for selected in 0..4 {
        screens.push((format!("home, line {selected}"), home_app(selected)));
    }
    let mut search = home_app(0);
    search.update(Message::HomeSearch);
    search.update(Message::Entry(atelier::app::EntryInput::Paste("jardin".into())));
    screens.push(("home search".into(), search));
    let mut delete = home_app(1);
    delete.update(Message::HomeDelete);
    screens.push(("home delete?".into(), delete));
    let mut notice = filled_app(Lang::En);
    notice.notice = Some(Notice::SaveFailed("No space left on device".into()));
    screens.push(("save failed".into(), notice));
    // A session reviewed read-only, and the trend of a group.
    let Screen::Session(run) = filled_app(Lang::Fr).screen else { panic!("a session") };
    let mut review = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())));
    review.show_session(run.session, run.path, true);
    screens.push(("read-only review".into(), review));
    screens.push(("trend".into(), trend_app()));
    screens
}

/// The frame as drawn (the second column of a wide character included,
/// which a terminal paints with the character's colours).
fn draw(app: &App, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| {
            atelier::ui::view(app, frame);
        })
        .expect("drawn")
        .buffer
        .clone()
}

/// Lines and shades (box drawing, block elements): at least 3:1, as any
/// graphical object; everything else is read, and is held to the letters'.
fn is_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259f}').contains(&c)
}

/// Every cell of `buffer` whose text is not blank and reads worse than its
/// theme allows, described; and any colour that is not what `depth` sends.
fn faults(buffer: &Buffer, name: ThemeName, depth: ColourDepth) -> Vec<String> {
    let floor = Theme::letter_contrast(name);
    let mut faults = Vec::new();
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let sent = |color: Color| -> Result<Rgb, String> {
                match (depth, color) {
                    (ColourDepth::TrueColor, Color::Rgb(..)) => Ok(shown_rgb(color).unwrap()),
                    (ColourDepth::Palette256, Color::Indexed(i)) if i >= 16 => Ok(shown_rgb(color).unwrap()),
                    _ => Err(format!("{color:?} is not what a {depth:?} terminal is sent")),
                }
            };
            let (fg, bg) = match (sent(cell.fg), sent(cell.bg)) {
                (Ok(fg), Ok(bg)) => (fg, bg),
                (Err(e), _) | (_, Err(e)) => {
                    faults.push(format!("({x},{y}) {:?}: {e}", cell.symbol()));
                    continue;
                }
            };
            // Reverse video swaps the two colours (`Modifier::REVERSED`):
            // the ratio is the same either way.
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let needed = if symbol.chars().all(|c| is_drawing(c) || c.is_whitespace()) { 3.0 } else { floor };
            let ratio = contrast_ratio(fg, bg);
            if ratio < needed {
                faults.push(format!("({x},{y}) {symbol:?} {fg:02x?} on {bg:02x?}: {ratio:.2}:1 < {needed}:1"));
            }
        }
    }
    faults
}

#[test]
fn every_letter_of_every_screen_reads_in_every_theme_at_both_depths() {
    let mut report = Vec::new();
    let mut cells = 0;
    for (screen, mut app) in every_screen() {
        for name in ThemeName::ALL {
            for depth in [ColourDepth::TrueColor, ColourDepth::Palette256] {
                app.theme = name;
                app.colour = depth;
                for size in SIZES {
                    let buffer = draw(&app, size);
                    cells += buffer.content.len();
                    let found = faults(&buffer, name, depth);
                    if let Some(first) = found.first() {
                        report.push(format!(
                            "{screen}, {name}, {depth:?}, {}×{}: {} cells, first {first}",
                            size.0,
                            size.1,
                            found.len()
                        ));
                    }
                }
            }
        }
    }
    assert!(cells > 1_000_000, "only {cells} cells checked");
    assert!(report.is_empty(), "{} screens read badly:\n{}", report.len(), report.join("\n"));
}

#[test]
fn the_checks_see_a_letter_that_does_not_read() {
    // Grey letters on the contrast theme's black, as a footer once was.
    let (mut app, _) = app_at_step(0, Lang::Fr);
    app.theme = ThemeName::Contrast;
    app.colour = ColourDepth::TrueColor;
    let mut buffer = draw(&app, (80, 24));
    assert!(faults(&buffer, ThemeName::Contrast, ColourDepth::TrueColor).is_empty());
    buffer[(1, 23)].set_fg(Color::Rgb(0x80, 0x80, 0x80));
    buffer[(2, 23)].set_fg(Color::Reset);
    buffer[(3, 23)].set_fg(Color::Indexed(8));
    let found = faults(&buffer, ThemeName::Contrast, ColourDepth::TrueColor);
    assert_eq!(found.len(), 3, "{found:#?}");
    let found = faults(&buffer, ThemeName::Contrast, ColourDepth::Palette256);
    assert!(found.len() > 1000, "24-bit colours are refused on a 256-colour terminal");
}

#[test]
fn without_colour_every_screen_asks_for_none() {
    for (screen, mut app) in every_screen() {
        for name in ThemeName::ALL {
            app.theme = name;
            app.colour = ColourDepth::None;
            for size in [(80, 24), (160, 45)] {
                let buffer = draw(&app, size);
                for cell in &buffer.content {
                    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{screen}, {name}: a colour");
                }
            }
        }
    }
}

/// The colours in what the real binary writes to its terminal, started
/// with `env` on the home screen: (24-bit, palette, any at all).
fn colours_sent(env: &[(&str, &str)], theme: &str) -> (bool, bool, bool) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = tempfile::tempdir().expect("temp dir");
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(["--lang", "en", "--theme", theme, "--sessions-dir"]);
    cmd.arg(dir.path());
    cmd.cwd(dir.path());
    for name in ["NO_COLOR", "COLORTERM", "TERM", "LC_ALL", "LC_MESSAGES", "ATELIER_SESSIONS_DIR"] {
        cmd.env_remove(name);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("start atelier");
    drop(pair.slave);
    let output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let reading = {
        let output = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let start = Instant::now();
    let shown = || String::from_utf8_lossy(&output.lock().unwrap()).contains("Network");
    while !shown() {
        let seen = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
        assert!(start.elapsed() < Duration::from_secs(10), "the home screen never came: {seen:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut writer = pair.master.take_writer().expect("pty writer");
    writer.write_all(b"q").and_then(|()| writer.flush()).expect("a key");
    while child.try_wait().expect("the app's status").is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "the app never quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(pair.master);
    let _ = reading.join();
    let bytes = output.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&bytes);
    // Every SGR sequence's parameters: 38/48 start a colour (then 2;r;g;b
    // or 5;n), 30–37, 40–47, 90–97 and 100–107 are the sixteen colours;
    // 39 and 49 only go back to the terminal's own.
    let (mut exact, mut palette, mut any) = (false, false, false);
    for sgr in text.split("\x1b[").skip(1).filter_map(|s| s.split_once('m').map(|(p, _)| p)) {
        if !sgr.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        let params: Vec<u32> = sgr.split(';').filter_map(|p| p.parse().ok()).collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                38 | 48 => {
                    any = true;
                    match params.get(i + 1) {
                        Some(2) => (exact, i) = (true, i + 5),
                        Some(5) => (palette, i) = (true, i + 3),
                        _ => i += 1,
                    }
                    continue;
                }
                30..=37 | 40..=47 | 90..=97 | 100..=107 => any = true,
                _ => {}
            }
            i += 1;
        }
    }
    (exact, palette, any)
}

#[test]
fn the_terminal_gets_the_colours_its_environment_asks_for() {
    let xterm = ("TERM", "xterm-256color");
    for theme in ["dark", "light", "contrast"] {
        assert_eq!(colours_sent(&[xterm], theme), (false, true, true), "{theme}: the palette by default");
        assert_eq!(colours_sent(&[xterm, ("COLORTERM", "truecolor")], theme), (true, false, true), "{theme}: 24-bit");
        assert_eq!(colours_sent(&[xterm, ("NO_COLOR", "1")], theme), (false, false, false), "{theme}: NO_COLOR");
    }
    // A dumb terminal gets no screen at all, only one line
    // (tests/portable.rs); its depth, none, is checked in ui::theme.
}
