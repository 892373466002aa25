//! The screen of each kind of step.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, clean, room, wrapped};
use crate::app::{App, Run, WelcomeRow, welcome_row};
use crate::i18n::Tr;
use crate::programme::{Block as TextBlock, Section, StepKind};
use crate::timer::{Countdown, format_countdown, whole_minutes};

pub fn draw_step(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) {
    let step = &app.programme.steps[run.session.current_step];
    match &step.kind {
        StepKind::Info { blocks } => draw_welcome(app, run, blocks, theme, frame, area),
        StepKind::TimedPairs { intro, prompts, .. } => draw_pairs(app, run, intro, prompts, theme, frame, area),
        StepKind::Board { intro, columns } => room::draw_board(app, run, intro, columns, theme, frame, area),
        StepKind::Reading { intro, sections } => draw_reading(app, run, intro, sections, theme, frame, area),
        StepKind::Checklist { question, items, note } => {
            room::draw_checklist(app, run, question, items, note, theme, frame, area)
        }
        StepKind::Plan { intro, questions, fields, .. } => {
            room::draw_plan(app, run, intro, questions, fields, theme, frame, area)
        }
        StepKind::Summary { blocks } => room::draw_closing(app, run, blocks, theme, frame, area),
    }
}

/// A framed panel with a title; returns the inside.
pub(super) fn panel(title: &str, theme: &Theme, frame: &mut Frame, area: Rect) -> Rect {
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
pub(super) fn split(area: Rect, left: u16, min_width: u16) -> [Rect; 2] {
    if area.width >= min_width {
        Layout::horizontal([Constraint::Percentage(left), Constraint::Fill(1)]).spacing(1).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    }
}

/// The lines of a list of text blocks: paragraphs, bullets, terms.
/// `spaced` puts a blank line between blocks, when the screen has room.
fn block_lines<'a>(tr: &Tr, blocks: &[TextBlock], theme: &Theme, spaced: bool) -> Vec<Line<'a>> {
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

pub(super) fn bullet<'a>(text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled("• ", theme.accent), Span::raw(text)])
}

fn numbered<'a>(n: usize, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{n}. "), theme.accent), Span::raw(text)])
}

/// Step 1: why we are here, who is here, and the agenda.
fn draw_welcome(app: &App, run: &Run, blocks: &[TextBlock], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &run.session;
    let (credit, credit_height) = instructions(tr.t("workshop-credit"), theme.dim, area);
    let [main, credit_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(credit_height.min(2))]).areas(area);
    // The agenda as wide as its longest line, with the date under it; the
    // welcome takes the rest.
    let mut agenda = agenda_lines(app, run, theme);
    agenda.push(Line::default());
    agenda.push(Line::from(vec![
        Span::styled(tr.t("label-date") + " ", theme.dim),
        Span::raw(session.created_at.format(&tr.t("date-format")).to_string()),
    ]));
    let agenda_width = agenda.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let [left, right] = if main.width >= 70 {
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(agenda_width.min(main.width / 2))])
            .spacing(1)
            .areas(main)
    } else {
        split(main, 58, 70)
    };

    // The roster can be corrected here: the line under the cursor shows.
    let row = welcome_row(session, session.current().cursor);
    let none = tr.t("not-given");
    let value = |text: &str, selected: bool| {
        let shown = if text.trim().is_empty() { none.clone() } else { clean(text) };
        let style = if selected { theme.selected } else { Style::new().add_modifier(Modifier::BOLD) };
        Span::styled(shown, style)
    };
    let label = |text: String| Span::styled(format!("{text} "), theme.dim);
    let mut names = vec![label(tr.args("label-participants", &[("count", session.participants.len().into())]))];
    for (i, name) in session.participants.iter().enumerate() {
        if i > 0 {
            names.push(Span::raw(", "));
        }
        names.push(value(name, row == WelcomeRow::Participant(i)));
    }
    let add_style = if row == WelcomeRow::AddParticipant { theme.selected } else { theme.dim };
    names.push(Span::styled(format!("  {}", tr.t("welcome-add-participant")), add_style));

    let roomy = left.height >= 30;
    let gap = || if roomy { vec![Line::default()] } else { Vec::new() };
    let mut lines = vec![Line::styled(tr.t("workshop-title"), theme.accent)];
    lines.extend(gap());
    lines.extend([
        Line::from(vec![label(tr.t("label-group")), value(&session.group, row == WelcomeRow::Group)]),
        Line::from(vec![label(tr.t("label-region")), value(&session.region, row == WelcomeRow::Region)]),
        Line::from(names),
    ]);
    lines.extend(gap());
    lines.extend(block_lines(&tr, blocks, theme, roomy));
    let inner = panel(&tr.t("welcome-panel"), theme, frame, left);
    frame.render_widget(wrapped(lines), inner);

    let inner = panel(&tr.t("agenda-title"), theme, frame, right);
    frame.render_widget(wrapped(agenda), inner);
    frame.render_widget(credit, credit_area);
}

/// The steps with their planned minutes, the current one marked.
fn agenda_lines<'a>(app: &App, run: &Run, theme: &Theme) -> Vec<Line<'a>> {
    let tr = app.tr();
    let mut lines: Vec<Line> = app
        .programme
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let current = i == run.session.current_step;
            let style = if current { theme.accent } else { theme.text };
            Line::from(vec![
                Span::styled(format!("{}{}. ", if current { "▶ " } else { "  " }, i + 1), style),
                Span::styled(tr.t(&step.title), style),
                Span::styled(format!(" · {}", tr.minutes(step.minutes)), theme.dim),
            ])
        })
        .collect();
    lines.push(Line::styled(
        format!(
            "  {}",
            tr.args("agenda-total", &[("total", tr.minutes(whole_minutes(app.programme.planned())).as_str().into())])
        ),
        theme.title,
    ));
    lines
}

/// The countdown, as large as the room allows, and its state in words.
fn draw_countdown(app: &App, countdown: &Countdown, label: Line, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let now = app.now();
    let remaining = countdown.remaining_ms(now);
    let text = format_countdown(remaining);
    let style = if remaining <= 0 { theme.alert } else { theme.accent };
    let state = if countdown.is_running() {
        tr.t("timer-running")
    } else if countdown.has_started(now) {
        tr.t("timer-paused")
    } else {
        tr.t("timer-ready")
    };
    // The biggest digits that fit beside the two lines of words, sized for
    // the overrun (`+05:00`) so that they do not shrink when time is up;
    // tall narrow ones before short wide ones: height reads from afar.
    let chars = 6;
    let size = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfWidth, 4, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ]
    .into_iter()
    .find(|(_, w, h)| chars * w <= area.width && h + 2 <= area.height);
    let [top, digits, bottom] = match size {
        Some((_, _, h)) => {
            Layout::vertical([Constraint::Length(1), Constraint::Length(h), Constraint::Length(1)]).areas(area)
        }
        None => Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)]).areas(area),
    };
    frame.render_widget(Paragraph::new(label).alignment(Alignment::Center), top);
    match size {
        Some((pixel_size, _, _)) => {
            let big =
                BigText::builder().pixel_size(pixel_size).style(style).lines(vec![Line::raw(text)]).centered().build();
            frame.render_widget(big, digits);
        }
        None => frame.render_widget(Paragraph::new(Span::styled(text, style)).alignment(Alignment::Center), digits),
    }
    frame.render_widget(Paragraph::new(Span::styled(state, theme.dim)).alignment(Alignment::Center), bottom);
}

/// How tall the countdown panel may be: full-height digits (a quarter of an
/// 80×24 screen and more) whenever the step leaves room for its content.
fn countdown_height(area: Rect) -> u16 {
    match area.height {
        h if h >= 17 => 10,
        h if h >= 12 => 6,
        _ => 3,
    }
}

/// A paragraph of instructions and the lines it takes at this width (at
/// most a third of the area, so it never crowds out the step itself).
pub(super) fn instructions<'a>(text: String, style: Style, area: Rect) -> (Paragraph<'a>, u16) {
    let paragraph = wrapped(Span::styled(text, style));
    let lines = paragraph.line_count(area.width).min(usize::from(area.height / 3)).max(1);
    (paragraph, lines as u16)
}

/// Step 2: who talks with whom, who speaks now, and what to talk about.
fn draw_pairs(app: &App, run: &Run, intro: &str, prompts: &[String], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let now = app.now();
    let record = run.session.current();
    let round = record.round;
    let rounds = record.rounds.len();
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let intro_height = if started_on_a_small_screen(record, now, area) { 0 } else { intro_height };
    let [intro_area, rest] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    // The clock, the cue and the pairs on the left; the questions, whole,
    // on the right; one above the other on a narrow screen.
    let [left, prompts_area] = if rest.width >= 70 {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).spacing(1).areas(rest)
    } else {
        Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(rest)
    };
    let groups = run.session.pairs();
    let speakers = |r: usize| -> String {
        let names: Vec<String> = groups.iter().flat_map(|g| speakers_of(g, r)).map(clean).collect();
        names.join(", ")
    };
    let cue = record.countdown().filter(|c| c.is_over(now)).map(|_| {
        if round + 1 < rounds {
            let next = speakers(round + 1);
            let next = if next.is_empty() { tr.t("pairs-second-speakers") } else { next };
            tr.args("pairs-swap", &[("names", next.as_str().into())])
        } else {
            tr.t("pairs-done")
        }
    });
    let cue = cue.map(|cue| wrapped(Span::styled(format!(" {cue} "), theme.alert.add_modifier(Modifier::REVERSED))));
    let cue_height = cue.as_ref().map_or(0, |c| c.line_count(left.width).min(3) as u16);
    let [clock_area, cue_area, pairs_area] = Layout::vertical([
        Constraint::Length(countdown_height(left)),
        Constraint::Length(cue_height),
        Constraint::Fill(1),
    ])
    .areas(left);
    if let Some(countdown) = record.countdown() {
        let label = Line::from(vec![
            Span::styled(
                tr.args("pairs-round", &[("round", (round + 1).into()), ("rounds", rounds.into())]),
                theme.title,
            ),
            Span::raw(" — "),
            Span::raw(tr.args("pairs-speaker", &[("speaker", if round == 0 { "first" } else { "second" }.into())])),
        ]);
        draw_countdown(app, countdown, label, theme, frame, clock_area);
    }
    // The swap cue: unmistakable, with the names of who speaks next.
    if let Some(cue) = cue {
        frame.render_widget(cue.alignment(Alignment::Center), cue_area);
    }

    let pairs_inner = panel(&tr.args("pairs-title", &[("count", groups.len().into())]), theme, frame, pairs_area);
    let mut lines = Vec::new();
    if groups.is_empty() {
        lines.push(Line::styled(tr.t("pairs-no-roster"), theme.dim));
    }
    for group in &groups {
        let mut spans = Vec::new();
        for (i, name) in group.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" ↔ ", theme.dim));
            }
            let speaking = speaker_round(group.len(), i) == Some(round);
            let style = if speaking { theme.accent } else { theme.text };
            spans.push(Span::styled(clean(name), style));
        }
        lines.push(Line::from(spans));
        if group.len() == 3 {
            lines.push(Line::styled(format!("  {}", tr.t("pairs-trio")), theme.dim));
        }
    }
    frame.render_widget(wrapped(lines), pairs_inner);

    let prompts_inner = panel(&tr.t("pairs-prompts-title"), theme, frame, prompts_area);
    let lines: Vec<Line> = prompts.iter().enumerate().map(|(i, id)| numbered(i + 1, tr.t(id), theme)).collect();
    frame.render_widget(wrapped(lines), prompts_inner);
}

/// Once the activity is under way on a small screen, its instructions give
/// their lines to the clock and the questions: they were read at the start.
fn started_on_a_small_screen(record: &crate::session::StepRecord, now: std::time::Instant, area: Rect) -> bool {
    area.height < 26 && record.rounds.iter().any(|c| c.has_started(now))
}

/// In a pair the first speaks in round 0, the second in round 1; in a trio
/// the third shares the second round.
fn speaker_round(group_len: usize, position: usize) -> Option<usize> {
    match (group_len, position) {
        (_, 0) => Some(0),
        (_, 1) => Some(1),
        (3, 2) => Some(1),
        _ => None,
    }
}

fn speakers_of<'a>(group: &[&'a str], round: usize) -> Vec<&'a str> {
    group.iter().enumerate().filter(|(i, _)| speaker_round(group.len(), *i) == Some(round)).map(|(_, n)| *n).collect()
}

/// Step 4: the countdown beside the guide, browsable by section.
fn draw_reading(app: &App, run: &Run, intro: &str, sections: &[Section], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let record = run.session.current();
    let selected = record.cursor.min(sections.len().saturating_sub(1));
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let intro_height = if started_on_a_small_screen(record, app.now(), area) { 0 } else { intro_height };
    let [intro_area, rest] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    // The clock above the sections on the left, the section read on the
    // right, as tall as the screen allows.
    let wide = rest.width >= 70;
    let [left, body_area] = if wide {
        Layout::horizontal([Constraint::Length((rest.width * 2 / 5).clamp(30, 56)), Constraint::Fill(1)])
            .spacing(1)
            .areas(rest)
    } else {
        Layout::vertical([Constraint::Length(countdown_height(rest).min(6) + 1), Constraint::Fill(1)]).areas(rest)
    };
    let [clock_area, list_area] = if wide {
        Layout::vertical([Constraint::Length(countdown_height(left)), Constraint::Fill(1)]).areas(left)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(left)
    };
    if let Some(countdown) = record.countdown() {
        draw_countdown(app, countdown, Line::styled(tr.t("reading-clock"), theme.title), theme, frame, clock_area);
    }
    if wide {
        let inner = panel(&tr.t("reading-sections"), theme, frame, list_area);
        let items = sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if i == selected { theme.selected } else { theme.text };
                (Text::from(Line::styled(format!("{}. {}", i + 1, tr.t(&s.title)), style)), i == selected)
            })
            .collect();
        room::draw_rows(items, frame, inner);
    } else {
        let line = tr.args("reading-section-of", &[("n", (selected + 1).into()), ("total", sections.len().into())]);
        frame.render_widget(Paragraph::new(Span::styled(line, theme.dim)), list_area);
    }
    if let Some(section) = sections.get(selected) {
        let inner = panel(&tr.t(&section.title), theme, frame, body_area);
        frame.render_widget(wrapped(block_lines(&tr, &section.blocks, theme, true)), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_a_trio_the_third_shares_the_second_round() {
        assert_eq!(speakers_of(&["A", "B"], 0), ["A"]);
        assert_eq!(speakers_of(&["A", "B"], 1), ["B"]);
        assert_eq!(speakers_of(&["A", "B", "C"], 1), ["B", "C"]);
    }
}
