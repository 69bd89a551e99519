//! Claims and discrepancy rows as Parquet: read back with the parquet crate, every column and
//! every row equals `--format jsonl`; and the README's DuckDB query runs over the files.
#![cfg(feature = "parquet")]

mod util;
use arrow_array::{Array, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;
use util::*;

fn read_parquet(path: &std::path::Path) -> Vec<RecordBatch> {
    let f = std::fs::File::open(path).expect("parquet file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(f).expect("parquet footer").build().expect("reader");
    reader.map(|b| b.expect("batch")).collect()
}

fn epoch_day(s: &str) -> i32 {
    let d: jiff::civil::Date = s.parse().expect("date");
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch.until((jiff::Unit::Day, d)).expect("span").get_days()
}

/// Every cell of the Parquet file equals the JSON line's value for the same column and row.
fn same_as_jsonl(what: &str, parquet: &std::path::Path, jsonl: &str, expect_types: &[(&str, DataType)]) {
    let rows: Vec<serde_json::Map<String, Value>> = jsonl.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert!(!rows.is_empty(), "{what}: no rows");
    let batches = read_parquet(parquet);
    let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(total, rows.len(), "{what}: row count");
    let schema = batches[0].schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let json_names: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    let (mut a, mut b) = (names.clone(), json_names.clone());
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "{what}: the same columns");
    for (name, ty) in expect_types {
        let field = schema.field_with_name(name).unwrap_or_else(|_| panic!("{what}: no column {name}"));
        assert_eq!(field.data_type(), ty, "{what}: {name}");
    }
    let mut base = 0;
    let mut checked = 0usize;
    for batch in &batches {
        for (c, field) in schema.fields().iter().enumerate() {
            let col = batch.column(c);
            for i in 0..batch.num_rows() {
                let want = &rows[base + i][field.name()];
                let ctx = || format!("{what}: row {} column {}", base + i, field.name());
                if col.is_null(i) {
                    assert!(want.is_null(), "{}: null in Parquet, {want} in JSON", ctx());
                    continue;
                }
                match field.data_type() {
                    DataType::Utf8 => {
                        let s = col.as_any().downcast_ref::<StringArray>().unwrap().value(i);
                        assert_eq!(want.as_str(), Some(s), "{}", ctx());
                    }
                    DataType::Int64 => {
                        let n = col.as_any().downcast_ref::<Int64Array>().unwrap().value(i);
                        assert_eq!(want.as_i64(), Some(n), "{}", ctx());
                    }
                    DataType::Float64 => {
                        let x = col.as_any().downcast_ref::<Float64Array>().unwrap().value(i);
                        assert_eq!(want.as_f64(), Some(x), "{}", ctx());
                    }
                    DataType::Date32 => {
                        let d = col.as_any().downcast_ref::<Date32Array>().unwrap().value(i);
                        assert_eq!(want.as_str().map(epoch_day), Some(d), "{}", ctx());
                    }
                    other => panic!("{}: unexpected type {other}", ctx()),
                }
                checked += 1;
            }
        }
        base += batch.num_rows();
    }
    assert!(checked > rows.len() * 10, "{what}: too few non-null cells compared ({checked})");
}

#[test]
fn claims_parquet_round_trips_against_jsonl() {
    let d = workdir();
    ingest(d.path());
    let file = d.path().join("claims.parquet");
    let mut c = cc(d.path());
    c.args(["claims", "--format", "parquet", "--output"]).arg(&file);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut c = cc(d.path());
    c.args(["claims", "--format", "jsonl"]);
    let (_, jsonl, _) = run(c);
    same_as_jsonl(
        "claims",
        &file,
        &jsonl,
        &[
            ("doc", DataType::Utf8),
            ("start", DataType::Int64),
            ("end", DataType::Int64),
            ("value", DataType::Float64),
            ("lo", DataType::Float64),
            ("hi", DataType::Float64),
            ("as_of", DataType::Date32),
            ("published", DataType::Date32),
            ("kind", DataType::Utf8),
            ("modality", DataType::Utf8),
            ("group_id", DataType::Utf8),
        ],
    );
}

#[test]
fn discrepancy_parquet_round_trips_against_jsonl() {
    let d = workdir();
    ingest(d.path());
    let file = d.path().join("pairs.parquet");
    let mut c = cc(d.path());
    c.args(["discrepancies", "--all", "--format", "parquet", "--output"]).arg(&file);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut c = cc(d.path());
    c.args(["discrepancies", "--all", "--format", "jsonl"]);
    let (_, jsonl, _) = run(c);
    same_as_jsonl(
        "discrepancies",
        &file,
        &jsonl,
        &[("severity", DataType::Float64), ("a_start", DataType::Int64), ("b_value", DataType::Float64), ("a_as_of", DataType::Date32), ("verdict", DataType::Utf8)],
    );
}

/// The SQL the README shows, run by DuckDB over files this binary wrote. Skipped (with the
/// reason printed) where the duckdb Python package is not installed.
#[test]
fn readme_duckdb_query_runs() {
    let probe = std::process::Command::new("python3").args(["-c", "import duckdb"]).output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: the duckdb Python package is not installed (pip install duckdb)");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("scripts/duckdb_example.py");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let sql = std::fs::read_to_string(root.join("scripts/conflicting_outlets.sql")).expect("sql");
    for line in sql.lines().filter(|l| !l.trim().is_empty()) {
        assert!(readme.contains(line), "README shows the query as the script runs it; missing: {line}");
    }
    // Casualty figures from three outlets on the same day: two agree, one does not.
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for (i, (outlet, figure)) in [("Wire One", "about 300"), ("Wire Two", "roughly 310"), ("Wire Three", "more than 2,000")].iter().enumerate() {
        std::fs::write(
            corpus.join(format!("a{i}.md")),
            format!("---\ntitle: Shelling\nsource: {outlet}\npublished: 2022-03-10\n---\n\nOfficials said {figure} civilians were killed in Mariupol since the siege began.\n"),
        )
        .unwrap();
    }
    ingest(d.path());
    let claims = d.path().join("claims.parquet");
    let pairs = d.path().join("discrepancies.parquet");
    let mut c = cc(d.path());
    c.args(["claims", "--format", "parquet", "--output"]).arg(&claims);
    assert_eq!(run(c).0, 0);
    let mut c = cc(d.path());
    c.args(["discrepancies", "--all", "--format", "parquet", "--output"]).arg(&pairs);
    assert_eq!(run(c).0, 0);
    let mut c = cc(d.path());
    c.args(["discrepancies", "--format", "jsonl"]);
    let (_, jsonl, _) = run(c);
    // The expected answer, counted from the JSON lines.
    let mut want = std::collections::BTreeMap::<String, i64>::new();
    for l in jsonl.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["verdict"] == "conflict" && v["metric"] == "casualties" {
            for side in ["a_source", "b_source"] {
                *want.entry(v[side].as_str().unwrap_or("?").to_string()).or_default() += 1;
            }
        }
    }
    assert!(!want.is_empty(), "the test corpus has casualty conflicts: {jsonl}");
    let o = std::process::Command::new("python3").arg(&script).arg(d.path()).output().expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: std::collections::BTreeMap<String, i64> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let n: i64 = cols.get(1)?.parse().ok()?;
            let pct: f64 = cols.get(2)?.parse().ok()?;
            assert!((0.0..=100.0).contains(&pct), "{l}");
            (n > 0).then(|| (cols[0].to_string(), n))
        })
        .collect();
    assert_eq!(got, want);
}
