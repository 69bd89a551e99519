//! Parquet from typed rows: the same columns as `--format jsonl`, with real types (text as
//! UTF-8 strings, offsets as 64-bit integers, values, bounds and severity as doubles, dates as
//! dates), Snappy-compressed, so DuckDB, Polars, Spark and DataFusion read it directly.

use super::rows::{Cell, Kind, Rows};
use arrow_array::builder::{ArrayBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per record batch (and so at most per row group page run): bounds memory on large
/// listings while keeping row groups big enough for fast scans.
const BATCH: usize = 64 * 1024;

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

fn arrow_type(kind: Kind) -> std::io::Result<DataType> {
    Ok(match kind {
        Kind::Str => DataType::Utf8,
        Kind::Int => DataType::Int64,
        Kind::Float => DataType::Float64,
        Kind::Date => DataType::Date32,
        Kind::Spans => return Err(std::io::Error::other("byte-range lists have no Parquet column type")),
    })
}

fn builder(kind: Kind, rows: usize) -> Box<dyn ArrayBuilder> {
    match kind {
        Kind::Str | Kind::Spans => Box::new(StringBuilder::with_capacity(rows, rows * 16)),
        Kind::Int => Box::new(Int64Builder::with_capacity(rows)),
        Kind::Float => Box::new(Float64Builder::with_capacity(rows)),
        Kind::Date => Box::new(Date32Builder::with_capacity(rows)),
    }
}

/// Append one cell to its column's builder (the builder matches the column's kind).
fn append(b: &mut dyn ArrayBuilder, cell: &Cell<'_>) -> std::io::Result<()> {
    let wrong = || std::io::Error::other("a cell does not match its column's type (a bug)");
    let any = b.as_any_mut();
    match cell {
        Cell::Str(s) => any.downcast_mut::<StringBuilder>().ok_or_else(wrong)?.append_option(s.as_deref()),
        Cell::Int(n) => any.downcast_mut::<Int64Builder>().ok_or_else(wrong)?.append_option(*n),
        Cell::Float(x) => any.downcast_mut::<Float64Builder>().ok_or_else(wrong)?.append_option(*x),
        Cell::Date(d) => any.downcast_mut::<Date32Builder>().ok_or_else(wrong)?.append_option(d.map(epoch_days)),
        Cell::Spans(_) => return Err(wrong()),
    }
    Ok(())
}

fn io(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Write every row as one Parquet file.
pub fn write_parquet<W: Write + Send>(out: W, rows: &dyn Rows) -> std::io::Result<()> {
    let columns = rows.columns();
    let fields = columns.iter().map(|(n, k)| Ok(Field::new(n, arrow_type(*k)?, true))).collect::<std::io::Result<Vec<_>>>()?;
    let schema = Arc::new(Schema::new(fields));
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(props)).map_err(io)?;
    let mut start = 0;
    while start < rows.len() || (start == 0 && rows.is_empty()) {
        let end = (start + BATCH).min(rows.len());
        let mut builders: Vec<Box<dyn ArrayBuilder>> = columns.iter().map(|(_, k)| builder(*k, end - start)).collect();
        for i in start..end {
            for (b, cell) in builders.iter_mut().zip(rows.row(i)) {
                append(b.as_mut(), &cell)?;
            }
        }
        let arrays: Vec<ArrayRef> = builders.iter_mut().map(|b| b.finish()).collect();
        let batch = RecordBatch::try_new(Arc::clone(&schema), arrays).map_err(io)?;
        writer.write(&batch).map_err(io)?;
        if end == rows.len() {
            break;
        }
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
