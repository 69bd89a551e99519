//! Plumbing shared by subcommands: global options, output formats, broken pipes.

use std::path::PathBuf;

/// Global options, resolved once.
pub struct Global {
    pub index: PathBuf,
    pub lexicon: Vec<PathBuf>,
    /// Show progress bars: stderr is a terminal and --quiet was not given.
    pub progress: bool,
}

impl Global {
    pub fn from_cli(cli: &super::Cli) -> Self {
        use std::io::IsTerminal;
        Global {
            index: cli.index.clone(),
            lexicon: cli.lexicon.clone(),
            progress: !cli.quiet && std::io::stderr().is_terminal(),
        }
    }
}

/// Output format shared by listing commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
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
pub fn report_problem(p: &crosscheck::corpus::Problem) {
    let level = match p.severity {
        crosscheck::corpus::Severity::Warning => "warning",
        crosscheck::corpus::Severity::Error => "error",
    };
    eprintln!("crosscheck: {level}: {p}");
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
