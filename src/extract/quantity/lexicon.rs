//! The quantity grammar's vocabulary, read from `lexicon/hedges.toml` and `lexicon/units.toml`
//! (compiled in) and any user lexicon files with the same tables.

use crate::extract::Hedge;
use serde::Deserialize;
use rustc_hash::FxHashMap as HashMap;

const HEDGES: &str = include_str!("../../../lexicon/hedges.toml");
const UNITS: &str = include_str!("../../../lexicon/units.toml");

#[derive(Debug, Deserialize, Default)]
struct File {
    #[serde(default)]
    hedge: Vec<HedgeEntry>,
    #[serde(default)]
    unit: Vec<UnitEntry>,
    #[serde(default)]
    currency: Vec<CurrencyEntry>,
    #[serde(default)]
    scale: Vec<ScaleEntry>,
}

#[derive(Debug, Deserialize)]
struct HedgeEntry {
    category: Hedge,
    position: Position,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Position {
    Before,
    After,
}

#[derive(Debug, Deserialize)]
struct UnitEntry {
    unit: String,
    #[serde(default = "one")]
    factor: f64,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CurrencyEntry {
    unit: String,
    before: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ScaleEntry {
    factor: f64,
    #[serde(default)]
    attached: bool,
    #[serde(default)]
    money_only: bool,
    words: Vec<String>,
}

fn one() -> f64 {
    1.0
}

/// A scale word's meaning.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub factor: f64,
    pub attached: bool,
    pub money_only: bool,
}

/// Lookup tables keyed by lowercase word sequences (words joined by one space; symbols are
/// their own words: "%" or "$").
#[derive(Debug, Clone, Default)]
pub struct QuantityLexicon {
    pub hedges_before: HashMap<String, Hedge>,
    pub hedges_after: HashMap<String, Hedge>,
    pub units: HashMap<String, (String, f64)>,
    pub currencies: HashMap<String, String>,
    pub scales: HashMap<String, Scale>,
    /// Longest phrase length in words, per table, to bound look-ups.
    pub max_words: usize,
}

/// Split a phrase the way the tokenizer does: words, numbers and single symbols.
pub fn phrase_key(phrase: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut digits = false;
    for ch in phrase.trim().chars() {
        let word_char = ch.is_alphabetic() || (ch == '\'' && !cur.is_empty());
        let digit_char = ch.is_ascii_digit();
        if (word_char && digits) || (digit_char && !digits && !cur.is_empty()) {
            out.push(std::mem::take(&mut cur));
        }
        if word_char || digit_char {
            digits = digit_char;
            cur.extend(ch.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !ch.is_whitespace() {
                out.push(ch.to_string());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.join(" ")
}

impl QuantityLexicon {
    /// The built-in vocabulary.
    pub fn builtin() -> Self {
        let mut lex = QuantityLexicon::default();
        // The built-in files are tested to parse; an error here would be a build defect.
        if let Err(e) = lex.merge_toml(HEDGES).and_then(|_| lex.merge_toml(UNITS)) {
            debug_assert!(false, "built-in quantity lexicon: {e}");
        }
        lex
    }

    /// Merge one TOML file's `[[hedge]]`, `[[unit]]`, `[[currency]]` and `[[scale]]` tables.
    /// Other tables are left to the other lexicons.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        for h in file.hedge {
            let table = match h.position {
                Position::Before => &mut self.hedges_before,
                Position::After => &mut self.hedges_after,
            };
            for p in h.phrases {
                let k = phrase_key(&p);
                self.max_words = self.max_words.max(k.split(' ').count());
                table.insert(k, h.category);
            }
        }
        for u in file.unit {
            for w in u.words {
                let k = phrase_key(&w);
                self.max_words = self.max_words.max(k.split(' ').count());
                self.units.insert(k, (u.unit.clone(), u.factor));
            }
        }
        for c in file.currency {
            for w in c.before {
                self.currencies.insert(phrase_key(&w), c.unit.clone());
            }
        }
        for s in file.scale {
            for w in s.words {
                self.scales.insert(phrase_key(&w), Scale { factor: s.factor, attached: s.attached, money_only: s.money_only });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_and_have_the_core_entries() {
        let mut lex = QuantityLexicon::default();
        lex.merge_toml(HEDGES).unwrap();
        lex.merge_toml(UNITS).unwrap();
        assert_eq!(lex.hedges_before.get("nearly"), Some(&Hedge::ApproxBelow));
        assert_eq!(lex.hedges_before.get("just under"), Some(&Hedge::ApproxBelow));
        assert_eq!(lex.hedges_before.get("under"), Some(&Hedge::Upper));
        assert_eq!(lex.units.get("per cent").map(|u| u.0.as_str()), Some("percent"));
        assert_eq!(lex.currencies.get("€").map(String::as_str), Some("EUR"));
        assert_eq!(lex.scales.get("bn").map(|s| s.factor), Some(1e9));
    }

    #[test]
    fn no_phrase_is_in_two_hedge_categories() {
        let file: File = toml::from_str(HEDGES).unwrap();
        let mut seen: HashMap<(String, bool), Hedge> = HashMap::default();
        for h in file.hedge {
            for p in h.phrases {
                let key = (phrase_key(&p), h.position == Position::Before);
                if let Some(prev) = seen.insert(key.clone(), h.category) {
                    assert_eq!(prev, h.category, "{key:?} is in two categories");
                }
            }
        }
    }

    #[test]
    fn user_file_extends_and_bad_file_errors() {
        let mut lex = QuantityLexicon::builtin();
        lex.merge_toml("[[hedge]]\ncategory = \"approx\"\nposition = \"before\"\nphrases = [\"in the ballpark of\"]\n").unwrap();
        assert_eq!(lex.hedges_before.get("in the ballpark of"), Some(&Hedge::Approx));
        assert!(lex.merge_toml("[[hedge]]\ncategory = \"sometimes\"").is_err());
    }
}
