//! Every screen drawn on ratatui's `TestBackend`, at a small projector's
//! size and a large screen's, in both languages, compared with snapshots.

mod fixtures;

use std::rc::Rc;
use std::time::Duration;

use atelier::app::{App, Done, Home, Message, Screen};
use atelier::i18n::Lang;
use atelier::programme::Programme;
use atelier::session::{Roster, Session};
use atelier::steps::Action;
use atelier::store::{Listed, Summary};
use atelier::timer::FakeClock;
use chrono::{Local, TimeZone};
use fixtures::{app_at_step, draw, filled_app, fixed_date, screen_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A small projector, a laptop, a large screen and a wall.
/// The projectors of the brief (1280×720 at 20 pt, 1920×1080 at 12 pt) and two
/// screens between and beyond.
const SIZES: [(u16, u16); 4] = [(75, 21), (120, 36), (192, 54), (240, 67)];

fn snapshot(name: &str, terminal: &Terminal<TestBackend>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, screen_text(terminal)));
}

#[test]
fn every_step_in_both_languages_at_two_sizes() {
    for lang in Lang::ALL {
        for step in 0..8 {
            for size in SIZES {
                let (app, _) = app_at_step(step, lang);
                let terminal = draw(&app, size);
                snapshot(&format!("step{}_{}_{}x{}", step + 1, lang, size.0, size.1), &terminal);
            }
        }
    }
}

#[test]
fn the_pairs_countdown_shows_the_swap_cue_with_the_next_speakers() {
    for lang in Lang::ALL {
        let (mut app, clock) = app_at_step(1, lang);
        app.update(Message::Step(Action::ToggleTimer));
        clock.advance(Duration::from_secs(5 * 60 + 7));
        app.update(Message::Tick);
        let terminal = draw(&app, (80, 24));
        let text = screen_text(&terminal);
        assert!(text.contains("+00:07"), "the overrun is counted:\n{text}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Bruno, Dédé, Émile") || flat.contains("Bruno, Dédé,"),
            "the next speakers are named:\n{text}"
        );
        snapshot(&format!("pairs_swap_{lang}_80x24"), &terminal);
    }
}

#[test]
fn a_running_countdown_is_also_written_as_plain_text() {
    let (mut app, clock) = app_at_step(3, Lang::Fr);
    app.update(Message::Step(Action::ToggleTimer));
    clock.advance(Duration::from_millis(62_500));
    for size in SIZES {
        let text = screen_text(&draw(&app, size));
        assert!(text.lines().next().unwrap().contains(" 13:58 "), "in the header:\n{text}");
    }
}

#[test]
fn the_header_tells_ahead_or_behind_plan() {
    let (mut app, clock) = app_at_step(0, Lang::En);
    clock.advance(Duration::from_secs(8 * 60));
    app.update(Message::NextStep);
    let text = screen_text(&draw(&app, (80, 24)));
    // Started at 14:05 for 90 minutes, 3 minutes late: it ends at 15:38.
    assert!(text.contains("3 min behind"), "{text}");
    assert!(text.contains("ends 15:38"), "{text}");
    assert!(text.contains("target 15:35"), "{text}");
}

#[test]
fn help_lists_the_keys_of_the_screen_under_it() {
    for lang in Lang::ALL {
        let (mut app, _) = app_at_step(1, lang);
        app.update(Message::ToggleHelp);
        let terminal = draw(&app, (80, 24));
        snapshot(&format!("help_pairs_{lang}_80x24"), &terminal);
    }
}

#[test]
fn home_lists_past_sessions() {
    let clock = FakeClock::at(fixed_date());
    let summary = Summary {
        path: "sessions/a.json".into(),
        id: "2026-11-21-partnerships-abc234".into(),
        group: "Les Colibris".into(),
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
        dates: [
            ("review".to_string(), "2026-01-10".to_string()),
            ("next_meeting".to_string(), "2099-01-01".to_string()),
        ]
        .into(),
        finished: None,
    };
    let entries = vec![
        Listed::Session(Box::new(summary)),
        Listed::Unreadable {
            path: "sessions/broken.json".into(),
            reason: "EOF while parsing at line 3 column 1".into(),
            backup: Some("sessions/broken.json.bak".into()),
        },
    ];
    for lang in Lang::ALL {
        for size in SIZES {
            let home = Screen::Home({
                let mut h = Home::new(entries.clone());
                h.selected = 1;
                h
            });
            let app = App::built_in(lang, Rc::new(clock.clone()), home);
            snapshot(&format!("home_{lang}_{}x{}", size.0, size.1), &draw(&app, size));
        }
    }
}

#[test]
fn no_size_breaks_the_drawing() {
    for step in 0..8 {
        let (app, _) = app_at_step(step, Lang::Fr);
        for (w, h) in
            [(1, 1), (2, 1), (1, 150), (400, 1), (10, 3), (39, 11), (40, 12), (41, 13), (60, 15), (300, 80), (400, 150)]
        {
            let text = screen_text(&draw(&app, (w, h)));
            assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
        }
    }
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let (app, _) = app_at_step(0, Lang::En);
    let text = screen_text(&draw(&app, (39, 11)));
    assert!(text.contains("Please enlarge"), "{text}");
}

#[test]
fn control_characters_typed_in_names_never_reach_the_terminal() {
    let clock = FakeClock::at(fixed_date());
    let programme = Programme::embedded();
    let roster = Roster {
        group: "Evil\x1b[2J\x07Group\u{202e}".into(),
        participants: vec!["A\x1b]0;pwned\x07".into(), "B".into()],
        region: "R\u{9b}31m".into(),
        ends_at: String::new(),
        date: String::new(),
    };
    let session = Session::new("x".into(), &programme, roster, Lang::Fr, fixed_date());
    let home = Screen::Home(Home::new(Vec::new()));
    let mut app = App::built_in(Lang::Fr, Rc::new(clock), home);
    app.show_session(session, "x.json".into(), false);
    for _ in 0..8 {
        let text = screen_text(&draw(&app, (120, 36)));
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(!text.contains('\u{202e}'));
        app.update(Message::NextStep);
    }
}

#[test]
fn the_filled_steps_in_both_languages_at_two_sizes() {
    for lang in Lang::ALL {
        for size in SIZES {
            let mut app = filled_app(lang);
            for (name, back) in [("plan", 0), ("failures", 1), ("ingredients", 1), ("board", 2)] {
                for _ in 0..back {
                    app.update(Message::PreviousStep);
                }
                snapshot(&format!("filled_{name}_{lang}_{}x{}", size.0, size.1), &draw(&app, size));
            }
            for _ in 0..5 {
                app.update(Message::NextStep);
            }
            app.update(Message::Step(Action::Edit));
            app.update(Message::Entry(atelier::app::EntryInput::Paste("Écouter avant de proposer".into())));
            app.update(Message::Entry(atelier::app::EntryInput::Commit));
            app.update(Message::Step(Action::NextField));
            snapshot(&format!("filled_closing_{lang}_{}x{}", size.0, size.1), &draw(&app, size));
        }
    }
}

#[test]
fn an_open_entry_shows_what_is_typed_and_where_it_goes() {
    for lang in Lang::ALL {
        let (mut app, _) = app_at_step(2, lang);
        app.update(Message::Step(Action::Add));
        app.update(Message::Entry(atelier::app::EntryInput::Paste("Une écoute sincère 👂".into())));
        let terminal = draw(&app, (80, 24));
        let text = screen_text(&terminal);
        assert!(text.contains("Une écoute sincère"), "{text}");
        snapshot(&format!("entry_note_{lang}_80x24"), &terminal);
    }
}

#[test]
fn a_long_board_scrolls_to_keep_the_selection_in_view() {
    let (mut app, _) = app_at_step(2, Lang::Fr);
    for i in 0..60 {
        app.update(Message::Step(Action::Add));
        app.update(Message::Entry(atelier::app::EntryInput::Paste(format!("Note numéro {i}"))));
        app.update(Message::Entry(atelier::app::EntryInput::Commit));
    }
    let text = screen_text(&draw(&app, (80, 24)));
    assert!(text.contains("Note numéro 59"), "the last added is selected and shown:\n{text}");
    app.update(Message::Step(Action::Select(-100)));
    let text = screen_text(&draw(&app, (80, 24)));
    assert!(text.contains("Note numéro 0 "), "{text}");
}

#[test]
fn a_read_only_session_says_so_and_offers_no_changes() {
    for lang in Lang::ALL {
        let app = filled_app(lang);
        let Screen::Session(run) = app.screen else { panic!("a session") };
        let clock = FakeClock::at(fixed_date());
        let home = Screen::Home(Home::new(Vec::new()));
        let mut review = App::built_in(lang, Rc::new(clock), home);
        review.show_session(run.session, run.path, true);
        assert!(review.take_effects().is_empty(), "reviewing writes nothing");
        review.update(Message::PreviousStep);
        review.update(Message::Step(Action::Add));
        assert!(review.entry.is_none());
        assert!(review.take_effects().is_empty());
        snapshot(&format!("read_only_review_{lang}_80x24"), &draw(&review, (80, 24)));
    }
}

#[test]
fn home_asks_before_deleting_and_shows_the_search() {
    use atelier::app::EntryInput;
    let summary = |id: &str, group: &str| {
        Listed::Session(Box::new(Summary {
            path: format!("sessions/{id}.json").into(),
            id: id.into(),
            group: group.into(),
            region: "Hauts-Bassins".into(),
            participants: 4,
            current_step: 7,
            steps: 8,
            created_at: fixed_date(),
            updated_at: fixed_date(),
            pins: 1,
            choices: Default::default(),
            partners: vec!["Radio Bobo FM".into()],
            example: false,
            follows: None,
            dates: Default::default(),
            finished: None,
        }))
    };
    for lang in Lang::ALL {
        let entries = vec![summary("a", "Les Colibris"), summary("b", "Jardins partagés")];
        let home = Screen::Home(Home::new(entries));
        let mut app = App::built_in(lang, Rc::new(FakeClock::at(fixed_date())), home);
        app.update(Message::HomeSearch);
        app.update(Message::Entry(EntryInput::Paste("jardin".into())));
        snapshot(&format!("home_search_{lang}_80x24"), &draw(&app, (80, 24)));
        app.update(Message::Entry(EntryInput::Commit));
        app.update(Message::Step(Action::Select(1)));
        app.update(Message::HomeDelete);
        let text = screen_text(&draw(&app, (80, 24)));
        assert!(text.contains("Jardins partagés"), "{text}");
        snapshot(&format!("home_confirm_delete_{lang}_80x24"), &draw(&app, (80, 24)));
    }
}

#[test]
fn the_trend_of_a_group_over_three_sessions() {
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
                for (i, _) in items.iter().enumerate().take(n as usize + 1) {
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
    for lang in Lang::ALL {
        let home = Screen::Home(Home::new(Vec::new()));
        let mut app = App::built_in(lang, Rc::new(FakeClock::at(fixed_date())), home);
        app.update(Message::Done(Done::Trend { group: "Les Colibris".into(), trend: trend.clone() }));
        let terminal = draw(&app, (100, 30));
        assert!(screen_text(&terminal).contains("+50"), "{}", screen_text(&terminal));
        snapshot(&format!("trend_{lang}_100x30"), &terminal);
        app.update(Message::CloseOverlay);
        assert!(matches!(app.screen, Screen::Home(_)), "Esc goes back home");
    }
}

#[test]
fn hostile_text_in_quantity_never_breaks_the_screen() {
    use atelier::app::EntryInput;
    let (mut app, _) = app_at_step(2, Lang::Fr);
    let hostile = [
        "x".repeat(100_000),
        "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m".to_string(),
        "\u{202e}txet\u{202c} e\u{301}\u{301}\u{301} 👩‍👩‍👧‍👦 🏳️‍🌈 合作伙伴".to_string(),
    ];
    for text in &hostile {
        app.update(Message::Step(Action::Add));
        app.update(Message::Entry(EntryInput::Paste(text.clone())));
        app.update(Message::Entry(EntryInput::Commit));
    }
    let board = app.run().unwrap().session.current().state.as_board().unwrap();
    assert_eq!(board.notes()[0].text.len(), 100_000, "a long line is kept whole");
    assert!(!board.notes()[1].text.contains('\u{1b}'));
    // Ten thousand more, put straight on the board (adding them one by one
    // through the keys is the property test's business).
    let board = app.run_mut().unwrap().session.current_mut().state.as_board_mut().unwrap();
    let template = (*board.notes()[2]).clone();
    board.notes_mut().extend((0..10_000u64).map(|i| {
        std::sync::Arc::new(atelier::steps::board::Note { id: 10 + i, text: format!("note {i}"), ..template.clone() })
    }));
    app.update(Message::Step(Action::Select(-5_000)));
    for size in [(80, 24), (240, 67), (20, 12)] {
        let text = screen_text(&draw(&app, size));
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        assert!(!text.contains('\u{202e}'));
    }
}

#[test]
fn every_theme_paints_the_whole_screen_and_no_color_uses_none() {
    use atelier::ui::ThemeName;
    use ratatui::style::Color;
    for step in 0..8 {
        let (mut app, _) = app_at_step(step, Lang::Fr);
        for name in [ThemeName::Light, ThemeName::Contrast] {
            app.theme = name;
            app.colour = atelier::app::ColourDepth::Palette256;
            let expected = atelier::ui::Theme::of(name, app.colour).base.bg.unwrap();
            let selected = atelier::ui::Theme::of(name, app.colour).selected.bg.unwrap();
            let terminal = draw(&app, (120, 36));
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(cell.bg == expected || cell.bg == selected, "step {step}, {name}: a cell on {:?}", cell.bg);
            }
        }
        app.colour = atelier::app::ColourDepth::None;
        let terminal = draw(&app, (120, 36));
        for cell in terminal.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "step {step}: a colour under NO_COLOR");
        }
    }
}

#[test]
fn a_blanked_screen_shows_nothing() {
    let (mut app, _) = app_at_step(1, Lang::Fr);
    app.update(Message::ToggleBlank);
    assert!(screen_text(&draw(&app, (80, 24))).trim().is_empty());
    app.update(Message::ToggleBlank);
    assert!(screen_text(&draw(&app, (80, 24))).contains("2/8"));
}

/// The screen as text, and what the frame measured, fed back to the app
/// as the runtime does.
fn draw_and_measure(app: &mut App, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
    let mut viewed = atelier::ui::Viewed::default();
    terminal.draw(|frame| viewed = atelier::ui::view(app, frame)).expect("drawn");
    app.update(Message::Viewed(viewed));
    screen_text(&terminal).replace(['\u{a0}', '\u{202f}'], " ")
}

/// On a 1280×720 projector (75×21) and at 80×24, the end of what each step
/// shows is on screen, or a sign says there is more and ↓ reaches it:
/// nothing is cut without a sign.
#[test]
fn nothing_is_cut_without_a_sign_at_projector_sizes() {
    let last_words: [&[&str]; 8] = [
        &["Total", "Network", "projecteur"],
        &["habitants", "Chloé ↔ Dédé ↔ Émile"],
        &["Points positifs (0)", "Difficultés (0)", "coincé"],
        &["14:57", "Section 1 sur 10", "Espace : pause", "financements"],
        &["décider ensemble", "promis"],
        &["évoluer", "pour notre groupe"],
        &["Décision", "Prise de contact"],
        &["Notes enregistrées dans", "Séance : 21 min sur 1 h 30 prévues"],
    ];
    for size in [(75, 21), (80, 24)] {
        for (step, words) in last_words.iter().enumerate() {
            let (mut app, clock) = app_at_step(step, Lang::Fr);
            if step == 3 {
                app.update(Message::Step(Action::ToggleTimer));
                clock.advance(Duration::from_secs(3));
            }
            let mut seen = draw_and_measure(&mut app, size);
            if app.scroll_max > 0 {
                assert!(seen.contains('▼'), "step {} at {size:?}: cut without a sign:\n{seen}", step + 1);
            }
            // Line by line down to the end of the text, as ↓ would, and down
            // the list under the cursor.
            for _ in 0..app.scroll_max {
                app.update(Message::Scroll(1));
                seen.push_str(&draw_and_measure(&mut app, size));
            }
            if step != 3 {
                for _ in 0..24 {
                    app.update(Message::Step(Action::Select(1)));
                    seen.push_str(&draw_and_measure(&mut app, size));
                }
            }
            for word in *words {
                assert!(seen.contains(word), "step {} at {size:?}: {word:?} is out of reach:\n{seen}", step + 1);
            }
        }
    }
}

/// The countdown grows with the screen: its digits take at least a third
/// of the height from 120×36 up and a quarter on a 75×21 projector, on the
/// pair sharing and the reading, running or not.
#[test]
fn the_countdown_is_read_from_the_back_of_the_room_at_every_size() {
    for (size, share) in [((75, 21), 4), ((120, 36), 3), ((192, 54), 3), ((240, 67), 3)] {
        for step in [1, 3] {
            for started in [false, true] {
                let (mut app, clock) = app_at_step(step, Lang::Fr);
                if started {
                    app.update(Message::Step(Action::ToggleTimer));
                    clock.advance(Duration::from_secs(3));
                }
                let text = screen_text(&draw(&app, size));
                let rows = text.lines().filter(|l| l.contains('█')).count();
                // How wide the digits spread, from the first block to the last.
                let spread = |line: &str| {
                    let blocks: Vec<usize> =
                        line.chars().enumerate().filter(|(_, c)| "█▀▄".contains(*c)).map(|(i, _)| i).collect();
                    blocks.last().zip(blocks.first()).map_or(0, |(last, first)| last - first + 1)
                };
                let wide = text.lines().map(spread).max().unwrap_or(0);
                assert!(
                    rows * share >= usize::from(size.1),
                    "step {} at {size:?}: digits {rows} rows high, under 1/{share} of the screen:\n{text}",
                    step + 1
                );
                assert!(wide * 2 >= usize::from(size.0), "step {} at {size:?}: digits too narrow:\n{text}", step + 1);
            }
        }
    }
}

/// Where a row of the screen breaks French typography: high punctuation
/// (`? : ; ! »`) alone at the start of a line, or `«` alone at its end.
/// French texts glue them to their word with a no-break space, so a plain
/// space (or a border, or the edge) before them means the wrapping split
/// them. The keys' own names (`? F1`) are no punctuation.
/// Under an overlay, the text behind is cut at the overlay's border: there
/// only a plain space counts as a gap.
fn broken_typography(row: &[String], overlay: bool) -> Option<usize> {
    let is_gap = |s: &str| s == " " || !overlay && s.chars().all(|c| ('\u{2500}'..='\u{257f}').contains(&c));
    for (x, cell) in row.iter().enumerate() {
        let before = if x == 0 { " " } else { row[x - 1].as_str() };
        let after = row.get(x + 1).map_or(" ", String::as_str);
        let alone_after = is_gap(after) || after == "\u{a0}";
        let rest: String = row[x..].concat();
        match cell.as_str() {
            "?" if ["? F1", "? aide", "? help"].iter().any(|key| rest.starts_with(key)) => {}
            "?" | ":" | ";" | "!" | "»" if is_gap(before) && alone_after => return Some(x),
            "«" if is_gap(after) => return Some(x),
            _ => {}
        }
    }
    None
}

fn check_typography(app: &App, what: &str, overlay: bool, failures: &mut Vec<String>) {
    for width in 40..=200u16 {
        let height = (width * 9 / 32).max(16);
        let terminal = draw(app, (width, height));
        let buffer = terminal.backend().buffer();
        for y in 0..buffer.area.height {
            let row: Vec<String> = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
            if let Some(x) = broken_typography(&row, overlay) {
                let line: String = row.concat();
                failures.push(format!("{what} at {width}×{height}, row {y}, column {x}: {}", line.trim_end()));
            }
        }
    }
}

/// Every screen at every width from 40 to 200 columns: no `? : ; ! »`
/// starts a line, no `«` ends one. One test per language, so that the two
/// run side by side (together they draw seven thousand screens).
fn punctuation_stays_with_its_word_at_every_width(lang: Lang) {
    let mut failures = Vec::new();
    for step in 0..8 {
        let (mut app, _) = app_at_step(step, lang);
        check_typography(&app, &format!("{lang} step {}", step + 1), false, &mut failures);
        app.update(Message::ToggleHelp);
        check_typography(&app, &format!("{lang} help of step {}", step + 1), true, &mut failures);
    }
    let mut app = filled_app(lang);
    for step in (3..8).rev() {
        check_typography(&app, &format!("{lang} filled step {}", step + 1), false, &mut failures);
        app.update(Message::PreviousStep);
    }
    let home = Screen::Home(Home::new(Vec::new()));
    let app = App::built_in(lang, Rc::new(FakeClock::at(fixed_date())), home);
    check_typography(&app, &format!("{lang} home"), false, &mut failures);
    assert!(failures.is_empty(), "{} broken lines:\n{}", failures.len(), failures[..failures.len().min(30)].join("\n"));
}

#[test]
fn french_punctuation_stays_with_its_word_at_every_width() {
    punctuation_stays_with_its_word_at_every_width(Lang::Fr);
}

#[test]
fn english_punctuation_stays_with_its_word_at_every_width() {
    punctuation_stays_with_its_word_at_every_width(Lang::En);
}
