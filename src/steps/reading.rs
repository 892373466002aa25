//! The reading step: pairs read the guide under a countdown; the screen
//! shows one section at a time beside the clock.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Action, Block, Outcome, TextRefs};
use crate::timer::Countdown;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    pub intro: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Def {
    pub fn text_refs(&self, refs: &mut TextRefs) {
        refs.message(&self.intro);
        for section in &self.sections {
            refs.message(&section.title);
            refs.blocks(&section.blocks);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The whole step's time.
    pub countdown: Countdown,
    /// The section on screen.
    #[serde(default)]
    pub section: usize,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl State {
    pub fn new(minutes: u64) -> Self {
        Self { countdown: Countdown::new(Duration::from_secs(minutes * 60)), section: 0, extra: Map::new() }
    }

    pub(super) fn fit(&mut self, def: &Def) {
        self.section = self.section.min(def.sections.len().saturating_sub(1));
    }

    pub(super) fn update(&mut self, def: &Def, action: Action, now: Instant) -> Outcome {
        match action {
            Action::ToggleTimer => {
                self.countdown.toggle(now);
                Outcome::notes_if(true)
            }
            Action::AdjustMinutes(minutes) => {
                self.countdown.adjust_minutes(minutes, now);
                Outcome::notes_if(true)
            }
            Action::Select(delta) => {
                self.section = self.section.saturating_add_signed(delta).min(def.sections.len().saturating_sub(1));
                // The section read is worth keeping at once: the pairs come
                // back to it.
                Outcome::notes_if(true)
            }
            Action::NextRound
            | Action::Reorder(_)
            | Action::NextField
            | Action::Edit
            | Action::Add
            | Action::Delete
            | Action::Pin
            | Action::Undo
            | Action::ToggleItem
            | Action::EndTurn
            | Action::SkipTurn
            | Action::ReopenTurn
            | Action::TogglePrivate => Outcome::default(),
        }
    }
}
