//! Recall check on real coverage: every numeral in a JSON Lines corpus that no claim covers,
//! counted by kind, so misses can be read.
//!
//!     cargo run --release --example recall -- [FILE.jsonl] [--quantities] [--show KIND] [--limit N]
//!
//! FILE defaults to ../shared/realnews/ukraine-2022-h1.jsonl. A numeral is a run of digits as
//! the tokenizer reads it ("1,200", "2.5"). Kinds set aside (not claims by design): years,
//! dates, clock times, names with digits (G7, F-16, COVID-19, "Article 5"), ordinals, and
//! numerals inside links, paths and versions. The rest are misses, by what stands around them.
//! `--quantities` measures the quantity grammar alone (no meaning step); `--show KIND` prints
//! up to `--limit` (default 40) examples of one kind with their context.

use crosscheck::extract::quantity::tokens::{tokenize, Kind, Tok};
use crosscheck::extract::{quantities, DocContext, Extractor};
use std::collections::BTreeMap;
use std::io::Write;

const ASIDE: &[&str] = &["year", "date", "time", "name", "ordinal", "link/version"];

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

fn main() {
    let mut path = String::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realnews/ukraine-2022-h1.jsonl"));
    let mut only_quantities = false;
    let mut show: Option<String> = None;
    let mut limit = 40usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quantities" => only_quantities = true,
            "--show" => show = args.next(),
            "--limit" => limit = args.next().and_then(|s| s.parse().ok()).unwrap_or(limit),
            _ => path = a,
        }
    }
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("recall: {path}: {e}");
            std::process::exit(2);
        }
    };
    let ex = Extractor::default();
    let ctx = DocContext::default();
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut numerals, mut covered, mut shown) = (0usize, 0usize, 0usize);
    for (n, line) in data.lines().enumerate() {
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("recall: {path}:{}: not a JSON object, skipped", n + 1);
            continue;
        };
        let Some(text) = rec.get("text").and_then(|t| t.as_str()) else { continue };
        let spans: Vec<(usize, usize)> = if only_quantities {
            quantities(text).iter().map(|q| (q.start, q.end)).collect()
        } else {
            ex.claims(text, &ctx).iter().map(|c| (c.quantity.start, c.quantity.end)).collect()
        };
        let toks = tokenize(text);
        let mut s = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.kind != Kind::Num {
                continue;
            }
            numerals += 1;
            while s < spans.len() && spans[s].1 <= t.start {
                s += 1;
            }
            if spans.get(s).is_some_and(|&(a, b)| a <= t.start && t.end <= b) {
                covered += 1;
                continue;
            }
            let kind = classify(text, &toks, i);
            *kinds.entry(kind).or_default() += 1;
            if show.as_deref() == Some(kind) && shown < limit {
                shown += 1;
                // A closed pipe (`| head`) is no error worth a panic.
                let _ = writeln!(std::io::stdout(), "{:>5}:{:<7} {}", n + 1, t.start, context(text, t.start, t.end));
            }
        }
    }
    let aside: usize = kinds.iter().filter(|(k, _)| ASIDE.contains(k)).map(|(_, v)| v).sum();
    let missed: usize = kinds.iter().filter(|(k, _)| !ASIDE.contains(k)).map(|(_, v)| v).sum();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "numerals {numerals}; covered {covered}; set aside {aside}; missed {missed}");
    let mut rows: Vec<_> = kinds.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1));
    for (k, v) in rows {
        let tag = if ASIDE.contains(&k) { "aside " } else { "missed" };
        let _ = writeln!(out, "  {tag} {v:>7}  {k}");
    }
}

/// The text around a span on one line, the span in [brackets].
fn context(text: &str, a: usize, b: usize) -> String {
    let mut s = a.saturating_sub(70);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (b + 70).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    format!("{}[{}]{}", &text[s..a], &text[a..b], &text[b..e]).replace('\n', " ")
}

fn is_month(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Word && MONTHS.contains(&t.low.as_str()))
}

/// Why a numeral was not covered, read from the tokens around it.
fn classify(text: &str, toks: &[Tok], i: usize) -> &'static str {
    let t = &toks[i];
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let prev2 = i.checked_sub(2).and_then(|p| toks.get(p));
    let next = toks.get(i + 1);
    let next2 = toks.get(i + 2);
    let glued_next = next.filter(|n| !n.space_before);
    let glued_prev = prev.filter(|_| !t.space_before);
    // Links, paths, versions, ids: digits glued to / . _ # @ = or to another numeral.
    if glued_prev.is_some_and(|p| matches!(p.low.as_str(), "/" | "_" | "#" | "@" | "=" | "."))
        || glued_next.is_some_and(|n| matches!(n.low.as_str(), "/" | "_" | "=") || n.kind == Kind::Num)
    {
        if glued_next.is_some_and(|n| n.low == "/") && glued_prev.is_none_or(|p| p.low != "/") {
            return "link/version"; // 24/7, 3/4, 9/11
        }
        return "link/version";
    }
    // Clock times: 10:30, 9 a.m., 5pm, 14:00 GMT.
    if glued_next.is_some_and(|n| n.low == ":") && next2.is_some_and(|n| n.kind == Kind::Num)
        || glued_prev.is_some_and(|p| p.low == ":") && prev2.is_some_and(|p| p.kind == Kind::Num)
        || next.is_some_and(|n| matches!(n.low.as_str(), "am" | "pm" | "gmt" | "utc" | "et" | "bst" | "cet" | "est" | "edt" | "pt" | "hrs" | "o'clock"))
        || next.is_some_and(|n| matches!(n.low.as_str(), "a" | "p")) && next2.is_some_and(|n| n.low == ".")
    {
        return "time";
    }
    // Ordinals: 1st, 22nd, 3rd, 24th.
    if glued_next.is_some_and(|n| matches!(n.low.as_str(), "st" | "nd" | "rd" | "th")) {
        return "ordinal";
    }
    // Dates: a month name next to it ("March 5", "5 March", "Feb. 24").
    if is_month(prev) || is_month(next) || prev.is_some_and(|p| p.low == ".") && is_month(prev2) {
        return "date";
    }
    // Years: four digits 1800-2100, and decades ("the 1990s").
    let year = t.low.len() == 4 && t.low.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    if year && !glued_next.is_some_and(|n| n.kind == Kind::Word && n.low != "s") || year && glued_next.is_some_and(|n| n.low == "s") {
        return "year";
    }
    // Names with digits: G7, F-16, COVID-19, Su-27, 5G, "Article 5", "Windows 11".
    if glued_prev.is_some_and(|p| p.kind == Kind::Word)
        || glued_prev.is_some_and(|p| p.is_dash()) && prev2.is_some_and(|p| p.kind == Kind::Word && !t.space_before && !p.low.is_empty() && text[p.start..p.end].chars().next().is_some_and(char::is_uppercase))
    {
        return "name";
    }
    if prev.is_some_and(|p| p.kind == Kind::Word && p.capitalized(text) && t.space_before) && !prev2.is_none_or(|p| matches!(p.low.as_str(), "." | "\"" | "“" | "(")) {
        return "name";
    }
    // What is left: read by the material around it.
    if glued_prev.is_some_and(|p| p.is_dash()) && prev2.is_some_and(|p| p.kind == Kind::Num) {
        return "second of a pair (3-2, 10-12)";
    }
    if glued_next.is_some_and(|n| n.is_dash()) && next2.is_some_and(|n| n.kind == Kind::Num) {
        return "first of a pair (3-2, 10-12)";
    }
    if next.is_some_and(|n| n.low == "%") || next.is_some_and(|n| matches!(n.low.as_str(), "percent" | "per" | "pct")) {
        return "percent";
    }
    if prev.is_some_and(|p| p.kind == Kind::Sym && matches!(p.low.as_str(), "$" | "€" | "£" | "¥" | "₴" | "₽")) {
        return "money symbol before";
    }
    if glued_next.is_some_and(|n| n.kind == Kind::Word) {
        return "letters glued after (12GB, 5G)";
    }
    if glued_next.is_some_and(|n| n.is_dash()) && next2.is_some_and(|n| n.kind == Kind::Word) {
        return "hyphen compound (5-year, 40-strong)";
    }
    if prev.is_some_and(|p| p.low == "," || p.low == "(") && next.is_some_and(|n| n.low == "," || n.low == ")") {
        return "between commas or brackets (ages)";
    }
    if next.is_some_and(|n| n.kind == Kind::Word && n.capitalized(text)) {
        return "before a capitalised word";
    }
    if next.is_some_and(|n| n.kind == Kind::Word && matches!(n.low.as_str(), "of" | "to" | "and" | "or" | "in" | "on" | "at" | "for" | "from" | "by" | "with")) {
        return "before a function word (of, to, and)";
    }
    if next.is_some_and(|n| n.kind == Kind::Word) {
        return "before a lowercase word";
    }
    if prev.is_some_and(|p| p.kind == Kind::Word) {
        return "after a word, at a clause end";
    }
    "after a symbol or at text start"
}
