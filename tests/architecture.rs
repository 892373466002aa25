//! The shape of the code, as docs/ARCHITECTURE.md draws it: no two modules
//! reach into each other, and each layer imports only from the layers
//! below it.
//!
//! The test reads `src/` as text: every `use crate::…`, every path
//! `crate::x::…` or `super::…` written in the code (comments and strings
//! left out), each resolved to the module it names. Modules are compared
//! where they part: `ui::steps::board` reaching `ui::keys` is an arrow
//! `steps → keys` inside `ui`; `ui::keys` reaching `app` is an arrow
//! `ui → app` at the top. A module reaching its own parent or child is
//! not an arrow (a parent declares its children, a child uses the
//! parent's items).
//!
//! It found the two circles the code had before it: `workshop → i18n →
//! workshop` and `workshop → programme → workshop` (the embedded files,
//! `BUILT_IN`, lived in the loader that reads the domain), and
//! `keys → steps → keys` inside `ui` (the key types lived in the table
//! that lists the steps' keys). Put either back and it fails, naming the
//! circle and the line of each arrow.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may import from its own layer and
/// the ones below, never above (docs/ARCHITECTURE.md, « Who imports
/// whom »).
const LAYERS: &[(&str, &[&str])] = &[
    // `timing`: the probes of `--features timing`, which import nothing.
    // `fluent_refs`: Fluent's syntax tree walked without recursion.
    ("leaves", &["text", "timer", "pace", "built_in", "timing", "fluent_refs"]),
    ("domain", &["i18n", "steps", "programme", "session", "agenda", "trend", "listing"]),
    ("workshop, store, export, room", &["workshop", "store", "export", "wall", "room"]),
    ("app", &["app"]),
    ("ui", &["ui"]),
    ("runtime, cli", &["runtime", "cli"]),
];

/// Imports that the layers alone would allow but the architecture does
/// not: the screens show what `app` holds, and never read the store, a
/// workshop folder or an export themselves.
const FORBIDDEN: &[(&str, &str)] = &[("ui", "store"), ("ui", "workshop"), ("ui", "export")];

/// Imports against the rules today, and why each is still there. The test
/// fails when one is gone, so that its line goes with it. None now: the
/// home screen's `Listed` moved from the store to the domain (`listing`).
const KNOWN: &[(&str, &str, &str)] = &[];

/// A module path from the crate's root: `["ui", "steps", "board"]`.
type ModPath = Vec<String>;

/// One arrow as the code writes it: from a module to another, where.
#[derive(Debug, Clone)]
struct Use {
    from: ModPath,
    to: ModPath,
    file: PathBuf,
    line: usize,
    text: String,
}

#[test]
fn no_module_reaches_back_into_one_that_reaches_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules_of(&src);
    let uses = uses_of(&src, &modules);
    assert!(uses.len() > 100, "the paths are read: {} found", uses.len());
    let circles = circles(&uses);
    assert!(circles.is_empty(), "modules that import each other:\n\n{}", circles.join("\n\n"));
}

#[test]
fn each_layer_imports_only_from_itself_and_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules_of(&src);
    let top: BTreeSet<&str> = modules.iter().filter(|m| m.len() == 1).map(|m| m[0].as_str()).collect();
    let placed: BTreeSet<&str> = LAYERS.iter().flat_map(|(_, names)| names.iter().copied()).collect();
    let unplaced: Vec<&&str> = top.difference(&placed).collect();
    assert!(unplaced.is_empty(), "modules in no layer (add them to LAYERS and docs/ARCHITECTURE.md): {unplaced:?}");
    let layer = |name: &str| LAYERS.iter().position(|(_, names)| names.contains(&name));
    let mut wrong = String::new();
    let mut known_seen = BTreeSet::new();
    for u in uses_of(&src, &modules) {
        let (from, to) = (u.from[0].as_str(), u.to[0].as_str());
        if KNOWN.iter().any(|(f, t, _)| (*f, *t) == (from, to)) {
            known_seen.insert((from.to_string(), to.to_string()));
            continue;
        }
        if FORBIDDEN.contains(&(from, to)) {
            let _ = writeln!(wrong, "{from} may not import {to}: {}:{} `{}`", u.file.display(), u.line, u.text);
        }
        if let (Some(a), Some(b)) = (layer(from), layer(to))
            && b > a
        {
            let _ = writeln!(
                wrong,
                "{from} ({}) imports {to} ({}): {}:{} `{}`",
                LAYERS[a].0,
                LAYERS[b].0,
                u.file.display(),
                u.line,
                u.text
            );
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{wrong}");
    for (from, to, why) in KNOWN {
        assert!(
            known_seen.contains(&(from.to_string(), to.to_string())),
            "{from} no longer imports {to} ({why}): take it out of KNOWN"
        );
    }
}

/// The checker on a small made-up crate with the circle `workshop` had:
/// it must be named, with where each arrow is written.
#[test]
fn a_circle_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir_all(src.join("ui/steps")).unwrap();
    let files = [
        ("lib.rs", "pub mod i18n; pub mod workshop; pub mod ui;"),
        ("i18n.rs", "pub fn texts() { let _ = crate::workshop::BUILT_IN; } // crate::ui::not_this\n"),
        ("workshop.rs", "use crate::i18n::{self, Texts};\npub const BUILT_IN: &str = \"crate::ui\";\n"),
        ("ui/mod.rs", "mod keys; mod steps; mod theme; use keys::Binding;\n"),
        ("ui/keys.rs", "use super::steps;\npub struct Binding;\n"),
        ("ui/steps/mod.rs", "mod board;\n"),
        (
            "ui/steps/board.rs",
            "use crate::ui::keys::{Binding};\n#[cfg(test)]\nmod tests { use super::*; use crate::i18n::x; }\n",
        ),
        ("ui/theme.rs", "#[cfg(test)]\nmod tests {\n    fn f() { crate::ui::steps::g(); }\n}\n"),
    ];
    for (name, text) in files {
        fs::write(src.join(name), text).unwrap();
    }
    let modules = modules_of(src);
    let uses = uses_of(src, &modules);
    let found = circles(&uses);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("i18n → workshop → i18n"), "{}", found[0]);
    assert!(found[0].contains("i18n.rs:1 `crate::workshop::BUILT_IN`"), "{}", found[0]);
    assert!(found[0].contains("workshop.rs:1 `crate::i18n::self`"), "{}", found[0]);
    assert!(found[1].starts_with("in ui: keys → steps → keys"), "{}", found[1]);
    assert!(!found.iter().any(|c| c.contains("→ ui")), "comments and strings are not read: {found:?}");
    let at_top: Vec<(String, String)> = uses.iter().map(|u| (u.from.join("::"), u.to.join("::"))).collect();
    assert!(at_top.contains(&("ui::steps::board".into(), "ui::keys".into())), "{at_top:?}");
    assert!(!at_top.iter().any(|(from, _)| from == "ui::theme"), "unit tests are left out: {at_top:?}");
    assert!(!at_top.contains(&("ui::steps::board".into(), "i18n".into())), "unit tests are left out: {at_top:?}");
}

/// Every module of the crate, from its files: `src/a.rs`, `src/a/mod.rs`,
/// `src/a/b.rs`.
fn modules_of(src: &Path) -> BTreeSet<ModPath> {
    let mut modules = BTreeSet::new();
    for file in rust_files(src) {
        modules.insert(module_of(src, &file));
    }
    modules
}

/// The source files, unit tests kept in a file of their own (`tests.rs`,
/// declared `#[cfg(test)] mod tests;`) left out as inline ones are: they
/// may reach anything.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            files.push(path);
        }
    }
    files
}

/// The module a file holds: `ui/steps/mod.rs` is `ui::steps`; `lib.rs`
/// and `main.rs` are the root.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: ModPath = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        path.pop();
    }
    path
}

/// Every path into the crate written in the files under `src`, resolved
/// to the module it names.
fn uses_of(src: &Path, modules: &BTreeSet<ModPath>) -> Vec<Use> {
    let mut uses = Vec::new();
    for file in rust_files(src) {
        let module = module_of(src, &file);
        let code = code_only(&fs::read_to_string(&file).unwrap());
        for (at, path) in paths_in(&code, &module) {
            let Some(to) = longest_module(modules, &path) else { continue };
            let line = code[..at].matches('\n').count() + 1;
            let relative = file.strip_prefix(src).unwrap_or(&file).to_path_buf();
            uses.push(Use { from: module.clone(), to, file: relative, line, text: path_text(&code, at) });
        }
    }
    uses
}

/// The path as written, from `crate`/`super`, groups flattened: for the
/// messages.
fn path_text(code: &str, at: usize) -> String {
    let rest = &code[at..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
    let mut text = rest[..end].trim_end_matches(':').to_string();
    if rest[end..].starts_with('{') {
        let inner: String = rest[end + 1..].chars().take_while(|c| !matches!(c, '}' | ',' | '{')).collect();
        let inner = inner.split_whitespace().next().unwrap_or_default().to_string();
        text = format!("{text}::{inner}");
    }
    text
}

/// The longest prefix of `path` that is a module.
fn longest_module(modules: &BTreeSet<ModPath>, path: &[String]) -> Option<ModPath> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p))
}

/// The source with comments, strings and characters blanked out (lines
/// kept), so that only code is read.
// Whole: one pass over the characters, each branch one kind of token.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !chars[..i].last().is_some_and(|p| is_ident(*p)) {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body_start = i + 2 + hashes;
            let rest: String = chars[body_start..].iter().collect();
            let body_len = rest.find(&close).map_or(rest.chars().count(), |at| rest[..at].chars().count());
            let end = (body_start + body_len + close.chars().count()).min(chars.len());
            chars[i..end].iter().for_each(|c| blank(&mut out, *c));
            i = end;
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                chars[i..(i + step).min(chars.len())].iter().for_each(|c| blank(&mut out, *c));
                i += step;
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' {
            // A character ('x', '\n', '\u{7b}') or a lifetime ('a).
            let len = if next == Some('\\') {
                chars[i + 1..].iter().position(|c| *c == '\'').map(|p| p + 2)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(3)
            } else {
                None
            };
            match len {
                Some(len) => {
                    chars[i..(i + len).min(chars.len())].iter().for_each(|c| blank(&mut out, *c));
                    i += len;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts with `crate::` or `super::` in `code` (the file
/// of `module`), with where it starts, resolved from the crate's root.
/// `use` groups give one path each; `super` inside an inline module
/// (`mod tests { … }`) stays in the file. Unit tests (`#[cfg(test)] mod`)
/// are left out: they are not part of what is built, and may reach any
/// module to check it.
fn paths_in(code: &str, module: &[String]) -> Vec<(usize, ModPath)> {
    let inline = inline_modules(code);
    let tests: Vec<(usize, usize)> = inline.iter().filter(|(_, _, test)| *test).map(|(s, e, _)| (*s, *e)).collect();
    let inline: Vec<(usize, usize)> = inline.iter().map(|(s, e, _)| (*s, *e)).collect();
    let mut found = Vec::new();
    for keyword in ["crate", "super"] {
        for (at, _) in code.match_indices(keyword) {
            let before = code[..at].chars().last();
            let after = &code[at + keyword.len()..];
            if before.is_some_and(|c| is_ident(c) || c == ':') || !after.starts_with("::") {
                continue;
            }
            if tests.iter().any(|(start, end)| *start < at && at < *end) {
                continue;
            }
            // `super::` from inside inline modules first climbs out of them.
            let mut base: ModPath = module.to_vec();
            let mut depth = inline.iter().filter(|(start, end)| *start < at && at < *end).count();
            let mut rest = &code[at..];
            if keyword == "super" {
                while let Some(tail) = rest.strip_prefix("super::") {
                    if depth > 0 {
                        depth -= 1;
                    } else {
                        base.pop();
                    }
                    rest = tail.trim_start();
                }
                if depth > 0 {
                    // Still inside the file: not an arrow.
                    continue;
                }
            } else {
                base.clear();
                rest = &rest["crate::".len()..];
            }
            for tail in use_tree(rest) {
                let mut path = base.clone();
                path.extend(tail.into_iter().filter(|s| s != "self"));
                found.push((at, path));
            }
        }
    }
    found.sort();
    found
}

/// The byte ranges of the inline modules, `mod name { … }`, and whether
/// each is compiled for the tests only.
fn inline_modules(code: &str) -> Vec<(usize, usize, bool)> {
    let mut ranges = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if code[..at].chars().last().is_some_and(is_ident) {
            continue;
        }
        let rest = &code[at + 4..];
        let name_len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let after = rest[name_len..].trim_start();
        if name_len == 0 || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        let test = code[..at].trim_end().ends_with("#[cfg(test)]");
                        ranges.push((open, open + i, test));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

/// The paths of a use tree (`a::b`, `a::{b, c::{d, e}}`, `{a, b}`) or of
/// a path in an expression (`a::b::f(…)`, stopped at the first non-name).
fn use_tree(text: &str) -> Vec<ModPath> {
    fn tree(text: &str, at: &mut usize) -> Vec<ModPath> {
        let skip_space = |at: &mut usize| {
            while text[*at..].starts_with(char::is_whitespace) {
                *at += text[*at..].chars().next().map_or(1, char::len_utf8);
            }
        };
        skip_space(at);
        if text[*at..].starts_with('{') {
            *at += 1;
            let mut paths = Vec::new();
            loop {
                skip_space(at);
                if *at >= text.len() || text[*at..].starts_with('}') {
                    *at += 1;
                    return paths;
                }
                paths.extend(tree(text, at));
                skip_space(at);
                if text[*at..].starts_with(',') {
                    *at += 1;
                }
            }
        }
        let len = text[*at..].find(|c: char| !is_ident(c)).unwrap_or(text.len() - *at);
        if len == 0 {
            // `*`, or the end of a path.
            if text[*at..].starts_with('*') {
                *at += 1;
            }
            return vec![Vec::new()];
        }
        let name = text[*at..*at + len].to_string();
        *at += len;
        if text[*at..].starts_with("::") {
            *at += 2;
            let mut paths = tree(text, at);
            paths.iter_mut().for_each(|p| p.insert(0, name.clone()));
            return paths;
        }
        skip_space(at);
        if text[*at..].starts_with("as ") {
            *at += 3;
            skip_space(at);
            *at += text[*at..].find(|c: char| !is_ident(c)).unwrap_or(text.len() - *at);
        }
        vec![vec![name]]
    }
    let mut at = 0;
    tree(text, &mut at)
}

/// The circles among the arrows, each as `a → b → a` followed by the line
/// of each arrow. Arrows are compared where the two modules part: the
/// top-level modules, or the modules of one folder.
fn circles(uses: &[Use]) -> Vec<String> {
    // (the folder where they part, from, to) → the first place it is written.
    let mut arrows: BTreeMap<(ModPath, String, String), &Use> = BTreeMap::new();
    for u in uses {
        let common = u.from.iter().zip(&u.to).take_while(|(a, b)| a == b).count();
        if common == u.from.len() || common == u.to.len() {
            // Its own module, a parent or a child.
            continue;
        }
        let key = (u.from[..common].to_vec(), u.from[common].clone(), u.to[common].clone());
        arrows.entry(key).or_insert(u);
    }
    let folders: BTreeSet<&ModPath> = arrows.keys().map(|(folder, _, _)| folder).collect();
    let mut found = Vec::new();
    for folder in folders {
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (f, from, to) in arrows.keys() {
            if f == folder {
                next.entry(from).or_default().push(to);
            }
        }
        for circle in simple_circles(&next) {
            let mut text = String::new();
            if !folder.is_empty() {
                let _ = write!(text, "in {}: ", folder.join("::"));
            }
            text.push_str(&circle.join(" → "));
            for pair in circle.windows(2) {
                let u = arrows[&(folder.clone(), pair[0].to_string(), pair[1].to_string())];
                let _ = write!(text, "\n    {} → {}: {}:{} `{}`", pair[0], pair[1], u.file.display(), u.line, u.text);
            }
            found.push(text);
        }
    }
    found
}

/// Each circle of the graph once, as a walk that starts and ends at its
/// smallest name.
fn simple_circles<'a>(next: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    fn walk<'a>(
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        start: &'a str,
        path: &mut Vec<&'a str>,
        out: &mut Vec<Vec<&'a str>>,
    ) {
        let here = *path.last().unwrap();
        for &to in next.get(here).map(Vec::as_slice).unwrap_or_default() {
            if to == start {
                let mut circle = path.clone();
                circle.push(start);
                out.push(circle);
            } else if to > start && !path.contains(&to) && out.len() < 20 {
                path.push(to);
                walk(next, start, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    for &start in next.keys() {
        walk(next, start, &mut vec![start], &mut out);
    }
    out
}

/// Issue #28: files small enough to hold in one's head, and functions
/// short enough to read at once. A function over 80 lines says why it is
/// better whole in a `// Whole:` line just above it. Fails on the store,
/// runtime, export and app files as they were before they became folders.
#[test]
fn no_file_over_800_lines_and_no_long_function_without_its_reason() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![src];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut faults = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 800 {
            faults.push(format!("{}: {} lines", path.display(), lines.len()));
        }
        for (start, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn ", "pub const fn "]
                .iter()
                .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                continue;
            }
            let end = lines[start..].iter().position(|l| *l == format!("{indent}}}")).map_or(0, |n| n + 1);
            let reason = start > 0 && lines[start - 1].trim_start().starts_with("// Whole:");
            if end > 80 && !reason {
                faults.push(format!(
                    "{}:{}: a function of {end} lines with no `// Whole:` reason",
                    path.display(),
                    start + 1
                ));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
