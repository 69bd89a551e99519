//! Quantity summaries (`discrepancies --by quantity`): one row per quantity, its value
//! clusters, and the verdicts between them. Table, CSV (own stable columns) and JSON Lines.

use super::{num, sheet_safe};
use crate::compare::{claim_date, Cluster, QuantitySummary, Verdict};
use crate::index::ClaimRecord;
use serde::Serialize;
use std::io::Write;

/// CSV columns of the summary, in order (public: they only ever grow at the end).
pub const SUMMARY_COLUMNS: &[&str] = &[
    "rank", "score", "verdict", "severity", "outlets", "claims", "clusters", "conflict_pairs", "update_pairs", "metric",
    "measure", "holder", "scope", "kind", "unit", "first_date", "last_date", "group_id", "values",
];

/// Cluster letters: A, B, ... Z, then A1, B1, ...
pub fn cluster_label(i: usize) -> String {
    let letter = char::from(b'A' + (i % 26) as u8);
    if i < 26 {
        letter.to_string()
    } else {
        format!("{letter}{}", i / 26)
    }
}

/// A bound as people read it: "∞" for an open end, three decimals at most.
fn bound(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "−∞".into() };
    }
    if v.abs() >= 1e6 {
        return num(Some((v / 1e3).round() * 1e3));
    }
    num(Some((v * 1000.0).round() / 1000.0))
}

/// What a cluster says: the person, or the interval its values cover.
pub fn cluster_range(c: &Cluster) -> String {
    match &c.person {
        Some(p) => p.clone(),
        None if c.lo.is_nan() => "?".into(),
        None => format!("[{}, {}]", bound(c.lo), bound(c.hi)),
    }
}

/// The distinct figures as written, in order of first appearance (at most `max`).
pub fn cluster_texts(c: &Cluster, recs: &[ClaimRecord], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &m in &c.members {
        let t = &recs[m].claim.quantity.text;
        if !out.contains(t) {
            if out.len() == max {
                out.push("…".into());
                break;
            }
            out.push(t.clone());
        }
    }
    out
}

fn date_span(first: Option<jiff::civil::Date>, last: Option<jiff::civil::Date>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => "?".into(),
    }
}

/// One cluster on one line: `A [17.1, 19] ×2 "nearly 19%", "one-fifth" — Outlet, Outlet (dates)`.
fn cluster_line(i: usize, c: &Cluster, recs: &[ClaimRecord]) -> String {
    let texts: Vec<String> = cluster_texts(c, recs, 3).iter().map(|t| format!("{t:?}")).collect();
    format!(
        "{} {} ×{} {} — {} ({})",
        cluster_label(i),
        cluster_range(c),
        c.members.len(),
        texts.join(", "),
        c.outlets.join(", "),
        date_span(c.first, c.last)
    )
}

fn links_text(q: &QuantitySummary) -> String {
    q.links
        .iter()
        .map(|l| format!("{}–{} {} ×{}", cluster_label(l.from), cluster_label(l.to), l.verdict.as_str(), l.pairs))
        .collect::<Vec<_>>()
        .join("; ")
}

fn count(q: &QuantitySummary, v: Verdict) -> usize {
    q.pairs.iter().filter(|p| p.verdict == v).count()
}

fn identity(q: &QuantitySummary) -> String {
    let k = &q.key;
    let metric = if k.measure.is_empty() { k.metric.clone() } else { format!("{} ({})", k.metric, k.measure) };
    let whose = match (k.holder.as_str(), k.scope.as_str()) {
        ("", "") => "?".to_string(),
        (h, "") => h.to_string(),
        ("", s) => format!("? / {s}"),
        (h, s) => format!("{h} / {s}"),
    };
    format!("{metric}\n{whose}\n{}, {}", k.kind.as_str(), k.unit)
}

pub fn write_summary_table<W: Write>(mut out: W, qs: &[QuantitySummary], recs: &[ClaimRecord], width: Option<u16>) -> std::io::Result<()> {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t.set_header(vec!["#", "verdict\nscore", "quantity", "who says what (clusters)", "between clusters"]);
    for (i, q) in qs.iter().enumerate() {
        let lines: Vec<String> = q.clusters.iter().enumerate().map(|(ci, c)| cluster_line(ci, c, recs)).collect();
        t.add_row(vec![
            (i + 1).to_string(),
            format!("{}\n{:.3}\n{} outlets", q.verdict.as_str(), q.score, q.outlets),
            identity(q),
            lines.join("\n"),
            links_text(q),
        ]);
    }
    writeln!(out, "{t}")
}

/// One CSV row, in [`SUMMARY_COLUMNS`] order.
pub fn summary_row(rank: usize, q: &QuantitySummary, recs: &[ClaimRecord]) -> Vec<String> {
    let k = &q.key;
    let values: Vec<String> = q.clusters.iter().enumerate().map(|(ci, c)| cluster_line(ci, c, recs)).collect();
    let d = |x: Option<jiff::civil::Date>| x.map(|d| d.to_string()).unwrap_or_default();
    vec![
        rank.to_string(),
        format!("{:.4}", q.score),
        q.verdict.as_str().to_string(),
        format!("{:.4}", q.severity),
        q.outlets.to_string(),
        q.claims().to_string(),
        q.clusters.len().to_string(),
        count(q, Verdict::Conflict).to_string(),
        count(q, Verdict::Update).to_string(),
        sheet_safe(&k.metric).into_owned(),
        sheet_safe(&k.measure).into_owned(),
        sheet_safe(&k.holder).into_owned(),
        sheet_safe(&k.scope).into_owned(),
        k.kind.as_str().to_string(),
        sheet_safe(&k.unit).into_owned(),
        d(q.first),
        d(q.last),
        k.group_id.to_string(),
        sheet_safe(&values.join(" | ")).into_owned(),
    ]
}

pub fn write_summary_csv<W: Write>(out: W, qs: &[QuantitySummary], recs: &[ClaimRecord]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SUMMARY_COLUMNS)?;
    for (i, q) in qs.iter().enumerate() {
        w.write_record(summary_row(i + 1, q, recs))?;
    }
    w.flush()
}

/// JSON Lines rows: typed values (numbers as numbers, unknown as null).
#[derive(Serialize)]
struct JsonQuantity<'a> {
    rank: usize,
    score: f64,
    verdict: &'static str,
    severity: f64,
    outlets: usize,
    claims: usize,
    conflict_pairs: usize,
    update_pairs: usize,
    metric: &'a str,
    measure: &'a str,
    holder: &'a str,
    scope: &'a str,
    kind: &'static str,
    unit: &'a str,
    group_id: &'a str,
    first_date: Option<String>,
    last_date: Option<String>,
    clusters: Vec<JsonCluster<'a>>,
    links: Vec<JsonLink>,
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    label: String,
    /// Null when open-ended (infinite) or unknown.
    lo: Option<f64>,
    hi: Option<f64>,
    person: Option<&'a str>,
    count: usize,
    outlets: &'a [String],
    first_date: Option<String>,
    last_date: Option<String>,
    claims: Vec<JsonClaim<'a>>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    value: Option<f64>,
    hedge: &'static str,
    source: Option<&'a str>,
    date: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLink {
    from: String,
    to: String,
    verdict: &'static str,
    pairs: usize,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

pub fn write_summary_jsonl<W: Write>(mut out: W, qs: &[QuantitySummary], recs: &[ClaimRecord]) -> std::io::Result<()> {
    for (i, q) in qs.iter().enumerate() {
        let k = &q.key;
        let row = JsonQuantity {
            rank: i + 1,
            score: q.score,
            verdict: q.verdict.as_str(),
            severity: q.severity,
            outlets: q.outlets,
            claims: q.claims(),
            conflict_pairs: count(q, Verdict::Conflict),
            update_pairs: count(q, Verdict::Update),
            metric: &k.metric,
            measure: &k.measure,
            holder: &k.holder,
            scope: &k.scope,
            kind: k.kind.as_str(),
            unit: &k.unit,
            group_id: &k.group_id,
            first_date: q.first.map(|d| d.to_string()),
            last_date: q.last.map(|d| d.to_string()),
            clusters: q
                .clusters
                .iter()
                .enumerate()
                .map(|(ci, c)| JsonCluster {
                    label: cluster_label(ci),
                    lo: if c.person.is_some() { None } else { finite(c.lo) },
                    hi: if c.person.is_some() { None } else { finite(c.hi) },
                    person: c.person.as_deref(),
                    count: c.members.len(),
                    outlets: &c.outlets,
                    first_date: c.first.map(|d| d.to_string()),
                    last_date: c.last.map(|d| d.to_string()),
                    claims: c
                        .members
                        .iter()
                        .map(|&m| {
                            let r = &recs[m];
                            let qn = &r.claim.quantity;
                            JsonClaim {
                                doc: &r.doc,
                                start: qn.start,
                                end: qn.end,
                                text: &qn.text,
                                value: qn.value,
                                hedge: qn.hedge.as_str(),
                                source: r.source.as_deref(),
                                date: claim_date(r).map(|d| d.to_string()),
                                url: r.url.as_deref(),
                            }
                        })
                        .collect(),
                })
                .collect(),
            links: q
                .links
                .iter()
                .map(|l| JsonLink { from: cluster_label(l.from), to: cluster_label(l.to), verdict: l.verdict.as_str(), pairs: l.pairs })
                .collect(),
        };
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_bounds_read_well() {
        assert_eq!(cluster_label(0), "A");
        assert_eq!(cluster_label(25), "Z");
        assert_eq!(cluster_label(26), "A1");
        assert_eq!(bound(f64::INFINITY), "∞");
        assert_eq!(bound(17.1000001), "17.1");
        assert_eq!(bound(1_234_567.0), "1235000");
    }
}
