//! Who gives a figure (its claimant): "Ukraine says", "according to the UN", "Russia's defence
//! ministry said", "..., said Ukrainian officials". The claimant is a country, bloc or
//! organisation of the gazetteer (or the country of a known person: "Zelensky said"); a
//! speaker the gazetteer cannot place ("officials said", "he said") leaves it empty.
//!
//! The claimant is not part of a claim's identity: two claimants' figures for one quantity are
//! what a reader wants compared. It tells the comparison that a later, higher figure from
//! another claimant is a disagreement, not a revision (`compare::verdict`).

use super::super::lexicon::fold_person;
use super::super::quantity::tokens::Kind;
use super::context::{is_clause_break, Mention, Sent};

/// A reporting verb (or "according to") and the claimant it names, if the gazetteer knows it
/// ("officials said" names none: an unknown speaker, which still counts as a speaker).
#[derive(Debug, Clone)]
pub(super) struct Attribution {
    /// Token index of the verb ("said") or of "according".
    pub at: usize,
    pub claimant: Option<String>,
}

/// How far (in tokens) from its verb a claimant may be named.
const REACH: usize = 7;
/// How far (in tokens) after a figure an attribution may speak for it.
const AFTER: usize = 20;

impl Sent<'_> {
    /// The claimant of the figure at tokens [qa, qb) in `clause`: the one claimant named by the
    /// attributions before it in its clause or at most [`AFTER`] tokens after it ("..., the UN
    /// said"); failing any, those before it or just after it anywhere in the sentence (across
    /// a quotation mark), within [`super::context::WINDOW`] tokens before. An attribution further after the figure speaks for a later part of
    /// the sentence. Empty when none is named, when two different ones are, or when a speaker
    /// the gazetteer cannot place is among them.
    pub fn claimant(&self, (qa, qb): (usize, usize), clause: (usize, usize)) -> String {
        let near = (qb + AFTER).min(clause.1);
        let pool: Vec<&Attribution> = self.attributions_in(clause.0, qa).iter().chain(self.attributions_in(qb, near)).collect();
        if !pool.is_empty() {
            return one_claimant(pool);
        }
        let pool: Vec<&Attribution> = self.attributions_in(qa.saturating_sub(super::context::WINDOW), qa).iter().chain(self.attributions_in(qb, qb + AFTER)).collect();
        one_claimant(pool)
    }

    fn attributions_in(&self, a: usize, b: usize) -> &[Attribution] {
        super::context::starting_in(&self.attributions, |x| x.at, a, b)
    }

    /// Every attribution of the sentence, with the claimant it names if any, in text order.
    pub fn find_attributions(&self) -> Vec<Attribution> {
        let id = &self.lex.identity;
        let mut out = Vec::new();
        for i in 0..self.toks.len() {
            let w = self.word(i);
            // "states" in "the United States" is part of a name, not a verb.
            if !id.attribution.contains(w) || self.mention_at(i).is_some() {
                continue;
            }
            let claimant = if w == "according" {
                if self.word(i + 1) != "to" {
                    continue;
                }
                self.named_after(i + 2, true)
            } else {
                self.subject_of(i).or_else(|| self.inverted_subject(i))
            };
            out.push(Attribution { at: i, claimant });
        }
        out
    }

    /// The place mention covering token `i`.
    fn mention_at(&self, i: usize) -> Option<&Mention> {
        let n = self.mentions.partition_point(|m| m.start <= i);
        n.checked_sub(1).map(|k| &self.mentions[k]).filter(|m| i < m.end)
    }

    /// The claimant a mention names, when it can hold figures (a country, bloc or
    /// organisation; not a city or region).
    fn mention_claimant(&self, m: &Mention) -> Option<String> {
        let place = &self.lex.places[m.place];
        place.can_hold().then(|| place.name.clone())
    }

    /// The country of a known person whose surname is token `i` ("Zelensky", "Peskov's").
    fn person_claimant(&self, i: usize) -> Option<String> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.capitalized(self.text) {
            return None;
        }
        let surname = t.low.strip_suffix("'s").unwrap_or(&t.low);
        self.lex.person_holders.get(&fold_person(surname)).cloned()
    }

    /// A speaking body between tokens [a, b): "officials", "defence ministry", "General Staff".
    fn speaker_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.lex.identity.is("speaker", self.word(k)))
    }

    /// A token that ends the search for a claimant: punctuation that closes a phrase, a number
    /// (the figure itself), "that", or "and"/"or" (a list of speakers names no single one).
    fn stops_search(&self, k: usize) -> bool {
        let t = &self.toks[k];
        is_clause_break(t) || t.kind == Kind::Num || matches!(t.low.as_str(), "," | "." | "that" | "and" | "or")
    }

    /// The claimant named by the phrase starting at token `from` ("according to Ukraine's
    /// General Staff", "said the UN"): the first gazetteer mention or known person, within
    /// [`REACH`] tokens and before any stop. With `any_form`, an adjective or possessive alone
    /// is enough ("according to Ukrainian figures"); otherwise it must name a speaking body
    /// ("said Ukrainian officials", not "said Ukrainian troops").
    fn named_after(&self, from: usize, any_form: bool) -> Option<String> {
        let end = (from + REACH).min(self.toks.len());
        for k in from..end {
            if self.stops_search(k) {
                return None;
            }
            if let Some(m) = self.mentions_in(k, k + 1).first() {
                let bare = !m.adjectival && !m.possessive;
                if any_form || bare || self.speaker_between(m.end, (m.end + 4).min(self.toks.len())) {
                    return self.mention_claimant(m);
                }
                return None;
            }
            if let Some(c) = self.person_claimant(k) {
                return Some(c);
            }
        }
        None
    }

    /// The subject of the reporting verb at `v`: "Ukraine says", "the Pentagon estimates",
    /// "Russia's defence ministry said", "Ukrainian officials said", "the UN refugee agency
    /// said", "Zelensky said". Between the place and the verb stand only auxiliaries and
    /// speaking bodies (lexicon lists `report_aux` and `speaker`), or a short name with a
    /// speaking body in it ("Ukraine's Defence Minister Oleksii Reznikov"): "Russian troops
    /// reported killed" names no claimant. A place after a preposition is not the speaker ("aid
    /// to Ukraine was announced").
    fn subject_of(&self, v: usize) -> Option<String> {
        let id = &self.lex.identity;
        let from = v.saturating_sub(REACH);
        let mut k = v;
        while k > from {
            k -= 1;
            if self.stops_search(k) {
                return None;
            }
            if let Some(c) = self.person_claimant(k) {
                return Some(c);
            }
            if let Some(m) = self.mention_at(k).filter(|m| m.end <= v) {
                // The word before the place, past "the": "aid to Ukraine", "Ukraine and the UN".
                let mut p = m.start;
                if p > 0 && self.word(p - 1) == "the" {
                    p -= 1;
                }
                if p > 0 && id.is("claimant_block", self.word(p - 1)) {
                    return None;
                }
                let plain = (m.end..v).all(|i| id.is("report_aux", self.word(i)) || id.is("speaker", self.word(i)));
                let named = plain || (v - m.end <= 5 && self.speaker_between(m.end, v));
                return if named { self.mention_claimant(m) } else { None };
            }
        }
        None
    }

    /// "..., said Ukraine's defence ministry", "\"...,\" said the UN": a reporting verb after a
    /// comma or quotation mark, with its subject after it; or a passive's agent.
    fn inverted_subject(&self, v: usize) -> Option<String> {
        // The agent of a passive: "as reported by Ukraine's military", "estimated by the UN".
        if self.word(v + 1) == "by" {
            return self.named_after(v + 2, true);
        }
        let before = v.checked_sub(1).map(|k| self.word(k))?;
        if !matches!(before, "," | "\"" | "”" | "'") {
            return None;
        }
        self.named_after(v + 1, false)
    }
}

/// The claimant all of `attributions` name, or empty when they differ or one names none.
fn one_claimant(attributions: Vec<&Attribution>) -> String {
    match attributions.split_first() {
        Some((first, rest)) if rest.iter().all(|a| a.claimant == first.claimant) => first.claimant.clone().unwrap_or_default(),
        _ => String::new(),
    }
}
