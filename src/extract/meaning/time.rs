//! Time phrases ("in 2024", "since 2022", "by 2029", "in March 2022", "last year") and which
//! quantity of a sentence each belongs to.

use super::super::quantity::tokens::{Kind, Tok};
use crate::extract::lexicon::{MONTHS, WEEKDAYS};
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



/// Words before a date that make it the start of a period.
const START_WORDS: &[&str] = &["since", "began", "begun", "started", "invaded", "invasion", "launched", "start", "beginning", "outbreak", "began", "attacked", "entered", "crossed"];


/// The month named by a token.
fn month_of(t: &Tok) -> Option<i8> {
    // Most tokens are not months: their first letter or length says so without a scan.
    let w = t.low.as_bytes();
    if !(3..=9).contains(&w.len()) || !matches!(w[0], b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd') {
        return None;
    }
    MONTHS.iter().find(|(n, _)| *n == t.low).map(|m| m.1)
}

/// A weekday's name (lowercase).
fn is_weekday(w: &str) -> bool {
    w.len() >= 6 && w.ends_with("day") && WEEKDAYS.contains(&w)
}

/// A day of the month at token `j` ("8", "8th"): the day and the token after it.
fn day_at(toks: &[Tok], j: usize) -> Option<(i8, usize)> {
    let t = toks.get(j).filter(|t| t.kind == Kind::Num && t.low.len() <= 2)?;
    let d: i8 = t.low.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let next = j + 1;
    let next = if toks.get(next).is_some_and(|x| matches!(x.low.as_str(), "st" | "nd" | "rd" | "th") && !x.space_before) { next + 1 } else { next };
    Some((d, next))
}

/// A four-digit year at token `j`.
fn year_at(toks: &[Tok], j: usize) -> Option<i16> {
    let y = toks.get(j).filter(|x| x.kind == Kind::Num && x.low.len() == 4).and_then(|x| x.low.parse::<i16>().ok())?;
    (1800..=2100).contains(&y).then_some(y)
}

/// A day given without its year ("Nov. 8") is the such day nearest to publication, counting
/// days after it three times over: news reports what happened more often than what is planned,
/// so "Nov. 8" in a January article is last November, while "On March 1, Ukraine claimed" in a
/// live page first published on February 25 is five days later, not a year before.
fn infer_year(month: i8, day: i8, published: Date) -> Option<Date> {
    let y = published.year();
    let cost = |d: &Date| {
        let days = (d.since(published).ok()?.get_days() as i64).abs();
        Some(if *d > published { 3 * days } else { days })
    };
    [y - 1, y, y + 1].into_iter().filter_map(|y| Date::new(y, month, day).ok()).filter_map(|d| cost(&d).map(|c| (c, d))).min_by_key(|(c, _)| *c).map(|(_, d)| d)
}

/// "March 2, 2022", "Nov. 8", "2 March 2022": (date, year stated, token after), at `j`.
pub(super) fn day_date_at(toks: &[Tok], j: usize, published: Option<Date>) -> Option<(Date, usize)> {
    // Month first: "March 2, 2022", "Nov. 8".
    if let Some(m) = toks.get(j).and_then(month_of) {
        let mut k = j + 1;
        if toks.get(k).is_some_and(|x| x.low == ".") {
            k += 1;
        }
        let (d, mut k) = day_at(toks, k)?;
        if toks.get(k).is_some_and(|x| x.low == ",") && year_at(toks, k + 1).is_some() {
            k += 1;
        }
        return match year_at(toks, k) {
            Some(y) => Date::new(y, m, d).ok().map(|date| (date, k + 1)),
            None => infer_year(m, d, published?).map(|date| (date, k)),
        };
    }
    // Day first: "2 March 2022", "24 February".
    let (d, k) = day_at(toks, j)?;
    let m = toks.get(k).and_then(month_of)?;
    match year_at(toks, k + 1) {
        Some(y) => Date::new(y, m, d).ok().map(|date| (date, k + 2)),
        None => infer_year(m, d, published?).map(|date| (date, k + 1)),
    }
}

/// The time phrase starting at token `i`, if one does.
pub(super) fn find_time_at(_text: &str, toks: &[Tok], i: usize, published: Option<Date>) -> Option<TimePhrase> {
    let t = &toks[i];
    // "since the war began on February 24", "the invasion on Feb. 24": the day a period
    // started, not the day a figure holds for.
    let starts_period = || (i.saturating_sub(6)..i).any(|k| START_WORDS.contains(&toks[k].low.as_str()));
    let day_phrase = |basis: TimeBasis, from: usize| {
        let (date, end) = day_date_at(toks, from, published)?;
        let basis = match basis {
            TimeBasis::Stated if starts_period() => TimeBasis::Since,
            TimeBasis::Stated => TimeBasis::Dated,
            b => b,
        };
        Some(TimePhrase { start: i, end, basis, date, period_start: date, year: date.year() })
    };
    // A weekday: "on Tuesday", "said Tuesday": the latest such day up to publication.
    let weekday_at = |k: usize| -> Option<TimePhrase> {
        let w = toks.get(k).filter(|x| is_weekday(&x.low)).and_then(|x| WEEKDAYS.iter().position(|d| x.low == *d))?;
        let p = published?;
        let target = w as i8 + 1; // Monday = 1
        let back = (p.weekday().to_monday_one_offset() - target).rem_euclid(7);
        let date = p.saturating_sub(jiff::Span::new().days(i64::from(back)));
        Some(TimePhrase { start: i, end: k + 1, basis: TimeBasis::Dated, date, period_start: date, year: date.year() })
    };
    let basis = match t.low.as_str() {
        "in" | "during" | "for" | "throughout" | "of" | "between" => TimeBasis::Stated,
        "on" => return day_phrase(TimeBasis::Stated, i + 1).or_else(|| weekday_at(i + 1)),
        "since" => TimeBasis::Since,
        "by" | "until" | "till" => TimeBasis::Target,
        "as" if toks.get(i + 1).is_some_and(|x| x.low == "of") => {
            if let Some(tp) = day_phrase(TimeBasis::Dated, i + 2).or_else(|| weekday_at(i + 2)) {
                return Some(tp);
            }
            TimeBasis::Stated
        }
        _ if month_of(t).is_some() && toks.get(i + 1).is_some_and(|x| x.kind == Kind::Num || x.low == ".") => {
            // A bare date: "released Nov. 8", "March 2, 2022"; a month and year alone is
            // read with its preposition below.
            let prev = i.checked_sub(1).map(|k| toks[k].low.as_str()).unwrap_or("");
            if matches!(prev, "on" | "since" | "by" | "until" | "till" | "of" | "in") {
                return None;
            }
            return day_phrase(TimeBasis::Stated, i);
        }
        _ if is_weekday(&t.low) => {
            let prev = i.checked_sub(1).map(|k| toks[k].low.as_str()).unwrap_or("");
            if matches!(prev, "on" | "of" | "since" | "by" | "last" | "next" | "this" | "every") {
                return None;
            }
            return weekday_at(i);
        }
        "last" | "this" | "next" => return relative_year(toks, i, published),
        _ => return None,
    };
    period_after(toks, i, basis, published, &day_phrase)
}

/// "last year", "this year", "next year" at token `i`.
fn relative_year(toks: &[Tok], i: usize, published: Option<Date>) -> Option<TimePhrase> {
    let t = &toks[i];
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
    Some(TimePhrase { start: i, end: i + 2, basis, date: d, period_start: s, year: y })
}

/// The rest of a time phrase whose preposition (or "as of") is at token `i`: a day ("since
/// February 24"), a month and year ("in March 2022") or a year ("by 2029").
fn period_after(toks: &[Tok], i: usize, basis: TimeBasis, published: Option<Date>, day_phrase: &dyn Fn(TimeBasis, usize) -> Option<TimePhrase>) -> Option<TimePhrase> {
    let t = &toks[i];
    let mut j = i + 1;
    if t.low == "as" {
        j += 1;
    }
    // "since the 2022 invasion", "since early 2022", "in late March 2021"
    while toks.get(j).is_some_and(|x| matches!(x.low.as_str(), "the" | "early" | "late" | "mid" | "-" | "end")) {
        j += 1;
    }
    // "since February 24", "by 24 February 2022"
    if let Some(tp) = day_phrase(basis, j) {
        return Some(tp);
    }
    let mut month = None;
    if let Some(m) = toks.get(j).and_then(month_of) {
        month = Some(m);
        j += 1;
        if toks.get(j).is_some_and(|x| x.low == ".") {
            j += 1;
        }
    }
    let y = year_at(toks, j)?;
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

/// A timeline entry starts the sentence: "FEB 27 - Putin puts ...", "March 2: ...". The date
/// holds for the figures of the entry, up to the next entry or paragraph.
pub(super) fn entry_date(toks: &[Tok], published: Option<Date>) -> Option<Date> {
    let (date, k) = day_date_at(toks, 0, published)?;
    toks.get(k).filter(|t| t.is_dash() || t.low == ":").map(|_| date)
}

#[cfg(test)]
mod tests {
    use crate::extract::lexicon::{Lexicon, FIRST_TIME, MONTHS, WEEKDAYS};

    #[test]
    fn every_month_and_weekday_may_start_a_time_phrase() {
        let lex = Lexicon::builtin();
        for w in MONTHS.iter().map(|(m, _)| *m).chain(WEEKDAYS.iter().copied()).chain(["since", "on", "by"]) {
            assert!(lex.first_flags.get(w).is_some_and(|f| f & FIRST_TIME != 0), "{w}");
        }
        assert!(lex.first_flags.get("said").is_none_or(|f| f & FIRST_TIME == 0));
    }

    #[test]
    fn a_day_without_its_year_is_the_nearest_one_mostly_in_the_past() {
        use jiff::civil::date;
        let at = |m, d, p| super::infer_year(m, d, p);
        // Earlier in the year, or late last year.
        assert_eq!(at(3, 2, date(2022, 3, 20)), Some(date(2022, 3, 2)));
        assert_eq!(at(11, 8, date(2022, 1, 5)), Some(date(2021, 11, 8)));
        assert_eq!(at(7, 4, date(2022, 1, 5)), Some(date(2021, 7, 4)));
        // A few days after publication: a page updated later, or a plan; not a year before.
        assert_eq!(at(3, 1, date(2022, 2, 25)), Some(date(2022, 3, 1)));
        assert_eq!(at(1, 3, date(2021, 12, 30)), Some(date(2022, 1, 3)));
        // February 29 only in a leap year.
        assert_eq!(at(2, 29, date(2025, 3, 10)), Some(date(2024, 2, 29)));
    }
}
