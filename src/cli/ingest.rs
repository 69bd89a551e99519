//! `crosscheck ingest`: load articles, extract their claims, and write both to the index.
//!
//! Idempotent (content-hash ids: unchanged files add nothing, changed files replace their old
//! version) and atomic (an interrupted run leaves the last commit intact; run it again).

use super::shared::{extraction_bug, extractor, report_problem, Global};
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
    global.timing(&format!("ingest: list {} files", files.len()), started);
    let index = CrossIndex::create_or_open(&global.index)?;
    let mut writer = index.writer()?;
    let bar = progress(global.progress, files.len() as u64);
    // -v: the file being read, on the progress bar's line or (without a bar) a line each.
    let (show_file, file_bar) = (global.verbose, bar.clone());
    // Loading (one thread), extraction (one thread per core) and writing (this thread and
    // tantivy's indexer) overlap; batches come back here in file order.
    let batch = crosscheck::index::EXTRACT_BATCH;
    let batches = files.chunks(batch).flat_map(|chunk| {
        let mut problems = Vec::new();
        let mut articles = Vec::new();
        for path in chunk {
            if show_file {
                if file_bar.is_hidden() {
                    eprintln!("crosscheck: reading {}", path.display());
                } else {
                    file_bar.set_message(path.display().to_string());
                }
            }
            let load = corpus::load_file(path, &manifest);
            problems.extend(load.problems);
            articles.extend(load.articles);
        }
        // A big JSONL or CSV file is many articles: split it so every worker gets a share.
        let mut out: Vec<(Vec<_>, (Vec<corpus::Problem>, usize))> = Vec::new();
        let mut rest = articles.into_iter().peekable();
        let mut payload = Some((problems, chunk.len()));
        while rest.peek().is_some() || payload.is_some() {
            let part: Vec<_> = rest.by_ref().take(batch).collect();
            out.push((part, payload.take().unwrap_or_default()));
        }
        out
    });
    crosscheck::index::extract_pipeline(&extractor, batches, |done, (problems, nfiles)| {
        for p in &problems {
            bar.suspend(|| report_problem(p));
            if p.severity == Severity::Error {
                errors += 1;
                writer.skipped(1);
            }
        }
        for (article, claims) in done {
            let claims = claims.unwrap_or_else(|bug| {
                bar.suspend(|| report_problem(&extraction_bug(&article, &bug)));
                errors += 1;
                Vec::new()
            });
            writer.add(&article, claims)?;
        }
        bar.inc(nfiles as u64);
        Ok::<(), crosscheck::index::IndexError>(())
    })?;
    bar.finish_and_clear();
    global.timing("ingest: load, extract and index", started);
    let committing = Instant::now();
    let mut summary = writer.commit()?;
    global.timing("ingest: commit", committing);
    summary.seconds = started.elapsed().as_secs_f64();
    global.say(format_args!(
        "ingested {} files into {}: {} added, {} updated, {} unchanged, {} skipped; {} claims; {:.2} s",
        files.len(),
        global.index.display(),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.skipped,
        summary.claims,
        summary.seconds
    ));
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
