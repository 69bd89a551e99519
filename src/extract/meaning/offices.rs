//! Office holders as claims: "German Chancellor Olaf Scholz" -> office:chancellor, Germany,
//! Olaf Scholz. The office's holder (the country or organisation) must be named right before
//! the title; "former", "acting" and "deputy" titles are not claims about the office.

use super::super::lexicon::fold_person;
use super::super::quantity::tokens::{Kind, Tok};
use super::context::Sent;
use crate::extract::{Claim, DocContext, FigureKind, Hedge, HolderBasis, Modality, Quantity, TimeBasis};

impl Sent<'_> {
    /// Office-holder claims of the sentence.
    pub fn offices(&self, ctx: &DocContext) -> Vec<Claim> {
        let mut out = Vec::new();
        let lex = self.lex;
        let toks = self.toks;
        let maxw = lex.office_max_words.clamp(1, 5);
        let mut i = 0;
        while i < toks.len() {
            let hit = (toks[i].kind == Kind::Word && self.first[i] & super::super::lexicon::FIRST_OFFICE != 0)
                .then(|| self.office_at(i, maxw))
                .flatten();
            let Some((office, n)) = hit else {
                i += 1;
                continue;
            };
            let mut title_end = i + n;
            // "President Mr Putin": a courtesy title is not part of the name.
            if toks.get(title_end).is_some_and(|t| matches!(t.low.as_str(), "mr" | "mrs" | "ms" | "dr")) {
                title_end += 1;
                if self.word(title_end) == "." {
                    title_end += 1;
                }
            }
            let Some(j) = self.person_name_end(title_end) else {
                i = title_end;
                continue;
            };
            // Don't take a place or title word as a name ("President Trump's Ukraine").
            let names = &toks[title_end..j];
            if names.iter().any(|t| lex.place_aliases.contains_key(t.base()) || lex.office_titles.contains_key(t.low.as_str())) {
                i = title_end;
                continue;
            }
            if self.former_title(i) {
                i = j;
                continue;
            }
            let holder = self
                .mentions_in(i.saturating_sub(8), i)
                .iter()
                .find(|m| m.end == i || (m.end + 1 == i && toks[m.end].low == "'s"))
                .map(|m| lex.places[m.place].name.clone())
                .unwrap_or_default();
            out.push(self.office_claim(office, holder, toks[title_end].start, toks[j - 1].end, ctx));
            i = j;
        }
        out
    }

    /// The end of a person's name starting at token `k`: two capitalised words ("Olaf
    /// Scholz"), three when the lexicon knows the three-word name ("Recep Tayyip Erdogan") or
    /// the middle one is an initial ("George W. Bush"). A third capitalised word is otherwise
    /// the next sentence or a dateline run in ("Vladimir Putin Saturday", "Putin The").
    fn person_name_end(&self, k: usize) -> Option<usize> {
        let toks = self.toks;
        let cap = |j: usize| {
            toks.get(j).is_some_and(|t| t.kind == Kind::Word && t.capitalized(self.text) && t.low.chars().count() > 1 && !t.line_start && (j == k || t.space_before))
        };
        if !(cap(k) && cap(k + 1)) {
            // "George W. Bush": first name, initial, full stop, surname.
            let initial = cap(k) && toks.get(k + 1).is_some_and(|t| t.low.chars().count() == 1 && t.capitalized(self.text)) && self.word(k + 2) == ".";
            return (initial && cap(k + 3)).then_some(k + 4);
        }
        if cap(k + 2) {
            let three = self.text.get(toks[k].start..toks[k + 2].end).unwrap_or_default();
            if self.lex.person_aliases.contains_key(&fold_person(three)) {
                return Some(k + 3);
            }
        }
        Some(k + 2)
    }

    /// The longest office title starting at token `i`: (office, tokens).
    fn office_at(&self, i: usize, maxw: usize) -> Option<(usize, usize)> {
        let mut key = String::new();
        let mut best = None;
        for (n, t) in self.toks[i..].iter().take(maxw).enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&t.low);
            if let Some(&o) = self.lex.office_titles.get(&key) {
                best = Some((o, n + 1));
            }
        }
        best
    }

    /// "former", "ex-", "late", "then", "acting", "deputy", "vice" before the title.
    fn former_title(&self, i: usize) -> bool {
        // Past the holder's name: "former U.S. President", "ex-German chancellor".
        let i = self.mentions_in(i.saturating_sub(6), i).iter().rev().find(|m| m.end == i).map_or(i, |m| m.start);
        let w = |k: usize| if i >= k { self.toks[i - k].low.as_str() } else { "" };
        matches!(w(1), "former" | "ex" | "late" | "then" | "acting" | "deputy" | "vice" | "-" | "interim" | "outgoing" | "first")
            || matches!(w(2), "former" | "ex" | "deputy" | "then")
    }

    fn office_claim(&self, office: usize, holder: String, start: usize, end: usize, ctx: &DocContext) -> Claim {
        let raw = self.text.get(start..end).unwrap_or_default();
        let name = raw.trim_end_matches("'s").trim_end_matches("’s");
        let end = start + name.len();
        let person = self.lex.person(name);
        let basis = if holder.is_empty() { HolderBasis::None } else { HolderBasis::Stated };
        let sentence_span = self.excerpt(start, end);
        Claim {
            quantity: Quantity {
                start,
                end,
                text: name.to_string(),
                value: None,
                lo: None,
                hi: None,
                unit: "person".into(),
                hedge: Hedge::Exact,
                direction: None,
                change_role: None,
                precision: None,
                noun: Some(fold_person(&person)),
                noun_mods: Vec::new(),
            },
            metric: format!("office:{}", self.lex.offices[office].key),
            measure: String::new(),
            holder,
            scope: String::new(),
            person: Some(person),
            as_of: ctx.published,
            period_start: None,
            time_basis: if ctx.published.is_some() { TimeBasis::Published } else { TimeBasis::Unknown },
            kind: FigureKind::Level,
            per: None,
            modality: if self.offices_are_historical(ctx) { Modality::Historical } else { Modality::Stated },
            holder_basis: basis,
            missing: Vec::new(),
            floor: false,
            claimant: String::new(),
            sentence: self.text.get(sentence_span.0..sentence_span.1).unwrap_or_default().to_string(),
            sentence_start: sentence_span.0,
            sentence_end: sentence_span.1,
        }
    }

    /// A sentence that names a year two or more years before publication speaks of the past:
    /// its office holders may be former ones ("In 2014, President Petro Poroshenko ...").
    fn offices_are_historical(&self, ctx: &DocContext) -> bool {
        let Some(p) = ctx.published else { return false };
        self.times.iter().any(|t| i32::from(t.year) <= i32::from(p.year()) - 2)
            || self.toks.iter().any(|t: &Tok| t.kind == Kind::Num && t.low.len() == 4 && t.low.parse::<i32>().is_ok_and(|y| (1900..=i32::from(p.year()) - 2).contains(&y)))
    }
}
