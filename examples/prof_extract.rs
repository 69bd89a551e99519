//! Profiling driver: full claim extraction over the seed corpus repeated N times.
//! `cargo run --release --example prof_extract -- 200`
use crosscheck::extract::{DocContext, Extractor};
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut docs: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).filter_map(|p| std::fs::read_to_string(p).ok()).collect())
        .unwrap_or_default();
    docs.sort();
    let ex = Extractor::default();
    let ctx = DocContext::default();
    let bytes: usize = docs.iter().map(String::len).sum::<usize>() * n;
    let t = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        for d in &docs {
            claims += ex.claims(d, &ctx).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{claims} claims, {:.1} MB in {s:.2} s = {:.1} MB/s", bytes as f64 / 1e6, bytes as f64 / 1e6 / s);
}
