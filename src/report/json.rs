//! JSON Lines: the one writer every command's `--format jsonl` goes through. Each row is one
//! object with the listing's column names as keys; numbers are JSON numbers, unknown values
//! are `null`, dates are "YYYY-MM-DD" strings.

use super::rows::{Cell, Rows};
use std::io::Write;

/// A cell as a JSON value.
pub fn value(cell: &Cell<'_>) -> serde_json::Value {
    use serde_json::Value;
    match cell {
        Cell::Str(s) => s.as_deref().map_or(Value::Null, |s| Value::String(s.to_string())),
        Cell::Int(n) => n.map_or(Value::Null, Value::from),
        // Non-finite numbers have no JSON form: null.
        Cell::Float(x) => x.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
        Cell::Date(d) => d.map_or(Value::Null, |d| Value::String(d.to_string())),
        Cell::Spans(spans) => Value::Array(spans.iter().map(|&(a, b)| Value::Array(vec![a.into(), b.into()])).collect()),
    }
}

/// One row as a JSON object, keys in column order (a `serde_json::Map` would sort them).
struct Object<'r, 'c> {
    names: &'r [&'r str],
    cells: &'r [Cell<'c>],
}

impl serde::Serialize for Object<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.names.len()))?;
        for (name, cell) in self.names.iter().zip(self.cells) {
            m.serialize_entry(name, &value(cell))?;
        }
        m.end()
    }
}

/// One object on one line from names and cells (for rows streamed one at a time).
pub fn write_object<W: Write>(mut out: W, names: &[&str], cells: &[Cell<'_>]) -> std::io::Result<()> {
    serde_json::to_writer(&mut out, &Object { names, cells })?;
    out.write_all(b"\n")
}

/// Every row, one object a line, keys in column order.
pub fn write_lines<W: Write>(mut out: W, rows: &dyn Rows) -> std::io::Result<()> {
    let columns = rows.columns();
    let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    for i in 0..rows.len() {
        write_object(&mut out, &names, &rows.row(i))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn cells_keep_their_types() {
        assert_eq!(value(&Cell::Int(Some(12))), serde_json::json!(12));
        assert_eq!(value(&Cell::Float(Some(19.5))), serde_json::json!(19.5));
        assert_eq!(value(&Cell::Float(None)), serde_json::Value::Null);
        assert_eq!(value(&Cell::Float(Some(f64::INFINITY))), serde_json::Value::Null);
        assert_eq!(value(&Cell::Str(None)), serde_json::Value::Null);
        assert_eq!(value(&Cell::Str(Some(Cow::Borrowed("")))), serde_json::json!(""));
        let d: jiff::civil::Date = "2025-12-06".parse().unwrap();
        assert_eq!(value(&Cell::Date(Some(d))), serde_json::json!("2025-12-06"));
        assert_eq!(value(&Cell::Spans(&[(1, 4)])), serde_json::json!([[1, 4]]));
    }

    #[test]
    fn keys_keep_column_order() {
        let mut out = Vec::new();
        write_object(&mut out, &["z", "a"], &[Cell::Int(Some(1)), Cell::Str(None)]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"z\":1,\"a\":null}\n");
    }
}
