//! Command-line glue. One file per subcommand: its usage text, its arguments, its `run`.
//!
//! Exit codes (documented in the README):
//! - 0: the work was done and nothing needs attention;
//! - 1: `check` found a conflict (as linters report findings);
//! - 2: an error stopped the command (bad flags, missing or locked index, unreadable lexicon);
//! - 3: the work was done but some inputs were skipped with errors (each one reported).

mod check;
mod claims;
mod discrepancies;
mod docs;
mod export;
mod extract;
mod ingest;
mod report;
mod query_hint;
mod search;
mod shared;
mod stats;
mod verify;
mod summary;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// What a subcommand reports back to `main`.
pub enum Outcome {
    /// Done, nothing to flag.
    Ok,
    /// Done, and findings to flag (check: a conflict).
    Findings,
    /// Done, but some inputs failed (already reported on stderr).
    Partial,
}

const ABOUT: &str = "Find where news sources disagree.

crosscheck indexes a folder of articles, extracts every numeric and factual claim (shares,
amounts, counts, durations, who holds which office) with its hedge, unit and as-of date, and
says for claims about the same quantity whether sources agree, conflict, or one revises the
other.";

const EXAMPLES: &str = "Examples:
  crosscheck ingest corpus/                       index the bundled articles
  crosscheck search '\"peace plan\" AND territory'   full-text search with snippets
  crosscheck extract corpus/004_5597e02c02573cef.txt --format table
  crosscheck claims --metric territory_share      claims stored in the index
  crosscheck discrepancies --output conflicts.csv conflicts and updates across sources
  crosscheck check new-article.txt                check a new article against the index
  crosscheck verify                               check the index for damage
  crosscheck stats                                what the index holds and was built with
  crosscheck report --output report.html          an HTML evidence report of the disagreements

  crosscheck claims --format parquet --output claims.parquet   claims for DuckDB, Spark, Polars

Environment:
  CROSSCHECK_INDEX   index directory when --index is not given
  NO_COLOR           no colour with --color auto (the default)";

#[derive(Parser)]
#[command(name = "crosscheck", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// Index directory (created by `ingest`); the CROSSCHECK_INDEX environment variable sets it
    /// when the flag is not given.
    #[arg(long, global = true, env = "CROSSCHECK_INDEX", default_value = "index", value_name = "DIR")]
    pub index: PathBuf,

    /// Extra lexicon file (TOML) merged over the built-in metrics, gazetteer and offices.
    #[arg(long, global = true, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,

    /// Errors only: no progress bars, warnings or summary lines.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more: the file being read during ingest, and how long each step took.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// When to colour output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = shared::ColorWhen::Auto, value_name = "WHEN")]
    pub color: shared::ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Ingest(ingest::Args),
    Search(search::Args),
    Extract(extract::Args),
    Claims(claims::Args),
    Discrepancies(discrepancies::Args),
    Check(check::Args),
    Verify(verify::Args),
    Stats(stats::Args),
    Report(report::Args),
    Export(export::Args),
    Completions(docs::CompletionsArgs),
    Man(docs::ManArgs),
}

pub fn main() -> ExitCode {
    // A bug that panics is reported on one line like any other error (extraction catches its
    // own panics and carries on with the next article; anything else ends with exit code 2).
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
        eprintln!("crosscheck: internal error{at}: {msg} (please report this)");
    }));
    let cli = Cli::parse();
    let global = shared::Global::from_cli(&cli);
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cli.command {
        Command::Ingest(a) => ingest::run(&global, a),
        Command::Search(a) => search::run(&global, a),
        Command::Extract(a) => extract::run(&global, a),
        Command::Claims(a) => claims::run(&global, a),
        Command::Discrepancies(a) => discrepancies::run(&global, a),
        Command::Check(a) => check::run(&global, a),
        Command::Verify(a) => verify::run(&global, a),
        Command::Stats(a) => stats::run(&global, a),
        Command::Report(a) => report::run(&global, a),
        Command::Export(a) => export::run(&global, a),
        Command::Completions(a) => docs::completions(a),
        Command::Man(a) => docs::man(a),
    }));
    let Ok(result) = run else {
        return ExitCode::from(2); // the hook has said what happened
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Partial) => ExitCode::from(3),
        Err(e) => {
            if shared::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if shared::color_stderr() {
                eprintln!("crosscheck: \x1b[31m{e:#}\x1b[0m");
            } else {
                eprintln!("crosscheck: {e:#}");
            }
            ExitCode::from(2)
        }
    }
}
