//! Cross-source comparison: groups of claims about one quantity, hedges read as intervals,
//! and a verdict with its reason for each pair.
//!
//! A group is keyed by (metric, comparison unit, scope): grouping is a hash map pass, so its
//! cost grows with the number of claims, not with the square of the corpus. Within a group a
//! claim meets at most `max_pairs` others (nearest in time first). A pair is compared only when
//! the claims come from different articles, their holders are compatible (equal, or one side
//! names none) and both are targets or neither is.

mod config;
mod interval;
mod summary;

pub use config::{Config, Tolerance};
pub use interval::{interval, Interval};
pub use summary::{claim_date, summarise_records, Cluster, Link, QuantityKey, QuantitySummary, Summarizer};

use crate::extract::lexicon::fold_person;
use crate::extract::{comparison_unit, ChangeRole, Claim, TimeBasis};
use crate::index::ClaimRecord;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// What a pair of claims amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Same quantity, values compatible once hedges are read as intervals.
    Agree,
    /// Same quantity, same time, incompatible values.
    Conflict,
    /// A later source (or the text itself) revises the value.
    Update,
    /// Related but different measures (killed vs casualties).
    Incomparable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Conflict => "conflict",
            Verdict::Update => "update",
            Verdict::Incomparable => "incomparable",
        }
    }
    /// Rows a user must look at.
    pub fn flagged(self) -> bool {
        matches!(self, Verdict::Conflict | Verdict::Update)
    }
}

/// One compared pair: indexes into the records given, `a` the earlier side.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Shared by every pair of the group.
    pub group_id: Arc<str>,
    pub a: usize,
    pub b: usize,
    pub verdict: Verdict,
    /// Relative gap between the two intervals (0 when they overlap; 1 for different people).
    pub severity: f64,
    pub explanation: String,
}

/// Group key of a claim, or None when it cannot be cross-checked (see [`Claim::group_key`]).
pub fn group_key(c: &Claim) -> Option<String> {
    c.group_key()
}

/// Short stable id of a group key.
pub fn group_id(key: &str) -> String {
    format!("g{:08x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as u32)
}

fn days_between(a: &ClaimRecord, b: &ClaimRecord) -> Option<i64> {
    let (x, y) = (a.claim.as_of?, b.claim.as_of?);
    let span = x.until(y).ok()?;
    Some(span.get_days().into())
}

/// What pairing needs of each record, computed once per record instead of once per pair:
/// numbers for the doc (in the docs' sort order), holder and measure (0 when empty), so
/// comparisons are integer compares, and the folded name of an office holder.
pub struct Facts {
    doc: Vec<u32>,
    holder: Vec<u32>,
    measure: Vec<u32>,
    person: Vec<Option<String>>,
    /// The figure as an interval in its comparison unit, with its metric's tolerances.
    interval: Vec<Option<Interval>>,
}

/// Numbers for strings: equal strings, equal numbers; ordered as the strings; "" is 0.
fn rank<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Vec<u32> {
    let mut distinct: Vec<&str> = values.clone().collect();
    distinct.push("");
    distinct.sort_unstable();
    distinct.dedup();
    let number: HashMap<&str, u32> = distinct.iter().enumerate().map(|(i, s)| (*s, i as u32)).collect();
    values.map(|v| number[v]).collect()
}

impl Facts {
    pub fn of(records: &[ClaimRecord], config: &Config) -> Facts {
        Facts {
            interval: records
                .iter()
                .map(|r| {
                    let q = &r.claim.quantity;
                    interval(q, &config.for_metric(&r.claim.metric), comparison_unit(&q.unit).1)
                })
                .collect(),
            doc: rank(records.iter().map(|r| r.doc.as_str())),
            holder: rank(records.iter().map(|r| r.claim.holder.as_str())),
            measure: rank(records.iter().map(|r| r.claim.measure.as_str())),
            person: records
                .iter()
                .map(|r| (r.claim.quantity.unit == "person").then(|| fold_person(r.claim.person.as_deref().unwrap_or(""))))
                .collect(),
        }
    }

    /// Equal, or one side names none.
    fn holders_compatible(&self, x: usize, y: usize) -> bool {
        self.holder[x] == 0 || self.holder[y] == 0 || self.holder[x] == self.holder[y]
    }

    /// Earlier first: by as-of date (unknown last), then doc, then offset.
    fn order(&self, r: &[ClaimRecord], x: usize, y: usize) -> std::cmp::Ordering {
        let key = |i: usize| (r[i].claim.as_of.is_none(), r[i].claim.as_of, self.doc[i], r[i].claim.quantity.start);
        key(x).cmp(&key(y))
    }
}

/// Claims about one quantity, ready to pair.
struct Group<'r> {
    id: Arc<str>,
    members: Vec<usize>,
    tol: Tolerance,
    earlier: HashMap<&'r str, Vec<usize>>,
}

/// Compares claims with the tolerances of a [`Config`].
pub struct Comparer<'a> {
    pub config: &'a Config,
    /// Write explanations for agree and incomparable pairs too (off when only flagged rows are
    /// written: on a large corpus most pairs agree, and their text would be thrown away).
    pub explain_all: bool,
}

impl<'a> Comparer<'a> {
    pub fn new(config: &'a Config) -> Self {
        Comparer { config, explain_all: true }
    }

    /// All pairs of the records that speak about the same quantity, collected.
    pub fn discrepancies(&self, records: &[ClaimRecord]) -> Vec<Pair> {
        let mut out = Vec::new();
        self.for_each_pair(records, |p| out.push(p));
        out
    }

    /// Every pair, handed to `f` as it is found (group by group), so memory stays bounded by
    /// the records, not by the number of pairs.
    pub fn for_each_pair(&self, records: &[ClaimRecord], mut f: impl FnMut(Pair)) {
        let facts = Facts::of(records, self.config);
        for g in self.groups(records, &facts) {
            for n in 0..g.members.len() {
                self.pairs_of(records, &facts, &g, n, &mut f);
            }
        }
    }

    /// The same pairs as [`for_each_pair`](Self::for_each_pair), made on `threads` threads:
    /// each run of consecutive pairs is turned into a `T` by `render` on a worker (formatting
    /// rows, say) and handed to `emit` on this thread, in the order `for_each_pair` would give.
    /// At most a few runs wait at any time, so memory stays bounded as in the serial form.
    pub fn for_each_run<T: Send>(&self, records: &[ClaimRecord], threads: usize, render: impl Fn(&[Pair]) -> T + Sync, mut emit: impl FnMut(T)) {
        /// Claims whose pairs make one run (each claim has up to `max_pairs` pairs).
        const RUN: usize = 64;
        let facts = Facts::of(records, self.config);
        let groups = self.groups(records, &facts);
        let runs: Vec<(usize, usize)> = groups.iter().enumerate().flat_map(|(gi, g)| (0..g.members.len()).step_by(RUN).map(move |n| (gi, n))).collect();
        crate::ordered::map_in_order(
            runs.len(),
            threads,
            |i| {
                let (gi, n0) = runs[i];
                let g = &groups[gi];
                let mut pairs = Vec::new();
                for n in n0..(n0 + RUN).min(g.members.len()) {
                    self.pairs_of(records, &facts, g, n, &mut |p| pairs.push(p));
                }
                render(&pairs)
            },
            &mut emit,
        );
    }

    /// Groups in key order (so the output does not depend on hashing), members earlier first.
    fn groups<'r>(&self, records: &'r [ClaimRecord], facts: &Facts) -> Vec<Group<'r>> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(k) = group_key(&r.claim) {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut keyed: Vec<(String, Vec<usize>)> = by_key.into_iter().collect();
        keyed.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        keyed
            .into_iter()
            .map(|(key, mut members)| {
                members.sort_by(|&x, &y| facts.order(records, x, y));
                let tol = self.config.for_metric(&records[members[0]].claim.metric);
                // The earlier values each document states for this group ("from 50% ...").
                let mut earlier: HashMap<&'r str, Vec<usize>> = HashMap::new();
                for &m in &members {
                    if records[m].claim.quantity.change_role == Some(ChangeRole::Earlier) {
                        earlier.entry(records[m].doc.as_str()).or_default().push(m);
                    }
                }
                Group { id: group_id(&key).into(), members, tol, earlier }
            })
            .collect()
    }

    /// The pairs of the group's `n`th member with the later members.
    fn pairs_of(&self, records: &[ClaimRecord], facts: &Facts, g: &Group<'_>, n: usize, f: &mut dyn FnMut(Pair)) {
        let x = g.members[n];
        // The cap counts real comparisons: claims of the same article are passed over without
        // using it, and candidates with another holder use up at most 4x the cap.
        let mut made = 0;
        let others = g.members.iter().skip(n + 1).filter(|&&y| facts.doc[y] != facts.doc[x]);
        for &y in others.take(g.tol.max_pairs.saturating_mul(4)) {
            if made >= g.tol.max_pairs {
                break;
            }
            if let Some(p) = self.pair(records, facts, x, y, &g.tol, &g.earlier, &g.id) {
                made += 1;
                f(p);
            }
        }
    }

    /// Verdict for one pair, or None when the two do not speak about the same quantity.
    #[allow(clippy::too_many_arguments)]
    pub fn pair(&self, r: &[ClaimRecord], facts: &Facts, x: usize, y: usize, tol: &Tolerance, earlier: &HashMap<&str, Vec<usize>>, gid: &Arc<str>) -> Option<Pair> {
        let (ra, rb) = (&r[x], &r[y]);
        let (a, b) = (&ra.claim, &rb.claim);
        if facts.doc[x] == facts.doc[y] || !facts.holders_compatible(x, y) {
            return None;
        }
        if (a.time_basis == TimeBasis::Target) != (b.time_basis == TimeBasis::Target) {
            return None;
        }
        let quiet = !self.explain_all;
        let mk = |verdict: Verdict, severity: f64, explanation: String| Pair { group_id: Arc::clone(gid), a: x, b: y, verdict, severity, explanation };
        // Unwritten agree/incomparable rows need no explanation text.
        let mk_quiet = |verdict: Verdict| Pair { group_id: Arc::clone(gid), a: x, b: y, verdict, severity: 0.0, explanation: String::new() };
        if facts.measure[x] != facts.measure[y] && facts.measure[x] != 0 && facts.measure[y] != 0 {
            if quiet {
                return Some(mk_quiet(Verdict::Incomparable));
            }
            return Some(mk(Verdict::Incomparable, 0.0, format!("different measures: {} vs {}", a.measure, b.measure)));
        }
        let days = days_between(ra, rb);
        let apart = days.map(|d| d.abs() > tol.same_time_days);
        // Written only into explanations, so only when one is made.
        let when = || match (days, apart) {
            (None, _) => "a date is unknown, so they are taken as the same time".to_string(),
            (Some(d), Some(true)) => format!("{} days apart", d.abs()),
            (Some(d), _) => format!("{} days apart, within the {}-day window", d.abs(), tol.same_time_days),
        };
        if facts.person[x].is_some() {
            if facts.person[x] == facts.person[y] {
                if quiet {
                    return Some(mk_quiet(Verdict::Agree));
                }
                return Some(mk(Verdict::Agree, 0.0, format!("same {} of {}: {}", office(&a.metric), a.holder, a.quantity.text)));
            }
            let (v, sev) = if apart == Some(true) { (Verdict::Update, 1.0) } else { (Verdict::Conflict, 1.0) };
            let why = if v == Verdict::Update {
                format!("{} of {}: {} then {} ({}); the office changed hands", office(&a.metric), a.holder, a.quantity.text, b.quantity.text, when())
            } else {
                format!("{} of {}: {} vs {} at the same time ({})", office(&a.metric), a.holder, a.quantity.text, b.quantity.text, when())
            };
            return Some(mk(v, sev, why));
        }
        let ia = facts.interval[x]?;
        let ib = facts.interval[y]?;
        if quiet && ia.overlaps(&ib) {
            return Some(mk_quiet(Verdict::Agree));
        }
        let desc = |q: &crate::extract::Quantity, iv: &Interval| format!("{:?} = {}", q.text, iv);
        let (da, db) = (desc(&a.quantity, &ia), desc(&b.quantity, &ib));
        let overlap = ia.overlaps(&ib);
        let sev = ia.relative_gap(&ib);
        let roles = (a.quantity.change_role, b.quantity.change_role);
        if overlap {
            let note = match roles {
                (Some(ChangeRole::Earlier), _) | (_, Some(ChangeRole::Earlier)) => " (it matches the earlier value that a source says was revised)",
                _ => "",
            };
            return Some(mk(Verdict::Agree, 0.0, format!("intervals overlap: {da} vs {db}{note}")));
        }
        // The text says the value changed.
        if roles.0 == Some(ChangeRole::Earlier) || roles.1 == Some(ChangeRole::Earlier) {
            return Some(mk(Verdict::Update, sev, format!("one side is an earlier value its source says was revised: {da} vs {db}")));
        }
        for (cur, other, rc, io) in [(b, a, rb, &ia), (a, b, ra, &ib)] {
            if cur.quantity.change_role == Some(ChangeRole::Current) {
                let revised = earlier.get(rc.doc.as_str()).is_some_and(|v| {
                    v.iter().any(|&e| facts.interval[e].is_some_and(|ie| ie.overlaps(io)))
                });
                if revised {
                    return Some(mk(Verdict::Update, sev, format!("{} reports the value was revised from a figure matching {:?} to {:?}", rc.source.as_deref().unwrap_or(&rc.doc), other.quantity.text, cur.quantity.text)));
                }
            }
        }
        if apart == Some(true) {
            return Some(mk(Verdict::Update, sev, format!("a later source reports a different value: {da} vs {db}; {}", when())));
        }
        Some(mk(Verdict::Conflict, sev, format!("no overlap: {da} vs {db}; {}", when())))
    }
}

fn office(metric: &str) -> String {
    metric.trim_start_matches("office:").replace('_', " ")
}

/// For `check`: pairs between the new claims (first `n_new` records) and indexed ones.
pub fn check_pairs(comparer: &Comparer<'_>, records: &[ClaimRecord], n_new: usize) -> Vec<Pair> {
    let mut earlier: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate().skip(n_new) {
        if r.claim.quantity.change_role == Some(ChangeRole::Earlier) {
            earlier.entry(r.doc.as_str()).or_default().push(i);
        }
    }
    let facts = Facts::of(records, comparer.config);
    let keys: Vec<Option<String>> = records.iter().map(|r| group_key(&r.claim)).collect();
    let mut out = Vec::new();
    for x in 0..n_new {
        let Some(kx) = &keys[x] else { continue };
        let tol = comparer.config.for_metric(&records[x].claim.metric);
        let gid: Arc<str> = group_id(kx).into();
        for y in n_new..records.len() {
            if keys[y].as_ref() != Some(kx) {
                continue;
            }
            // Indexed side first when it is earlier, so "update" reads in time order.
            let (a, b) = if facts.order(records, y, x).is_lt() { (y, x) } else { (x, y) };
            if let Some(mut p) = comparer.pair(records, &facts, a, b, &tol, &earlier, &gid) {
                p.a = x;
                p.b = y;
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
