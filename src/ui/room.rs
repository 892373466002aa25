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

/// The code in two groups of three, easier to read from the back.
fn spaced(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(3));
    format!("{a} {b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_reads_in_two_groups() {
        assert_eq!(spaced("K7M2QX"), "K7M 2QX");
    }
}
