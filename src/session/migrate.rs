//! Files of an older format brought to this one, as JSON, before they are
//! read: version 1 kept every kind's data in optional fields of each step.
//! It owns the shape of old files only; what a session is, is its parent's.

use serde_json::{Map, Value, json};

use super::FORMAT_VERSION;

/// Brings a session file of an older format to this one, as JSON, before it
/// is read. Version 1 kept every kind's data in optional fields of each
/// step (`rounds`, `round`, `cursor`, `board`, `checklist`, `plan`) and the
/// plan's choices as text ids (`level-decide`); it was only ever written
/// for the built-in workshop, whose step ids say each step's kind.
pub fn migrate(mut value: Value) -> Value {
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version >= u64::from(FORMAT_VERSION) {
        return value;
    }
    if let Some(steps) = value.get_mut("steps").and_then(Value::as_array_mut) {
        for step in steps.iter_mut().filter_map(Value::as_object_mut) {
            migrate_step_v1(step);
        }
    }
    value["version"] = json!(FORMAT_VERSION);
    value
}

/// The kind of a version-1 step: by its id in the built-in workshop, else
/// by the data it holds.
fn kind_of_v1_step(step: &Map<String, Value>) -> &'static str {
    let rounds = step.get("rounds").and_then(Value::as_array).map_or(0, Vec::len);
    match step.get("id").and_then(Value::as_str).unwrap_or_default() {
        "welcome" => "info",
        "pairs" => "timed_pairs",
        "board" => "board",
        "reading" => "reading",
        "ingredients" | "failures" => "checklist",
        "plan" => "plan",
        "closing" => "summary",
        _ if step.contains_key("board") => "board",
        _ if step.contains_key("checklist") => "checklist",
        _ if step.contains_key("plan") => "plan",
        _ if rounds > 1 => "timed_pairs",
        _ if rounds == 1 => "reading",
        _ => "info",
    }
}

fn migrate_step_v1(step: &mut Map<String, Value>) {
    let kind = kind_of_v1_step(step);
    let mut take = |key: &str| step.remove(key);
    let rounds = take("rounds");
    let round = take("round").unwrap_or(json!(0));
    let cursor = take("cursor").unwrap_or(json!(0));
    let board = take("board");
    let checklist = take("checklist");
    let plan = take("plan");
    let state = match kind {
        "timed_pairs" => json!({ "rounds": rounds.unwrap_or(json!([])), "round": round }),
        "reading" => {
            let countdown = rounds.and_then(|r| r.get(0).cloned());
            json!({ "countdown": countdown.unwrap_or(json!({"planned_secs": 900, "elapsed_ms": 0, "running": false})), "section": cursor })
        }
        "board" => board.unwrap_or(json!({})),
        "checklist" => checklist.unwrap_or(json!({})),
        "plan" => migrate_plan_v1(plan.unwrap_or(json!({}))),
        "info" => json!({ "cursor": cursor }),
        _ => json!({}),
    };
    step.insert(kind.to_string(), state);
}

/// Version 1 kept the level and the decision as Fluent ids of the built-in
/// workshop (`level-decide`, `decision-not-now`); they become the
/// programme's option ids (`decide`, `not-now`) under `choices`.
fn migrate_plan_v1(mut plan: Value) -> Value {
    let Some(fields) = plan.as_object_mut() else { return json!({}) };
    let mut choices = Map::new();
    for (field, prefix) in [("level", "level-"), ("decision", "decision-")] {
        if let Some(Value::String(text)) = fields.remove(field) {
            let id = text.strip_prefix(prefix).unwrap_or(&text).to_string();
            choices.insert(field.to_string(), Value::String(id));
        }
    }
    fields.insert("choices".into(), Value::Object(choices));
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_step_is_known_by_its_id_even_without_its_data() {
        let kind = |id: &str| kind_of_v1_step(json!({ "id": id }).as_object().unwrap());
        assert_eq!(kind("welcome"), "info");
        assert_eq!(kind("pairs"), "timed_pairs");
        assert_eq!(kind("board"), "board");
        assert_eq!(kind("reading"), "reading");
        assert_eq!(kind("ingredients"), "checklist");
        assert_eq!(kind("failures"), "checklist");
        assert_eq!(kind("plan"), "plan");
        assert_eq!(kind("closing"), "summary");
        let by_data = |data: Value| kind_of_v1_step(data.as_object().unwrap());
        assert_eq!(by_data(json!({ "id": "x", "board": {} })), "board");
        assert_eq!(by_data(json!({ "id": "x", "checklist": {} })), "checklist");
        assert_eq!(by_data(json!({ "id": "x", "plan": {} })), "plan");
        assert_eq!(by_data(json!({ "id": "x", "rounds": [{}, {}] })), "timed_pairs");
        assert_eq!(by_data(json!({ "id": "x", "rounds": [{}] })), "reading");
        assert_eq!(by_data(json!({ "id": "x" })), "info");
    }
}
