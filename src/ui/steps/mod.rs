//! The screen of each kind of step, one file per kind beside this one,
//! each with the keys its screen offers; here, what they share.

mod board;
mod checklist;
mod info;
mod pairs;
mod plan;
mod reading;
mod summary;

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};

use super::binding::Binding;
use super::clock::{BigClock, clock_height};
use super::{Theme, wrapped};
use crate::app::{App, Run};
use crate::i18n::Tr;
use crate::steps::{Block as TextBlock, Field, Step};
use crate::timer::{Countdown, format_countdown};
use crate::ui::fit::hanging;
use crate::ui::layout::Split;

pub(super) use checklist::total_bars;
pub(super) use plan::field_title;

/// The step on screen; how far its text can scroll.
pub fn draw_step(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) -> u16 {
    let Some(step) = app.step() else { return 0 };
    match step {
        Step::Info(def, state) => info::draw(app, run, def, state, theme, frame, area),
        Step::TimedPairs(def, state) => pairs::draw(app, run, def, state, theme, frame, area),
        Step::Board(def, board) => {
            board::draw(app, def, board, theme, frame, area);
            0
        }
        Step::Reading(def, state) => reading::draw(app, def, state, theme, frame, area),
        Step::Checklist(def, checklist) => checklist::draw(app, def, checklist, theme, frame, area),
        Step::Plan(def, plan) => {
            plan::draw(app, def, plan, theme, frame, area);
            0
        }
        Step::Summary(def, state) => summary::draw(app, run, def, state, theme, frame, area),
    }
}

/// Text taller than its box, drawn from line `offset` (clamped), with its
/// last row saying what is hidden: `▼ 4 de plus`, or `▲` at the end.
/// Returns how far it can scroll: 0 when it fits.
pub(crate) fn draw_scrolled<'a>(
    app: &App,
    text: impl Into<Text<'a>>,
    offset: u16,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> u16 {
    let paragraph = untrimmed(crate::ui::fit::hanging(text.into(), area.width));
    let total = u16::try_from(paragraph.line_count(area.width)).unwrap_or(u16::MAX);
    if total <= area.height || area.height < 2 {
        frame.render_widget(paragraph, area);
        return 0;
    }
    let rows = area.height - 1;
    let max = total - rows;
    let offset = offset.min(max);
    let [text_area, sign_area] = Split::vertical([Constraint::Length(rows), Constraint::Length(1)]).areas(area);
    frame.render_widget(paragraph.scroll((offset, 0)), text_area);
    let tr = app.tr();
    // Nobody scrolls the wall: its sign says how much is hidden, no key.
    let (below, above) = if app.wall { ("list-more-below", "list-more-above") } else { ("more-below", "more-above") };
    let sign = if offset < max {
        tr.args(below, &[("count", u64::from(total - offset - rows).into())])
    } else {
        tr.args(above, &[("count", u64::from(offset).into())])
    };
    frame.render_widget(Paragraph::new(Span::styled(sign, theme.title)).alignment(Alignment::Right), sign_area);
    max
}

/// The keys of the step on screen.
pub fn keys(step: &Step) -> Vec<Binding> {
    match step {
        Step::Info(..) => info::keys(),
        Step::TimedPairs(_, state) => pairs::keys(state),
        Step::Board(..) => board::keys(),
        Step::Reading(..) => reading::keys(),
        Step::Checklist(_, checklist) => checklist::keys(checklist),
        Step::Plan(..) => plan::keys(),
        Step::Summary(def, _) => summary::keys(def),
    }
}

/// The title of a text entry: what it types into.
pub fn entry_title(tr: &Tr, step: Option<Step>, field: &Field) -> String {
    match field {
        Field::Roster(field) => info::entry_title(tr, field),
        Field::Board(field) => {
            if let Some(Step::Board(def, board)) = step {
                board::entry_title(tr, def, board, field)
            } else {
                String::new()
            }
        }
        Field::Plan(field) => match step {
            Some(Step::Plan(def, _)) => plan::entry_title(tr, def, field),
            Some(Step::Summary(def, _)) => summary::entry_title(tr, def, field),
            _ => String::new(),
        },
    }
}

/// A framed panel with a title; returns the inside.
pub(crate) fn panel(title: &str, theme: &Theme, frame: &mut Frame, area: Rect) -> Rect {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Left and right halves when the screen is wide enough, else top and
/// bottom.
pub(crate) fn split(area: Rect, left: u16, min_width: u16) -> [Rect; 2] {
    if area.width >= min_width {
        Split::horizontal([Constraint::Percentage(left), Constraint::Fill(1)]).spacing(1).areas(area)
    } else {
        Split::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    }
}

/// The lines of a list of text blocks: paragraphs, bullets, terms.
/// `spaced` puts a blank line between blocks, when the screen has room.
pub(crate) fn block_lines<'a>(tr: &Tr, blocks: &[TextBlock], theme: &Theme, spaced: bool) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for block in blocks {
        if spaced && !lines.is_empty() {
            lines.push(Line::default());
        }
        match block {
            TextBlock::Text(id) => lines.push(Line::raw(tr.t(id))),
            TextBlock::Bullets(ids) => lines.extend(ids.iter().map(|id| bullet(tr.t(id), theme))),
            TextBlock::Terms(ids) => {
                for id in ids {
                    lines.push(Line::from(vec![
                        Span::styled("• ", theme.accent),
                        Span::styled(tr.t(id), theme.accent),
                        Span::raw(" — "),
                        Span::raw(tr.attr(id, "desc")),
                    ]));
                }
            }
        }
    }
    lines
}

pub(crate) fn bullet<'a>(text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled("• ", theme.accent), Span::raw(text)])
}

pub(crate) fn numbered<'a>(n: usize, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{n}. "), theme.accent), Span::raw(text)])
}

/// The countdown, as large as the room allows, and its state in words.
pub(crate) fn draw_countdown(
    app: &App,
    countdown: &Countdown,
    label: Line,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = app.tr();
    let now = app.now();
    let remaining = countdown.remaining_ms(now);
    let style = if remaining <= 0 { theme.alert } else { theme.accent };
    let id = if countdown.is_running() {
        "timer-running"
    } else if countdown.has_started(now) {
        "timer-paused"
    } else {
        "timer-ready"
    };
    // Nobody presses Space on a wall or in a session only read: the state
    // without its key.
    let keyless = app.wall || matches!(&app.screen, crate::app::Screen::Session(run) if run.read_only);
    let state = if keyless { tr.attr(id, "wall") } else { tr.t(id) };
    draw_clock(&format_countdown(remaining), style, label, state, theme, frame, area);
}

/// The text the clock is sized for: an overrun, so that the digits do
/// not shrink when time is up.
const CLOCK_TEMPLATE: &str = "+00:00";

/// A time in the biggest digits the area allows, a label above and a
/// line of words below.
pub(crate) fn draw_clock(
    text: &str,
    style: Style,
    label: Line,
    state: String,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let [top, digits, bottom] =
        Split::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(label).alignment(Alignment::Center), top);
    frame.render_widget(BigClock::new(text).style(style).sized_for(CLOCK_TEMPLATE), digits);
    frame.render_widget(Paragraph::new(Span::styled(state, theme.dim)).alignment(Alignment::Center), bottom);
}

/// How many rows a clock of this width takes, its label and state line
/// included, given at most `max_rows`: as many as its digits fill, so no
/// band of black stays above or below them.
pub(crate) fn clock_rows(width: u16, max_rows: u16) -> u16 {
    clock_height(width, max_rows.saturating_sub(2), CLOCK_TEMPLATE) + 2
}

/// The rows a countdown may take in `rest`, what its step leaves under
/// the instructions: nearly half of the step's `area` (at least a third of
/// the screen from 120×36 up, a quarter on a 75×21 projector), and more
/// when what goes under it needs fewer than `below` rows — up to two
/// thirds.
pub(crate) fn clock_share(area: Rect, rest: Rect, below: u16) -> u16 {
    let more = rest.height.saturating_sub(below).min(rest.height * 2 / 3);
    (area.height * 9 / 20).max(more).min(rest.height)
}

/// A paragraph of instructions and the lines it takes at this width (at
/// most a third of the area, so it never crowds out the step itself).
pub(crate) fn instructions<'a>(text: String, style: Style, area: Rect) -> (Paragraph<'a>, u16) {
    let paragraph = wrapped(Span::styled(text, style));
    let lines = paragraph.line_count(area.width).min(usize::from(area.height / 3)).max(1);
    (paragraph, lines as u16)
}

/// A list of wrapped items, drawn from the top and scrolled so that the
/// selected one is in view. Items are built and measured only around what
/// shows, so a column of ten thousand notes costs what a screenful costs.
// Whole: measuring around the selection and drawing share one pass over the items.
pub(crate) fn draw_list<'a>(
    tr: &Tr,
    count: usize,
    selected: Option<usize>,
    item: impl Fn(usize) -> Text<'a>,
    frame: &mut Frame,
    area: Rect,
) {
    if count == 0 || area.height == 0 {
        return;
    }
    // Each item is measured once, however many windows are tried.
    let measured = std::cell::RefCell::new(std::collections::HashMap::new());
    let lines = |index: usize| {
        *measured.borrow_mut().entry(index).or_insert_with(|| rows_of(hanging(item(index), area.width), area.width))
    };
    let height = |index: usize| lines(index).clamp(1, usize::from(area.height)) as u16;
    let selected = selected.unwrap_or(0).min(count - 1);
    // The items drawn from `first`: as far back from the selected one as
    // still leaves it in view, in `room` rows.
    let window = |room: u16| {
        let mut first = selected;
        let mut used = height(selected);
        while first > 0 {
            let above = height(first - 1);
            if used + above > room {
                break;
            }
            used += above;
            first -= 1;
        }
        let mut last = first;
        let mut filled = 0;
        while last < count {
            let rows = height(last);
            if filled + rows > room {
                break;
            }
            filled += rows;
            last += 1;
        }
        (first, last.max(first + 1))
    };
    // What does not fit is said on a row of its own, above and below.
    let (mut first, mut last) = window(area.height);
    let mut area = area;
    let mut signs = (None, None);
    if (first > 0 || last < count) && area.height >= 3 {
        // A row for what is below; one above too only when something is.
        (first, last) = window(area.height - 1);
        if first > 0 {
            area.y += 1;
            area.height -= 2;
            (first, last) = window(area.height);
        } else {
            area.height -= 1;
        }
        signs = ((first > 0).then_some(first), (last < count).then_some(count - last));
    }
    let mut y = area.y;
    for index in first..count {
        if y >= area.bottom() {
            break;
        }
        let rows = height(index);
        let rect = Rect { x: area.x, y, width: area.width, height: rows.min(area.bottom() - y) };
        frame.render_widget(untrimmed(hanging(item(index), area.width)), rect);
        y += rows;
    }
    let sign = |text: String, y: u16| {
        let rect = Rect { x: area.x, y, width: area.width, height: 1 };
        (Paragraph::new(text).alignment(Alignment::Right), rect)
    };
    if let Some(above) = signs.0 {
        let (p, rect) = sign(tr.args("list-more-above", &[("count", above.into())]), area.y - 1);
        frame.render_widget(p, rect);
    }
    if let Some(below) = signs.1 {
        let (p, rect) = sign(tr.args("list-more-below", &[("count", below.into())]), area.bottom());
        frame.render_widget(p, rect);
    }
}

/// A short list already built, its selected item marked.
pub(crate) fn draw_rows(tr: &Tr, rows: Vec<(Text, bool)>, frame: &mut Frame, area: Rect) {
    let selected = rows.iter().position(|(_, s)| *s);
    draw_list(tr, rows.len(), selected, |i| rows[i].0.clone(), frame, area);
}

/// Wrapped text that keeps its indentation.
/// The line under the cursor: every part of it in the cursor's style,
/// across its whole box (marks and counts included, so none is lost in
/// the reverse video).
pub(crate) fn highlight(mut text: Text<'_>, style: Style) -> Text<'_> {
    for line in &mut text.lines {
        line.style = style;
        for span in &mut line.spans {
            span.style = style;
        }
    }
    text.style(style)
}

/// Whether each line of a text fits in `width` columns, told without
/// wrapping it. Only for text of Latin letters and punctuation (the notes'
/// bullet and star too), one column each: around emoji sequences and
/// zero-width characters the wrapping counts columns its own way.
fn fits(text: &Text, width: u16) -> bool {
    let plain = |c: char| matches!(c, ' '..='~' | '\u{a0}'..='\u{24f}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '★');
    let fits = |line: &Line| {
        line.spans.iter().all(|span| span.content.chars().all(plain)) && line.width() <= usize::from(width)
    };
    width > 0 && text.lines.iter().all(fits)
}

/// The rows a text takes, wrapped as `untrimmed` wraps it: one a line when
/// each fits, as most notes do, which needs no wrapping to tell; wrapping
/// was most of measuring a column of notes.
fn rows_of(text: Text, width: u16) -> usize {
    if fits(&text, width) { text.lines.len() } else { untrimmed(text).line_count(width) }
}

/// Wrapped text that keeps its indentation; a style given to the whole
/// text (the line under the cursor) covers its whole box, not only its
/// letters.
pub(crate) fn untrimmed(text: Text) -> Paragraph {
    let style = text.style;
    Paragraph::new(text).wrap(Wrap { trim: false }).style(style)
}

/// Once the activity is under way on a small screen, its instructions give
/// their lines to the clock and the questions: they were read at the start.
pub(crate) fn started_on_a_small_screen(countdowns: &[Countdown], now: std::time::Instant, area: Rect) -> bool {
    area.height < 26 && countdowns.iter().any(|c| c.has_started(now))
}

/// The agenda: each step with its planned minutes, those done ticked, the
/// one on screen marked, the breaks taken where they came, and the total.
pub(crate) fn agenda_lines<'a>(app: &App, run: &Run, theme: &Theme) -> Vec<Line<'a>> {
    let tr = app.tr();
    let session = &run.session;
    let mut lines = Vec::new();
    // Marked by the step in progress, whichever step is on screen.
    for (i, step) in app.programme().steps.iter().enumerate() {
        let current = i == session.progress && session.finished_at.is_none();
        let (mark, style) = match i.cmp(&session.progress) {
            std::cmp::Ordering::Less => ("✓ ", theme.dim),
            std::cmp::Ordering::Equal if session.finished_at.is_some() => ("✓ ", theme.dim),
            std::cmp::Ordering::Equal => ("▶ ", theme.accent),
            std::cmp::Ordering::Greater => ("  ", theme.text),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{}. ", i + 1), style),
            Span::styled(tr.t(&step.title), if current { theme.accent } else { theme.text }),
            Span::styled(format!(" · {}", tr.minutes(session.plan_of(step))), theme.dim),
        ]));
        let breaks = session.breaks.iter().filter(|b| b.step == i).map(|b| Duration::from_millis(b.elapsed_ms));
        let now = session.on_break.as_ref().filter(|_| i == session.current_step).map(|b| b.clock.elapsed(app.now()));
        let breaks = breaks.chain(now).map(crate::pace::minutes);
        for minutes in breaks {
            lines.push(Line::styled(format!("  ‖ {} · {}", tr.t("agenda-break"), tr.minutes(minutes)), theme.dim));
        }
    }
    lines.push(Line::styled(
        format!(
            "  {}",
            tr.args(
                "agenda-total",
                &[("total", tr.minutes(session.plans(app.programme()).iter().sum()).as_str().into())]
            )
        ),
        theme.title,
    ));
    lines
}

/// A break: its time counting up, large, beside the agenda.
pub fn draw_break(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let Some(on_break) = &run.session.on_break else { return };
    let agenda = agenda_lines(app, run, theme);
    let agenda_width = agenda.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let [clock_area, agenda_area] = if area.width >= 70 {
        Split::horizontal([Constraint::Fill(1), Constraint::Length(agenda_width.min(area.width / 2))])
            .spacing(1)
            .areas(area)
    } else {
        Split::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
    };
    let elapsed = i64::try_from(on_break.clock.elapsed(app.now()).as_millis()).unwrap_or(i64::MAX);
    let text = format_countdown(elapsed.max(1));
    let label = Line::styled(tr.t("break-title"), theme.title);
    draw_clock(&text, theme.accent, label, tr.t("break-resume"), theme, frame, clock_area);
    let inner = panel(&tr.t("agenda-title"), theme, frame, agenda_area);
    frame.render_widget(untrimmed(hanging(agenda.into(), inner.width)), inner);
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::i18n::{Lang, Texts};

    /// The rows of these lines as `rows_of` tells them, and as wrapping
    /// them gives.
    fn rows_told_and_wrapped(lines: &[String], width: u16) -> (usize, usize) {
        let text = Text::from(lines.iter().map(|l| Line::from(l.as_str())).collect::<Vec<_>>());
        (rows_of(text.clone(), width), untrimmed(text).line_count(width))
    }

    proptest::proptest! {
        /// Telling the rows of a text without wrapping it gives what
        /// wrapping it gives: accents, wide and combining characters,
        /// emoji sequences, empty lines.
        #[test]
        fn the_rows_of_a_text_are_those_it_wraps_to(
            lines in proptest::collection::vec("([a-zé漢 ]|e\u{301}|👩\u{200d}👧|🤝\u{fe0f}|\u{200b}){0,30}", 0..4),
            width in 0u16..40,
        ) {
            let (told, wrapped) = rows_told_and_wrapped(&lines, width);
            proptest::prop_assert_eq!(told, wrapped);
        }

        /// The same with the text of most notes: words, accents, spaces.
        #[test]
        fn the_rows_of_plain_words_are_those_they_wrap_to(
            lines in proptest::collection::vec("[a-zéàç ,.!?\u{a0}’«»•★-]{0,50}", 0..4),
            width in 0u16..40,
        ) {
            let (told, wrapped) = rows_told_and_wrapped(&lines, width);
            proptest::prop_assert_eq!(told, wrapped);
        }
    }

    /// No room, no rows, even for empty lines.
    #[test]
    fn a_text_takes_no_rows_in_no_width() {
        let text = Text::from(vec![Line::from(""), Line::from("")]);
        assert_eq!(rows_of(text.clone(), 0), untrimmed(text.clone()).line_count(0));
        assert_eq!(rows_of(text, 0), 0);
    }

    /// A long column scrolled to its end: each item is built at most twice
    /// (once to be measured, once to be drawn), however many windows the
    /// list tries before it settles.
    #[test]
    fn a_long_list_builds_each_item_it_shows_at_most_twice() {
        let texts = Texts::new();
        let tr = Tr::new(&texts, Lang::Fr);
        let built = Cell::new(0usize);
        let item = |i: usize| {
            built.set(built.get() + 1);
            Text::from(format!("note {i}, assez longue pour tenir sur deux lignes de cette liste"))
        };
        let mut terminal = Terminal::new(TestBackend::new(30, 20)).unwrap();
        terminal.draw(|frame| draw_list(&tr, 5_000, Some(4_999), item, frame, frame.area())).unwrap();
        let screen: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
        assert!(screen.contains("note 4999"), "the selected note shows");
        // 20 rows hold at most 10 notes of two lines (and the signs): each
        // is measured once and drawn once, and the window measures one past
        // each end.
        assert!(built.get() <= 2 * 10 + 2, "{} items built for about 10 shown", built.get());
    }
}
