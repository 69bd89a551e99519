//! What is not a quantity: years and dates, clock times, list numbers, ordinals, reading times,
//! names with digits (G7, F-16, COVID-19, Article 5, 5G), phone numbers, page furniture
//! ("Top 5 This Week"), "100% certain", and a lone "one" used as a pronoun.

use super::tokens::{Kind, Tok};
use super::{is_month, is_year_like, Form, QuantityExtractor, Reading};

impl QuantityExtractor {
    /// Filters that look at what stands before the number at token `j` (the quantity starts
    /// at token `i`: a sign or currency may stand between).
    pub(super) fn excluded_before(&self, text: &str, t: &[Tok], i: usize, j: usize) -> bool {
        let tok = &t[j];
        if tok.kind != Kind::Num {
            return false;
        }
        // "100,00 troops" splits into "100", ",", "00": digits with a leading zero and no point
        // are never a number of their own (a typo, a code, the tail of a broken numeral).
        if tok.low.len() > 1 && tok.low.starts_with('0') && !tok.low.starts_with("0.") {
            return true;
        }
        let prev = if j > 0 { t.get(j - 1) } else { None };
        if let Some(p) = prev {
            // Digits glued to letters or to a dash after letters: G7, UNITED24, F-16, COVID-19.
            if !tok.space_before && p.kind == Kind::Word && i == j {
                return true;
            }
            if !tok.space_before && p.is_dash() && j >= 2 && matches!(t[j - 2].kind, Kind::Word | Kind::Num) && !p.space_before {
                return true; // F-16, COVID-19, and the "1" of a 3-1 score
            }
            // Part of a path, version, URL, score or date: 3/4, v1.2, 12:30, #5, 2.0.1
            if !tok.space_before && matches!(p.low.as_str(), "/" | ":" | "." | "#" | "_" | "@" | "=" | "'") {
                return true;
            }
            // Dates: "February 24", "Feb. 24", "Jan 23-24".
            if is_month(&self.lex, text, p) || (p.is_sym(".") && j >= 2 && is_month(&self.lex, text, &t[j - 2])) {
                return true;
            }
            // Phone numbers and codes: "01482 300 305".
            let plain = |x: &Tok| text.get(x.start..x.end).is_some_and(|s| !s.contains([',', '.']));
            if p.kind == Kind::Num && tok.space_before && plain(p) && plain(tok) {
                return true;
            }
            // "No. 5", "Article 5", "Top 5", "Windows 11": a capitalised name before the number.
            // A possessive ("Trump's 28-point plan") is not a name with a number.
            if p.kind == Kind::Word && has_upper(text, p) && i == j && tok.space_before && !p.low.ends_with("'s") && self.name_before(t, j) && !sentence_start(t, j) {
                return true;
            }
        }
        // List numbering: "1. " or "2) " at the start of a line.
        if tok.line_start && t.get(j + 1).is_some_and(|n| (n.is_sym(".") || n.is_sym(")")) && !n.space_before) && t.get(j + 2).is_none_or(|n| n.space_before) {
            return true;
        }
        // Ordinals: 1st, 20th.
        if t.get(j + 1).is_some_and(|n| !n.space_before && matches!(n.low.as_str(), "st" | "nd" | "rd" | "th")) {
            return true;
        }
        // Clock times: "05:20", "14:00 GMT"; numbers run together: "1.2.3".
        if t.get(j + 1).is_some_and(|n| n.is_sym(":") && !n.space_before) && t.get(j + 2).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
            return true;
        }
        if t.get(j + 1).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
            return true;
        }
        // A number starting with 0 that is no decimal: a code or a phone number ("01482").
        let raw = text.get(tok.start..tok.end).unwrap_or("");
        if raw.len() >= 3 && raw.starts_with('0') && !raw.starts_with("0.") {
            return true;
        }
        false
    }

    /// Is the capitalised word before the number at `j` a name the number belongs to? Not a
    /// hedge, change verb or common function word ("In 2022 ...", "About 300 ...", "A
    /// 21-year-old ..."). At a sentence start it is a name only when the number has no unit
    /// ("Apollo 11 astronauts", but "Add 250g of flour"): see `excluded_after`.
    fn name_before(&self, t: &[Tok], j: usize) -> bool {
        let p = &t[j - 1];
        let w = &self.lex.words;
        let hedge_word = self.lex.hedges_before.contains_key(p.low.as_str()) || w.up_verb.contains(p.low.as_str()) || w.down_verb.contains(p.low.as_str());
        !(hedge_word || w.common_start.contains(p.low.as_str()))
    }

    /// Filters that need the whole reading (unit, noun).
    pub(super) fn excluded_after(&self, text: &str, t: &[Tok], r: &Reading, unit: &str) -> bool {
        let tok = &t[r.j];
        let core = &r.core;
        let w = &self.lex.words;
        let money = r.currency.is_some();
        // Years: a plain four-digit number 1800-2100 is a year unless it clearly counts something.
        if let Form::Digits { plain_int: true, .. } = core.form {
            if is_year_like(text, tok) && core.scale == 1.0 && !money && unit == "count" && r.range_hi.is_none() {
                let noun = r.noun.as_deref();
                let counts_plural = noun.is_some_and(|n| n.ends_with('s') && !n.ends_with("'s")) && r.noun_mods.is_empty();
                // "2022 elections" is still a year; "2000 troops" a count.
                if !counts_plural || noun.is_some_and(|n| matches!(n, "elections" | "olympics" | "games" | "midterms" | "polls" | "talks" | "protests" | "floods" | "riots" | "s")) {
                    return true;
                }
            }
        }
        if let Some(n) = t.get(core.end) {
            // Dates written day-first: "24 February", "6 Dec".
            if is_month(&self.lex, text, n) && (unit == "count" || r.unit.is_none()) {
                return true;
            }
            // Clock times: "9 a.m.", "5 pm", "10 GMT", "9.30am".
            let dotted = |l: &str| n.low == l && t.get(core.end + 1).is_some_and(|x| x.is_sym(".")) && t.get(core.end + 2).is_some_and(|x| x.is_word("m") && !x.space_before);
            if matches!(n.low.as_str(), "am" | "pm" | "gmt" | "utc" | "cet" | "est" | "edt" | "bst" | "o'clock" | "hrs" | "pst" | "pdt" | "et" | "cst") || dotted("a") || dotted("p") {
                return true;
            }
        }
        // Reading times: "5 min read".
        if unit == "minute" && t.get(r.k).is_some_and(|x| x.is_word("read")) {
            return true;
        }
        // "100% certain", "110 percent committed": a manner of speaking.
        if unit == "percent" && t.get(r.k).is_some_and(|x| x.kind == Kind::Word && w.not_after_percent.contains(x.low.as_str())) {
            return true;
        }
        // "Apollo 11 astronauts", "Top 5 This Week": a capitalised name at a sentence start
        // with a number that has no unit.
        if unit == "count" && tok.kind == Kind::Num && r.first == r.j && r.j > 0 && tok.space_before && sentence_start(t, r.j) {
            let p = &t[r.j - 1];
            if p.kind == Kind::Word && has_upper(text, p) && !p.low.ends_with("'s") && self.name_before(t, r.j) {
                return true;
            }
        }
        // "the Group of 7", "the Class of 92": a name ending in "of" and a number.
        if unit == "count" && r.first == r.j && r.j >= 2 && t[r.j - 1].is_word("of") && t[r.j - 2].kind == Kind::Word && t[r.j - 2].capitalized(text) && !sentence_start(t, r.j - 1) {
            return true;
        }
        // "page 5 of the report", "the number 10 shirt": a label.
        if unit == "count" && r.first == r.j && r.first > 0 && t[r.first - 1].kind == Kind::Word && w.label_noun.contains(t[r.first - 1].low.as_str()) {
            // ... but "every day 900 troops", "that week 40 people" are times, not labels.
            let timed = matches!(t[r.first - 1].low.as_str(), "day" | "week") && r.first >= 2 && matches!(t[r.first - 2].low.as_str(), "every" | "per" | "each" | "a" | "one" | "that" | "this" | "the" | "same" | "next" | "last");
            if !timed {
                return true;
            }
        }
        // Digits glued to letters after: 5G, 3D, 4K (a unit or scale would have been read).
        if tok.kind == Kind::Num && unit == "count" && r.noun.as_deref() != Some("age") {
            if let Some(n) = t.get(r.j + 1) {
                if n.kind == Kind::Word && !n.space_before && core.end == r.j + 1 {
                    return true;
                }
            }
        }
        if matches!(core.form, Form::Words) && self.word_not_a_figure(t, r) {
            return true;
        }
        false
    }

    /// A number word that is no figure: "no one", "this one", "one reason", "one-on-one".
    fn word_not_a_figure(&self, t: &[Tok], r: &Reading) -> bool {
        let core = &r.core;
        let tok = &t[r.j];
        let w = &self.lex.words;
        // A lone "one" or "a": a pronoun or an article ("no one", "this one", "one another").
        if r.value == 1.0 && core.scale == 1.0 && !r.hyphen_measure && r.range_hi.is_none() {
            let before = r.first.checked_sub(1).and_then(|p| t.get(p));
            let after = t.get(core.end);
            let after_change = before.is_some_and(|b| w.up_verb.contains(b.low.as_str()) || w.down_verb.contains(b.low.as_str()));
            if before.is_some_and(|b| w.one_pronoun_before.contains(b.low.as_str()) && !(b.low == "only" && r.noun.is_some())) || (after.is_some_and(|a| w.one_pronoun_after.contains(a.low.as_str())) && !after_change) {
                return true;
            }
            if r.unit.is_none() && r.noun.is_none() && r.bare.is_none() {
                return true;
            }
            // "one reason", "one official said": a determiner, unless a hedge makes it a figure
            // ("only one bidder", "at least one child") or the noun is counted ("one death").
            if r.unit.is_none() && r.bare.is_none() {
                let counted = r.noun.as_deref().is_some_and(|n| w.one_counted_noun.contains(n));
                if !counted && self.hedge_before(t, r.first).is_none() {
                    return true;
                }
            }
        }
        // Number words inside a hyphenated compound: "one-on-one", "face-to-face".
        if matches!(core.form, Form::Words) && r.first == r.j && r.j > 0 && !tok.space_before && t[r.j - 1].is_dash() {
            return true;
        }
        false
    }
}

/// The token before `j` starts a sentence (or the text, or a line).
fn sentence_start(t: &[Tok], j: usize) -> bool {
    j < 2 || t[j - 1].line_start || matches!(t[j - 2].low.as_str(), "." | "!" | "?" | "\"" | "“" | "(" | ":")
}

/// A word with a capital anywhere: "Apollo", "iPhone", "eBay".
fn has_upper(text: &str, t: &Tok) -> bool {
    text.get(t.start..t.end).is_some_and(|s| s.chars().any(char::is_uppercase))
}
