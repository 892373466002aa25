//! A checklist in turn: whose turn it is, in large letters, and their
//! ticks; the totals once every turn is over.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::{draw_list, draw_rows, draw_scrolled, highlight, instructions, panel};
use crate::app::{App, Message};
use crate::i18n::Tr;
use crate::steps::Action;
use crate::steps::checklist::{Checklist, Def, Total, TurnStatus};
use crate::ui::binding::{Binding, DOWN, ENTER, SCROLL_DOWN, SCROLL_UP, UP, bind, ch};
use crate::ui::layout::Split;
use crate::ui::{Theme, clean, wrapped};

const ITEM_UP: Binding = bind(&[UP], "key-up", "action-item-up", Message::Step(Action::Select(-1)), 0);
const ITEM_DOWN: Binding = bind(&[DOWN], "key-down", "action-item-down", Message::Step(Action::Select(1)), 3);
const TICK: Binding = bind(&[ch(' ')], "key-space", "action-tick", Message::Step(Action::ToggleItem), 1);
const END_TURN: Binding = bind(&[ENTER], "key-enter", "action-end-turn", Message::Step(Action::EndTurn), 1);
const SKIP_TURN: Binding = bind(&[ch('s')], "key-skip", "action-skip-turn", Message::Step(Action::SkipTurn), 4);
const REOPEN_TURN: Binding = bind(&[ch('r')], "key-reopen", "action-reopen-turn", Message::Step(Action::ReopenTurn), 0);
const PRIVATE: Binding = bind(&[ch('v')], "key-private", "action-private", Message::Step(Action::TogglePrivate), 0);

pub(super) fn keys(checklist: &Checklist) -> Vec<Binding> {
    let mut keys = Vec::new();
    if !checklist.is_finished() {
        keys.extend([TICK, END_TURN, ITEM_DOWN, ITEM_UP, SKIP_TURN]);
    }
    keys.extend([REOPEN_TURN, PRIVATE]);
    if checklist.is_finished() {
        keys.extend([SCROLL_DOWN, SCROLL_UP]);
    }
    keys
}

pub(super) fn draw(app: &App, def: &Def, checklist: &Checklist, theme: &Theme, frame: &mut Frame, area: Rect) -> u16 {
    let tr = app.tr();
    let items = &def.items;
    let ids = def.item_ids();
    let (note, note_height) = instructions(tr.t(&def.note), theme.dim, area);
    let [main, note_area] = Split::vertical([Constraint::Fill(1), Constraint::Length(note_height.min(2))]).areas(area);
    frame.render_widget(note, note_area);
    let [left, right] = if main.width >= 90 {
        Split::horizontal([Constraint::Fill(1), Constraint::Length(26)]).spacing(1).areas(main)
    } else {
        [main, Rect::default()]
    };
    if right.width > 0 {
        draw_turns(&tr, app.wall, checklist, theme, frame, right);
    }
    match checklist.current_turn() {
        Some(turn) => {
            let name = if turn.participant.is_empty() { tr.t("checklist-group") } else { clean(&turn.participant) };
            let rank = (checklist.current.unwrap_or(0) + 1, checklist.turns.len());
            let big = big_name(&name, left);
            let name_rows = match &big {
                Some((_, PixelSize::Full)) => 9,
                Some(_) => 5,
                None => 1,
            };
            let [name_area, question_area, list_area] =
                Split::vertical([Constraint::Length(name_rows), Constraint::Length(2), Constraint::Fill(1)])
                    .areas(left);
            draw_name(&tr, &name, big, rank, theme, frame, name_area);
            frame.render_widget(wrapped(Span::styled(tr.t(&def.question), theme.accent)), question_area);
            let totals = (!checklist.private).then(|| checklist.totals(&ids));
            // A private turn shows on the wall without its ticks or its
            // cursor until it ends: only the one at the keyboard sees them.
            let hidden = app.wall && checklist.private;
            let rows = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let ticked = !hidden && turn.ticked.contains(&item.id);
                    let selected = !hidden && i == checklist.cursor;
                    let mut spans = vec![
                        Span::styled(if ticked { "[×] " } else { "[ ] " }, theme.accent),
                        Span::styled(tr.t(&item.text), if selected { theme.selected } else { theme.text }),
                    ];
                    if let Some(total) = totals.as_ref().and_then(|t| t.iter().find(|t| t.item == item.id)) {
                        spans.push(Span::styled(format!("  ({})", total.count), theme.dim));
                    }
                    let text = Text::from(Line::from(spans));
                    (if selected { highlight(text, theme.selected) } else { text }, selected)
                })
                .collect();
            draw_rows(&tr, rows, frame, list_area);
            0
        }
        None => {
            let title = tr.args("checklist-results", &[("count", checklist.answered().into())]);
            let inner = panel(&title, theme, frame, left);
            let totals = checklist.totals(&ids);
            let lines = total_bars(&tr, &totals, def, theme, inner.width);
            draw_scrolled(app, lines, app.scroll, theme, frame, inner)
        }
    }
}

/// The participant whose turn it is, in big letters when the screen has
/// room (the whole name, else the first name, else as much of it as fits),
/// with their rank in the round always beside the label: `3 / 12`.
fn draw_name(
    tr: &Tr,
    name: &str,
    big: Option<(String, PixelSize)>,
    (rank, of): (usize, usize),
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let label = Span::styled(tr.t("checklist-your-turn"), theme.dim);
    let rank = Span::styled(format!("  {rank}\u{a0}/\u{a0}{of}"), theme.title);
    match big {
        Some((shown, size)) => {
            let [label_area, big_area] = Split::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
            let mut line = vec![label, rank];
            if shown != name {
                line.push(Span::styled(format!("  {name}"), theme.text));
            }
            frame.render_widget(Paragraph::new(Line::from(line)), label_area);
            let big = BigText::builder().pixel_size(size).style(theme.accent).lines(vec![Line::raw(shown)]).build();
            frame.render_widget(big, big_area);
        }
        None => {
            let line = Line::from(vec![label, Span::raw(" "), Span::styled(name.to_string(), theme.accent), rank]);
            frame.render_widget(Paragraph::new(line), area);
        }
    }
}

/// What of a name goes in big letters, and how big: the whole name, else
/// the first name, else as many letters as fit; full letters (8 rows) on a
/// tall screen, else half-height ones (8 columns, 4 rows) before quadrant
/// ones (4 columns). None when the screen is too short or the name has
/// letters the font lacks: it then goes on one line.
fn big_name(name: &str, area: Rect) -> Option<(String, PixelSize)> {
    let drawable = name.chars().all(|c| c.is_ascii_graphic() || c == ' ' || ('\u{c0}'..='\u{17f}').contains(&c));
    if !drawable || area.height < 14 {
        return None;
    }
    let first = name.split_whitespace().next().unwrap_or(name);
    let sizes = [(PixelSize::Full, 8), (PixelSize::HalfHeight, 8), (PixelSize::Quadrant, 4)];
    let tall = area.height >= 36;
    for (size, columns) in sizes.into_iter().filter(|(size, _)| tall || *size != PixelSize::Full) {
        let room = usize::from(area.width / columns);
        for candidate in [name, first] {
            if candidate.chars().count() <= room {
                return Some((candidate.to_string(), size));
            }
        }
        if size == PixelSize::Quadrant && room >= 3 {
            return Some((first.chars().take(room).collect(), size));
        }
    }
    None
}

/// Who has had their turn, the one under way kept in view.
fn draw_turns(tr: &Tr, wall: bool, checklist: &Checklist, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = panel(&tr.t("checklist-turns-title"), theme, frame, area);
    // Once every turn is over, nothing is hidden any more.
    let hidden = checklist.private && !checklist.is_finished();
    let id = if hidden { "checklist-private-on" } else { "checklist-private-off" };
    // The wall says whether answers are hidden, not the key that hides them.
    let private = if wall { tr.attr(id, "wall") } else { tr.t(id) };
    let [list, private_area] = Split::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
    frame.render_widget(wrapped(Span::styled(private, theme.dim)), private_area);
    let line = |i: usize| {
        let turn = &checklist.turns[i];
        let name = if turn.participant.is_empty() { tr.t("checklist-group") } else { clean(&turn.participant) };
        let (mark, style) = if checklist.current == Some(i) {
            ("▶", theme.accent)
        } else {
            match turn.status {
                TurnStatus::Done => ("✓", theme.text),
                TurnStatus::Skipped => ("–", theme.dim),
                TurnStatus::Waiting => ("·", theme.dim),
            }
        };
        Text::from(Line::styled(format!("{mark} {name}"), style))
    };
    draw_list(tr, checklist.turns.len(), checklist.current, line, frame, list);
}

/// The totals as horizontal bars, most ticked first: `████░░ 3/4`.
pub(crate) fn total_bars<'a>(tr: &Tr, totals: &[Total], def: &Def, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let bar_width = usize::from(width.saturating_sub(10)).clamp(4, 20);
    let mut lines = Vec::new();
    for total in totals {
        let Some(item) = def.item(&total.item) else { continue };
        let filled =
            if total.answered == 0 { 0 } else { (total.count * bar_width).div_ceil(total.answered).min(bar_width) };
        lines.push(Line::from(vec![
            Span::styled("█".repeat(filled), theme.accent),
            Span::styled("░".repeat(bar_width - filled), theme.border),
            Span::styled(format!(" {}/{} ", total.count, total.answered), theme.title),
            Span::raw(tr.t(&item.text)),
        ]));
    }
    lines
}
