//! `crosscheck discrepancies`: compare every indexed claim with the claims of other sources
//! about the same quantity and write the pairs that disagree.

use super::shared::{table_width, Global};
use super::Outcome;
use crosscheck::compare::{Comparer, Config, Pair, Verdict};
use crosscheck::index::{ClaimFilter, CrossIndex};
use crosscheck::report;
use std::path::PathBuf;

/// Write claims that conflict across sources, or that a later source updates, as CSV.
///
/// Claims about the same quantity (same metric and measure, holder, scope and unit) are paired
/// across articles; hedges are read as intervals ("nearly 19%" = [17.1, 19]) and each pair gets
/// a verdict (agree, conflict, update, incomparable), a severity (relative gap) and the rule
/// that decided it. Without --all only conflict and update rows are written.
///
/// Example:
///   crosscheck discrepancies --output conflicts.csv
///   crosscheck discrepancies --all --metric territory_share --format table
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write agree and incomparable rows.
    #[arg(long)]
    pub all: bool,
    /// Only this metric (e.g. territory_share).
    #[arg(long)]
    pub metric: Option<String>,
    /// Only rows whose severity (relative gap) is at least X.
    #[arg(long, value_name = "X")]
    pub min_gap: Option<f64>,
    /// Tolerance file (see config/compare.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PairFormat::Csv)]
    pub format: PairFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PairFormat {
    Csv,
    Jsonl,
    Table,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let index = CrossIndex::open(&global.index)?;
    let records = index.claims(&ClaimFilter { metric: args.metric.clone(), ..Default::default() })?;
    let comparer = Comparer { config: &config, explain_all: args.all };
    let mut counts = [0usize; 4];
    let mut written = 0usize;
    let keep = |p: &Pair| (args.all || p.verdict.flagged()) && args.min_gap.is_none_or(|g| p.severity >= g);
    let mut sink: Box<dyn std::io::Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut tally = |p: &Pair| {
        counts[p.verdict as usize] += 1;
    };
    match args.format {
        // CSV streams: rows are written as groups are compared.
        PairFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut sink);
            w.write_record(report::pair_header())?;
            let mut err = None;
            comparer.for_each_pair(&records, |p| {
                tally(&p);
                if keep(&p) && err.is_none() {
                    written += 1;
                    if let Err(e) = w.write_record(report::pair_row(&p, &records).iter().map(|c| c.as_bytes())) {
                        err = Some(e);
                    }
                }
            });
            if let Some(e) = err {
                return Err(e.into());
            }
            w.flush()?;
        }
        PairFormat::Jsonl | PairFormat::Table => {
            let mut pairs = Vec::new();
            comparer.for_each_pair(&records, |p| {
                tally(&p);
                if keep(&p) {
                    pairs.push(p);
                }
            });
            written = pairs.len();
            if args.format == PairFormat::Jsonl {
                report::write_pairs_jsonl(&mut sink, &pairs, &records)?;
            } else {
                report::write_pairs_table(&mut sink, &pairs, &records, table_width())?;
            }
        }
    }
    sink.flush()?;
    let count = |v: Verdict| counts[v as usize];
    let all: usize = counts.iter().sum();
    eprintln!(
        "{} claims compared: {} pairs ({} conflict, {} update, {} agree, {} incomparable); {} rows written{}",
        records.len(),
        all,
        count(Verdict::Conflict),
        count(Verdict::Update),
        count(Verdict::Agree),
        count(Verdict::Incomparable),
        written,
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default()
    );
    Ok(Outcome::Ok)
}
