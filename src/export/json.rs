//! The JSON export: the session itself, as its file holds it, every step
//! included. It owns nothing but the serialisation; the sheet's other
//! formats, and what they gather, are not its business.

use crate::session::Session;

/// The session as pretty JSON, with a final line break.
pub(super) fn json(session: &Session) -> String {
    // A session is plain data with string keys: it always serialises.
    let mut json = serde_json::to_string_pretty(session).unwrap_or_default();
    json.push('\n');
    json
}
