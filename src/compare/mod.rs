//! Cross-source comparison: groups of claims about one quantity, hedges read as intervals,
//! and a verdict with its reason for each pair.
//!
//! A group is keyed by the claim's whole identity ([`Claim::group_key`]: metric, measure and
//! population, holder, scope, kind, rate period, modality, unit, stated period); a claim with
//! any identity part unknown is in no group and never compared. Grouping is a hash map pass, so
//! its cost grows with the number of claims, not with the square of the corpus. Within a group
//! a claim meets at most `max_pairs` others (nearest in time first). A pair is compared only
//! when the claims come from different outlets (unless asked otherwise) and different
//! sentences: wire copy repeated by two outlets is one report, not two.

mod config;
mod interval;
mod summary;
mod verdict;

pub use config::{Config, Tolerance};
pub use interval::{interval, stated, Interval};
pub use summary::{claim_date, summarise_records, Cluster, Link, QuantityKey, QuantitySummary, Summarizer};

use crate::extract::lexicon::fold_person;
use crate::extract::{comparison_unit, ChangeRole, Claim};
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
    /// Every outlet that carried the article (lowercase, ranked; unknown left out): syndicated
    /// copy counts as each of its outlets.
    source: Vec<Vec<u32>>,
    /// The sentence, folded (case and spacing), so repeated wire copy is recognised.
    sentence: Vec<u64>,
    person: Vec<Option<String>>,
    /// The figure as an interval in its comparison unit, with its metric's tolerances.
    interval: Vec<Option<Interval>>,
    /// The figure as stated, without its hedge.
    stated: Vec<Option<Interval>>,
}

fn fold_sentence(s: &str) -> u64 {
    let folded: String = s.split_whitespace().flat_map(|w| w.chars().flat_map(char::to_lowercase).chain(std::iter::once(' '))).collect();
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes())
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
                    let iv = interval(q, &config.for_metric(&r.claim.metric), comparison_unit(&q.unit).1);
                    // A verified minimum reaches up without bound.
                    iv.map(|iv| if r.claim.floor { Interval { lo: iv.lo, hi: f64::INFINITY } } else { iv })
                })
                .collect(),
            stated: records
                .iter()
                .map(|r| {
                    let q = &r.claim.quantity;
                    stated(q, &config.for_metric(&r.claim.metric), comparison_unit(&q.unit).1)
                })
                .collect(),
            doc: rank(records.iter().map(|r| r.doc.as_str())),
            source: {
                let lower: Vec<Vec<String>> = records
                    .iter()
                    .map(|r| r.all_outlets().iter().filter_map(|o| o.source.as_deref()).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect())
                    .collect();
                let ranks = rank(lower.iter().flatten().map(String::as_str));
                let mut it = ranks.into_iter();
                lower.iter().map(|l| l.iter().map(|_| it.next().unwrap_or(0)).collect()).collect()
            },
            sentence: records.iter().map(|r| fold_sentence(&r.claim.sentence)).collect(),
            person: records
                .iter()
                .map(|r| (r.claim.quantity.unit == "person").then(|| fold_person(r.claim.person.as_deref().unwrap_or(""))))
                .collect(),
        }
    }

    /// An outlet carried both (outlets known on both sides).
    fn same_outlet(&self, x: usize, y: usize) -> bool {
        self.source[x].iter().any(|s| self.source[y].contains(s))
    }

    /// Earlier first: by as-of date (unknown last), then doc, then offset.
    fn order(&self, r: &[ClaimRecord], x: usize, y: usize) -> std::cmp::Ordering {
        let key = |i: usize| (r[i].claim.as_of.is_none(), r[i].claim.as_of, self.doc[i], r[i].claim.quantity.start);
        key(x).cmp(&key(y))
    }
}

/// What every pair of one group needs to know about the group.
pub struct GroupCtx<'r> {
    pub id: Arc<str>,
    pub tol: Tolerance,
    /// The earlier values each document states for this group ("from 50% ...").
    pub earlier: HashMap<&'r str, Vec<usize>>,
    /// Offices: for each person (surname and initial), the first and last day the group names
    /// them and how many claims do. Two holders of one office are a handover only when one's
    /// days all come before the other's.
    pub spans: HashMap<String, (i32, i32, u32)>,
}

impl<'r> GroupCtx<'r> {
    fn of(key: &str, members: &[usize], records: &'r [ClaimRecord], facts: &Facts, config: &Config) -> Self {
        let tol = config.for_metric(&records[members[0]].claim.metric);
        let mut earlier: HashMap<&'r str, Vec<usize>> = HashMap::new();
        let mut spans: HashMap<String, (i32, i32, u32)> = HashMap::new();
        for &m in members {
            if records[m].claim.quantity.change_role == Some(ChangeRole::Earlier) {
                earlier.entry(records[m].doc.as_str()).or_default().push(m);
            }
            if let (Some(p), Some(d)) = (&facts.person[m], records[m].claim.as_of) {
                let day = day_number(d);
                let span = spans.entry(verdict::person_key(p)).or_insert((day, day, 0));
                span.0 = span.0.min(day);
                span.1 = span.1.max(day);
                span.2 += 1;
            }
        }
        GroupCtx { id: group_id(key).into(), tol, earlier, spans }
    }
}

/// A date as an increasing number (for ordering and spans only).
fn day_number(d: jiff::civil::Date) -> i32 {
    i32::from(d.year()) * 372 + i32::from(d.month()) * 31 + i32::from(d.day())
}

/// Claims about one quantity, ready to pair.
struct Group<'r> {
    members: Vec<usize>,
    ctx: GroupCtx<'r>,
}

/// Compares claims with the tolerances of a [`Config`].
pub struct Comparer<'a> {
    pub config: &'a Config,
    /// Write explanations for agree and incomparable pairs too (off when only flagged rows are
    /// written: on a large corpus most pairs agree, and their text would be thrown away).
    pub explain_all: bool,
    /// Compare claims of two articles from the same outlet too (off by default: an outlet
    /// repeating itself is not two sources).
    pub same_source: bool,
}

impl<'a> Comparer<'a> {
    pub fn new(config: &'a Config) -> Self {
        Comparer { config, explain_all: true, same_source: false }
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
                let ctx = GroupCtx::of(&key, &members, records, facts, self.config);
                Group { members, ctx }
            })
            .collect()
    }

    /// The pairs of the group's `n`th member with the later members.
    fn pairs_of(&self, records: &[ClaimRecord], facts: &Facts, g: &Group<'_>, n: usize, f: &mut dyn FnMut(Pair)) {
        let x = g.members[n];
        // The cap counts real comparisons: claims of the same article are passed over without
        // using it, and candidates with another holder use up at most 4x the cap.
        let mut made = 0;
        let others = g.members.iter().skip(n + 1).filter(|&&y| facts.doc[y] != facts.doc[x] && (self.same_source || !facts.same_outlet(x, y)) && facts.sentence[x] != facts.sentence[y]);
        for &y in others.take(g.ctx.tol.max_pairs.saturating_mul(4)) {
            if made >= g.ctx.tol.max_pairs {
                break;
            }
            if let Some(p) = self.pair(records, facts, x, y, &g.ctx) {
                made += 1;
                f(p);
            }
        }
    }
}


/// For `check`: pairs between the new claims (first `n_new` records) and indexed ones.
pub fn check_pairs(comparer: &Comparer<'_>, records: &[ClaimRecord], n_new: usize) -> Vec<Pair> {
    let facts = Facts::of(records, comparer.config);
    let keys: Vec<Option<String>> = records.iter().map(|r| group_key(&r.claim)).collect();
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            members.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut ctxs: HashMap<&str, GroupCtx<'_>> = HashMap::new();
    let mut out = Vec::new();
    for x in 0..n_new {
        let Some(kx) = keys[x].as_deref() else { continue };
        let group = &members[kx];
        let ctx = ctxs.entry(kx).or_insert_with(|| GroupCtx::of(kx, group, records, &facts, comparer.config));
        for &y in group.iter().filter(|&&y| y >= n_new) {
            // Indexed side first when it is earlier, so "update" reads in time order.
            let (a, b) = if facts.order(records, y, x).is_lt() { (y, x) } else { (x, y) };
            if let Some(mut p) = comparer.pair(records, &facts, a, b, ctx) {
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
