//! The printable "partnership sheet" of one session: Markdown, a
//! self-contained HTML page that prints on one or two A4 pages, or the
//! session itself as JSON.
//!
//! The sheet is gathered once into plain text ([`Sheet`]) and then written
//! out by one renderer per format. Every string reaches a renderer raw and
//! is escaped there, whether it comes from the notes or from the Fluent
//! texts; what people typed is also passed through [`printable`] first.
//!
//! The session is expected as read from disk: its clocks are settled, so
//! the time used is what was accumulated.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use chrono::{DateTime, Local};

use std::path::Path;
use std::rc::Rc;

use crate::i18n::{Lang, Tr};
use crate::programme::Programme;
use crate::session::Session;
use crate::steps::checklist::TurnStatus;
use crate::steps::plan::{Def, FieldKind, Plan};
use crate::steps::{Step, pair};
use crate::store::{Store, StoreError};
use crate::text::printable;
use crate::trend::Trend;
use crate::workshop::{self, Workshop};

/// The formats of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    /// The extension of a file in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format '{}': use md, html or json / format inconnu : md, html ou json", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

/// The sheet of the session in the file `path`, in `format`, with the
/// trend of its group: in `lang`, else in the session's own language. A
/// name for its file comes with it, made from the session's file name
/// (never from its content). The one way a sheet is made, from the command
/// line and from the screens.
pub fn sheet(
    store: &Store,
    built_in: &Rc<Workshop>,
    path: &Path,
    format: Format,
    lang: Option<Lang>,
) -> Result<(String, String), StoreError> {
    let session = store.load(path)?;
    let workshop = workshop::of_session(&session, built_in).unwrap_or_else(|(stand_in, _)| stand_in);
    let group = store.group_sessions(&session.roster.group)?;
    let trend = crate::trend::trend(&workshop.programme, &group);
    let tr = Tr::new(&workshop.texts, lang.unwrap_or(session.lang));
    let text = render(format, &workshop.programme, &session, Some(&trend), &tr);
    Ok((crate::store::file_name_for(path), text))
}

/// The session's minutes by the one rule (`pace`), for scripts.
fn clock_json(pace: &crate::pace::Pace<chrono::Local>) -> serde_json::Value {
    serde_json::json!({
        "used_minutes": pace.used,
        "planned_minutes": pace.planned,
        "step_minutes": pace.steps,
        "break_minutes": pace.breaks,
        "step_in_progress": pace.progress,
        "end": pace.end.fixed_offset().to_rfc3339(),
        "target": pace.target.map(|t| t.fixed_offset().to_rfc3339()),
        "late_minutes": pace.late,
        "finished": pace.finished,
    })
}

/// The sheet of `session` in `format`, in the language of `tr`. A `trend`
/// covering more than one session adds the group's evolution.
pub fn render(format: Format, programme: &Programme, session: &Session, trend: Option<&Trend>, tr: &Tr) -> String {
    match format {
        Format::Json => {
            // A session is plain data with string keys: it always
            // serialises. Its minutes, as every surface shows them, come
            // with it under `clock` (a file read back keeps them aside).
            let mut value = serde_json::to_value(session).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("clock".into(), clock_json(&session.pace_at_rest(programme)));
            }
            let mut json = serde_json::to_string_pretty(&value).unwrap_or_default();
            json.push('\n');
            json
        }
        Format::Markdown => markdown(&Sheet::gather(programme, session, trend, tr)),
        Format::Html => html(&Sheet::gather(programme, session, trend, tr), tr.lang.code()),
    }
}

// ---------------------------------------------------------------------------
// Escaping

/// Text made safe inside HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line of text made inert in Markdown (CommonMark and GitHub's
/// tables), wherever it stands, the start of a line included: the
/// characters that make emphasis, links, code, HTML, tables or entities are
/// backslash-escaped, and so is whatever would open a block at the start of
/// a line (heading, list, quote, thematic break, setext underline, numbered
/// list). Line breaks become spaces: call it once per line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = escape_markdown_inline(text);
    // A line may not start a block: `- x`, `+ x`, `= x`, `1. x`, `1) x`
    // (`#` and `>` are escaped everywhere).
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Like [`escape_markdown`], for text that never starts a line (a table
/// cell): the start is left as it is, so `+8` stays `+8`.
fn escape_markdown_inline(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '<' | '>' | '|' | '~' => true,
            // Only an `&` that could start an entity (`&lt;`, `&#60;`).
            '&' => chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#'),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Typed text, cleaned of control characters and trimmed, one line.
fn user_line(text: &str) -> String {
    printable(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Typed text that may hold several lines: each cleaned and trimmed, blank
/// lines dropped.
fn user_lines(text: &str) -> Vec<String> {
    text.lines().map(user_line).filter(|l| !l.is_empty()).collect()
}

// ---------------------------------------------------------------------------
// What the sheet says, in plain text

/// The sheet, gathered in the order it is printed. Every string is plain
/// text, escaped by the renderer.
struct Sheet {
    kicker: String,
    title: String,
    group: String,
    facts: Vec<(String, String)>,
    board: Option<BoardPart>,
    checklists: Vec<ChecklistPart>,
    plan: Option<PlanPart>,
    time: TimePart,
    trend: Option<TrendPart>,
    /// The closing questions and the group's answers.
    reflection: Option<FieldsPart>,
    /// The guide's essentials, in the workshop's words, for new members.
    guide: Option<GuidePart>,
    credit: String,
    /// The text of `not-given`, for empty answers.
    none: String,
}

struct BoardPart {
    title: String,
    legend: Option<String>,
    columns: Vec<ColumnPart>,
    empty: String,
}

struct ColumnPart {
    title: String,
    /// Pinned first.
    notes: Vec<(bool, String)>,
}

struct ChecklistPart {
    title: String,
    question: String,
    /// Most ticked first; empty when nobody answered.
    bars: Vec<Bar>,
    answered: String,
    /// A label (with its colon) and the names.
    skipped: Option<(String, Vec<String>)>,
    waiting: Option<(String, Vec<String>)>,
}

struct Bar {
    text: String,
    count: usize,
    answered: usize,
}

impl Bar {
    fn percent(&self) -> usize {
        (self.count * 100).checked_div(self.answered).unwrap_or(0)
    }
}

struct PlanPart {
    title: String,
    /// The decision's label (with its colon), its text, and its Fluent id
    /// when it is one of the programme's.
    decision_label: String,
    decision: String,
    decision_id: Option<String>,
    partners_title: String,
    partners: Vec<PartnerPart>,
    no_partner: String,
    shortlisted: String,
    /// The level and the free-text fields, in programme order: label (with
    /// its colon) and lines (none when not answered).
    fields: Vec<(String, Vec<String>)>,
}

/// A titled list of questions with their answers: label (with its colon)
/// and lines (none when not answered).
struct FieldsPart {
    title: String,
    fields: Vec<(String, Vec<String>)>,
}

/// The sections of the guide that the pairs read, as text.
struct GuidePart {
    title: String,
    intro: String,
    sections: Vec<(String, Vec<GuideBlock>)>,
}

enum GuideBlock {
    Text(String),
    /// Items; a term with its description reads `name — description`.
    List(Vec<String>),
}

struct PartnerPart {
    name: String,
    description: String,
    shortlisted: bool,
}

struct TimePart {
    title: String,
    used: String,
    against_plan: String,
    /// Each step: planned, fitted when the session fitted it, used.
    steps: Vec<String>,
}

struct TrendPart {
    title: String,
    intro: String,
    item_header: String,
    change_header: String,
    tables: Vec<TrendTable>,
}

struct TrendTable {
    title: String,
    dates: Vec<String>,
    /// Item text, one cell per date, the change.
    rows: Vec<(String, Vec<String>, String)>,
}

/// A date in the language's `date-format` (ui.ftl), or ISO if that format
/// is not one chrono understands.
fn format_date(at: &DateTime<Local>, tr: &Tr) -> String {
    let mut out = String::new();
    if write!(out, "{}", at.format(&tr.t("date-format"))).is_err() {
        out = at.format("%Y-%m-%d").to_string();
    }
    out
}

impl Sheet {
    fn gather(programme: &Programme, session: &Session, trend: Option<&Trend>, tr: &Tr) -> Sheet {
        let colon = tr.t("export-colon");
        let label = |id: &str| format!("{}{}", tr.t(id), colon).trim_end().to_string();
        let none = tr.t("export-not-given");
        let or_none = |s: String| if s.is_empty() { none.clone() } else { s };

        let group = user_line(&session.roster.group);
        let group = if group.is_empty() { tr.t("export-no-group") } else { group };
        let participants: Vec<String> =
            session.roster.participants.iter().map(|p| user_line(p)).filter(|p| !p.is_empty()).collect();
        let facts = vec![
            (label("export-group"), group.clone()),
            (label("export-date"), format_date(&session.created_at, tr)),
            (label("export-region"), or_none(user_line(&session.roster.region))),
            (
                format!("{}{}", tr.args("export-participants", &[("count", participants.len().into())]), colon)
                    .trim_end()
                    .to_string(),
                or_none(participants.join(", ")),
            ),
        ];

        let mut board = None;
        let mut checklists = Vec::new();
        let mut plan = None;
        let mut reflection = None;
        let mut guide = None;
        for step in &programme.steps {
            let Some(record) = session.steps.iter().find(|r| r.id == step.id) else { continue };
            match pair(&step.kind, &record.state) {
                Some(Step::Board(def, b)) => {
                    let columns = def
                        .columns
                        .iter()
                        .map(|c| ColumnPart {
                            title: tr.t(&c.title),
                            notes: b
                                .column_notes(&c.id)
                                .map(|n| (n.pinned, user_line(&n.text)))
                                .filter(|(_, t)| !t.is_empty())
                                .collect(),
                        })
                        .collect::<Vec<_>>();
                    let any_pinned = columns.iter().flat_map(|c| &c.notes).any(|(p, _)| *p);
                    board = Some(BoardPart {
                        title: tr.t(&step.title),
                        legend: any_pinned.then(|| tr.t("export-pinned")),
                        columns,
                        empty: tr.t("export-no-notes"),
                    });
                }
                Some(Step::Checklist(def, c)) => {
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
                        (!names.is_empty()).then(|| {
                            let text = tr.args(id, &[("count", names.len().into())]);
                            (format!("{text}{colon}").trim_end().to_string(), names)
                        })
                    };
                    checklists.push(ChecklistPart {
                        title: tr.t(&step.title),
                        question: tr.t(&def.question),
                        bars,
                        answered: tr.args("export-answers", &[("count", answered.into())]),
                        skipped: line("export-skipped", names(TurnStatus::Skipped)),
                        waiting: line("export-waiting", names(TurnStatus::Waiting)),
                    });
                }
                Some(Step::Plan(def, p)) => plan = Some(PlanPart::gather(&tr.t(&step.title), def, p, tr, &colon)),
                Some(Step::Summary(def, s)) if !def.fields.is_empty() => {
                    let fields = def
                        .fields
                        .iter()
                        .map(|f| {
                            let label = format!("{}{colon}", tr.t(&f.title)).trim_end().to_string();
                            (label, s.answers.get(&f.id).map(|a| user_lines(a)).unwrap_or_default())
                        })
                        .collect();
                    reflection = Some(FieldsPart { title: tr.t("export-reflection"), fields });
                }
                Some(Step::Reading(def, _)) => {
                    use crate::steps::Block;
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
                                        ids.iter()
                                            .map(|id| format!("{} — {}", tr.t(id), tr.attr(id, "desc")))
                                            .collect(),
                                    ),
                                })
                                .collect();
                            (tr.t(&section.title), blocks)
                        })
                        .collect();
                    guide =
                        Some(GuidePart { title: tr.t("export-guide"), intro: tr.t("export-guide-intro"), sections });
                }
                Some(Step::Info(..) | Step::TimedPairs(..) | Step::Summary(..)) | None => {}
            }
        }

        // The minutes as the header showed them at the last save.
        let pace = session.pace_at_rest(programme);
        let (used, planned) = (pace.used, pace.planned);
        let against_plan = match pace.late.unwrap_or(0) {
            0 => tr.t("export-time-on-plan"),
            b if b > 0 => tr.args("export-time-over", &[("over", tr.minutes(b.unsigned_abs()).as_str().into())]),
            b => tr.args("export-time-under", &[("under", tr.minutes(b.unsigned_abs()).as_str().into())]),
        };
        let time = TimePart {
            title: tr.t("export-time"),
            used: tr.args(
                "export-time-used",
                &[("used", tr.minutes(used).as_str().into()), ("planned", tr.minutes(planned).as_str().into())],
            ),
            against_plan,
            steps: programme
                .steps
                .iter()
                .zip(&pace.steps)
                .map(|(step, used)| {
                    let minutes = |m: u64| tr.minutes(m);
                    let (planned, fitted, used) = (step.minutes, session.plan_of(step), *used);
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
                })
                .collect(),
        };

        Sheet {
            kicker: tr.t("export-sheet"),
            title: tr.t(&programme.title),
            group,
            facts,
            board,
            checklists,
            plan,
            time,
            trend: trend.filter(|t| t.sessions() > 1).map(|t| TrendPart::gather(t, tr)),
            reflection,
            guide,
            credit: tr.t(&programme.credit),
            none,
        }
    }
}

impl PlanPart {
    fn gather(title: &str, def: &Def, p: &Plan, tr: &Tr, colon: &str) -> PlanPart {
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
    fn gather(trend: &Trend, tr: &Tr) -> TrendPart {
        let dates = trend.checklists.first().map(|c| c.dates.clone()).unwrap_or_default();
        let (first, last) = match (dates.first(), dates.last()) {
            (Some(f), Some(l)) => (format_date(f, tr), format_date(l, tr)),
            _ => Default::default(),
        };
        let no_answer = tr.t("export-trend-no-answer");
        let tables = trend
            .checklists
            .iter()
            .map(|c| TrendTable {
                title: tr.t(&c.title),
                dates: c.dates.iter().map(|d| format_date(d, tr)).collect(),
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

// ---------------------------------------------------------------------------
// Markdown

/// A text bar of `█` and `░`, one cell per participant who answered (at
/// most twenty cells).
fn text_bar(count: usize, answered: usize) -> String {
    let width = answered.min(20);
    let filled = (count * width + answered / 2).checked_div(answered).unwrap_or(0).min(width);
    "█".repeat(filled) + &"░".repeat(width - filled)
}

fn markdown(sheet: &Sheet) -> String {
    let e = escape_markdown;
    let mut md = String::new();
    let mut line = |s: &str| {
        md.push_str(s);
        md.push('\n');
    };
    line(&format!("*{}*", e(&sheet.kicker)));
    line("");
    line(&format!("# {}", e(&sheet.title)));
    line("");
    for (label, value) in &sheet.facts {
        line(&format!("- **{}** {}", e(label), e(value)));
    }

    if let Some(board) = &sheet.board {
        line("");
        line(&format!("## {}", e(&board.title)));
        if let Some(legend) = &board.legend {
            line("");
            line(&format!("*{}*", e(legend)));
        }
        for column in &board.columns {
            line("");
            line(&format!("### {}", e(&column.title)));
            line("");
            if column.notes.is_empty() {
                line(&e(&board.empty));
            }
            for (pinned, text) in &column.notes {
                let star = if *pinned { "★ " } else { "" };
                line(&format!("- {star}{}", e(text)));
            }
        }
    }

    for c in &sheet.checklists {
        line("");
        line(&format!("## {}", e(&c.title)));
        line("");
        line(&format!("*{}*", e(&c.question)));
        line("");
        for bar in &c.bars {
            line(&format!(
                "- `{}` **{}/{}** {}",
                text_bar(bar.count, bar.answered),
                bar.count,
                bar.answered,
                e(&bar.text)
            ));
        }
        if !c.bars.is_empty() {
            line("");
        }
        let mut notes = vec![e(&c.answered)];
        for (label, names) in c.skipped.iter().chain(&c.waiting) {
            let names: Vec<String> = names.iter().map(|n| e(n)).collect();
            notes.push(format!("{} {}", e(label), names.join(", ")));
        }
        line(&notes.join("  \n"));
    }

    if let Some(plan) = &sheet.plan {
        line("");
        line(&format!("## {}", e(&plan.title)));
        line("");
        line(&format!("> **{} {}**", e(&plan.decision_label), e(&plan.decision)));
        line("");
        line(&format!("### {}", e(&plan.partners_title)));
        line("");
        if plan.partners.is_empty() {
            line(&e(&plan.no_partner));
        }
        for p in &plan.partners {
            let mut s = String::from("- ");
            if p.shortlisted {
                s.push_str("★ ");
            }
            let _ = write!(s, "**{}**", e(&p.name));
            if !p.description.is_empty() {
                let _ = write!(s, " — {}", e(&p.description));
            }
            if p.shortlisted {
                let _ = write!(s, " *({})*", e(&plan.shortlisted));
            }
            line(&s);
        }
        for (title, lines) in &plan.fields {
            line("");
            line(&markdown_field(title, lines, &sheet.none));
        }
    }

    if let Some(reflection) = &sheet.reflection {
        line("");
        line(&format!("## {}", e(&reflection.title)));
        for (title, lines) in &reflection.fields {
            line("");
            line(&markdown_field(title, lines, &sheet.none));
        }
    }

    line("");
    line(&format!("## {}", e(&sheet.time.title)));
    line("");
    line(&format!("{} — {}", e(&sheet.time.used), e(&sheet.time.against_plan)));
    line("");
    for step in &sheet.time.steps {
        line(&format!("- {}", e(step)));
    }

    if let Some(trend) = &sheet.trend {
        line("");
        line(&format!("## {}", e(&trend.title)));
        line("");
        line(&e(&trend.intro));
        for table in &trend.tables {
            line("");
            line(&format!("### {}", e(&table.title)));
            line("");
            let cell = escape_markdown_inline;
            let dates: Vec<String> = table.dates.iter().map(|d| cell(d)).collect();
            line(&format!("| {} | {} | {} |", cell(&trend.item_header), dates.join(" | "), cell(&trend.change_header)));
            line(&format!("|---|{}---:|", "---:|".repeat(dates.len())));
            for (text, cells, change) in &table.rows {
                let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                line(&format!("| {} | {} | {} |", cell(text), cells.join(" | "), cell(change)));
            }
        }
    }

    if let Some(guide) = &sheet.guide {
        line("");
        line(&format!("## {}", e(&guide.title)));
        line("");
        line(&format!("*{}*", e(&guide.intro)));
        for (title, blocks) in &guide.sections {
            line("");
            line(&format!("### {}", e(title)));
            for block in blocks {
                line("");
                match block {
                    GuideBlock::Text(text) => line(&e(text)),
                    GuideBlock::List(items) => items.iter().for_each(|i| line(&format!("- {}", e(i)))),
                }
            }
        }
    }

    line("");
    line("---");
    line("");
    line(&format!("*{}*", e(&sheet.credit)));
    md
}

/// One field of the plan or the reflection, in Markdown: its title in
/// bold, its lines kept as lines, or the word for nothing written.
fn markdown_field(title: &str, lines: &[String], none: &str) -> String {
    let e = escape_markdown;
    let body = if lines.is_empty() { e(none) } else { lines.iter().map(|l| e(l)).collect::<Vec<_>>().join("  \n") };
    format!("**{}** {}", e(title), body)
}

// ---------------------------------------------------------------------------
// HTML

/// The same field in HTML, as a term and its definition.
fn html_field(title: &str, lines: &[String], none: &str) -> String {
    let e = escape_html;
    let body = if lines.is_empty() {
        format!("<span class=\"muted\">{}</span>", e(none))
    } else {
        lines.iter().map(|l| e(l)).collect::<Vec<_>>().join("<br>")
    };
    format!("<dt>{}</dt><dd>{}</dd>", e(title), body)
}

const STYLE: &str = r#"
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { color: #1f2a1f; background: #fff; }
body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; font-size: 10pt; line-height: 1.35; max-width: 180mm; margin: 10mm auto; padding: 0 5mm; }
header { border-bottom: 2pt solid #2f6f3e; padding-bottom: 3mm; margin-bottom: 4mm; }
.kicker { margin: 0; color: #2f6f3e; font-size: 9pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; }
h1 { font-size: 18pt; margin: 1mm 0 2mm; line-height: 1.15; }
h2 { font-size: 12.5pt; color: #2f6f3e; margin: 0 0 2mm; padding-bottom: 0.8mm; border-bottom: 0.6pt solid #b9cfbd; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 2mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
section, .keep { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
section.trend, section.guide { break-inside: auto; page-break-inside: auto; }
section.guide { font-size: 9pt; }
.keep { margin: 0 0 3mm; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; margin: 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
ul { margin: 0; padding-left: 5mm; }
li { margin: 0 0 0.8mm; }
li.pinned { font-weight: bold; list-style: none; margin-left: -4mm; }
.star { color: #b7791f; }
.muted { color: #5b665b; }
.question { font-style: italic; color: #3d4a3d; }
table { border-collapse: collapse; width: 100%; }
table.bars td { padding: 0.4mm 1.5mm 0.4mm 0; vertical-align: middle; }
table.bars td.item { width: 58%; }
table.bars td.bar { width: 32%; }
table.bars td.count { width: 10%; text-align: right; font-weight: bold; white-space: nowrap; font-variant-numeric: tabular-nums; }
.track { height: 8pt; background: #e3e9e4; border: 0.4pt solid #c4d1c6; border-radius: 2pt; overflow: hidden; }
.fill { height: 100%; background: #3f8a50; }
.turns { font-size: 9pt; }
.decision { font-size: 13pt; margin: 0 0 3mm; padding: 2mm 3mm; border: 1.2pt solid #2f6f3e; border-left-width: 4pt; border-radius: 2pt; background: #eef5ef; }
.decision strong { font-size: 14pt; }
.decision.decision-not-now { border-color: #b7791f; background: #fbf4e6; }
.decision.decision-no { border-color: #9b2c2c; background: #fbeaea; }
.decision.undecided { border-color: #8a948a; background: #f3f4f3; }
.fields { display: grid; grid-template-columns: 48mm 1fr; gap: 1.2mm 3mm; margin: 3mm 0 0; }
.fields dt { font-weight: bold; }
.fields dd { margin: 0; }
table.trend { font-size: 9pt; }
table.trend th, table.trend td { border-bottom: 0.4pt solid #d5ddd6; padding: 0.3mm 1.5mm; text-align: right; font-variant-numeric: tabular-nums; }
table.trend th:first-child, table.trend td:first-child { text-align: left; }
table.trend th { font-weight: bold; vertical-align: bottom; }
footer { break-before: avoid; page-break-before: avoid; margin-top: 4mm; padding-top: 1.5mm; border-top: 0.6pt solid #b9cfbd; font-size: 8.5pt; color: #5b665b; font-style: italic; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
}
"#;

fn html(sheet: &Sheet, lang: &str) -> String {
    let e = escape_html;
    let mut h = String::new();
    let mut line = |s: &str| {
        h.push_str(s);
        h.push('\n');
    };
    line("<!DOCTYPE html>");
    line(&format!("<html lang=\"{}\">", e(lang)));
    line("<head>");
    line("<meta charset=\"utf-8\">");
    line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    line(&format!("<title>{} — {}</title>", e(&sheet.title), e(&sheet.group)));
    line(&format!("<style>{STYLE}</style>"));
    line("</head>");
    line("<body>");

    line("<header>");
    line(&format!("<p class=\"kicker\">{}</p>", e(&sheet.kicker)));
    line(&format!("<h1>{}</h1>", e(&sheet.title)));
    line("<dl class=\"facts\">");
    for (label, value) in &sheet.facts {
        line(&format!("<dt>{}</dt><dd>{}</dd>", e(label), e(value)));
    }
    line("</dl>");
    line("</header>");

    if let Some(board) = &sheet.board {
        line("<section class=\"board\">");
        line(&format!("<h2>{}</h2>", e(&board.title)));
        if let Some(legend) = &board.legend {
            line(&format!("<p class=\"muted\">{}</p>", e(legend)));
        }
        line("<div class=\"columns\">");
        for column in &board.columns {
            line("<div class=\"column\">");
            line(&format!("<h3>{}</h3>", e(&column.title)));
            if column.notes.is_empty() {
                line(&format!("<p class=\"muted\">{}</p>", e(&board.empty)));
            } else {
                line("<ul>");
                for (pinned, text) in &column.notes {
                    if *pinned {
                        line(&format!("<li class=\"pinned\"><span class=\"star\">★</span> {}</li>", e(text)));
                    } else {
                        line(&format!("<li>{}</li>", e(text)));
                    }
                }
                line("</ul>");
            }
            line("</div>");
        }
        line("</div>");
        line("</section>");
    }

    for c in &sheet.checklists {
        line("<section class=\"checklist\">");
        line(&format!("<h2>{}</h2>", e(&c.title)));
        line(&format!("<p class=\"question\">{}</p>", e(&c.question)));
        if !c.bars.is_empty() {
            line("<table class=\"bars\">");
            for bar in &c.bars {
                line(&format!(
                    "<tr><td class=\"item\">{}</td><td class=\"bar\"><div class=\"track\"><div class=\"fill\" style=\"width: {}%\"></div></div></td><td class=\"count\">{}/{}</td></tr>",
                    e(&bar.text),
                    bar.percent(),
                    bar.count,
                    bar.answered
                ));
            }
            line("</table>");
        }
        line(&format!("<p class=\"turns muted\">{}", e(&c.answered)));
        for (label, names) in c.skipped.iter().chain(&c.waiting) {
            let names: Vec<String> = names.iter().map(|n| e(n)).collect();
            line(&format!("<br>{} {}", e(label), names.join(", ")));
        }
        line("</p>");
        line("</section>");
    }

    if let Some(plan) = &sheet.plan {
        line("<section class=\"plan\">");
        line(&format!("<h2>{}</h2>", e(&plan.title)));
        let class = plan.decision_id.as_deref().map_or("undecided".to_string(), e);
        line(&format!(
            "<p class=\"decision {class}\">{} <strong>{}</strong></p>",
            e(&plan.decision_label),
            e(&plan.decision)
        ));
        line(&format!("<h3>{}</h3>", e(&plan.partners_title)));
        if plan.partners.is_empty() {
            line(&format!("<p class=\"muted\">{}</p>", e(&plan.no_partner)));
        } else {
            line("<ul class=\"partners\">");
            for p in &plan.partners {
                let mut s = String::from("<li>");
                if p.shortlisted {
                    s.push_str("<span class=\"star\">★</span> ");
                }
                let _ = write!(s, "<strong>{}</strong>", e(&p.name));
                if !p.description.is_empty() {
                    let _ = write!(s, " — {}", e(&p.description));
                }
                if p.shortlisted {
                    let _ = write!(s, " <em class=\"muted\">({})</em>", e(&plan.shortlisted));
                }
                s.push_str("</li>");
                line(&s);
            }
            line("</ul>");
        }
        line("<dl class=\"fields\">");
        for (title, lines) in &plan.fields {
            line(&html_field(title, lines, &sheet.none));
        }
        line("</dl>");
        line("</section>");
    }

    if let Some(reflection) = &sheet.reflection {
        line("<section class=\"reflection\">");
        line(&format!("<h2>{}</h2>", e(&reflection.title)));
        line("<dl class=\"fields\">");
        for (title, lines) in &reflection.fields {
            line(&html_field(title, lines, &sheet.none));
        }
        line("</dl>");
        line("</section>");
    }

    line("<section class=\"time\">");
    line(&format!("<h2>{}</h2>", e(&sheet.time.title)));
    line(&format!("<p>{} — {}</p>", e(&sheet.time.used), e(&sheet.time.against_plan)));
    line("<ul class=\"steps\">");
    for step in &sheet.time.steps {
        line(&format!("<li>{}</li>", e(step)));
    }
    line("</ul>");
    line("</section>");

    if let Some(trend) = &sheet.trend {
        line("<section class=\"trend\">");
        line(&format!("<h2>{}</h2>", e(&trend.title)));
        line(&format!("<p>{}</p>", e(&trend.intro)));
        for table in &trend.tables {
            line("<div class=\"keep\">");
            line(&format!("<h3>{}</h3>", e(&table.title)));
            line("<table class=\"trend\">");
            let dates: String = table.dates.iter().map(|d| format!("<th>{}</th>", e(d))).collect();
            line(&format!("<tr><th>{}</th>{dates}<th>{}</th></tr>", e(&trend.item_header), e(&trend.change_header)));
            for (text, cells, change) in &table.rows {
                let cells: String = cells.iter().map(|c| format!("<td>{}</td>", e(c))).collect();
                line(&format!("<tr><td>{}</td>{cells}<td>{}</td></tr>", e(text), e(change)));
            }
            line("</table>");
            line("</div>");
        }
        line("</section>");
    }

    if let Some(guide) = &sheet.guide {
        line("<section class=\"guide\">");
        line(&format!("<h2>{}</h2>", e(&guide.title)));
        line(&format!("<p class=\"question\">{}</p>", e(&guide.intro)));
        for (title, blocks) in &guide.sections {
            line("<div class=\"keep\">");
            line(&format!("<h3>{}</h3>", e(title)));
            for block in blocks {
                match block {
                    GuideBlock::Text(text) => line(&format!("<p>{}</p>", e(text))),
                    GuideBlock::List(items) => {
                        line("<ul>");
                        items.iter().for_each(|i| line(&format!("<li>{}</li>", e(i))));
                        line("</ul>");
                    }
                }
            }
            line("</div>");
        }
        line("</section>");
    }

    line(&format!("<footer><p>{}</p></footer>", e(&sheet.credit)));
    line("</body>");
    line("</html>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_name_their_files() {
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!(" HTML ".parse::<Format>(), Ok(Format::Html));
        assert_eq!("json".parse::<Format>(), Ok(Format::Json));
        assert!("pdf".parse::<Format>().unwrap_err().to_string().contains("'pdf'"));
        let extensions: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
        assert_eq!(extensions, ["md", "html", "json"]);
    }

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            escape_html(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("Dédé 🤝 « ok »"), "Dédé 🤝 « ok »");
    }

    #[test]
    fn markdown_escapes_what_would_change_the_structure() {
        assert_eq!(escape_markdown("**bold** _it_ `code`"), r"\*\*bold\*\* \_it\_ \`code\`");
        assert_eq!(escape_markdown("| pipe |"), r"\| pipe \|");
        assert_eq!(escape_markdown("[link](http://x) ![img](y)"), r"\[link\](http://x) !\[img\](y)");
        assert_eq!(escape_markdown("<script>a\\b</script>"), r"\<script\>a\\b\</script\>");
        assert_eq!(escape_markdown("&amp; &#60; ~~gone~~"), r"\&amp; \&\#60; \~\~gone\~\~");
        assert_eq!(escape_markdown("temps & énergie !"), "temps & énergie !");
        assert_eq!(escape_markdown("Dédé 🤝 « ok » : oui."), "Dédé 🤝 « ok » : oui.");
    }

    #[test]
    fn markdown_never_lets_a_line_open_a_block() {
        assert_eq!(escape_markdown("# not a heading"), r"\# not a heading");
        assert_eq!(escape_markdown("   ## indented"), r"\#\# indented");
        assert_eq!(escape_markdown("- item"), r"\- item");
        assert_eq!(escape_markdown("+ item"), r"\+ item");
        assert_eq!(escape_markdown("---"), r"\---");
        assert_eq!(escape_markdown("==="), r"\===");
        assert_eq!(escape_markdown("> quote"), r"\> quote");
        assert_eq!(escape_markdown("12. numbered"), r"12\. numbered");
        assert_eq!(escape_markdown("3) numbered"), r"3\) numbered");
        assert_eq!(escape_markdown("2026 was good"), "2026 was good");
        assert_eq!(escape_markdown("a\n# b"), r"a \# b", "one line only");
        assert_eq!(escape_markdown_inline("+8 | 1. x"), r"+8 \| 1. x", "a table cell starts no line");
    }

    #[test]
    fn typed_text_is_cleaned_and_kept_by_lines() {
        assert_eq!(user_line("  a\x1b[31m  b\u{202e} "), "a [31m b");
        assert_eq!(user_lines("one\r\n\n  two  \nthree\x07"), ["one", "two", "three"]);
    }

    #[test]
    fn text_bars_have_one_cell_per_answer_up_to_twenty() {
        assert_eq!(text_bar(3, 4), "███░");
        assert_eq!(text_bar(0, 3), "░░░");
        assert_eq!(text_bar(0, 0), "");
        assert_eq!(text_bar(20, 40).chars().count(), 20);
        assert_eq!(text_bar(20, 40).chars().filter(|&c| c == '█').count(), 10);
    }
}
