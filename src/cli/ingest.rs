//! `crosscheck ingest`: load articles, extract their claims, and write both to the index.
//!
//! Idempotent (content-hash ids: unchanged files add nothing, changed files replace their old
//! version) and atomic (an interrupted run leaves the last commit intact; run it again).

use super::shared::{extractor, report_problem, Global};
use super::Outcome;
use crosscheck::corpus::{self, Severity};
use crosscheck::index::CrossIndex;
use std::path::PathBuf;
use std::time::Instant;

/// Index articles and their claims.
///
/// Reads .txt, .md (optional YAML front matter), .html, .jsonl and .csv files, or folders of
/// them (recursively). A `sources.csv` manifest in a folder gives outlet, date, title and URL
/// per file. Unreadable files are reported and skipped; everything else is still indexed.
///
/// Example:
///   crosscheck ingest corpus/
///   crosscheck --index /tmp/ix ingest articles/ more.jsonl
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to ingest.
    #[arg(default_value = "corpus", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let extractor = extractor(global)?;
    let (files, mut problems) = corpus::discover(&args.paths);
    let (manifest, manifest_problems) = corpus::manifest_for(&args.paths);
    problems.extend(manifest_problems);
    let mut errors = 0usize;
    for p in &problems {
        report_problem(p);
        errors += usize::from(p.severity == Severity::Error);
    }
    let index = CrossIndex::create_or_open(&global.index)?;
    let mut writer = index.writer()?;
    let bar = progress(global.progress, files.len() as u64);
    // Files are loaded and extracted in batches so extraction can use every core.
    for chunk in files.chunks(crosscheck::index::EXTRACT_BATCH) {
        let mut articles = Vec::new();
        for path in chunk {
            bar.set_message(path.display().to_string());
            let load = corpus::load_file(path, &manifest);
            for p in &load.problems {
                bar.suspend(|| report_problem(p));
                if p.severity == Severity::Error {
                    errors += 1;
                    writer.skipped(1);
                }
            }
            articles.extend(load.articles);
        }
        for batch in articles.chunks(crosscheck::index::EXTRACT_BATCH) {
            for (article, claims) in batch.iter().zip(crosscheck::index::extract_batch(&extractor, batch)) {
                writer.add(article, claims)?;
            }
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    let mut summary = writer.commit()?;
    summary.seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {} files into {}: {} added, {} updated, {} unchanged, {} skipped; {} claims; {:.2} s",
        files.len(),
        global.index.display(),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.skipped,
        summary.claims,
        summary.seconds
    );
    Ok(if errors > 0 { Outcome::Partial } else { Outcome::Ok })
}

fn progress(show: bool, len: u64) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
