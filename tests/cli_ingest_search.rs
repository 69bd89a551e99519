//! ingest, search, claims and extract on the real seed corpus, through the real binary.

mod util;
use std::collections::HashSet;
use util::*;

#[test]
fn ingest_twice_adds_nothing_the_second_time() {
    let d = workdir();
    let first = ingest(d.path());
    assert!(first.contains("5 added"), "{first}");
    let second = ingest(d.path());
    assert!(second.contains("0 added, 0 updated, 5 unchanged"), "{second}");
}

#[test]
fn a_changed_file_replaces_its_old_version() {
    let d = workdir();
    ingest(d.path());
    let f = d.path().join("corpus/004_5597e02c02573cef.txt");
    let text = std::fs::read_to_string(&f).unwrap().replace("nearly 19%", "nearly 21%");
    std::fs::write(&f, text).unwrap();
    let out = ingest(d.path());
    assert!(out.contains("0 added, 1 updated, 4 unchanged"), "{out}");
    let mut c = cc(d.path());
    c.args(["claims", "--metric", "territory_share", "--format", "csv"]);
    let (_, stdout, _) = run(c);
    assert!(stdout.contains("nearly 21%") && !stdout.contains("nearly 19%"), "{stdout}");
}

#[test]
fn search_territory_hits_three_articles_with_highlights() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.args(["search", "territory", "--format", "json"]);
    let (code, out, _) = run(c);
    assert_eq!(code, 0);
    let hits: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let docs: HashSet<&str> = hits.iter().filter_map(|h| h["doc"].as_str()).collect();
    assert!(docs.len() >= 3, "{docs:?}");
    assert!(hits.iter().all(|h| h["snippet_marked"].as_str().is_some_and(|s| s.contains("**"))));
    // Metadata from corpus/sources.csv.
    assert!(hits.iter().any(|h| h["source"] == "Defence Talks" && h["published"] == "2025-12-06"));
}

#[test]
fn search_filters_and_empty_results() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.args(["search", "territory", "--source", "defence talks", "--format", "csv"]);
    let (_, out, _) = run(c);
    assert_eq!(out.lines().count(), 2, "header + one hit: {out}");
    let mut c = cc(d.path());
    c.args(["search", "territory", "--since", "2025-12-01", "--format", "json"]);
    let (_, out, _) = run(c);
    assert_eq!(out.lines().count(), 1, "{out}");
    let mut c = cc(d.path());
    c.args(["search", "zzzqqq"]);
    let (code, out, err) = run(c);
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.contains("no matches"), "{err}");
    let mut c = cc(d.path());
    c.args(["search", "AND ("]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("invalid query"), "{err}");
}

#[test]
fn claims_lists_exactly_the_three_territory_claims() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.args(["claims", "--metric", "territory_share", "--format", "jsonl"]);
    let (_, out, _) = run(c);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    let hs: HashSet<(String, String)> = rows.iter().map(|r| (r["holder"].as_str().unwrap_or("").to_string(), r["scope"].as_str().unwrap_or("").to_string())).collect();
    assert!(hs.contains(&("Russia".into(), "Ukraine".into())));
    assert!(hs.contains(&("Ukraine".into(), "Donetsk".into())));
}

#[test]
fn extract_spans_are_file_byte_offsets() {
    let d = workdir();
    let f = d.path().join("corpus/003_a78ba7fd6dd591c6.txt");
    let bytes = std::fs::read(&f).unwrap();
    let mut c = cc(d.path());
    c.arg("extract").arg("--format").arg("jsonl").arg(&f);
    let (code, out, _) = run(c);
    assert_eq!(code, 0);
    let mut n = 0;
    for l in out.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&bytes[s..e]).unwrap(), v["text"].as_str().unwrap());
        n += 1;
    }
    assert!(n > 10);
}

#[test]
fn help_shows_examples() {
    for sub in ["ingest", "search", "extract", "claims", "discrepancies", "check"] {
        let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
        c.args([sub, "--help"]);
        let (code, out, _) = run(c);
        assert_eq!(code, 0);
        assert!(out.contains("Example"), "{sub} --help has no example");
    }
}

/// The README's first command on a fresh clone: `crosscheck ingest` with the default index
/// folder, which the repository ships holding only `.gitkeep`.
#[test]
fn the_default_index_folder_of_a_fresh_clone_takes_the_index() {
    let d = workdir();
    std::fs::create_dir_all(d.path().join("index")).unwrap();
    std::fs::write(d.path().join("index/.gitkeep"), "").unwrap();
    let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(d.path()).env_remove("CROSSCHECK_INDEX").arg("ingest");
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("5 added"), "{err}");
    let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(d.path()).env_remove("CROSSCHECK_INDEX").args(["search", "territory", "--format", "json"]);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().count() >= 2, "{out}");
    assert!(d.path().join("index/.gitkeep").exists(), "the placeholder stays");
}
