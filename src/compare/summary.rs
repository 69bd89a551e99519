//! Pairs summarised by quantity: who says what about one quantity, and since when.
//!
//! Pairs are the unit of comparison but the wrong unit for a reader: five outlets giving three
//! values make ten rows. A [`Summarizer`] takes the pairs as they are made and folds them into
//! one [`QuantitySummary`] per quantity identity (metric, measure, holder, scope, kind, and the
//! comparison unit, so dollars and euros stay apart). The claims of a quantity are clustered by
//! value: sorted by the lower bound of their hedge interval and swept once, a claim joins the
//! current cluster while its interval still shares a point with every interval already in it
//! (so every two claims of a cluster agree, and a flagged pair always spans two clusters).
//! Office claims cluster by person. Between clusters, the verdicts of the pairs that link them.
//!
//! Only stable pieces are used: [`Pair`] (indexes, verdict, severity, explanation), the
//! records, and [`interval`] with the metric's tolerances, so the verdict rules can change
//! without this file.

use super::{interval, Config, Pair, Verdict};
use crate::extract::lexicon::fold_person;
use crate::extract::{comparison_unit, FigureKind};
use crate::index::ClaimRecord;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// What makes two pairs speak about the same quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuantityKey {
    pub metric: String,
    pub measure: String,
    pub holder: String,
    pub scope: String,
    pub kind: FigureKind,
    /// The comparison unit (durations in days; each currency apart).
    pub unit: String,
    /// The compare stage's group id (metric, unit and scope hashed): joins a summary row to
    /// its pair rows.
    pub group_id: Arc<str>,
}

/// Claims of one quantity whose values agree with each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Record indexes, earliest first.
    pub members: Vec<usize>,
    /// The values the cluster covers: lowest lower bound, highest upper bound (infinite when a
    /// hedge is open-ended). For office claims, 0.
    pub lo: f64,
    pub hi: f64,
    /// For office claims: the person, as first written.
    pub person: Option<String>,
    /// Distinct outlets in order of first appearance (`?` for an unknown one).
    pub outlets: Vec<String>,
    pub first: Option<Date>,
    pub last: Option<Date>,
}

/// Pairs linking two clusters, by verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Cluster indexes; `from` holds the earlier side of the pairs.
    pub from: usize,
    pub to: usize,
    pub verdict: Verdict,
    pub pairs: usize,
}

/// One quantity with its clusters, the flagged pairs it summarises, and its rank.
#[derive(Debug, Clone)]
pub struct QuantitySummary {
    pub key: QuantityKey,
    /// Ordered by value (lowest first); office clusters by date.
    pub clusters: Vec<Cluster>,
    /// The conflict and update pairs of this quantity.
    pub pairs: Vec<Pair>,
    pub links: Vec<Link>,
    /// Conflict when any pair conflicts, else update.
    pub verdict: Verdict,
    /// Highest severity of its flagged pairs.
    pub severity: f64,
    /// Distinct outlets among its claims (an article with no known outlet counts as one).
    pub outlets: usize,
    /// severity × outlets.
    pub score: f64,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Flagged pairs whose two sides fell in one cluster (0 while the verdict rules call
    /// overlapping intervals agree; reported rather than hidden if that ever changes).
    pub within: usize,
}

impl QuantitySummary {
    /// The cluster holding record `r`.
    pub fn cluster_of(&self, r: usize) -> Option<usize> {
        self.clusters.iter().position(|c| c.members.contains(&r))
    }

    /// Number of claims.
    pub fn claims(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len()).sum()
    }
}

/// The date a claim holds for: its as-of date, else its article's.
pub fn claim_date(r: &ClaimRecord) -> Option<Date> {
    r.claim.as_of.or(r.published)
}

#[derive(Default)]
struct Acc {
    members: HashSet<usize>,
    flagged: Vec<Pair>,
}

/// Folds pairs into quantities as they come (memory: the claims and the flagged pairs, not
/// every agree pair).
pub struct Summarizer<'r> {
    records: &'r [ClaimRecord],
    by_key: HashMap<QuantityKey, Acc>,
}

impl<'r> Summarizer<'r> {
    pub fn new(records: &'r [ClaimRecord]) -> Self {
        Summarizer { records, by_key: HashMap::new() }
    }

    /// The identity a pair speaks about: side `a`'s, with what it leaves empty taken from `b`.
    fn key(&self, p: &Pair) -> QuantityKey {
        let (a, b) = (&self.records[p.a].claim, &self.records[p.b].claim);
        let pick = |x: &String, y: &String| if x.is_empty() { y.clone() } else { x.clone() };
        QuantityKey {
            metric: a.metric.clone(),
            measure: pick(&a.measure, &b.measure),
            holder: pick(&a.holder, &b.holder),
            scope: pick(&a.scope, &b.scope),
            kind: a.kind,
            unit: comparison_unit(&a.quantity.unit).0.to_string(),
            group_id: Arc::clone(&p.group_id),
        }
    }

    /// Take one pair. Incomparable pairs are not about one quantity and are left out.
    pub fn add(&mut self, p: Pair) {
        if p.verdict == Verdict::Incomparable || p.a >= self.records.len() || p.b >= self.records.len() {
            return;
        }
        let acc = self.by_key.entry(self.key(&p)).or_default();
        acc.members.insert(p.a);
        acc.members.insert(p.b);
        if p.verdict.flagged() {
            acc.flagged.push(p);
        }
    }

    /// The quantities with at least one flagged pair, best rank first: score (severity ×
    /// outlets) descending, then newest claim first, then by identity.
    pub fn finish(self, config: &Config) -> Vec<QuantitySummary> {
        let records = self.records;
        let mut out: Vec<QuantitySummary> = self
            .by_key
            .into_iter()
            .filter(|(_, acc)| !acc.flagged.is_empty())
            .map(|(key, acc)| summarise(records, config, key, acc))
            .collect();
        out.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| y.last.cmp(&x.last))
                .then_with(|| x.key.cmp(&y.key))
        });
        out
    }
}

fn summarise(records: &[ClaimRecord], config: &Config, key: QuantityKey, acc: Acc) -> QuantitySummary {
    let mut members: Vec<usize> = acc.members.into_iter().collect();
    members.sort_unstable();
    let clusters = cluster(records, config, &members);
    let mut where_is: HashMap<usize, usize> = HashMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            where_is.insert(m, ci);
        }
    }
    let mut pairs = acc.flagged;
    pairs.sort_by_key(|p| (p.a, p.b));
    let mut links: BTreeMap<(usize, usize, Verdict), usize> = BTreeMap::new();
    let mut within = 0;
    for p in &pairs {
        match (where_is.get(&p.a), where_is.get(&p.b)) {
            (Some(&x), Some(&y)) if x != y => *links.entry((x, y, p.verdict)).or_default() += 1,
            _ => within += 1,
        }
    }
    let verdict = if pairs.iter().any(|p| p.verdict == Verdict::Conflict) { Verdict::Conflict } else { Verdict::Update };
    let severity = pairs.iter().map(|p| p.severity).filter(|s| s.is_finite()).fold(0.0, f64::max);
    let outlets = distinct_outlets(records, &members);
    let dates = members.iter().filter_map(|&m| claim_date(&records[m]));
    QuantitySummary {
        first: dates.clone().min(),
        last: dates.max(),
        key,
        clusters,
        links: links.into_iter().map(|((from, to, verdict), pairs)| Link { from, to, verdict, pairs }).collect(),
        verdict,
        severity,
        outlets,
        score: severity * outlets as f64,
        within,
        pairs,
    }
}

/// Distinct outlet names (case-folded), plus one for each article whose outlet is unknown.
fn distinct_outlets(records: &[ClaimRecord], members: &[usize]) -> usize {
    let mut named: HashSet<String> = HashSet::new();
    let mut unnamed: HashSet<&str> = HashSet::new();
    for &m in members {
        match &records[m].source {
            Some(s) if !s.trim().is_empty() => {
                named.insert(s.trim().to_lowercase());
            }
            _ => {
                unnamed.insert(records[m].article_id.as_str());
            }
        }
    }
    named.len() + unnamed.len()
}

/// The claims of a quantity in clusters: office claims by person, figures by value.
fn cluster(records: &[ClaimRecord], config: &Config, members: &[usize]) -> Vec<Cluster> {
    let mut by_person: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut spans: Vec<(f64, f64, usize)> = Vec::with_capacity(members.len());
    for &m in members {
        let c = &records[m].claim;
        if c.quantity.unit == "person" {
            by_person.entry(fold_person(c.person.as_deref().unwrap_or(""))).or_default().push(m);
            continue;
        }
        let tol = config.for_metric(&c.metric);
        let iv = interval(&c.quantity, &tol, comparison_unit(&c.quantity.unit).1);
        // A claim without a number cannot be paired; kept (alone) rather than dropped.
        let (lo, hi) = iv.map_or((f64::NAN, f64::NAN), |i| (i.lo, i.hi));
        spans.push((lo, hi, m));
    }
    let mut out = Vec::new();
    // Offices: one cluster per person, earliest first.
    let mut people: Vec<Vec<usize>> = by_person.into_values().collect();
    for p in &mut people {
        p.sort_by_key(|&m| (claim_date(&records[m]).is_none(), claim_date(&records[m]), m));
    }
    people.sort_by_key(|p| p.first().map(|&m| (claim_date(&records[m]).is_none(), claim_date(&records[m]), m)));
    for p in people {
        let person = p.first().and_then(|&m| records[m].claim.person.clone());
        out.push(make_cluster(records, p, 0.0, 0.0, person));
    }
    // Figures: sort by lower bound, sweep once. `common_hi` is the lowest upper bound in the
    // current cluster: a claim whose lower bound passes it no longer meets every member.
    spans.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut current: Vec<usize> = Vec::new();
    let (mut lo, mut hi, mut common_hi) = (f64::NAN, f64::NAN, f64::NAN);
    for (l, h, m) in spans {
        let joins = !current.is_empty() && l <= common_hi; // false for NaN
        if !joins && !current.is_empty() {
            out.push(make_cluster(records, std::mem::take(&mut current), lo, hi, None));
        }
        if current.is_empty() {
            lo = l;
            hi = h;
            common_hi = h;
        } else {
            hi = hi.max(h);
            common_hi = common_hi.min(h);
        }
        current.push(m);
    }
    if !current.is_empty() {
        out.push(make_cluster(records, current, lo, hi, None));
    }
    out
}

fn make_cluster(records: &[ClaimRecord], mut members: Vec<usize>, lo: f64, hi: f64, person: Option<String>) -> Cluster {
    members.sort_by_key(|&m| (claim_date(&records[m]).is_none(), claim_date(&records[m]), m));
    let mut outlets: Vec<String> = Vec::new();
    for &m in &members {
        let o = records[m].source.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "?".into());
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    let dates = members.iter().filter_map(|&m| claim_date(&records[m]));
    Cluster { first: dates.clone().min(), last: dates.max(), members, lo, hi, person, outlets }
}

/// Summarise `records` with `config`: every pair is made (on every core), folded, ranked.
pub fn summarise_records(records: &[ClaimRecord], config: &Config) -> Vec<QuantitySummary> {
    let comparer = super::Comparer { config, explain_all: false, same_source: false };
    let mut s = Summarizer::new(records);
    let threads = crate::ordered::cores();
    comparer.for_each_run(records, threads, |pairs: &[Pair]| pairs.to_vec(), |run| run.into_iter().for_each(|p| s.add(p)));
    s.finish(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DocContext, Extractor};
    use jiff::civil::date;

    fn recs(items: &[(&str, &str, Option<Date>)]) -> Vec<ClaimRecord> {
        let ex = Extractor::default();
        let mut out = Vec::new();
        for (doc, text, published) in items {
            for claim in ex.claims(text, &DocContext { published: *published }) {
                out.push(ClaimRecord { claim, doc: doc.to_string(), article_id: doc.to_string(), source: Some(format!("{doc} news")), published: *published, url: None, outlets: Vec::new() });
            }
        }
        out
    }

    #[test]
    fn five_outlets_three_values_make_one_quantity_in_clusters() {
        let d = Some(date(2025, 3, 1));
        let r = recs(&[
            ("a", "Russia controls approximately one-fifth of Ukrainian territory.", d),
            ("b", "Moscow holds nearly 19% of Ukrainian territory.", d),
            ("c", "Russia now occupies about 25 percent of Ukrainian territory.", d),
            ("d", "Russia occupies some 25% of Ukrainian territory.", d),
            ("e", "Russia controls 40% of Ukrainian territory.", d),
        ]);
        let cfg = Config::default();
        let q = summarise_records(&r, &cfg);
        assert_eq!(q.len(), 1, "{q:?}");
        let q = &q[0];
        assert_eq!(q.key.metric, "territory_share");
        assert_eq!(q.key.holder, "Russia");
        assert_eq!(q.verdict, Verdict::Conflict);
        assert_eq!(q.clusters.len(), 3, "{:?}", q.clusters);
        let sizes: Vec<usize> = q.clusters.iter().map(|c| c.members.len()).collect();
        assert_eq!(sizes, vec![2, 2, 1]);
        assert_eq!(q.outlets, 5);
        assert_eq!(q.within, 0);
        // Every flagged pair spans two clusters, and every cluster's claims agree pairwise.
        for p in &q.pairs {
            assert_ne!(q.cluster_of(p.a), q.cluster_of(p.b));
        }
        assert!((q.score - q.severity * 5.0).abs() < 1e-12);
    }

    #[test]
    fn the_sweep_breaks_a_chain_of_overlaps() {
        // [9, 11], [10.8, 13.2], [12.6, 15.4]: the first and last do not meet.
        let d = Some(date(2025, 3, 1));
        let r = recs(&[
            ("a", "Russia controls about 10% of Ukrainian territory.", d),
            ("b", "Russia controls about 12% of Ukrainian territory.", d),
            ("c", "Russia controls about 14% of Ukrainian territory.", d),
        ]);
        let q = summarise_records(&r, &Config::default());
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].clusters.len(), 2);
        assert_eq!(q[0].within, 0);
    }

    #[test]
    fn rank_is_severity_times_outlets_then_newest() {
        let r = recs(&[
            ("a", "Russia controls about 20% of Ukrainian territory.", Some(date(2025, 1, 1))),
            ("b", "Russia controls about 30% of Ukrainian territory.", Some(date(2025, 1, 2))),
            ("c", "The EU has pledged about $10 billion in aid to Ukraine.", Some(date(2025, 1, 1))),
            ("d", "The EU has pledged about $20 billion in aid to Ukraine.", Some(date(2025, 1, 3))),
            ("e", "The EU has pledged about $20 billion in aid to Ukraine.", Some(date(2025, 1, 3))),
        ]);
        let q = summarise_records(&r, &Config::default());
        for w in q.windows(2) {
            assert!(w[0].score >= w[1].score, "{} then {}", w[0].score, w[1].score);
        }
    }
}
