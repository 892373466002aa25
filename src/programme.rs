//! The workshop programme: data, not code. A JSON file of steps of a few
//! known kinds, each with its planned minutes and the Fluent ids of its
//! texts, embedded in the binary so that other workshops run the same way.

use std::time::Duration;

use serde::Deserialize;

/// The embedded default: « Comment établir des partenariats ? ».
const PARTNERSHIPS: &str = include_str!("../workshops/partnerships.json");

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

/// What a step does on screen. Every `String` here is a Fluent message id.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StepKind {
    /// A page of text, with the session's details and the agenda.
    Info { blocks: Vec<Block> },
    /// Pairs talk in turn under a countdown: one round per speaker.
    TimedPairs { round_minutes: u64, intro: String, prompts: Vec<String> },
    /// The group pins notes in columns.
    Board { intro: String, columns: Vec<Column> },
    /// A countdown beside the guide's sections.
    Reading { intro: String, sections: Vec<Section> },
    /// Participants tick items in turn.
    Checklist { question: String, items: Vec<Item>, note: String },
    /// The plan of a partnership.
    Plan { intro: String, questions: Vec<String>, levels: Vec<String>, fields: Vec<Field>, decisions: Vec<String> },
    /// What the session produced.
    Summary { blocks: Vec<Block> },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// Named terms, each with its description in the `desc` attribute.
    Terms(Vec<String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub title: String,
    pub hint: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub title: String,
    pub hint: String,
}

/// A reference to a Fluent message, or to one of its attributes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextRef {
    pub id: String,
    pub attribute: Option<&'static str>,
}

impl Programme {
    /// The workshop shipped in the binary. It is checked by the tests, so a
    /// failure here is a build defect, not bad input.
    pub fn embedded() -> Self {
        Self::from_json(PARTNERSHIPS).expect("the embedded programme is valid JSON")
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn planned(&self) -> Duration {
        Duration::from_secs(self.steps.iter().map(|s| s.minutes * 60).sum())
    }

    /// Every text the programme refers to, so that a test can check that
    /// each exists in every language.
    pub fn text_refs(&self) -> Vec<TextRef> {
        let mut refs = Vec::new();
        let mut msg = |id: &String| refs.push(TextRef { id: id.clone(), attribute: None });
        msg(&self.title);
        msg(&self.purpose);
        msg(&self.credit);
        let mut terms = Vec::new();
        for step in &self.steps {
            msg(&step.title);
            msg(&step.summary);
            match &step.kind {
                StepKind::Info { blocks } | StepKind::Summary { blocks } => {
                    collect_blocks(blocks, &mut msg, &mut terms)
                }
                StepKind::TimedPairs { intro, prompts, .. } => {
                    msg(intro);
                    prompts.iter().for_each(&mut msg);
                }
                StepKind::Board { intro, columns } => {
                    msg(intro);
                    for c in columns {
                        msg(&c.title);
                        msg(&c.hint);
                    }
                }
                StepKind::Reading { intro, sections } => {
                    msg(intro);
                    for s in sections {
                        msg(&s.title);
                        collect_blocks(&s.blocks, &mut msg, &mut terms);
                    }
                }
                StepKind::Checklist { question, items, note } => {
                    msg(question);
                    msg(note);
                    items.iter().for_each(|i| msg(&i.text));
                }
                StepKind::Plan { intro, questions, levels, fields, decisions } => {
                    msg(intro);
                    questions.iter().for_each(&mut msg);
                    terms.extend(levels.iter().cloned());
                    for f in fields {
                        msg(&f.title);
                        msg(&f.hint);
                    }
                    decisions.iter().for_each(&mut msg);
                }
            }
        }
        for id in terms {
            refs.push(TextRef { id: id.clone(), attribute: None });
            refs.push(TextRef { id, attribute: Some("desc") });
        }
        refs.sort();
        refs.dedup();
        refs
    }
}

fn collect_blocks(blocks: &[Block], msg: &mut impl FnMut(&String), terms: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Text(id) => msg(id),
            Block::Bullets(ids) => ids.iter().for_each(&mut *msg),
            Block::Terms(ids) => terms.extend(ids.iter().cloned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let kinds: Vec<&str> = p
            .steps
            .iter()
            .map(|s| match s.kind {
                StepKind::Info { .. } => "info",
                StepKind::TimedPairs { .. } => "timed_pairs",
                StepKind::Board { .. } => "board",
                StepKind::Reading { .. } => "reading",
                StepKind::Checklist { .. } => "checklist",
                StepKind::Plan { .. } => "plan",
                StepKind::Summary { .. } => "summary",
            })
            .collect();
        assert_eq!(kinds, ["info", "timed_pairs", "board", "reading", "checklist", "checklist", "plan", "summary"]);
    }

    #[test]
    fn pairs_rounds_fill_the_planned_time() {
        let p = Programme::embedded();
        let pairs = &p.steps[1];
        let StepKind::TimedPairs { round_minutes, prompts, .. } = &pairs.kind else {
            panic!("step 2 is the pair sharing");
        };
        assert_eq!(round_minutes * 2, pairs.minutes);
        assert_eq!(prompts.len(), 6);
    }

    #[test]
    fn the_checklists_hold_seven_ingredients_and_ten_reasons() {
        let p = Programme::embedded();
        let counts: Vec<usize> = p
            .steps
            .iter()
            .filter_map(|s| match &s.kind {
                StepKind::Checklist { items, .. } => Some(items.len()),
                _ => None,
            })
            .collect();
        assert_eq!(counts, [7, 10]);
    }

    #[test]
    fn step_ids_are_unique() {
        let p = Programme::embedded();
        let mut ids: Vec<&str> = p.steps.iter().map(|s| s.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), p.steps.len());
    }

    #[test]
    fn an_unknown_step_kind_is_refused() {
        let json = r#"{"id":"x","title":"t","purpose":"p","credit":"c","steps":[
            {"id":"a","kind":"dance","minutes":5,"title":"t","summary":"s"}]}"#;
        assert!(Programme::from_json(json).is_err());
    }
}
