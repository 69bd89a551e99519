//! The quantity grammar: numbers as news writes them, with their hedges, units and scale.
//!
//! One pass tokenizes the text ([`tokens`]); then at each token that can start a number the
//! grammar reads, in order: a currency before it, the number itself (digits, number words,
//! fractions, "one in five", vague amounts such as "hundreds of thousands"), a scale word
//! ("million", "bn", "k"), a hyphenated measure ("five-hour", "28-point"), a unit ("%",
//! "percent", "square kilometres", "euros"), a counted noun, a second number that makes a
//! range ("between 10 and 12", "10-12"), and the hedge around it ("nearly", "more than",
//! "or more"). Filters then drop what is not a quantity: years and dates, clock times, list
//! numbers, reading times, names with digits (G7, F-16, Article 5), page furniture.

pub mod lexicon;
pub mod tokens;

pub use lexicon::QuantityLexicon;

use crate::extract::{ChangeRole, Direction, Hedge, Precision, Quantity};
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

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that cannot be the counted noun right after a number.
const NOT_NOUNS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "than", "that",
    "this", "these", "those", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "will", "would", "could", "should", "may", "might", "must", "can", "per", "into", "over", "under",
    "after", "before", "since", "until", "more", "less", "its", "their", "his", "her", "our", "your", "my",
    "who", "which", "what", "when", "where", "while", "if", "but", "so", "not", "no", "it", "they", "he",
    "she", "we", "you", "i", "also", "said", "says", "say", "other", "others", "times", "time", "each",
    "percent", "against", "among", "between", "through", "during", "about", "around", "up", "down", "out",
    "off", "too", "very", "just", "only", "even", "still", "yet", "then", "there", "here", "all", "both",
    "am", "pm", "read", "min", "p", "a.m", "p.m", "st", "nd", "rd", "th", "s", "ago", "later", "earlier",
    "old", "like", "way", "ways", "one", "ones", "plus", "minus", "nor", "any", "some", "without",
    "within", "across", "near", "including", "toward", "towards", "upon", "via", "despite", "amid", "whose",
    "because", "although", "though", "unless", "whether", "once", "again", "ever", "never", "already",
];

/// Adjectives that stand between a number and what it counts.
const ADJECTIVES: &[&str] = &[
    "new", "additional", "extra", "more", "other", "major", "small", "large", "big", "key", "senior", "former",
    "local", "foreign", "military", "civilian", "armed", "young", "old", "elderly", "wounded", "injured",
    "fewer", "separate", "different", "full", "consecutive", "straight", "unarmed",
];

const UP_VERBS: &[&str] = &[
    "up", "rose", "risen", "rise", "rises", "rising", "increased", "increase", "increases", "increasing",
    "grew", "grown", "grow", "grows", "growing", "jumped", "jump", "jumps", "climbed", "climb", "climbs",
    "gained", "gains", "surged", "soared", "raised", "boosted", "expanded", "higher", "added",
];
const DOWN_VERBS: &[&str] = &[
    "down", "fell", "fallen", "fall", "falls", "falling", "dropped", "drop", "drops", "declined", "decline",
    "declines", "decreased", "decrease", "decreases", "shrank", "shrunk", "shrink", "cut", "cuts",
    "slashed", "reduced", "lowered", "lost", "plunged", "slid", "slipped", "tumbled", "lower", "dipped",
];

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0, "two" => 2.0, "three" => 3.0, "four" => 4.0, "five" => 5.0, "six" => 6.0,
        "seven" => 7.0, "eight" => 8.0, "nine" => 9.0, "ten" => 10.0, "eleven" => 11.0, "twelve" => 12.0,
        "thirteen" => 13.0, "fourteen" => 14.0, "fifteen" => 15.0, "sixteen" => 16.0, "seventeen" => 17.0,
        "eighteen" => 18.0, "nineteen" => 19.0, "twenty" => 20.0, "thirty" => 30.0, "forty" => 40.0,
        "fifty" => 50.0, "sixty" => 60.0, "seventy" => 70.0, "eighty" => 80.0, "ninety" => 90.0,
        _ => return None,
    })
}

fn big_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

fn vague(w: &str) -> Option<(f64, Option<f64>)> {
    Some(match w {
        "dozens" => (24.0, Some(99.0)),
        "scores" => (40.0, Some(199.0)),
        "hundreds" => (100.0, Some(999.0)),
        "thousands" => (1e3, Some(9_999.0)),
        "millions" => (1e6, None),
        "billions" => (1e9, None),
        _ => return None,
    })
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
    /// [`tokens::tokenize`] from this `text`, so the meaning step can share them.
    pub fn extract_tokens(&self, text: &str, toks: &[Tok]) -> Vec<Quantity> {
        let mut out: Vec<Quantity> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.quantity_at(text, toks, i) {
                Some((q, next)) => {
                    out.push(q);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        mark_changes(text, toks, &mut out);
        out
    }

    /// Try to read one quantity whose number starts at token `i` (after an optional currency).
    fn quantity_at(&self, text: &str, t: &[Tok], i: usize) -> Option<(Quantity, usize)> {
        // Currency before the number.
        let (mut currency, j) = self.currency_before(t, i);
        let core = self.core(text, t, j, currency.is_some())?;
        if self.excluded_before(text, t, i, j, &core) {
            return None;
        }
        let mut value = core.value;
        let mut k = core.end;
        let mut unit: Option<String> = None;
        let mut unit_factor = 1.0;
        let mut noun: Option<String> = None;
        let mut hyphen_measure = false;
        let mut range_hi: Option<f64> = None;
        let mut end_tok = k; // last token included in the span (exclusive)

        if matches!(core.form, Form::Fraction) {
            unit = Some("percent".into());
        }
        // Hyphenated measure: "five-hour", "28-point", "$50-billion", "10-12".
        if k + 1 < t.len() && t[k].is_dash() && !t[k].space_before && !t[k + 1].space_before {
            let next = &t[k + 1];
            if next.kind == Kind::Word {
                if let Some(s) = self.lex.scales.get(next.low.as_str()).filter(|s| !s.attached) {
                    value *= s.factor;
                    k += 2;
                    end_tok = k;
                } else if let Some((u, f)) = self.lex.units.get(next.low.as_str()) {
                    unit = Some(u.clone());
                    unit_factor = *f;
                    k += 2;
                    end_tok = k;
                    hyphen_measure = true;
                } else if next.low.chars().all(char::is_alphabetic) && !next.capitalized(text) && !is_not_noun(&next.low) {
                    noun = Some(next.low.to_string());
                    k += 2;
                    end_tok = k;
                    hyphen_measure = true;
                } else {
                    return None;
                }
            } else if next.kind == Kind::Num && matches!(core.form, Form::Digits { .. }) {
                // "10-12": a range of two numerals.
                let hi: f64 = next.low.parse().ok()?;
                if hi <= core.value || is_year_like(&t[j]) || is_year_like(next) {
                    return None;
                }
                range_hi = Some(hi * core.scale);
                k += 2;
                end_tok = k;
            }
        }
        // "one in five", "three out of four".
        if unit.is_none() && !hyphen_measure && range_hi.is_none() {
            if let Some((pct, after)) = self.ratio(text, t, k, core) {
                value = pct;
                unit = Some("percent".into());
                k = after;
                end_tok = k;
            }
        }
        // Unit words and symbols.
        if unit.is_none() {
            if let Some((u, f, after)) = self.unit_after(t, k) {
                if currency.is_none() || !is_currency_code(&u) {
                    unit = Some(u);
                    unit_factor = f;
                    k = after;
                    end_tok = k;
                } else if currency.as_deref() == Some(u.as_str()) {
                    k = after;
                    end_tok = k;
                }
            }
        }
        // "between 10 and 12 percent", "10 to 12 percent": the second number closes a range.
        if range_hi.is_none() && matches!(core.form, Form::Digits { .. } | Form::Words) {
            let prev_from = i > 0 && t[i - 1].is_word("from");
            let prev_between = i > 0 && t[i - 1].is_word("between");
            let joiner = t.get(k).map(|x| x.low.as_str());
            let joins = (prev_between && joiner == Some("and")) || (!prev_from && joiner == Some("to"));
            if joins {
                if let Some(c2) = self.core(text, t, k + 1, currency.is_some()) {
                    if !matches!(c2.form, Form::Vague { .. } | Form::Fraction) && c2.value > value {
                        let mut kk = c2.end;
                        let mut u2 = None;
                        if let Some((u, f, after)) = self.unit_after(t, kk) {
                            u2 = Some((u, f));
                            kk = after;
                        }
                        // "10 to 12 percent", "10% to 12%", "between 10 and 12": the second number
                        // carries the unit or both are bare; "5 per cent to 120p" is no range.
                        let same_unit = match (&unit, &u2) {
                            (Some(a), Some((b, _))) => a == b,
                            (None, Some(_)) => true,
                            (Some(_), None) => false,
                            (None, None) => prev_between,
                        };
                        let glued = t.get(c2.end).is_some_and(|x| x.kind == Kind::Word && !x.space_before);
                        if same_unit && !glued {
                            if unit.is_none() {
                                if let Some((u, f)) = u2 {
                                    unit = Some(u);
                                    unit_factor = f;
                                }
                            }
                            range_hi = Some(c2.value);
                            k = kk;
                            end_tok = k;
                        }
                    }
                }
            }
        }
        // A bare number in a list whose next member carries the unit: "4 or 5%", "3, 4 and 5 percent".
        if unit.is_none() && currency.is_none() && !hyphen_measure && matches!(core.form, Form::Digits { .. }) {
            if let Some((u, f)) = self.unit_from_list(text, t, k) {
                unit = Some(u);
                unit_factor = f;
            }
        }
        // Money named after the number: "100 billion euros" was handled as a unit above.
        if let Some(u) = &unit {
            if is_currency_code(u) && currency.is_none() {
                currency = Some(u.clone());
            }
        }
        // The counted noun: "12 regions", "hundreds of drones", "five-hour meeting".
        let mut noun_tok = k;
        // None of the words between the number and its noun may start a new line.
        if matches!(core.form, Form::Vague { .. }) && t.get(k).is_some_and(|x| x.is_word("of") && !x.line_start) {
            noun_tok = k + 1;
        }
        // "120 new schools": the noun is after a common adjective.
        if t.get(noun_tok).is_some_and(|x| ADJECTIVES.contains(&x.low.as_str()) && !x.line_start) && t.get(noun_tok + 1).is_some_and(|x| x.kind == Kind::Word && x.space_before && !x.capitalized(text)) {
            noun_tok += 1;
        }
        if let Some(nt) = t.get(noun_tok) {
            // Capitalised plurals after a number are peoples: "1.1 million Americans".
            let demonym = nt.capitalized(text) && nt.low.ends_with("ans") || nt.capitalized(text) && nt.low.ends_with("ians");
            if nt.kind == Kind::Word && nt.space_before && !nt.line_start && (!nt.capitalized(text) || demonym) && !is_not_noun(&nt.low) && !MONTHS.contains(&nt.low.as_str()) {
                if unit.is_none() && currency.is_none() && noun.is_none() {
                    // A hyphenated noun: "two non-negotiables", "five follow-up meetings".
                    let mut word = nt.low.to_string();
                    let mut after = noun_tok + 1;
                    while after + 1 < t.len() && t[after].is_dash() && !t[after].space_before && !t[after + 1].space_before && t[after + 1].kind == Kind::Word {
                        word.push('-');
                        word.push_str(&t[after + 1].low);
                        after += 2;
                    }
                    noun = Some(word);
                    k = after;
                    end_tok = k;
                } else if noun.is_some() || unit.is_some() {
                    // "28-point plan", "five-hour meeting": the noun the measure describes.
                    let extra = nt.low.to_string();
                    noun = Some(match noun {
                        Some(n) => format!("{n} {extra}"),
                        None => extra,
                    });
                }
            }
        }
        // "1,500 were injured", "300 have fled": a bare number as the subject of a verb counts people.
        let subject_count = unit.is_none()
            && currency.is_none()
            && noun.is_none()
            && matches!(core.form, Form::Digits { .. })
            && !is_year_like(&t[j])
            && t.get(k).is_some_and(|x| matches!(x.low.as_str(), "were" | "are" | "have" | "had" | "remain" | "remained"))
            && t.get(k + 1).is_some_and(|x| x.kind == Kind::Word && (x.low.ends_with("ed") || x.low == "been" || x.low == "fled" || x.low == "died"));
        let is_money = currency.is_some();
        let unit = match (unit, &currency) {
            (Some(u), _) => u,
            (None, Some(c)) => c.clone(),
            (None, None) => {
                // "rose to 6.2 million": a number with a scale word is a count by itself.
                if noun.is_some() || matches!(core.form, Form::Vague { .. }) || core.scale >= 1e3 || subject_count {
                    "count".to_string()
                } else {
                    return None;
                }
            }
        };
        if self.excluded_after(text, t, j, &core, &unit, noun.as_deref(), is_money, k) {
            return None;
        }
        // A lone "one" or "a" is almost never a claim ("one of the", "a day").
        if matches!(core.form, Form::Words) && value == 1.0 && core.scale == 1.0 && !hyphen_measure {
            return None;
        }

        // Hedges around it.
        let mut start_tok = i;
        let mut hedge = Hedge::Exact;
        if let Some((h, s)) = self.hedge_before(t, i) {
            hedge = h;
            start_tok = s;
        }
        if hedge == Hedge::Exact {
            if let Some((h, after)) = self.hedge_after(t, end_tok) {
                hedge = h;
                end_tok = after;
            }
        }
        let direction = direction_before(t, start_tok);
        value *= unit_factor;
        let (mut val, mut lo, mut hi) = (Some(value), None, None);
        match core.form {
            Form::Vague { lo: vlo, hi: vhi } => {
                val = None;
                lo = Some(vlo * unit_factor);
                hi = vhi.map(|h| h * unit_factor);
                hedge = Hedge::Range;
            }
            _ => {
                if let Some(h2) = range_hi {
                    lo = Some(value);
                    hi = Some(h2 * unit_factor);
                    val = None;
                    hedge = Hedge::Range;
                } else {
                    match hedge {
                        Hedge::Lower | Hedge::ApproxAbove => lo = Some(value),
                        Hedge::Upper | Hedge::ApproxBelow => hi = Some(value),
                        _ => {}
                    }
                }
            }
        }
        let precision = match core.form {
            Form::Digits { decimals, .. } => Some(Precision { half_step: 0.5 * 10f64.powi(-decimals) * core.scale * unit_factor }),
            Form::Words => Some(Precision { half_step: 0.5 * core.scale.max(1.0) * unit_factor }),
            _ => None,
        };
        let start = t[start_tok].start;
        let end = t[end_tok.saturating_sub(1).max(start_tok)].end;
        Some((
            Quantity {
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
                noun,
                noun_mods: Vec::new(),
            },
            end_tok,
        ))
    }

    /// A currency symbol or code right before token `i`: returns it and where the number starts.
    fn currency_before(&self, t: &[Tok], i: usize) -> (Option<String>, usize) {
        let Some(tok) = t.get(i) else { return (None, i) };
        // "US$5"
        if tok.kind == Kind::Word && tok.low == "us" && t.get(i + 1).is_some_and(|x| x.is_sym("$") && !x.space_before) {
            return (Some("USD".into()), i + 2);
        }
        if let Some(u) = self.lex.currencies.get(tok.low.as_str()) {
            if t.get(i + 1).is_some_and(|x| x.kind == Kind::Num) && (tok.kind == Kind::Sym || t[i + 1].space_before) {
                return (Some(u.clone()), i + 1);
            }
        }
        (None, i)
    }

    /// The number starting at token `j`, with a following scale word.
    fn core(&self, text: &str, t: &[Tok], j: usize, money: bool) -> Option<Core> {
        let tok = t.get(j)?;
        match tok.kind {
            Kind::Num => {
                let v: f64 = tok.low.parse().ok()?;
                let decimals = tok.low.split('.').nth(1).map_or(0, |d| d.len() as i32);
                let plain_int = decimals == 0 && !text[tok.start..tok.end].contains(',');
                let mut end = j + 1;
                let mut scale = 1.0;
                if let Some(n) = t.get(end) {
                    if n.kind == Kind::Word {
                        if let Some(s) = self.lex.scales.get(n.low.as_str()) {
                            let attached_ok = !n.space_before;
                            let ok = (!s.attached || attached_ok) && (!s.money_only || money || self.money_word_after(t, end + 1));
                            // An attached scale must end the word: "5k" but not "5kg".
                            if ok {
                                scale = s.factor;
                                end += 1;
                            }
                        }
                    }
                }
                Some(Core { value: v * scale, form: Form::Digits { decimals, plain_int }, end, scale })
            }
            Kind::Word => self.word_number(text, t, j),
            Kind::Sym => None,
        }
    }

    fn money_word_after(&self, t: &[Tok], k: usize) -> bool {
        t.get(k).is_some_and(|x| self.lex.units.get(x.low.as_str()).is_some_and(|(u, _)| is_currency_code(u)))
    }

    /// Number words, fractions and vague amounts starting at word token `j`.
    fn word_number(&self, _text: &str, t: &[Tok], j: usize) -> Option<Core> {
        let w = t[j].low.as_str();
        // Vague amounts: "hundreds of thousands", "tens of thousands", "millions".
        if w == "tens" || w == "hundreds" || w == "dozens" {
            if t.get(j + 1).is_some_and(|x| x.is_word("of")) {
                if let Some(n) = t.get(j + 2) {
                    let base = match n.low.as_str() {
                        "thousands" => Some(1e3),
                        "millions" => Some(1e6),
                        "billions" => Some(1e9),
                        _ => None,
                    };
                    if let Some(b) = base {
                        let m = match w {
                            "tens" => 10.0,
                            "hundreds" => 100.0,
                            _ => 24.0,
                        };
                        let lo = m * b;
                        let hi = if w == "dozens" { 99.0 * b } else { lo * 10.0 - 1.0 };
                        return Some(Core { value: lo, form: Form::Vague { lo, hi: Some(hi) }, end: j + 3, scale: b });
                    }
                }
            }
        }
        if let Some((lo, hi)) = vague(w) {
            return Some(Core { value: lo, form: Form::Vague { lo, hi }, end: j + 1, scale: 1.0 });
        }
        // Fractions: "one-fifth", "two thirds", "a quarter of", "half of".
        if let Some(f) = self.fraction(t, j) {
            return Some(f);
        }
        // Cardinal words: "twenty-eight", "one hundred and twenty", "a dozen", "one and a half million".
        let mut total = 0.0f64;
        let mut current = 0.0f64;
        let mut k = j;
        let mut any = false;
        let mut scale = 1.0f64;
        if w == "a" || w == "an" {
            let n = t.get(j + 1)?;
            if big_word(&n.low).is_some() || n.low == "dozen" {
                current = 1.0;
                k = j + 1;
                any = true;
            } else {
                return None;
            }
        }
        while let Some(tok) = t.get(k) {
            if tok.kind == Kind::Sym && tok.is_dash() && !tok.space_before && any {
                // "twenty-eight": a tens word joined to a unit word.
                if let (Some(n), true) = (t.get(k + 1), current >= 20.0 && current % 10.0 == 0.0) {
                    if let Some(v) = small_number(&n.low).filter(|v| *v < 10.0) {
                        if !n.space_before {
                            current += v;
                            k += 2;
                            continue;
                        }
                    }
                }
                break;
            }
            if tok.kind != Kind::Word {
                break;
            }
            let lw = tok.low.as_str();
            if let Some(v) = small_number(lw) {
                if any && current % 100.0 != 0.0 && current >= 1.0 && !(current >= 20.0 && v < 10.0 && current % 10.0 == 0.0) {
                    break; // "two three" is two numbers, not one
                }
                current += v;
                any = true;
                k += 1;
            } else if lw == "dozen" && any {
                current *= 12.0;
                k += 1;
            } else if let Some(b) = big_word(lw).filter(|_| any) {
                if b == 100.0 {
                    current = current.max(1.0) * 100.0;
                } else {
                    total += current.max(1.0) * b;
                    current = 0.0;
                    scale = b;
                }
                k += 1;
            } else if lw == "and" && any {
                // "one hundred and twenty", "one and a half million"
                let n1 = t.get(k + 1).map(|x| x.low.as_str());
                let n2 = t.get(k + 2).map(|x| x.low.as_str());
                if n1 == Some("a") && n2 == Some("half") {
                    current += 0.5;
                    k += 3;
                } else if n1.and_then(small_number).is_some() && (current >= 100.0 || total > 0.0) {
                    k += 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if !any {
            return None;
        }
        let value = total + current;
        if value <= 0.0 {
            return None;
        }
        Some(Core { value, form: Form::Words, end: k, scale })
    }

    /// "one-fifth", "two thirds of", "a quarter of", "half of", "half a million", "by half".
    fn fraction(&self, t: &[Tok], j: usize) -> Option<Core> {
        let w = t[j].low.as_str();
        let followed_by_of = |k: usize| t.get(k).is_some_and(|x| x.is_word("of"));
        if w == "half" {
            // "half a million"
            if t.get(j + 1).is_some_and(|x| x.is_word("a")) {
                if let Some(b) = t.get(j + 2).and_then(|x| big_word(&x.low)) {
                    return Some(Core { value: 0.5 * b, form: Form::Words, end: j + 3, scale: b });
                }
            }
            let prev = if j > 0 { t[j - 1].low.as_str() } else { "" };
            let after_by = prev == "by";
            let ordinal_before = matches!(prev, "first" | "second" | "latter" | "other" | "the");
            if (followed_by_of(j + 1) || after_by) && !ordinal_before {
                return Some(Core { value: 50.0, form: Form::Fraction, end: j + 1, scale: 1.0 });
            }
            return None;
        }
        // numerator word, then optional dash, then denominator
        let num = if w == "a" || w == "an" { Some(1.0) } else { small_number(w) };
        let num = num?;
        let (dtok, hyph) = match t.get(j + 1) {
            Some(d) if d.is_dash() && !d.space_before => (t.get(j + 2)?, true),
            Some(d) => (d, false),
            None => return None,
        };
        let den = denominator(&dtok.low)?;
        if dtok.low == "half" || (num > 1.0 && !dtok.low.ends_with('s')) {
            return None; // "two third" is not a fraction
        }
        let end = if hyph { j + 3 } else { j + 2 };
        // "a third round of talks" uses an ordinal: fractions written with a space or "a" need "of".
        if !hyph && !followed_by_of(end) {
            return None;
        }
        if num >= den {
            return None;
        }
        Some(Core { value: num / den * 100.0, form: Form::Fraction, end, scale: 1.0 })
    }

    /// "one in five", "3 out of 4" starting after the first number at token `k`.
    fn ratio(&self, text: &str, t: &[Tok], k: usize, core: Core) -> Option<(f64, usize)> {
        if !matches!(core.form, Form::Words | Form::Digits { .. }) || core.scale != 1.0 {
            return None;
        }
        let mut m = k;
        if t.get(m).is_some_and(|x| x.is_word("in")) {
            m += 1;
        } else if t.get(m).is_some_and(|x| x.is_word("out")) && t.get(m + 1).is_some_and(|x| x.is_word("of")) {
            m += 2;
        } else {
            return None;
        }
        let d = self.core(text, t, m, false)?;
        if !matches!(d.form, Form::Words | Form::Digits { .. }) || is_year_like(&t[m]) || d.value <= core.value || d.value > 1000.0 {
            return None;
        }
        Some((core.value / d.value * 100.0, d.end))
    }

    /// Longest unit phrase starting at token `k`.
    fn unit_after(&self, t: &[Tok], k: usize) -> Option<(String, f64, usize)> {
        let maxw = self.lex.max_words.clamp(1, 4);
        let mut key = String::new();
        let mut best = None;
        for n in 0..maxw {
            let Some(tok) = t.get(k + n) else { break };
            // A unit does not start on the next line, and a unit phrase does not cross one:
            // "version 3\nyears of ..." is a number and a new line.
            if tok.line_start {
                break;
            }
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&tok.low);
            if let Some((u, f)) = self.lex.units.get(&key) {
                // "%" must be attached or one space away; words need a word boundary.
                best = Some((u.clone(), *f, k + n + 1));
            }
        }
        best
    }

    /// For a bare number followed by "or", "and", "to", "," and a number with a unit.
    fn unit_from_list(&self, text: &str, t: &[Tok], k: usize) -> Option<(String, f64)> {
        let mut m = k;
        while let Some(x) = t.get(m) {
            if x.is_sym(",") || x.is_word("or") || x.is_word("and") || x.is_word("to") || (x.is_dash() && x.space_before) {
                m += 1;
            } else {
                break;
            }
            if m - k > 2 {
                break;
            }
        }
        if m == k {
            return None;
        }
        let c = self.core(text, t, m, false)?;
        if !matches!(c.form, Form::Digits { .. }) {
            return None;
        }
        let (u, f, _) = self.unit_after(t, c.end)?;
        Some((u, f))
    }

    /// A hedge phrase ending right before token `i` (optionally with "the"/"a" in between).
    fn hedge_before(&self, t: &[Tok], i: usize) -> Option<(Hedge, usize)> {
        // Like units, a hedge does not reach across a line break: "approximate\ntwo ..." is a
        // heading and a new line, and the claim's sentence starts on the number's line.
        if t.get(i).is_some_and(|x| x.line_start) {
            return None;
        }
        let maxw = self.lex.max_words.clamp(1, 5);
        for skip in [0usize, 1] {
            if skip == 1 {
                if i == 0 || !matches!(t[i - 1].low.as_str(), "the" | "a" | "an") {
                    break;
                }
            }
            let end = i.checked_sub(skip)?;
            for n in (1..=maxw).rev() {
                let Some(s) = end.checked_sub(n) else { continue };
                if t[s + 1..end].iter().any(|x| x.line_start) || t.get(end).is_some_and(|x| x.line_start && end < i) {
                    continue;
                }
                let key = t[s..end].iter().map(|x| x.low.as_str()).collect::<Vec<_>>().join(" ");
                if let Some(h) = self.lex.hedges_before.get(&key) {
                    if skip == 1 && !matches!(h, Hedge::Lower | Hedge::Upper | Hedge::ApproxBelow | Hedge::ApproxAbove) {
                        continue;
                    }
                    // "up to" is a bound; "up" alone is a change, handled elsewhere.
                    return Some((*h, s));
                }
            }
        }
        None
    }

    fn hedge_after(&self, t: &[Tok], k: usize) -> Option<(Hedge, usize)> {
        for n in (1..=3usize).rev() {
            if k + n > t.len() {
                continue;
            }
            if t[k..k + n].iter().any(|x| x.line_start) {
                continue;
            }
            let key = t[k..k + n].iter().map(|x| x.low.as_str()).collect::<Vec<_>>().join(" ");
            if let Some(h) = self.lex.hedges_after.get(&key) {
                // "plus" only when attached or followed by a noun ("5,000-plus troops", "50 plus")
                return Some((*h, k + n));
            }
        }
        None
    }

    /// Filters that look at what stands before the number.
    fn excluded_before(&self, text: &str, t: &[Tok], i: usize, j: usize, core: &Core) -> bool {
        let tok = &t[j];
        let prev = if j > 0 { t.get(j - 1) } else { None };
        if tok.kind == Kind::Num {
            if let Some(p) = prev {
                // Digits glued to letters or to a dash after letters: G7, UNITED24, F-16, COVID-19.
                if !tok.space_before && p.kind == Kind::Word && i == j {
                    return true;
                }
                if !tok.space_before && p.is_dash() && j >= 2 && matches!(t[j - 2].kind, Kind::Word | Kind::Num) && !p.space_before {
                    return true; // F-16, COVID-19, and the "1" of a 3-1 score
                }
                // Part of a path, version, URL, score or date: 3/4, v1.2, 12:30, #5, 2.0.1
                if !tok.space_before && matches!(p.low.as_str(), "/" | ":" | "." | "#" | "_" | "@" | "=") {
                    return true;
                }
                // Dates: "February 24", "Feb. 24", "Jan 23-24".
                if is_month(p) || (p.is_sym(".") && j >= 2 && is_month(&t[j - 2])) {
                    return true;
                }
                // "No. 5", "Article 5", "Top 5", "Windows 11": a capitalised name before the number.
                // A possessive ("Trump's 28-point plan") is not a name with a number.
                if p.kind == Kind::Word && p.capitalized(text) && i == j && tok.space_before && !p.low.ends_with("'s") {
                    let sentence_start = j < 2 || t[j - 1].line_start || matches!(t[j - 2].low.as_str(), "." | "!" | "?" | "\"" | "“" | "(" | ":");
                    let hedge_word = self.lex.hedges_before.contains_key(p.low.as_str()) || is_direction_word(&p.low);
                    let common_start = matches!(p.low.as_str(), "in" | "by" | "since" | "of" | "for" | "at" | "on" | "with" | "and" | "but" | "only" | "just" | "all" | "another" | "the" | "some" | "polls" | "about");
                    if !(hedge_word || common_start) && !(sentence_start && !p.line_start) {
                        return true;
                    }
                    if p.line_start && !hedge_word && !common_start {
                        // Headline furniture such as "Top 5 This Week".
                        return true;
                    }
                }
            }
            // List numbering: "1. " or "2) " at the start of a line.
            if tok.line_start && t.get(j + 1).is_some_and(|n| (n.is_sym(".") || n.is_sym(")")) && !n.space_before) {
                if t.get(j + 2).is_none_or(|n| n.space_before) {
                    return true;
                }
            }
            // Ordinals: 1st, 20th.
            if t.get(j + 1).is_some_and(|n| !n.space_before && matches!(n.low.as_str(), "st" | "nd" | "rd" | "th")) {
                return true;
            }
            // Clock times: "05:20", "9 a.m.", "14:00 GMT".
            if t.get(j + 1).is_some_and(|n| n.is_sym(":") && !n.space_before) && t.get(j + 2).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
                return true;
            }
            if t.get(j + 1).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
                return true;
            }
        }
        let _ = core;
        false
    }

    /// Filters that need the whole reading (unit, noun).
    #[allow(clippy::too_many_arguments)]
    fn excluded_after(&self, text: &str, t: &[Tok], j: usize, core: &Core, unit: &str, noun: Option<&str>, money: bool, k: usize) -> bool {
        let tok = &t[j];
        // Years: a plain four-digit number 1800-2100 is a year unless it clearly counts something.
        if let Form::Digits { plain_int: true, .. } = core.form {
            if is_year_like(tok) && core.scale == 1.0 && !money && unit == "count" {
                let counts_plural = noun.is_some_and(|n| n.ends_with('s') && !n.ends_with("'s") && !MONTHS.contains(&n));
                if !counts_plural {
                    return true;
                }
                // "2022 elections" is still a year; "2000 troops" a count: years are followed by
                // plural nouns rarely, except a few event words.
                if noun.is_some_and(|n| matches!(n, "elections" | "olympics" | "games" | "midterms" | "polls" | "talks" | "protests" | "floods" | "riots")) {
                    return true;
                }
            }
        }
        // Dates written day-first: "24 February", "6 Dec".
        if let Some(n) = t.get(core.end) {
            if is_month(n) && unit == "count" {
                return true;
            }
        }
        // Clock times: "9 a.m.", "5 pm", "10 GMT".
        if let Some(n) = t.get(core.end) {
            if matches!(n.low.as_str(), "am" | "pm" | "gmt" | "utc" | "cet" | "est" | "edt" | "bst" | "o'clock") || (n.low == "a" && t.get(core.end + 1).is_some_and(|x| x.is_sym("."))) || (n.low == "p" && t.get(core.end + 1).is_some_and(|x| x.is_sym("."))) {
                return true;
            }
        }
        // Reading times: "5 min read".
        if unit == "minute" && t.get(k).is_some_and(|x| x.is_word("read")) {
            return true;
        }
        // Digits glued to letters after: 5G, 3D, 4K (unless a unit or scale was read).
        if tok.kind == Kind::Num && unit == "count" {
            if let Some(n) = t.get(j + 1) {
                if n.kind == Kind::Word && !n.space_before && core.end == j + 1 {
                    return true;
                }
            }
        }
        let _ = text;
        false
    }
}

/// A month name ("may" and "march" are left out: as words they are usually a verb).
fn is_month(t: &Tok) -> bool {
    t.kind == Kind::Word && MONTHS.contains(&t.low.as_str()) && t.low != "may" && t.low != "march"
}

fn is_year_like(t: &Tok) -> bool {
    t.kind == Kind::Num && t.low.len() == 4 && t.low.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

fn is_not_noun(w: &str) -> bool {
    NOT_NOUNS.contains(&w)
}

fn is_direction_word(w: &str) -> bool {
    UP_VERBS.contains(&w) || DOWN_VERBS.contains(&w)
}

fn is_currency_code(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// "increased by $700 billion", "rose 5%", "down 3 points": the number is a change.
fn direction_before(t: &[Tok], start: usize) -> Option<Direction> {
    let mut k = start.checked_sub(1)?;
    if t[k].is_word("by") {
        k = k.checked_sub(1)?;
    }
    let w = t[k].low.as_str();
    if t[k].kind != Kind::Word {
        return None;
    }
    if UP_VERBS.contains(&w) {
        Some(Direction::Up)
    } else if DOWN_VERBS.contains(&w) {
        Some(Direction::Down)
    } else {
        None
    }
}

/// "from 50% to 30%": the first is the earlier value, the second the current one.
fn mark_changes(text: &str, t: &[Tok], qs: &mut [Quantity]) {
    let _ = t;
    for n in 1..qs.len() {
        let (a, b) = (&qs[n - 1], &qs[n]);
        let gap = text.get(a.end..b.start).unwrap_or("").trim();
        if gap != "to" {
            continue;
        }
        // Only the last few bytes matter: is the word before the first value "from"?
        let mut from = a.start.saturating_sub(12);
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        let lower = text.get(from..a.start).unwrap_or("").trim_end().to_ascii_lowercase();
        if lower.ends_with(" from") || lower == "from" || (from == 0 && lower.ends_with("from")) {
            qs[n - 1].change_role = Some(ChangeRole::Earlier);
            qs[n].change_role = Some(ChangeRole::Current);
        }
    }
}

#[cfg(test)]
mod tests;
