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
    pub fr: &'static str,
    pub en: &'static str,
}

/// « Comment établir des partenariats ? », shipped in the binary.
pub const BUILT_IN: Sources = Sources {
    programme: include_str!("../workshops/partnerships/programme.json"),
    fr: include_str!("../workshops/partnerships/locales/fr/workshop.ftl"),
    en: include_str!("../workshops/partnerships/locales/en/workshop.ftl"),
};

/// The id of the built-in workshop's programme.
pub const BUILT_IN_ID: &str = "partnerships";
