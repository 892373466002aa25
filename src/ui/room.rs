//! The room's panel on the facilitator's screen: the QR code of the join
//! address, the address as text, the join code and how many phones have
//! joined, over the session (`j` hides it and shows it again).
//!
//! The code is drawn dark on light whatever the theme (a phone reads that
//! best): two cells of a full block a module when the screen has room for
//! it (from 120×36 up), else half blocks, two modules a cell, which fit
//! 75×21.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::clean;
use super::theme::Theme;
use crate::app::{App, ColourDepth, RoomView};
use crate::room::qr::{self, Modules};

/// Draws the panel over `area` (the screen above the footer).
pub fn draw(app: &App, view: &RoomView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new("").style(theme.base), area);
    let modules = Modules::of(&qr::for_code(&view.info.join_url));
    let text_width = 24u16;
    // Full blocks when they fit beside the text, else half blocks.
    let full = modules.as_ref().is_some_and(|m| {
        let (w, h) = m.size(true);
        w as u16 + text_width < area.width && h as u16 <= area.height
    });
    let mut text_area = area;
    if let Some(modules) = &modules {
        let (w, h) = modules.size(full);
        let (w, h) = (w as u16, h as u16);
        if w < area.width && h <= area.height {
            let code_area = Rect { x: area.x + 1, y: area.y + (area.height - h) / 2, width: w, height: h };
            let style = match app.colour {
                ColourDepth::None => Style::default(),
                ColourDepth::Palette256 => Style::default().fg(Color::Indexed(16)).bg(Color::Indexed(231)),
                ColourDepth::TrueColor => Style::default().fg(Color::Rgb(0, 0, 0)).bg(Color::Rgb(255, 255, 255)),
            };
            let rows = if full { modules.full_blocks() } else { modules.half_blocks() };
            let lines: Vec<Line> = rows.into_iter().map(|row| Line::styled(row, style)).collect();
            frame.render_widget(Paragraph::new(lines), code_area);
            let x = code_area.right() + 2;
            text_area = Rect {
                x,
                y: area.y + 1,
                width: area.right().saturating_sub(x + 1),
                height: area.height.saturating_sub(1),
            };
        }
    }
    let strong = theme.title.add_modifier(Modifier::BOLD);
    let phones = tr.args("room-phones", &[("count", view.phones.into())]);
    let mut lines = vec![
        Line::styled(tr.t("room-title"), theme.title),
        Line::default(),
        Line::from(Span::styled(view.info.address.clone(), strong)),
        Line::default(),
        Line::from(Span::styled(tr.args("room-code", &[("code", spaced(&view.info.code).as_str().into())]), strong)),
        Line::default(),
        Line::styled(phones, theme.accent),
        Line::styled(tr.args("room-here", &[("count", view.here.into())]), theme.dim),
        Line::default(),
        Line::styled(tr.t("room-same-network"), theme.dim),
        Line::default(),
        Line::styled(
            tr.t(if view.moderation { "room-moderation-on" } else { "room-moderation-off" }),
            if view.moderation { theme.accent } else { theme.dim },
        ),
    ];
    // The notes held for moderation on the board on screen, oldest first:
    // `v` lets the first through, `x` drops it.
    let held = app.held_notes();
    if !held.is_empty() {
        lines.push(Line::styled(tr.args("room-held", &[("count", held.len().into())]), theme.title));
        lines.extend(
            held.iter().take(3).map(|t| Line::from(vec![Span::styled("» ", theme.accent), Span::raw(clean(t))])),
        );
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
}

/// While the room is open and its panel hidden, says so at the right end
/// of `footer` (`salle · 12 (j)`); the rest of the footer is returned.
pub fn draw_badge(app: &App, theme: &Theme, frame: &mut Frame, footer: Rect) -> Rect {
    let Some(view) = app.room.as_ref().filter(|r| !r.shown && app.run().is_some()) else { return footer };
    let badge = app.tr().args("room-badge", &[("count", view.phones.into())]);
    let width = unicode_width::UnicodeWidthStr::width(badge.as_str()) as u16 + 1;
    if width * 3 > footer.width {
        return footer;
    }
    let area = Rect { x: footer.right() - width, width, ..footer };
    frame.render_widget(
        Paragraph::new(Line::styled(badge, theme.accent)).alignment(ratatui::layout::Alignment::Right),
        area,
    );
    Rect { width: footer.width - width, ..footer }
}

/// The code in two groups of three, easier to read from the back.
fn spaced(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(3));
    format!("{a} {b}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Home, Message, RoomInfo, Screen};
    use crate::i18n::Lang;
    use crate::session::{Roster, Session};
    use crate::timer::FakeClock;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::rc::Rc;

    const JOIN: &str = "http://192.168.100.200:8737/J/ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// The screen's rows, with the room's panel open on a session.
    fn panel_at(width: u16, height: u16) -> Vec<String> {
        let mut app = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())));
        let session = Session::new("t".into(), app.programme(), Roster::default(), Lang::Fr, chrono::Local::now());
        app.show_session(session, "t.json".into(), false);
        let info =
            RoomInfo { address: "http://192.168.100.200:8737/".into(), join_url: JOIN.into(), code: "K7M2QX".into() };
        app.update(Message::RoomOpened(info));
        app.update(Message::Room(crate::room::RoomEvent::Phones(12)));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                crate::ui::view(&app, frame);
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height).map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect()).collect()
    }

    /// The rows the code takes, and the module's size in cells: the code's
    /// first row is its quiet zone, then its finder pattern's top edge, a
    /// run of 7 dark modules.
    fn code_rows(rows: &[String]) -> (usize, usize) {
        let drawn: Vec<&String> =
            rows.iter().filter(|r| r.contains('█') || r.contains('▀') || r.contains('▄')).collect();
        let first = drawn.first().expect("a code on screen");
        let run = first.chars().skip_while(|c| *c == ' ').take_while(|c| matches!(c, '█' | '▀')).count();
        (drawn.len(), run / 7)
    }

    #[test]
    fn from_120_by_36_the_code_has_two_cells_a_module_and_the_panel_says_all() {
        let rows = panel_at(120, 36);
        let modules = Modules::of(&qr::for_code(JOIN)).unwrap();
        let (height, cells) = code_rows(&rows);
        assert_eq!(cells, 2, "a module two cells wide:\n{}", rows.join("\n"));
        assert_eq!(height, modules.side - 2 * qr::QUIET, "one row a module, the light quiet rows aside");
        let text = rows.join("\n");
        for shown in ["http://192.168.100.200:8737/", "K7M 2QX", "12 téléphones ont rejoint"] {
            assert!(text.contains(shown), "{shown}:\n{text}");
        }
    }

    #[test]
    fn at_75_by_21_the_whole_code_fits_in_half_blocks_with_the_address_and_the_code() {
        let rows = panel_at(75, 21);
        let modules = Modules::of(&qr::for_code(JOIN)).unwrap();
        let (height, cells) = code_rows(&rows);
        assert_eq!(cells, 1, "a module one cell wide:\n{}", rows.join("\n"));
        assert!(height >= (modules.side - 2 * qr::QUIET) / 2, "every row of the code:\n{}", rows.join("\n"));
        let text = rows.join("\n");
        for shown in ["http://192.168.100.200:8737/", "K7M 2QX", "12 téléphones"] {
            assert!(text.contains(shown), "{shown}:\n{text}");
        }
    }

    #[test]
    fn the_panel_hidden_the_footer_says_the_room_is_open() {
        let mut app = App::built_in(Lang::Fr, Rc::new(FakeClock::default()), Screen::Home(Home::new(Vec::new())));
        let session = Session::new("t".into(), app.programme(), Roster::default(), Lang::Fr, chrono::Local::now());
        app.show_session(session, "t.json".into(), false);
        let info = RoomInfo { address: "http://127.0.0.1:8737/".into(), join_url: JOIN.into(), code: "K7M2QX".into() };
        app.update(Message::RoomOpened(info));
        app.update(Message::Room(crate::room::RoomEvent::Phones(3)));
        app.update(Message::ToggleRoom);
        let mut terminal = Terminal::new(TestBackend::new(75, 21)).unwrap();
        terminal
            .draw(|frame| {
                crate::ui::view(&app, frame);
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        let last: String = (0..75).map(|x| buffer[(x, 20)].symbol().to_string()).collect();
        assert!(last.trim_end().ends_with("salle · 3 (j)"), "{last}");
    }

    #[test]
    fn the_code_reads_in_two_groups() {
        assert_eq!(spaced("K7M2QX"), "K7M 2QX");
    }
}
