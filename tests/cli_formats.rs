//! One output vocabulary across commands: typed JSON Lines, Parquet that round-trips, article
//! export for a search cluster, completions and man pages, and the command-line habits
//! (CROSSCHECK_INDEX, --quiet, --verbose, --color, lexicon spellings in filters, query hints).

mod util;
use serde_json::Value;
use std::collections::BTreeMap;
use util::*;

fn lines(out: &str) -> Vec<serde_json::Map<String, Value>> {
    out.lines()
        .map(|l| match serde_json::from_str::<Value>(l) {
            Ok(Value::Object(m)) => m,
            other => panic!("not a JSON object: {l}: {other:?}"),
        })
        .collect()
}

fn stdout_of(d: &std::path::Path, args: &[&str]) -> String {
    let mut c = cc(d);
    c.args(args);
    let (code, out, err) = run(c);
    assert!(code == 0 || code == 1, "{args:?} exit {code}: {err}");
    out
}

fn is_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok())
}

/// What every key of a command's JSON lines must hold. `int`: a whole JSON number; `num`: a
/// JSON number; `date`: "YYYY-MM-DD"; anything else a string. Each may be null only if listed
/// in `nullable` (by suffix, so `a_value` and `value` share a rule).
fn check_types(what: &str, rows: &[serde_json::Map<String, Value>], ints: &[&str], nums: &[&str], dates: &[&str]) {
    assert!(!rows.is_empty(), "{what}: no rows");
    let rule = |k: &str| -> &str {
        let base = k.strip_prefix("a_").or_else(|| k.strip_prefix("b_")).unwrap_or(k);
        if ints.contains(&base) {
            "int"
        } else if nums.contains(&base) {
            "num"
        } else if dates.contains(&base) {
            "date"
        } else {
            "str"
        }
    };
    let mut seen_number: BTreeMap<String, bool> = BTreeMap::new();
    for r in rows {
        for (k, v) in r {
            if v.is_null() {
                continue;
            }
            let ok = match rule(k) {
                "int" => v.is_u64() || v.is_i64(),
                "num" => v.is_number(),
                "date" => is_date(v),
                _ => v.is_string() || (k == "highlights" && v.is_array()),
            };
            assert!(ok, "{what}: {k} = {v} is not a {}", rule(k));
            if matches!(rule(k), "int" | "num") {
                seen_number.insert(k.clone(), true);
            }
        }
    }
    for k in ints.iter().chain(nums) {
        if rows[0].contains_key(*k) {
            assert!(seen_number.contains_key(*k), "{what}: {k} was never a number");
        }
    }
}

const INTS: &[&str] = &["start", "end", "sentence_start", "sentence_end", "rank"];
const NUMS: &[&str] = &["value", "lo", "hi", "severity", "score"];
const DATES: &[&str] = &["as_of", "published", "period_start"];

#[test]
fn every_commands_json_lines_are_typed() {
    let d = workdir();
    ingest(d.path());
    let search = lines(&stdout_of(d.path(), &["search", "territory", "--format", "json"]));
    check_types("search", &search, INTS, NUMS, DATES);
    assert!(search.iter().all(|h| h["highlights"].as_array().is_some_and(|a| a.iter().all(|p| p[0].is_u64() && p[1].is_u64()))));

    let extract = lines(&stdout_of(d.path(), &["extract", "--format", "jsonl", "corpus/004_5597e02c02573cef.txt"]));
    check_types("extract", &extract, INTS, NUMS, DATES);
    for key in ["doc", "start", "end", "text", "value", "lo", "hi", "unit", "hedge", "direction", "metric", "holder", "sentence"] {
        assert!(extract[0].contains_key(key), "extract lost the contract field {key}");
    }
    assert!(extract.iter().any(|r| r["value"].is_f64() || r["value"].is_u64()));

    let claims = lines(&stdout_of(d.path(), &["claims", "--format", "json"]));
    check_types("claims", &claims, INTS, NUMS, DATES);
    assert!(claims.iter().any(|r| r["as_of"].is_string()) && claims.iter().any(|r| r["person"].is_null()));
    assert!(claims.iter().all(|r| r["kind"].is_string() && r["modality"].is_string()));

    let pairs = lines(&stdout_of(d.path(), &["discrepancies", "--all", "--format", "jsonl"]));
    check_types("discrepancies", &pairs, INTS, NUMS, DATES);
    assert!(pairs.iter().all(|p| p["severity"].is_number() && p["a_start"].is_u64()));
    // An unknown source is null, not "".
    assert!(pairs.iter().any(|p| p["a_source"].is_null() || p["b_source"].is_null()), "seed corpus has an article without a source");

    let mut c = cc(d.path());
    c.args(["check", "-", "--format", "json"]).write_stdin("Moscow controls approximately 19 percent of Ukrainian territory.\n");
    let (_, out, err) = run(c);
    check_types("check", &lines(&out), INTS, NUMS, DATES);
    assert!(!err.is_empty());
}

#[test]
fn json_and_jsonl_are_one_format_everywhere() {
    let d = workdir();
    ingest(d.path());
    for args in [vec!["search", "territory"], vec!["claims"], vec!["discrepancies", "--all"]] {
        let mut j = args.clone();
        j.extend(["--format", "json"]);
        let mut jl = args.clone();
        jl.extend(["--format", "jsonl"]);
        assert_eq!(stdout_of(d.path(), &j), stdout_of(d.path(), &jl), "{args:?}");
    }
}

#[test]
fn discrepancies_csv_keeps_its_contract_columns_first() {
    let d = workdir();
    ingest(d.path());
    let out = stdout_of(d.path(), &["discrepancies", "--all"]);
    let header = out.lines().next().unwrap_or_default();
    assert!(header.starts_with("group_id,verdict,severity,metric,measure,holder,scope,explanation,a_doc,a_start,a_end,a_text,a_value,a_lo,a_hi,a_unit,a_hedge,a_source,a_published,a_as_of,a_sentence,b_doc"), "{header}");
    // JSON lines carry the same values as the CSV, typed.
    let json = lines(&stdout_of(d.path(), &["discrepancies", "--all", "--format", "jsonl"]));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let names: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for (row, j) in r.records().map(Result::unwrap).zip(&json) {
        for (k, cell) in names.iter().zip(row.iter()) {
            let v = &j[k];
            match v {
                Value::Null => assert_eq!(cell, "", "{k}"),
                Value::Number(n) if k == "severity" => assert!((n.as_f64().unwrap() - cell.parse::<f64>().unwrap()).abs() < 1e-4, "{k}"),
                Value::Number(n) => assert_eq!(n.as_f64().unwrap(), cell.parse::<f64>().unwrap(), "{k}"),
                Value::String(s) => assert!(cell == s || cell == format!("'{s}"), "{k}: {cell} vs {s}"),
                other => panic!("{k}: {other}"),
            }
        }
    }
}

#[test]
fn completions_and_man_pages_generate() {
    let d = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(d.path(), &["completions", shell]);
        assert!(out.contains("discrepancies") && out.contains("parquet") && out.contains("holder"), "{shell}: {}", &out[..out.len().min(300)]);
    }
    let man = stdout_of(d.path(), &["man"]);
    assert!(man.contains(".TH crosscheck") && man.contains("CROSSCHECK_INDEX"), "{}", &man[..man.len().min(300)]);
    let dir = d.path().join("man1");
    stdout_of(d.path(), &["man", "--dir", dir.to_str().unwrap()]);
    for page in ["crosscheck.1", "crosscheck-ingest.1", "crosscheck-claims.1", "crosscheck-export.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{page}");
    }
    let mut c = cc(d.path());
    c.args(["completions", "tcsh"]);
    assert_eq!(run(c).0, 2, "unknown shell is a usage error");
}

#[test]
fn export_articles_for_quickwit_and_bulk_apis() {
    let d = workdir();
    ingest(d.path());
    let docs = lines(&stdout_of(d.path(), &["export", "--articles"]));
    assert_eq!(docs.len(), 5);
    for a in &docs {
        let keys: Vec<&str> = a.keys().map(String::as_str).collect();
        let mut want = vec!["id", "doc", "source", "published", "url", "title", "body"];
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want);
        assert!(a["id"].as_str().is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())));
        assert!(a["published"].is_null() || is_date(&a["published"]));
        assert!(a["body"].as_str().is_some_and(|b| b.len() > 500));
    }
    // The body is the text claims point into: a claim's sentence is in its article's body.
    let claims = lines(&stdout_of(d.path(), &["claims", "--format", "jsonl"]));
    for c in claims.iter().take(20) {
        let a = docs.iter().find(|a| a["doc"] == c["doc"]).expect("article of a claim");
        assert!(a["body"].as_str().unwrap().contains(c["sentence"].as_str().unwrap().trim()), "{}", c["sentence"]);
    }
    let bulk = stdout_of(d.path(), &["export", "--articles", "--bulk", "news"]);
    let bulk = lines(&bulk);
    assert_eq!(bulk.len(), 10);
    for pair in bulk.chunks(2) {
        let action = &pair[0]["create"];
        assert_eq!(action["_index"], "news");
        assert_eq!(action["_id"], pair[1]["id"]);
    }
    let file = d.path().join("a.ndjson");
    stdout_of(d.path(), &["export", "--articles", "--output", file.to_str().unwrap()]);
    assert_eq!(lines(&std::fs::read_to_string(&file).unwrap()), docs);
}

#[test]
fn index_from_the_environment_and_full_paths_in_messages() {
    let d = workdir();
    let ix = d.path().join("elsewhere");
    let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(d.path()).env("CROSSCHECK_INDEX", &ix).args(["ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&ix.display().to_string()), "summary names the full path: {err}");
    assert!(ix.join("meta.json").exists());
    // --index wins over the environment.
    let mut c = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(d.path()).env("CROSSCHECK_INDEX", &ix).args(["--index", "nowhere", "claims"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains(&d.path().join("nowhere").display().to_string()), "relative --index shown in full: {err}");
}

#[test]
fn quiet_prints_errors_only_and_verbose_says_more() {
    let d = workdir();
    std::fs::write(d.path().join("corpus/notes.pdf"), b"%PDF").unwrap();
    let mut c = cc(d.path());
    c.args(["--quiet", "ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "a warning and a summary are not errors");
    for args in [&["-q", "discrepancies"][..], &["-q", "search", "zzzqqq"], &["-q", "claims", "--holder", "Atlantis"]] {
        let mut c = cc(d.path());
        c.args(args);
        let (_, _, err) = run(c);
        assert_eq!(err, "", "{args:?}");
    }
    std::fs::write(d.path().join("corpus/bad.jsonl"), "{\"text\": broken\n").unwrap();
    let mut c = cc(d.path());
    c.args(["-q", "ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 3);
    assert!(err.contains("bad.jsonl") && !err.contains("notes.pdf") && !err.contains("ingested"), "{err}");

    let mut c = cc(d.path());
    c.args(["-v", "ingest", "corpus"]);
    let (_, _, err) = run(c);
    assert!(err.contains("reading ") && err.contains("004_5597e02c02573cef.txt"), "{err}");
    assert!(err.contains("ingest: commit: "), "{err}");
    let mut c = cc(d.path());
    c.args(["--quiet", "--verbose", "claims"]);
    assert_eq!(run(c).0, 2, "--quiet and --verbose conflict");
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let d = workdir();
    ingest(d.path());
    let search = |color: &str, no_color: bool| {
        let mut c = cc(d.path());
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        c.args(["--color", color, "search", "territory"]);
        run(c).1
    };
    assert!(search("always", false).contains("\x1b[1m"));
    assert!(search("always", true).contains("\x1b[1m"), "an explicit --color always wins over NO_COLOR");
    assert!(!search("never", false).contains('\x1b'));
    assert!(!search("auto", false).contains('\x1b'), "not a terminal");
    let mut c = cc(d.path());
    c.args(["--color", "always", "discrepancies", "--all", "--format", "table"]);
    let (_, out, _) = run(c);
    assert!(out.contains("\x1b["), "verdicts in colour");
}

#[test]
fn filters_take_the_lexicons_spellings() {
    let d = workdir();
    ingest(d.path());
    let russia = stdout_of(d.path(), &["claims", "--holder", "Russia", "--format", "jsonl"]);
    assert!(!russia.is_empty());
    for spelling in ["Kremlin", "the Kremlin", "moscow", "RUSSIA"] {
        assert_eq!(stdout_of(d.path(), &["claims", "--holder", spelling, "--format", "jsonl"]), russia, "{spelling}");
    }
    let share = stdout_of(d.path(), &["claims", "--metric", "territory_share", "--format", "jsonl"]);
    assert!(!share.is_empty());
    assert_eq!(stdout_of(d.path(), &["claims", "--metric", "Territory share", "--format", "jsonl"]), share);
    let chancellor = stdout_of(d.path(), &["claims", "--metric", "chancellor", "--format", "jsonl"]);
    assert!(lines(&chancellor).iter().all(|r| r["metric"] == "office:chancellor") && !chancellor.is_empty());
    let outlet = stdout_of(d.path(), &["claims", "--source", "Defence Talks", "--format", "jsonl"]);
    assert!(!outlet.is_empty());
    assert_eq!(stdout_of(d.path(), &["claims", "--source", "defence-talks", "--format", "jsonl"]), outlet);
    assert_eq!(stdout_of(d.path(), &["search", "territory", "--source", "DefenceTalks", "--format", "csv"]).lines().count(), 2);
}

#[test]
fn query_errors_point_at_the_problem_and_name_the_flag() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.args(["search", "territory AND source:reuters"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("--source reuters") && err.contains("^^^^"), "{err}");
    let mut c = cc(d.path());
    c.args(["search", "since:2025-01-01 peace"]);
    let (_, _, err) = run(c);
    assert!(err.contains("--since 2025-01-01"), "{err}");
    let mut c = cc(d.path());
    c.args(["claims", "profits source:x"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("--source x") && err.contains('^'), "{err}");
    let mut c = cc(d.path());
    c.args(["search", "territory AND (peace"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("at byte") && err.contains('^'), "{err}");
}

#[test]
fn parquet_needs_a_file_or_a_pipe() {
    let d = workdir();
    ingest(d.path());
    // Standard output is a pipe here: Parquet may go there.
    let mut c = cc(d.path());
    c.args(["claims", "--format", "parquet"]);
    let o = c.output().unwrap();
    if cfg!(feature = "parquet") {
        assert!(o.status.success());
        assert_eq!(&o.stdout[..4], b"PAR1");
    } else {
        assert_eq!(o.status.code(), Some(2));
    }
}
