//! `crosscheck extract` (stub: filled in by its issue).

use super::{shared::Global, Outcome};

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_global: &Global, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("extract is not implemented yet")
}
