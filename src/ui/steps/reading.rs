//! The reading: the countdown beside the guide, browsable by section.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::{
    block_lines, clock_rows, clock_share, draw_countdown, draw_rows, draw_scrolled, instructions, panel,
    started_on_a_small_screen,
};
use crate::app::{App, Message};
use crate::steps::Action;
use crate::steps::reading::{Def, State};
use crate::ui::Theme;
use crate::ui::binding::{Binding, DOWN, SCROLL_END, SCROLL_TOP, UP, bind, ch};
use crate::ui::layout::Split;

const TIMER: Binding = bind(&[ch(' ')], "key-space", "action-timer", Message::Step(Action::ToggleTimer), 2);
const MORE: Binding = bind(&[ch('+')], "key-plus", "action-more", Message::Step(Action::AdjustMinutes(1)), 0);
const LESS: Binding =
    bind(&[ch('-'), ch('_')], "key-minus", "action-less", Message::Step(Action::AdjustMinutes(-1)), 0);
const SECTION_DOWN: Binding = bind(&[DOWN], "key-down", "action-section-next", Message::ReadOn(1), 3);
const SECTION_UP: Binding = bind(&[UP], "key-up", "action-section-previous", Message::ReadOn(-1), 0);

/// 1 to 9, then 0 for the tenth: a section by its number in the list.
/// One line in the help for the ten keys; `keys::message_for` turns the
/// digit pressed into its section.
pub(crate) const SECTION_BY_NUMBER: Binding = bind(
    &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9'), ch('0')],
    "key-digits",
    "action-section-by-number",
    Message::ReadSection(0),
    0,
);

pub(super) fn keys() -> Vec<Binding> {
    vec![TIMER, MORE, LESS, SECTION_DOWN, SECTION_UP, SECTION_BY_NUMBER, SCROLL_TOP, SCROLL_END]
}

pub(super) fn draw(app: &App, def: &Def, state: &State, theme: &Theme, frame: &mut Frame, area: Rect) -> u16 {
    let tr = app.tr();
    let sections = &def.sections;
    let selected = state.section.min(sections.len().saturating_sub(1));
    let (intro, intro_height) = instructions(tr.t(&def.intro), theme.dim, area);
    let countdowns = std::slice::from_ref(&state.countdown);
    let intro_height = if started_on_a_small_screen(countdowns, app.now(), area) { 0 } else { intro_height };
    let [intro_area, rest] = Split::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    // The clock across the whole width, as tall as it can be read from the
    // back; below it the guide's sections beside the one read, or on a
    // narrow screen a line that says which section this is.
    let [clock_area, below] = Split::vertical([
        Constraint::Length(clock_rows(rest.width, clock_share(area, rest, rest.height))),
        Constraint::Fill(1),
    ])
    .areas(rest);
    let wide = below.width >= 100;
    let [list_area, body_area] = if wide {
        Split::horizontal([Constraint::Length((below.width / 3).clamp(30, 56)), Constraint::Fill(1)])
            .spacing(1)
            .areas(below)
    } else {
        Split::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(below)
    };
    draw_countdown(app, &state.countdown, Line::styled(tr.t("reading-clock"), theme.title), theme, frame, clock_area);
    if wide {
        let inner = panel(&tr.t("reading-sections"), theme, frame, list_area);
        let items = sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if i == selected { theme.selected } else { theme.text };
                (Text::from(Line::styled(format!("{}. {}", i + 1, tr.t(&s.title)), style)).style(style), i == selected)
            })
            .collect();
        draw_rows(&tr, items, frame, inner);
    } else {
        let line = tr.args("reading-section-of", &[("n", (selected + 1).into()), ("total", sections.len().into())]);
        frame.render_widget(Paragraph::new(Span::styled(line, theme.dim)), list_area);
    }
    let Some(section) = sections.get(selected) else { return 0 };
    let inner = panel(&tr.t(&section.title), theme, frame, body_area);
    draw_scrolled(app, block_lines(&tr, &section.blocks, theme, true), app.scroll, theme, frame, inner)
}
