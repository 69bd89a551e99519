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

/// A closed pipe (`crosscheck ... | head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
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
