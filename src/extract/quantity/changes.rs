//! Changes: "rose 5%", "fell by 3 points", "closed 2% higher", "Nasdaq -0.8%"; and links between
//! neighbouring quantities: "cut from 50% to 30%" (earlier, current), "lost 40 points, or 1.2%"
//! (the apposition shares the direction), "more than 100 km (62 miles)" (the conversion shares
//! the hedge).

use super::lexicon::QuantityLexicon;
use super::tokens::{Kind, Tok};
use super::QuantityExtractor;
use crate::extract::{ChangeRole, Direction, Hedge, Quantity};

impl QuantityExtractor {
    /// "increased by $700 billion", "rose 5%", "edged up 0.2%", "down 3 points": the number is
    /// a change. "gave up 400 yards" is no rise; "raised $20 million" and "lost 300 soldiers"
    /// state amounts (those verbs make a change only before a percent, points or "by").
    pub(super) fn direction_before(&self, t: &[Tok], start: usize, unit: &str, noun: Option<&str>) -> Option<Direction> {
        let w = &self.lex.words;
        let mut k = start.checked_sub(1)?;
        let mut by = false;
        if t[k].is_word("by") {
            k = k.checked_sub(1)?;
            by = true;
            // "raised its deposit rate by 25 basis points", "cut the risk of death by 30 per
            // cent": the verb may stand a few words back.
            for back in 0..5 {
                let x = &t[k];
                if x.kind != Kind::Word || w.up_verb.contains(x.low.as_str()) || w.down_verb.contains(x.low.as_str()) || k == 0 || back == 4 {
                    break;
                }
                if !t[k - 1].space_before && t[k - 1].kind != Kind::Word {
                    break;
                }
                k -= 1;
            }
        }
        // "fell a further 2%", "rose another 3 points"
        if !by && matches!(t[k].low.as_str(), "further" | "another" | "additional") && k > 0 {
            k -= 1;
            if t[k].is_word("a") && k > 0 {
                k -= 1;
            }
        }
        let x = &t[k];
        if x.kind != Kind::Word {
            return None;
        }
        let l = x.low.as_str();
        let rate_like = matches!(unit, "percent" | "percentage_point" | "basis_point") || noun.is_some_and(|n| n == "points" || n == "point");
        // "gave up 400 yards", "shot down 10 jets"; but "shares ended up 2%", "closed down 3%".
        if !rate_like && ((l == "up" && k > 0 && w.phrasal_up.contains(t[k - 1].low.as_str())) || (l == "down" && k > 0 && w.phrasal_down.contains(t[k - 1].low.as_str()))) {
            return None;
        }
        // "a rise of 5%", "an increase of $700 billion"
        if l == "of" && k > 0 {
            let n = t[k - 1].low.as_str();
            if w.up_noun.contains(n) {
                return Some(Direction::Up);
            }
            if w.down_noun.contains(n) {
                return Some(Direction::Down);
            }
            return None;
        }
        if w.weak_change_verb.contains(l) && !by && !rate_like {
            return None;
        }
        if w.up_verb.contains(l) {
            Some(Direction::Up)
        } else if w.down_verb.contains(l) {
            Some(Direction::Down)
        } else {
            None
        }
    }

    /// "closed 2% higher", "were 5% down on the year", "a 5% rise", "a $5bn cut".
    pub(super) fn direction_after(&self, t: &[Tok], end: usize, unit: &str) -> Option<Direction> {
        let x = t.get(end).filter(|x| x.kind == Kind::Word && x.space_before && !x.line_start)?;
        if !matches!(unit, "percent" | "percentage_point" | "basis_point" | "count") && !is_money_code(unit) {
            return None;
        }
        let w = &self.lex.words;
        if unit != "count" {
            if w.up_noun.contains(x.low.as_str()) {
                return Some(Direction::Up);
            }
            if w.down_noun.contains(x.low.as_str()) {
                return Some(Direction::Down);
            }
        }
        match x.low.as_str() {
            "higher" => Some(Direction::Up),
            "lower" => Some(Direction::Down),
            "up" | "down" if t.get(end + 1).is_none_or(|n| n.kind != Kind::Word || matches!(n.low.as_str(), "on" | "from" | "in" | "over" | "since" | "year" | "compared" | "at")) => {
                if x.low == "up" {
                    Some(Direction::Up)
                } else {
                    Some(Direction::Down)
                }
            }
            _ => None,
        }
    }
}

fn is_money_code(u: &str) -> bool {
    u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase())
}

/// Links between neighbouring quantities, read once all are found.
pub(super) fn link_neighbours(lex: &QuantityLexicon, text: &str, t: &[Tok], qs: &mut [Quantity]) {
    let _ = (lex, t);
    for n in 1..qs.len() {
        let (a_end, b_start) = (qs[n - 1].end, qs[n].start);
        if a_end > b_start || b_start - a_end > 16 {
            continue;
        }
        let gap = text.get(a_end..b_start).unwrap_or("").trim();
        match gap {
            "to" => {
                // "from 50% to 30%": only the last few bytes matter: is the word before "from"?
                let a_start = qs[n - 1].start;
                let mut from = a_start.saturating_sub(12);
                while from > 0 && !text.is_char_boundary(from) {
                    from -= 1;
                }
                let lower = text.get(from..a_start).unwrap_or("").trim_end().to_ascii_lowercase();
                if lower.ends_with(" from") || lower == "from" {
                    qs[n - 1].change_role = Some(ChangeRole::Earlier);
                    qs[n].change_role = Some(ChangeRole::Current);
                }
            }
            "from" | ", up from" | ", down from" | "up from" | "down from" | ", compared with" | "compared with" | ", from" => {
                // "rose to 5% from 4%", "874,000, up from 710,000": current, then earlier.
                let a_start = qs[n - 1].start;
                let mut from = a_start.saturating_sub(6);
                while from > 0 && !text.is_char_boundary(from) {
                    from -= 1;
                }
                let before = text.get(from..a_start).unwrap_or("").trim_end().to_ascii_lowercase();
                let to_level = before.ends_with(" to") || before == "to";
                if (to_level || gap.contains("up") || gap.contains("down") || gap.contains("compared")) && qs[n].change_role.is_none() && qs[n - 1].change_role.is_none() && qs[n - 1].unit == qs[n].unit {
                    qs[n - 1].change_role = Some(ChangeRole::Current);
                    qs[n].change_role = Some(ChangeRole::Earlier);
                }
            }
            ", or" | "or" | "(" | ", or about" | ", or some" | "or about" | ", or nearly" | ", or roughly" => {
                // "lost 40 points, or 1.2%": the apposition restates the change.
                if qs[n].direction.is_none() {
                    qs[n].direction = qs[n - 1].direction;
                }
                // "more than 100 km (62 miles)": a conversion keeps the hedge.
                if gap == "(" && qs[n].hedge == Hedge::Exact && !matches!(qs[n - 1].hedge, Hedge::Exact | Hedge::Range | Hedge::Qualitative) && qs[n].value.is_some() {
                    let h = qs[n - 1].hedge;
                    let q = &mut qs[n];
                    q.hedge = h;
                    match h {
                        Hedge::Lower | Hedge::ApproxAbove => q.lo = q.value,
                        Hedge::Upper | Hedge::ApproxBelow => q.hi = q.value,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}
