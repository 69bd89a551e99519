//! Quantity summaries, the HTML evidence report, URLs in outputs and check's exit policy, on the
//! seed index plus articles written for these tests.

mod util;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use util::*;

fn pair_rows(d: &Path) -> Vec<HashMap<String, String>> {
    let mut c = cc(d);
    c.arg("discrepancies");
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

fn quantities(d: &Path, extra: &[&str]) -> Vec<Value> {
    let mut c = cc(d);
    c.args(["discrepancies", "--by", "quantity", "--format", "jsonl"]).args(extra);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// (doc, start) of every claim of a quantity -> its cluster label.
fn cluster_of(q: &Value) -> HashMap<(String, u64), String> {
    let mut m = HashMap::new();
    for c in q["clusters"].as_array().unwrap() {
        for cl in c["claims"].as_array().unwrap() {
            m.insert((cl["doc"].as_str().unwrap().to_string(), cl["start"].as_u64().unwrap()), c["label"].as_str().unwrap().to_string());
        }
    }
    m
}

/// Every flagged pair row lies in exactly one quantity of the summary, its two sides in two
/// different clusters, and the summary counts exactly those rows.
fn assert_summary_matches_pairs(d: &Path) -> usize {
    let pairs = pair_rows(d);
    let qs = quantities(d, &[]);
    assert!(!qs.is_empty() && !pairs.is_empty());
    let ids: Vec<String> = qs.iter().map(|q| ["metric", "measure", "holder", "scope", "kind", "unit", "group_id"].iter().map(|k| q[*k].to_string()).collect::<Vec<_>>().join("|")).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), qs.len(), "each quantity once: {ids:?}");
    let maps: Vec<_> = qs.iter().map(cluster_of).collect();
    for p in &pairs {
        let a = (p["a_doc"].clone(), p["a_start"].parse::<u64>().unwrap());
        let b = (p["b_doc"].clone(), p["b_start"].parse::<u64>().unwrap());
        let homes: Vec<usize> = (0..qs.len()).filter(|&i| qs[i]["group_id"] == p["group_id"].as_str() && maps[i].contains_key(&a) && maps[i].contains_key(&b)).collect();
        assert_eq!(homes.len(), 1, "pair {a:?} {b:?} in quantities {homes:?}");
        let m = &maps[homes[0]];
        assert_ne!(m[&a], m[&b], "a flagged pair spans two clusters: {p:?}");
    }
    let counted: u64 = qs.iter().map(|q| q["conflict_pairs"].as_u64().unwrap() + q["update_pairs"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, pairs.len());
    qs.len()
}

#[test]
fn quantity_summary_matches_the_pair_rows_on_the_seeds() {
    let d = workdir();
    ingest(d.path());
    let n = assert_summary_matches_pairs(d.path());
    // CSV: its own columns, one row per quantity; the table renders.
    let mut c = cc(d.path());
    c.args(["discrepancies", "--by", "quantity"]);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[..4], &["rank", "score", "verdict", "severity"]);
    assert!(header.contains(&"kind".to_string()) && header.contains(&"values".to_string()));
    assert_eq!(rdr.records().count(), n);
    let mut c = cc(d.path());
    c.args(["discrepancies", "--by", "quantity", "--format", "table"]);
    let (code, out, _) = run(c);
    assert!(code == 0 && out.contains("office:chancellor"), "{out}");
}

/// Articles with outlets, dates and URLs, as one JSON Lines file.
fn write_feed(d: &Path, items: &[(&str, &str, &str, &str)]) {
    let lines: Vec<String> = items
        .iter()
        .map(|(source, published, url, text)| serde_json::json!({"source": source, "published": published, "url": url, "title": "t", "text": text}).to_string())
        .collect();
    std::fs::write(d.join("corpus").join("feed.jsonl"), lines.join("\n") + "\n").unwrap();
}

const HOSTILE: &str = r#"Russia now controls about 25 percent of Ukrainian territory, <script>alert(1)</script> wrote "><img src=x onerror=alert(1)> the analyst."#;

fn hostile_corpus() -> tempfile::TempDir {
    let d = workdir();
    write_feed(
        d.path(),
        &[
            ("Wire One", "2025-12-01", "https://example.org/one", "Russia controls about 25 percent of Ukrainian territory, officials said."),
            ("<b>Evil</b> Times", "2025-12-02", "javascript:alert(1)", HOSTILE),
            ("Wire Two", "2025-12-03", "https://example.org/two?a=1&b=2", "Russia controls roughly 19 percent of Ukrainian territory, analysts said."),
        ],
    );
    ingest(d.path());
    d
}

fn assert_escaped(html: &str) {
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no img element");
    assert!(!html.contains("<b>Evil"), "outlet markup escaped");
    assert!(!html.contains("href=\"javascript"), "no javascript: link");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script tag shows as text");
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the img tag shows as text");
}

fn assert_outlet_escaped(html: &str) {
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; Times"));
}

#[test]
fn the_report_shows_markup_in_articles_as_text() {
    let d = hostile_corpus();
    let out = d.path().join("r.html");
    let mut c = cc(d.path());
    c.args(["report", "--output"]).arg(&out);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert_escaped(&html);
    assert_outlet_escaped(&html);
    assert!(html.contains("href=\"https://example.org/two?a=1&amp;b=2\""), "web links kept, escaped");
    assert!(html.contains("<mark>about 25 percent</mark>"), "the figure is marked in its sentence");
    // The same page for a checked article.
    let f = d.path().join("draft.txt");
    std::fs::write(&f, HOSTILE).unwrap();
    let report = d.path().join("check.html");
    let mut c = cc(d.path());
    // Dated the day "Wire Two" says "roughly 19 percent": a conflict.
    c.arg("check").arg(&f).args(["--published", "2025-12-03", "--report"]).arg(&report);
    let (code, _, err) = run(c);
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(&report).unwrap();
    // The checked article's own markup shows as text (the outlet with markup in its name
    // agrees with it, and agreeing rows are not in the report).
    assert_escaped(&html);
    assert!(html.contains("svg class=\"chart"), "a chart for the conflict");
}

#[test]
fn urls_reach_claims_pairs_search_and_the_summary() {
    let d = hostile_corpus();
    let mut rows = pair_rows(d.path());
    rows.retain(|r| r["metric"] == "territory_share" && r["a_source"] == "Wire One");
    assert!(rows.iter().any(|r| r["a_url"] == "https://example.org/one" && r["b_url"] == "https://example.org/two?a=1&b=2"), "{rows:?}");
    // The pair CSV keeps its contract columns; the addresses and identity parts come after them.
    let mut c = cc(d.path());
    c.args(["discrepancies"]);
    let header: Vec<String> = csv::Reader::from_reader(run(c).1.as_bytes()).headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header.len(), 50);
    assert_eq!(&header[..9], &["group_id", "verdict", "severity", "metric", "measure", "holder", "scope", "explanation", "a_doc"]);
    assert_eq!(header[33], "b_sentence");
    assert_eq!(&header[34..37], &["a_url", "a_outlets", "a_person"]);
    assert_eq!(&header[41..44], &["b_url", "b_outlets", "b_person"]);
    assert_eq!(header[47], "b_holder_basis");
    assert_eq!(&header[48..], &["a_claimant", "b_claimant"]);
    let mut c = cc(d.path());
    c.args(["claims", "--source", "Wire One", "--format", "jsonl"]);
    let out = run(c).1;
    assert!(out.lines().all(|l| l.contains("\"url\":\"https://example.org/one\"")) && !out.is_empty(), "{out}");
    let mut c = cc(d.path());
    c.args(["search", "analysts", "--format", "json"]);
    assert!(run(c).1.contains("\"url\":\"https://example.org/two?a=1&b=2\""));
    let qs = quantities(d.path(), &["--metric", "territory_share"]);
    let urls: Vec<&str> = qs.iter().flat_map(|q| q["clusters"].as_array().unwrap().iter()).flat_map(|c| c["claims"].as_array().unwrap().iter()).filter_map(|c| c["url"].as_str()).collect();
    assert!(urls.contains(&"https://example.org/one"), "{urls:?}");
    // Typed JSON: numbers as numbers, unknown as null.
    assert!(qs[0]["severity"].is_f64() && qs[0]["outlets"].is_u64());
}

#[test]
fn check_fails_on_what_it_is_told_to() {
    let d = workdir();
    ingest(d.path());
    let f = d.path().join("new.txt");
    let code = |text: &str, extra: &[&str]| {
        std::fs::write(&f, text).unwrap();
        let mut c = cc(d.path());
        c.arg("check").arg(&f).args(["--format", "csv"]).args(extra);
        run(c).0
    };
    let quarter = "Analysts say Russia now occupies about 25 percent of Ukraine after the autumn offensive.\n";
    // Dated the day of the seed that says "nearly 19%".
    let same_day = ["--published", "2025-12-06"];
    assert_eq!(code(quarter, &same_day), 1);
    assert_eq!(code(quarter, &[&same_day[..], &["--fail-on", "update"]].concat()), 0, "a conflict is not an update");
    assert_eq!(code(quarter, &[&same_day[..], &["--min-severity", "0.9"]].concat()), 0, "small gaps ignored");
    assert_eq!(code(quarter, &[&same_day[..], &["--min-severity", "0.01"]].concat()), 1);
    assert_eq!(code(quarter, &[]), 0, "undated, only agreement can be told");
    let half = "The deal gives Washington half of the profits from rebuilding.\n";
    let earlier = ["--published", "2025-11-30"];
    assert_eq!(code(half, &earlier), 0, "an update does not fail by default");
    assert_eq!(code(half, &[&earlier[..], &["--fail-on", "update"]].concat()), 1);
    assert_eq!(code(half, &[&earlier[..], &["--fail-on", "any"]].concat()), 1);
}

/// Chromium, when installed (Debian's `chromium`; `.ci/run` tries to install it).
fn chromium() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(p.into());
    }
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n))).find(|p| p.is_file()))
}

/// Run chromium headless on `page` with `args`, killed after a minute.
fn headless(bin: &Path, profile: &Path, args: &[String], page: &Path) -> std::process::Output {
    let mut cmd = std::process::Command::new(bin);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().expect("start chromium");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn the_seed_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("SKIPPED the_seed_report_renders_in_headless_chromium: no chromium on PATH (apt-get install chromium, or set CHROMIUM=/path)");
        return;
    };
    let d = workdir();
    ingest(d.path());
    let page = d.path().join("report.html");
    let mut c = cc(d.path());
    c.args(["report", "--output"]).arg(&page);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let expected = quantities(d.path(), &[]).len();
    let profile = d.path().join("chromium-profile");
    // The page as the browser built it: one chart per quantity.
    let dom = headless(&bin, &profile, &["--dump-dom".to_string()], &page);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(dom.matches("<svg class=\"chart").count(), expected, "charts in the rendered DOM");
    assert_eq!(dom.matches("class=\"quantity\"").count(), expected);
    // The screenshot is not blank: many colours, the cluster colours among them.
    let shot = d.path().join("shot.png");
    headless(&bin, &profile, &["--window-size=1000,1400".to_string(), format!("--screenshot={}", shot.display())], &page);
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("screenshot written"));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("frame");
    let channels = info.color_type.samples();
    let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let non_white = px.iter().filter(|p| p[..3].iter().any(|&v| v < 235)).count();
    assert!(non_white * 100 > px.len(), "more than 1% of the page is drawn: {non_white} of {}", px.len());
    let near = |p: &[u8], c: [u8; 3]| p[..3].iter().zip(c).all(|(&a, b)| a.abs_diff(b) < 8);
    assert!(px.iter().any(|p| near(p, [0x00, 0x72, 0xB2])), "cluster A's colour is on screen");
    assert!(px.iter().any(|p| near(p, [0xD5, 0x5E, 0x00])), "cluster B's colour is on screen");
}

fn hits(d: &Path, query: &str, extra: &[&str]) -> HashSet<String> {
    let mut c = cc(d);
    c.args(["search", query, "--limit", "1000", "--format", "json"]).args(extra);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    // Only the articles written for the test (the seeds mention these places too).
    out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["doc"].as_str().unwrap().to_string()).filter(|doc| doc.contains("feed.jsonl")).collect()
}

#[test]
fn search_finds_spelling_variants_unless_exact() {
    let d = workdir();
    write_feed(
        d.path(),
        &[
            ("A", "2022-03-01", "https://example.org/a", "President Zelensky spoke to the parliament in Kyiv."),
            ("B", "2022-03-02", "https://example.org/b", "President Zelenskiy's adviser said the Zaporizhzhia plant was shelled."),
            ("C", "2022-03-03", "https://example.org/c", "Explosions were heard in Kiev and near Zaporozhye overnight."),
        ],
    );
    ingest(d.path());
    let p = d.path();
    let kiev = hits(p, "Kiev", &[]);
    let kyiv_exact = hits(p, "Kyiv", &["--exact"]);
    let kiev_exact = hits(p, "Kiev", &["--exact"]);
    assert!(kyiv_exact.iter().all(|h| kiev.contains(h)) && kiev_exact.iter().all(|h| kiev.contains(h)), "Kiev finds both spellings");
    assert!(kiev.len() > kiev_exact.len(), "{kiev:?} vs {kiev_exact:?}");
    assert_eq!(hits(p, "Zelenskiy", &[]).len(), 2);
    assert_eq!(hits(p, "Zelenskiy", &["--exact"]).len(), 1);
    assert_eq!(hits(p, "Zaporozhye", &[]).len(), 2);
    assert_eq!(hits(p, "\"near Zaporizhzhia\"", &[]).len(), 1, "phrases too");
    assert_eq!(hits(p, "\"near Zaporizhzhia\"", &["--exact"]).len(), 0);
}

#[test]
fn report_filters_by_metric_outlet_and_date() {
    let d = hostile_corpus();
    let charts = |extra: &[&str]| {
        let out = d.path().join("f.html");
        let mut c = cc(d.path());
        c.args(["report", "--output"]).arg(&out).args(extra);
        let (code, _, err) = run(c);
        assert_eq!(code, 0, "{err}");
        std::fs::read_to_string(&out).unwrap().matches("<svg class=\"chart").count()
    };
    let all = charts(&[]);
    assert!(all >= 2, "{all}");
    assert_eq!(charts(&["--metric", "territory_share"]), 1);
    assert_eq!(charts(&["--source", "wire one"]), 1, "only quantities the outlet speaks on");
    assert_eq!(charts(&["--source", "Nobody"]), 0);
    assert_eq!(charts(&["--since", "2030-01-01"]), 0);
    assert_eq!(charts(&["--since", "2025-12-01"]), all, "every quantity has a claim of December");
    assert_eq!(charts(&["--limit", "1"]), 1);
}
