//! The quantity grammar's vocabulary, read from `lexicon/hedges.toml`, `lexicon/units.toml`
//! and `lexicon/grammar.toml` (compiled in) and any user lexicon files with the same tables.

use crate::extract::Hedge;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::sync::OnceLock;

pub const HEDGES: &str = include_str!("../../../lexicon/hedges.toml");
pub const UNITS: &str = include_str!("../../../lexicon/units.toml");
pub const GRAMMAR: &str = include_str!("../../../lexicon/grammar.toml");

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
    #[serde(default)]
    words: Vec<WordsEntry>,
}

#[derive(Debug, Deserialize)]
struct WordsEntry {
    list: String,
    words: Vec<String>,
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
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    symbols: Vec<String>,
    /// Symbols read only glued to the digits ("6.1in", "24h"): spaced they are words.
    #[serde(default)]
    glued: Vec<String>,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    compare: Option<String>,
    #[serde(default = "one")]
    compare_factor: f64,
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

/// The word lists of `[[words]]` tables, one set per list name.
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub not_noun: HashSet<String>,
    pub adjective: HashSet<String>,
    pub irregular_plural: HashSet<String>,
    pub people_plural: HashSet<String>,
    pub up_verb: HashSet<String>,
    pub down_verb: HashSet<String>,
    pub weak_change_verb: HashSet<String>,
    pub phrasal_up: HashSet<String>,
    pub spread: HashSet<String>,
    pub change_word: HashSet<String>,
    pub level_verb: HashSet<String>,
    pub total_noun: HashSet<String>,
    pub subject_verb: HashSet<String>,
    pub age_word: HashSet<String>,
    pub score_word: HashSet<String>,
    pub score_verb: HashSet<String>,
    pub not_after_percent: HashSet<String>,
    pub common_start: HashSet<String>,
    pub one_pronoun_before: HashSet<String>,
    pub one_pronoun_after: HashSet<String>,
    pub over_governor: HashSet<String>,
    pub month: HashSet<String>,
    pub label_noun: HashSet<String>,
    pub one_counted_noun: HashSet<String>,
    pub phrasal_down: HashSet<String>,
    pub count_verb: HashSet<String>,
    pub aux_complement: HashSet<String>,
    pub up_noun: HashSet<String>,
    pub down_noun: HashSet<String>,
}

impl Words {
    fn list_mut(&mut self, name: &str) -> Option<&mut HashSet<String>> {
        Some(match name {
            "not_noun" => &mut self.not_noun,
            "adjective" => &mut self.adjective,
            "irregular_plural" => &mut self.irregular_plural,
            "people_plural" => &mut self.people_plural,
            "up_verb" => &mut self.up_verb,
            "down_verb" => &mut self.down_verb,
            "weak_change_verb" => &mut self.weak_change_verb,
            "phrasal_up" => &mut self.phrasal_up,
            "spread" => &mut self.spread,
            "change_word" => &mut self.change_word,
            "level_verb" => &mut self.level_verb,
            "total_noun" => &mut self.total_noun,
            "subject_verb" => &mut self.subject_verb,
            "age_word" => &mut self.age_word,
            "score_word" => &mut self.score_word,
            "score_verb" => &mut self.score_verb,
            "not_after_percent" => &mut self.not_after_percent,
            "common_start" => &mut self.common_start,
            "one_pronoun_before" => &mut self.one_pronoun_before,
            "one_pronoun_after" => &mut self.one_pronoun_after,
            "over_governor" => &mut self.over_governor,
            "month" => &mut self.month,
            "label_noun" => &mut self.label_noun,
            "one_counted_noun" => &mut self.one_counted_noun,
            "phrasal_down" => &mut self.phrasal_down,
            "count_verb" => &mut self.count_verb,
            "aux_complement" => &mut self.aux_complement,
            "up_noun" => &mut self.up_noun,
            "down_noun" => &mut self.down_noun,
            _ => return None,
        })
    }
}

/// How a unit is compared: its family (what metrics name) and the unit and factor it converts
/// into for comparison.
#[derive(Debug, Clone)]
pub struct UnitInfo {
    pub family: String,
    pub compare: String,
    pub factor: f64,
}

/// Lookup tables keyed by lowercase word sequences (words joined by one space; symbols are
/// their own words: "%" or "$").
#[derive(Debug, Clone, Default)]
pub struct QuantityLexicon {
    pub hedges_before: HashMap<String, Hedge>,
    pub hedges_after: HashMap<String, Hedge>,
    pub units: HashMap<String, (String, f64)>,
    /// Unit symbols keyed by the exact text of their tokens joined by one space ("GB", "° C").
    pub unit_symbols: HashMap<String, (String, f64)>,
    /// Symbols read only when glued to the digits.
    pub unit_glued: HashMap<String, (String, f64)>,
    pub currencies: HashMap<String, String>,
    pub scales: HashMap<String, Scale>,
    pub words: Words,
    pub unit_info: HashMap<String, UnitInfo>,
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

/// A symbol's key: its tokens' exact text joined by one space ("GB", "km / h", "° C").
pub fn symbol_key(symbol: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut digits = false;
    for ch in symbol.trim().chars() {
        let word_char = ch.is_alphabetic();
        let digit_char = ch.is_ascii_digit();
        if (word_char && digits) || (digit_char && !digits && !cur.is_empty()) {
            out.push(std::mem::take(&mut cur));
        }
        if word_char || digit_char {
            digits = digit_char;
            cur.push(ch);
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

/// The family of a unit no table names: currency codes are money, the rest stands alone.
fn default_family(unit: &str) -> &str {
    if unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) {
        "money"
    } else {
        unit
    }
}

/// How the built-in units compare: family, comparison unit and factor. Built once.
pub fn builtin_unit_info(unit: &str) -> Option<&'static UnitInfo> {
    static INFO: OnceLock<HashMap<String, UnitInfo>> = OnceLock::new();
    INFO.get_or_init(|| {
        let mut lex = QuantityLexicon::default();
        let _ = lex.merge_toml(UNITS);
        lex.unit_info
    })
    .get(unit)
}

impl QuantityLexicon {
    /// The built-in vocabulary.
    pub fn builtin() -> Self {
        let mut lex = QuantityLexicon::default();
        // The built-in files are tested to parse; an error here would be a build defect.
        if let Err(e) = lex.merge_toml(HEDGES).and_then(|_| lex.merge_toml(UNITS)).and_then(|_| lex.merge_toml(GRAMMAR)) {
            debug_assert!(false, "built-in quantity lexicon: {e}");
        }
        lex
    }

    /// Merge one TOML file's `[[hedge]]`, `[[unit]]`, `[[currency]]`, `[[scale]]` and `[[words]]`
    /// tables.
    /// Other tables are left to the other lexicons.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), String> {
        self.merge_toml_with(text, &[])
    }

    /// As [`merge_toml`](Self::merge_toml), leaving the `[[words]]` lists named in `elsewhere`
    /// to another lexicon (the claim identity's word roles).
    pub fn merge_toml_with(&mut self, text: &str, elsewhere: &[&str]) -> Result<(), String> {
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
            for w in u.symbols {
                let k = symbol_key(&w);
                self.max_words = self.max_words.max(k.split(' ').count());
                self.unit_symbols.insert(k, (u.unit.clone(), u.factor));
            }
            for w in u.glued {
                self.unit_glued.insert(w, (u.unit.clone(), u.factor));
            }
            let family = u.family.clone().unwrap_or_else(|| default_family(&u.unit).to_string());
            let (compare, factor) = match u.compare {
                Some(c) => (c, u.compare_factor),
                None => (u.unit.clone(), 1.0),
            };
            self.unit_info.insert(u.unit, UnitInfo { family, compare, factor });
        }
        for w in file.words {
            let Some(set) = self.words.list_mut(&w.list) else {
                if elsewhere.contains(&w.list.as_str()) {
                    continue;
                }
                return Err(format!("unknown word list {:?} in [[words]] (lists: those of lexicon/grammar.toml and {})", w.list, elsewhere.join(", ")));
            };
            set.extend(w.words.iter().map(|x| x.trim().to_lowercase().replace('’', "'")));
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
        lex.merge_toml(GRAMMAR).unwrap();
        assert_eq!(lex.hedges_before.get("nearly"), Some(&Hedge::ApproxBelow));
        assert_eq!(lex.unit_symbols.get("GB").map(|u| u.0.as_str()), Some("GB"));
        assert_eq!(lex.unit_symbols.get("TRY").map(|u| u.0.as_str()), Some("TRY"));
        assert!(lex.units.get("try").is_none(), "a code is matched with its letter case only");
        assert!(lex.words.up_verb.contains("rallied") && lex.words.not_noun.contains("the"));
        let m = builtin_unit_info("metre").unwrap();
        assert_eq!((m.family.as_str(), m.compare.as_str(), m.factor), ("distance", "km", 0.001));
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
        lex.merge_toml("[[words]]\nlist = \"up_verb\"\nwords = [\"zoomed\"]\n").unwrap();
        assert!(lex.words.up_verb.contains("zoomed"));
        assert!(lex.merge_toml("[[words]]\nlist = \"nonsense\"\nwords = []\n").is_err());
    }
}
