//! The JSON export: the session itself, as its file holds it, every step
//! included, and its minutes as every surface shows them under `clock`.
//! It owns nothing but the serialisation; the sheet's other formats, and
//! what they gather, are not its business.

use crate::pace::Pace;
use crate::programme::Programme;
use crate::session::Session;

/// The session as pretty JSON, with a final line break. A file read back
/// keeps `clock` aside, as any field it does not know.
pub(super) fn json(programme: &Programme, session: &Session) -> String {
    // A session is plain data with string keys: it always serialises.
    let mut value = serde_json::to_value(session).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("clock".into(), clock(&session.pace_at_rest(programme)));
    }
    let mut json = serde_json::to_string_pretty(&value).unwrap_or_default();
    json.push('\n');
    json
}

/// The session's minutes by the one rule, for scripts.
fn clock(pace: &Pace<chrono::Local>) -> serde_json::Value {
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
