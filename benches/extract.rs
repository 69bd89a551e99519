//! Extraction throughput on at least 10 MB of real news text (the seed articles repeated).
//!
//! `cargo bench --bench extract` — figures are recorded in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::extract::{quantities, DocContext, Extractor};

fn corpus_text(min_bytes: usize) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).filter_map(|p| std::fs::read_to_string(p).ok()).collect())
        .unwrap_or_default();
    seeds.sort();
    let mut out = Vec::new();
    let mut total = 0;
    while total < min_bytes && !seeds.is_empty() {
        for s in &seeds {
            total += s.len();
            out.push(s.clone());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let docs = corpus_text(10 << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    let ex = Extractor::default();
    let ctx = DocContext::default();
    let mut g = c.benchmark_group("extract_10MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("quantities", |b| b.iter(|| docs.iter().map(|d| quantities(d).len()).sum::<usize>()));
    g.bench_function("claims", |b| b.iter(|| docs.iter().map(|d| ex.claims(d, &ctx).len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
