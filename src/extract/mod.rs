//! From text to claims, in two steps that never touch the disk or the index:
//!
//! 1. `quantity`: numbers, number words, fractions, scale words, units, hedges, ranges and
//!    changes become [`Quantity`] values with exact byte spans.
//! 2. `meaning`: each quantity is read in its sentence to find what is measured (metric and
//!    measure), whose figure it is (holder), what part of the world it covers (scope) and when
//!    it holds (as-of date), giving a [`Claim`]. Office holders ("German Chancellor Olaf
//!    Scholz") become claims too.
//!
//! Both steps read their vocabulary from [`Lexicon`] (TOML data files under `lexicon/`).

pub mod identity;
pub mod lexicon;
pub mod meaning;
pub mod quantity;
mod types;

pub use lexicon::{Lexicon, LexiconError};
pub use quantity::{QuantityExtractor, QuantityLexicon};
pub use types::*;

/// Every quantity the text states, in text order, with byte spans into `text`, read with the
/// built-in vocabulary. Never panics on any input.
pub fn quantities(text: &str) -> Vec<Quantity> {
    static DEFAULT: std::sync::OnceLock<QuantityExtractor> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(QuantityExtractor::default).extract(text)
}

/// Turns text into claims with a given lexicon.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub lexicon: Lexicon,
    quantity: QuantityExtractor,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new(Lexicon::builtin())
    }
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        let quantity = QuantityExtractor::new(lexicon.quantity.clone());
        Extractor { lexicon, quantity }
    }

    /// Built-in lexicons plus user files (later files override earlier entries).
    pub fn load(user_files: &[std::path::PathBuf]) -> Result<Self, LexiconError> {
        Ok(Extractor::new(Lexicon::load(user_files)?))
    }

    /// Quantities only, with this extractor's vocabulary.
    pub fn quantities(&self, text: &str) -> Vec<Quantity> {
        self.quantity.extract(text)
    }

    /// [`claims`](Self::claims) with a guard: extraction is meant never to panic on any text,
    /// and if a bug makes it, only this text loses its claims. The error is the panic message.
    pub fn try_claims(&self, text: &str, ctx: &DocContext) -> Result<Vec<Claim>, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.claims(text, ctx))).map_err(|payload| {
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string())
        })
    }

    /// All claims of a text: numeric ones and office holders, in text order.
    pub fn claims(&self, text: &str, ctx: &DocContext) -> Vec<Claim> {
        let toks = quantity::tokens::tokenize(text);
        meaning::claims(text, &toks, &self.quantity, ctx, &self.lexicon)
    }
}
