//! The quantity grammar: numbers as news writes them, with their hedges, units and scale.
//!
//! One pass tokenizes the text ([`tokens`]); then at each token that can start a number the
//! grammar reads, in order: a sign and a currency before it ([`units`]), the number itself
//! (digits, number words, fractions, "one in five", vague amounts: [`words`]), a scale word, a
//! hyphenated measure ("five-hour", "28-point"), a unit ("%", "12GB", "euros"), a second number
//! that makes a range ([`ranges`]), the counted noun and the words that narrow it ([`nouns`]),
//! and the hedge around it ([`hedges`]). Filters ([`filters`]) drop what is not a quantity:
//! years and dates, clock times, list numbers, scores, names with digits (G7, F-16, Article 5).
//! A last pass ([`changes`]) links neighbours: "from 50% to 30%", "lost 40 points, or 1.2%".
//!
//! Every step looks at a bounded number of tokens around the number, so extraction is linear
//! in the text. Vocabulary lives in `lexicon/` (units.toml, hedges.toml, grammar.toml).

mod changes;
mod filters;
mod hedges;
pub mod lexicon;
mod nouns;
mod ranges;
pub mod tokens;
mod units;
mod words;

pub use lexicon::QuantityLexicon;

use crate::extract::{Direction, Hedge, Precision, Quantity};
use tokens::{Kind, Tok};

/// Reads quantities with a given vocabulary.
#[derive(Debug, Clone)]
pub struct QuantityExtractor {
    lex: QuantityLexicon,
}

impl Default for QuantityExtractor {
    fn default() -> Self {
        QuantityExtractor::new(QuantityLexicon::builtin())
    }
}

/// How the number itself was written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    Digits { decimals: i32, plain_int: bool },
    Words,
    /// "one-fifth", "half", "one in five": already in percent.
    Fraction,
    /// "hundreds of thousands": a range with no single value.
    Vague { lo: f64, hi: Option<f64> },
}

#[derive(Debug, Clone, Copy)]
struct Core {
    value: f64,
    form: Form,
    /// Token index just past the number (and its scale word).
    end: usize,
    /// Scale applied ("million" = 1e6), for precision.
    scale: f64,
}

/// A sign written before the number: "-12°C", "minus 40 degrees", "+0.3%".
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sign {
    None,
    Minus,
    Plus,
}

/// One quantity while it is being read, token by token.
#[derive(Debug, Clone)]
struct Reading {
    /// First token of the quantity (a sign or currency, before any hedge).
    first: usize,
    /// The number's first token.
    j: usize,
    core: Core,
    value: f64,
    /// Next token to read.
    k: usize,
    /// Token just past the span.
    end_tok: usize,
    unit: Option<String>,
    unit_factor: f64,
    currency: Option<String>,
    noun: Option<String>,
    noun_mods: Vec<String>,
    hyphen_measure: bool,
    range_hi: Option<f64>,
    sign: Sign,
    /// A hedge written inside the measure: "5,000-plus troops".
    inner_hedge: Option<Hedge>,
    /// What a bare number (no unit, no noun) is, when the words around it say so.
    bare: Option<Bare>,
}

/// Why a number with no unit and no noun is still a quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bare {
    /// A count: "1,500 were injured", "a total of 2,500", "about 13,000".
    Count,
    /// An age: "Maria Lopez, 52,", "aged 18 to 60", "a 21-year-old".
    Age,
}

impl QuantityExtractor {
    pub fn new(lex: QuantityLexicon) -> Self {
        QuantityExtractor { lex }
    }

    /// Every quantity in `text`, in order, with byte spans into `text`.
    pub fn extract(&self, text: &str) -> Vec<Quantity> {
        self.extract_tokens(text, &tokens::tokenize(text))
    }

    /// Same as [`extract`](Self::extract) over tokens the caller already made with
    /// [`tokens::tokenize`] from this `text` (all of them, or a contiguous run such as one
    /// sentence), so the meaning step can share them. Spans are byte offsets into `text`.
    pub fn extract_tokens(&self, text: &str, toks: &[Tok]) -> Vec<Quantity> {
        let mut out: Vec<Quantity> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.quantity_at(text, toks, i, out.last()) {
                Some((q, next)) => {
                    out.push(q);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        changes::link_neighbours(&self.lex, text, toks, &mut out);
        out
    }

    /// Try to read one quantity whose number starts at token `i` (after an optional sign and
    /// currency). `prev` is the quantity read before it, for elided nouns.
    fn quantity_at(&self, text: &str, t: &[Tok], i: usize, prev: Option<&Quantity>) -> Option<(Quantity, usize)> {
        let (sign, after_sign) = self.sign_before(t, i);
        let (currency, j) = self.currency_before(text, t, after_sign);
        let core = self.core(text, t, j, currency.is_some())?;
        if self.excluded_before(text, t, i, j) {
            return None;
        }
        let mut r = Reading {
            first: i,
            j,
            core,
            value: core.value,
            k: core.end,
            end_tok: core.end,
            unit: matches!(core.form, Form::Fraction).then(|| "percent".to_string()),
            unit_factor: 1.0,
            currency,
            noun: None,
            noun_mods: Vec::new(),
            hyphen_measure: false,
            range_hi: None,
            sign,
            inner_hedge: None,
            bare: None,
        };
        self.read_hyphen(text, t, &mut r)?;
        if r.unit.is_none() && !r.hyphen_measure && r.range_hi.is_none() {
            self.read_ratio(text, t, &mut r);
        }
        self.read_unit(text, t, &mut r);
        self.read_range(text, t, &mut r);
        self.read_list_unit(text, t, &mut r);
        if let Some(u) = &r.unit {
            if r.currency.is_none() && self.is_money(u) {
                r.currency = Some(u.clone());
            }
        }
        self.read_noun(text, t, &mut r);
        let unit = self.resolve_unit(text, t, &mut r, prev)?;
        if self.excluded_after(text, t, &r, &unit) {
            return None;
        }
        Some(self.finish(text, t, r, unit))
    }

    /// The unit of a reading, or None when it is no quantity: a bare number needs a reason.
    fn resolve_unit(&self, text: &str, t: &[Tok], r: &mut Reading, prev: Option<&Quantity>) -> Option<String> {
        if let Some(u) = r.unit.clone() {
            return Some(u);
        }
        if let Some(c) = r.currency.clone() {
            return Some(c);
        }
        if r.noun.is_some() || matches!(r.core.form, Form::Vague { .. }) || r.core.scale >= 1e3 {
            return Some("count".into());
        }
        if r.bare.is_none() {
            r.bare = self.bare_reason(text, t, r, prev);
        }
        match r.bare? {
            Bare::Age => {
                r.noun = Some("age".into());
                Some("year".into())
            }
            Bare::Count => Some("count".into()),
        }
    }

    /// Build the quantity: hedge, direction, bounds, precision and span.
    fn finish(&self, text: &str, t: &[Tok], r: Reading, unit: String) -> (Quantity, usize) {
        let mut start_tok = r.first;
        let mut end_tok = r.end_tok;
        let mut hedge = r.inner_hedge.unwrap_or(Hedge::Exact);
        if let Some((h, s)) = self.hedge_before(t, r.first) {
            if hedge == Hedge::Exact {
                hedge = h;
            }
            start_tok = s;
        }
        if hedge == Hedge::Exact {
            if let Some((h, after)) = self.hedge_after(t, end_tok) {
                hedge = h;
                end_tok = after;
            } else if let Some(h) = self.hedge_after_complement(t, end_tok) {
                hedge = h;
            }
        }
        let mut direction = self.direction_before(t, start_tok, &unit, r.noun.as_deref());
        if direction.is_none() {
            direction = self.direction_after(t, end_tok, &unit);
        }
        let mut value = r.value * r.unit_factor;
        match r.sign {
            Sign::None => {}
            Sign::Minus if self.signed_is_change(&unit) => direction = Some(Direction::Down),
            Sign::Plus if self.signed_is_change(&unit) => direction = Some(Direction::Up),
            Sign::Minus => value = -value,
            Sign::Plus => {}
        }
        let (mut val, mut lo, mut hi) = (Some(value), None, None);
        if let Form::Vague { lo: vlo, hi: vhi } = r.core.form {
            val = None;
            lo = Some(vlo * r.unit_factor);
            hi = vhi.map(|h| h * r.unit_factor);
            hedge = Hedge::Range;
        } else if let Some(h2) = r.range_hi {
            lo = Some(value);
            hi = Some(h2 * r.unit_factor);
            val = None;
            hedge = Hedge::Range;
        } else {
            match hedge {
                Hedge::Lower | Hedge::ApproxAbove => lo = Some(value),
                Hedge::Upper | Hedge::ApproxBelow => hi = Some(value),
                _ => {}
            }
        }
        let precision = match r.core.form {
            Form::Digits { decimals, .. } => Some(Precision { half_step: 0.5 * 10f64.powi(-decimals) * r.core.scale * r.unit_factor }),
            Form::Words => Some(Precision { half_step: 0.5 * r.core.scale.max(1.0) * r.unit_factor }),
            _ => None,
        };
        let start = t[start_tok].start;
        let end = t[end_tok.saturating_sub(1).max(start_tok)].end;
        let q = Quantity {
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            value: val,
            lo,
            hi,
            unit,
            hedge,
            direction,
            change_role: None,
            precision,
            noun: r.noun,
            noun_mods: r.noun_mods,
        };
        (q, end_tok)
    }

    /// A sign on a percentage or points states a change ("Nasdaq -0.8%", "+0.3%"); on anything
    /// else it is the value's own sign ("-12°C", "a balance of -27").
    fn signed_is_change(&self, unit: &str) -> bool {
        matches!(unit, "percent" | "percentage_point" | "basis_point")
    }

    fn is_money(&self, unit: &str) -> bool {
        is_currency_code(unit) || self.lex.unit_info.get(unit).is_some_and(|i| i.family == "money")
    }
}

/// A month name ("may" and "march" only when capitalised: as words they are usually verbs).
fn is_month(lex: &QuantityLexicon, text: &str, t: &Tok) -> bool {
    t.kind == Kind::Word && lex.words.month.contains(t.low.as_str()) && (!matches!(t.low.as_str(), "may" | "march") || t.capitalized(text))
}

/// Four digits 1800-2100 written without a separator: a year unless it clearly counts.
fn is_year_like(text: &str, t: &Tok) -> bool {
    t.kind == Kind::Num && t.end - t.start == 4 && t.low.len() == 4 && text.get(t.start..t.end).is_some_and(|s| !s.contains(',')) && t.low.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

fn is_currency_code(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// Sentence punctuation that ends a look-back or look-ahead.
fn is_clause_end(t: &Tok) -> bool {
    t.kind == Kind::Sym && matches!(t.low.as_str(), "." | ";" | ":" | "!" | "?" | "\"" | "“" | "”")
}

#[cfg(test)]
mod tests;
