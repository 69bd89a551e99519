//! CSV from typed rows: header of column names, numbers written plainly, unknowns empty, text
//! cells made safe for spreadsheets.

use super::rows::{Cell, Rows};
use super::{num, sheet_safe};
use std::io::Write;

/// A cell as CSV text.
pub fn text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Str(s) => sheet_safe(s.as_deref().unwrap_or("")).into_owned(),
        Cell::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Cell::Float(x) => num(*x),
        Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        Cell::Spans(spans) => spans.iter().map(|(a, b)| format!("{a}-{b}")).collect::<Vec<_>>().join(" "),
    }
}

pub fn write_csv<W: Write>(out: W, rows: &dyn Rows) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(rows.columns().iter().map(|(n, _)| n.as_str()))?;
    for i in 0..rows.len() {
        w.write_record(rows.row(i).iter().map(text))?;
    }
    w.flush()
}
