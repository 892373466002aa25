//! The plan of a partnership with another group of the region.
//!
//! The programme lists the plan's fields, each of a type: `partners` (a
//! list of candidates, each with a line on what they do and a shortlist
//! mark), `choice` (one of a few options, such as the level envisaged or
//! the decision), `text` (free text, several lines) or `date` (a day, typed
//! `2026-12-15` or `15/12/2026`, kept as `2026-12-15`). The screen is a list
//! of rows that the facilitator moves through. Choices are saved as the
//! programme's own option ids (`"level": "decide"`), never as texts.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Fault, Field as StepField, Outcome, TextRefs, duplicate_faults};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    pub intro: String,
    /// Questions to guide the talk, beside the rows.
    #[serde(default)]
    pub questions: Vec<String>,
    pub fields: Vec<FieldDef>,
    /// The id of the choice that says what was decided: shown first on the
    /// closing sheet and in the list of sessions.
    #[serde(default)]
    pub decision: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FieldDef {
    pub id: String,
    pub title: String,
    pub hint: String,
    #[serde(flatten)]
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldKind {
    /// Candidate partners.
    Partners,
    /// One option among a few.
    Choice { options: Vec<Choice> },
    /// Free text.
    Text,
    /// A day, such as when the plan is reviewed or the next meeting: kept
    /// in the answers as an ISO date.
    Date,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
}

impl Def {
    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The options of a choice field.
    pub fn options(&self, field: &str) -> &[Choice] {
        match self.field(field).map(|f| &f.kind) {
            Some(FieldKind::Choice { options }) => options,
            Some(FieldKind::Partners | FieldKind::Text | FieldKind::Date) | None => &[],
        }
    }

    /// The Fluent id of an option of a choice field.
    pub fn option_text(&self, field: &str, option: &str) -> Option<&str> {
        self.options(field).iter().find(|o| o.id == option).map(|o| o.text.as_str())
    }

    /// Whether a field holds a date.
    pub fn is_date(&self, field: &str) -> bool {
        matches!(self.field(field).map(|f| &f.kind), Some(FieldKind::Date))
    }

    /// The dates of the plan that are set, by field id.
    pub fn dates<'a>(&'a self, plan: &'a Plan) -> impl Iterator<Item = (&'a str, NaiveDate)> + 'a {
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Date))
            .filter_map(|f| Some((f.id.as_str(), parse_date(plan.answers.get(&f.id)?)?)))
    }

    /// The field of the candidate partners, if the plan has one.
    pub fn partners_field(&self) -> Option<&FieldDef> {
        self.fields.iter().find(|f| matches!(f.kind, FieldKind::Partners))
    }

    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.message(&self.intro);
        refs.messages(&self.questions);
        for field in &self.fields {
            refs.message(&field.title);
            refs.message(&field.hint);
            if let FieldKind::Choice { options } = &field.kind {
                options.iter().for_each(|o| refs.message(&o.text));
            }
        }
    }

    pub fn faults(&self) -> Vec<Fault> {
        let mut faults = duplicate_faults("fields", self.fields.iter().map(|f| f.id.as_str()));
        for field in &self.fields {
            if let FieldKind::Choice { options } = &field.kind {
                faults.extend(duplicate_faults(&field.id, options.iter().map(|o| o.id.as_str())));
                if options.is_empty() {
                    faults.push(Fault::new("check-empty-list", &field.id, "options"));
                }
            }
        }
        let partners = self.fields.iter().filter(|f| matches!(f.kind, FieldKind::Partners)).skip(1);
        faults.extend(partners.map(|f| Fault::new("check-second-partners", &f.id, "")));
        if let Some(decision) = &self.decision
            && !matches!(self.field(decision).map(|f| &f.kind), Some(FieldKind::Choice { .. }))
        {
            faults.push(Fault::new("check-decision-not-a-choice", decision, ""));
        }
        faults
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    /// One line on what they do.
    #[serde(default)]
    pub description: String,
    /// Kept on the short list of those that fit our goals.
    #[serde(default)]
    pub shortlisted: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// The option chosen in each choice field, by field id.
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
    /// The free-text fields, by field id.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// The row under the cursor.
    #[serde(default)]
    pub row: usize,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One line of the plan's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Row {
    /// The heading of the candidate partners: Enter adds one.
    Partners(String),
    PartnerName(usize),
    PartnerDescription(usize),
    /// A choice among a few answers (the level, the decision).
    Choice(String),
    /// A free-text field.
    Text(String),
}

/// What an entry of the plan types into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The name of a new candidate partner.
    NewPartner,
    /// A text row.
    Row(Row),
}

impl Field {
    pub fn is_multiline(&self) -> bool {
        matches!(self, Field::Row(Row::Text(_)))
    }
}

impl Row {
    /// Whether Enter opens a text entry on this row.
    pub fn is_text(&self) -> bool {
        matches!(self, Row::PartnerName(_) | Row::PartnerDescription(_) | Row::Text(_))
    }
}

impl Plan {
    /// The rows of the screen, in the programme's order.
    pub fn rows(&self, def: &Def) -> Vec<Row> {
        let mut rows = Vec::new();
        for field in &def.fields {
            match field.kind {
                FieldKind::Partners => {
                    rows.push(Row::Partners(field.id.clone()));
                    for i in 0..self.partners.len() {
                        rows.push(Row::PartnerName(i));
                        rows.push(Row::PartnerDescription(i));
                    }
                }
                FieldKind::Choice { .. } => rows.push(Row::Choice(field.id.clone())),
                FieldKind::Text | FieldKind::Date => rows.push(Row::Text(field.id.clone())),
            }
        }
        rows
    }

    pub fn current_row(&self, def: &Def) -> Option<Row> {
        self.rows(def).get(self.row).cloned()
    }

    pub fn move_row(&mut self, delta: isize, def: &Def) {
        let last = self.rows(def).len().saturating_sub(1) as isize;
        self.row = (self.row as isize + delta).clamp(0, last) as usize;
    }

    /// Tab goes round: after the last row comes the first.
    pub fn next_row_wrapping(&mut self, def: &Def) {
        let count = self.rows(def).len().max(1);
        self.row = (self.row + 1) % count;
    }

    /// The text a row holds, to start its entry from.
    pub fn text_of(&self, row: &Row) -> String {
        match row {
            Row::PartnerName(i) => self.partners.get(*i).map(|p| p.name.clone()).unwrap_or_default(),
            Row::PartnerDescription(i) => self.partners.get(*i).map(|p| p.description.clone()).unwrap_or_default(),
            Row::Text(field) => self.answers.get(field).cloned().unwrap_or_default(),
            Row::Partners(_) | Row::Choice(_) => String::new(),
        }
    }

    /// Keeps the text typed for a row. A partner's name cannot be blank.
    pub fn set_text(&mut self, row: &Row, text: &str) -> bool {
        let text = text.trim();
        match row {
            Row::PartnerName(i) if !text.is_empty() => replace(self.partners.get_mut(*i).map(|p| &mut p.name), text),
            Row::PartnerDescription(i) => replace(self.partners.get_mut(*i).map(|p| &mut p.description), text),
            Row::Text(field) => set_answer(&mut self.answers, field, text),
            Row::PartnerName(_) | Row::Partners(_) | Row::Choice(_) => false,
        }
    }

    /// Adds a candidate partner and puts the cursor on its description, to
    /// be edited next. Blank names add nothing.
    pub fn add_partner(&mut self, name: &str, def: &Def) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.partners.push(Partner { name: name.to_string(), ..Partner::default() });
        let index = self.partners.len() - 1;
        if let Some(row) = self.rows(def).iter().position(|r| *r == Row::PartnerDescription(index)) {
            self.row = row;
        }
        true
    }

    /// Removes the partner under the cursor; it is handed back.
    pub fn remove_partner(&mut self, def: &Def) -> Option<Partner> {
        let index = match self.current_row(def) {
            Some(Row::PartnerName(i) | Row::PartnerDescription(i)) => i,
            _ => return None,
        };
        let partner = self.partners.remove(index);
        self.move_row(0, def);
        Some(partner)
    }

    pub fn toggle_shortlist(&mut self, def: &Def) -> bool {
        match self.current_row(def) {
            Some(Row::PartnerName(i) | Row::PartnerDescription(i)) => {
                self.partners[i].shortlisted = !self.partners[i].shortlisted;
                true
            }
            _ => false,
        }
    }

    /// The next option of a choice, after the last none again.
    pub fn cycle_choice(&mut self, field: &str, def: &Def) -> bool {
        let options = def.options(field);
        if options.is_empty() {
            return false;
        }
        let next = match self.choices.get(field).and_then(|v| options.iter().position(|o| o.id == *v)) {
            None => options.first(),
            Some(i) => options.get(i + 1),
        };
        match next {
            Some(option) => self.choices.insert(field.to_string(), option.id.clone()),
            None => self.choices.remove(field),
        };
        true
    }

    /// The option id chosen in a field.
    pub fn choice(&self, field: &str) -> Option<&str> {
        self.choices.get(field).map(String::as_str)
    }

    /// The Fluent id of the decision taken, if the plan has one.
    pub fn decision_text<'a>(&self, def: &'a Def) -> Option<&'a str> {
        let field = def.decision.as_deref()?;
        def.option_text(field, self.choice(field)?)
    }

    pub fn clamp(&mut self, def: &Def) {
        self.move_row(0, def);
    }

    pub fn is_empty(&self) -> bool {
        self.partners.is_empty() && self.choices.is_empty() && self.answers.is_empty()
    }
}

/// Keeps the answer to a free-text field, by field id; a blank answer
/// clears it. Whether anything changed. The plan's text rows and the
/// closing step's questions keep their answers this way.
pub fn set_answer(answers: &mut BTreeMap<String, String>, field: &str, text: &str) -> bool {
    let text = text.trim();
    let old = answers.get(field).map(String::as_str).unwrap_or_default();
    if old == text {
        false
    } else if text.is_empty() {
        answers.remove(field);
        true
    } else {
        answers.insert(field.to_string(), text.to_string());
        true
    }
}

/// A day as people type it: `2026-12-15`, `15/12/2026` (also with `.` or
/// `-` between day, month and year). Nothing else: no guessing of the
/// order of `12/03`, no two-digit years.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return (text.len() == 10).then_some(date);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            let num = |s: &str| s.chars().all(|c| c.is_ascii_digit()).then(|| s.parse::<u32>().ok()).flatten();
            NaiveDate::from_ymd_opt(i32::try_from(num(y)?).ok()?, num(m)?, num(d)?)
        }
        _ => None,
    }
}

fn replace(slot: Option<&mut String>, text: &str) -> bool {
    match slot {
        Some(old) if old != text => {
            *old = text.to_string();
            true
        }
        _ => false,
    }
}

pub fn update(def: &Def, plan: &mut Plan, action: Action) -> Outcome {
    let new_partner = || Outcome::edit(StepField::Plan(Field::NewPartner), "");
    match action {
        Action::Select(delta) => {
            plan.move_row(delta, def);
            Outcome::default()
        }
        Action::NextField => {
            plan.next_row_wrapping(def);
            Outcome::default()
        }
        Action::Add => new_partner(),
        Action::Delete => plan.remove_partner(def).map_or_else(Outcome::default, |p| Outcome::removed(p.name)),
        Action::Pin => Outcome::notes_if(plan.toggle_shortlist(def)),
        Action::Edit | Action::ToggleItem => match plan.current_row(def) {
            Some(Row::Partners(_)) => new_partner(),
            Some(Row::Choice(field)) => Outcome::notes_if(plan.cycle_choice(&field, def)),
            Some(row) if action == Action::Edit && row.is_text() => {
                let text = plan.text_of(&row);
                Outcome::edit(StepField::Plan(Field::Row(row)), text)
            }
            Some(_) | None => Outcome::default(),
        },
        Action::ToggleTimer
        | Action::AdjustMinutes(_)
        | Action::NextRound
        | Action::Reorder(_)
        | Action::Undo
        | Action::EndTurn
        | Action::SkipTurn
        | Action::ReopenTurn
        | Action::TogglePrivate => Outcome::default(),
    }
}

/// Keeps the text of an entry; a new partner's one line is asked for at
/// once.
pub fn keep(def: &Def, plan: &mut Plan, field: &Field, text: &str) -> Outcome {
    match field {
        Field::NewPartner => {
            if !plan.add_partner(text, def) {
                return Outcome::default();
            }
            let edit = plan.current_row(def).filter(Row::is_text).map(|row| {
                let text = plan.text_of(&row);
                (StepField::Plan(Field::Row(row)), text)
            });
            Outcome { edit, ..Outcome::notes_if(true) }
        }
        Field::Row(Row::Text(id)) if def.is_date(id) && !text.trim().is_empty() => match parse_date(text) {
            Some(date) => Outcome::notes_if(plan.set_text(&Row::Text(id.clone()), &date.to_string())),
            // Not a date: the entry opens again on what was typed, and says why.
            None => Outcome {
                edit: Some((StepField::Plan(field.clone()), text.to_string())),
                word: Some(("notice-date-invalid", text.trim().to_string())),
                ..Outcome::default()
            },
        },
        Field::Row(row) => Outcome::notes_if(plan.set_text(row, text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def() -> Def {
        let json = r#"{
            "intro": "i",
            "fields": [
                {"id": "partners", "type": "partners", "title": "t", "hint": "h"},
                {"id": "level", "type": "choice", "title": "t", "hint": "h",
                 "options": [{"id": "share", "text": "level-share"}]},
                {"id": "hopes", "type": "text", "title": "t", "hint": "h"},
                {"id": "first_action", "type": "text", "title": "t", "hint": "h"},
                {"id": "decision", "type": "choice", "title": "t", "hint": "h",
                 "options": [{"id": "go", "text": "decision-go"}, {"id": "not-now", "text": "decision-not-now"},
                             {"id": "no", "text": "decision-no"}]}
            ],
            "decision": "decision"
        }"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn dates_parse_strictly_and_are_kept_as_iso() {
        let d: Def = serde_json::from_str(
            r#"{"intro": "i", "fields": [{"id": "review", "type": "date", "title": "t", "hint": "h"}]}"#,
        )
        .unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 15);
        assert_eq!(parse_date("2026-12-15"), day);
        assert_eq!(parse_date(" 15/12/2026 "), day);
        assert_eq!(parse_date("15.12.2026"), day);
        for bad in ["31/02/2026", "12/15", "15/12/26", "2026-12-1", "demain", "15/12/2026 10h", "+5/12/2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let mut plan = Plan::default();
        let review = Field::Row(Row::Text("review".into()));
        let outcome = keep(&d, &mut plan, &review, "15/12/2026");
        assert_eq!(outcome.change, super::super::Change::Notes);
        assert_eq!(plan.answers["review"], "2026-12-15");
        assert_eq!(d.dates(&plan).collect::<Vec<_>>(), [("review", day.unwrap())]);
        let outcome = keep(&d, &mut plan, &review, "la semaine prochaine");
        assert_eq!(outcome.edit, Some((StepField::Plan(review.clone()), "la semaine prochaine".into())));
        assert_eq!(outcome.word.map(|w| w.0), Some("notice-date-invalid"));
        assert_eq!(plan.answers["review"], "2026-12-15", "a wrong date changes nothing");
        assert_eq!(keep(&d, &mut plan, &review, "").change, super::super::Change::Notes);
        assert!(plan.answers.is_empty());
    }

    #[test]
    fn partners_are_added_then_described() {
        let d = def();
        let mut plan = Plan::default();
        assert_eq!(plan.rows(&d).len(), 5);
        let outcome = keep(&d, &mut plan, &Field::NewPartner, "  AMAP du quartier ");
        assert_eq!(outcome.edit, Some((StepField::Plan(Field::Row(Row::PartnerDescription(0))), String::new())));
        assert!(!plan.add_partner("  ", &d));
        assert_eq!(plan.current_row(&d), Some(Row::PartnerDescription(0)));
        assert!(plan.set_text(&Row::PartnerDescription(0), "Paniers de légumes locaux"));
        assert_eq!(plan.partners[0].description, "Paniers de légumes locaux");
        assert!(!plan.set_text(&Row::PartnerName(0), "   "), "a name cannot be blank");
        assert_eq!(plan.rows(&d).len(), 7);
    }

    #[test]
    fn text_fields_keep_what_was_typed_and_blank_clears() {
        let d = def();
        let mut plan = Plan::default();
        let hopes = Row::Text("hopes".into());
        assert!(plan.set_text(&hopes, "Un marché de la transition\ncommun"));
        assert_eq!(plan.text_of(&hopes), "Un marché de la transition\ncommun");
        assert!(!plan.set_text(&hopes, "Un marché de la transition\ncommun"));
        assert!(plan.set_text(&hopes, ""));
        assert!(plan.answers.is_empty());
        assert!(plan.is_empty());
        plan.move_row(100, &d);
        assert_eq!(plan.current_row(&d), Some(Row::Choice("decision".into())));
        plan.next_row_wrapping(&d);
        assert_eq!(plan.row, 0);
    }

    #[test]
    fn choices_cycle_through_their_option_ids_and_back_to_none() {
        let d = def();
        let mut plan = Plan::default();
        plan.cycle_choice("decision", &d);
        assert_eq!(plan.choice("decision"), Some("go"));
        assert_eq!(plan.decision_text(&d), Some("decision-go"));
        plan.cycle_choice("decision", &d);
        plan.cycle_choice("decision", &d);
        assert_eq!(plan.choice("decision"), Some("no"));
        plan.cycle_choice("decision", &d);
        assert_eq!(plan.choice("decision"), None);
        assert!(!plan.cycle_choice("hopes", &d), "a text field has no options");
    }

    #[test]
    fn partners_are_shortlisted_and_removed_from_their_rows() {
        let d = def();
        let mut plan = Plan::default();
        plan.add_partner("A", &d);
        plan.add_partner("B", &d);
        assert!(plan.toggle_shortlist(&d));
        assert!(plan.partners[1].shortlisted);
        assert_eq!(plan.remove_partner(&d).map(|p| p.name), Some("B".into()));
        assert_eq!(plan.partners.len(), 1);
        plan.row = 0;
        assert!(plan.remove_partner(&d).is_none(), "the heading is no partner");
    }

    #[test]
    fn a_plan_survives_a_round_trip() {
        let d = def();
        let mut plan = Plan::default();
        plan.add_partner("Repair Café", &d);
        plan.cycle_choice("level", &d);
        plan.set_text(&Row::Text("hopes".into()), "Réparer ensemble 🔧");
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["choices"]["level"], "share");
        let back: Plan = serde_json::from_value(json).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn duplicate_ids_and_a_decision_that_is_no_choice_are_faults() {
        let mut d = def();
        assert!(d.faults().is_empty());
        d.decision = Some("hopes".into());
        d.fields.push(d.fields[2].clone());
        let faults: Vec<&str> = d.faults().iter().map(|f| f.message).collect();
        assert_eq!(faults, ["check-duplicate-id", "check-decision-not-a-choice"]);
    }

    #[test]
    fn text_rows_open_an_entry_and_only_free_text_takes_several_lines() {
        let d = def();
        let mut plan = Plan::default();
        assert!(plan.add_partner("Jardins partagés", &d));
        let rows = plan.rows(&d);
        let text: Vec<bool> = rows.iter().map(Row::is_text).collect();
        // Partners, a partner's name and description, a choice, two texts,
        // a choice.
        assert_eq!(text, [false, true, true, false, true, true, false]);
        let multiline: Vec<bool> = rows.into_iter().map(|r| Field::Row(r).is_multiline()).collect();
        assert_eq!(multiline, [false, false, false, false, true, true, false]);
        assert!(!Field::NewPartner.is_multiline(), "a name is one line");
    }

    #[test]
    fn a_partners_name_can_be_changed_but_not_emptied() {
        let d = def();
        let mut plan = Plan::default();
        plan.add_partner("Jardins", &d);
        assert!(plan.set_text(&Row::PartnerName(0), " Jardins partagés "));
        assert_eq!(plan.partners[0].name, "Jardins partagés");
        assert!(!plan.set_text(&Row::PartnerName(0), "   "), "a blank name is refused");
        assert_eq!(plan.partners[0].name, "Jardins partagés");
        assert!(!plan.set_text(&Row::PartnerName(0), "Jardins partagés"), "the same name is no change");
    }

    #[test]
    fn enter_opens_a_text_row_and_space_does_not() {
        let d = def();
        let mut plan = Plan::default();
        let hopes = plan.rows(&d).iter().position(|r| *r == Row::Text("hopes".into())).unwrap();
        plan.row = hopes;
        assert!(update(&d, &mut plan, Action::ToggleItem).edit.is_none(), "Space ticks, it does not type");
        let edit = update(&d, &mut plan, Action::Edit).edit;
        assert_eq!(edit, Some((StepField::Plan(Field::Row(Row::Text("hopes".into()))), String::new())));
    }

    #[test]
    fn a_plan_is_empty_until_anything_is_in_it() {
        let d = def();
        assert!(Plan::default().is_empty());
        let mut with_partner = Plan::default();
        with_partner.add_partner("Jardins", &d);
        let mut with_answer = Plan::default();
        with_answer.set_text(&Row::Text("hopes".into()), "Des potagers");
        let mut with_choice = Plan::default();
        with_choice.choices.insert("level".into(), "share".into());
        for plan in [with_partner, with_answer, with_choice] {
            assert!(!plan.is_empty(), "{plan:?}");
        }
    }

    #[test]
    fn a_plan_read_from_a_file_keeps_its_row_on_what_exists() {
        let d = def();
        let mut plan = Plan { row: 99, ..Plan::default() };
        plan.clamp(&d);
        assert_eq!(plan.row, plan.rows(&d).len() - 1);
    }
}
