//! Hedges around a number: "nearly", "more than", "up to" before it; "or more", "or so" after
//! it, also past a short complement ("30 percent of the province or less"). "over" after
//! "control" is a preposition, not a hedge ("control over 150 km²").

use super::tokens::{Kind, Tok};
use super::{is_clause_end, Hedge, QuantityExtractor};

impl QuantityExtractor {
    /// A hedge phrase ending right before token `i` (optionally with "the"/"a" in between).
    pub(super) fn hedge_before(&self, t: &[Tok], i: usize) -> Option<(Hedge, usize)> {
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
                    // "control over 150 km²": a preposition after a noun it belongs to.
                    if n == 1 && matches!(t[s].low.as_str(), "over" | "above" | "under" | "below" | "beyond") && s > 0 && self.lex.words.over_governor.contains(t[s - 1].low.as_str()) {
                        continue;
                    }
                    // "up to" is a bound; "up" alone is a change, handled elsewhere.
                    return Some((*h, s));
                }
            }
        }
        None
    }

    pub(super) fn hedge_after(&self, t: &[Tok], k: usize) -> Option<(Hedge, usize)> {
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


    /// "30 percent of the province or less": a bound after a short "of" complement (at most
    /// six words, no punctuation or number in between). The span is not extended.
    pub(super) fn hedge_after_complement(&self, t: &[Tok], k: usize) -> Option<Hedge> {
        if !t.get(k).is_some_and(|x| x.is_word("of") && !x.line_start) {
            return None;
        }
        for m in k + 2..(k + 8).min(t.len()) {
            let x = &t[m];
            if x.line_start || x.kind == Kind::Num || is_clause_end(x) || x.is_sym(",") || x.is_sym("(") {
                return None;
            }
            if x.is_word("or") {
                return self.hedge_after(t, m).map(|(h, _)| h);
            }
        }
        None
    }
}
