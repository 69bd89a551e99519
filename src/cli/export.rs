//! `crosscheck export --articles`: the indexed articles as NDJSON for a search cluster
//! (Quickwit's ingest API, or the `_bulk` API of OpenSearch, Elasticsearch and Quickwit).

use super::shared::{output, DataFormat, Global};
use super::Outcome;
use crosscheck::index::CrossIndex;
use crosscheck::report::{json, rows};
use std::io::Write;
use std::path::PathBuf;

/// Export the indexed articles as NDJSON for a search cluster.
///
/// One JSON object a line: id (content hash), doc, source, published (YYYY-MM-DD or null),
/// url, title, body. That is what Quickwit's ingest API takes. With --bulk INDEX each
/// document is preceded by a `{"create":{"_index":INDEX,"_id":ID}}` action line, the `_bulk`
/// format of OpenSearch and Elasticsearch (and Quickwit's compatible endpoint); the content
/// hash as _id makes a repeated upload add nothing. See docs/scale-out.md.
///
/// Example:
///   crosscheck export --articles --output articles.ndjson
///   curl -XPOST 'http://quickwit:7280/api/v1/news/ingest?commit=wait_for' --data-binary @articles.ndjson
///   crosscheck export --articles --bulk news | curl -XPOST -H 'Content-Type: application/x-ndjson' 'http://opensearch:9200/_bulk' --data-binary @-
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Export the articles (the only export today).
    #[arg(long, required = true)]
    pub articles: bool,
    /// Write `_bulk` requests for this index name (an action line before each document).
    #[arg(long, value_name = "INDEX")]
    pub bulk: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let index = CrossIndex::open(&global.index)?;
    let mut out = output(args.output.as_deref(), DataFormat::Jsonl)?;
    let names: Vec<&str> = rows::ARTICLE_FIELDS.iter().map(|(n, _)| *n).collect();
    let n = index.for_each_article(|a| -> anyhow::Result<()> {
        if let Some(name) = &args.bulk {
            let action = serde_json::json!({ "create": { "_index": name, "_id": a.id } });
            serde_json::to_writer(&mut out, &action)?;
            out.write_all(b"\n")?;
        }
        json::write_object(&mut out, &names, &rows::article_cells(&a))?;
        Ok(())
    })?;
    out.flush()?;
    global.say(format_args!(
        "exported {n} articles from {}{}",
        global.index.display(),
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default()
    ));
    global.timing("export", started);
    Ok(Outcome::Ok)
}
