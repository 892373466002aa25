//! The sheet as one self-contained HTML page that prints on A4: its
//! layout, its style sheet and its escaping, so that nothing anyone typed
//! becomes markup. It gathers nothing itself and knows nothing of sessions
//! or files: it writes the `Sheet` it is given.

use std::fmt::Write as _;

use super::Lines;
use super::gather::{
    BoardPart, ChecklistPart, FieldsPart, GuideBlock, GuidePart, Part, PlanPart, Sheet, TimePart, TrendPart,
};

/// Text made safe inside HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A field of the plan or the reflection, as a term and its definition.
fn html_field(title: &str, lines: &[String], none: &str) -> String {
    let e = escape_html;
    let body = if lines.is_empty() {
        format!("<span class=\"muted\">{}</span>", e(none))
    } else {
        lines.iter().map(|l| e(l)).collect::<Vec<_>>().join("<br>")
    };
    format!("<dt>{}</dt><dd>{}</dd>", e(title), body)
}

const STYLE: &str = r#"
@page { size: A4; margin: 15mm 15mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font: 8.5pt "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #5b665b; } }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { color: #1f2a1f; background: #fff; }
body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; font-size: 10pt; line-height: 1.35; max-width: 180mm; margin: 10mm auto; padding: 0 5mm; }
header { border-bottom: 2pt solid #2f6f3e; padding-bottom: 3mm; margin-bottom: 4mm; }
.kicker { margin: 0; color: #2f6f3e; font-size: 9pt; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; }
h1 { font-size: 18pt; margin: 1mm 0 2mm; line-height: 1.15; }
h2 { font-size: 12.5pt; color: #2f6f3e; margin: 0 0 2mm; padding-bottom: 0.8mm; border-bottom: 0.6pt solid #b9cfbd; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 2mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
section { margin: 0 0 4mm; }
.keep { break-inside: avoid; page-break-inside: avoid; }
li, tr, dt, dd, .decision { break-inside: avoid; page-break-inside: avoid; }
p, li, dd { orphans: 2; widows: 2; }
section.guide { font-size: 9pt; }
.keep { margin: 0 0 3mm; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; margin: 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
ul { margin: 0; padding-left: 5mm; }
li { margin: 0 0 0.8mm; }
li.pinned { font-weight: bold; list-style: none; margin-left: -4mm; }
.star { color: #b7791f; }
.muted { color: #5b665b; }
.question { font-style: italic; color: #3d4a3d; }
table { border-collapse: collapse; width: 100%; }
table.bars td { padding: 0.4mm 1.5mm 0.4mm 0; vertical-align: middle; }
table.bars td.item { width: 58%; }
table.bars td.bar { width: 32%; }
table.bars td.count { width: 10%; text-align: right; font-weight: bold; white-space: nowrap; font-variant-numeric: tabular-nums; }
.track { height: 8pt; background: #e3e9e4; border: 0.4pt solid #c4d1c6; border-radius: 2pt; overflow: hidden; }
.fill { height: 100%; background: #3f8a50; }
.turns { font-size: 9pt; }
.decision { font-size: 13pt; margin: 0 0 3mm; padding: 2mm 3mm; border: 1.2pt solid #2f6f3e; border-left-width: 4pt; border-radius: 2pt; background: #eef5ef; }
.decision strong { font-size: 14pt; }
.decision.decision-not-now { border-color: #b7791f; background: #fbf4e6; }
.decision.decision-no { border-color: #9b2c2c; background: #fbeaea; }
.decision.undecided { border-color: #8a948a; background: #f3f4f3; }
.fields { display: grid; grid-template-columns: 48mm 1fr; gap: 1.2mm 3mm; margin: 3mm 0 0; }
.fields dt { font-weight: bold; }
.fields dd { margin: 0; }
table.trend { font-size: 9pt; }
table.trend th, table.trend td { border-bottom: 0.4pt solid #d5ddd6; padding: 0.3mm 1.5mm; text-align: right; font-variant-numeric: tabular-nums; }
table.trend th:first-child, table.trend td:first-child { text-align: left; }
table.trend th { font-weight: bold; vertical-align: bottom; }
footer { break-before: avoid; page-break-before: avoid; margin-top: 4mm; padding-top: 1.5mm; border-top: 0.6pt solid #b9cfbd; font-size: 8.5pt; color: #5b665b; font-style: italic; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
}
"#;

pub(super) fn html(sheet: &Sheet, lang: &str) -> String {
    let e = escape_html;
    let mut out = Lines::default();
    out.line("<!DOCTYPE html>");
    out.line(&format!("<html lang=\"{}\">", e(lang)));
    out.line("<head>");
    out.line("<meta charset=\"utf-8\">");
    out.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.line(&format!("<title>{} — {}</title>", e(&sheet.title), e(&sheet.group)));
    out.line(&format!("<style>{STYLE}</style>"));
    out.line("</head>");
    out.line("<body>");

    out.line("<header>");
    out.line(&format!("<p class=\"kicker\">{}</p>", e(&sheet.kicker)));
    out.line(&format!("<h1>{}</h1>", e(&sheet.title)));
    out.line("<dl class=\"facts\">");
    for (label, value) in &sheet.facts {
        out.line(&format!("<dt>{}</dt><dd>{}</dd>", e(label), e(value)));
    }
    out.line("</dl>");
    out.line("</header>");

    for part in &sheet.parts {
        match part {
            Part::Board(board) => board_html(&mut out, board),
            Part::Checklist(checklist) => checklist_html(&mut out, checklist),
            Part::Plan(plan) => plan_html(&mut out, plan, &sheet.none),
            Part::Reflection(reflection) => fields_html(&mut out, reflection, &sheet.none),
        }
    }
    time_html(&mut out, &sheet.time);
    if let Some(trend) = &sheet.trend {
        trend_html(&mut out, trend);
    }
    for guide in &sheet.guides {
        guide_html(&mut out, guide);
    }

    out.line(&format!("<footer><p>{}</p></footer>", e(&sheet.credit)));
    out.line("</body>");
    out.line("</html>");
    out.0
}

fn board_html(out: &mut Lines, board: &BoardPart) {
    let e = escape_html;
    out.line("<section class=\"board\">");
    out.line(&format!("<h2>{}</h2>", e(&board.title)));
    if let Some(legend) = &board.legend {
        out.line(&format!("<p class=\"muted\">{}</p>", e(legend)));
    }
    out.line("<div class=\"columns\">");
    for column in &board.columns {
        out.line("<div class=\"column\">");
        out.line(&format!("<h3>{}</h3>", e(&column.title)));
        if column.notes.is_empty() {
            out.line(&format!("<p class=\"muted\">{}</p>", e(&board.empty)));
        } else {
            out.line("<ul>");
            for (pinned, text) in &column.notes {
                if *pinned {
                    out.line(&format!("<li class=\"pinned\"><span class=\"star\">★</span> {}</li>", e(text)));
                } else {
                    out.line(&format!("<li>{}</li>", e(text)));
                }
            }
            out.line("</ul>");
        }
        out.line("</div>");
    }
    out.line("</div>");
    out.line("</section>");
}

fn checklist_html(out: &mut Lines, c: &ChecklistPart) {
    let e = escape_html;
    out.line("<section class=\"checklist\">");
    out.line(&format!("<h2>{}</h2>", e(&c.title)));
    out.line(&format!("<p class=\"question\">{}</p>", e(&c.question)));
    if !c.bars.is_empty() {
        out.line("<table class=\"bars\">");
        for bar in &c.bars {
            out.line(&format!(
                "<tr><td class=\"item\">{}</td><td class=\"bar\"><div class=\"track\"><div class=\"fill\" style=\"width: {}%\"></div></div></td><td class=\"count\">{}/{}</td></tr>",
                e(&bar.text),
                bar.percent(),
                bar.count,
                bar.answered
            ));
        }
        out.line("</table>");
    }
    out.line(&format!("<p class=\"turns muted\">{}", e(&c.answered)));
    for (label, names) in c.skipped.iter().chain(&c.waiting) {
        let names: Vec<String> = names.iter().map(|n| e(n)).collect();
        out.line(&format!("<br>{} {}", e(label), names.join(", ")));
    }
    out.line("</p>");
    out.line("</section>");
}

fn plan_html(out: &mut Lines, plan: &PlanPart, none: &str) {
    let e = escape_html;
    out.line("<section class=\"plan\">");
    out.line(&format!("<h2>{}</h2>", e(&plan.title)));
    let class = plan.decision_id.as_deref().map_or("undecided".to_string(), e);
    out.line(&format!(
        "<p class=\"decision {class}\">{} <strong>{}</strong></p>",
        e(&plan.decision_label),
        e(&plan.decision)
    ));
    out.line(&format!("<h3>{}</h3>", e(&plan.partners_title)));
    if plan.partners.is_empty() {
        out.line(&format!("<p class=\"muted\">{}</p>", e(&plan.no_partner)));
    } else {
        out.line("<ul class=\"partners\">");
        for p in &plan.partners {
            let mut s = String::from("<li>");
            if p.shortlisted {
                s.push_str("<span class=\"star\">★</span> ");
            }
            let _ = write!(s, "<strong>{}</strong>", e(&p.name));
            if !p.description.is_empty() {
                let _ = write!(s, " — {}", e(&p.description));
            }
            if p.shortlisted {
                let _ = write!(s, " <em class=\"muted\">({})</em>", e(&plan.shortlisted));
            }
            s.push_str("</li>");
            out.line(&s);
        }
        out.line("</ul>");
    }
    out.line("<dl class=\"fields\">");
    for (title, lines) in &plan.fields {
        out.line(&html_field(title, lines, none));
    }
    out.line("</dl>");
    out.line("</section>");
}

fn fields_html(out: &mut Lines, reflection: &FieldsPart, none: &str) {
    let e = escape_html;
    out.line("<section class=\"reflection\">");
    out.line(&format!("<h2>{}</h2>", e(&reflection.title)));
    out.line("<dl class=\"fields\">");
    for (title, lines) in &reflection.fields {
        out.line(&html_field(title, lines, none));
    }
    out.line("</dl>");
    out.line("</section>");
}

fn time_html(out: &mut Lines, time: &TimePart) {
    let e = escape_html;
    out.line("<section class=\"time\">");
    out.line(&format!("<h2>{}</h2>", e(&time.title)));
    out.line(&format!("<p>{} — {}</p>", e(&time.used), e(&time.against_plan)));
    out.line("<ul class=\"steps\">");
    for step in &time.steps {
        out.line(&format!("<li>{}</li>", e(step)));
    }
    out.line("</ul>");
    out.line("</section>");
}

fn trend_html(out: &mut Lines, trend: &TrendPart) {
    let e = escape_html;
    out.line("<section class=\"trend\">");
    out.line(&format!("<h2>{}</h2>", e(&trend.title)));
    out.line(&format!("<p>{}</p>", e(&trend.intro)));
    for table in &trend.tables {
        out.line("<div class=\"keep\">");
        out.line(&format!("<h3>{}</h3>", e(&table.title)));
        out.line("<table class=\"trend\">");
        let dates: String = table.dates.iter().map(|d| format!("<th>{}</th>", e(d))).collect();
        out.line(&format!("<tr><th>{}</th>{dates}<th>{}</th></tr>", e(&trend.item_header), e(&trend.change_header)));
        for (text, cells, change) in &table.rows {
            let cells: String = cells.iter().map(|c| format!("<td>{}</td>", e(c))).collect();
            out.line(&format!("<tr><td>{}</td>{cells}<td>{}</td></tr>", e(text), e(change)));
        }
        out.line("</table>");
        out.line("</div>");
    }
    out.line("</section>");
}

fn guide_html(out: &mut Lines, guide: &GuidePart) {
    let e = escape_html;
    out.line("<section class=\"guide\">");
    out.line(&format!("<h2>{}</h2>", e(&guide.title)));
    out.line(&format!("<p class=\"question\">{}</p>", e(&guide.intro)));
    for (title, blocks) in &guide.sections {
        out.line("<div class=\"keep\">");
        out.line(&format!("<h3>{}</h3>", e(title)));
        for block in blocks {
            match block {
                GuideBlock::Text(text) => out.line(&format!("<p>{}</p>", e(text))),
                GuideBlock::List(items) => {
                    out.line("<ul>");
                    items.iter().for_each(|i| out.line(&format!("<li>{}</li>", e(i))));
                    out.line("</ul>");
                }
            }
        }
        out.line("</div>");
    }
    out.line("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            escape_html(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("Dédé 🤝 « ok »"), "Dédé 🤝 « ok »");
    }
}
