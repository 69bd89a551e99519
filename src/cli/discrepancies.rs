//! `crosscheck discrepancies`: compare every indexed claim with the claims of other sources
//! about the same quantity and write the pairs that disagree.

use super::shared::{table_width, DataFormat, Global};
use super::Outcome;
use crosscheck::compare::{Comparer, Config, Pair, Verdict};
use crosscheck::index::{ClaimFilter, CrossIndex};
use crosscheck::report;
use crosscheck::index::ClaimRecord;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write claims that conflict across sources, or that a later source updates, as CSV.
///
/// Claims about the same quantity (the same identity: metric, measure and population, holder,
/// scope, kind, modality, unit) are paired across outlets; claims whose identity the text does
/// not establish are never paired. Hedges are read as intervals ("nearly 19%" = [17.1, 19]) and each pair gets
/// a verdict (agree, conflict, update, incomparable), a severity (relative gap) and the rule
/// that decided it. Without --all only conflict and update rows are written.
///
/// Example:
///   crosscheck discrepancies --output conflicts.csv
///   crosscheck discrepancies --all --metric territory_share --format table
///   crosscheck discrepancies --by quantity --format table
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write agree and incomparable rows.
    #[arg(long)]
    pub all: bool,
    /// Only this metric (e.g. territory_share; lexicon spellings such as "death toll" work too).
    #[arg(long)]
    pub metric: Option<String>,
    /// Only rows whose severity (relative gap) is at least X.
    #[arg(long, value_name = "X")]
    pub min_gap: Option<f64>,
    /// Tolerance file (see config/compare.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format (json is the same as jsonl; parquet needs --output or a redirect).
    #[arg(long, value_enum, default_value_t = DataFormat::Csv)]
    pub format: DataFormat,
    /// Also compare articles of the same outlet with each other (by default a pair needs two
    /// different outlets: an outlet repeating itself is not a second source).
    #[arg(long)]
    pub same_source: bool,
    /// One row per pair, or one row per quantity (its value clusters, who says what, the
    /// verdicts between clusters; ranked by severity × outlets). See the README for columns.
    #[arg(long, value_enum, default_value_t = By::Pair)]
    pub by: By,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Pair,
    Quantity,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    if args.by == By::Quantity {
        return super::summary::run(global, &args);
    }
    let started = std::time::Instant::now();
    super::shared::check_binary_output(args.output.as_deref(), args.format)?;
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let metric = match args.metric.clone() {
        Some(m) => super::shared::resolve_metric(global, &super::shared::lexicon(global)?, Some(m)),
        None => None,
    };
    let index = CrossIndex::open_scan(&global.index)?;
    let records = index.claims(&ClaimFilter { metric, ..Default::default() })?;
    let damaged = super::shared::report_damaged(&index);
    // The index is not needed any more: close it before the pairs are made.
    drop(index);
    global.timing("discrepancies: load claims", started);
    let compared = std::time::Instant::now();
    let comparer = Comparer { config: &config, explain_all: args.all, same_source: args.same_source };
    // Rows are made on this thread and written by another, so writing a large file overlaps
    // comparing (a 100,000-article corpus gives gigabytes of CSV).
    let (written, counts) = std::thread::scope(|s| -> anyhow::Result<(usize, [usize; 4])> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(8);
        let output = args.output.clone();
        let writer = s.spawn(move || write_chunks(output.as_deref(), rx));
        let mut sink = ChunkSink { buf: Vec::with_capacity(CHUNK), tx: Some(tx) };
        let made = make_rows(&args, &comparer, &records, &mut sink, global.color);
        let closed = sink.close();
        // The writer's error (a full disk, a closed pipe) is the one worth reporting.
        writer.join().map_err(|_| anyhow::anyhow!("the output writer stopped unexpectedly"))??;
        closed?;
        made
    })?;
    let count = |v: Verdict| counts[v as usize];
    global.timing("discrepancies: compare and write", compared);
    let all: usize = counts.iter().sum();
    global.say(format_args!(
        "{} claims compared: {} pairs ({} conflict, {} update, {} agree, {} incomparable); {} rows written{}",
        records.len(),
        all,
        count(Verdict::Conflict),
        count(Verdict::Update),
        count(Verdict::Agree),
        count(Verdict::Incomparable),
        written,
        args.output.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default()
    ));
    Ok(if damaged { Outcome::Partial } else { Outcome::Ok })
}

/// Bytes per chunk handed to the writer thread.
const CHUNK: usize = 1 << 20;

/// Compare and write the rows in the chosen format; returns how many were written.
/// Returns the rows written and the pairs compared, by verdict.
fn make_rows(args: &Args, comparer: &Comparer<'_>, records: &[ClaimRecord], sink: &mut ChunkSink, color: bool) -> anyhow::Result<(usize, [usize; 4])> {
    let mut counts = [0usize; 4];
    let keep = |p: &Pair| (args.all || p.verdict.flagged()) && args.min_gap.is_none_or(|g| p.severity >= g);
    let mut written = 0;
    match args.format {
        // CSV streams: runs of pairs are compared and formatted on every core, and written
        // in order as they come.
        DataFormat::Csv => {
            let mut header = csv::Writer::from_writer(Vec::new());
            header.write_record(report::pair_header())?;
            sink.write_all(&header.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
            let threads = crosscheck::ordered::cores();
            let render = |pairs: &[Pair]| -> ([usize; 4], csv::Result<Vec<u8>>, usize) {
                // Rows are about 750 bytes: size the buffer once.
                let mut w = csv::Writer::from_writer(Vec::with_capacity(pairs.len() * 800));
                let (mut run_counts, mut rows) = ([0usize; 4], 0);
                for p in pairs {
                    run_counts[p.verdict as usize] += 1;
                    if keep(p) {
                        rows += 1;
                        if let Err(e) = w.write_record(report::pair_row(p, records).iter().map(|c| c.as_bytes())) {
                            return (run_counts, Err(e), rows);
                        }
                    }
                }
                (run_counts, w.into_inner().map_err(|e| csv::Error::from(e.into_error())), rows)
            };
            let mut err: Option<anyhow::Error> = None;
            comparer.for_each_run(records, threads, render, |(run_counts, bytes, rows)| {
                if err.is_some() {
                    return;
                }
                counts.iter_mut().zip(run_counts).for_each(|(c, n)| *c += n);
                written += rows;
                match bytes {
                    Ok(b) => {
                        if let Err(e) = sink.send_owned(b) {
                            err = Some(e.into());
                        }
                    }
                    Err(e) => err = Some(e.into()),
                }
            });
            if let Some(e) = err {
                return Err(e);
            }
        }
        DataFormat::Jsonl | DataFormat::Table | DataFormat::Parquet => {
            let mut pairs = Vec::new();
            comparer.for_each_pair(records, |p| {
                counts[p.verdict as usize] += 1;
                if keep(&p) {
                    pairs.push(p);
                }
            });
            written = pairs.len();
            match args.format {
                DataFormat::Jsonl => report::write_pairs_jsonl(&mut *sink, &pairs, records)?,
                DataFormat::Parquet => super::shared::write_parquet(&mut *sink, &report::PairRows { pairs: &pairs, records })?,
                _ => report::write_pairs_table_styled(&mut *sink, &pairs, records, table_width(), color)?,
            }
        }
    }
    Ok((written, counts))
}

/// Collects output in chunks and hands each full chunk to the writer thread.
struct ChunkSink {
    buf: Vec<u8>,
    tx: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
}

impl ChunkSink {
    fn pass(&self, chunk: Vec<u8>) -> std::io::Result<()> {
        match &self.tx {
            Some(tx) => tx.send(chunk).map_err(|_| std::io::Error::other("the output writer stopped")),
            None => Err(std::io::Error::other("output already closed")),
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.pass(chunk)
    }

    /// Hand over a whole buffer without copying it (after what is already collected).
    fn send_owned(&mut self, data: Vec<u8>) -> std::io::Result<()> {
        if data.len() < CHUNK / 4 {
            return self.write_all(&data);
        }
        self.send()?;
        self.pass(data)
    }

    /// Send what is left and tell the writer there is no more.
    fn close(mut self) -> std::io::Result<()> {
        let sent = self.send();
        self.tx = None;
        sent
    }
}

impl Write for ChunkSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The writer thread: every chunk to the file (or standard output), in order.
fn write_chunks(output: Option<&Path>, chunks: std::sync::mpsc::Receiver<Vec<u8>>) -> anyhow::Result<()> {
    let mut out: Box<dyn Write> = match output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    for chunk in chunks {
        out.write_all(&chunk)?;
    }
    out.flush()?;
    Ok(())
}
