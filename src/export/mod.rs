//! The printable "partnership sheet" of one session: Markdown, a
//! self-contained HTML page that prints on one or two A4 pages, or the
//! session itself as JSON. This file owns the formats and the two ways in
//! ([`sheet`] from a session's file, [`render`] from a session in hand);
//! it reads the store and the workshop only to find the session, its
//! workshop and its group, and writes nothing.
//!
//! The sheet is gathered once into plain text (`gather`), every step of
//! the programme in its order, and then written out by one renderer per
//! format (`markdown`, `html`, `json`). Every string reaches a renderer raw
//! and is escaped there, whether it comes from the notes or from the
//! Fluent texts; what people typed is also passed through
//! [`crate::text::printable`] first.
//!
//! The session is expected as read from disk: its clocks are settled, so
//! the time used is what was accumulated.

mod gather;
mod html;
mod json;
mod markdown;

use std::fmt;
use std::path::Path;
use std::rc::Rc;
use std::str::FromStr;

use crate::i18n::{Lang, Tr};
use crate::programme::Programme;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::trend::Trend;
use crate::workshop::{self, Workshop};

pub use gather::{Shown, shown};
pub use html::escape_html;
pub use markdown::escape_markdown;

/// The formats of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    /// The extension of a file in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format '{}': use md, html or json / format inconnu : md, html ou json", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

/// The sheet of the session in the file `path`, in `format`, with the
/// trend of its group: in `lang`, else in the session's own language. A
/// name for its file comes with it, made from the session's file name
/// (never from its content). The one way a sheet is made, from the command
/// line and from the screens.
pub fn sheet(
    store: &Store,
    built_in: &Rc<Workshop>,
    path: &Path,
    format: Format,
    lang: Option<Lang>,
) -> Result<(String, String), StoreError> {
    let session = store.load(path)?;
    let workshop = workshop::of_session(&session, built_in).unwrap_or_else(|(stand_in, _)| stand_in);
    let group = store.group_sessions(&session.roster.group)?;
    let trend = crate::trend::trend(&workshop.programme, &group);
    let tr = Tr::new(&workshop.texts, lang.unwrap_or(session.lang));
    let text = render(format, &workshop.programme, &session, Some(&trend), &tr);
    Ok((crate::store::file_name_for(path), text))
}

/// The sheet of `session` in `format`, in the language of `tr`. A `trend`
/// covering more than one session adds the group's evolution.
pub fn render(format: Format, programme: &Programme, session: &Session, trend: Option<&Trend>, tr: &Tr) -> String {
    match format {
        Format::Json => json::json(programme, session),
        Format::Markdown => markdown::markdown(&gather::Sheet::gather(programme, session, trend, tr)),
        Format::Html => html::html(&gather::Sheet::gather(programme, session, trend, tr), tr.lang.code()),
    }
}

/// A text written line by line, as the renderers write.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_name_their_files() {
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!(" HTML ".parse::<Format>(), Ok(Format::Html));
        assert_eq!("json".parse::<Format>(), Ok(Format::Json));
        assert!("pdf".parse::<Format>().unwrap_err().to_string().contains("'pdf'"));
        let extensions: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
        assert_eq!(extensions, ["md", "html", "json"]);
    }
}
