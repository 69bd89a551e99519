//! Claims and discrepancy rows as Parquet: read back with the parquet crate, every column and
//! every row equals `--format jsonl`; and the README's DuckDB query runs over the files.
#![cfg(feature = "parquet")]

mod util;
use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::Value;
use util::*;

/// A column's type as the file declares it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Utf8,
    Int64,
    Float64,
    Date32,
}

fn epoch_day(s: &str) -> i32 {
    let d: jiff::civil::Date = s.parse().expect("date");
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch.until((jiff::Unit::Day, d)).expect("span").get_days()
}

/// Every cell of the Parquet file equals the JSON line's value for the same column and row.
fn same_as_jsonl(what: &str, parquet: &std::path::Path, jsonl: &str, expect_types: &[(&str, Ty)]) {
    let rows: Vec<serde_json::Map<String, Value>> = jsonl.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert!(!rows.is_empty(), "{what}: no rows");
    let reader = SerializedFileReader::new(std::fs::File::open(parquet).expect("parquet file")).expect("parquet footer");
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let columns: Vec<(String, Ty)> = schema
        .columns()
        .iter()
        .map(|c| {
            let ty = match (c.physical_type(), c.logical_type_ref()) {
                (Physical::BYTE_ARRAY, Some(LogicalType::String)) => Ty::Utf8,
                (Physical::INT64, None) => Ty::Int64,
                (Physical::DOUBLE, None) => Ty::Float64,
                (Physical::INT32, Some(LogicalType::Date)) => Ty::Date32,
                other => panic!("{what}: column {} has type {other:?}", c.name()),
            };
            (c.name().to_string(), ty)
        })
        .collect();
    let mut names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    // (serde_json's map sorts keys, so the order is compared in the JSON test, not here.)
    let json_names: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    assert_eq!(names, json_names, "{what}: the same columns");
    for (name, ty) in expect_types {
        let got = columns.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{what}: no column {name}"));
        assert_eq!(got.1, *ty, "{what}: {name}");
    }
    let mut n = 0;
    let mut checked = 0usize;
    for (i, row) in reader.into_iter().enumerate() {
        let row = row.expect("row");
        let want_row = rows.get(i).unwrap_or_else(|| panic!("{what}: more rows in Parquet than JSON"));
        for (name, field) in row.get_column_iter() {
            let want = &want_row[name.as_str()];
            let ctx = format!("{what}: row {i} column {name}");
            match field {
                Field::Null => {
                    assert!(want.is_null(), "{ctx}: null in Parquet, {want} in JSON");
                    continue;
                }
                Field::Str(s) => assert_eq!(want.as_str(), Some(s.as_str()), "{ctx}"),
                Field::Long(x) => assert_eq!(want.as_i64(), Some(*x), "{ctx}"),
                Field::Double(x) => assert_eq!(want.as_f64(), Some(*x), "{ctx}"),
                Field::Date(d) => assert_eq!(want.as_str().map(epoch_day), Some(*d), "{ctx}"),
                other => panic!("{ctx}: unexpected value {other:?}"),
            }
            checked += 1;
        }
        n += 1;
    }
    assert_eq!(n, rows.len(), "{what}: row count");
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
            ("doc", Ty::Utf8),
            ("start", Ty::Int64),
            ("end", Ty::Int64),
            ("value", Ty::Float64),
            ("lo", Ty::Float64),
            ("hi", Ty::Float64),
            ("as_of", Ty::Date32),
            ("published", Ty::Date32),
            ("kind", Ty::Utf8),
            ("modality", Ty::Utf8),
            ("group_id", Ty::Utf8),
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
        &[("severity", Ty::Float64), ("a_start", Ty::Int64), ("b_value", Ty::Float64), ("a_as_of", Ty::Date32), ("verdict", Ty::Utf8)],
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
            format!("---\ntitle: Shelling\nsource: {outlet}\npublished: 2022-03-10\n---\n\nOfficials said {figure} civilians have been killed in Mariupol since the siege began.\n"),
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
