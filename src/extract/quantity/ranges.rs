//! Ranges: "10-12", "between €2.5 billion and €3 billion", "from $45 to $120" (under a spread
//! word), "$8 to $9 million" (the scale on the second number applies to both), "two to three
//! weeks", "200 – 400 mg", "three or four years". "3-2" after "won" or before "win" is a score.

use super::tokens::{Kind, Tok};
use super::{is_clause_end, is_year_like, Bare, Form, QuantityExtractor, Reading};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Join {
    And,
    To,
    Or,
    Dash,
}

impl QuantityExtractor {
    /// "10-12", "1,000-2,000 forms", "$8-9 million": numerals joined by a glued hyphen.
    pub(super) fn hyphen_range(&self, text: &str, t: &[Tok], r: &mut Reading) -> Option<()> {
        if !matches!(r.core.form, Form::Digits { .. }) {
            return Some(());
        }
        let m = r.k + 1;
        let c2 = self.core(text, t, m, r.currency.is_some())?;
        if self.is_score(text, t, r.first, c2.end) || is_year_like(text, &t[r.j]) || is_year_like(text, &t[m]) {
            return None;
        }
        let (lo, hi) = self.scaled_pair(r, c2.value, c2.scale);
        if hi <= lo {
            return None; // "3-2", "50-50": a score or a split, not a range
        }
        r.value = lo;
        r.range_hi = Some(hi);
        r.k = c2.end;
        r.end_tok = c2.end;
        Some(())
    }

    /// The two ends of a range, with a scale word on the second applied to the first when the
    /// first has none and is smaller as written: "$8 to $9 million" is 8e6–9e6, but "$500,000
    /// to $1 million" keeps 500,000.
    fn scaled_pair(&self, r: &Reading, v2: f64, s2: f64) -> (f64, f64) {
        let s1 = r.core.scale;
        let raw1 = r.value / s1;
        let raw2 = v2 / s2;
        if s1 == 1.0 && s2 > 1.0 && raw1 < raw2 {
            (raw1 * s2, v2)
        } else if s1 > 1.0 && s2 == 1.0 && raw2 > raw1 {
            (r.value, raw2 * s1)
        } else {
            (r.value, v2)
        }
    }

    /// A score: "won 3-2", "beat Spain 2-1", "a 2-3 defeat", "passed 361-69".
    fn is_score(&self, text: &str, t: &[Tok], first: usize, after: usize) -> bool {
        let w = &self.lex.words;
        let word_at = |i: usize| t.get(i).filter(|x| x.kind == Kind::Word);
        if word_at(after).is_some_and(|x| w.score_word.contains(x.low.as_str())) || word_at(after + 1).is_some_and(|x| w.score_word.contains(x.low.as_str()) && !word_at(after).is_some_and(|y| w.not_noun.contains(y.low.as_str()))) {
            return true;
        }
        let Some(p) = first.checked_sub(1) else { return false };
        if word_at(p).is_some_and(|x| w.score_verb.contains(x.low.as_str())) {
            return true;
        }
        p > 0 && word_at(p).is_some_and(|x| x.capitalized(text)) && word_at(p - 1).is_some_and(|x| w.score_verb.contains(x.low.as_str()))
    }

    /// Does a change word govern the "from" at token `from`? "cut from 50% to 30%" (change);
    /// "range from $45 to $120", "aged from 18 to 60" (a spread). The nearest word decides.
    pub(super) fn governed_by_change(&self, t: &[Tok], from: usize) -> bool {
        let w = &self.lex.words;
        let mut p = from;
        for _ in 0..6 {
            if p == 0 || t[p].line_start {
                return false;
            }
            p -= 1;
            let x = &t[p];
            if is_clause_end(x) {
                return false;
            }
            if x.kind != Kind::Word {
                continue;
            }
            if w.spread.contains(x.low.as_str()) {
                return false;
            }
            if w.change_word.contains(x.low.as_str()) || w.up_verb.contains(x.low.as_str()) || w.down_verb.contains(x.low.as_str()) {
                return true;
            }
        }
        false
    }

    /// The word after the first number that can close a range, if it may here.
    fn joiner(&self, t: &[Tok], r: &Reading) -> Option<Join> {
        let joiner = t.get(r.k)?;
        let before = r.first.checked_sub(1).and_then(|p| t.get(p));
        let bare = r.unit.is_none() && r.currency.is_none();
        if joiner.is_word("and") && before.is_some_and(|x| x.is_word("between")) {
            return Some(Join::And);
        }
        if joiner.is_word("to") {
            if before.is_some_and(|x| x.is_word("from")) && self.governed_by_change(t, r.first - 1) {
                return None; // a change: the two values are read apart and linked as earlier/current
            }
            // "cut by 0.25% to 4.5%", "rose 5% to 6%": a change, then the level it reached.
            let w = &self.lex.words;
            if before.is_some_and(|x| x.is_word("by") || w.up_verb.contains(x.low.as_str()) || w.down_verb.contains(x.low.as_str())) {
                return None;
            }
            return Some(Join::To);
        }
        if joiner.is_word("or") && bare && !before.is_some_and(|x| x.is_sym(",")) {
            return Some(Join::Or);
        }
        if joiner.is_dash() && joiner.space_before && t.get(r.k + 1).is_some_and(|x| x.space_before) && matches!(r.core.form, Form::Digits { .. }) {
            return Some(Join::Dash);
        }
        None
    }

    /// A second number that closes a range: "between 10 and 12", "10 to 12 percent", "from
    /// $45 to $120", "three or four years", "200 – 400 mg".
    pub(super) fn read_range(&self, text: &str, t: &[Tok], r: &mut Reading) {
        if r.range_hi.is_some() || r.hyphen_measure || !matches!(r.core.form, Form::Digits { .. } | Form::Words) {
            return;
        }
        let before = r.first.checked_sub(1).and_then(|p| t.get(p));
        let prev_between = before.is_some_and(|x| x.is_word("between"));
        let prev_from = before.is_some_and(|x| x.is_word("from"));
        let Some(join) = self.joiner(t, r) else { return };
        let (cur2, m) = self.currency_before(text, t, r.k + 1);
        if let Some(c) = &cur2 {
            if r.currency.as_ref().is_some_and(|c1| c1 != c) || (r.currency.is_none() && r.unit.is_some()) {
                return;
            }
        }
        let Some(c2) = self.core(text, t, m, r.currency.is_some() || cur2.is_some()) else { return };
        if matches!(c2.form, Form::Vague { .. } | Form::Fraction) || (is_year_like(text, &t[m]) && is_year_like(text, &t[r.j])) {
            return;
        }
        let (lo, hi) = self.scaled_pair(r, c2.value, c2.scale);
        if hi <= lo || (join == Join::Or && hi > 2.0 * lo + 1.0) {
            return;
        }
        let u2 = self.unit_after(text, t, c2.end);
        // "aged 18 to 60", "aged between 18 and 60", "ages from 4 to 8"
        let age = before.is_some_and(|x| self.lex.words.age_word.contains(x.low.as_str())) || ((prev_from || prev_between) && r.first >= 2 && self.lex.words.age_word.contains(t[r.first - 2].low.as_str()));
        let noun_after = || self.counted_noun(text, t, c2.end).is_some();
        let same_unit = match (&r.unit, &u2) {
            (Some(a), Some((b, _, _))) => a == b,
            (None, Some((b, _, _))) => r.currency.is_none() || r.currency.as_deref() == Some(b.as_str()),
            (Some(_), None) => false,
            (None, None) => match join {
                Join::Or => noun_after(),
                // "a rate of 0.8 to 1.0", "at 3 to 4": a value phrase
                _ => prev_between || prev_from || r.currency.is_some() || age || before.is_some_and(|b| b.is_word("of") || b.is_word("at")) || noun_after(),
            },
        };
        if !same_unit {
            return;
        }
        if u2.is_none() && t.get(c2.end).is_some_and(|x| x.kind == Kind::Word && !x.space_before) {
            return; // "10 to 12GB" is read by its unit; "5 to 10G" is a name
        }
        let mut end = c2.end;
        if let Some((u, f, after)) = u2 {
            if r.unit.is_none() {
                r.unit = Some(u);
                r.unit_factor = f;
            }
            end = after;
        }
        if r.currency.is_none() {
            r.currency = cur2;
        }
        if r.unit.is_none() && r.currency.is_none() {
            r.bare = Some(if age { Bare::Age } else { Bare::Count });
        }
        r.value = lo;
        r.range_hi = Some(hi);
        r.k = end;
        r.end_tok = end;
    }
}
