//! `crosscheck completions SHELL` and `crosscheck man`: shell completions and manual pages
//! generated from the same clap definitions as `--help`, so they always match the flags.

use super::Outcome;
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

/// Print a shell completion script.
///
/// Install (pick your shell):
///   crosscheck completions bash > ~/.local/share/bash-completion/completions/crosscheck
///   crosscheck completions zsh > ~/.zfunc/_crosscheck     (with fpath+=~/.zfunc in ~/.zshrc)
///   crosscheck completions fish > ~/.config/fish/completions/crosscheck.fish
///   crosscheck completions powershell >> $PROFILE
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff), or write one page per command into a folder.
///
/// Install:
///   crosscheck man > ~/.local/share/man/man1/crosscheck.1
///   crosscheck man --dir ~/.local/share/man/man1     (also crosscheck-ingest.1, ...)
///   man crosscheck
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write crosscheck.1 and crosscheck-COMMAND.1 for every command into DIR.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut cmd = super::Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "crosscheck", &mut out);
    out.flush()?;
    Ok(Outcome::Ok)
}

pub fn man(args: ManArgs) -> anyhow::Result<Outcome> {
    let cmd = super::Cli::command();
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Ok)
}
