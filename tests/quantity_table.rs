//! The quantity grammar on a table of news-style sentences (tests/data/quantities.tsv), written
//! for this test across beats: markets, sport, tech, weather, health, war, politics, business.
//!
//! Each row: category, `+` (the category's phenomenon is there) or `-` (a look-alike that must
//! not be read as it), the sentence, and the quantities expected in text order, separated by
//! ` ; ` (`-` for none). A quantity is `key=value` pairs:
//!   v= value, lo= / hi= bounds, u= unit, h= hedge (default: range when lo and hi are given
//!   without v, else exact), d= direction (up, down; default none), r= change role (earlier,
//!   current; default none), n= noun (`_` for a space; `-` for none), m= noun modifiers
//!   (comma-separated; empty for none). Keys left out (except h, d, r) are not checked.
//! Every failing row is printed; the test fails if any row fails.

use crosscheck::extract::{quantities, Quantity};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
struct Expect {
    fields: Vec<(String, String)>,
}

fn parse_expect(spec: &str) -> Result<Vec<Expect>, String> {
    if spec.trim() == "-" {
        return Ok(Vec::new());
    }
    spec.split(" ; ")
        .map(|q| {
            let mut e = Expect::default();
            for kv in q.split_whitespace() {
                let (k, v) = kv.split_once('=').ok_or_else(|| format!("bad field {kv:?}"))?;
                if !matches!(k, "v" | "lo" | "hi" | "u" | "h" | "d" | "r" | "n" | "m") {
                    return Err(format!("unknown key {k:?}"));
                }
                e.fields.push((k.to_string(), v.to_string()));
            }
            Ok(e)
        })
        .collect()
}

fn num_eq(got: Option<f64>, want: &str) -> bool {
    match (got, want) {
        (None, "-") => true,
        (Some(g), w) => w.parse::<f64>().is_ok_and(|w| (g - w).abs() <= 1e-9 * w.abs().max(1.0)),
        _ => false,
    }
}

/// What is wrong with `q` against `e`, if anything.
fn mismatch(q: &Quantity, e: &Expect) -> Option<String> {
    let get = |k: &str| e.fields.iter().find(|(x, _)| x == k).map(|(_, v)| v.as_str());
    let mut errs = Vec::new();
    for k in ["v", "lo", "hi"] {
        if let Some(w) = get(k) {
            let g = match k {
                "v" => q.value,
                "lo" => q.lo,
                _ => q.hi,
            };
            if !num_eq(g, w) {
                errs.push(format!("{k}={g:?} want {w}"));
            }
        }
    }
    if let Some(u) = get("u") {
        if q.unit != u {
            errs.push(format!("u={} want {u}", q.unit));
        }
    }
    let default_h = if get("lo").is_some() && get("hi").is_some() && get("v").is_none() { "range" } else { "exact" };
    let h = get("h").unwrap_or(default_h);
    if q.hedge.as_str() != h {
        errs.push(format!("h={} want {h}", q.hedge.as_str()));
    }
    let d = get("d").unwrap_or("-");
    let gd = q.direction.map_or("-".to_string(), |d| format!("{d:?}").to_lowercase());
    if gd != d {
        errs.push(format!("d={gd} want {d}"));
    }
    let r = get("r").unwrap_or("-");
    let gr = q.change_role.map_or("-".to_string(), |r| format!("{r:?}").to_lowercase());
    if gr != r {
        errs.push(format!("r={gr} want {r}"));
    }
    if let Some(n) = get("n") {
        let want = if n == "-" { None } else { Some(n.replace('_', " ")) };
        if q.noun != want {
            errs.push(format!("n={:?} want {want:?}", q.noun));
        }
    }
    if let Some(m) = get("m") {
        let want: Vec<String> = m.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
        if q.noun_mods != want {
            errs.push(format!("m={:?} want {want:?}", q.noun_mods));
        }
    }
    (!errs.is_empty()).then(|| errs.join(", "))
}

fn brief(q: &Quantity) -> String {
    format!("{:?} v={:?} lo={:?} hi={:?} u={} h={} d={:?} r={:?} n={:?} m={:?}", q.text, q.value, q.lo, q.hi, q.unit, q.hedge.as_str(), q.direction, q.change_role, q.noun, q.noun_mods)
}

#[test]
fn quantity_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quantities.tsv");
    let data = std::fs::read_to_string(path).expect("tests/data/quantities.tsv");
    let mut failures = Vec::new();
    let mut rows = 0;
    let mut by_cat: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [cat, pol, sentence, spec] = cols[..] else {
            failures.push(format!("line {}: expected 4 tab-separated columns, got {}", n + 1, cols.len()));
            continue;
        };
        rows += 1;
        let e = by_cat.entry(cat.to_string()).or_default();
        match pol {
            "+" => e.0 += 1,
            "-" => e.1 += 1,
            _ => failures.push(format!("line {}: polarity must be + or -", n + 1)),
        }
        let expect = match parse_expect(spec) {
            Ok(x) => x,
            Err(err) => {
                failures.push(format!("line {}: {err}", n + 1));
                continue;
            }
        };
        let got = quantities(sentence);
        let mut errs = Vec::new();
        if got.len() != expect.len() {
            errs.push(format!("{} quantities, want {}", got.len(), expect.len()));
        }
        for (i, (q, e)) in got.iter().zip(&expect).enumerate() {
            if let Some(m) = mismatch(q, e) {
                errs.push(format!("#{}: {m}", i + 1));
            }
        }
        if !errs.is_empty() {
            let found: Vec<String> = got.iter().map(brief).collect();
            failures.push(format!("line {} [{cat}{pol}] {sentence}\n    {}\n    got: {}", n + 1, errs.join("; "), found.join("\n         ")));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!("{rows} rows, {} failing; by category (+/-): {by_cat:?}", failures.len());
    assert!(failures.is_empty(), "{} of {rows} rows fail (printed above)", failures.len());
    assert!(rows >= 400, "the table should hold at least 400 sentences, has {rows}");
    assert_eq!(by_cat.len(), 13, "13 categories: {:?}", by_cat.keys());
    for (cat, (pos, neg)) in &by_cat {
        assert!(*pos > 0 && *neg > 0, "{cat} needs positive and negative rows");
    }
}
