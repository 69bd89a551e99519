//! crosscheck: find where news sources disagree.
//!
//! Data flows one way through five stages, each in its own module:
//!
//! ```text
//! corpus   load files (.txt .md .html .jsonl .csv), metadata (source, date, title, url)
//!   -> extract  numbers, hedges, units -> quantities; metric, holder, scope, time -> claims
//!   -> index    tantivy on disk: articles and their claims, searchable and filterable
//!   -> compare  groups of claims about one quantity, hedge intervals, pairwise verdicts
//!   -> report   terminal table, CSV, JSON Lines
//! ```
//!
//! The binary (`src/main.rs`, `src/cli/`) is glue: it parses flags, calls the stages and maps
//! outcomes to exit codes. No stage calls back into an earlier one's callers.

pub mod corpus;
pub mod extract;
pub mod index;
pub mod compare;
pub mod report;

/// Shared by stages: parallel work with ordered results.
pub mod ordered;
