//! The texts are ours: no French line of the app or of the built-in
//! workshop repeats a long run of words of the documents it is drawn from.
//!
//! The documents are not in the repository. What is kept of them is, for
//! every run of [`RUN`] words, a hash (`tests/sources/runs.txt`): enough to
//! recognise a run, not to read the text. To rebuild it from the documents:
//! `ATELIER_SOURCES_DIR=../shared/reference cargo test --test own_words`.

use std::collections::BTreeSet;
use std::path::Path;

use atelier::i18n::{Lang, all_sources};

/// A run of this many words in a row, the same as in a source, is a copy.
const RUN: usize = 6;

const RUNS_FILE: &str = "tests/sources/runs.txt";

/// Lowercase words: letters and digits; an apostrophe or a hyphen splits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// FNV-1a, 64 bits: stable from one build to the next.
fn hash(run: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in run.join(" ").bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn runs(text: &str) -> Vec<(u64, String)> {
    let words = words(text);
    words.windows(RUN).map(|w| (hash(w), w.join(" "))).collect()
}

fn source_runs() -> BTreeSet<u64> {
    if let Ok(dir) = std::env::var("ATELIER_SOURCES_DIR") {
        let mut all = BTreeSet::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir).expect("the sources' folder").flatten().collect();
        files.sort_by_key(|f| f.path());
        for file in files {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).expect("a source");
                all.extend(runs(&text).into_iter().map(|(h, _)| h));
            }
        }
        let lines: Vec<String> = all.iter().map(|h| format!("{h:016x}")).collect();
        std::fs::write(RUNS_FILE, lines.join("\n") + "\n").expect("runs written");
        return all;
    }
    let text = std::fs::read_to_string(Path::new(RUNS_FILE)).expect("tests/sources/runs.txt");
    text.lines().map(|l| u64::from_str_radix(l.trim(), 16).expect("a hash")).collect()
}

#[test]
fn no_french_line_repeats_a_long_run_of_the_sources() {
    let sources = source_runs();
    assert!(sources.len() > 1000, "too few runs of the sources: {}", sources.len());
    let mut copies = Vec::new();
    for (lang, name, text) in all_sources() {
        if lang != Lang::Fr {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let value = line.split_once(" = ").map_or(line, |(_, v)| v);
            if let Some((_, run)) = runs(value).into_iter().find(|(h, _)| sources.contains(h)) {
                copies.push(format!("{name}:{}: « {run} » in: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(copies.is_empty(), "lines that follow the sources word for word:\n{}", copies.join("\n"));
}

/// The test itself finds a copy: a sentence of the guide, as it is.
#[test]
fn a_copied_sentence_is_found() {
    let sources = source_runs();
    let copied = "Revenez en grand groupe et réfléchissez à la façon dont vous pourriez mettre un partenariat en place";
    assert!(runs(copied).iter().any(|(h, _)| sources.contains(h)));
    assert!(
        !runs("Tout le groupe ensemble maintenant : comment nouer un partenariat")
            .iter()
            .any(|(h, _)| sources.contains(h))
    );
}
