//! Pair listings (`discrepancies`, `check`): CSV with the contract columns, JSON Lines, table.

use super::{num, printable, sheet_safe};
use crate::compare::Pair;
use crate::index::ClaimRecord;
use std::borrow::Cow;
use std::io::Write;

/// Pair columns before the per-side ones.
pub const PAIR_COLUMNS: &[&str] = &["group_id", "verdict", "severity", "metric", "measure", "holder", "scope", "explanation"];
/// Per-side columns, written once with `a_` and once with `b_`.
pub const SIDE_COLUMNS: &[&str] = &[
    "doc", "start", "end", "text", "value", "lo", "hi", "unit", "hedge", "source", "published", "as_of", "sentence",
];

/// Per-side columns added after the contract ones (the contract only grows at the end),
/// written once with `a_` and once with `b_`: the article's address, every outlet that ran
/// it, and the claim identity parts beyond the shared columns.
pub const SIDE_EXTRA: &[&str] = &["url", "outlets", "person", "kind", "per", "modality", "holder_basis"];
/// Per-side columns added after [`SIDE_EXTRA`] (`a_claimant, b_claimant`): who gives each figure.
pub const SIDE_LATER: &[&str] = &["claimant"];

/// The full header row.
pub fn pair_header() -> Vec<String> {
    let mut h: Vec<String> = PAIR_COLUMNS.iter().map(|s| s.to_string()).collect();
    for side in ["a_", "b_"] {
        h.extend(SIDE_COLUMNS.iter().map(|c| format!("{side}{c}")));
    }
    for side in ["a_", "b_"] {
        h.extend(SIDE_EXTRA.iter().map(|c| format!("{side}{c}")));
    }
    for side in ["a_", "b_"] {
        h.extend(SIDE_LATER.iter().map(|c| format!("{side}{c}")));
    }
    h
}

fn side<'a>(r: &'a ClaimRecord, row: &mut Vec<Cow<'a, str>>) {
    let q = &r.claim.quantity;
    let date = |d: Option<jiff::civil::Date>| Cow::Owned(d.map(|d| d.to_string()).unwrap_or_default());
    row.extend([
        sheet_safe(&r.doc),
        Cow::Owned(q.start.to_string()),
        Cow::Owned(q.end.to_string()),
        sheet_safe(&q.text),
        Cow::Owned(num(q.value)),
        Cow::Owned(num(q.lo)),
        Cow::Owned(num(q.hi)),
        Cow::Borrowed(q.unit.as_str()),
        Cow::Borrowed(q.hedge.as_str()),
        sheet_safe(r.source.as_deref().unwrap_or("")),
        date(r.published),
        date(r.claim.as_of),
        sheet_safe(&r.claim.sentence),
    ]);
}

/// The [`SIDE_EXTRA`] cells of one side.
fn side_extra<'a>(r: &'a ClaimRecord, row: &mut Vec<Cow<'a, str>>) {
    let c = &r.claim;
    row.extend([
        sheet_safe(r.url.as_deref().unwrap_or("")),
        Cow::Owned(sheet_safe(&r.outlets_cell()).into_owned()),
        sheet_safe(c.person.as_deref().unwrap_or("")),
        Cow::Borrowed(c.kind.as_str()),
        Cow::Borrowed(c.per.as_deref().unwrap_or("")),
        Cow::Borrowed(c.modality.as_str()),
        Cow::Borrowed(super::rows::holder_basis_name(c.holder_basis)),
    ]);
}

/// One CSV row for a pair, in [`pair_header`] order. Text cells borrow from the records.
pub fn pair_row<'a>(p: &'a Pair, recs: &'a [ClaimRecord]) -> Vec<Cow<'a, str>> {
    let a = &recs[p.a];
    let holder = if a.claim.holder.is_empty() { &recs[p.b].claim.holder } else { &a.claim.holder };
    let b = &recs[p.b];
    let mut r = Vec::with_capacity(PAIR_COLUMNS.len() + 2 * (SIDE_COLUMNS.len() + SIDE_EXTRA.len() + SIDE_LATER.len()));
    r.extend([
        Cow::Borrowed(&*p.group_id),
        Cow::Borrowed(p.verdict.as_str()),
        Cow::Owned(fixed4(p.severity)),
        sheet_safe(&a.claim.metric),
        sheet_safe(&a.claim.measure),
        sheet_safe(holder),
        sheet_safe(&a.claim.scope),
        sheet_safe(&p.explanation),
    ]);
    side(a, &mut r);
    side(b, &mut r);
    side_extra(a, &mut r);
    side_extra(b, &mut r);
    r.push(sheet_safe(&a.claim.claimant));
    r.push(sheet_safe(&b.claim.claimant));
    r
}

pub fn write_pairs_csv<W: Write>(out: W, pairs: &[Pair], recs: &[ClaimRecord]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(pair_header())?;
    for p in pairs {
        w.write_record(pair_row(p, recs).iter().map(|c| c.as_bytes()))?;
    }
    w.flush()?;
    Ok(())
}

/// One JSON object a line, typed (see [`super::json`]): the CSV columns with numbers as
/// numbers and unknowns as null, then each side's identity fields.
pub fn write_pairs_jsonl<W: Write>(out: W, pairs: &[Pair], recs: &[ClaimRecord]) -> std::io::Result<()> {
    super::json::write_lines(out, &super::rows::PairRows { pairs, records: recs })
}

pub fn write_pairs_table<W: Write>(out: W, pairs: &[Pair], recs: &[ClaimRecord], width: Option<u16>) -> std::io::Result<()> {
    write_pairs_table_styled(out, pairs, recs, width, false)
}

/// The terminal colour of a verdict.
fn verdict_color(v: crate::compare::Verdict) -> comfy_table::Color {
    use crate::compare::Verdict;
    match v {
        Verdict::Conflict => comfy_table::Color::Red,
        Verdict::Update => comfy_table::Color::Yellow,
        Verdict::Agree => comfy_table::Color::Green,
        _ => comfy_table::Color::Reset,
    }
}

/// [`write_pairs_table`], with verdicts in colour when `color` (conflict red, update yellow,
/// agree green).
pub fn write_pairs_table_styled<W: Write>(mut out: W, pairs: &[Pair], recs: &[ClaimRecord], width: Option<u16>, color: bool) -> std::io::Result<()> {
    let mut t = comfy_table::Table::new();
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t.set_header(vec!["verdict", "metric / holder", "a", "b", "why"]);
    let cell = |r: &ClaimRecord| {
        format!(
            "{}\n{} {}\n{}",
            printable(&r.claim.quantity.text),
            printable(&outlet_names(r)),
            r.claim.as_of.map_or_else(|| "?".into(), |d| d.to_string()),
            // The address a reader opens when the input gave one, else the file.
            printable(&r.url.clone().unwrap_or_else(|| std::path::Path::new(&r.doc).file_name().map_or(r.doc.clone(), |f| f.to_string_lossy().into_owned())))
        )
    };
    for p in pairs {
        let a = &recs[p.a];
        let holder = if a.claim.holder.is_empty() { &recs[p.b].claim.holder } else { &a.claim.holder };
        let verdict = comfy_table::Cell::new(p.verdict.as_str());
        t.add_row(vec![
            if color { verdict.fg(verdict_color(p.verdict)) } else { verdict },
            comfy_table::Cell::new(format!("{}\n{}", printable(&a.claim.metric), printable(holder))),
            comfy_table::Cell::new(cell(a)),
            comfy_table::Cell::new(cell(&recs[p.b])),
            comfy_table::Cell::new(printable(&p.explanation)),
        ]);
    }
    writeln!(out, "{t}")
}

/// The outlet (or every outlet, for a syndicated article) of a claim, for a table cell.
fn outlet_names(r: &ClaimRecord) -> String {
    if r.outlets.is_empty() {
        return r.source.clone().unwrap_or_else(|| "?".into());
    }
    r.outlets.iter().map(|o| o.source.as_deref().unwrap_or("?")).collect::<Vec<_>>().join(", ")
}

/// A severity with four decimals ("0.0799"), without float formatting's exact-digit path (this
/// runs for every written row).
fn fixed4(x: f64) -> String {
    if !(0.0..1e9).contains(&x) {
        return format!("{x:.4}");
    }
    let n = (x * 10_000.0).round() as u64;
    format!("{}.{:04}", n / 10_000, n % 10_000)
}

#[cfg(test)]
mod tests {
    use super::fixed4;

    #[test]
    fn severities_have_four_decimals() {
        assert_eq!(fixed4(0.0), "0.0000");
        assert_eq!(fixed4(0.07994), "0.0799");
        assert_eq!(fixed4(0.99996), "1.0000");
        assert_eq!(fixed4(1.0), "1.0000");
        assert_eq!(fixed4(12.5), "12.5000");
        assert_eq!(fixed4(f64::NAN), "NaN");
    }
}
