//! Languages and the Fluent texts of the app.
//!
//! Every string on screen lives in `locales/{fr,en}/*.ftl`, embedded in the
//! binary. Bundles never wrap placeables in U+2068/U+2069 isolation marks:
//! terminals draw them as visible junk or miscount their width.

use std::borrow::Cow;
use std::cell::{OnceCell, Ref, RefCell};
use std::fmt;
use std::hash::BuildHasher;
use std::ops::Range;
use std::str::FromStr;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use hashbrown::{DefaultHashBuilder, HashTable};
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
/// a workshop brings the texts of its steps (`built_in::Sources`).
pub const APP_SOURCES: [(Lang, &str, &str); 6] = [
    (Lang::Fr, "fr/ui.ftl", include_str!("../locales/fr/ui.ftl")),
    (Lang::Fr, "fr/export.ftl", include_str!("../locales/fr/export.ftl")),
    (Lang::Fr, "fr/room.ftl", include_str!("../locales/fr/room.ftl")),
    (Lang::En, "en/ui.ftl", include_str!("../locales/en/ui.ftl")),
    (Lang::En, "en/export.ftl", include_str!("../locales/en/export.ftl")),
    (Lang::En, "en/room.ftl", include_str!("../locales/en/room.ftl")),
];

/// The texts of both languages: the app's and a workshop's. A language's
/// texts are indexed the first time it is asked for, so a start in one
/// language reads nothing of the other; and a message is parsed the first
/// time it is shown, so the first frame parses the few dozen it shows, not
/// the hundreds the app holds.
pub struct Texts {
    /// A workshop's sources, by language: the built-in one's are embedded
    /// and borrowed, a home-made one's are read from its folder.
    sources: Vec<(Lang, Cow<'static, str>)>,
    fr: OnceCell<RefCell<LazyBundle>>,
    en: OnceCell<RefCell<LazyBundle>>,
}

/// One language's bundle, filled message by message from an index of where
/// each entry of the sources starts and ends.
struct LazyBundle {
    fluent: FluentBundle<FluentResource>,
    /// Every message (and term, its id with its `-`) of the language's
    /// sources. The first definition wins, so a workshop cannot redefine a
    /// text of the app.
    index: HashTable<Entry>,
    hasher: DefaultHashBuilder,
}

/// Where an entry is: its source, and its id and text in it.
struct Entry {
    source: usize,
    id: Range<usize>,
    text: Range<usize>,
    /// Whether it is in the bundle yet.
    parsed: bool,
}

impl Default for Texts {
    fn default() -> Self {
        Self::new()
    }
}

impl Texts {
    /// The app's texts with those of the built-in workshop.
    pub fn new() -> Self {
        let built_in = crate::built_in::BUILT_IN;
        Self::of(Lang::ALL.iter().filter_map(|lang| Some((*lang, built_in.text(lang.code())?.into()))).collect())
    }

    /// The app's texts with a workshop's. A workshop's sources are checked
    /// before they get here (`workshop::check`): what does not parse, or
    /// would redefine a text of the app, is left out rather than fatal.
    pub fn with_workshop(sources: &[(Lang, String)]) -> Self {
        Self::of(sources.iter().map(|(lang, source)| (*lang, source.clone().into())).collect())
    }

    fn of(workshop: Vec<(Lang, Cow<'static, str>)>) -> Self {
        let app = APP_SOURCES.iter().map(|(lang, _, source)| (*lang, Cow::Borrowed(*source)));
        Self { sources: app.chain(workshop).collect(), fr: OnceCell::new(), en: OnceCell::new() }
    }

    /// Whether the texts of `lang` are indexed yet.
    pub fn is_loaded(&self, lang: Lang) -> bool {
        self.cell(lang).get().is_some()
    }

    fn cell(&self, lang: Lang) -> &OnceCell<RefCell<LazyBundle>> {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// The bundle of `lang`, with message `id` (and what it refers to) in it.
    fn bundle_with(&self, lang: Lang, id: &str) -> Ref<'_, FluentBundle<FluentResource>> {
        let cell = self.cell(lang).get_or_init(|| RefCell::new(LazyBundle::index(lang, &self.sources)));
        cell.borrow_mut().load(id, &self.sources);
        Ref::map(cell.borrow(), |bundle| &bundle.fluent)
    }

    pub fn has(&self, lang: Lang, id: &str, attribute: Option<&str>) -> bool {
        let bundle = self.bundle_with(lang, id);
        let Some(msg) = bundle.get_message(id) else { return false };
        match attribute {
            None => msg.value().is_some(),
            Some(attr) => msg.get_attribute(attr).is_some(),
        }
    }

    /// The text of message `id` (or of its attribute), with arguments. A
    /// missing message shows its id, so a gap is visible but never fatal.
    pub fn format(&self, lang: Lang, id: &str, attribute: Option<&str>, args: &[Arg]) -> String {
        let bundle = self.bundle_with(lang, id);
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

impl Entry {
    /// Its id, as its source spells it.
    fn id<'s>(&self, sources: &'s [(Lang, Cow<'static, str>)]) -> &'s str {
        &sources[self.source].1[self.id.clone()]
    }
}

impl LazyBundle {
    fn index(lang: Lang, sources: &[(Lang, Cow<'static, str>)]) -> Self {
        let mut fluent = FluentBundle::new(vec![lang.langid()]);
        fluent.set_use_isolating(false);
        let mut bundle = Self { fluent, index: HashTable::new(), hasher: DefaultHashBuilder::default() };
        let found: Vec<Entry> = sources
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| *l == lang)
            .flat_map(|(source, (_, text))| {
                entries(text).map(move |(id, text)| Entry { source, id, text, parsed: false })
            })
            .collect();
        // Sized once: grown entry by entry, the table was rebuilt eight
        // times over before the first frame.
        bundle.index.reserve(found.len(), |e| bundle.hasher.hash_one(e.id(sources)));
        for entry in found {
            let key = entry.id(sources);
            let hash = bundle.hasher.hash_one(key);
            if bundle.index.find(hash, |e| e.id(sources) == key).is_none() {
                bundle.index.insert_unique(hash, entry, |e| bundle.hasher.hash_one(e.id(sources)));
            }
        }
        bundle
    }

    /// Parses entry `id` into the bundle, then the messages and terms it
    /// refers to, once each.
    fn load(&mut self, id: &str, sources: &[(Lang, Cow<'static, str>)]) {
        let hash = self.hasher.hash_one(id);
        let found = self.index.find_mut(hash, |e| e.id(sources) == id);
        let Some(entry) = found.filter(|e| !e.parsed) else { return };
        entry.parsed = true;
        let text = sources[entry.source].1[entry.text.clone()].to_string();
        // A source that does not parse keeps what does (the app's own are
        // checked by the tests; a workshop's by `workshop::check`).
        let resource = FluentResource::try_new(text).unwrap_or_else(|(partial, _)| partial);
        let mut refers_to = Vec::new();
        for entry in resource.entries() {
            let patterns: Vec<&ast::Pattern<&str>> = match entry {
                ast::Entry::Message(m) => m.value.iter().chain(m.attributes.iter().map(|a| &a.value)).collect(),
                ast::Entry::Term(t) => std::iter::once(&t.value).chain(t.attributes.iter().map(|a| &a.value)).collect(),
                _ => Vec::new(),
            };
            patterns.into_iter().for_each(|p| references(p, &mut refers_to));
        }
        let _ = self.fluent.add_resource(resource);
        for other in refers_to {
            self.load(&other, sources);
        }
    }
}

/// The messages and terms (`-name`) a pattern refers to, nested ones too.
fn references(pattern: &ast::Pattern<&str>, found: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_references(expression, found);
        }
    }
}

fn expression_references(expression: &ast::Expression<&str>, found: &mut Vec<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_references(inline, found),
        ast::Expression::Select { selector, variants } => {
            inline_references(selector, found);
            variants.iter().for_each(|v| references(&v.value, found));
        }
    }
}

fn inline_references(inline: &ast::InlineExpression<&str>, found: &mut Vec<String>) {
    let arguments = match inline {
        ast::InlineExpression::MessageReference { id, .. } => {
            found.push(id.name.to_string());
            None
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            found.push(format!("-{}", id.name));
            arguments.as_ref()
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        ast::InlineExpression::Placeable { expression } => {
            expression_references(expression, found);
            None
        }
        _ => None,
    };
    for argument in arguments.into_iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value))) {
        inline_references(argument, found);
    }
}

/// Where each message and term of a Fluent source starts and ends. An
/// entry starts at a line that begins with its id (a term's with `-`) and
/// runs to the next line that begins with an id or a comment: in Fluent,
/// a line that continues an entry is indented, or starts with the `}`,
/// `[`, `*` or `.` of a placeable, a variant or an attribute.
fn entries(source: &str) -> impl Iterator<Item = (Range<usize>, Range<usize>)> {
    let bytes = source.as_bytes();
    let begins_entry = |at: usize| bytes.get(at).is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'#'));
    let mut starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1))
        .filter(|at| begins_entry(*at))
        .collect();
    starts.push(source.len());
    (1..starts.len()).filter_map(move |n| {
        let text = starts[n - 1]..starts[n];
        let name_at = text.start + usize::from(bytes[text.start] == b'-');
        let name_len = bytes[name_at..text.end]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
            .unwrap_or(text.end - name_at);
        let starts_well = bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic);
        starts_well.then(|| (text.start..name_at + name_len, text))
    })
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
    /// A countdown's length: whole minutes as [`Tr::minutes`] says them,
    /// else minutes and seconds (`1 min 30 s`).
    pub fn length(&self, length: std::time::Duration) -> String {
        let seconds = length.as_secs();
        if seconds.is_multiple_of(60) {
            return self.minutes(seconds / 60);
        }
        self.args("duration-minutes-seconds", &[("minutes", (seconds / 60).into()), ("seconds", (seconds % 60).into())])
    }

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

/// Every source of the app and of the built-in workshop, for the tests.
pub fn all_sources() -> Vec<(Lang, String, &'static str)> {
    let built_in = crate::built_in::BUILT_IN;
    let mut all: Vec<(Lang, String, &'static str)> =
        APP_SOURCES.iter().map(|(lang, name, source)| (*lang, name.to_string(), *source)).collect();
    for lang in Lang::ALL {
        let text = built_in.text(lang.code()).unwrap_or_default();
        all.push((lang, format!("{}/workshop.ftl", lang.code()), text));
    }
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

    /// Each message, parsed alone when first shown, reads exactly as it
    /// does when its whole file is parsed at once: the cut between entries
    /// falls where Fluent's parser puts it.
    #[test]
    fn a_message_parsed_alone_reads_as_in_its_whole_file() {
        let texts = Texts::new();
        for lang in Lang::ALL {
            let mut whole = FluentBundle::new(vec![lang.langid()]);
            whole.set_use_isolating(false);
            for (_, name, source) in all_sources().into_iter().filter(|(l, _, _)| *l == lang) {
                let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|_| panic!("{name}"));
                whole.add_resource(resource).unwrap_or_else(|_| panic!("{name}"));
            }
            let mut count = 0;
            for (_, _, source) in all_sources().into_iter().filter(|(l, _, _)| *l == lang) {
                for id in entries(source).map(|(id, _)| &source[id]).filter(|id| !id.starts_with('-')) {
                    let message = whole.get_message(id).unwrap_or_else(|| panic!("{lang}: {id} is not an entry"));
                    let patterns = message.value().map(|v| (None, v)).into_iter();
                    for (attribute, pattern) in patterns.chain(message.attributes().map(|a| (Some(a.id()), a.value())))
                    {
                        let expected = whole.format_pattern(pattern, None, &mut Vec::new()).into_owned();
                        assert_eq!(texts.format(lang, id, attribute, &[]), expected, "{lang}: {id} {attribute:?}");
                        count += 1;
                    }
                }
            }
            assert!(count > 300, "{lang}: only {count} texts");
        }
    }

    #[test]
    fn a_message_brings_the_messages_and_terms_it_refers_to() {
        let source = "-group = Les { -bird }\n\
            -bird = Colibris\n\
            # a comment between entries\n\
            greeting = Bonjour { -group }, { whom }\n\
            \x20   .short = { $n ->\n\
            [one] { other }\n\
            *[many] x\n\
            }\n\
            whom = à tous\n\
            other = un seul\n";
        let texts = Texts::with_workshop(&[(Lang::Fr, source.to_string())]);
        assert_eq!(Tr::new(&texts, Lang::Fr).t("greeting"), "Bonjour Les Colibris, à tous");
        assert_eq!(texts.format(Lang::Fr, "greeting", Some("short"), &[("n", ArgValue::Num(1))]), "un seul");
        assert!(!texts.has(Lang::Fr, "-group", None), "a term is not a message");
    }

    /// What a placeable nested in another, or a function's arguments,
    /// refer to is found too.
    #[test]
    fn references_are_found_inside_placeables_and_arguments() {
        let resource = fluent_syntax::parser::parse("m = { { inner } } { FN(positional, -term) }\n").unwrap();
        let ast::Entry::Message(message) = &resource.body[0] else { panic!("a message") };
        let mut found = Vec::new();
        references(message.value.as_ref().unwrap(), &mut found);
        assert_eq!(found, ["inner", "positional", "-term"]);
    }

    /// A source that ends on a line with no `=` (a text cut short) keeps
    /// the entries before it, and the line is no text.
    #[test]
    fn a_source_cut_short_keeps_what_comes_before() {
        let texts = Texts::with_workshop(&[(Lang::Fr, "hello = Bonjour\ncut".to_string())]);
        assert_eq!(Tr::new(&texts, Lang::Fr).t("hello"), "Bonjour");
        assert_eq!(Tr::new(&texts, Lang::Fr).t("cut"), "cut");
    }

    #[test]
    fn a_file_with_windows_line_ends_reads_the_same() {
        let source = "hello = Bonjour\r\n    .short = Salut\r\n\r\nbye = Au revoir\r\n";
        let texts = Texts::with_workshop(&[(Lang::Fr, source.to_string())]);
        assert_eq!(Tr::new(&texts, Lang::Fr).t("hello"), "Bonjour");
        assert_eq!(Tr::new(&texts, Lang::Fr).attr("hello", "short"), "Salut");
        assert_eq!(Tr::new(&texts, Lang::Fr).t("bye"), "Au revoir");
    }

    #[test]
    fn a_message_is_parsed_when_first_shown_and_no_other() {
        let texts = Texts::new();
        let _ = Tr::new(&texts, Lang::Fr).t("action-quit");
        let bundle = texts.fr.get().expect("indexed").borrow();
        assert!(bundle.fluent.has_message("action-quit"));
        assert!(bundle.index.len() > 300, "indexed: {}", bundle.index.len());
        assert!(!bundle.fluent.has_message("duration-hours"), "but not parsed");
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
