//! The number itself: digits with a scale word, number words ("twenty-eight", "one and a half
//! million"), fractions ("one-fifth", "half of"), vague amounts ("hundreds of thousands") and
//! ratios ("one in five").

use super::tokens::{Kind, Tok};
use super::{is_year_like, Core, Form, QuantityExtractor, Reading};


pub(super) fn small_number(w: &str) -> Option<f64> {
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
    /// The number starting at token `j`, with a following scale word.
    pub(super) fn core(&self, text: &str, t: &[Tok], j: usize, money: bool) -> Option<Core> {
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
                            // "m" after money is million; after other numbers only before a unit
                            // or a counted noun ("45m users", "1.4m tonnes"): "a 37m hull" is metres.
                            let ok = (!s.attached || attached_ok) && (!s.money_only || money || self.money_word_after(t, end + 1) || (n.low == "m" && (self.counted_after(text, t, end + 1) || self.bare_million(t, j, v))));
                            // An attached scale must end the word: "5k" but not "5kg".
                            // "4K" is a name, "$50K" and "12k" thousands.
                            let ok = ok && !(n.low == "k" && !money && text.get(n.start..n.end) == Some("K"));
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
        t.get(k).is_some_and(|x| x.space_before && self.lex.units.get(x.low.as_str()).is_some_and(|(u, _)| self.is_money(u)))
    }

    /// "sales topped 1m within a day", "about 2.5m": a small number with "m" and nothing that
    /// makes it a length ("a 37m hull", "the 100m", "3m high", "50m from") is millions.
    fn bare_million(&self, t: &[Tok], j: usize, v: f64) -> bool {
        if v >= 10.0 || j == 0 || matches!(t[j - 1].low.as_str(), "a" | "an" | "the") {
            return false;
        }
        let next = t.get(j + 2);
        !next.is_some_and(|x| (x.is_dash() && !x.space_before) || matches!(x.low.as_str(), "high" | "long" | "wide" | "deep" | "tall" | "from" | "away" | "above" | "below" | "under" | "across" | "thick" | "in" | "off" | "up" | "down" | "of" | "square" | "cubic" | "²"))
    }

    /// A unit word or a plural noun (after at most one modifier) at token `k`.
    fn counted_after(&self, text: &str, t: &[Tok], k: usize) -> bool {
        let Some(x) = t.get(k).filter(|x| x.kind == Kind::Word && x.space_before) else { return false };
        if self.lex.units.contains_key(x.low.as_str()) || self.is_plural_noun(text, x) {
            return true;
        }
        !self.lex.words.not_noun.contains(x.low.as_str()) && t.get(k + 1).is_some_and(|y| y.kind == Kind::Word && y.space_before && self.is_plural_noun(text, y))
    }

    /// Number words, fractions and vague amounts starting at word token `j`.
    fn word_number(&self, _text: &str, t: &[Tok], j: usize) -> Option<Core> {
        let w = t[j].low.as_str();
        // Only these words can start a number: a quick test before the readers below.
        if small_number(w).is_none() && !matches!(w, "a" | "an" | "half" | "tens" | "hundreds" | "dozens" | "scores" | "thousands" | "millions" | "billions") {
            return None;
        }
        if let Some(v) = self.tens_of_thousands(t, j) {
            return Some(v);
        }
        // "scores of", but "Scores: ..." and "he scores" are no amounts.
        if let Some((lo, hi)) = vague(w).filter(|_| w != "scores" || t.get(j + 1).is_some_and(|x| x.is_word("of"))) {
            return Some(Core { value: lo, form: Form::Vague { lo, hi }, end: j + 1, scale: 1.0 });
        }
        // Fractions: "one-fifth", "two thirds", "a quarter of", "half of".
        if let Some(f) = self.fraction(t, j) {
            return Some(f);
        }
        // Cardinal words: "twenty-eight", "one hundred and twenty", "a dozen", "one and a half million".
        cardinal(t, j)
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
        // "a third round of talks" uses an ordinal: fractions written with a space or "a" need "of"
        // (or "by": "rose by a fifth").
        let after_by = j > 0 && t[j - 1].is_word("by");
        if !hyph && !followed_by_of(end) && !after_by {
            return None;
        }
        if num >= den {
            return None;
        }
        Some(Core { value: num / den * 100.0, form: Form::Fraction, end, scale: 1.0 })
    }

    /// "one in five", "three out of four": the number becomes a percentage.
    pub(super) fn read_ratio(&self, text: &str, t: &[Tok], r: &mut Reading) {
        if let Some((pct, after)) = self.ratio(text, t, r.k, r.core) {
            r.value = pct;
            r.unit = Some("percent".into());
            r.k = after;
            r.end_tok = after;
        }
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
        if !matches!(d.form, Form::Words | Form::Digits { .. }) || is_year_like(text, &t[m]) || d.value <= core.value || d.value > 1000.0 {
            return None;
        }
        Some((core.value / d.value * 100.0, d.end))
    }

    /// "hundreds of thousands", "tens of thousands", "dozens of millions": a vague range.
    fn tens_of_thousands(&self, t: &[Tok], j: usize) -> Option<Core> {
        let w = t[j].low.as_str();
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
        None
    }
}

/// A number in words at token `j`: "twenty-eight", "one hundred and twenty", "a dozen", "one
/// and a half million".
fn cardinal(t: &[Tok], j: usize) -> Option<Core> {
    let w = t[j].low.as_str();
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
