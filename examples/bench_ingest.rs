//! Side-by-side ingest benchmark: crosscheck's ingest (extraction + articles + claims) against
//! plain tantivy indexing of the same article text with the same schema for articles and the
//! same writer settings, in one run, on the same pre-loaded articles.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --n 10000 --out /tmp/cc-10k
//! cargo run --release --example bench_ingest -- /tmp/cc-10k
//! ```

use crosscheck::corpus::{self, Article};
use crosscheck::extract::Extractor;
use crosscheck::index::{CrossIndex, WRITER_BUDGET, WRITER_THREADS};
use std::path::PathBuf;
use std::time::Instant;
use tantivy::schema::{IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, STORED, STRING};

fn plain_tantivy(articles: &[Article], dir: &std::path::Path) -> tantivy::Result<f64> {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let doc = b.add_text_field("doc", STRING | STORED);
    let source = b.add_text_field("source", STRING | STORED);
    // The same text options crosscheck uses for articles: English stemming, positions, stored.
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("en_stem").set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = b.add_text_field("title", text.clone());
    let body = b.add_text_field("body", text);
    let index = tantivy::Index::create_in_dir(dir, b.build())?;
    let t = Instant::now();
    let mut w: tantivy::IndexWriter = index.writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)?;
    for a in articles {
        let mut d = TantivyDocument::default();
        d.add_text(id, &a.id);
        d.add_text(doc, &a.doc);
        d.add_text(source, a.source.as_deref().unwrap_or(""));
        d.add_text(title, a.title.as_deref().unwrap_or(""));
        d.add_text(body, &a.text);
        w.add_document(d)?;
    }
    w.commit()?;
    w.wait_merging_threads()?;
    Ok(t.elapsed().as_secs_f64())
}

fn ours(articles: &[Article], dir: &std::path::Path) -> Result<(f64, usize), Box<dyn std::error::Error>> {
    let ex = Extractor::default();
    let t = Instant::now();
    let ix = CrossIndex::create_or_open(dir)?;
    let mut w = ix.writer()?;
    // The same pipeline as `crosscheck ingest` (articles are already loaded here, so the
    // loader stage only hands out batches; cloning them is part of our cost).
    let batches = articles.chunks(crosscheck::index::EXTRACT_BATCH).map(|b| (b.to_vec(), ()));
    crosscheck::index::extract_pipeline(&ex, batches, |done, ()| {
        for (a, c) in done {
            w.add(&a, c.unwrap_or_default())?;
        }
        Ok::<(), crosscheck::index::IndexError>(())
    })?;
    let s = w.commit()?;
    Ok((t.elapsed().as_secs_f64(), s.claims))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let src: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if src.is_empty() {
        eprintln!("usage: bench_ingest CORPUS_DIR");
        std::process::exit(2);
    }
    let (files, _) = corpus::discover(&src);
    let (manifest, _) = corpus::manifest_for(&src);
    let t = Instant::now();
    let articles: Vec<Article> = files.iter().flat_map(|f| corpus::load_file(f, &manifest).articles).collect();
    let load_s = t.elapsed().as_secs_f64();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    // Rounds alternate plain and ours so both see the same machine; the median of each is
    // quoted (a shared virtual machine varies by 20% from run to run).
    let rounds: usize = std::env::var("CROSSCHECK_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(3).max(1);
    // CROSSCHECK_BENCH_ONLY=ours skips the baseline (for profiling one side).
    let only_ours = std::env::var("CROSSCHECK_BENCH_ONLY").is_ok_and(|v| v == "ours");
    let (mut plain, mut our, mut claims) = (Vec::new(), Vec::new(), 0);
    for _ in 0..rounds {
        let tmp = tempfile::tempdir()?;
        let (pd, od) = (tmp.path().join("plain"), tmp.path().join("ours"));
        std::fs::create_dir_all(&pd)?;
        if !only_ours {
            plain.push(plain_tantivy(&articles, &pd)?);
        }
        let (s, c) = ours(&articles, &od)?;
        our.push(s);
        claims = c;
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (all_plain, all_ours) = (plain.clone(), our.clone());
    let (plain, our) = (median(&mut plain), median(&mut our));
    println!("articles {}  text {:.1} MB  (loading files: {:.2} s, not counted below)", articles.len(), mb, load_s);
    println!("writer settings: {} thread(s), {} MB budget; {} rounds, medians quoted", WRITER_THREADS, WRITER_BUDGET / 1_000_000, rounds);
    println!("plain tantivy : {:>7.2} s  {:>6.1} MB/s  {:>8.0} articles/s   runs {:.2?}", plain, mb / plain, articles.len() as f64 / plain, all_plain);
    println!("crosscheck    : {:>7.2} s  {:>6.1} MB/s  {:>8.0} articles/s   runs {:.2?}  ({} claims)", our, mb / our, articles.len() as f64 / our, all_ours, claims);
    println!("ratio (crosscheck throughput / plain tantivy): {:.2}", plain / our);
    // For reading the ratio: claim extraction alone on one thread, same articles.
    let ex = Extractor::default();
    let t = Instant::now();
    let n: usize = articles.iter().map(|a| ex.claims(&a.text, &crosscheck::extract::DocContext { published: a.published }).len()).sum();
    let e = t.elapsed().as_secs_f64();
    println!("extraction alone, 1 thread: {e:>7.2} s  {:>6.1} MB/s  ({n} claims)", mb / e);
    Ok(())
}
