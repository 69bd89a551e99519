//! Time phrases ("in 2024", "since 2022", "by 2029", "in March 2022", "last year") and which
//! quantity of a sentence each belongs to.

use super::super::quantity::tokens::{Kind, Tok};
use crate::extract::TimeBasis;
use jiff::civil::Date;

/// A time phrase; token indexes relative to its sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct TimePhrase {
    pub start: usize,
    pub end: usize,
    pub basis: TimeBasis,
    pub date: Date,
    pub period_start: Date,
    /// The year the phrase names.
    pub year: i16,
}

const MONTHS: &[(&str, i8)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
    ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
];

/// The time phrase starting at token `i`, if one does.
pub(super) fn find_time_at(_text: &str, toks: &[Tok], i: usize, published: Option<Date>) -> Option<TimePhrase> {
    let t = &toks[i];
    let basis = match t.low.as_str() {
        "in" | "during" | "for" | "throughout" | "of" => TimeBasis::Stated,
        "since" => TimeBasis::Since,
        "by" | "until" | "till" => TimeBasis::Target,
        "as" if toks.get(i + 1).is_some_and(|x| x.low == "of") => TimeBasis::Stated,
        "last" | "this" | "next" => {
            // "last year", "this year"
            let (p, n) = (published?, toks.get(i + 1)?);
            if n.low != "year" {
                return None;
            }
            let y = p.year()
                + match t.low.as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
            let (d, s) = (Date::new(y, 12, 31).ok()?, Date::new(y, 1, 1).ok()?);
            let basis = if t.low == "next" { TimeBasis::Target } else { TimeBasis::Stated };
            return Some(TimePhrase { start: i, end: i + 2, basis, date: d, period_start: s, year: y });
        }
        _ => return None,
    };
    let mut j = i + 1;
    if t.low == "as" {
        j += 1;
    }
    // "since the 2022 invasion", "since early 2022", "in late March 2021"
    while toks.get(j).is_some_and(|x| matches!(x.low.as_str(), "the" | "early" | "late" | "mid" | "-" | "end")) {
        j += 1;
    }
    let mut month = None;
    if let Some(m) = toks.get(j).and_then(|x| MONTHS.iter().find(|(n, _)| *n == x.low)) {
        month = Some(m.1);
        j += 1;
        if toks.get(j).is_some_and(|x| x.low == ".") {
            j += 1;
        }
    }
    let y = toks.get(j).filter(|x| x.kind == Kind::Num && x.low.len() == 4).and_then(|x| x.low.parse::<i16>().ok())?;
    if !(1800..=2100).contains(&y) {
        return None;
    }
    let (start_d, end_d) = match month {
        Some(m) => {
            let d = Date::new(y, m, 1).ok()?;
            (d, d.last_of_month())
        }
        None => (Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?),
    };
    let date = match (basis, published) {
        // A figure "in 2025" in an article of December 2025 holds as of publication.
        (TimeBasis::Stated, Some(p)) if p >= start_d && p < end_d => p,
        _ => end_d,
    };
    Some(TimePhrase { start: i, end: j + 1, basis, date, period_start: start_d, year: y })
}

/// Each time phrase belongs to the nearest quantity of its sentence (within a few words):
/// the phrase index for each quantity, given the quantities' token ranges in text order.
pub(super) fn assign_times(times: &[TimePhrase], qtoks: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; qtoks.len()];
    let mut best_dist: Vec<usize> = vec![usize::MAX; qtoks.len()];
    for (ti, tp) in times.iter().enumerate() {
        // Quantities within reach: at most 8 tokens before the phrase or 6 after it.
        let first = qtoks.partition_point(|&(_, b)| b + 8 < tp.start);
        let mut best: Option<(usize, usize)> = None;
        for (qi, &(a, b)) in qtoks.iter().enumerate().skip(first) {
            if a > tp.end + 6 {
                break;
            }
            let d = if tp.start >= b { tp.start - b } else if tp.end <= a { (a - tp.end) + 2 } else { 0 };
            let limit = if tp.start >= b { 8 } else { 6 };
            if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((qi, d));
            }
        }
        if let Some((qi, d)) = best {
            if d < best_dist[qi] {
                best_dist[qi] = d;
                owner[qi] = Some(ti);
            }
        }
    }
    owner
}
