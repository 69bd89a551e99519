//! What a number counts: the head noun and the words between that narrow it ("17,000 Russian
//! troops" -> "troops" with ["russian"]; "40 POWs"; "300 Boeing engineers"), and why a number
//! with neither unit nor noun is still a quantity (ages, levels, totals, subjects of a verb,
//! a noun elided after a first member).

use super::tokens::{Kind, Tok};
use super::{is_clause_end, is_month, is_year_like, Bare, Form, QuantityExtractor, Reading};
use crate::extract::Quantity;

/// A word as the noun reader sees it: a word, a hyphenated compound ("anti-tank",
/// "U.S.-based") or an initialism ("U.S.").
struct Item {
    low: String,
    cap: bool,
    plural: bool,
    end: usize,
}

impl QuantityExtractor {
    /// Whether a word reads as a plural noun: "troops", "people", "Americans", "POWs".
    pub(super) fn is_plural_noun(&self, text: &str, x: &Tok) -> bool {
        let raw = text.get(x.start..x.end).unwrap_or("");
        self.plural_word(&x.low, x.capitalized(text), acronym_plural(raw))
    }

    fn plural_word(&self, low: &str, cap: bool, acronym_plural: bool) -> bool {
        let w = &self.lex.words;
        if acronym_plural {
            return true;
        }
        // "Guardsmen", "servicemen", "fishermen" (but not "Yemen", "specimen").
        let men = low.len() > 6 && low.ends_with("men") && !matches!(low, "specimen" | "abdomen" | "regimen" | "acumen");
        if cap {
            return men || w.people_plural.contains(low) || (low.len() > 4 && low.ends_with("ans") && !low.contains('-'));
        }
        let last = low.rsplit('-').next().unwrap_or(low);
        men || w.irregular_plural.contains(last)
            || (last.len() >= 3 && last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") && !last.ends_with("is") && !last.ends_with("'s") && !w.not_noun.contains(last))
    }

    /// The item starting at token `p`.
    fn item_at(&self, text: &str, t: &[Tok], p: usize) -> Option<Item> {
        let x = t.get(p).filter(|x| x.kind == Kind::Word)?;
        let raw = text.get(x.start..x.end)?;
        let cap = x.capitalized(text);
        let mut low = x.low.to_string();
        let mut e = p + 1;
        let glued = |i: usize| t.get(i).is_some_and(|y| !y.space_before);
        // "U.S.", "U.K.": single capitals joined by full stops.
        if raw.len() == 1 && cap {
            while glued(e) && t[e].is_sym(".") && glued(e + 1) && t[e + 1].kind == Kind::Word && t[e + 1].end - t[e + 1].start == 1 {
                low.push('.');
                low.push_str(&t[e + 1].low);
                e += 2;
            }
            if e > p + 1 && glued(e) && t[e].is_sym(".") {
                low.push('.');
                e += 1;
            }
        }
        let mut compound = false;
        while glued(e) && t[e].is_dash() && glued(e + 1) && t[e + 1].kind == Kind::Word {
            low.push('-');
            low.push_str(&t[e + 1].low);
            e += 2;
            compound = true;
        }
        let plural = self.plural_word(&low, cap && !compound, acronym_plural(raw) && !compound);
        Some(Item { low, cap, plural, end: e })
    }

    /// The counted noun starting at token `k`, past modifiers, demonyms, names and acronyms:
    /// the first plural within five words, else the last lowercase word of the run. Returns
    /// the head, the modifiers (lowercase) and the token after the head.
    pub(super) fn counted_noun(&self, text: &str, t: &[Tok], k: usize) -> Option<(String, Vec<String>, usize)> {
        let w = &self.lex.words;
        let mut items: Vec<Item> = Vec::new();
        let mut p = k;
        for _ in 0..5 {
            let Some(x) = t.get(p) else { break };
            // "10 other guys", "134,500 more conscripts": adjectives that are no nouns.
            // "1,700 US troops": an acronym is no pronoun.
            let adjective = w.adjective.contains(x.low.as_str()) || (x.end - x.start >= 2 && text.get(x.start..x.end).is_some_and(|s| s.chars().all(|c| c.is_ascii_uppercase())));
            if x.kind != Kind::Word || !x.space_before || x.line_start || (w.not_noun.contains(x.low.as_str()) && !adjective) || is_month(&self.lex, text, x) {
                break;
            }
            let Some(it) = self.item_at(text, t, p) else { break };
            // A past form after the noun phrase is its verb ("300 engineers walked out", "the
            // 493 Fighter Squadron landed"); first after the number it may be the head or a
            // participle ("35 killed", "200 maimed soldiers").
            let single = it.end == p + 1;
            if !items.is_empty() && !it.cap && single && !it.plural && it.low.ends_with("ed") && !adjective {
                break;
            }
            p = it.end;
            // "76 Battalion Tactical Groups in the region", "50,000 Javelins": a capitalised
            // plural ends the phrase unless a lowercase noun follows ("100 Texas residents").
            let cap_plural = it.cap && single && !it.plural && it.low.len() > 3 && it.low.ends_with('s') && !it.low.ends_with("ss") && !it.low.ends_with("us") && !it.low.ends_with("is") && !it.low.ends_with("'s");
            if cap_plural && !t.get(p).is_some_and(|n| n.kind == Kind::Word && n.space_before && (n.capitalized(text) || !w.not_noun.contains(n.low.as_str()))) {
                let mods = items.into_iter().map(|i| i.low).collect();
                return Some((it.low, mods, p));
            }
            // "artillery pieces", "police officers", "aircraft carriers": a plural-looking word
            // before a plural noun narrows it.
            let plural_next = t.get(p).is_some_and(|n| n.kind == Kind::Word && n.space_before && !n.capitalized(text) && !w.not_noun.contains(n.low.as_str()) && self.is_plural_noun(text, n));
            if it.plural && !plural_next {
                let mods = items.into_iter().map(|i| i.low).collect();
                return Some((it.low, mods, p));
            }
            items.push(it);
        }
        // No plural: the first lowercase word that is no adjective is the head ("one bidder",
        // "a magnitude 6.8 earthquake struck"), else the last adjective ("8,500 American
        // military"); a run of names alone ("the 493 Fighter Squadron") counts nothing. An
        // adverb ("internally") narrows a noun but is none.
        let w = &self.lex.words;
        let lower = |i: &Item| !i.cap && !i.low.ends_with("ly");
        let last = items.iter().position(|i| lower(i) && !w.adjective.contains(i.low.as_str())).or_else(|| items.iter().rposition(lower))?;
        let end = items[last].end;
        let head = items.remove(last).low;
        items.truncate(last);
        Some((head, items.into_iter().map(|i| i.low).collect(), end))
    }

    /// The counted noun of a reading: "12 regions", "hundreds of drones", "17,000 Russian
    /// troops"; for a measure, the noun it describes ("28-point plan", "19% support").
    pub(super) fn read_noun(&self, text: &str, t: &[Tok], r: &mut Reading) {
        if r.unit.is_none() && r.currency.is_none() && r.noun.is_none() {
            let mut at = r.k;
            if matches!(r.core.form, Form::Vague { .. }) && t.get(at).is_some_and(|x| x.is_word("of") && !x.line_start) {
                at += 1;
            }
            if let Some((noun, mods, end)) = self.counted_noun(text, t, at) {
                r.noun = Some(noun);
                r.noun_mods = mods;
                r.k = end;
                r.end_tok = end;
            }
            return;
        }
        let Some(nt) = t.get(r.k) else { return };
        let w = &self.lex.words;
        if nt.kind == Kind::Word && nt.space_before && !nt.line_start && !nt.capitalized(text) && !w.not_noun.contains(nt.low.as_str()) && !is_month(&self.lex, text, nt) {
            if r.noun.is_some() && r.noun.as_deref() == Some("age") {
                return;
            }
            let extra = nt.low.to_string();
            r.noun = Some(match r.noun.take() {
                Some(n) => format!("{n} {extra}"),
                None => extra,
            });
        }
    }

    /// Why a number with no unit and no noun is a quantity, if the words around it say so.
    pub(super) fn bare_reason(&self, text: &str, t: &[Tok], r: &mut Reading, prev: Option<&Quantity>) -> Option<Bare> {
        let w = &self.lex.words;
        if !matches!(r.core.form, Form::Digits { .. } | Form::Words) || (is_year_like(text, &t[r.j]) && r.core.scale == 1.0) {
            return None;
        }
        let word = |i: Option<usize>| i.and_then(|i| t.get(i)).filter(|x| x.kind == Kind::Word).map(|x| x.low.as_str());
        let before = r.first.checked_sub(1);
        let before2 = r.first.checked_sub(2);
        let next = t.get(r.k);
        let next2 = word(Some(r.k + 1));
        if matches!(r.core.form, Form::Words) && r.value == 1.0 {
            // "one of the wettest summers"; every other lone "one" is a pronoun.
            let sup = word(Some(r.k + 2)).is_some_and(|s| s.ends_with("est") || matches!(s, "most" | "few" | "least"));
            let of_the = next.is_some_and(|x| x.is_word("of")) && next2.is_some_and(|d| matches!(d, "the" | "its" | "their" | "his" | "her" | "our" | "this"));
            return (of_the && sup).then_some(Bare::Count);
        }
        if word(before).is_some_and(|b| w.label_noun.contains(b)) {
            return None; // "page 5 of the report", "day 18 of the war"
        }
        if let Some(a) = self.age_reason(text, t, r) {
            return Some(a);
        }
        // "moved to 10 Downing Street": a number before a name is part of it.
        if next.is_some_and(|n| n.kind == Kind::Word && n.capitalized(text)) {
            return None;
        }
        if self.hedge_before(t, r.first).is_some() {
            return Some(Bare::Count);
        }
        if let Some(n) = next.filter(|n| n.kind == Kind::Word && n.space_before) {
            let aux = matches!(n.low.as_str(), "were" | "are" | "have" | "had" | "remain" | "remained");
            if aux && next2.is_some_and(|x| x.ends_with("ed") || x.ends_with("en") || w.aux_complement.contains(x)) {
                return Some(Bare::Count);
            }
            if !aux && w.subject_verb.contains(n.low.as_str()) {
                return Some(Bare::Count);
            }
            // "41 of whom", "35 of 41 drones"
            let of_number = t.get(r.k + 1).is_some_and(|x| x.kind == Kind::Num);
            if n.low == "of" && (of_number || next2.is_some_and(|d| matches!(d, "the" | "those" | "these" | "them" | "whom" | "which" | "its" | "their" | "our" | "his" | "her" | "us"))) {
                return Some(Bare::Count);
            }
        }
        // "the 1,400 that the U.S. sent", "the 1,700 who are on their way": a referent.
        if word(before) == Some("the") && next.is_some_and(|n| matches!(n.low.as_str(), "who" | "that" | "which" | "whom")) {
            return Some(Bare::Count);
        }
        if let Some(b) = word(before) {
            // "another 211 were sent", "a further 16,300", "killed 22 at the plant".
            if matches!(b, "another" | "further" | "additional") || w.count_verb.contains(b) {
                return Some(Bare::Count);
            }
            if w.level_verb.contains(b) {
                return Some(Bare::Count);
            }
            if matches!(b, "to" | "from" | "at") && self.level_cue_before(t, r.first - 1, b == "at") {
                return Some(Bare::Count);
            }
            // "a total of 2,500", but not "the Group of 7"
            let named = r.first >= 2 && t[r.first - 2].capitalized(text);
            if b == "of" && !named && word(before2).is_some_and(|x| w.total_noun.contains(x)) {
                return Some(Bare::Count);
            }
        }
        self.elided_noun(text, t, r, prev)
    }

    /// A whole number an age can be.
    fn age_reason_ok(&self, r: &Reading) -> bool {
        matches!(r.core.form, Form::Digits { decimals: 0, .. }) && r.core.scale == 1.0 && (1.0..=120.0).contains(&r.value)
    }

    /// An age: "aged 52", "Maria Lopez, 52,", "who is 81.", "(52)" after a name.
    fn age_reason(&self, text: &str, t: &[Tok], r: &Reading) -> Option<Bare> {
        let Form::Digits { decimals: 0, .. } = r.core.form else { return None };
        if r.core.scale != 1.0 || !(1.0..=120.0).contains(&r.value) || r.first != r.j {
            return None;
        }
        let at = |i: Option<usize>| i.and_then(|i| t.get(i));
        let before = at(r.first.checked_sub(1));
        let before2 = at(r.first.checked_sub(2));
        let age_word = |x: Option<&Tok>| x.is_some_and(|b| self.lex.words.age_word.contains(b.low.as_str()));
        if before.is_some_and(|b| b.kind == Kind::Word && !matches!(b.low.as_str(), "young" | "old")) && age_word(before) {
            return Some(Bare::Age);
        }
        // "at the age of 56", "as young as 14", "as old as 90"
        if before.is_some_and(|b| b.is_word("of") || b.is_word("as")) && age_word(before2) {
            return Some(Bare::Age);
        }
        let closes = t.get(r.k).is_none_or(|n| matches!(n.low.as_str(), "," | "." | ")" | ";"));
        // "Maria Lopez, 52,", "Lopez (52)", "the coach, 61, said": a name or a person noun.
        let named = before2.is_some_and(|p| p.kind == Kind::Word && (p.capitalized(text) || t.get(r.k).is_some_and(|n| n.is_sym(","))));
        if closes && named && before.is_some_and(|b| b.is_sym(",") || b.is_sym("(")) {
            return Some(Bare::Age);
        }
        if closes && before.is_some_and(|b| b.is_word("is") || b.is_word("was")) && before2.is_some_and(|p| p.is_word("who")) {
            return Some(Bare::Age);
        }
        None
    }

    /// Before "to"/"from" (at token `at`), a change verb within four words ("climbed to
    /// 874,000", "slipped 0.4% to 7,612.55", "up from 710"); before "at", a level verb
    /// ("closed at", "stood at", "put the toll at").
    fn level_cue_before(&self, t: &[Tok], at: usize, is_at: bool) -> bool {
        let w = &self.lex.words;
        let mut p = at;
        for _ in 0..5 {
            if p == 0 || t[p].line_start {
                return false;
            }
            p -= 1;
            let x = &t[p];
            if is_clause_end(x) || x.is_sym(",") {
                return false;
            }
            if x.kind != Kind::Word {
                continue;
            }
            let l = x.low.as_str();
            let hit = if is_at { w.level_verb.contains(l) } else { w.up_verb.contains(l) || w.down_verb.contains(l) || w.change_word.contains(l) };
            if hit {
                return true;
            }
        }
        false
    }

    /// "1,200 visitors on Saturday and 950 on Sunday": the second member keeps the noun.
    fn elided_noun(&self, text: &str, t: &[Tok], r: &mut Reading, prev: Option<&Quantity>) -> Option<Bare> {
        let p = prev?;
        let noun = p.noun.clone()?;
        let b = t.get(r.first.checked_sub(1)?)?;
        // "ages 16 and 23": the second member is an age too.
        let age = p.unit == "year" && noun == "age";
        if (p.unit != "count" && !age) || !matches!(b.low.as_str(), "and" | "," | "while" | "but" | "versus" | "vs" | "against" | "or" | "with") {
            return None;
        }
        let start = t[r.first].start;
        let gap = text.get(p.end..start)?;
        if p.end > start || gap.len() > 60 || gap.contains(['.', ';', ':', '!', '?', '\n']) {
            return None;
        }
        if age {
            return self.age_reason_ok(r).then_some(Bare::Age);
        }
        r.noun = Some(noun);
        r.noun_mods = p.noun_mods.clone();
        Some(Bare::Count)
    }
}

/// "POWs", "IDPs", "MPs": capitals with a plural "s".
fn acronym_plural(raw: &str) -> bool {
    raw.len() >= 3 && raw.ends_with('s') && raw[..raw.len() - 1].chars().all(|c| c.is_ascii_uppercase())
}
