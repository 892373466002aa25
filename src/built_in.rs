//! The built-in workshop's files, « Comment établir des partenariats ? »,
//! embedded in the binary: its programme and its texts in each language.
//!
//! A leaf: it imports nothing of the crate, so that the domain (the
//! programme, the texts) and the loader of workshop folders (`workshop`)
//! can both start from these files without reaching into each other.

/// The files of a workshop: its programme and one text file per language.
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    pub programme: &'static str,
    /// Each language's texts, by its code (`locales/CODE/workshop.ftl`).
    pub texts: &'static [(&'static str, &'static str)],
}

/// « Comment établir des partenariats ? », shipped in the binary.
pub const BUILT_IN: Sources = Sources {
    programme: include_str!("../workshops/partnerships/programme.json"),
    texts: &[
        ("fr", include_str!("../workshops/partnerships/locales/fr/workshop.ftl")),
        ("en", include_str!("../workshops/partnerships/locales/en/workshop.ftl")),
    ],
};

impl Sources {
    /// The texts of the language of this code, if the workshop has them.
    pub fn text(&self, code: &str) -> Option<&'static str> {
        self.texts.iter().find(|(c, _)| *c == code).map(|(_, text)| *text)
    }
}

/// The id of the built-in workshop's programme.
pub const BUILT_IN_ID: &str = "partnerships";
