//! The plan of step 7: a partnership with another group of the region.
//!
//! The fields come from the programme. Three ids have a shape of their own:
//! `partners` (a list of candidates), `level` (one of the levels of
//! partnership) and `decision` (go, not now, no); every other field is free
//! text. The screen is a list of rows that the facilitator moves through.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const PARTNERS: &str = "partners";
pub const LEVEL: &str = "level";
pub const DECISION: &str = "decision";

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
    /// The Fluent id of the level envisaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The Fluent id of the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// The heading of the candidate partners: Enter adds one.
    Partners,
    PartnerName(usize),
    PartnerDescription(usize),
    /// A choice among a few answers (the level, the decision).
    Choice(String),
    /// A free-text field.
    Text(String),
}

impl Row {
    /// Whether Enter opens a text entry on this row.
    pub fn is_text(&self) -> bool {
        matches!(self, Row::PartnerName(_) | Row::PartnerDescription(_) | Row::Text(_))
    }
}

impl Plan {
    /// The rows of the screen for these field ids, in order.
    pub fn rows(&self, fields: &[String]) -> Vec<Row> {
        let mut rows = Vec::new();
        for field in fields {
            match field.as_str() {
                PARTNERS => {
                    rows.push(Row::Partners);
                    for i in 0..self.partners.len() {
                        rows.push(Row::PartnerName(i));
                        rows.push(Row::PartnerDescription(i));
                    }
                }
                LEVEL | DECISION => rows.push(Row::Choice(field.clone())),
                _ => rows.push(Row::Text(field.clone())),
            }
        }
        rows
    }

    pub fn current_row(&self, fields: &[String]) -> Option<Row> {
        self.rows(fields).get(self.row).cloned()
    }

    pub fn move_row(&mut self, delta: isize, fields: &[String]) {
        let last = self.rows(fields).len().saturating_sub(1) as isize;
        self.row = (self.row as isize + delta).clamp(0, last) as usize;
    }

    /// Tab goes round: after the last row comes the first.
    pub fn next_row_wrapping(&mut self, fields: &[String]) {
        let count = self.rows(fields).len().max(1);
        self.row = (self.row + 1) % count;
    }

    /// The text a row holds, to start its entry from.
    pub fn text_of(&self, row: &Row) -> String {
        match row {
            Row::PartnerName(i) => self.partners.get(*i).map(|p| p.name.clone()).unwrap_or_default(),
            Row::PartnerDescription(i) => self.partners.get(*i).map(|p| p.description.clone()).unwrap_or_default(),
            Row::Text(field) => self.answers.get(field).cloned().unwrap_or_default(),
            Row::Partners | Row::Choice(_) => String::new(),
        }
    }

    /// Keeps the text typed for a row. A partner's name cannot be blank.
    pub fn set_text(&mut self, row: &Row, text: &str) -> bool {
        let text = text.trim();
        match row {
            Row::PartnerName(i) if !text.is_empty() => replace(self.partners.get_mut(*i).map(|p| &mut p.name), text),
            Row::PartnerDescription(i) => replace(self.partners.get_mut(*i).map(|p| &mut p.description), text),
            Row::Text(field) => {
                let old = self.answers.get(field).map(String::as_str).unwrap_or_default();
                if old == text {
                    false
                } else if text.is_empty() {
                    self.answers.remove(field);
                    true
                } else {
                    self.answers.insert(field.clone(), text.to_string());
                    true
                }
            }
            _ => false,
        }
    }

    /// Adds a candidate partner and puts the cursor on its description, to
    /// be edited next. Blank names add nothing.
    pub fn add_partner(&mut self, name: &str, fields: &[String]) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.partners.push(Partner { name: name.to_string(), ..Partner::default() });
        let index = self.partners.len() - 1;
        if let Some(row) = self.rows(fields).iter().position(|r| *r == Row::PartnerDescription(index)) {
            self.row = row;
        }
        true
    }

    /// Removes the partner under the cursor.
    pub fn remove_partner(&mut self, fields: &[String]) -> bool {
        let index = match self.current_row(fields) {
            Some(Row::PartnerName(i) | Row::PartnerDescription(i)) => i,
            _ => return false,
        };
        self.partners.remove(index);
        self.move_row(0, fields);
        true
    }

    pub fn toggle_shortlist(&mut self, fields: &[String]) -> bool {
        match self.current_row(fields) {
            Some(Row::PartnerName(i) | Row::PartnerDescription(i)) => {
                self.partners[i].shortlisted = !self.partners[i].shortlisted;
                true
            }
            _ => false,
        }
    }

    /// The next answer of a choice, after the last none again.
    pub fn cycle_choice(&mut self, field: &str, options: &[String]) -> bool {
        let slot = match field {
            LEVEL => &mut self.level,
            DECISION => &mut self.decision,
            _ => return false,
        };
        let next = match slot.as_ref().and_then(|v| options.iter().position(|o| o == v)) {
            None => options.first().cloned(),
            Some(i) => options.get(i + 1).cloned(),
        };
        *slot = next;
        true
    }

    pub fn choice(&self, field: &str) -> Option<&str> {
        match field {
            LEVEL => self.level.as_deref(),
            DECISION => self.decision.as_deref(),
            _ => None,
        }
    }

    pub fn clamp(&mut self, fields: &[String]) {
        self.move_row(0, fields);
    }

    pub fn is_empty(&self) -> bool {
        self.partners.is_empty() && self.level.is_none() && self.decision.is_none() && self.answers.is_empty()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<String> {
        ["partners", "level", "hopes", "first_action", "decision"].map(String::from).to_vec()
    }

    #[test]
    fn partners_are_added_then_described() {
        let f = fields();
        let mut plan = Plan::default();
        assert_eq!(plan.rows(&f).len(), 5);
        assert!(plan.add_partner("  AMAP du quartier ", &f));
        assert!(!plan.add_partner("  ", &f));
        assert_eq!(plan.current_row(&f), Some(Row::PartnerDescription(0)));
        let row = plan.current_row(&f).unwrap();
        assert!(plan.set_text(&row, "Paniers de légumes locaux"));
        assert_eq!(plan.partners[0].description, "Paniers de légumes locaux");
        assert!(!plan.set_text(&Row::PartnerName(0), "   "), "a name cannot be blank");
        assert_eq!(plan.rows(&f).len(), 7);
    }

    #[test]
    fn text_fields_keep_what_was_typed_and_blank_clears() {
        let f = fields();
        let mut plan = Plan::default();
        let hopes = Row::Text("hopes".into());
        assert!(plan.set_text(&hopes, "Un marché de la transition\ncommun"));
        assert_eq!(plan.text_of(&hopes), "Un marché de la transition\ncommun");
        assert!(!plan.set_text(&hopes, "Un marché de la transition\ncommun"));
        assert!(plan.set_text(&hopes, ""));
        assert!(plan.answers.is_empty());
        assert!(plan.is_empty());
        plan.move_row(100, &f);
        assert_eq!(plan.current_row(&f), Some(Row::Choice("decision".into())));
        plan.next_row_wrapping(&f);
        assert_eq!(plan.row, 0);
    }

    #[test]
    fn choices_cycle_through_their_options_and_back_to_none() {
        let mut plan = Plan::default();
        let options: Vec<String> = ["decision-go", "decision-not-now", "decision-no"].map(String::from).to_vec();
        plan.cycle_choice(DECISION, &options);
        assert_eq!(plan.choice(DECISION), Some("decision-go"));
        plan.cycle_choice(DECISION, &options);
        plan.cycle_choice(DECISION, &options);
        assert_eq!(plan.choice(DECISION), Some("decision-no"));
        plan.cycle_choice(DECISION, &options);
        assert_eq!(plan.choice(DECISION), None);
    }

    #[test]
    fn partners_are_shortlisted_and_removed_from_their_rows() {
        let f = fields();
        let mut plan = Plan::default();
        plan.add_partner("A", &f);
        plan.add_partner("B", &f);
        assert!(plan.toggle_shortlist(&f));
        assert!(plan.partners[1].shortlisted);
        assert!(plan.remove_partner(&f));
        assert_eq!(plan.partners.len(), 1);
        plan.row = 0;
        assert!(!plan.remove_partner(&f), "the heading is no partner");
    }

    #[test]
    fn a_plan_survives_a_round_trip() {
        let f = fields();
        let mut plan = Plan::default();
        plan.add_partner("Repair Café", &f);
        plan.cycle_choice(LEVEL, &["level-share".to_string()]);
        plan.set_text(&Row::Text("hopes".into()), "Réparer ensemble 🔧");
        let back: Plan = serde_json::from_value(serde_json::to_value(&plan).unwrap()).unwrap();
        assert_eq!(back, plan);
    }
}
