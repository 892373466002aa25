//! The trend of a group: each ingredient and risk over its sessions, as a
//! row of bars (one a session, oldest first) and the change in points.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, clean};
use crate::app::{App, TrendView};
use crate::trend::Share;
use crate::ui::layout::Split;

/// Eight heights of bar, from nobody to everybody who answered.
const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The trend on screen; how far it can scroll.
pub fn draw_trend(app: &App, view: &TrendView, theme: &Theme, frame: &mut Frame, area: Rect) -> u16 {
    let tr = app.tr();
    let group = if view.group.trim().is_empty() { tr.t("no-group") } else { clean(&view.group) };
    let sessions = view.trend.sessions();
    let [title_area, body] = Split::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let title = tr.args("trend-title", &[("group", group.as_str().into()), ("count", sessions.into())]);
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title)), title_area);

    let mut lines = Vec::new();
    if sessions < 2 {
        lines.push(Line::styled(tr.t("trend-too-few"), theme.dim));
    }
    for checklist in &view.trend.checklists {
        lines.push(Line::default());
        let first = checklist.dates.first().map(|d| d.format(&tr.t("date-format")).to_string()).unwrap_or_default();
        let last = checklist.dates.last().map(|d| d.format(&tr.t("date-format")).to_string()).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(tr.t(&checklist.title), theme.title),
            Span::styled(format!("  {first} → {last}"), theme.dim),
        ]));
        for item in &checklist.items {
            let bars: String = item.points.iter().map(bar).collect();
            let change = match item.change() {
                Some(points) => {
                    let signed = crate::text::signed(i64::from(points));
                    tr.args("trend-change", &[("points", i64::from(points).into()), ("signed", signed.as_str().into())])
                }
                None => String::new(),
            };
            let now = item.known().last().map(|s| format!("{}/{}", s.count, s.answered)).unwrap_or_else(|| "—".into());
            lines.push(Line::from(vec![
                Span::styled(format!("{bars:<width$} ", width = sessions.max(1)), theme.accent),
                Span::styled(format!("{now:>5} "), theme.text),
                Span::styled(format!("{change:>8}  "), change_style(item.change(), theme)),
                Span::raw(tr.t(&item.text)),
            ]));
        }
    }
    // Long labels wrap and a long trend scrolls, with a sign of what is below.
    super::steps::draw_scrolled(app, lines, app.scroll, theme, frame, body)
}

fn bar(point: &Option<Share>) -> char {
    match point {
        None => '·',
        Some(share) => BARS[(share.fraction() * 8.0).round().clamp(0.0, 8.0) as usize],
    }
}

fn change_style(change: Option<i32>, theme: &Theme) -> ratatui::style::Style {
    match change {
        Some(c) if c > 0 => theme.accent,
        Some(c) if c < 0 => theme.alert,
        _ => theme.dim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_rise_with_the_share() {
        assert_eq!(bar(&None), '·');
        assert_eq!(bar(&Some(Share { count: 0, answered: 4 })), ' ');
        assert_eq!(bar(&Some(Share { count: 2, answered: 4 })), '▄');
        assert_eq!(bar(&Some(Share { count: 4, answered: 4 })), '█');
    }
}
