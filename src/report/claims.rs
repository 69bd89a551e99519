//! Claim listings (`extract`, `claims`): JSON Lines, CSV and a terminal table.

use super::{num, printable, sheet_safe};
use crate::index::ClaimRecord;
use std::io::Write;

/// CSV / JSONL columns of a claim listing, in order. The first 13 are the extract contract;
/// later columns are only ever added at the end.
pub const CLAIM_COLUMNS: &[&str] = &[
    "doc", "start", "end", "text", "value", "lo", "hi", "unit", "hedge", "direction", "metric", "holder",
    "sentence", "measure", "scope", "person", "as_of", "time_basis", "change_role", "source", "published",
    "url", "outlets", "kind", "per", "modality", "holder_basis", "missing", "group_id",
];

fn json_row(r: &ClaimRecord) -> serde_json::Value {
    let c = &r.claim;
    let q = &c.quantity;
    serde_json::json!({
        "doc": r.doc, "start": q.start, "end": q.end, "text": q.text,
        "value": q.value, "lo": q.lo, "hi": q.hi, "unit": q.unit, "hedge": q.hedge,
        "direction": q.direction, "metric": c.metric, "holder": c.holder, "sentence": c.sentence,
        "measure": c.measure, "scope": c.scope, "person": c.person,
        "as_of": c.as_of.map(|d| d.to_string()), "time_basis": c.time_basis,
        "change_role": q.change_role, "source": r.source,
        "published": r.published.map(|d| d.to_string()), "url": r.url,
        "kind": c.kind, "per": c.per, "modality": c.modality, "holder_basis": c.holder_basis,
        "missing": c.missing.join(", "),
        "group_id": c.group_key().map(|k| crate::compare::group_id(&k)),
        "outlets": r.outlets.iter().map(|o| serde_json::json!({
            "source": o.source, "published": o.published.map(|d| d.to_string()), "doc": o.doc,
        })).collect::<Vec<_>>(),
    })
}

pub fn write_claims_jsonl<W: Write>(mut out: W, rows: &[ClaimRecord]) -> std::io::Result<()> {
    for r in rows {
        writeln!(out, "{}", json_row(r))?;
    }
    out.flush()
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn write_claims_csv<W: Write>(out: W, rows: &[ClaimRecord]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CLAIM_COLUMNS)?;
    for r in rows {
        let j = json_row(r);
        let cells: Vec<String> = CLAIM_COLUMNS
            .iter()
            .map(|c| match *c {
                "value" | "lo" | "hi" => num(j[*c].as_f64()),
                "outlets" => sheet_safe(&r.outlets_cell()).into_owned(),
                _ => sheet_safe(&plain(&j[*c])).into_owned(),
            })
            .collect();
        w.write_record(&cells)?;
    }
    w.flush()
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
