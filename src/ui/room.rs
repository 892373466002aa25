//! The screens where the room's voice is kept: the board, the checklists in
//! turn, the plan, the closing sheet, and the text entry they share.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::steps::{bullet, instructions, panel, split};
use super::{Theme, clean, wrapped};
use crate::app::{App, Entry, Run, Target};
use crate::checklist::{Checklist, Total, TurnStatus};
use crate::i18n::Tr;
use crate::plan::{self, Plan, Row};
use crate::programme::{Block as TextBlock, Column, Field, Item, StepKind};
use crate::timer::whole_minutes;

/// A list of wrapped items, drawn from the top and scrolled so that the
/// selected one is in view. Items are built and measured only around what
/// shows, so a column of ten thousand notes costs what a screenful costs.
pub(super) fn draw_list<'a>(
    count: usize,
    selected: Option<usize>,
    item: impl Fn(usize) -> Text<'a>,
    frame: &mut Frame,
    area: Rect,
) {
    if count == 0 || area.height == 0 {
        return;
    }
    let height = |text: &Text| untrimmed(text.clone()).line_count(area.width).clamp(1, usize::from(area.height)) as u16;
    // The first item drawn: as far back from the selected one as still
    // leaves it in view.
    let selected = selected.unwrap_or(0).min(count - 1);
    let mut first = selected;
    let mut used = height(&item(selected));
    while first > 0 {
        let above = height(&item(first - 1));
        if used + above > area.height {
            break;
        }
        used += above;
        first -= 1;
    }
    let mut y = area.y;
    for index in first..count {
        if y >= area.bottom() {
            break;
        }
        let text = item(index);
        let rows = height(&text);
        let rect = Rect { x: area.x, y, width: area.width, height: rows.min(area.bottom() - y) };
        frame.render_widget(untrimmed(text), rect);
        y += rows;
    }
}

/// A short list already built, its selected item marked.
pub(super) fn draw_rows(rows: Vec<(Text, bool)>, frame: &mut Frame, area: Rect) {
    let selected = rows.iter().position(|(_, s)| *s);
    draw_list(rows.len(), selected, |i| rows[i].0.clone(), frame, area);
}

/// Wrapped text that keeps its indentation.
fn untrimmed(text: Text) -> Paragraph {
    Paragraph::new(text).wrap(Wrap { trim: false })
}

/// Step 3: the columns of notes, pinned ones first.
pub fn draw_board(app: &App, run: &Run, intro: &str, columns: &[Column], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let Some(board) = run.session.current().board.as_ref() else { return };
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let [intro_area, cols] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len().max(1)]).spacing(1).split(cols);
    for (index, (column, col_area)) in columns.iter().zip(areas.iter()).enumerate() {
        let focused = index == board.column;
        let title = tr.args(
            "board-column",
            &[("title", tr.t(&column.title).as_str().into()), ("count", board.count(&column.id).into())],
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { theme.accent } else { theme.border })
            .title(Span::styled(format!(" {title} "), theme.title))
            .padding(Padding::horizontal(1));
        let inner = block.inner(*col_area);
        frame.render_widget(block, *col_area);
        let notes = board.column_notes(&column.id);
        let [hint_area, notes_area] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(wrapped(Span::styled(tr.t(&column.hint), theme.dim)), hint_area);
        if notes.is_empty() {
            let empty = if focused { tr.t("board-empty-focused") } else { tr.t("board-empty") };
            frame.render_widget(wrapped(Span::styled(empty, theme.dim)), notes_area);
            continue;
        }
        let selected = board.selected_in(index);
        let item = |i: usize| {
            let note = notes[i];
            let is_selected = focused && i == selected;
            let mark = if note.pinned { Span::styled("★ ", theme.accent) } else { Span::styled("• ", theme.dim) };
            let style = match (is_selected, note.pinned) {
                (true, _) => theme.selected,
                (false, true) => Style::new().add_modifier(Modifier::BOLD),
                (false, false) => theme.text,
            };
            Text::from(Line::from(vec![mark, Span::styled(clean(&note.text), style)]))
        };
        draw_list(notes.len(), focused.then_some(selected), item, frame, notes_area);
    }
}

/// Steps 5 and 6: whose turn it is, in large letters, and their ticks; the
/// totals once every turn is over.
#[allow(clippy::too_many_arguments)]
pub fn draw_checklist(
    app: &App,
    run: &Run,
    question: &str,
    items: &[Item],
    note: &str,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = app.tr();
    let Some(checklist) = run.session.current().checklist.as_ref() else { return };
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let (note, note_height) = instructions(tr.t(note), theme.dim, area);
    let [main, note_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(note_height.min(2))]).areas(area);
    frame.render_widget(note, note_area);
    let [left, right] = if main.width >= 90 {
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(26)]).spacing(1).areas(main)
    } else {
        [main, Rect::default()]
    };
    if right.width > 0 {
        draw_turns(&tr, checklist, theme, frame, right);
    }
    match checklist.current_turn() {
        Some(turn) => {
            let name = if turn.participant.is_empty() { tr.t("checklist-group") } else { clean(&turn.participant) };
            let [name_area, question_area, list_area] = Layout::vertical([
                Constraint::Length(name_height(&name, left)),
                Constraint::Length(2),
                Constraint::Fill(1),
            ])
            .areas(left);
            draw_name(&tr, &name, theme, frame, name_area);
            frame.render_widget(wrapped(Span::styled(tr.t(question), theme.accent)), question_area);
            let totals = (!checklist.private).then(|| checklist.totals(&ids));
            let rows = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let ticked = turn.ticked.contains(&item.id);
                    let selected = i == checklist.cursor;
                    let mut spans = vec![
                        Span::styled(if ticked { "[×] " } else { "[ ] " }, theme.accent),
                        Span::styled(tr.t(&item.text), if selected { theme.selected } else { theme.text }),
                    ];
                    if let Some(total) = totals.as_ref().and_then(|t| t.iter().find(|t| t.item == item.id)) {
                        spans.push(Span::styled(format!("  ({})", total.count), theme.dim));
                    }
                    (Text::from(Line::from(spans)), selected)
                })
                .collect();
            draw_rows(rows, frame, list_area);
        }
        None => {
            let title = tr.args("checklist-results", &[("count", checklist.answered().into())]);
            let inner = panel(&title, theme, frame, left);
            let totals = checklist.totals(&ids);
            let lines = total_bars(&tr, &totals, items, theme, inner.width);
            frame.render_widget(wrapped(lines), inner);
        }
    }
}

/// The participant whose turn it is: in big letters when they fit.
fn draw_name(tr: &Tr, name: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let label = Line::styled(tr.t("checklist-your-turn"), theme.dim);
    if area.height >= 5 {
        let [label_area, big_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(label), label_area);
        let big = BigText::builder()
            .pixel_size(PixelSize::HalfHeight)
            .style(theme.accent)
            .lines(vec![Line::raw(name.to_string())])
            .build();
        frame.render_widget(big, big_area);
    } else {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                label.spans[0].clone(),
                Span::raw(" "),
                Span::styled(name.to_string(), theme.accent),
            ])),
            area,
        );
    }
}

/// Big letters take 8 columns a letter and exist for Latin letters only;
/// otherwise the name goes on one line after its label.
fn name_height(name: &str, area: Rect) -> u16 {
    let drawable = name.chars().all(|c| c.is_ascii_graphic() || c == ' ' || ('\u{c0}'..='\u{17f}').contains(&c));
    let fits = name.chars().count() as u16 * 8 <= area.width;
    if drawable && fits && area.height >= 14 { 5 } else { 1 }
}

/// Who has had their turn.
fn draw_turns(tr: &Tr, checklist: &Checklist, theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = panel(&tr.t("checklist-turns-title"), theme, frame, area);
    let lines: Vec<Line> = checklist
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| {
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
            Line::styled(format!("{mark} {name}"), style)
        })
        .collect();
    let mut lines = lines;
    lines.push(Line::default());
    let private = if checklist.private { tr.t("checklist-private-on") } else { tr.t("checklist-private-off") };
    lines.push(Line::styled(private, theme.dim));
    frame.render_widget(wrapped(lines), inner);
}

/// The totals as horizontal bars, most ticked first: `████░░ 3/4`.
fn total_bars<'a>(tr: &Tr, totals: &[Total], items: &[Item], theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let bar_width = usize::from(width.saturating_sub(10)).clamp(4, 20);
    let mut lines = Vec::new();
    for total in totals {
        let Some(item) = items.iter().find(|i| i.id == total.item) else { continue };
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

/// Step 7: the rows of the plan; the hint of the row under the cursor.
#[allow(clippy::too_many_arguments)]
pub fn draw_plan(
    app: &App,
    run: &Run,
    intro: &str,
    questions: &[String],
    fields: &[Field],
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = app.tr();
    let Some(plan) = run.session.current().plan.as_ref() else { return };
    let ids: Vec<String> = fields.iter().map(|f| f.id.clone()).collect();
    let rows = plan.rows(&ids);
    let current = rows.get(plan.row);
    let (intro, intro_height) = instructions(tr.t(intro), theme.dim, area);
    let [intro_area, rest] = Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let [main, side] = if rest.width >= 110 { split(rest, 64, 110) } else { [rest, Rect::default()] };
    if side.width > 0 {
        let inner = panel(&tr.t("plan-questions-title"), theme, frame, side);
        frame.render_widget(wrapped(questions.iter().map(|q| bullet(tr.t(q), theme)).collect::<Vec<_>>()), inner);
    }
    let hint = current.map(|row| row_hint(&tr, row, fields)).unwrap_or_default();
    let [hint_area, list_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
    frame.render_widget(Paragraph::new(Span::styled(hint, theme.accent.remove_modifier(Modifier::BOLD))), hint_area);
    let items = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let selected = i == plan.row;
            (plan_row(&tr, plan, row, fields, theme, selected), selected)
        })
        .collect();
    draw_rows(items, frame, list_area);
}

fn field_title(tr: &Tr, fields: &[Field], id: &str) -> String {
    fields.iter().find(|f| f.id == id).map(|f| tr.t(&f.title)).unwrap_or_default()
}

fn row_hint(tr: &Tr, row: &Row, fields: &[Field]) -> String {
    let hint_of = |id: &str| fields.iter().find(|f| f.id == id).map(|f| tr.t(&f.hint)).unwrap_or_default();
    match row {
        Row::Partners | Row::PartnerName(_) => hint_of(plan::PARTNERS),
        Row::PartnerDescription(_) => tr.t("plan-partner-description-hint"),
        Row::Choice(id) | Row::Text(id) => hint_of(id),
    }
}

/// One row of the plan: its title and what it holds so far.
fn plan_row<'a>(tr: &Tr, plan: &Plan, row: &Row, fields: &[Field], theme: &Theme, selected: bool) -> Text<'a> {
    let label_style = if selected { theme.selected } else { theme.title };
    let empty = || Span::styled(tr.t("plan-empty"), theme.dim);
    match row {
        Row::Partners => Text::from(Line::from(vec![
            Span::styled(field_title(tr, fields, plan::PARTNERS), label_style),
            Span::styled(format!("  {}", tr.t("plan-add-partner")), theme.dim),
        ])),
        Row::PartnerName(i) => {
            let partner = &plan.partners[*i];
            let mut spans = vec![
                Span::raw(format!("  {}. ", i + 1)),
                Span::styled(
                    clean(&partner.name),
                    if selected { theme.selected } else { Style::new().add_modifier(Modifier::BOLD) },
                ),
            ];
            if partner.shortlisted {
                spans.push(Span::styled(format!("  ★ {}", tr.t("plan-shortlisted")), theme.accent));
            }
            Text::from(Line::from(spans))
        }
        Row::PartnerDescription(i) => {
            let description = &plan.partners[*i].description;
            let value = if description.is_empty() {
                empty()
            } else {
                Span::styled(clean(description), if selected { theme.selected } else { theme.text })
            };
            Text::from(Line::from(vec![Span::raw("     "), value]))
        }
        Row::Choice(id) => {
            let value = match plan.choice(id) {
                Some(choice) => Span::styled(tr.t(choice), theme.accent),
                None => Span::styled(tr.t("plan-choose"), theme.dim),
            };
            Text::from(Line::from(vec![
                Span::styled(field_title(tr, fields, id), label_style),
                Span::raw(tr.t("label-colon")),
                value,
            ]))
        }
        Row::Text(id) => {
            let mut text = Text::from(Line::styled(field_title(tr, fields, id), label_style));
            match plan.answers.get(id) {
                Some(answer) => text.extend(answer.lines().map(|l| Line::raw(format!("  {}", clean(l))))),
                None => text.push_line(Line::from(vec![Span::raw("  "), empty()])),
            }
            text
        }
    }
}

/// Step 8: one sheet to read from the back of the room.
pub fn draw_closing(app: &App, run: &Run, blocks: &[TextBlock], theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let now = app.now();
    let session = &run.session;
    // The closing words (reflect, celebrate) head the sheet.
    let words: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            TextBlock::Text(id) => Some(tr.t(id)),
            _ => None,
        })
        .collect();
    // On a small screen the data comes first: the words are said aloud.
    let (intro, intro_height) = instructions(words.join(" "), theme.dim, area);
    let intro_height = if area.height >= 30 { intro_height } else { 0 };
    let [intro_area, main, footer_area] =
        Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    frame.render_widget(intro, intro_area);
    let [left, right] = split(main, 50, 70);

    let mut lines = Vec::new();
    for (step, record) in app.programme.steps.iter().zip(&session.steps) {
        if let (StepKind::Board { .. }, Some(board)) = (&step.kind, &record.board) {
            lines.push(Line::styled(
                tr.args("closing-pinned", &[("count", board.pinned().count().into())]),
                theme.title,
            ));
            lines.extend(
                board.pinned().map(|n| Line::from(vec![Span::styled("★ ", theme.accent), Span::raw(clean(&n.text))])),
            );
            let others = board.notes.len() - board.pinned().count();
            if others > 0 {
                lines.push(Line::styled(tr.args("closing-other-notes", &[("count", others.into())]), theme.dim));
            }
        }
        if let (StepKind::Checklist { items, .. }, Some(checklist)) = (&step.kind, &record.checklist) {
            let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            lines.push(Line::default());
            lines.push(Line::styled(
                tr.args(
                    "closing-checklist",
                    &[("title", tr.t(&step.title).as_str().into()), ("count", checklist.answered().into())],
                ),
                theme.title,
            ));
            if checklist.answered() > 0 {
                let top: Vec<Total> = checklist.totals(&ids).into_iter().filter(|t| t.count > 0).take(3).collect();
                lines.extend(total_bars(&tr, &top, items, theme, left.width / 2));
            }
        }
    }
    let inner = panel(&tr.t("closing-voice"), theme, frame, left);
    frame.render_widget(wrapped(lines), inner);

    let inner = panel(&tr.t("closing-plan"), theme, frame, right);
    frame.render_widget(wrapped(plan_summary(app, run, theme)), inner);

    let used = whole_minutes(session.time_used(now));
    let planned = whole_minutes(app.programme.planned());
    let path = clean(&run.path.display().to_string());
    let footer = vec![
        Line::styled(
            tr.args(
                "closing-total",
                &[("used", tr.minutes(used).as_str().into()), ("planned", tr.minutes(planned).as_str().into())],
            ),
            theme.title,
        ),
        Line::from(vec![
            Span::styled(tr.t("closing-saved-in"), theme.dim),
            Span::raw(" "),
            Span::styled(path, theme.text),
        ]),
    ];
    frame.render_widget(wrapped(footer), footer_area);
}

/// The plan in a few lines: the decision first.
fn plan_summary<'a>(app: &App, run: &Run, theme: &Theme) -> Vec<Line<'a>> {
    let tr = app.tr();
    let mut lines = Vec::new();
    for (step, record) in app.programme.steps.iter().zip(&run.session.steps) {
        let (StepKind::Plan { fields, .. }, Some(plan)) = (&step.kind, &record.plan) else { continue };
        if plan.is_empty() {
            lines.push(Line::styled(tr.t("closing-no-plan"), theme.dim));
            continue;
        }
        let choice = |id: &str| plan.choice(id).map(|c| tr.t(c)).unwrap_or_else(|| tr.t("plan-choose"));
        lines.push(Line::from(vec![
            Span::styled(field_title(&tr, fields, plan::DECISION) + &tr.t("label-colon"), theme.title),
            Span::styled(choice(plan::DECISION), theme.accent),
        ]));
        for partner in &plan.partners {
            let star = if partner.shortlisted { "★ " } else { "• " };
            let mut spans = vec![
                Span::styled(star, theme.accent),
                Span::styled(clean(&partner.name), Style::new().add_modifier(Modifier::BOLD)),
            ];
            if !partner.description.is_empty() {
                spans.push(Span::raw(format!(" — {}", clean(&partner.description))));
            }
            lines.push(Line::from(spans));
        }
        if plan.level.is_some() {
            lines.push(Line::from(vec![
                Span::styled(field_title(&tr, fields, plan::LEVEL) + &tr.t("label-colon"), theme.title),
                Span::raw(choice(plan::LEVEL)),
            ]));
        }
        for field in fields {
            if let Some(answer) = plan.answers.get(&field.id) {
                lines.push(Line::from(vec![
                    Span::styled(tr.t(&field.title) + &tr.t("label-colon"), theme.title),
                    Span::raw(clean(&answer.replace('\n', " / "))),
                ]));
            }
        }
    }
    lines
}

/// The text entry, over the bottom of the step: what is typed, where it
/// will go.
pub fn draw_entry(app: &App, entry: &Entry, theme: &Theme, frame: &mut Frame, area: Rect) {
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
    let fields: &[Field] = match app.current_step().map(|s| &s.kind) {
        Some(StepKind::Plan { fields, .. }) => fields,
        _ => &[],
    };
    match target {
        Target::NewNote | Target::Note => {
            let column = match app.current_step().map(|s| &s.kind) {
                Some(StepKind::Board { columns, .. }) => {
                    let focused = app.run().and_then(|r| r.session.current().board.as_ref()).map_or(0, |b| b.column);
                    columns.get(focused).map(|c| tr.t(&c.title)).unwrap_or_default()
                }
                _ => String::new(),
            };
            let id = if *target == Target::NewNote { "entry-new-note" } else { "entry-note" };
            tr.args(id, &[("column", column.as_str().into())])
        }
        Target::Group => tr.t("entry-group"),
        Target::Region => tr.t("entry-region"),
        Target::NewParticipant => tr.t("entry-new-participant"),
        Target::Participant(_) => tr.t("entry-participant"),
        Target::NewPartner => tr.t("entry-new-partner"),
        Target::PlanRow(Row::PartnerName(_)) => tr.t("entry-partner-name"),
        Target::PlanRow(Row::PartnerDescription(_)) => tr.t("entry-partner-description"),
        Target::PlanRow(Row::Text(id) | Row::Choice(id)) => field_title(&tr, fields, id),
        Target::PlanRow(Row::Partners) => field_title(&tr, fields, plan::PARTNERS),
        Target::Search => tr.t("home-search"),
        Target::Rename(_) => tr.t("entry-rename"),
    }
}
