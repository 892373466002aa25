//! Fluent texts from a workshop folder, checked without recursing on them:
//! how deep their placeables nest (`{ { { … } } }`, before the Fluent
//! parser, which recurses, sees them), and the references between their
//! messages — cycles, references to messages nobody defines, chains too
//! long to resolve. Every walk here runs on an explicit stack, so no input
//! can overflow the program's. A leaf: it knows Fluent's syntax tree and
//! nothing of the app, its files or its screens.

use std::collections::HashMap;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// The deepest nesting of placeables accepted: far above what a text
/// needs (a selector inside a placeable is two), far below what would
/// strain the parser.
pub const MAX_NESTING: usize = 32;

/// The longest chain of references accepted from one message to the
/// last it leads to, the same bound as the resolver's.
pub const MAX_CHAIN: usize = 32;

/// The line (from 1) where placeables first nest deeper than
/// [`MAX_NESTING`], if they do. Braces inside a string literal of a
/// placeable (`{ "{" }`) are text, as Fluent reads them.
pub fn too_deep(source: &str) -> Option<usize> {
    let (mut depth, mut line, mut in_string, mut escaped) = (0usize, 1usize, false, false);
    for c in source.chars() {
        if c == '\n' {
            line += 1;
            in_string = false;
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(line);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// What is wrong with the references of a language's texts, each at the
/// file (its index in the sources given) and line of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefProblem {
    /// `from` names a message (or term) no file defines.
    Unknown { file: usize, line: usize, from: String, to: String },
    /// These messages lead back to the first.
    Cycle { file: usize, line: usize, ids: Vec<String> },
    /// Following references from `id` goes more than [`MAX_CHAIN`] deep.
    TooLong { file: usize, line: usize, id: String, length: usize },
}

/// A message (or a term, `-id`) and the messages its value and attributes
/// name.
struct Node {
    id: String,
    file: usize,
    line: usize,
    refs: Vec<String>,
}

/// The reference problems of a language's texts (each source already
/// known to nest within [`MAX_NESTING`]); `known` says whether an id the
/// texts do not define is one of the app's own.
pub fn check(sources: &[&str], known: impl Fn(&str) -> bool) -> Vec<RefProblem> {
    let nodes = nodes(sources);
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut problems = Vec::new();
    let mut edges = vec![Vec::new(); nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        for to in &node.refs {
            match index.get(to.as_str()) {
                Some(&j) => edges[i].push(j),
                None if known(to) => {}
                None => problems.push(RefProblem::Unknown {
                    file: node.file,
                    line: node.line,
                    from: node.id.clone(),
                    to: to.clone(),
                }),
            }
        }
    }
    problems.extend(cycles_and_chains(&nodes, &edges));
    problems
}

/// Depth-first, on a stack of its own: each cycle once (at its first
/// message found), and each chain too long from a message nobody names.
fn cycles_and_chains(nodes: &[Node], edges: &[Vec<usize>]) -> Vec<RefProblem> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; nodes.len()];
    let mut length = vec![0usize; nodes.len()];
    let mut named = vec![false; nodes.len()];
    let mut problems = Vec::new();
    for targets in edges {
        for &to in targets {
            named[to] = true;
        }
    }
    for start in 0..nodes.len() {
        if state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        let mut stack = vec![(start, 0usize)];
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    NEW => {
                        state[to] = OPEN;
                        stack.push((to, 0));
                    }
                    OPEN => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let ids = stack[from..].iter().map(|&(n, _)| nodes[n].id.clone()).collect();
                        problems.push(RefProblem::Cycle { file: nodes[to].file, line: nodes[to].line, ids });
                    }
                    _ => {}
                }
                continue;
            }
            // A message in a cycle counts what it leads to outside it.
            length[node] =
                1 + edges[node].iter().filter(|&&to| state[to] == DONE).map(|&to| length[to]).max().unwrap_or(0);
            state[node] = DONE;
            stack.pop();
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        if length[i] > MAX_CHAIN && !named[i] {
            problems.push(RefProblem::TooLong {
                file: node.file,
                line: node.line,
                id: node.id.clone(),
                length: length[i],
            });
        }
    }
    problems
}

/// The messages and terms of the sources, with what each names.
fn nodes(sources: &[&str]) -> Vec<Node> {
    let mut nodes = Vec::new();
    for (file, source) in sources.iter().enumerate() {
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let lines = lines_of_entries(source);
        for entry in &resource.body {
            let (id, patterns): (String, Vec<&Pattern<&str>>) = match entry {
                Entry::Message(m) => {
                    (m.id.name.to_string(), m.value.iter().chain(m.attributes.iter().map(|a| &a.value)).collect())
                }
                Entry::Term(t) => (
                    format!("-{}", t.id.name),
                    std::iter::once(&t.value).chain(t.attributes.iter().map(|a| &a.value)).collect(),
                ),
                _ => continue,
            };
            let line = lines.get(id.as_str()).copied().unwrap_or(1);
            nodes.push(Node { id, file, line, refs: references(&patterns) });
        }
    }
    nodes
}

/// The line (from 1) of each `id =` (or `-id =`) starting a line of
/// `source`, in one pass: the first one of each id.
fn lines_of_entries(source: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (n, line) in source.lines().enumerate() {
        let Some((head, _)) = line.split_once('=') else { continue };
        let head = head.trim_end();
        let id = head.strip_prefix('-').unwrap_or(head);
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            lines.entry(head).or_insert(n + 1);
        }
    }
    lines
}

/// The messages (`id`) and terms (`-id`) named in `patterns`, walked on a
/// stack of their own.
fn references(patterns: &[&Pattern<&str>]) -> Vec<String> {
    enum Item<'a> {
        Pattern(&'a Pattern<&'a str>),
        Expression(&'a Expression<&'a str>),
        Inline(&'a InlineExpression<&'a str>),
    }
    let mut found = Vec::new();
    let mut stack: Vec<Item> = patterns.iter().map(|p| Item::Pattern(p)).collect();
    while let Some(item) = stack.pop() {
        match item {
            Item::Pattern(pattern) => {
                for element in &pattern.elements {
                    if let PatternElement::Placeable { expression } = element {
                        stack.push(Item::Expression(expression));
                    }
                }
            }
            Item::Expression(Expression::Select { selector, variants }) => {
                stack.push(Item::Inline(selector));
                stack.extend(variants.iter().map(|v| Item::Pattern(&v.value)));
            }
            Item::Expression(Expression::Inline(inline)) => stack.push(Item::Inline(inline)),
            Item::Inline(InlineExpression::MessageReference { id, .. }) => found.push(id.name.to_string()),
            Item::Inline(InlineExpression::TermReference { id, arguments, .. }) => {
                found.push(format!("-{}", id.name));
                if let Some(arguments) = arguments {
                    stack.extend(arguments.positional.iter().map(Item::Inline));
                    stack.extend(arguments.named.iter().map(|n| Item::Inline(&n.value)));
                }
            }
            Item::Inline(InlineExpression::FunctionReference { arguments, .. }) => {
                stack.extend(arguments.positional.iter().map(Item::Inline));
                stack.extend(arguments.named.iter().map(|n| Item::Inline(&n.value)));
            }
            Item::Inline(InlineExpression::Placeable { expression }) => stack.push(Item::Expression(expression)),
            Item::Inline(_) => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_string_literals_and_deep_nesting_is_found_at_its_line() {
        assert_eq!(too_deep("a = { $n -> [one] { $x } *[other] x }\n"), None);
        assert_eq!(too_deep(&format!("a = {{ \"{}\" }}\n", "{".repeat(100))), None, "braces in a string are text");
        let deep = format!("a = x\nb = {}x{}\n", "{".repeat(30_000), "}".repeat(30_000));
        assert_eq!(too_deep(&deep), Some(2));
        let limit = format!("b = {}\"x\"{}\n", "{ ".repeat(MAX_NESTING), " }".repeat(MAX_NESTING));
        assert_eq!(too_deep(&limit), None);
    }

    #[test]
    fn cycles_unknown_references_and_long_chains_are_found_without_recursion() {
        let chain: String = std::iter::once("chain-0 = end\n".to_string())
            .chain((1..=20_000).map(|i| format!("chain-{i} = {{ chain-{} }}\n", i - 1)))
            .collect();
        let other = "a = { b }\nb = { -c }\n-c = { a } and { app-title }\nd = { nowhere }\ne = { $n -> *[x] { a } }\n";
        let problems = check(&[&chain, other], |id| id == "app-title");
        assert!(problems.contains(&RefProblem::Unknown { file: 1, line: 4, from: "d".into(), to: "nowhere".into() }));
        let cycles: Vec<_> = problems.iter().filter(|p| matches!(p, RefProblem::Cycle { .. })).collect();
        assert_eq!(cycles.len(), 1, "{problems:?}");
        let RefProblem::Cycle { file: 1, line: 1, ids } = cycles[0] else { panic!("{cycles:?}") };
        assert_eq!(ids, &["a", "b", "-c"]);
        let long: Vec<_> = problems.iter().filter(|p| matches!(p, RefProblem::TooLong { .. })).collect();
        assert_eq!(long, [&RefProblem::TooLong { file: 0, line: 20_001, id: "chain-20000".into(), length: 20_001 }]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        let fine = check(&["a = { b }\nb = x\n"], |_| false);
        assert!(fine.is_empty(), "{fine:?}");
    }
}
