//! `crosscheck claims`: list the claims stored in the index, filtered.

use super::shared::{table_width, Global};
use super::Outcome;
use crosscheck::index::{ClaimFilter, CrossIndex};
use crosscheck::report;

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
    /// Only this metric (territory_share, casualties, office:chancellor, ...).
    #[arg(long)]
    pub metric: Option<String>,
    /// Only claims about this holder (as normalised: Russia, United States, EU, ...).
    #[arg(long)]
    pub holder: Option<String>,
    /// Only claims from this outlet (case-insensitive).
    #[arg(long)]
    pub source: Option<String>,
    /// Only this unit (percent, USD, count, person, ...).
    #[arg(long)]
    pub unit: Option<String>,
    /// At most N claims.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::extract::ExtractFormat::Table)]
    pub format: super::extract::ExtractFormat,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let index = CrossIndex::open(&global.index)?;
    let mut rows = index.claims(&ClaimFilter { metric: args.metric, holder: args.holder, source: args.source, unit: args.unit, query: args.query })?;
    let damaged = super::shared::report_damaged(&index);
    if let Some(n) = args.limit {
        rows.truncate(n);
    }
    if rows.is_empty() {
        eprintln!("no claims match");
        return Ok(if damaged { Outcome::Partial } else { Outcome::Ok });
    }
    let stdout = std::io::stdout();
    let out = stdout.lock();
    use super::extract::ExtractFormat as F;
    match args.format {
        F::Jsonl => report::write_claims_jsonl(out, &rows)?,
        F::Csv => report::write_claims_csv(out, &rows)?,
        F::Table => report::write_claims_table(out, &rows, table_width())?,
    }
    Ok(if damaged { Outcome::Partial } else { Outcome::Ok })
}
