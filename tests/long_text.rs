//! Issue 13, case 5: one long run of text with no full stop used to hang extraction (100 KB took
//! a minute; 10 MB ran out of memory, because every claim copied the whole "sentence"). The
//! meaning step now reads a bounded window around each figure and keeps a bounded excerpt.

mod util;

use std::time::{Duration, Instant};

fn run_on(text: &str) -> (Duration, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("run-on.txt");
    std::fs::write(&path, text).expect("write");
    let started = Instant::now();
    let out = util::cc(dir.path()).args(["extract", "--format", "jsonl"]).arg(&path).output().expect("run");
    let took = started.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let claims = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    (took, claims)
}

#[test]
fn a_long_sentence_with_no_full_stop_is_read_in_bounded_time_and_memory() {
    let unit = "Russia holds about 20 percent of Ukrainian territory and 1.2 million people fled ";
    // 400 KB: about 5,000 figures in one "sentence".
    let text: String = unit.repeat(400_000 / unit.len());
    let (took, claims) = run_on(&text);
    assert!(claims.len() > 4_000, "every figure is still read: {}", claims.len());
    // Each claim keeps an excerpt, not the 400 KB sentence.
    let longest = claims.iter().map(|c| c["sentence"].as_str().map_or(0, str::len)).max().unwrap_or(0);
    assert!(longest < 2_000, "excerpt of {longest} bytes");
    // Offsets still point into the file: the excerpt holds the figure it belongs to.
    for c in claims.iter().take(50) {
        let (s, e) = (c["start"].as_u64().unwrap_or(0) as usize, c["end"].as_u64().unwrap_or(0) as usize);
        assert_eq!(&text[s..e], c["text"].as_str().unwrap_or_default());
        assert!(c["sentence"].as_str().unwrap_or_default().contains(&text[s..e]));
    }
    // A quadratic step would take minutes here; linear work takes well under a second.
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn work_grows_linearly_with_the_run_on_sentence() {
    let unit = "Kyiv said 300 soldiers were killed and the EU pledged €2 billion in aid to Ukraine ";
    let small: String = unit.repeat(100_000 / unit.len());
    let large: String = unit.repeat(400_000 / unit.len());
    let (t_small, c_small) = run_on(&small);
    let (t_large, c_large) = run_on(&large);
    assert!(c_large.len() >= 3 * c_small.len(), "{} vs {}", c_large.len(), c_small.len());
    // Four times the text: allow up to 16x (startup noise on small inputs), far below the
    // 16x-per-doubling a quadratic step would show at this size.
    assert!(t_large < t_small * 16 + Duration::from_secs(5), "{t_small:?} -> {t_large:?}");
}
