//! `crosscheck verify`: read the whole index and say what, if anything, is damaged.

use super::shared::Global;
use super::Outcome;
use crosscheck::corpus::one_line;
use crosscheck::index::CrossIndex;

/// Check the index: every file's checksum, every stored document and claim record.
///
/// Changes nothing and needs no write access. Prints what is damaged, one line each, and exits
/// with 2 when anything is; 0 when the index is intact.
///
/// Example:
///   crosscheck verify
///   crosscheck --index /srv/news-index verify
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(global: &Global, _args: Args) -> anyhow::Result<Outcome> {
    let report = CrossIndex::verify(&global.index)?;
    let at = one_line(&global.index.display().to_string()).into_owned();
    if report.ok() {
        eprintln!(
            "index at {at} is intact: {} segments, {} documents, {} claim records read",
            report.segments, report.documents, report.claim_records
        );
        return Ok(Outcome::Ok);
    }
    for p in &report.problems {
        eprintln!("crosscheck: damaged: index at {at}: {p}");
    }
    if report.more_problems > 0 {
        eprintln!("crosscheck: damaged: index at {at}: and {} more problems", report.more_problems);
    }
    anyhow::bail!(
        "index at {at} is damaged ({} problems; {} documents could be read). Nothing was changed. Restore the folder from a backup, or ingest the articles again into a new index folder (--index NEW) and use that",
        report.problems.len() + report.more_problems,
        report.documents
    )
}
