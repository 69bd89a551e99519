//! Claim listings (`extract`, `claims`): JSON Lines, CSV and a terminal table.

use super::{num, printable};
use crate::index::ClaimRecord;
use std::io::Write;

/// CSV / JSONL columns of a claim listing, in order. The first 13 are the extract contract.
pub fn claim_columns() -> impl Iterator<Item = &'static str> {
    super::rows::CLAIM_FIELDS.iter().map(|(n, _)| *n)
}

/// One JSON object a line, typed (see [`super::json`]).
pub fn write_claims_jsonl<W: Write>(out: W, rows: &[ClaimRecord]) -> std::io::Result<()> {
    super::json::write_lines(out, &super::rows::ClaimRows(rows))
}

pub fn write_claims_csv<W: Write>(out: W, rows: &[ClaimRecord]) -> std::io::Result<()> {
    super::csv_rows::write_csv(out, &super::rows::ClaimRows(rows))
}

pub fn write_claims_table<W: Write>(mut out: W, rows: &[ClaimRecord], width: Option<u16>) -> std::io::Result<()> {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t.set_header(vec!["doc:bytes", "text", "value", "unit", "hedge", "metric", "holder / scope", "as of"]);
    for r in rows {
        let c = &r.claim;
        let q = &c.quantity;
        let value = match (q.value, q.lo, q.hi) {
            (Some(v), _, _) => num(Some(v)),
            (None, None, None) => String::new(),
            (None, lo, hi) => format!("{}..{}", num(lo), num(hi)),
        };
        let holder = match (c.holder.as_str(), c.scope.as_str(), c.person.as_deref()) {
            ("", _, Some(_)) => "?".to_string(),
            (h, _, Some(_)) => h.to_string(),
            (h, "", _) => h.to_string(),
            (h, s, _) => format!("{h} / {s}"),
        };
        let doc = std::path::Path::new(&r.doc).file_name().map_or(r.doc.clone(), |f| f.to_string_lossy().into_owned());
        let at = format!("{doc}:{}-{}", q.start, q.end);
        let row = [
            // The address a reader opens, under the place in the file.
            match &r.url {
                Some(u) => format!("{at}\n{u}"),
                None => at,
            },
            q.text.clone(),
            value,
            q.unit.clone(),
            q.hedge.as_str().to_string(),
            if c.measure.is_empty() { c.metric.clone() } else { format!("{} ({})", c.metric, c.measure) },
            holder,
            c.as_of.map_or_else(|| "?".into(), |d| d.to_string()),
        ];
        t.add_row(row.iter().map(|cell| printable(cell).into_owned()).collect::<Vec<_>>());
    }
    writeln!(out, "{t}")?;
    writeln!(out, "{} claims", rows.len())
}
