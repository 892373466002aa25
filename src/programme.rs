//! The workshop programme: data, not code. A JSON file of steps of a few
//! known kinds (`steps/`), each with its planned minutes and the Fluent ids
//! of its texts. The built-in workshop is embedded in the binary; a
//! home-made one is a folder read by `workshop`.

use std::time::Duration;

use serde::Deserialize;

use crate::steps::{StepKind, TextRef, TextRefs};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub credit: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Step {
    pub id: String,
    pub minutes: u64,
    pub title: String,
    pub summary: String,
    #[serde(flatten)]
    pub kind: StepKind,
}

impl Programme {
    /// The workshop shipped in the binary. It is checked by the tests, so a
    /// failure here is a build defect, not bad input.
    pub fn embedded() -> Self {
        Self::from_json(crate::built_in::BUILT_IN.programme).expect("the embedded programme is valid")
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn planned(&self) -> Duration {
        Duration::from_secs(self.steps.iter().map(|s| s.minutes * 60).sum())
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<(usize, &Step)> {
        self.steps.iter().enumerate().find(|(_, s)| s.id == id)
    }

    /// The Fluent id of the decision among a plan's choices (by field id),
    /// as the first plan step of the programme names it.
    pub fn decision_text(&self, choices: &std::collections::BTreeMap<String, String>) -> Option<&str> {
        let plans =
            self.steps.iter().filter_map(|step| if let StepKind::Plan(def) = &step.kind { Some(def) } else { None });
        plans.into_iter().find_map(|def| {
            let field = def.decision.as_deref()?;
            def.option_text(field, choices.get(field)?)
        })
    }

    /// The date fields of the plans: their ids and the Fluent ids of their
    /// titles.
    pub fn plan_date_fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.steps
            .iter()
            .filter_map(|step| if let StepKind::Plan(def) = &step.kind { Some(def) } else { None })
            .flat_map(|def| &def.fields)
            .filter(|f| matches!(f.kind, crate::steps::plan::FieldKind::Date))
            .map(|f| (f.id.as_str(), f.title.as_str()))
    }

    /// Every text the programme refers to, so that a test and the checker
    /// can see that each exists in every language.
    pub fn text_refs(&self) -> Vec<TextRef> {
        let mut refs = TextRefs::default();
        refs.message(&self.title);
        refs.message(&self.purpose);
        refs.message(&self.credit);
        for step in &self.steps {
            refs.message(&step.title);
            refs.message(&step.summary);
            step.kind.text_refs(&mut refs);
        }
        let mut refs = refs.0;
        refs.sort();
        refs.dedup();
        refs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the programme's file names as a text, every kind of step
    /// included, is among the references the checker looks up: a text
    /// left out there could be missing in a language unnoticed.
    #[test]
    fn every_text_the_built_in_programme_names_is_among_its_references() {
        fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
            match value {
                serde_json::Value::String(s) => out.push(s),
                serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
                serde_json::Value::Object(map) => {
                    map.iter().filter(|(k, _)| *k != "id").for_each(|(_, v)| strings(v, out));
                }
                _ => {}
            }
        }
        let programme = Programme::embedded();
        let refs = programme.text_refs();
        let json: serde_json::Value = serde_json::from_str(crate::built_in::BUILT_IN.programme).unwrap();
        let mut named = Vec::new();
        strings(&json, &mut named);
        let texts = crate::i18n::Texts::new();
        named.retain(|id| texts.has(crate::i18n::Lang::Fr, id, None));
        assert!(named.len() > 100, "the file names its texts: {}", named.len());
        for id in named {
            assert!(refs.iter().any(|r| r.id == id && r.attribute.is_none()), "{id} is not looked up");
        }
        for term in ["level-share", "level-consult"] {
            assert!(refs.iter().any(|r| r.id == term && r.attribute == Some("desc")), "{term}'s description");
        }
    }

    #[test]
    fn the_embedded_workshop_has_eight_steps_and_lasts_ninety_minutes() {
        let p = Programme::embedded();
        assert_eq!(p.steps.len(), 8);
        assert_eq!(p.planned(), Duration::from_secs(90 * 60));
        let minutes: Vec<u64> = p.steps.iter().map(|s| s.minutes).collect();
        assert_eq!(minutes, [5, 10, 15, 15, 10, 10, 20, 5]);
    }

    #[test]
    fn the_steps_are_of_the_kinds_of_the_brief() {
        let p = Programme::embedded();
        let kinds: Vec<&str> = p.steps.iter().map(|s| s.kind.name()).collect();
        assert_eq!(kinds, ["info", "timed_pairs", "board", "reading", "checklist", "checklist", "plan", "summary"]);
    }

    #[test]
    fn pairs_rounds_fill_the_planned_time() {
        let p = Programme::embedded();
        let (_, pairs) = p.step("pairs").unwrap();
        let StepKind::TimedPairs(def) = &pairs.kind else { panic!("the pair sharing") };
        assert_eq!(def.round_minutes * 2, pairs.minutes);
        assert_eq!(def.prompts.len(), 6);
    }

    #[test]
    fn the_checklists_hold_seven_ingredients_and_ten_reasons() {
        let p = Programme::embedded();
        let counts: Vec<usize> = p
            .steps
            .iter()
            .filter_map(|s| if let StepKind::Checklist(def) = &s.kind { Some(def.items.len()) } else { None })
            .collect();
        assert_eq!(counts, [7, 10]);
    }

    #[test]
    fn the_embedded_workshop_has_no_fault() {
        let p = Programme::embedded();
        for step in &p.steps {
            assert!(step.kind.faults(step.minutes).is_empty(), "{}", step.id);
        }
    }

    #[test]
    fn an_unknown_step_kind_or_field_is_refused() {
        let json = r#"{"id":"x","title":"t","purpose":"p","credit":"c","steps":[
            {"id":"a","kind":"dance","minutes":5,"title":"t","summary":"s"}]}"#;
        assert!(Programme::from_json(json).is_err());
        let json = r#"{"id":"x","title":"t","purpose":"p","credit":"c","steps":[
            {"id":"a","kind":"info","minutes":5,"title":"t","summary":"s","blocks":[],"colour":"red"}]}"#;
        assert!(Programme::from_json(json).is_err(), "a misspelt field is an error, not ignored");
    }
}
