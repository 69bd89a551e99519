//! Plumbing shared by subcommands: global options, output formats, broken pipes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Global options, resolved once.
pub struct Global {
    /// The index folder, as an absolute path (messages show where it is).
    pub index: PathBuf,
    pub lexicon: Vec<PathBuf>,
    /// Show progress bars: stderr is a terminal and --quiet was not given.
    pub progress: bool,
    /// Errors only: no warnings, notes or summary lines.
    pub quiet: bool,
    /// The file being read, and how long each step took.
    pub verbose: bool,
    /// Colour on standard output (tables, highlights).
    pub color: bool,
}

/// `--color`: when to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless the NO_COLOR environment variable is set (to anything but "").
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether a stream that is (or is not) a terminal gets colour.
    pub fn resolve(self, terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Set once from the flags; read by the one-line reporters, which have no `Global` at hand.
static QUIET: AtomicBool = AtomicBool::new(false);
static COLOR_ERR: AtomicBool = AtomicBool::new(false);

impl Global {
    pub fn from_cli(cli: &super::Cli) -> Self {
        use std::io::IsTerminal;
        QUIET.store(cli.quiet, Ordering::Relaxed);
        COLOR_ERR.store(cli.color.resolve(std::io::stderr().is_terminal()), Ordering::Relaxed);
        Global {
            index: std::path::absolute(&cli.index).unwrap_or_else(|_| cli.index.clone()),
            lexicon: cli.lexicon.clone(),
            progress: !cli.quiet && std::io::stderr().is_terminal(),
            quiet: cli.quiet,
            verbose: cli.verbose && !cli.quiet,
            color: cli.color.resolve(std::io::stdout().is_terminal()),
        }
    }

    /// A summary or note on stderr, unless --quiet.
    pub fn say(&self, msg: std::fmt::Arguments<'_>) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// A step's timing on stderr, with --verbose: `crosscheck: <what>: 0.12 s`.
    pub fn timing(&self, what: &str, since: std::time::Instant) {
        if self.verbose {
            eprintln!("crosscheck: {what}: {:.3} s", since.elapsed().as_secs_f64());
        }
    }
}

/// Output format of every command that prints rows: a table for people, CSV or JSON Lines for
/// scripts (`json` is accepted for `jsonl`: one object a line either way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for reading.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object a line; numbers are numbers and unknowns null (`json` is the same).
    #[value(alias = "json")]
    Jsonl,
}

/// Output format of the commands whose rows are a data set (extract, claims, discrepancies):
/// the [`Format`]s and Parquet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DataFormat {
    /// A table for reading.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object a line; numbers are numbers and unknowns null (`json` is the same).
    #[value(alias = "json")]
    Jsonl,
    /// Apache Parquet with typed columns (needs --output FILE or a redirect, and a build with
    /// the `parquet` cargo feature).
    Parquet,
}

/// Parquet needs a build with the `parquet` cargo feature, and being binary it never goes to a
/// terminal. Checked before any work, so a wrong choice costs nothing and writes no file.
pub fn check_binary_output(path: Option<&Path>, format: DataFormat) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if format == DataFormat::Parquet && !cfg!(feature = "parquet") {
        anyhow::bail!("{PARQUET_MISSING}")
    }
    if format == DataFormat::Parquet && path.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("Parquet is binary: give --output FILE (or redirect standard output)")
    }
    Ok(())
}

/// Where rows go: `--output FILE` or standard output.
pub fn output(path: Option<&Path>, format: DataFormat) -> anyhow::Result<Box<dyn Write + Send>> {
    check_binary_output(path, format)?;
    match path {
        Some(p) => {
            let f = std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            Ok(Box::new(std::io::BufWriter::with_capacity(1 << 16, f)))
        }
        None => Ok(Box::new(std::io::BufWriter::new(std::io::stdout()))),
    }
}

/// What a build without the `parquet` feature says when asked for Parquet.
const PARQUET_MISSING: &str = "this crosscheck was built without Parquet output: rebuild with `cargo build --release --features parquet` (or `cargo install --path . --features parquet`)";

/// Write rows as Parquet (when this build has it).
pub fn write_parquet(out: &mut (dyn Write + Send), rows: &dyn crosscheck::report::Rows) -> anyhow::Result<()> {
    #[cfg(feature = "parquet")]
    {
        crosscheck::report::parquet::write_parquet(out, rows)?;
        Ok(())
    }
    #[cfg(not(feature = "parquet"))]
    {
        let _ = (out, rows);
        anyhow::bail!("{PARQUET_MISSING}")
    }
}

/// A closed pipe (`crosscheck ... | head`) is not an error. The pipe error may come wrapped:
/// the csv writer's error inside an `io::Error` of kind Other, for one.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| error_is_broken_pipe(c, 0))
}

fn error_is_broken_pipe(e: &(dyn std::error::Error + 'static), depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return true;
        }
        if let Some(inner) = io.get_ref() {
            return error_is_broken_pipe(inner, depth + 1);
        }
    }
    if let Some(c) = e.downcast_ref::<csv::Error>() {
        if let csv::ErrorKind::Io(io) = c.kind() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
    }
    e.source().is_some_and(|s| error_is_broken_pipe(s, depth + 1))
}

/// What this run extracts with (for comparing with what the index was built with).
pub fn build_info(global: &Global) -> anyhow::Result<crosscheck::index::BuildInfo> {
    Ok(crosscheck::index::BuildInfo::current(&global.lexicon)?)
}

/// Say so when stored claim records could not be read (they are left out of the result);
/// true when there were any.
pub fn report_damaged(index: &crosscheck::index::CrossIndex) -> bool {
    let (n, first) = index.take_damaged();
    if n == 0 {
        return false;
    }
    eprintln!(
        "crosscheck: warning: index at {}: {n} stored claim record{} could not be read and {} left out ({}); `crosscheck verify` lists the damage",
        crosscheck::corpus::one_line(&index.path().display().to_string()),
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" },
        first.join("; ")
    );
    true
}

/// The extractor every command uses: built-in lexicons plus the user's `--lexicon` files.
pub fn extractor(global: &Global) -> anyhow::Result<crosscheck::extract::Extractor> {
    Ok(crosscheck::extract::Extractor::load(&global.lexicon)?)
}

/// Report one input problem on stderr, one line: `crosscheck: error: path:line (byte N): msg`.
/// With --quiet, warnings are left out (errors always show).
pub fn report_problem(p: &crosscheck::corpus::Problem) {
    let (level, color) = match p.severity {
        crosscheck::corpus::Severity::Warning if QUIET.load(Ordering::Relaxed) => return,
        crosscheck::corpus::Severity::Warning => ("warning", "\x1b[33m"),
        crosscheck::corpus::Severity::Error => ("error", "\x1b[31m"),
    };
    if COLOR_ERR.load(Ordering::Relaxed) {
        eprintln!("crosscheck: {color}{level}\x1b[0m: {p}");
    } else {
        eprintln!("crosscheck: {level}: {p}");
    }
}

/// Whether standard error gets colour (for the final error line).
pub fn color_stderr() -> bool {
    COLOR_ERR.load(Ordering::Relaxed)
}

/// A panic inside extraction, as a problem with the file (the article is kept, without claims).
pub fn extraction_bug(article: &crosscheck::corpus::Article, message: &str) -> crosscheck::corpus::Problem {
    crosscheck::corpus::Problem {
        path: std::path::PathBuf::from(&article.doc),
        line: None,
        offset: None,
        message: format!("claim extraction failed (a bug, please report it): {message}; the article has no claims"),
        severity: crosscheck::corpus::Severity::Error,
    }
}

/// Parse a `--limit` value: a whole number, at least 1.
pub fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<u128>() {
        Ok(0) => Err("must be at least 1".to_string()),
        // Larger than memory could ever hold: the same as "all of them".
        Ok(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Err(_) => Err(format!("{s:?} is not a whole number")),
    }
}

/// Parse a YYYY-MM-DD flag value.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>().map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

/// Width for tables: the terminal's, or 120 columns when piped.
pub fn table_width() -> Option<u16> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
}

/// Fold an outlet name for matching: lowercase letters and digits only, without a leading
/// "the" or a web address's "www." and last domain part ("The Kyiv Independent",
/// "kyivindependent.com" and "Kyiv-Independent" meet).
fn fold_outlet(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    let s = match s.rsplit_once('.') {
        Some((host, tld)) if !host.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic()) && !s.contains(' ') => host,
        _ => s,
    };
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `--source` as the index knows it: the one outlet whose name folds to the same letters
/// (see [`fold_outlet`]); else as given (an unknown outlet matches nothing).
pub fn resolve_source(global: &Global, index: &crosscheck::index::CrossIndex, source: Option<String>) -> anyhow::Result<Option<String>> {
    let Some(s) = source else { return Ok(None) };
    let keys = index.source_keys()?;
    let wanted = s.trim().to_lowercase();
    if keys.contains(&wanted) {
        return Ok(Some(s));
    }
    let folded = fold_outlet(&s);
    let same: Vec<&String> = keys.iter().filter(|k| fold_outlet(k) == folded).collect();
    match same.as_slice() {
        [one] => {
            if global.verbose {
                eprintln!("crosscheck: --source {s:?} is the outlet {one:?}");
            }
            Ok(Some((*one).clone()))
        }
        _ => {
            if !global.quiet {
                eprintln!("crosscheck: note: no indexed outlet is called {s:?} ({} outlets known)", keys.len());
            }
            Ok(Some(s))
        }
    }
}

/// `--holder` as claims store it: a gazetteer spelling becomes its place ("Kremlin" ->
/// Russia); anything else is kept as given.
pub fn resolve_holder(global: &Global, lexicon: &crosscheck::extract::Lexicon, holder: Option<String>) -> Option<String> {
    let h = holder?;
    match lexicon.place_named(&h) {
        Some(p) => {
            if global.verbose && p.name != h {
                eprintln!("crosscheck: --holder {h:?} is {:?} in the gazetteer", p.name);
            }
            Some(p.name.clone())
        }
        None => Some(h),
    }
}

/// `--metric` as claims store it: a lexicon metric in any spelling, an office title, or a
/// cue phrase of exactly one metric; anything else is kept as given.
pub fn resolve_metric(global: &Global, lexicon: &crosscheck::extract::Lexicon, metric: Option<String>) -> Option<String> {
    let m = metric?;
    let names = lexicon.metrics_named(&m);
    match names.as_slice() {
        [one] => {
            if global.verbose && *one != m {
                eprintln!("crosscheck: --metric {m:?} is the metric {one:?}");
            }
            Some(one.clone())
        }
        [] => Some(m),
        many => {
            if !global.quiet && !many.contains(&m) {
                eprintln!("crosscheck: note: --metric {m:?} is a cue of several metrics ({}); using it as written", many.join(", "));
            }
            Some(m)
        }
    }
}

/// The lexicon alone (for resolving filters), with the user's files.
pub fn lexicon(global: &Global) -> anyhow::Result<crosscheck::extract::Lexicon> {
    Ok(crosscheck::extract::Lexicon::load(&global.lexicon)?)
}

#[cfg(test)]
mod tests {
    use super::fold_outlet;

    #[test]
    fn outlet_spellings_fold_together() {
        assert_eq!(fold_outlet("Defence Talks"), fold_outlet("defence-talks"));
        assert_eq!(fold_outlet("The Kyiv Independent"), fold_outlet("kyivindependent.com"));
        assert_eq!(fold_outlet("www.globaltimes.cn"), fold_outlet("Global Times"));
        assert_ne!(fold_outlet("Global Times"), fold_outlet("Times"));
    }
}
