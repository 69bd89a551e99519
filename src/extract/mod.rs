//! From text to claims, in two steps that never touch the disk or the index:
//!
//! 1. `quantity`: numbers, number words, fractions, scale words, units, hedges, ranges and
//!    changes become [`Quantity`] values with exact byte spans.
//! 2. `meaning`: each quantity is read in its sentence to find what is measured (metric and
//!    measure), whose figure it is (holder), what part of the world it covers (scope) and when
//!    it holds (as-of date), giving a [`Claim`]. Office holders ("German Chancellor Olaf
//!    Scholz") become claims too.

pub mod quantity;
mod types;
pub use quantity::{QuantityExtractor, QuantityLexicon};
pub use types::*;

/// Every quantity the text states, in text order, with byte spans into `text`.
/// Never panics on any input.
pub fn quantities(text: &str) -> Vec<Quantity> {
    static DEFAULT: std::sync::OnceLock<QuantityExtractor> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(QuantityExtractor::default).extract(text)
}

/// Vocabulary of metrics, measures, holders (gazetteer), offices: loaded from the TOML files in
/// `lexicon/` (compiled in) plus any user files.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

/// Turns text into claims with a given lexicon.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub lexicon: Lexicon,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        Extractor { lexicon }
    }

    /// Built-in lexicons plus user files (later files override earlier entries).
    pub fn load(user_files: &[std::path::PathBuf]) -> Result<Self, String> {
        let _ = user_files;
        Ok(Extractor::new(Lexicon::default()))
    }

    /// All claims of a text: numeric ones and office holders, in text order.
    pub fn claims(&self, text: &str, ctx: &DocContext) -> Vec<Claim> {
        let _ = ctx;
        // Until the meaning step lands: quantities with a unit-family metric.
        quantities(text)
            .into_iter()
            .map(|q| Claim {
                metric: String::new(),
                measure: String::new(),
                holder: String::new(),
                scope: String::new(),
                person: None,
                as_of: ctx.published,
                period_start: None,
                time_basis: TimeBasis::Unknown,
                sentence: String::new(),
                sentence_start: q.start,
                sentence_end: q.end,
                quantity: q,
            })
            .collect()
    }
}
