//! `crosscheck stats`: what the index holds and what it was built with.

use super::shared::Global;
use super::Outcome;
use crosscheck::corpus::one_line;
use crosscheck::index::CrossIndex;
use std::io::Write;

/// Show what the index holds: articles, claims, outlets, date range, size, and the lexicon
/// it was built with.
///
/// Example:
///   crosscheck stats
///   crosscheck stats --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output format: text for people, json (one object) for scripts.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let index = CrossIndex::open(&global.index)?;
    let s = index.stats()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.format == StatsFormat::Json {
        writeln!(out, "{}", serde_json::to_string(&s)?)?;
        return Ok(Outcome::Ok);
    }
    let date = |d: Option<jiff::civil::Date>| d.map_or_else(|| "?".to_string(), |d| d.to_string());
    writeln!(out, "index      {}", one_line(&s.path))?;
    writeln!(out, "articles   {}", s.articles)?;
    writeln!(out, "claims     {}", s.claims)?;
    writeln!(out, "outlets    {}", s.outlets)?;
    writeln!(out, "published  {} to {} ({} undated)", date(s.first_published), date(s.last_published), s.undated_articles)?;
    writeln!(out, "size       {:.1} MB in {} segments", s.bytes as f64 / 1e6, s.segments)?;
    match &s.build {
        Some(b) => {
            writeln!(out, "built by   crosscheck {}", b.crosscheck)?;
            writeln!(out, "lexicon    {}", b.describe_lexicon())?;
            for l in &b.lexicon {
                writeln!(out, "           {} (xxh3 {})", one_line(&l.path), l.hash)?;
            }
        }
        None => writeln!(out, "lexicon    unknown (the index was made before crosscheck recorded it)")?,
    }
    writeln!(out, "config     none at ingest: tolerances (--config) are read by discrepancies and check when they run")?;
    Ok(Outcome::Ok)
}
