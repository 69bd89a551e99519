//! discrepancies and check against the seed index, with articles written for these tests.

mod util;
use util::*;

#[test]
fn discrepancies_csv_has_the_contract_columns_and_no_formula_cells() {
    let d = workdir();
    ingest(d.path());
    let out = d.path().join("d.csv");
    let mut c = cc(d.path());
    c.args(["discrepancies", "--all", "--output"]).arg(&out);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    for col in ["verdict", "severity", "explanation", "group_id", "metric", "holder"] {
        assert!(header.contains(&col.to_string()), "{col}");
    }
    for side in ["a_", "b_"] {
        for col in ["doc", "start", "end", "text", "value", "unit", "source", "published", "sentence"] {
            assert!(header.contains(&format!("{side}{col}")), "{side}{col}");
        }
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(rows.iter().any(|r| &r[1] == "update"));
    assert!(rows.iter().any(|r| &r[1] == "agree"));
    for r in &rows {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
        }
    }
    // Without --all: only conflict and update rows.
    let mut c = cc(d.path());
    c.arg("discrepancies");
    let (_, stdout, _) = run(c);
    let mut rdr = csv::Reader::from_reader(stdout.as_bytes());
    assert!(rdr.records().all(|r| matches!(&r.unwrap()[1], "conflict" | "update")));
}

fn check_text(d: &std::path::Path, text: &str, extra: &[&str]) -> (i32, Vec<csv::StringRecord>, String) {
    let f = d.join("new.txt");
    std::fs::write(&f, text).unwrap();
    let mut c = cc(d);
    c.arg("check").arg(&f).args(["--format", "csv"]).args(extra);
    let (code, out, err) = run(c);
    let rows = csv::Reader::from_reader(out.as_bytes()).records().map(|r| r.unwrap()).collect();
    (code, rows, err)
}

#[test]
fn a_quarter_of_ukraine_conflicts_with_the_same_day_territory_source() {
    let d = workdir();
    ingest(d.path());
    let text = "Analysts say Russia now occupies about 25 percent of Ukraine after the autumn offensive.\n";
    // Dated the day of the seed that says "nearly 19%": the front line moves, so territory
    // figures conflict only on the same day.
    let (code, rows, err) = check_text(d.path(), text, &["--published", "2025-12-06"]);
    assert_eq!(code, 1, "a conflict exits 1: {err}");
    let conflicts: Vec<_> = rows.iter().filter(|r| &r[1] == "conflict").collect();
    assert_eq!(conflicts.len(), 1, "{rows:?}");
    assert!(conflicts[0][21].contains("004_") && &conflicts[0][24] == "nearly 19%", "{rows:?}");
    // The seed that says "approximately one-fifth" has no date: with an unknown date only
    // agreement can be told, so it is not flagged.
    assert!(rows.iter().all(|r| !r[21].contains("001_")), "{rows:?}");
    // Undated, the new article conflicts with nothing, and the table says why.
    let (code, rows, err) = check_text(d.path(), text, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(rows.iter().all(|r| &r[1] != "conflict"), "{rows:?}");
    let mut c = cc(d.path());
    c.arg("check").arg(d.path().join("new.txt")).args(["--format", "table"]);
    let (_, out, _) = run(c);
    assert!(out.contains("no date") && out.contains("--published"), "{out}");
    // A week later it is an update, not a conflict.
    let (code, rows, err) = check_text(d.path(), text, &["--published", "2025-12-13"]);
    assert_eq!(code, 0, "{err}");
    assert!(rows.iter().any(|r| &r[1] == "update" && r[21].contains("004_")), "{rows:?}");
}

#[test]
fn half_of_the_profits_agrees_and_is_revised_later() {
    let d = workdir();
    ingest(d.path());
    let (code, rows, err) = check_text(d.path(), "The deal gives Washington half of the profits from rebuilding.\n", &["--published", "2025-11-30"]);
    assert_eq!(code, 0, "{err}");
    let b_doc = |r: &csv::StringRecord| r.get(21).unwrap_or("").to_string();
    assert!(rows.iter().any(|r| &r[1] == "agree" && b_doc(r).contains("000_")), "{rows:?}");
    assert!(rows.iter().any(|r| &r[1] == "update" && b_doc(r).contains("004_") && &r[24] == "30%"), "{rows:?}");
    // The same share as a proposal is never compared.
    let (_, rows, _) = check_text(d.path(), "Under the draft, Washington would take half of the profits from rebuilding.\n", &["--published", "2025-11-30"]);
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn check_leaves_the_index_alone_unless_add() {
    let d = workdir();
    ingest(d.path());
    let count = |d: &std::path::Path| {
        let mut c = cc(d);
        c.args(["search", "Brussels OR Washington OR Kremlin", "--limit", "100", "--format", "json"]);
        run(c).1.lines().count()
    };
    let before = count(d.path());
    check_text(d.path(), "In Brussels, Washington and the Kremlin officials met for two days.\n", &[]);
    assert_eq!(count(d.path()), before);
    check_text(d.path(), "In Brussels, Washington and the Kremlin officials met for two days.\n", &["--add"]);
    assert_eq!(count(d.path()), before + 1);
}

#[test]
fn check_reads_standard_input() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.args(["check", "-", "--format", "json"]).write_stdin("Moscow controls approximately 19 percent of Ukrainian territory.\n");
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.contains("\"verdict\":\"agree\"")), "{out}");
}
