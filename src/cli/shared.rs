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
