//! What the sheet says, in plain text: every step of the programme that
//! left something, in programme order, then the time used, the group's
//! trend and the guides. It owns the wording (the Fluent texts, the labels
//! with their colons, the dates) and the cleaning of what people typed;
//! it escapes nothing and writes nothing, which the renderers do.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::i18n::Tr;
use crate::programme::{self, Programme};
use crate::session::Session;
use crate::steps::checklist::{Checklist, Def as ChecklistDef, TurnStatus};
use crate::steps::plan::{Def, FieldKind, Plan};
use crate::steps::{Block, Kind, Step, board, pair, reading, summary};
use crate::text::printable;
use crate::trend::Trend;

/// Where a kind of step shows on the sheet. The match in [`shown`] is
/// exhaustive: a new kind of step does not build until it says where it
/// goes, and `tests/kinds.rs` checks that it is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// In the facts at the top: the group, the region, the participants.
    Facts,
    /// Only in the time used, step by step: it keeps no notes.
    Time,
    /// A part of its own, under its title, with the group's notes.
    Notes,
    /// In the guide in brief, its sections for new members.
    Guide,
}

/// Where the steps of a kind show on the sheet.
pub fn shown(kind: Kind) -> Shown {
    match kind {
        Kind::Info => Shown::Facts,
        Kind::TimedPairs => Shown::Time,
        Kind::Board | Kind::Checklist | Kind::Plan | Kind::Summary => Shown::Notes,
        Kind::Reading => Shown::Guide,
    }
}

/// The sheet, gathered in the order it is printed. Every string is plain
/// text, escaped by the renderer.
pub(super) struct Sheet {
    pub(super) kicker: String,
    pub(super) title: String,
    pub(super) group: String,
    pub(super) facts: Vec<(String, String)>,
    /// The group's notes, one part for each step that keeps some, in
    /// programme order: two boards are two parts.
    pub(super) parts: Vec<Part>,
    pub(super) time: TimePart,
    pub(super) trend: Option<TrendPart>,
    /// The guide's essentials, in the workshop's words, for new members:
    /// one for each reading step, in programme order.
    pub(super) guides: Vec<GuidePart>,
    pub(super) credit: String,
    /// The text of `not-given`, for empty answers.
    pub(super) none: String,
}

/// What one step of the programme left on the sheet.
pub(super) enum Part {
    Board(BoardPart),
    Checklist(ChecklistPart),
    Plan(PlanPart),
    /// The closing questions and the group's answers.
    Reflection(FieldsPart),
}

pub(super) struct BoardPart {
    pub(super) title: String,
    pub(super) legend: Option<String>,
    pub(super) columns: Vec<ColumnPart>,
    pub(super) empty: String,
}

pub(super) struct ColumnPart {
    pub(super) title: String,
    /// Pinned first.
    pub(super) notes: Vec<(bool, String)>,
}

pub(super) struct ChecklistPart {
    pub(super) title: String,
    pub(super) question: String,
    /// Most ticked first; empty when nobody answered.
    pub(super) bars: Vec<Bar>,
    pub(super) answered: String,
    /// A label (with its colon) and the names.
    pub(super) skipped: Option<(String, Vec<String>)>,
    pub(super) waiting: Option<(String, Vec<String>)>,
}

pub(super) struct Bar {
    pub(super) text: String,
    pub(super) count: usize,
    pub(super) answered: usize,
}

impl Bar {
    pub(super) fn percent(&self) -> usize {
        (self.count * 100).checked_div(self.answered).unwrap_or(0)
    }
}

pub(super) struct PlanPart {
    pub(super) title: String,
    /// The decision's label (with its colon), its text, and its Fluent id
    /// when it is one of the programme's.
    pub(super) decision_label: String,
    pub(super) decision: String,
    pub(super) decision_id: Option<String>,
    pub(super) partners_title: String,
    pub(super) partners: Vec<PartnerPart>,
    pub(super) no_partner: String,
    pub(super) shortlisted: String,
    /// The level and the free-text fields, in programme order: label (with
    /// its colon) and lines (none when not answered).
    pub(super) fields: Vec<(String, Vec<String>)>,
}

/// A titled list of questions with their answers: label (with its colon)
/// and lines (none when not answered).
pub(super) struct FieldsPart {
    pub(super) title: String,
    pub(super) fields: Vec<(String, Vec<String>)>,
}

/// The sections of the guide that the pairs read, as text.
pub(super) struct GuidePart {
    pub(super) title: String,
    pub(super) intro: String,
    pub(super) sections: Vec<(String, Vec<GuideBlock>)>,
}

pub(super) enum GuideBlock {
    Text(String),
    /// Items; a term with its description reads `name — description`.
    List(Vec<String>),
}

pub(super) struct PartnerPart {
    pub(super) name: String,
    pub(super) description: String,
    pub(super) shortlisted: bool,
}

pub(super) struct TimePart {
    pub(super) title: String,
    pub(super) used: String,
    pub(super) against_plan: String,
    /// Each step: planned, fitted when the session fitted it, used.
    pub(super) steps: Vec<String>,
}

pub(super) struct TrendPart {
    pub(super) title: String,
    pub(super) intro: String,
    pub(super) item_header: String,
    pub(super) change_header: String,
    pub(super) tables: Vec<TrendTable>,
}

pub(super) struct TrendTable {
    pub(super) title: String,
    pub(super) dates: Vec<String>,
    /// Item text, one cell per date, the change.
    pub(super) rows: Vec<(String, Vec<String>, String)>,
}

/// A date in the language's `date-format` (ui.ftl), or ISO if that format
/// is not one chrono understands.
pub(super) fn format_date(at: NaiveDate, tr: &Tr) -> String {
    let mut out = String::new();
    if write!(out, "{}", at.format(&tr.t("date-format"))).is_err() {
        out = at.format("%Y-%m-%d").to_string();
    }
    out
}

impl Sheet {
    pub(super) fn gather(programme: &Programme, session: &Session, trend: Option<&Trend>, tr: &Tr) -> Sheet {
        let words = Words::new(tr);
        let group = user_line(&session.roster.group);
        let group = if group.is_empty() { tr.t("export-no-group") } else { group };
        let facts = facts(session, &group, &words);
        // Several steps of a kind whose part has no title of its own (the
        // reflection, the guide) are told apart by their step's title.
        let several = |kind: Kind| programme.steps.iter().filter(|s| s.kind.kind() == kind).count() > 1;
        let (several_summaries, several_readings) = (several(Kind::Summary), several(Kind::Reading));
        let mut parts = Vec::new();
        let mut guides = Vec::new();
        for step in &programme.steps {
            let Some(record) = session.steps.iter().find(|r| r.id == step.id) else { continue };
            let title = tr.t(&step.title);
            match pair(&step.kind, &record.state) {
                Some(Step::Board(def, board)) => parts.push(Part::Board(board_part(title, def, board, &words))),
                Some(Step::Checklist(def, checklist)) => {
                    parts.push(Part::Checklist(checklist_part(title, def, checklist, &words)));
                }
                Some(Step::Plan(def, plan)) => {
                    parts.push(Part::Plan(PlanPart::gather(&title, def, plan, tr, &words.colon)))
                }
                Some(Step::Summary(def, state)) if !def.fields.is_empty() => {
                    let title = if several_summaries {
                        tr.args("export-reflection-of", &[("step", title.as_str().into())])
                    } else {
                        tr.t("export-reflection")
                    };
                    parts.push(Part::Reflection(reflection_part(title, def, state, &words)));
                }
                Some(Step::Reading(def, _)) => {
                    let title = if several_readings {
                        tr.args("export-guide-of", &[("step", title.as_str().into())])
                    } else {
                        tr.t("export-guide")
                    };
                    guides.push(guide_part(title, def, tr));
                }
                // The welcome's roster is in the facts; the pairs' clocks in the time.
                Some(Step::Info(..) | Step::TimedPairs(..) | Step::Summary(..)) | None => {}
            }
        }
        Sheet {
            kicker: tr.t("export-sheet"),
            title: tr.t(&programme.title),
            group,
            facts,
            parts,
            time: time_part(programme, session, tr),
            trend: trend.filter(|t| t.sessions() > 1).map(|t| TrendPart::gather(t, tr)),
            guides,
            credit: tr.t(&programme.credit),
            none: words.none,
        }
    }
}

/// The words every part uses, looked up once.
struct Words<'a> {
    tr: &'a Tr<'a>,
    colon: String,
    none: String,
}

impl<'a> Words<'a> {
    fn new(tr: &'a Tr<'a>) -> Self {
        Self { tr, colon: tr.t("export-colon"), none: tr.t("export-not-given") }
    }

    /// A label with its colon, as the language writes it.
    fn label(&self, text: &str) -> String {
        format!("{text}{}", self.colon).trim_end().to_string()
    }

    fn or_none(&self, text: String) -> String {
        if text.is_empty() { self.none.clone() } else { text }
    }
}

/// The facts at the top: the group, the date, the region, the participants.
fn facts(session: &Session, group: &str, words: &Words) -> Vec<(String, String)> {
    let tr = words.tr;
    let participants: Vec<String> =
        session.roster.participants.iter().map(|p| user_line(p)).filter(|p| !p.is_empty()).collect();
    vec![
        (words.label(&tr.t("export-group")), group.to_string()),
        (words.label(&tr.t("export-date")), format_date(session.held_on(), tr)),
        (words.label(&tr.t("export-region")), words.or_none(user_line(&session.roster.region))),
        (
            words.label(&tr.args("export-participants", &[("count", participants.len().into())])),
            words.or_none(participants.join(", ")),
        ),
    ]
}

fn board_part(title: String, def: &board::Def, board: &board::Board, words: &Words) -> BoardPart {
    let tr = words.tr;
    let columns = def
        .columns
        .iter()
        .map(|c| ColumnPart {
            title: tr.t(&c.title),
            notes: board
                .column_notes(&c.id)
                .map(|n| (n.pinned, user_line(&n.text)))
                .filter(|(_, t)| !t.is_empty())
                .collect(),
        })
        .collect::<Vec<_>>();
    let any_pinned = columns.iter().flat_map(|c| &c.notes).any(|(p, _)| *p);
    BoardPart { title, legend: any_pinned.then(|| tr.t("export-pinned")), columns, empty: tr.t("export-no-notes") }
}

fn checklist_part(title: String, def: &ChecklistDef, c: &Checklist, words: &Words) -> ChecklistPart {
    let tr = words.tr;
    let answered = c.answered();
    let bars = if answered == 0 {
        Vec::new()
    } else {
        c.totals(&def.item_ids())
            .into_iter()
            .map(|t| Bar {
                text: def.item(&t.item).map(|i| tr.t(&i.text)).unwrap_or_default(),
                count: t.count,
                answered: t.answered,
            })
            .collect()
    };
    let names = |status: TurnStatus| -> Vec<String> {
        c.turns
            .iter()
            .filter(|t| t.status == status && !t.participant.trim().is_empty())
            .map(|t| user_line(&t.participant))
            .collect()
    };
    let line = |id: &str, names: Vec<String>| {
        (!names.is_empty()).then(|| (words.label(&tr.args(id, &[("count", names.len().into())])), names))
    };
    ChecklistPart {
        title,
        question: tr.t(&def.question),
        bars,
        answered: tr.args("export-answers", &[("count", answered.into())]),
        skipped: line("export-skipped", names(TurnStatus::Skipped)),
        waiting: line("export-waiting", names(TurnStatus::Waiting)),
    }
}

fn reflection_part(title: String, def: &summary::Def, state: &summary::State, words: &Words) -> FieldsPart {
    let fields = def
        .fields
        .iter()
        .map(|f| {
            let answer = state.answers.get(&f.id).map(|a| user_lines(a)).unwrap_or_default();
            (words.label(&words.tr.t(&f.title)), answer)
        })
        // One line each, sent from the phones in the room.
        .chain((!state.lines.is_empty()).then(|| {
            let label = words.tr.args("closing-room-lines", &[("count", state.lines.len().into())]);
            (words.label(&label), state.lines.iter().map(|l| user_line(l)).collect())
        }))
        .collect();
    FieldsPart { title, fields }
}

fn guide_part(title: String, def: &reading::Def, tr: &Tr) -> GuidePart {
    let sections = def
        .sections
        .iter()
        .map(|section| {
            let blocks = section
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Text(id) => GuideBlock::Text(tr.t(id)),
                    Block::Bullets(ids) => GuideBlock::List(ids.iter().map(|id| tr.t(id)).collect()),
                    Block::Terms(ids) => GuideBlock::List(
                        ids.iter().map(|id| format!("{} — {}", tr.t(id), tr.attr(id, "desc"))).collect(),
                    ),
                })
                .collect();
            (tr.t(&section.title), blocks)
        })
        .collect();
    GuidePart { title, intro: tr.t("export-guide-intro"), sections }
}

/// The time used, against the plan, and step by step: the minutes as the
/// header showed them at the last save (`pace`).
fn time_part(programme: &Programme, session: &Session, tr: &Tr) -> TimePart {
    let pace = session.pace_at_rest(programme);
    let (used, planned) = (pace.used, pace.planned);
    let against_plan = match pace.late.unwrap_or(0) {
        0 => tr.t("export-time-on-plan"),
        b if b > 0 => tr.args("export-time-over", &[("over", tr.minutes(b.unsigned_abs()).as_str().into())]),
        b => tr.args("export-time-under", &[("under", tr.minutes(b.unsigned_abs()).as_str().into())]),
    };
    let step_line = |step: &programme::Step, used: u64| {
        let minutes = |m: u64| tr.minutes(m);
        let (planned, fitted) = (step.minutes, session.plan_of(step));
        let (title, planned_text, used_text) = (tr.t(&step.title), minutes(planned), minutes(used));
        let mut args = vec![
            ("title", title.as_str().into()),
            ("planned", planned_text.as_str().into()),
            ("used", used_text.as_str().into()),
        ];
        let fitted_text = minutes(fitted);
        if fitted == planned {
            tr.args("export-time-step", &args)
        } else {
            args.push(("fitted", fitted_text.as_str().into()));
            tr.args("export-time-step-fitted", &args)
        }
    };
    TimePart {
        title: tr.t("export-time"),
        used: tr.args(
            "export-time-used",
            &[("used", tr.minutes(used).as_str().into()), ("planned", tr.minutes(planned).as_str().into())],
        ),
        against_plan,
        steps: programme.steps.iter().zip(&pace.steps).map(|(step, used)| step_line(step, *used)).collect(),
    }
}

impl PlanPart {
    pub(super) fn gather(title: &str, def: &Def, p: &Plan, tr: &Tr, colon: &str) -> PlanPart {
        let field_title = |id: &str| def.field(id).map(|f| tr.t(&f.title)).unwrap_or_default();
        let label = |title: String| format!("{title}{colon}").trim_end().to_string();
        let chosen = |field: &str| p.choice(field).map(|option| def.option_text(field, option).unwrap_or(option));
        let decision_field = def.decision.as_deref().unwrap_or_default();
        // The decision's text id is also its class on the printed sheet.
        let decision_id = chosen(decision_field).filter(|_| p.decision_text(def).is_some()).map(String::from);
        let decision = match chosen(decision_field) {
            Some(text) => user_line(&tr.t(text)),
            None => tr.t("export-no-decision"),
        };
        let mut rows = Vec::new();
        for field in &def.fields {
            let lines = match &field.kind {
                FieldKind::Partners => continue,
                FieldKind::Choice { .. } if field.id == decision_field => continue,
                FieldKind::Choice { .. } => chosen(&field.id).map(|t| user_line(&tr.t(t))).into_iter().collect(),
                FieldKind::Text => p.answers.get(&field.id).map(|a| user_lines(a)).unwrap_or_default(),
                FieldKind::Date => p
                    .answers
                    .get(&field.id)
                    .map(|a| match crate::steps::plan::parse_date(a) {
                        Some(date) => vec![date.format(&tr.t("date-format")).to_string()],
                        None => user_lines(a),
                    })
                    .unwrap_or_default(),
            };
            rows.push((label(tr.t(&field.title)), lines));
        }
        PlanPart {
            title: title.to_string(),
            decision_label: label(field_title(decision_field)),
            decision,
            decision_id,
            partners_title: def.partners_field().map(|f| tr.t(&f.title)).unwrap_or_default(),
            partners: p
                .partners
                .iter()
                .map(|x| PartnerPart {
                    name: user_line(&x.name),
                    description: user_line(&x.description),
                    shortlisted: x.shortlisted,
                })
                .collect(),
            no_partner: tr.t("export-no-partner"),
            shortlisted: tr.t("export-shortlisted"),
            fields: rows,
        }
    }
}

impl TrendPart {
    pub(super) fn gather(trend: &Trend, tr: &Tr) -> TrendPart {
        let dates = trend.checklists.first().map(|c| c.dates.clone()).unwrap_or_default();
        let (first, last) = match (dates.first(), dates.last()) {
            (Some(f), Some(l)) => (format_date(*f, tr), format_date(*l, tr)),
            _ => Default::default(),
        };
        let no_answer = tr.t("export-trend-no-answer");
        let tables = trend
            .checklists
            .iter()
            .map(|c| TrendTable {
                title: tr.t(&c.title),
                dates: c.dates.iter().map(|d| format_date(*d, tr)).collect(),
                rows: c
                    .items
                    .iter()
                    .map(|item| {
                        let cells = item
                            .points
                            .iter()
                            .map(|p| p.map_or_else(|| no_answer.clone(), |s| format!("{}/{}", s.count, s.answered)))
                            .collect();
                        let change = match item.change() {
                            None => no_answer.clone(),
                            Some(points) => {
                                let sign = match points {
                                    p if p > 0 => "+",
                                    p if p < 0 => "\u{2212}",
                                    _ => "",
                                };
                                let direction = match points {
                                    p if p > 0 => "up",
                                    p if p < 0 => "down",
                                    _ => "same",
                                };
                                tr.args(
                                    "export-trend-points",
                                    &[
                                        ("sign", sign.into()),
                                        ("points", u64::from(points.unsigned_abs()).into()),
                                        ("direction", direction.into()),
                                    ],
                                )
                            }
                        };
                        (tr.t(&item.text), cells, change)
                    })
                    .collect(),
            })
            .collect();
        TrendPart {
            title: tr.t("export-trend"),
            intro: tr.args(
                "export-trend-intro",
                &[("count", dates.len().into()), ("first", first.as_str().into()), ("last", last.as_str().into())],
            ),
            item_header: tr.t("export-trend-item"),
            change_header: tr.t("export-trend-change"),
            tables,
        }
    }
}

/// Typed text, cleaned of control characters and trimmed, one line.
pub(super) fn user_line(text: &str) -> String {
    printable(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Typed text that may hold several lines: each cleaned and trimmed, blank
/// lines dropped.
pub(super) fn user_lines(text: &str) -> Vec<String> {
    text.lines().map(user_line).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_cleaned_and_kept_by_lines() {
        assert_eq!(user_line("  a\x1b[31m  b\u{202e} "), "a [31m b");
        assert_eq!(user_lines("one\r\n\n  two  \nthree\x07"), ["one", "two", "three"]);
    }
}
