//! Recall on real news (issue 11): 46 pairs of claims from the 2022 coverage, read and judged
//! by hand and kept with the audit's judgements (tests/realnews/judged.jsonl, the lines with
//! `"found_by": "search"`: refugee counts, death tolls and their claimants,
//! troop build-ups, missiles fired, front lines, office holders spelled two ways), each with
//! the verdict a careful fact-checker gives it. The articles they come from are real records
//! of ../shared/realnews/ukraine-2022-h1.jsonl, copied unchanged into
//! tests/realnews/pairs-corpus.jsonl. The tool must give every pair its verdict: silence on a
//! true pair is a recall loss this test catches.

mod util;

use std::collections::HashMap;
use std::path::Path;

fn here(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn judged_true_pairs_from_real_news_get_their_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ingest = util::cc(dir.path());
    ingest.arg("ingest").arg(here("tests/realnews/pairs-corpus.jsonl"));
    let (code, _, err) = util::run(ingest);
    assert_eq!(code, 0, "{err}");
    let out = util::cc(dir.path()).args(["discrepancies", "--all", "--format", "jsonl"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // (url, text) of each side -> verdict, in both orders.
    let mut got: HashMap<(String, String, String, String), String> = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("json");
        let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
        let v = s("verdict");
        got.insert((s("a_url"), s("a_text"), s("b_url"), s("b_text")), v.clone());
        got.insert((s("b_url"), s("b_text"), s("a_url"), s("a_text")), v);
    }
    let judged = std::fs::read_to_string(here("tests/realnews/judged.jsonl")).expect("judgements");
    let (mut total, mut flagged, mut wrong) = (0, 0, Vec::new());
    for line in judged.lines().filter(|l| !l.trim().is_empty()) {
        let p: serde_json::Value = serde_json::from_str(line).expect("json");
        if p["found_by"] != "search" {
            continue;
        }
        let side = |s: &str, k: &str| p[s][k].as_str().unwrap_or_default().to_string();
        let key = (side("a_claim", "url"), side("a_claim", "text"), side("b_claim", "url"), side("b_claim", "text"));
        let expect = p["truth"].as_str().unwrap_or_default();
        total += 1;
        flagged += usize::from(expect != "agree");
        match got.get(&key) {
            Some(v) if v == expect => {}
            other => wrong.push(format!("expected {expect}, got {other:?}: {:?} vs {:?}", key.1, key.3)),
        }
    }
    assert!(total >= 40 && flagged >= 10, "{total} pairs, {flagged} conflicts or updates");
    assert!(wrong.is_empty(), "{} of {total} pairs without their verdict:\n{}", wrong.len(), wrong.join("\n"));
}
