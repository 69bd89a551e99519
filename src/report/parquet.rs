//! Parquet from typed rows: the same columns as `--format jsonl`, with real types (text as
//! UTF-8 strings, offsets as 64-bit integers, values, bounds and severity as doubles, dates as
//! dates), Snappy-compressed, so DuckDB, Polars, Spark and DataFusion read it directly.
//!
//! Written with the parquet crate's column writers, without its Arrow layer: the Arrow crates
//! added half again to a clean build's CPU time (see BENCHMARKS.md), and flat typed columns need
//! none of it.

use super::rows::{Cell, Kind, Rows};
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::io::Write;
use std::sync::Arc;

/// Rows per row group: bounds memory on large listings while keeping row groups big enough
/// for fast scans.
const ROW_GROUP: usize = 64 * 1024;

/// Days from 1970-01-01 to `d` (the Parquet/Arrow DATE representation).
pub fn epoch_days(d: jiff::civil::Date) -> i32 {
    // Days-from-civil on the proleptic Gregorian calendar (March-based years).
    let (y, m, day) = (i64::from(d.year()), i64::from(d.month()), i64::from(d.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

fn io(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The Parquet type of a column: every column is optional (null = unknown).
fn column_type(name: &str, kind: Kind) -> std::io::Result<Type> {
    let (physical, logical) = match kind {
        Kind::Str => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
        Kind::Int => (Physical::INT64, None),
        Kind::Float => (Physical::DOUBLE, None),
        Kind::Date => (Physical::INT32, Some(LogicalType::Date)),
        Kind::Spans => return Err(std::io::Error::other("byte-range lists have no Parquet column type")),
    };
    Type::primitive_type_builder(name, physical).with_repetition(Repetition::OPTIONAL).with_logical_type(logical).build().map_err(io)
}

/// One column of one row group: its non-null values and a definition level per row.
enum Column {
    Str(Vec<ByteArray>),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Date(Vec<i32>),
}

fn push(col: &mut Column, defs: &mut Vec<i16>, cell: &Cell<'_>) -> std::io::Result<()> {
    let present = match (col, cell) {
        (Column::Str(v), Cell::Str(s)) => s.as_deref().map(|s| v.push(ByteArray::from(s.as_bytes().to_vec()))).is_some(),
        (Column::Int(v), Cell::Int(n)) => n.map(|n| v.push(n)).is_some(),
        (Column::Float(v), Cell::Float(x)) => x.map(|x| v.push(x)).is_some(),
        (Column::Date(v), Cell::Date(d)) => d.map(|d| v.push(epoch_days(d))).is_some(),
        _ => return Err(std::io::Error::other("a cell does not match its column's type (a bug)")),
    };
    defs.push(i16::from(present));
    Ok(())
}

/// Write every row as one Parquet file.
pub fn write_parquet<W: Write + Send>(out: W, rows: &dyn Rows) -> std::io::Result<()> {
    let columns = rows.columns();
    let fields = columns.iter().map(|(n, k)| column_type(n, *k).map(Arc::new)).collect::<std::io::Result<Vec<_>>>()?;
    let schema = Arc::new(Type::group_type_builder("schema").with_fields(fields).build().map_err(io)?);
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(out, schema, props).map_err(io)?;
    let mut start = 0;
    while start < rows.len() {
        let end = (start + ROW_GROUP).min(rows.len());
        let mut cols: Vec<(Column, Vec<i16>)> = columns
            .iter()
            .map(|(_, k)| {
                let c = match k {
                    Kind::Int => Column::Int(Vec::new()),
                    Kind::Float => Column::Float(Vec::new()),
                    Kind::Date => Column::Date(Vec::new()),
                    Kind::Str | Kind::Spans => Column::Str(Vec::new()),
                };
                (c, Vec::with_capacity(end - start))
            })
            .collect();
        for i in start..end {
            for ((col, defs), cell) in cols.iter_mut().zip(rows.row(i)) {
                push(col, defs, &cell)?;
            }
        }
        let mut group = writer.next_row_group().map_err(io)?;
        for (col, defs) in &cols {
            let Some(mut w) = group.next_column().map_err(io)? else {
                return Err(std::io::Error::other("more columns than the schema has (a bug)"));
            };
            match col {
                Column::Str(v) => w.typed::<ByteArrayType>().write_batch(v, Some(defs), None),
                Column::Int(v) => w.typed::<Int64Type>().write_batch(v, Some(defs), None),
                Column::Float(v) => w.typed::<DoubleType>().write_batch(v, Some(defs), None),
                Column::Date(v) => w.typed::<Int32Type>().write_batch(v, Some(defs), None),
            }
            .map_err(io)?;
            w.close().map_err(io)?;
        }
        group.close().map_err(io)?;
        start = end;
    }
    writer.close().map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::epoch_days;

    #[test]
    fn dates_count_days_from_1970() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(epoch_days(d("1970-01-01")), 0);
        assert_eq!(epoch_days(d("1969-12-31")), -1);
        assert_eq!(epoch_days(d("2000-03-01")), 11_017);
        assert_eq!(epoch_days(d("2025-12-06")), 20_428);
    }
}
