//! The closing step: one sheet of what the session produced, gathered
//! from the other steps (see `ui/steps/summary.rs` and the export).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Block;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Def {
    /// The closing words, read above the sheet.
    pub blocks: Vec<Block>,
}

/// Nothing is typed here; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
