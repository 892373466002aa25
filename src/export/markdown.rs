//! The sheet in Markdown (CommonMark, with GitHub's tables for the trend):
//! it owns the layout of the gathered sheet as Markdown and its escaping,
//! so that nothing anyone typed becomes markup. It gathers nothing itself
//! and knows nothing of sessions or files: it writes the `Sheet` it is
//! given.

use std::fmt::Write as _;

use super::Lines;
use super::gather::{
    BoardPart, ChecklistPart, FieldsPart, GuideBlock, GuidePart, Part, PlanPart, Sheet, TimePart, TrendPart,
};

/// One line of text made inert in Markdown (CommonMark and GitHub's
/// tables), wherever it stands, the start of a line included: the
/// characters that make emphasis, links, code, HTML, tables or entities are
/// backslash-escaped, and so is whatever would open a block at the start of
/// a line (heading, list, quote, thematic break, setext underline, numbered
/// list). Line breaks become spaces: call it once per line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = escape_markdown_inline(text);
    // A line may not start a block: `- x`, `+ x`, `= x`, `1. x`, `1) x`
    // (`#` and `>` are escaped everywhere).
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Like [`escape_markdown`], for text that never starts a line (a table
/// cell): the start is left as it is, so `+8` stays `+8`.
fn escape_markdown_inline(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '<' | '>' | '|' | '~' => true,
            // Only an `&` that could start an entity (`&lt;`, `&#60;`).
            '&' => chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#'),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A text bar of `█` and `░`, one cell per participant who answered (at
/// most twenty cells).
fn text_bar(count: usize, answered: usize) -> String {
    let width = answered.min(20);
    let filled = (count * width + answered / 2).checked_div(answered).unwrap_or(0).min(width);
    "█".repeat(filled) + &"░".repeat(width - filled)
}

pub(super) fn markdown(sheet: &Sheet) -> String {
    let e = escape_markdown;
    let mut out = Lines::default();
    out.line(&format!("*{}*", e(&sheet.kicker)));
    out.line("");
    out.line(&format!("# {}", e(&sheet.title)));
    out.line("");
    for (label, value) in &sheet.facts {
        out.line(&format!("- **{}** {}", e(label), e(value)));
    }
    for part in &sheet.parts {
        match part {
            Part::Board(board) => board_md(&mut out, board),
            Part::Checklist(checklist) => checklist_md(&mut out, checklist),
            Part::Plan(plan) => plan_md(&mut out, plan, &sheet.none),
            Part::Reflection(reflection) => fields_md(&mut out, reflection, &sheet.none),
        }
    }
    time_md(&mut out, &sheet.time);
    if let Some(trend) = &sheet.trend {
        trend_md(&mut out, trend);
    }
    for guide in &sheet.guides {
        guide_md(&mut out, guide);
    }
    out.line("");
    out.line("---");
    out.line("");
    out.line(&format!("*{}*", e(&sheet.credit)));
    out.0
}

fn board_md(out: &mut Lines, board: &BoardPart) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&board.title)));
    if let Some(legend) = &board.legend {
        out.line("");
        out.line(&format!("*{}*", e(legend)));
    }
    for column in &board.columns {
        out.line("");
        out.line(&format!("### {}", e(&column.title)));
        out.line("");
        if column.notes.is_empty() {
            out.line(&e(&board.empty));
        }
        for (pinned, text) in &column.notes {
            let star = if *pinned { "★ " } else { "" };
            out.line(&format!("- {star}{}", e(text)));
        }
    }
}

fn checklist_md(out: &mut Lines, c: &ChecklistPart) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&c.title)));
    out.line("");
    out.line(&format!("*{}*", e(&c.question)));
    out.line("");
    for bar in &c.bars {
        out.line(&format!(
            "- `{}` **{}/{}** {}",
            text_bar(bar.count, bar.answered),
            bar.count,
            bar.answered,
            e(&bar.text)
        ));
    }
    if !c.bars.is_empty() {
        out.line("");
    }
    let mut notes = vec![e(&c.answered)];
    for (label, names) in c.skipped.iter().chain(&c.waiting) {
        let names: Vec<String> = names.iter().map(|n| e(n)).collect();
        notes.push(format!("{} {}", e(label), names.join(", ")));
    }
    out.line(&notes.join("  \n"));
}

fn plan_md(out: &mut Lines, plan: &PlanPart, none: &str) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&plan.title)));
    out.line("");
    out.line(&format!("> **{} {}**", e(&plan.decision_label), e(&plan.decision)));
    out.line("");
    out.line(&format!("### {}", e(&plan.partners_title)));
    out.line("");
    if plan.partners.is_empty() {
        out.line(&e(&plan.no_partner));
    }
    for p in &plan.partners {
        let mut s = String::from("- ");
        if p.shortlisted {
            s.push_str("★ ");
        }
        let _ = write!(s, "**{}**", e(&p.name));
        if !p.description.is_empty() {
            let _ = write!(s, " — {}", e(&p.description));
        }
        if p.shortlisted {
            let _ = write!(s, " *({})*", e(&plan.shortlisted));
        }
        out.line(&s);
    }
    for (title, lines) in &plan.fields {
        out.line("");
        out.line(&markdown_field(title, lines, none));
    }
}

fn fields_md(out: &mut Lines, part: &FieldsPart, none: &str) {
    out.line("");
    out.line(&format!("## {}", escape_markdown(&part.title)));
    for (title, lines) in &part.fields {
        out.line("");
        out.line(&markdown_field(title, lines, none));
    }
}

fn time_md(out: &mut Lines, time: &TimePart) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&time.title)));
    out.line("");
    out.line(&format!("{} — {}", e(&time.used), e(&time.against_plan)));
    out.line("");
    for step in &time.steps {
        out.line(&format!("- {}", e(step)));
    }
}

fn trend_md(out: &mut Lines, trend: &TrendPart) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&trend.title)));
    out.line("");
    out.line(&e(&trend.intro));
    for table in &trend.tables {
        out.line("");
        out.line(&format!("### {}", e(&table.title)));
        out.line("");
        let cell = escape_markdown_inline;
        let dates: Vec<String> = table.dates.iter().map(|d| cell(d)).collect();
        out.line(&format!("| {} | {} | {} |", cell(&trend.item_header), dates.join(" | "), cell(&trend.change_header)));
        out.line(&format!("|---|{}---:|", "---:|".repeat(dates.len())));
        for (text, cells, change) in &table.rows {
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            out.line(&format!("| {} | {} | {} |", cell(text), cells.join(" | "), cell(change)));
        }
    }
}

fn guide_md(out: &mut Lines, guide: &GuidePart) {
    let e = escape_markdown;
    out.line("");
    out.line(&format!("## {}", e(&guide.title)));
    out.line("");
    out.line(&format!("*{}*", e(&guide.intro)));
    for (title, blocks) in &guide.sections {
        out.line("");
        out.line(&format!("### {}", e(title)));
        for block in blocks {
            out.line("");
            match block {
                GuideBlock::Text(text) => out.line(&e(text)),
                GuideBlock::List(items) => items.iter().for_each(|i| out.line(&format!("- {}", e(i)))),
            }
        }
    }
}

/// One field of the plan or the reflection, in Markdown: its title in
/// bold, its lines kept as lines, or the word for nothing written.
fn markdown_field(title: &str, lines: &[String], none: &str) -> String {
    let e = escape_markdown;
    let body = if lines.is_empty() { e(none) } else { lines.iter().map(|l| e(l)).collect::<Vec<_>>().join("  \n") };
    format!("**{}** {}", e(title), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_change_the_structure() {
        assert_eq!(escape_markdown("**bold** _it_ `code`"), r"\*\*bold\*\* \_it\_ \`code\`");
        assert_eq!(escape_markdown("| pipe |"), r"\| pipe \|");
        assert_eq!(escape_markdown("[link](http://x) ![img](y)"), r"\[link\](http://x) !\[img\](y)");
        assert_eq!(escape_markdown("<script>a\\b</script>"), r"\<script\>a\\b\</script\>");
        assert_eq!(escape_markdown("&amp; &#60; ~~gone~~"), r"\&amp; \&\#60; \~\~gone\~\~");
        assert_eq!(escape_markdown("temps & énergie !"), "temps & énergie !");
        assert_eq!(escape_markdown("Dédé 🤝 « ok » : oui."), "Dédé 🤝 « ok » : oui.");
    }

    #[test]
    fn markdown_never_lets_a_line_open_a_block() {
        assert_eq!(escape_markdown("# not a heading"), r"\# not a heading");
        assert_eq!(escape_markdown("   ## indented"), r"\#\# indented");
        assert_eq!(escape_markdown("- item"), r"\- item");
        assert_eq!(escape_markdown("+ item"), r"\+ item");
        assert_eq!(escape_markdown("---"), r"\---");
        assert_eq!(escape_markdown("==="), r"\===");
        assert_eq!(escape_markdown("> quote"), r"\> quote");
        assert_eq!(escape_markdown("12. numbered"), r"12\. numbered");
        assert_eq!(escape_markdown("3) numbered"), r"3\) numbered");
        assert_eq!(escape_markdown("2026 was good"), "2026 was good");
        assert_eq!(escape_markdown("a\n# b"), r"a \# b", "one line only");
        assert_eq!(escape_markdown_inline("+8 | 1. x"), r"+8 \| 1. x", "a table cell starts no line");
    }

    #[test]
    fn text_bars_have_one_cell_per_answer_up_to_twenty() {
        assert_eq!(text_bar(3, 4), "███░");
        assert_eq!(text_bar(0, 3), "░░░");
        assert_eq!(text_bar(0, 0), "");
        assert_eq!(text_bar(20, 40).chars().count(), 20);
        assert_eq!(text_bar(20, 40).chars().filter(|&c| c == '█').count(), 10);
    }
}
