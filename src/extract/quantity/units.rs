//! Signs, currencies and units around a number: "-12°C", "US$5", "USD5m", "A$40", "1.500€",
//! "12GB", "144 Hz", "245p", "five-hour", "28-point", "a 13- or 15-inch screen".

use super::tokens::{Kind, Tok};
use super::{Form, QuantityExtractor, Reading, Sign};

impl QuantityExtractor {
    /// A sign before the number at token `i`: "-12", "−3.5", "+0.3" (standing apart from what
    /// is before it, glued to the digits), or the word "minus". Returns where the rest starts.
    pub(super) fn sign_before(&self, t: &[Tok], i: usize) -> (Sign, usize) {
        let Some(tok) = t.get(i) else { return (Sign::None, i) };
        let Some(next) = t.get(i + 1) else { return (Sign::None, i) };
        let apart = i == 0 || tok.space_before || tok.line_start || t[i - 1].is_sym("(");
        let after_number = i > 0 && t[i - 1].kind == Kind::Num;
        if tok.kind == Kind::Sym && apart && !after_number && !next.space_before && (next.kind == Kind::Num || self.lex.currencies.contains_key(next.low.as_str())) {
            match tok.low.as_str() {
                // an en dash stands for a minus in some outlets' tables: "Nasdaq –0.8%"
                "-" | "−" | "–" => return (Sign::Minus, i + 1),
                "+" => return (Sign::Plus, i + 1),
                _ => {}
            }
        }
        if tok.is_word("minus") && next.space_before && next.kind == Kind::Num {
            return (Sign::Minus, i + 1);
        }
        (Sign::None, i)
    }

    /// A currency symbol or code right before token `i`: returns it and where the number starts.
    /// Codes ("EUR 40bn", "USD5m") must be written in capitals; "US$", "A$", "HK$" and "$US"
    /// are two tokens written together.
    pub(super) fn currency_before(&self, text: &str, t: &[Tok], i: usize) -> (Option<String>, usize) {
        let Some(tok) = t.get(i) else { return (None, i) };
        // Most tokens stand before no number: no look-up then.
        let num_at = |k: usize| t.get(k).is_some_and(|x| x.kind == Kind::Num);
        if !num_at(i + 1) && !num_at(i + 2) {
            return (None, i);
        }
        if let (Some(b), Some(n)) = (t.get(i + 1), t.get(i + 2)) {
            if !b.space_before && n.kind == Kind::Num && (tok.kind == Kind::Sym || b.kind == Kind::Sym) {
                let key = format!("{} {}", tok.low, b.low);
                if let Some(u) = self.lex.currencies.get(&key) {
                    return (Some(u.clone()), i + 2);
                }
            }
        }
        if let Some(u) = self.lex.currencies.get(tok.low.as_str()) {
            let Some(n) = t.get(i + 1).filter(|x| x.kind == Kind::Num) else { return (None, i) };
            let ok = match tok.kind {
                Kind::Sym => true,
                // A code is a word in capitals: "EUR 40bn", "USD5m", "Rs 500"; not "try 5".
                _ => {
                    let raw = &text[tok.start..tok.end];
                    let caps = raw.chars().all(|c| c.is_uppercase());
                    caps || (raw.len() < 3 && raw.chars().next().is_some_and(char::is_uppercase) && n.space_before)
                }
            };
            if ok {
                return (Some(u.clone()), i + 1);
            }
        }
        (None, i)
    }

    /// A hyphen right after the number: a measure ("five-hour", "$50-billion", "28-point",
    /// "5,000-plus", "21-year-old"), a range of numerals ("10-12"), or a member of a
    /// coordination whose measure comes later ("13- or 15-inch"). None: not a quantity
    /// ("3-2" as a score, a glued hyphen before something unknown).
    pub(super) fn read_hyphen(&self, text: &str, t: &[Tok], r: &mut Reading) -> Option<()> {
        let k = r.k;
        if !(k + 1 < t.len() && t[k].is_dash() && !t[k].space_before) {
            return Some(());
        }
        let next = &t[k + 1];
        if next.space_before || next.is_sym(",") {
            // "13- or 15-inch", "four-, six- and eight-seat": the measure of a later member.
            if let Some((unit, noun)) = self.dangling_measure(text, t, k + 1) {
                r.unit = unit;
                r.noun = noun;
                r.hyphen_measure = true;
                r.k = k + 1;
                r.end_tok = k + 1;
            }
            return Some(());
        }
        if next.kind == Kind::Num {
            return self.hyphen_range(text, t, r);
        }
        if next.kind != Kind::Word {
            return Some(());
        }
        if let Some(s) = self.lex.scales.get(next.low.as_str()).filter(|s| !s.attached) {
            r.value *= s.factor;
            r.k += 2;
            r.end_tok = r.k;
            // "$50-billion package", "a 10-million-strong"
            return self.read_hyphen(text, t, r);
        }
        if let Some(h) = self.lex.hedges_after.get(next.low.as_str()) {
            // "5,000-plus troops", "30-odd years"
            r.inner_hedge = Some(*h);
            r.k += 2;
            r.end_tok = r.k;
            return Some(());
        }
        if let Some((u, f)) = self.unit_word(text, t, k + 1) {
            r.unit = Some(u);
            r.unit_factor = f;
            r.k += 2;
            r.end_tok = r.k;
            r.hyphen_measure = true;
            // "a 21-year-old": an age.
            if r.unit.as_deref() == Some("year") && t.get(r.k).is_some_and(|d| d.is_dash() && !d.space_before) && t.get(r.k + 1).is_some_and(|o| o.is_word("old") && !o.space_before) {
                r.k += 2;
                r.end_tok = r.k;
                r.noun = Some("age".into());
            }
            return Some(());
        }
        if next.low.chars().all(char::is_alphabetic) && !next.capitalized(text) && !self.lex.words.not_noun.contains(next.low.as_str()) {
            r.noun = Some(next.low.to_string());
            r.k += 2;
            r.end_tok = r.k;
            r.hyphen_measure = true;
            return Some(());
        }
        None
    }

    /// The unit or noun of the next member of a coordination: after "13-" in "13- or 15-inch",
    /// skip "or"/"and"/"to"/","/another dangling member, then a number glued to "-inch".
    fn dangling_measure(&self, text: &str, t: &[Tok], from: usize) -> Option<(Option<String>, Option<String>)> {
        let mut m = from;
        for _ in 0..8 {
            let x = t.get(m)?;
            if x.kind == Kind::Num {
                let d = t.get(m + 1)?;
                if d.is_dash() && !d.space_before {
                    let w = t.get(m + 2)?;
                    if w.space_before || w.kind != Kind::Word {
                        // another dangling member: "six-" in "four-, six- and eight-seat"
                        m += 2;
                        continue;
                    }
                    if let Some((u, _)) = self.unit_word(text, t, m + 2) {
                        return Some((Some(u), None));
                    }
                    if !self.lex.words.not_noun.contains(w.low.as_str()) && !w.capitalized(text) {
                        let mut noun = w.low.to_string();
                        if let Some(n2) = t.get(m + 3).filter(|n| n.kind == Kind::Word && n.space_before && !n.capitalized(text) && !self.lex.words.not_noun.contains(n.low.as_str())) {
                            noun = format!("{noun} {}", n2.low);
                        }
                        return Some((None, Some(noun)));
                    }
                }
                return None;
            }
            if x.is_sym(",") || x.is_word("or") || x.is_word("and") || x.is_word("to") || x.is_dash() {
                m += 1;
                continue;
            }
            if let Some(v) = super::words::small_number(&x.low) {
                let _ = v;
                let d = t.get(m + 1)?;
                if d.is_dash() && !d.space_before {
                    let w = t.get(m + 2)?;
                    if w.space_before || w.kind != Kind::Word {
                        m += 2;
                        continue;
                    }
                    if let Some((u, _)) = self.unit_word(text, t, m + 2) {
                        return Some((Some(u), None));
                    }
                    if !self.lex.words.not_noun.contains(w.low.as_str()) && !w.capitalized(text) {
                        let mut noun = w.low.to_string();
                        if let Some(n2) = t.get(m + 3).filter(|n| n.kind == Kind::Word && n.space_before && !n.capitalized(text) && !self.lex.words.not_noun.contains(n.low.as_str())) {
                            noun = format!("{noun} {}", n2.low);
                        }
                        return Some((None, Some(noun)));
                    }
                }
                return None;
            }
            return None;
        }
        None
    }

    /// One word (or glued symbol) at token `k` that names a unit: "hour", "kg", "GB", "inch".
    fn unit_word(&self, text: &str, t: &[Tok], k: usize) -> Option<(String, f64)> {
        let x = t.get(k)?;
        if let Some(u) = self.lex.units.get(x.low.as_str()) {
            return Some(u.clone());
        }
        let raw = text.get(x.start..x.end)?;
        self.lex.unit_symbols.get(raw).cloned()
    }

    /// Unit words and symbols after the number: "%", "percent", "square kilometres", "euros",
    /// "12GB", "300CHF", "1.500€", "245p".
    pub(super) fn read_unit(&self, text: &str, t: &[Tok], r: &mut Reading) {
        if r.unit.is_some() {
            return;
        }
        let Some((u, f, after)) = self.unit_after(text, t, r.k) else { return };
        let money = self.is_money(&u);
        match &r.currency {
            None => {
                // "1.500€": a symbol after the number is written the European way.
                if money && t.get(r.k).is_some_and(|x| x.kind == Kind::Sym) {
                    if let Form::Digits { decimals: 3, .. } = r.core.form {
                        if r.core.scale == 1.0 {
                            r.value *= 1000.0;
                            r.core.form = Form::Digits { decimals: 0, plain_int: false };
                        }
                    }
                }
                r.unit = Some(u);
                r.unit_factor = f;
                r.k = after;
                r.end_tok = after;
            }
            Some(c) if !money => {
                let _ = c;
                r.unit = Some(u);
                r.unit_factor = f;
                r.k = after;
                r.end_tok = after;
            }
            Some(c) if *c == u => {
                r.k = after;
                r.end_tok = after;
            }
            Some(_) => {}
        }
    }

    /// Longest unit phrase starting at token `k`: lowercase words, then symbols in their exact
    /// case. A symbol of one letter counts only glued to the digits ("37m", "12C").
    pub(super) fn unit_after(&self, text: &str, t: &[Tok], k: usize) -> Option<(String, f64, usize)> {
        let maxw = self.lex.max_words.clamp(1, 4);
        let mut key = String::new();
        let mut sym = String::new();
        let mut best = None;
        for n in 0..maxw {
            let Some(tok) = t.get(k + n) else { break };
            // A unit does not start on the next line, and a unit phrase does not cross one.
            if tok.line_start || (n > 0 && tok.space_before && tok.kind == Kind::Sym && !tok.is_sym("/")) {
                break;
            }
            if n > 0 {
                key.push(' ');
                sym.push(' ');
            }
            key.push_str(&tok.low);
            sym.push_str(text.get(tok.start..tok.end).unwrap_or(""));
            if let Some((u, f)) = self.lex.units.get(&key) {
                best = Some((u.clone(), *f, k + n + 1));
            } else if let Some((u, f)) = self.lex.unit_symbols.get(&sym) {
                // One letter spaced from the digits is a unit only for metres, grams and tonnes.
                let one_letter = n == 0 && tok.kind == Kind::Word && tok.end - tok.start == 1;
                if !one_letter || !tok.space_before || matches!(sym.as_str(), "m" | "g" | "t") {
                    best = Some((u.clone(), *f, k + n + 1));
                }
            }
        }
        if best.is_none() {
            // "6.1in", "24h": letters glued to the digits that would be words apart.
            let x = t.get(k).filter(|x| x.kind == Kind::Word && !x.space_before && k > 0 && t[k - 1].kind == Kind::Num)?;
            let (u, f) = self.lex.unit_glued.get(text.get(x.start..x.end)?)?;
            best = Some((u.clone(), *f, k + 1));
        }
        let (u, f, end) = best?;
        // A one-letter unit must end the word: "5p" is pence, "5p.m." is a time.
        let dotted = |x: &Tok| x.is_sym(".") && t.get(end + 1).is_some_and(|y| !y.space_before && y.kind == Kind::Word);
        if t.get(end).is_some_and(|x| !x.space_before && (x.kind == Kind::Word || x.kind == Kind::Num || dotted(x))) && t[end - 1].kind == Kind::Word && t[end - 1].end - t[end - 1].start == 1 {
            return None;
        }
        Some((u, f, end))
    }

    /// A bare number in a list whose next member carries the unit: "4, 5 and 6 percent".
    pub(super) fn read_list_unit(&self, text: &str, t: &[Tok], r: &mut Reading) {
        if r.unit.is_some() || r.currency.is_some() || r.hyphen_measure || r.range_hi.is_some() || !matches!(r.core.form, Form::Digits { .. }) {
            return;
        }
        let mut k = r.k;
        for _ in 0..5 {
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
                return;
            }
            let Some(c) = self.core(text, t, m, false) else { return };
            if !matches!(c.form, Form::Digits { .. }) {
                return;
            }
            if let Some((u, f, _)) = self.unit_after(text, t, c.end) {
                r.unit = Some(u);
                r.unit_factor = f;
                return;
            }
            k = c.end; // "3, 4 or 5 percent": the unit may come with a later member
        }
    }
}
