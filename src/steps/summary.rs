//! The closing step: one sheet of what the session produced, gathered
//! from the other steps (see `ui/steps/summary.rs` and the export), and
//! the group's closing reflection: a few questions answered in free text
//! (what we learnt today, what we will do differently), typed like the
//! plan's text rows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::plan::{self, FieldDef};
use super::{Action, Block, Fault, Field as StepField, Outcome, TextRefs, duplicate_faults};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    /// The closing words, read above the sheet.
    pub blocks: Vec<Block>,
    /// The closing questions, answered in free text (fields of type
    /// `text`, as in a plan).
    #[serde(default)]
    pub fields: Vec<FieldDef>,
}

impl Def {
    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.blocks(&self.blocks);
        for field in &self.fields {
            refs.message(&field.title);
            refs.message(&field.hint);
        }
    }

    pub fn faults(&self) -> Vec<Fault> {
        duplicate_faults("fields", self.fields.iter().map(|f| f.id.as_str()))
    }
}

/// The answers to the closing questions; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// By field id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// The question under the cursor.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub row: usize,
    /// The closing lines sent from phones in the room, one each, in the
    /// order they came.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl State {
    /// The question under the cursor, if the step asks any.
    pub fn current<'a>(&self, def: &'a Def) -> Option<&'a FieldDef> {
        def.fields.get(self.row.min(def.fields.len().saturating_sub(1)))
    }

    pub fn clamp(&mut self, def: &Def) {
        self.row = self.row.min(def.fields.len().saturating_sub(1));
    }
}

/// Tab goes to the next question (after the last, the first); Enter or `e`
/// edits the one under the cursor. ↑ ↓ scroll the sheet, as elsewhere.
pub fn update(def: &Def, state: &mut State, action: Action) -> Outcome {
    match action {
        Action::NextField if !def.fields.is_empty() => {
            state.row = (state.row + 1) % def.fields.len();
            Outcome::default()
        }
        Action::Edit => match state.current(def) {
            Some(field) => {
                let text = state.answers.get(&field.id).cloned().unwrap_or_default();
                Outcome::edit(StepField::Plan(plan::Field::Row(plan::Row::Text(field.id.clone()))), text)
            }
            None => Outcome::default(),
        },
        _ => Outcome::default(),
    }
}

/// Keeps the answer typed to a closing question.
pub fn keep(def: &Def, state: &mut State, field: &plan::Field, text: &str) -> Outcome {
    match field {
        plan::Field::Row(plan::Row::Text(id)) if def.field(id).is_some() => {
            Outcome::notes_if(plan::set_answer(&mut state.answers, id, text))
        }
        plan::Field::Row(_) | plan::Field::NewPartner => Outcome::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::Change;

    fn def() -> Def {
        serde_json::from_str(
            r#"{"blocks": [], "fields": [
                {"id": "learnt", "type": "text", "title": "t", "hint": "h"},
                {"id": "differently", "type": "text", "title": "t", "hint": "h"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_closing_questions_are_chosen_with_tab_and_answered() {
        let d = def();
        let mut state = State::default();
        assert_eq!(update(&d, &mut state, Action::NextField).change, Change::None, "only a cursor moved");
        assert_eq!(state.current(&d).map(|f| f.id.as_str()), Some("differently"));
        let outcome = update(&d, &mut state, Action::Edit);
        let (field, text) = outcome.edit.unwrap();
        assert_eq!(text, "");
        let StepField::Plan(field) = field else { panic!("a plan field") };
        assert_eq!(keep(&d, &mut state, &field, " Écouter avant de proposer \n").change, Change::Notes);
        assert_eq!(state.answers["differently"], "Écouter avant de proposer");
        update(&d, &mut state, Action::NextField);
        assert_eq!(state.row, 0, "round again");
        let unknown = plan::Field::Row(plan::Row::Text("hopes".into()));
        assert_eq!(keep(&d, &mut state, &unknown, "x").change, Change::None);
    }

    #[test]
    fn an_old_closing_state_still_reads_and_keeps_what_it_does_not_know() {
        let state: State = serde_json::from_str(r#"{"future": 1}"#).unwrap();
        assert!(state.answers.is_empty());
        assert_eq!(serde_json::to_value(&state).unwrap(), serde_json::json!({"future": 1}));
    }
}
