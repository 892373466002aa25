//! The plan: its rows, the hint of the row under the cursor, and the
//! questions beside them on a wide screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::{bullet, draw_rows, highlight, instructions, panel, split};
use crate::app::{App, Message};
use crate::i18n::Tr;
use crate::steps::Action;
use crate::steps::plan::{Def, Field, Plan, Row};
use crate::ui::binding::{Binding, DELETE, ENTER, LINE_DOWN, LINE_UP, TAB, bind, ch};
use crate::ui::layout::Split;
use crate::ui::{Theme, clean, wrapped};

const NEXT_ROW: Binding = bind(&[TAB], "key-tab", "action-next-row", Message::Step(Action::NextField), 0);
const PLAN_EDIT: Binding = bind(&[ENTER, ch('e')], "key-edit", "action-plan-edit", Message::Step(Action::Edit), 1);
const CHOOSE: Binding = bind(&[ch(' ')], "key-space", "action-choose", Message::Step(Action::ToggleItem), 0);
const ADD_PARTNER: Binding = bind(&[ch('a')], "key-add", "action-add-partner", Message::Step(Action::Add), 2);
const REMOVE_PARTNER: Binding =
    bind(&[ch('d'), DELETE], "key-delete", "action-remove-partner", Message::Step(Action::Delete), 0);
const SHORTLIST: Binding = bind(&[ch('*')], "key-pin", "action-shortlist", Message::Step(Action::Pin), 0);

pub(super) fn keys() -> Vec<Binding> {
    vec![LINE_DOWN, LINE_UP, NEXT_ROW, PLAN_EDIT, CHOOSE, ADD_PARTNER, REMOVE_PARTNER, SHORTLIST]
}

pub(super) fn entry_title(tr: &Tr, def: &Def, field: &Field) -> String {
    match field {
        Field::NewPartner => tr.t("entry-new-partner"),
        Field::Row(Row::PartnerName(_)) => tr.t("entry-partner-name"),
        Field::Row(Row::PartnerDescription(_)) => tr.t("entry-partner-description"),
        Field::Row(Row::Text(id) | Row::Choice(id) | Row::Partners(id)) => field_title(tr, def, id),
    }
}

pub(super) fn draw(app: &App, def: &Def, plan: &Plan, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tr = app.tr();
    let rows = plan.rows(def);
    let current = rows.get(plan.row);
    let (intro, intro_height) = instructions(tr.t(&def.intro), theme.dim, area);
    let [intro_area, rest] = Split::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(intro, intro_area);
    let [main, side] = if rest.width >= 110 { split(rest, 64, 110) } else { [rest, Rect::default()] };
    if side.width > 0 {
        let inner = panel(&tr.t("plan-questions-title"), theme, frame, side);
        frame.render_widget(wrapped(def.questions.iter().map(|q| bullet(tr.t(q), theme)).collect::<Vec<_>>()), inner);
    }
    let hint = current.map(|row| row_hint(&tr, row, def)).unwrap_or_default();
    let [hint_area, list_area] = Split::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
    frame.render_widget(Paragraph::new(Span::styled(hint, theme.accent.remove_modifier(Modifier::BOLD))), hint_area);
    let items = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let selected = i == plan.row;
            let text = plan_row(&tr, plan, row, def, theme, selected);
            (if selected { highlight(text, theme.selected) } else { text }, selected)
        })
        .collect();
    draw_rows(&tr, items, frame, list_area);
}

/// The title of a field of the plan, in the language on screen.
pub(crate) fn field_title(tr: &Tr, def: &Def, id: &str) -> String {
    def.field(id).map(|f| tr.t(&f.title)).unwrap_or_default()
}

fn row_hint(tr: &Tr, row: &Row, def: &Def) -> String {
    let hint_of = |id: &str| def.field(id).map(|f| tr.t(&f.hint)).unwrap_or_default();
    match row {
        Row::Partners(id) => hint_of(id),
        Row::PartnerName(_) => def.partners_field().map(|f| tr.t(&f.hint)).unwrap_or_default(),
        Row::PartnerDescription(_) => tr.t("plan-partner-description-hint"),
        Row::Choice(id) | Row::Text(id) => hint_of(id),
    }
}

/// One row of the plan: its title and what it holds so far.
fn plan_row<'a>(tr: &Tr, plan: &Plan, row: &Row, def: &Def, theme: &Theme, selected: bool) -> Text<'a> {
    let label_style = if selected { theme.selected } else { theme.title };
    let empty = || Span::styled(tr.t("plan-empty"), theme.dim);
    match row {
        Row::Partners(id) => Text::from(Line::from(vec![
            Span::styled(field_title(tr, def, id), label_style),
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
            let value = match plan.choice(id).map(|choice| def.option_text(id, choice).unwrap_or(choice)) {
                Some(choice) => Span::styled(tr.t(choice), theme.accent),
                None => Span::styled(tr.t("plan-choose"), theme.dim),
            };
            Text::from(Line::from(vec![
                Span::styled(field_title(tr, def, id), label_style),
                Span::raw(tr.t("label-colon")),
                value,
            ]))
        }
        Row::Text(id) => {
            let mut text = Text::from(Line::styled(field_title(tr, def, id), label_style));
            match plan.answers.get(id) {
                Some(answer) if def.is_date(id) => text.push_line(Line::raw(format!("  {}", shown_date(tr, answer)))),
                Some(answer) => text.extend(answer.lines().map(|l| Line::raw(format!("  {}", clean(l))))),
                None => text.push_line(Line::from(vec![Span::raw("  "), empty()])),
            }
            text
        }
    }
}

/// A date of the plan as the language writes it (`15/12/2026`,
/// `15 December 2026`); what does not read as a date, as it is.
pub(crate) fn shown_date(tr: &Tr, answer: &str) -> String {
    match crate::steps::plan::parse_date(answer) {
        Some(date) => date.format(&tr.t("date-format")).to_string(),
        None => clean(answer),
    }
}
