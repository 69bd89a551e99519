//! `crosscheck report`: the disagreements of the index as one self-contained HTML page.

use super::shared::{parse_date, Global};
use super::Outcome;
use crosscheck::compare::{Config, QuantitySummary};
use crosscheck::report::html::{write_html, Page};
use std::path::PathBuf;

/// Write an HTML evidence report: per quantity in conflict or updated, an interval chart (or a
/// timeline for updates), each claim's sentence with the figure marked, outlet, date and link,
/// and the rule that decided each verdict.
///
/// The file is self-contained (inline CSS and SVG, no scripts, nothing from the network) and
/// opens offline. Quantities are ranked by severity × number of outlets.
///
/// Example:
///   crosscheck report --output report.html
///   crosscheck report --metric casualties --since 2022-03-01 --source BBC -o bbc.html
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The HTML file to write.
    #[arg(long, short, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    /// Only this metric (e.g. territory_share).
    #[arg(long)]
    pub metric: Option<String>,
    /// Only quantities with a claim dated on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Only quantities on which this outlet speaks (case-insensitive, whole name).
    #[arg(long)]
    pub source: Option<String>,
    /// At most N quantities, highest ranked first.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,
    /// Tolerance file (see config/compare.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Keep the quantities a reader asked for: dated on or after `since`, with `source` among
/// their outlets.
pub fn filter(quantities: &mut Vec<QuantitySummary>, since: Option<jiff::civil::Date>, source: Option<&str>) {
    if let Some(d) = since {
        quantities.retain(|q| q.last.is_some_and(|l| l >= d));
    }
    if let Some(src) = source {
        let want = src.trim().to_lowercase();
        quantities.retain(|q| q.clusters.iter().any(|c| c.outlets.iter().any(|o| o.trim().to_lowercase() == want)));
    }
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let (records, mut quantities) = super::summary::load_and_summarise(global, args.metric.clone(), &config)?;
    filter(&mut quantities, args.since, args.source.as_deref());
    let total = quantities.len();
    quantities.truncate(args.limit);
    let mut scope = Vec::new();
    if let Some(m) = &args.metric {
        scope.push(format!("metric {m}"));
    }
    if let Some(d) = args.since {
        scope.push(format!("since {d}"));
    }
    if let Some(s) = &args.source {
        scope.push(format!("outlet {s}"));
    }
    let subtitle = format!(
        "{} claims in {} compared{}.",
        records.len(),
        global.index.display(),
        if scope.is_empty() { String::new() } else { format!("; {}", scope.join(", ")) }
    );
    let page = Page { title: "Where the sources disagree", subtitle, quantities: &quantities, records: &records, config: &config, total_quantities: total };
    let file = std::fs::File::create(&args.output).map_err(|e| anyhow::anyhow!("{}: {e}", args.output.display()))?;
    write_html(std::io::BufWriter::new(file), &page).map_err(|e| anyhow::anyhow!("{}: {e}", args.output.display()))?;
    eprintln!("wrote {}: {} of {} flagged quantities", args.output.display(), quantities.len(), total);
    Ok(Outcome::Ok)
}
