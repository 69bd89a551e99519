//! `crosscheck discrepancies --by quantity`: the flagged pairs summarised, one row per quantity.

use super::discrepancies::Args;
use super::shared::DataFormat;
use super::shared::{table_width, Global};
use super::Outcome;
use crosscheck::compare::{summarise_records, Config, QuantitySummary};
use crosscheck::index::{ClaimFilter, ClaimRecord, CrossIndex};
use crosscheck::report;
use std::io::Write;

/// Claims of the index (one metric when asked), compared and summarised by quantity.
pub fn load_and_summarise(global: &Global, metric: Option<String>, config: &Config) -> anyhow::Result<(Vec<ClaimRecord>, Vec<QuantitySummary>)> {
    let index = CrossIndex::open_scan(&global.index)?;
    let records = index.claims(&ClaimFilter { metric, ..Default::default() })?;
    drop(index);
    let quantities = summarise_records(&records, config);
    Ok((records, quantities))
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<Outcome> {
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let (records, mut quantities) = load_and_summarise(global, args.metric.clone(), &config)?;
    if let Some(g) = args.min_gap {
        quantities.retain(|q| q.severity >= g);
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?)),
        None => Box::new(std::io::stdout().lock()),
    };
    match args.format {
        DataFormat::Csv => report::write_summary_csv(out, &quantities, &records)?,
        DataFormat::Jsonl => report::write_summary_jsonl(out, &quantities, &records)?,
        DataFormat::Table => report::write_summary_table(out, &quantities, &records, table_width())?,
        DataFormat::Parquet => anyhow::bail!("the quantity summary is written as table, csv or jsonl; parquet is for claims and pair rows"),
    }
    let conflicts = quantities.iter().filter(|q| q.verdict == crosscheck::compare::Verdict::Conflict).count();
    global.say(format_args!(
        "{} claims compared: {} quantities flagged ({} in conflict, {} updated); {} rows written{}",
        records.len(),
        quantities.len(),
        conflicts,
        quantities.len() - conflicts,
        quantities.len(),
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default()
    ));
    Ok(Outcome::Ok)
}
