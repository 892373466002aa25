//! The closing sheet: what the room said and decided, to read from the
//! back of the room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{draw_scrolled, field_title, instructions, panel, split, total_bars};
use crate::app::Message;
use crate::app::{App, Run};
use crate::i18n::Tr;
use crate::steps::Action;
use crate::steps::checklist::Total;
use crate::steps::plan::{Field, Row};
use crate::steps::summary::{Def, State};
use crate::steps::{Block as TextBlock, Step, pair};
use crate::ui::binding::{Binding, ENTER, EXPORT, SCROLL_DOWN, SCROLL_END, SCROLL_TOP, SCROLL_UP, TAB, bind, ch};
use crate::ui::layout::Split;
use crate::ui::{Theme, clean, wrapped};

const NEXT_QUESTION: Binding = bind(&[TAB], "key-tab", "action-next-question", Message::Step(Action::NextField), 1);
const ANSWER: Binding = bind(&[ENTER, ch('e')], "key-edit", "action-answer", Message::Step(Action::Edit), 2);

pub(super) fn keys(def: &Def) -> Vec<Binding> {
    let mut keys = Vec::new();
    if !def.fields.is_empty() {
        keys.extend([ANSWER, NEXT_QUESTION]);
    }
    keys.extend([EXPORT, SCROLL_DOWN, SCROLL_UP, SCROLL_TOP, SCROLL_END]);
    keys
}

pub(super) fn entry_title(tr: &Tr, def: &Def, field: &Field) -> String {
    match field {
        Field::Row(Row::Text(id)) => def.field(id).map(|f| tr.t(&f.title)).unwrap_or_default(),
        Field::Row(_) | Field::NewPartner => String::new(),
    }
}

/// The closing questions and what the group answered, the one under the
/// cursor marked.
fn reflection<'a>(tr: &Tr, def: &Def, state: &State, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for (i, field) in def.fields.iter().enumerate() {
        let selected = i == state.row;
        let marker = if selected { "▶ " } else { "  " };
        let style = if selected { theme.selected } else { theme.title };
        lines.push(Line::from(vec![Span::styled(marker, theme.accent), Span::styled(tr.t(&field.title), style)]));
        match state.answers.get(&field.id) {
            Some(answer) => lines.extend(answer.lines().map(|l| Line::raw(format!("    {}", clean(l))))),
            None => lines.push(Line::styled(format!("    {}", tr.t(&field.hint)), theme.dim)),
        }
    }
    // One line each, sent from the phones in the room.
    if !state.lines.is_empty() {
        lines.push(Line::styled(tr.args("closing-room-lines", &[("count", state.lines.len().into())]), theme.title));
        lines.extend(
            state.lines.iter().map(|l| Line::from(vec![Span::styled("» ", theme.accent), Span::raw(clean(l))])),
        );
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

// Whole: one screen's layout, read top to bottom as it is drawn; its parts share the rows.
pub(super) fn draw(
    app: &App,
    run: &Run,
    def: &Def,
    state: &State,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> u16 {
    let tr = app.tr();
    let now = app.now();
    let session = &run.session;
    // The closing words (reflect, celebrate) head the sheet.
    let words: Vec<String> = def
        .blocks
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
        Split::vertical([Constraint::Length(intro_height), Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    frame.render_widget(intro, intro_area);
    let [left, right] = split(main, 50, 70);

    // The group's closing words first: they are what is being typed now.
    let mut lines = reflection(&tr, def, state, theme);
    for (step, record) in app.programme().steps.iter().zip(&session.steps) {
        match pair(&step.kind, &record.state) {
            Some(Step::Board(_, board)) => {
                let (pinned, others) = (board.pinned().count(), board.notes().len() - board.pinned().count());
                // Notes and none pinned: said in one line, not « No pinned
                // notes » then « and 9 other notes ».
                if pinned == 0 && others > 0 {
                    let text = tr.args("closing-notes-unpinned", &[("count", others.into())]);
                    lines.push(Line::styled(text, theme.title));
                    continue;
                }
                lines.push(Line::styled(tr.args("closing-pinned", &[("count", pinned.into())]), theme.title));
                lines.extend(
                    board
                        .pinned()
                        .map(|n| Line::from(vec![Span::styled("★ ", theme.accent), Span::raw(clean(&n.text))])),
                );
                if others > 0 {
                    lines.push(Line::styled(tr.args("closing-other-notes", &[("count", others.into())]), theme.dim));
                }
            }
            Some(Step::Checklist(def, checklist)) => {
                lines.push(Line::default());
                lines.push(Line::styled(
                    tr.args(
                        "closing-checklist",
                        &[("title", tr.t(&step.title).as_str().into()), ("count", checklist.answered().into())],
                    ),
                    theme.title,
                ));
                if checklist.answered() > 0 {
                    let top: Vec<Total> =
                        checklist.totals(&def.item_ids()).into_iter().filter(|t| t.count > 0).take(3).collect();
                    lines.extend(total_bars(&tr, &top, def, theme, left.width / 2));
                }
            }
            Some(Step::Info(..) | Step::TimedPairs(..) | Step::Reading(..) | Step::Plan(..) | Step::Summary(..))
            | None => {}
        }
    }
    // The two halves of the sheet scroll together when they do not fit.
    let inner = panel(&tr.t("closing-voice"), theme, frame, left);
    let voice_max = draw_scrolled(app, lines, app.scroll, theme, frame, inner);

    let inner = panel(&tr.t("closing-plan"), theme, frame, right);
    let plan_max = draw_scrolled(app, plan_summary(app, run, theme), app.scroll, theme, frame, inner);

    let pace = crate::ui::pace_of(app, run, now);
    let (used, planned) = (pace.used, pace.planned);
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
    voice_max.max(plan_max)
}

/// The plan in a few lines: the decision first.
fn plan_summary<'a>(app: &App, run: &Run, theme: &Theme) -> Vec<Line<'a>> {
    let tr = app.tr();
    let mut lines = Vec::new();
    for (step, record) in app.programme().steps.iter().zip(&run.session.steps) {
        let Some(Step::Plan(def, plan)) = pair(&step.kind, &record.state) else { continue };
        if plan.is_empty() {
            lines.push(Line::styled(tr.t("closing-no-plan"), theme.dim));
            continue;
        }
        let chosen = |field: &str| match plan.choice(field) {
            Some(option) => tr.t(def.option_text(field, option).unwrap_or(option)),
            None => tr.t("plan-choose"),
        };
        if let Some(decision) = &def.decision {
            lines.push(Line::from(vec![
                Span::styled(field_title(&tr, def, decision) + &tr.t("label-colon"), theme.title),
                Span::styled(chosen(decision), theme.accent),
            ]));
        }
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
        for field in &def.fields {
            let answer = match &field.kind {
                _ if def.decision.as_ref() == Some(&field.id) => None,
                crate::steps::plan::FieldKind::Choice { .. } => plan.choice(&field.id).map(|_| chosen(&field.id)),
                crate::steps::plan::FieldKind::Text => {
                    plan.answers.get(&field.id).map(|a| clean(&a.replace('\n', " / ")))
                }
                crate::steps::plan::FieldKind::Date => {
                    plan.answers.get(&field.id).map(|a| super::plan::shown_date(&tr, a))
                }
                crate::steps::plan::FieldKind::Partners => None,
            };
            if let Some(answer) = answer {
                lines.push(Line::from(vec![
                    Span::styled(tr.t(&field.title) + &tr.t("label-colon"), theme.title),
                    Span::raw(answer),
                ]));
            }
        }
    }
    lines
}
