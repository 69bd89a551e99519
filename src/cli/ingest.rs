//! `crosscheck ingest`: load articles, extract their claims, and write both to the index.
//!
//! Idempotent (content-hash ids: unchanged files add nothing, changed files replace their old
//! version) and atomic (an interrupted run leaves the last commit intact; run it again).

use super::shared::{extraction_bug, extractor, report_problem, Global};
use super::Outcome;
use crosscheck::corpus::{self, Article, Severity};
use crosscheck::index::CrossIndex;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Index articles and their claims.
///
/// Reads .txt, .md (optional YAML front matter), .html, .jsonl and .csv files, or folders of
/// them (recursively; symbolic links are followed, loops are not; a file named twice is read
/// once). A `sources.csv` manifest in a folder gives outlet, date, title and URL per file.
/// Unreadable files are reported and skipped; everything else is still indexed.
///
/// `-` reads standard input: JSON Lines article records (when it starts with `{`), or else a
/// list of paths, one a line (`find news -name '*.html' | crosscheck ingest -`).
///
/// Example:
///   crosscheck ingest corpus/
///   crosscheck --index /tmp/ix ingest articles/ more.jsonl
///   crosscheck ingest --glob '*.html' --glob '!drafts/**' site/
///   crosscheck ingest --prune corpus/      also drop articles whose files are gone
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to ingest, or - for standard input.
    #[arg(default_value = "corpus", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only files inside folders that match (`*.txt`); `!PATTERN` leaves files out. Repeatable.
    #[arg(long, value_name = "PATTERN")]
    pub glob: Vec<String>,
    /// Also read hidden files and folders (names starting with a dot).
    #[arg(long)]
    pub hidden: bool,
    /// Leave out what .gitignore and .ignore files in the folders list.
    #[arg(long)]
    pub gitignore: bool,
    /// Remove indexed articles under the given paths whose file is gone, or whose record is
    /// no longer in its file (a shorter .jsonl or .csv).
    #[arg(long)]
    pub prune: bool,
}

/// What one batch carries besides its articles: its problems and how much input it covers.
#[derive(Default)]
struct Done {
    problems: Vec<corpus::Problem>,
    bytes: u64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let extractor = extractor(global)?;
    let (paths, stdin_records) = stdin_input(&args.paths)?;
    let opts = corpus::DiscoverOptions { hidden: args.hidden, globs: args.glob.clone(), gitignore: args.gitignore };
    let (files, manifest, mut errors, mut failed_files) = discover(&paths, &opts);
    global.timing(&format!("ingest: list {} files", files.len()), started);
    let index = CrossIndex::create_or_open(&global.index)?;
    let build = super::shared::build_info(global)?;
    index.check_lexicon(&build)?;
    let mut writer = index.writer()?;
    index.record_build(&build)?;
    let sizes: Vec<u64> = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).collect();
    let stdin_bytes = stdin_records.as_ref().map_or(0, |(_, n)| *n);
    let bar = progress(global.progress, sizes.iter().sum::<u64>() + stdin_bytes);
    let loader_bar = bar.clone();
    // -v: the file being read, on the progress bar's line or (without a bar) a line each.
    let show_file = global.verbose;
    // Loading (one thread), extraction (one thread per core) and writing (this thread and
    // tantivy's indexer) overlap; batches come back here in file order.
    let batch = crosscheck::index::EXTRACT_BATCH;
    let stdin_batches = stdin_records.into_iter().flat_map(|(load, n)| split(load.articles, Done { problems: load.problems, bytes: n }, batch));
    let file_batches = files.chunks(batch).zip(sizes.chunks(batch)).flat_map(|(chunk, sizes)| {
        let mut done = Done::default();
        let mut articles = Vec::new();
        for (path, size) in chunk.iter().zip(sizes) {
            loader_bar.set_message(path.display().to_string());
            if show_file && loader_bar.is_hidden() {
                eprintln!("crosscheck: reading {}", path.display());
            }
            let load = corpus::load_file(path, &manifest);
            done.problems.extend(load.problems);
            done.bytes += size;
            articles.extend(load.articles);
        }
        split(articles, done, batch)
    });
    let mut seen_docs: HashSet<String> = HashSet::new();
    crosscheck::index::extract_pipeline(&extractor, stdin_batches.chain(file_batches), |done, payload: Done| {
        for p in &payload.problems {
            bar.suspend(|| report_problem(p));
            if p.severity == Severity::Error {
                errors += 1;
                writer.skipped(1);
                failed_files.insert(p.path.clone());
            }
        }
        for (article, claims) in done {
            let claims = claims.unwrap_or_else(|bug| {
                bar.suspend(|| report_problem(&extraction_bug(&article, &bug)));
                errors += 1;
                Vec::new()
            });
            if args.prune {
                seen_docs.insert(article.doc.clone());
            }
            writer.add(&article, claims)?;
        }
        bar.inc(payload.bytes);
        Ok::<(), crosscheck::index::IndexError>(())
    })?;
    bar.finish_and_clear();
    let pruned = if args.prune {
        let given: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        writer.prune(|doc| {
            let file = file_of(doc);
            !seen_docs.contains(doc) && given.iter().any(|g| file.starts_with(g)) && !failed_files.contains(file)
        })?
    } else {
        0
    };
    global.timing("ingest: load, extract and index", started);
    let committing = Instant::now();
    let mut summary = writer.commit()?;
    global.timing("ingest: commit", committing);
    summary.seconds = started.elapsed().as_secs_f64();
    say_summary(global, files.len() + usize::from(stdin_bytes > 0), &summary, args.prune.then_some(pruned));
    Ok(if errors > 0 { Outcome::Partial } else { Outcome::Ok })
}

/// The files to read, the manifest of their metadata, and the problems found on the way
/// (reported here): how many were errors, and which files had one.
fn discover(paths: &[PathBuf], opts: &corpus::DiscoverOptions) -> (Vec<PathBuf>, corpus::Manifest, usize, HashSet<PathBuf>) {
    let (files, mut problems) = corpus::discover_with(paths, opts);
    let (manifest, manifest_problems) = corpus::manifest_for(paths);
    problems.extend(manifest_problems);
    let mut errors = 0usize;
    // Files with an error keep their indexed articles under --prune.
    let mut failed_files: HashSet<PathBuf> = HashSet::new();
    for p in &problems {
        report_problem(p);
        if p.severity == Severity::Error {
            errors += 1;
            failed_files.insert(p.path.clone());
        }
    }
    (files, manifest, errors, failed_files)
}

/// The one-line summary of an ingest.
fn say_summary(global: &Global, files: usize, summary: &crosscheck::index::IngestSummary, pruned: Option<usize>) {
    let pruned = pruned.map(|n| format!(", {n} pruned")).unwrap_or_default();
    let copies = match summary.copies {
        0 => String::new(),
        1 => ", 1 copy kept as another outlet of its article".to_string(),
        n => format!(", {n} copies kept as other outlets of their articles"),
    };
    global.say(format_args!(
        "ingested {files} files into {}: {} added, {} updated, {} unchanged{copies}, {} skipped{pruned}; {} claims; {:.2} s",
        corpus::one_line(&global.index.display().to_string()),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.skipped,
        summary.claims,
        summary.seconds
    ));
}

/// Records read from standard input, and how many bytes they came in.
type StdinRecords = (corpus::FileLoad, u64);

/// `-` among the paths: standard input holds either JSON Lines records (loaded here, with
/// their size) or a list of paths (added to the others).
fn stdin_input(paths: &[PathBuf]) -> anyhow::Result<(Vec<PathBuf>, Option<StdinRecords>)> {
    if !paths.iter().any(|p| p.as_os_str() == "-") {
        return Ok((paths.to_vec(), None));
    }
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
    let mut out: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        let n = bytes.len() as u64;
        return Ok((out, Some((corpus::load_stdin_records(&bytes), n))));
    }
    let list = String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("standard input: a list of paths must be UTF-8 (byte {})", e.utf8_error().valid_up_to()))?;
    out.extend(list.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty()).map(PathBuf::from));
    Ok((out, None))
}

/// The file an article's doc names (`path#N` for a record of a multi-record file).
fn file_of(doc: &str) -> &Path {
    match doc.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Path::new(file),
        _ => Path::new(doc),
    }
}

/// A big JSONL or CSV file is many articles: split it so every worker gets a share; the
/// batch's problems go with the first part and its bytes are shared out by articles.
fn split(articles: Vec<Article>, done: Done, batch: usize) -> Vec<(Vec<Article>, Done)> {
    let parts = articles.len().div_ceil(batch).max(1);
    let mut out: Vec<(Vec<Article>, Done)> = Vec::with_capacity(parts);
    let mut rest = articles.into_iter().peekable();
    let (mut problems, total) = (Some(done.problems), done.bytes);
    for k in 0..parts {
        let part: Vec<Article> = rest.by_ref().take(batch).collect();
        let bytes = total * (k as u64 + 1) / parts as u64 - total * k as u64 / parts as u64;
        out.push((part, Done { problems: problems.take().unwrap_or_default(), bytes }));
    }
    out
}

fn progress(show: bool, total_bytes: u64) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    // The clock and the current file move even while one big file is being read.
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}
