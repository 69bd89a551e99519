//! `crosscheck search`: ranked full-text search over the indexed articles.

use super::shared::{parse_date, Format, Global};
use super::Outcome;
use crosscheck::index::{CrossIndex, SearchQuery, Spellings};
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Search the indexed articles (BM25 ranking, highlighted snippets).
///
/// QUERY uses tantivy's syntax: words, "exact phrases", AND / OR / -excluded, and field:term
/// for the fields title and body. Spelling variants of places and people in the lexicon are
/// found too ("Kiev" finds "Kyiv", "Zelenskiy" finds "Zelensky"); --exact turns that off.
///
/// Example:
///   crosscheck search territory
///   crosscheck search '"peace plan" AND -nato' --since 2025-11-01 --format csv
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The query.
    pub query: String,
    /// Only articles from this outlet (case-insensitive, whole name).
    #[arg(long)]
    pub source: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD); undated articles are left out.
    #[arg(long, value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Only articles published on or before this date (YYYY-MM-DD); undated articles are left out.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<jiff::civil::Date>,
    /// Number of results (at least 1; more than the index holds gives them all).
    #[arg(long, default_value_t = 10, value_parser = super::shared::parse_limit)]
    pub limit: usize,
    /// Match words exactly as written: no spelling variants ("Kiev" alone, not "Kyiv" too).
    #[arg(long)]
    pub exact: bool,
    /// Output format: table for people; jsonl (one object a line; json is the same) or csv for
    /// scripts.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let index = CrossIndex::open(&global.index)?;
    let source = super::shared::resolve_source(global, &index, args.source)?;
    // Spelling variants of places and people come from the lexicon (built-in plus --lexicon).
    let spellings = if args.exact {
        Spellings::default()
    } else {
        Spellings::from_groups(&crosscheck::extract::Lexicon::load(&global.lexicon)?.spelling_groups())
    };
    let hits = index
        .search_with(
            &SearchQuery { query: args.query.clone(), source, since: args.since, until: args.until, limit: args.limit },
            &spellings,
        )
        .map_err(|e| super::query_hint::explain(e, &["title", "body"], &["--source", "--since", "--until"]))?;
    global.timing("search", started);
    if hits.is_empty() {
        global.say(format_args!("no matches for {:?}", args.query));
        return Ok(Outcome::Ok);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Table => {
            let ansi = global.color;
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            if !std::io::stdout().is_terminal() {
                t.set_width(120);
            }
            t.set_header(vec!["#", "score", "source", "date", "title / snippet"]);
            for h in &hits {
                let mark = if ansi { ("\x1b[1m", "\x1b[0m") } else { ("**", "**") };
                use crosscheck::report::printable;
                t.add_row(vec![
                    h.rank.to_string(),
                    format!("{:.2}", h.score),
                    printable(&if h.outlets.is_empty() { h.source.clone().unwrap_or_else(|| "?".into()) } else { h.outlets.iter().map(|o| o.label()).collect::<Vec<_>>().join(",\n") }).into_owned(),
                    h.published.map_or_else(|| "?".into(), |d| d.to_string()),
                    format!("{}\n{}\n{}", printable(h.title.as_deref().unwrap_or("(untitled)")), printable(h.url.as_deref().unwrap_or(&h.doc)), crosscheck::report::highlight(h, mark)),
                ]);
            }
            writeln!(out, "{t}")?;
        }
        Format::Jsonl => crosscheck::report::json::write_lines(out, &crosscheck::report::HitRows(&hits))?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["rank", "score", "doc", "source", "published", "title", "snippet", "url"])?;
            for h in &hits {
                w.write_record([
                    h.rank.to_string(),
                    format!("{:.4}", h.score),
                    crosscheck::report::sheet_safe(&h.doc).into_owned(),
                    crosscheck::report::sheet_safe(h.source.as_deref().unwrap_or("")).into_owned(),
                    h.published.map(|d| d.to_string()).unwrap_or_default(),
                    crosscheck::report::sheet_safe(h.title.as_deref().unwrap_or("")).into_owned(),
                    crosscheck::report::sheet_safe(&crosscheck::report::highlight(h, ("**", "**"))).into_owned(),
                    crosscheck::report::sheet_safe(h.url.as_deref().unwrap_or("")).into_owned(),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(Outcome::Ok)
}
