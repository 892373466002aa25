//! The screen of each kind of step.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, clean, wrapped};
use crate::app::{App, Run};
use crate::i18n::Tr;
use crate::programme::{Block as TextBlock, Column, Field, Item, Section, StepKind};
use crate::timer::{Countdown, format_countdown, whole_minutes};

pub fn draw_step(app: &App, run: &Run, theme: &Theme, frame: &mut Frame, area: Rect) {
    let step = &app.programme.steps[run.session.current_step];
    match &step.kind {
        StepKind::Info { blocks } => draw_welcome(app, run, blocks, theme, frame, area),
        StepKind::TimedPairs { intro, prompts, .. } => draw_pairs(app, run, intro, prompts, theme, frame, area),
        StepKind::Board { intro, columns } => draw_board(app, intro, columns, theme, frame, area),
        StepKind::Reading { intro, sections } => draw_reading(app, run, intro, sections, theme, frame, area),
        StepKind::Checklist { question, items, note } => {
            draw_checklist(app, run, question, items, note, theme, frame, area)
        }
        StepKind::Plan { intro, questions, levels, fields, decisions } => {
            draw_plan(app, intro, questions, levels, fields, decisions, theme, frame, area)
        }
        StepKind::Summary { blocks } => draw_closing(app, run, blocks, theme, frame, area),
    }
}

/// A framed panel with a title; returns the inside.
fn panel(title: &str, theme: &Theme, frame: &mut Frame, area: Rect) -> Rect {
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
fn split(area: Rect, left: u16, min_width: u16) -> [Rect; 2] {
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

fn bullet<'a>(text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled("• ", theme.accent), Span::raw(text)])
}

fn numbered<'a>(n: usize, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{n}. "), theme.accent), Span::raw(text)])
}

/// Step 1: why we are here, who is here, and the agenda.
fn draw_welcome(app: &App, run: &Run, blocks: &[TextBlock], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let session = &run.session;
    let [main, credit] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let [left, right] = split(main, 58, 70);

    let none = tr.t("not-given");
    let or_none = |s: &str| if s.trim().is_empty() { none.clone() } else { clean(s) };
    let names = if session.participants.is_empty() {
        none.clone()
    } else {
        session.participants.iter().map(|n| clean(n)).collect::<Vec<_>>().join(", ")
    };
    let roomy = left.height >= 30;
    let gap = || if roomy { vec![Line::default()] } else { Vec::new() };
    let mut lines = vec![Line::styled(tr.t("workshop-title"), theme.accent)];
    lines.extend(gap());
    lines.extend([
        detail(&tr.t("label-group"), or_none(&session.group), theme),
        detail(
            &tr.args("label-participants", &[("count", session.participants.len().into())]),
            names,
            theme,
        ),
        detail(&tr.t("label-region"), or_none(&session.region), theme),
        detail(&tr.t("label-date"), session.created_at.format(&tr.t("date-format")).to_string(), theme),
    ]);
    lines.extend(gap());
    lines.extend(block_lines(&tr, blocks, theme, roomy));
    let inner = panel(&tr.t("welcome-panel"), theme, frame, left);
    frame.render_widget(wrapped(lines), inner);

    let inner = panel(&tr.t("agenda-title"), theme, frame, right);
    frame.render_widget(wrapped(agenda_lines(app, run, theme)), inner);
    frame.render_widget(Paragraph::new(Span::styled(tr.t("workshop-credit"), theme.dim)), credit);
}

fn detail<'a>(label: &str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{label}{}", " "), theme.dim), Span::styled(value, Style::new().add_modifier(Modifier::BOLD))])
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
        format!("  {}", tr.args("agenda-total", &[("total", tr.minutes(whole_minutes(app.programme.planned())).as_str().into())])),
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
    let chars = text.chars().count() as u16;
    // The biggest digits that fit beside the two lines of words.
    let size = [(PixelSize::Full, 8, 8), (PixelSize::HalfHeight, 8, 4), (PixelSize::Quadrant, 4, 4)]
        .into_iter()
        .find(|(_, w, h)| chars * w <= area.width && h + 2 <= area.height);
    let [top, digits, bottom] = match size {
        Some((_, _, h)) => Layout::vertical([Constraint::Length(1), Constraint::Length(h), Constraint::Length(1)]).areas(area),
        None => Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)]).areas(area),
    };
    frame.render_widget(Paragraph::new(label).alignment(Alignment::Center), top);
    match size {
        Some((pixel_size, _, _)) => {
            let big = BigText::builder().pixel_size(pixel_size).style(style).lines(vec![Line::raw(text)]).centered().build();
            frame.render_widget(big, digits);
        }
        None => frame.render_widget(Paragraph::new(Span::styled(text, style)).alignment(Alignment::Center), digits),
    }
    frame.render_widget(Paragraph::new(Span::styled(state, theme.dim)).alignment(Alignment::Center), bottom);
}

/// How tall the countdown panel may be: the full digits when the screen
/// is tall, half-height ones on a small projector.
fn countdown_height(area: Rect) -> u16 {
    match area.height {
        h if h >= 30 => 10,
        h if h >= 14 => 6,
        _ => 3,
    }
}

/// A paragraph of instructions and the lines it takes at this width (at
/// most a third of the area, so it never crowds out the step itself).
fn instructions<'a>(text: String, style: Style, area: Rect) -> (Paragraph<'a>, u16) {
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
    let [intro_area, clock_area, cue_area, rest] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Length(countdown_height(area)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(intro, intro_area);

    let groups = run.session.pairs();
    let speakers = |r: usize| -> String {
        let names: Vec<String> = groups.iter().flat_map(|g| speakers_of(g, r)).map(clean).collect();
        names.join(", ")
    };
    if let Some(countdown) = record.countdown() {
        let label = Line::from(vec![
            Span::styled(tr.args("pairs-round", &[("round", (round + 1).into()), ("rounds", rounds.into())]), theme.title),
            Span::raw(" — "),
            Span::raw(tr.args("pairs-speaker", &[("speaker", if round == 0 { "first" } else { "second" }.into())])),
        ]);
        draw_countdown(app, countdown, label, theme, frame, clock_area);
        // The swap cue: unmistakable, with the names of who speaks next.
        if countdown.is_over(now) {
            let cue = if round + 1 < rounds {
                let next = speakers(round + 1);
                let next = if next.is_empty() { tr.t("pairs-second-speakers") } else { next };
                tr.args("pairs-swap", &[("names", next.as_str().into())])
            } else {
                tr.t("pairs-done")
            };
            let style = theme.alert.add_modifier(Modifier::REVERSED);
            frame.render_widget(Paragraph::new(Span::styled(format!(" {cue} "), style)).alignment(Alignment::Center), cue_area);
        }
    }

    let [pairs_area, prompts_area] = split(rest, 40, 70);
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

/// Step 3: the two columns the group fills.
fn draw_board(app: &App, intro: &str, columns: &[Column], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let [intro_area, cols] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len().max(1)]).spacing(1).split(cols);
    for (column, col_area) in columns.iter().zip(areas.iter()) {
        let title = tr.args("board-column", &[("title", tr.t(&column.title).as_str().into()), ("count", 0usize.into())]);
        let block = Block::default().borders(Borders::ALL).border_style(theme.border).title(Span::styled(format!(" {title} "), theme.title)).padding(Padding::horizontal(1));
        let inner = block.inner(*col_area);
        frame.render_widget(block, *col_area);
        let lines = vec![Line::styled(tr.t(&column.hint), theme.accent.remove_modifier(Modifier::BOLD)), Line::default(), Line::styled(tr.t("board-empty"), theme.dim)];
        frame.render_widget(wrapped(lines), inner);
    }
}

/// Step 4: the countdown beside the guide, browsable by section.
fn draw_reading(app: &App, run: &Run, intro: &str, sections: &[Section], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let record = run.session.current();
    let selected = record.section.min(sections.len().saturating_sub(1));
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let [intro_area, clock_area, rest] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Length(countdown_height(area)),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(intro, intro_area);
    if let Some(countdown) = record.countdown() {
        draw_countdown(app, countdown, Line::styled(tr.t("reading-clock"), theme.title), theme, frame, clock_area);
    }
    let wide = rest.width >= 70;
    let [list_area, body_area] = if wide {
        Layout::horizontal([Constraint::Length(30), Constraint::Fill(1)]).spacing(1).areas(rest)
    } else {
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest)
    };
    if wide {
        let inner = panel(&tr.t("reading-sections"), theme, frame, list_area);
        let lines: Vec<Line> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if i == selected { theme.selected } else { theme.text };
                Line::styled(format!("{}. {}", i + 1, tr.t(&s.title)), style)
            })
            .collect();
        frame.render_widget(wrapped(lines), inner);
    } else {
        let line = tr.args("reading-section-of", &[("n", (selected + 1).into()), ("total", sections.len().into())]);
        frame.render_widget(Paragraph::new(Span::styled(line, theme.dim)), list_area);
    }
    if let Some(section) = sections.get(selected) {
        let inner = panel(&tr.t(&section.title), theme, frame, body_area);
        frame.render_widget(wrapped(block_lines(&tr, &section.blocks, theme, true)), inner);
    }
}

/// Steps 5 and 6: the items the participants will tick in turn.
#[allow(clippy::too_many_arguments)]
fn draw_checklist(app: &App, run: &Run, question: &str, items: &[Item], note: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let (question, question_height) = instructions(tr.t(question), theme.accent, area);
    let [question_area, list_area, note_area] =
        Layout::vertical([Constraint::Length(question_height + 1), Constraint::Fill(1), Constraint::Length(3)]).areas(area);
    frame.render_widget(question, question_area);
    let title = tr.args("checklist-items", &[("count", items.len().into())]);
    let inner = panel(&title, theme, frame, list_area);
    let lines: Vec<Line> = items.iter().enumerate().map(|(i, item)| numbered(i + 1, format!("☐ {}", tr.t(&item.text)), theme)).collect();
    frame.render_widget(wrapped(lines), inner);
    let turn = if run.session.participants.is_empty() {
        tr.t("checklist-no-roster")
    } else {
        let names: Vec<String> = run.session.participants.iter().map(|n| clean(n)).collect();
        tr.args("checklist-turns", &[("names", names.join(", ").as_str().into())])
    };
    let lines = vec![Line::styled(tr.t(note), theme.dim), Line::styled(turn, theme.text)];
    frame.render_widget(wrapped(lines), note_area);
}

/// Step 7: the questions that guide the plan, and what it will hold.
#[allow(clippy::too_many_arguments)]
fn draw_plan(
    app: &App,
    intro: &str,
    questions: &[String],
    levels: &[String],
    fields: &[Field],
    decisions: &[String],
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = app.tr();
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let [intro_area, rest] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let [left, right] = split(rest, 50, 70);
    // On a small screen the names alone; the descriptions when there is room.
    let roomy = rest.height >= 28;

    let mut lines: Vec<Line> = questions.iter().map(|q| bullet(tr.t(q), theme)).collect();
    lines.push(Line::default());
    lines.push(Line::styled(tr.t("plan-levels-title"), theme.title));
    for (i, id) in levels.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{}. {}", i + 1, tr.t(id)), theme.accent)];
        if roomy {
            spans.extend([Span::raw(" — "), Span::raw(tr.attr(id, "desc"))]);
        }
        lines.push(Line::from(spans));
    }
    let inner = panel(&tr.t("plan-questions-title"), theme, frame, left);
    frame.render_widget(wrapped(lines), inner);

    // The decision is one of a few answers: they show in place of a hint.
    let options = decisions.iter().map(|d| tr.t(d)).collect::<Vec<_>>().join(" / ");
    let mut lines = Vec::new();
    for field in fields {
        lines.push(bullet(tr.t(&field.title), theme).style(Style::new().add_modifier(Modifier::BOLD)));
        if field.id == "decision" {
            lines.push(Line::styled(format!("  {options}"), theme.accent));
        } else if roomy {
            lines.push(Line::styled(format!("  {}", tr.t(&field.hint)), theme.dim));
        }
    }
    let inner = panel(&tr.t("plan-fields-title"), theme, frame, right);
    frame.render_widget(wrapped(lines), inner);
}

/// Step 8: what the session did against its plan, and where it is kept.
fn draw_closing(app: &App, run: &Run, blocks: &[TextBlock], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let now = app.now();
    let session = &run.session;
    let [main, saved_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let [left, right] = split(main, 50, 70);

    let mut lines = Vec::new();
    for (i, (step, record)) in app.programme.steps.iter().zip(&session.steps).enumerate() {
        let used = whole_minutes(record.clock.elapsed(now));
        let mark = if i < session.current_step { "✓" } else if i == session.current_step { "▶" } else { "·" };
        let style = if used > step.minutes { theme.alert } else { theme.text };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {}. ", i + 1), theme.accent),
            Span::raw(tr.t(&step.title)),
            Span::styled(format!("  {}", tr.args("closing-step-time", &[("used", used.into()), ("planned", step.minutes.into())])), style),
        ]));
    }
    lines.push(Line::default());
    let used = whole_minutes(session.time_used(now));
    let planned = whole_minutes(app.programme.planned());
    lines.push(Line::styled(
        tr.args("closing-total", &[("used", tr.minutes(used).as_str().into()), ("planned", tr.minutes(planned).as_str().into())]),
        theme.title,
    ));
    let title = tr.args("closing-steps-done", &[("done", session.steps_done().into()), ("total", session.steps.len().into())]);
    let inner = panel(&title, theme, frame, left);
    frame.render_widget(wrapped(lines), inner);

    let mut lines = block_lines(&tr, blocks, theme, true);
    lines.push(Line::default());
    lines.push(Line::styled(tr.t("workshop-credit"), theme.dim));
    let inner = panel(&tr.t("closing-title"), theme, frame, right);
    frame.render_widget(wrapped(lines), inner);

    let path = clean(&run.path.display().to_string());
    let saved = Line::from(vec![Span::styled(tr.t("closing-saved-in"), theme.dim), Span::raw(" "), Span::styled(path, theme.accent)]);
    frame.render_widget(wrapped(saved), saved_area);
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
