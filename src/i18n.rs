//! Languages and the Fluent texts of the app.
//!
//! Every string on screen lives in `locales/{fr,en}/*.ftl`, embedded in the
//! binary. Bundles never wrap placeables in U+2068/U+2069 isolation marks:
//! terminals draw them as visible junk or miscount their width.

use std::cell::OnceCell;
use std::fmt;
use std::str::FromStr;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

/// The languages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn toggled(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => langid!("fr"),
            Lang::En => langid!("en"),
        }
    }

    /// The language of a POSIX locale value such as `fr_FR.UTF-8` or
    /// `en_GB`; `None` for `C`, `POSIX` and languages the app does not speak.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let language = value.split(['_', '.', '@', '-']).next().unwrap_or_default();
        language.parse().ok()
    }

    /// The start language: the command line, else the first of LC_ALL,
    /// LC_MESSAGES, LANG that is set (as POSIX reads them), else French.
    pub fn detect(requested: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        requested.unwrap_or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|name| env(name))
                .find(|value| !value.is_empty())
                .and_then(|value| Lang::from_locale(&value))
                .unwrap_or(Lang::Fr)
        })
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "français" | "francais" | "french" => Ok(Lang::Fr),
            "en" | "english" | "anglais" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language '{}': use fr or en / langue inconnue : fr ou en", self.0)
    }
}

impl std::error::Error for UnknownLang {}

/// The app's own `.ftl` sources (screens, messages, the printed sheet);
/// a workshop brings the texts of its steps (`workshop::Sources`).
pub const APP_SOURCES: [(Lang, &str, &str); 4] = [
    (Lang::Fr, "fr/ui.ftl", include_str!("../locales/fr/ui.ftl")),
    (Lang::Fr, "fr/export.ftl", include_str!("../locales/fr/export.ftl")),
    (Lang::En, "en/ui.ftl", include_str!("../locales/en/ui.ftl")),
    (Lang::En, "en/export.ftl", include_str!("../locales/en/export.ftl")),
];

/// The texts of both languages: the app's and a workshop's. A language's
/// bundle is built the first time it is asked for, so a start in one
/// language parses only that language's files (the other on the first
/// switch).
pub struct Texts {
    /// A workshop's sources, by language: the built-in one's are embedded
    /// and borrowed, a home-made one's are read from its folder.
    sources: Vec<(Lang, std::borrow::Cow<'static, str>)>,
    fr: OnceCell<FluentBundle<FluentResource>>,
    en: OnceCell<FluentBundle<FluentResource>>,
}

impl Default for Texts {
    fn default() -> Self {
        Self::new()
    }
}

impl Texts {
    /// The app's texts with those of the built-in workshop.
    pub fn new() -> Self {
        let built_in = crate::workshop::BUILT_IN;
        Self::of(vec![(Lang::Fr, built_in.fr.into()), (Lang::En, built_in.en.into())])
    }

    /// The app's texts with a workshop's. A workshop's sources are checked
    /// before they get here (`workshop::check`): what does not parse, or
    /// would redefine a text of the app, is left out rather than fatal.
    pub fn with_workshop(sources: &[(Lang, String)]) -> Self {
        Self::of(sources.iter().map(|(lang, source)| (*lang, source.clone().into())).collect())
    }

    fn of(sources: Vec<(Lang, std::borrow::Cow<'static, str>)>) -> Self {
        Self { sources, fr: OnceCell::new(), en: OnceCell::new() }
    }

    /// Whether the bundle of `lang` is built yet.
    pub fn is_loaded(&self, lang: Lang) -> bool {
        self.cell(lang).get().is_some()
    }

    fn cell(&self, lang: Lang) -> &OnceCell<FluentBundle<FluentResource>> {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        self.cell(lang).get_or_init(|| {
            let mut bundle = app_bundle(lang);
            for (_, source) in self.sources.iter().filter(|(l, _)| *l == lang) {
                let resource =
                    FluentResource::try_new(source.clone().into_owned()).unwrap_or_else(|(partial, _)| partial);
                let _ = bundle.add_resource(resource);
            }
            bundle
        })
    }

    pub fn has(&self, lang: Lang, id: &str, attribute: Option<&str>) -> bool {
        let Some(msg) = self.bundle(lang).get_message(id) else { return false };
        match attribute {
            None => msg.value().is_some(),
            Some(attr) => msg.get_attribute(attr).is_some(),
        }
    }

    /// The text of message `id` (or of its attribute), with arguments. A
    /// missing message shows its id, so a gap is visible but never fatal.
    pub fn format(&self, lang: Lang, id: &str, attribute: Option<&str>, args: &[Arg]) -> String {
        let bundle = self.bundle(lang);
        let Some(msg) = bundle.get_message(id) else { return id.to_string() };
        let pattern = match attribute {
            None => msg.value(),
            Some(attr) => msg.get_attribute(attr).map(|a| a.value()),
        };
        let Some(pattern) = pattern else { return id.to_string() };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent());
        }
        let mut errors = Vec::new();
        let args = (!args.is_empty()).then_some(&fluent_args);
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }
}

/// A named argument of a message: numbers stay numbers, so that plurals are
/// chosen by the language's rules (in French 0 and 1 are singular).
pub type Arg<'a> = (&'a str, ArgValue<'a>);

#[derive(Debug, Clone, Copy)]
pub enum ArgValue<'a> {
    Num(i64),
    Str(&'a str),
}

impl ArgValue<'_> {
    fn to_fluent(self) -> FluentValue<'static> {
        match self {
            ArgValue::Num(n) => FluentValue::from(n),
            ArgValue::Str(s) => FluentValue::from(s.to_string()),
        }
    }
}

impl From<i64> for ArgValue<'_> {
    fn from(n: i64) -> Self {
        ArgValue::Num(n)
    }
}

impl From<u64> for ArgValue<'_> {
    fn from(n: u64) -> Self {
        ArgValue::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for ArgValue<'_> {
    fn from(n: usize) -> Self {
        ArgValue::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl<'a> From<&'a str> for ArgValue<'a> {
    fn from(s: &'a str) -> Self {
        ArgValue::Str(s)
    }
}

impl<'a> From<&'a String> for ArgValue<'a> {
    fn from(s: &'a String) -> Self {
        ArgValue::Str(s)
    }
}

/// The texts in one language: what the screens hold to say things.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub texts: &'a Texts,
    pub lang: Lang,
}

impl<'a> Tr<'a> {
    pub fn new(texts: &'a Texts, lang: Lang) -> Self {
        Self { texts, lang }
    }

    pub fn t(&self, id: &str) -> String {
        self.texts.format(self.lang, id, None, &[])
    }

    pub fn attr(&self, id: &str, attribute: &str) -> String {
        self.texts.format(self.lang, id, Some(attribute), &[])
    }

    pub fn args(&self, id: &str, args: &[Arg]) -> String {
        self.texts.format(self.lang, id, None, args)
    }

    /// A duration in whole minutes, as people say it: `12 min`, `1 h 30`
    /// in French, `1 hr 30 min` in English.
    pub fn minutes(&self, minutes: u64) -> String {
        if minutes < 60 {
            self.args("duration-minutes", &[("minutes", minutes.into())])
        } else {
            let padded = format!("{:02}", minutes % 60);
            self.args(
                "duration-hours",
                &[
                    ("hours", (minutes / 60).into()),
                    ("minutes", (minutes % 60).into()),
                    ("padded", padded.as_str().into()),
                ],
            )
        }
    }
}

fn app_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new(vec![lang.langid()]);
    bundle.set_use_isolating(false);
    for (source_lang, name, source) in APP_SOURCES {
        if source_lang != lang {
            continue;
        }
        // The sources are embedded and checked by tests: an error here is a
        // build defect.
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
        bundle.add_resource(resource).unwrap_or_else(|errors| panic!("{name} redefines messages: {errors:?}"));
    }
    bundle
}

/// Every source of the app and of the built-in workshop, for the tests.
pub fn all_sources() -> Vec<(Lang, String, &'static str)> {
    let built_in = crate::workshop::BUILT_IN;
    let mut all: Vec<(Lang, String, &'static str)> =
        APP_SOURCES.iter().map(|(lang, name, source)| (*lang, name.to_string(), *source)).collect();
    all.push((Lang::Fr, "fr/workshop.ftl".into(), built_in.fr));
    all.push((Lang::En, "en/workshop.ftl".into(), built_in.en));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn the_command_line_wins() {
        assert_eq!(Lang::detect(Some(Lang::En), env_of(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
    }

    #[test]
    fn the_locale_follows_posix_precedence() {
        assert_eq!(Lang::detect(None, env_of(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::detect(None, env_of(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::detect(None, env_of(&[("LC_ALL", "fr_CA.UTF-8"), ("LANG", "en_US.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::detect(None, env_of(&[("LC_MESSAGES", "en_US"), ("LANG", "fr_BE")])), Lang::En);
        // An empty variable does not count.
        assert_eq!(Lang::detect(None, env_of(&[("LC_ALL", ""), ("LANG", "en_GB")])), Lang::En);
    }

    #[test]
    fn anything_else_falls_back_to_french() {
        for value in ["C", "POSIX", "C.UTF-8", "de_DE.UTF-8", ""] {
            assert_eq!(Lang::detect(None, env_of(&[("LANG", value)])), Lang::Fr, "{value}");
        }
        assert_eq!(Lang::detect(None, env_of(&[])), Lang::Fr);
    }

    #[test]
    fn language_names_parse_and_unknown_ones_are_refused() {
        assert_eq!("fr".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        let err = "de".parse::<Lang>().unwrap_err();
        assert!(err.to_string().contains("'de'"));
    }

    #[test]
    fn only_the_language_shown_is_parsed_the_other_on_first_use() {
        let texts = Texts::new();
        assert!(!texts.is_loaded(Lang::Fr) && !texts.is_loaded(Lang::En));
        let _ = Tr::new(&texts, Lang::En).t("action-quit");
        assert!(texts.is_loaded(Lang::En) && !texts.is_loaded(Lang::Fr));
        assert_ne!(Tr::new(&texts, Lang::Fr).t("action-quit"), "action-quit");
        assert!(texts.is_loaded(Lang::Fr));
    }

    #[test]
    fn no_isolation_marks_reach_the_screen() {
        let texts = Texts::new();
        for lang in Lang::ALL {
            let s = Tr::new(&texts, lang).minutes(95);
            assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
        }
    }

    #[test]
    fn french_plurals_treat_zero_and_one_as_singular() {
        let texts = Texts::new();
        let fr = Tr::new(&texts, Lang::Fr);
        let en = Tr::new(&texts, Lang::En);
        let n = |tr: Tr, n: i64| tr.args("participants-count", &[("count", n.into())]);
        assert_eq!(n(fr, 0), "0 participant");
        assert_eq!(n(fr, 1), "1 participant");
        assert_eq!(n(fr, 2), "2 participants");
        assert_eq!(n(en, 0), "0 participants");
        assert_eq!(n(en, 1), "1 participant");
    }

    #[test]
    fn durations_read_as_people_say_them() {
        let texts = Texts::new();
        let fr = Tr::new(&texts, Lang::Fr);
        assert_eq!(fr.minutes(5), "5\u{a0}min");
        assert_eq!(fr.minutes(90), "1\u{a0}h\u{a0}30");
        assert_eq!(fr.minutes(65), "1\u{a0}h\u{a0}05");
        let en = Tr::new(&texts, Lang::En);
        assert_eq!(en.minutes(90), "1 hr 30 min");
        assert_eq!(en.minutes(120), "2 hr");
    }

    /// Every message and attribute of one language exists in the other.
    #[test]
    fn both_languages_define_the_same_messages_and_attributes() {
        let mut keys: BTreeMap<Lang, BTreeSet<String>> = BTreeMap::new();
        for (lang, name, source) in all_sources() {
            let resource =
                fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{name}: {errors:?}"));
            let set = keys.entry(lang).or_default();
            for entry in resource.body {
                let (id, attributes) = match entry {
                    fluent_syntax::ast::Entry::Message(m) => (m.id.name.to_string(), m.attributes),
                    fluent_syntax::ast::Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
                    fluent_syntax::ast::Entry::Junk { content } => panic!("{name}: junk {content:?}"),
                    _ => continue,
                };
                for attribute in attributes {
                    set.insert(format!("{id}.{}", attribute.id.name));
                }
                assert!(set.insert(id.clone()), "{name}: {id} defined twice");
            }
        }
        let fr = &keys[&Lang::Fr];
        let en = &keys[&Lang::En];
        let only_fr: Vec<_> = fr.difference(en).collect();
        let only_en: Vec<_> = en.difference(fr).collect();
        assert!(only_fr.is_empty() && only_en.is_empty(), "only fr: {only_fr:?}, only en: {only_en:?}");
    }

    #[test]
    fn every_text_of_the_programme_exists_in_both_languages() {
        let texts = Texts::new();
        let programme = crate::programme::Programme::embedded();
        for r in programme.text_refs() {
            for lang in Lang::ALL {
                assert!(texts.has(lang, &r.id, r.attribute), "{lang}: missing {} {:?}", r.id, r.attribute);
            }
        }
    }

    /// French typography: a no-break space before the high punctuation and
    /// inside guillemets, always U+00A0 (ratatui wraps at U+202F, which
    /// would leave a `?` alone at the start of a line); never a straight
    /// apostrophe in either language.
    #[test]
    fn french_typography_is_respected() {
        for (lang, name, source) in all_sources() {
            for (n, line) in source.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let text = line.split_once('=').map_or(line, |(_, v)| v).trim_start();
                let where_ = format!("{name}:{}", n + 1);
                assert!(!text.contains('\u{202f}'), "{where_}: U+202F, which wraps; use U+00A0: {line}");
                if lang == Lang::Fr {
                    for p in [':', ';', '!', '?', '»'] {
                        assert!(!text.contains(&format!(" {p}")), "{where_}: plain space before {p}: {line}");
                    }
                    assert!(!text.contains("« "), "{where_}: plain space after «: {line}");
                    let chars: Vec<char> = text.chars().collect();
                    for (i, c) in chars.iter().enumerate() {
                        if matches!(c, ';' | '!' | '?' | '»') && i > 0 && chars[i - 1].is_alphanumeric() {
                            panic!("{where_}: no space before {c}: {line}");
                        }
                    }
                }
                // Fluent syntax uses ' nowhere in these files, so any is prose.
                assert!(!text.contains('\''), "{where_}: straight apostrophe: {line}");
            }
        }
    }
}
