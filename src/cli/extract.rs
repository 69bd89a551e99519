//! `crosscheck extract`: print the claims of files without touching the index.

use super::shared::{extractor, report_problem, DataFormat, Global};
use super::Outcome;
use crosscheck::corpus::{self, Severity};
use crosscheck::extract::DocContext;
use crosscheck::index::ClaimRecord;
use std::path::PathBuf;

/// Print every claim of the given files: value, unit, hedge, metric, holder, byte span.
///
/// Reads the files as `ingest` does (txt, md, html, jsonl, csv) but never touches the index.
/// Offsets are byte offsets into each file.
///
/// Example:
///   crosscheck extract corpus/004_5597e02c02573cef.txt --format table
///   crosscheck extract --format jsonl corpus/*.txt | jq 'select(.metric=="territory_share")'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files (or folders) to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format (json is the same as jsonl; parquet needs --output or a redirect).
    #[arg(long, value_enum, default_value_t = DataFormat::Table)]
    pub format: DataFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    super::shared::check_binary_output(args.output.as_deref(), args.format)?;
    let extractor = extractor(global)?;
    let (files, mut problems) = corpus::discover(&args.files);
    let (manifest, mp) = corpus::manifest_for(&args.files);
    problems.extend(mp);
    let mut failed = problems.iter().any(|p| p.severity == Severity::Error);
    problems.iter().for_each(report_problem);
    let mut records = Vec::new();
    for path in &files {
        if global.verbose {
            eprintln!("crosscheck: reading {}", path.display());
        }
        let load = corpus::load_file(path, &manifest);
        for p in &load.problems {
            report_problem(p);
            failed |= p.severity == Severity::Error;
        }
        for article in &load.articles {
            let ctx = DocContext { published: article.published };
            match extractor.try_claims(&article.text, &ctx) {
                Ok(claims) => records.extend(claims.into_iter().map(|c| ClaimRecord::from_article(article, c))),
                Err(bug) => {
                    report_problem(&super::shared::extraction_bug(article, &bug));
                    failed = true;
                }
            }
        }
    }
    global.timing("extract", started);
    super::claims::write_claims(&records, args.format, args.output.as_deref())?;
    Ok(if failed { Outcome::Partial } else { Outcome::Ok })
}
