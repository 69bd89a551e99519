//! `crosscheck claims`: list the claims stored in the index, filtered.

use super::shared::{output, table_width, DataFormat, Global};
use super::Outcome;
use crosscheck::index::{ClaimFilter, CrossIndex};
use crosscheck::index::ClaimRecord;
use crosscheck::report;
use std::io::Write;
use std::path::{Path, PathBuf};

/// List indexed claims: value, unit, hedge, metric, holder, scope, as-of date, source.
///
/// QUERY (optional) searches the claims' sentences with tantivy syntax.
///
/// Example:
///   crosscheck claims --metric territory_share
///   crosscheck claims --holder Russia --format csv
///   crosscheck claims "profits" --format jsonl
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Words the claim's sentence must match.
    pub query: Option<String>,
    /// Only this metric (territory_share, casualties, office:chancellor, ...); lexicon
    /// spellings work too ("territory share", "death toll", "chancellor").
    #[arg(long)]
    pub metric: Option<String>,
    /// Only claims about this holder: Russia, United States, EU, ... or any gazetteer
    /// spelling of them (Kremlin, Moscow, Washington, Brussels).
    #[arg(long)]
    pub holder: Option<String>,
    /// Only claims from this outlet (case, spaces and punctuation do not matter).
    #[arg(long)]
    pub source: Option<String>,
    /// Only this unit (percent, USD, count, person, ...).
    #[arg(long)]
    pub unit: Option<String>,
    /// At most N claims.
    #[arg(long)]
    pub limit: Option<usize>,
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
    let lexicon = super::shared::lexicon(global)?;
    let index = CrossIndex::open(&global.index)?;
    let filter = ClaimFilter {
        metric: super::shared::resolve_metric(global, &lexicon, args.metric),
        holder: super::shared::resolve_holder(global, &lexicon, args.holder),
        source: super::shared::resolve_source(global, &index, args.source)?,
        unit: args.unit,
        query: args.query,
    };
    let mut rows = index
        .claims(&filter)
        .map_err(|e| super::query_hint::explain(e, &["sentence"], &["--source", "--holder", "--metric", "--unit"]))?;
    global.timing("claims: load", started);
    let damaged = super::shared::report_damaged(&index);
    if let Some(n) = args.limit {
        rows.truncate(n);
    }
    if rows.is_empty() {
        global.say(format_args!("no claims match"));
        // Scripts still get a well-formed empty file (a CSV header, a Parquet schema).
        if args.format == DataFormat::Table {
            return Ok(if damaged { Outcome::Partial } else { Outcome::Ok });
        }
    }
    write_claims(&rows, args.format, args.output.as_deref())?;
    Ok(if damaged { Outcome::Partial } else { Outcome::Ok })
}

/// Claim rows in any format, to `path` or standard output (shared with `extract`).
pub fn write_claims(rows: &[ClaimRecord], format: DataFormat, path: Option<&Path>) -> anyhow::Result<()> {
    let mut out = output(path, format)?;
    match format {
        DataFormat::Jsonl => report::write_claims_jsonl(&mut out, rows)?,
        DataFormat::Csv => report::write_claims_csv(&mut out, rows)?,
        DataFormat::Table => report::write_claims_table(&mut out, rows, table_width())?,
        DataFormat::Parquet => super::shared::write_parquet(&mut out, &report::ClaimRows(rows))?,
    }
    out.flush()?;
    Ok(())
}
