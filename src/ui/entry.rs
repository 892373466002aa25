//! The text entry, over the bottom of the step: what is typed, and where
//! it will go.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use super::Theme;
use crate::app::{App, Entry, Target};

/// The text entry, over the bottom of the step: what is typed, where it
/// will go.
pub fn draw(app: &App, entry: &Entry, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = entry.textarea.lines().len() as u16;
    let wanted = if entry.target.is_multiline() { lines.max(3) + 2 } else { 3 + lines.saturating_sub(1) };
    let height = wanted.clamp(3, (area.height / 2).max(3)).min(area.height);
    let rect = Rect { x: area.x, y: area.bottom().saturating_sub(height), width: area.width, height };
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {} ", entry_title(app, &entry.target)), theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&entry.textarea, inner);
}

fn entry_title(app: &App, target: &Target) -> String {
    let tr = app.tr();
    match target {
        Target::Step(field) => super::steps::entry_title(&tr, app.step(), field),
        Target::Search => tr.t("home-search"),
        Target::Rename(_) => tr.t("entry-rename"),
    }
}
