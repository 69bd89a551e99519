//! Whose figure it is (holder) and what part of the world it covers (scope).
//!
//! A holder must be shown by the clause itself: a demonym on the counted noun ("17,000 Russian
//! troops"), a possessor ("Ukraine's losses"), the subject of an owning verb ("Russia controls",
//! "the U.S. has sent"), "under Kyiv's control" / "held by Russia", or a leader's possessive
//! ("Putin's troops"). A place merely named nearby (a venue: "after talks in Paris") is not a
//! holder, and neither is the source of a figure ("Kyiv says ..."). "The country" and "the
//! region" take the place of that kind named last in the paragraph; such holders are recorded
//! as inherited. The scope is the place after "of", "in", "from" or "to" right after the figure.

use super::super::quantity::tokens::Kind;
use super::context::{Mention, Sent};
use crate::extract::HolderBasis;

/// Holder, how it was found, and scope.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Anchor {
    pub holder: String,
    pub basis: HolderBasis,
    pub scope: String,
}

/// Places named earlier in the paragraph, by kind: what "the country" refers to.
#[derive(Debug, Default)]
pub(super) struct Recent {
    last: Vec<(String, usize)>,
}

impl Recent {
    pub fn clear(&mut self) {
        self.last.clear();
    }

    /// Remember the last place of each kind named in a sentence.
    pub fn note(&mut self, sent: &Sent<'_>) {
        // Adjectives ("Russian troops") do not name a place "the country" can refer to.
        for m in sent.mentions.iter().filter(|m| !m.adjectival) {
            let kind = &sent.lex.places[m.place].kind;
            match self.last.iter_mut().find(|(k, _)| k == kind) {
                Some(slot) => slot.1 = m.place,
                None => self.last.push((kind.clone(), m.place)),
            }
        }
    }

    fn of_kinds(&self, kinds: &[String]) -> Option<usize> {
        kinds.iter().find_map(|k| self.last.iter().find(|(x, _)| x == k).map(|(_, p)| *p))
    }
}

impl Sent<'_> {
    fn place_name(&self, m: &Mention) -> String {
        self.lex.places[m.place].name.clone()
    }

    fn can_hold(&self, m: &Mention) -> bool {
        self.lex.places[m.place].can_hold()
    }

    /// The holder named by `m` and by the places listed before it ("Latvia, Finland and
    /// Denmark spend"): one holder for the whole list, its names sorted, so it is compared only
    /// with the same list, never with one of its members.
    fn listed_holder(&self, m: &Mention) -> String {
        let mut names = vec![self.place_name(m)];
        let mut cur = m.start;
        for p in self.mentions_in(0, m.start).iter().rev() {
            let between: Vec<&str> = (p.end..cur).map(|i| self.word(i)).collect();
            let joined = matches!(between.as_slice(), [","] | ["and"] | [",", "and"]);
            if !joined || p.adjectival || !self.can_hold(p) {
                break;
            }
            names.push(self.place_name(p));
            cur = p.start;
        }
        names.sort();
        names.dedup();
        names.join(", ")
    }

    /// Holder and scope of the figure at tokens [qa, qb) in clause [ca, cb).
    pub fn anchor(&self, metric: &str, qa: usize, qb: usize, (ca, cb): (usize, usize), recent: &Recent) -> Anchor {
        let mut anchor = Anchor::default();
        let (scope, scope_is_recipient) = self.scope_after(metric, qb, cb, recent);
        anchor.scope = scope;
        let origin = self.lex.metric(metric).is_some_and(|m| m.demonym_is_origin);
        if let Some((holder, basis)) = self.holder_of(qa, qb, ca, cb, recent, origin) {
            if holder.1 {
                // A receiving subject: "Ukraine has received": the recipient is the scope.
                if anchor.scope.is_empty() {
                    anchor.scope = holder.0;
                }
            } else {
                anchor.holder = holder.0;
                anchor.basis = basis;
            }
        }
        // Territory: "Russia holds 20% of Ukraine" keeps both; a share "of Ukraine" with no
        // holder stays a scope. Other metrics: a holding place after "of" is the holder
        // ("40% of Germans", "the budget of France").
        if anchor.holder.is_empty() && !scope_is_recipient && metric != "territory_share" && metric != "territory_area" {
            if let Some(m) = self.of_place(qb, cb).filter(|m| self.can_hold(m)) {
                anchor.holder = self.place_name(m);
                anchor.basis = HolderBasis::Stated;
                if anchor.scope == anchor.holder {
                    anchor.scope.clear();
                }
            }
        }
        anchor
    }

    /// The place right after "of" (within three words).
    fn of_place(&self, qb: usize, cb: usize) -> Option<&Mention> {
        if self.word(qb) != "of" {
            return None;
        }
        self.mentions_in(qb + 1, (qb + 4).min(cb)).first()
    }

    /// Scope: "of Donetsk", "in Mariupol", "fled Ukraine", "to Poland", "along the Ukraine
    /// border". Roles other than "of"/"in" are written into the scope ("from Ukraine", "to
    /// Poland", "near Ukraine"), so a count of people who fled a country is never compared with
    /// a count of arrivals in another, nor troops in a country with troops on its border. A
    /// destination ("have arrived in Poland") wins over an origin.
    fn scope_after(&self, metric: &str, qb: usize, cb: usize, recent: &Recent) -> (String, bool) {
        let id = &self.lex.identity;
        let moving = matches!(metric, "displaced" | "aid_amount" | "aid_share");
        let mut found: Option<(String, bool)> = None;
        let mut arrived = false;
        let end = if moving { (qb + 12).min(cb) } else { (qb + 4).min(cb) };
        let mut i = qb;
        while i < end {
            let w = self.word(i);
            arrived |= id.is("arrive", w);
            let role = match w {
                "of" | "in" | "inside" | "within" | "across" | "throughout" if !(moving && arrived && w == "in") => Some(""),
                "in" => Some("to "),
                _ if id.is("flee", w) => Some("from "),
                "from" if i > 0 && id.is("flee", self.word(i - 1)) => Some("from "),
                // "according to the U.N." names a source, not a destination.
                "to" if moving && i > 0 && self.word(i - 1) == "according" => None,
                "to" | "into" if moving => Some("to "),
                "for" if metric != "displaced" && moving => Some("to "),
                "near" | "along" | "around" | "on" | "at" | "surrounding" | "encircling" | "outside" | "toward" | "towards" => Some("near "),
                _ => None,
            };
            if let Some(role) = role {
                // "fled Ukraine", "fled from Ukraine", "fled the country"; not "fled through
                // the country" nor "refugees from Ukraine" (refugees anywhere).
                let flee = role == "from " && w != "from";
                let at = if flee && self.word(i + 1) == "from" { i + 1 } else { i };
                let place = if flee { self.place_after(at, role, (at + 4).min(cb), recent).filter(|_| self.adjacent_place(at)) } else { self.place_after(i, role, cb, recent) };
                if let Some(place) = place {
                    let scope = (format!("{role}{place}"), role == "to ");
                    // Keep looking past an origin for a destination ("fleeing Ukraine have
                    // arrived in the UK").
                    if role == "to " || !moving {
                        return scope;
                    }
                    found.get_or_insert(scope);
                }
            }
            // A new figure ends the search.
            if self.toks[i].kind == Kind::Num && i > qb {
                break;
            }
            i += 1;
        }
        // Only the first 4 words after the figure for an origin or a plain place.
        found.unwrap_or_default()
    }

    /// A place (or "the country") starts right after token `i`.
    fn adjacent_place(&self, i: usize) -> bool {
        !self.mentions_in(i + 1, i + 2).is_empty() || !super::context::starting_in(&self.anaphors, |h| h.start, i + 1, i + 2).is_empty()
    }

    /// The place a preposition at `i` introduces: a gazetteer place within a few words (only
    /// lowercase words between: "in eastern Ukraine"; for "near", only border words: "on the
    /// border with Ukraine"), or "the country" resolved to the last country named. A capital
    /// is the city here ("half of Kyiv's population"), not the state it stands for elsewhere;
    /// a demonym is a place only before a land noun ("of Ukrainian territory").
    fn place_after(&self, i: usize, role: &str, cb: usize, recent: &Recent) -> Option<String> {
        let id = &self.lex.identity;
        let reach = if role == "near " { 6 } else { 4 };
        let between_ok = |m: &Mention| {
            let between = &self.toks[i + 1..m.start];
            if role != "near " {
                // "in eastern Ukraine", "of the Donetsk region": a few lowercase words that are
                // not verbs ("to have fled Ukraine" is no destination).
                let verbish = |w: &str| w.ends_with("ed") || matches!(w, "have" | "has" | "had" | "be" | "been" | "was" | "were" | "is" | "are" | "fled" | "left");
                return between.len() <= 2 && between.iter().all(|t| t.kind == Kind::Word && !t.capitalized(self.text) && !id.attribution.contains(t.low.as_str()) && !verbish(&t.low));
            }
            let border = |t: &super::super::quantity::tokens::Tok| t.low.starts_with("border") || t.low == "frontier";
            between.iter().all(|t| matches!(t.low.as_str(), "the" | "border" | "borders" | "with" | "frontier" | "its" | "'s" | "of" | "eastern" | "northern" | "southern" | "western"))
                && (matches!(self.word(i), "near" | "around" | "surrounding" | "encircling") || self.toks[i + 1..(m.end + 2).min(self.toks.len())].iter().any(border))
        };
        // A destination is a place people can go to, not an organisation.
        let place_kind = |m: &&Mention| role != "to " || !matches!(self.lex.places[m.place].kind.as_str(), "org");
        if let Some(m) = self.mentions_in(i + 1, (i + reach).min(cb)).iter().filter(place_kind).find(|m| between_ok(m)) {
            if m.adjectival && !id.is("land", self.word(m.end)) {
                return None;
            }
            if m.capital && role != "near " {
                return self.lex.places[m.place].capitals.first().cloned();
            }
            return Some(self.place_name(m));
        }
        let h = super::context::starting_in(&self.anaphors, |h| h.start, i + 1, (i + 3).min(cb)).first()?;
        self.resolve(h, recent).map(|p| self.lex.places[p].name.clone())
    }

    /// The place an anaphor ("the country") refers to: the last place of its kind named
    /// earlier in this sentence (a demonym counts: "a Ukrainian aide said the country ..."),
    /// else earlier in the paragraph.
    fn resolve(&self, h: &super::context::Hit, recent: &Recent) -> Option<usize> {
        let kinds = &self.lex.identity.anaphor_kinds[h.owner];
        let here = self.mentions_in(h.start.saturating_sub(super::context::WINDOW), h.start)
            .iter()
            .rev()
            .find(|m| kinds.contains(&self.lex.places[m.place].kind) && (!m.adjectival || self.lex.identity.population_words.longest_at(self.toks, m.end).is_some()));
        here.map(|m| m.place).or_else(|| recent.of_kinds(kinds))
    }

    /// The holder shown in the clause, and whether it is a receiving subject.
    #[allow(clippy::type_complexity)]
    fn holder_of(&self, qa: usize, qb: usize, ca: usize, cb: usize, recent: &Recent, origin: bool) -> Option<((String, bool), HolderBasis)> {
        // "under Kyiv's control", "controlled by Russia", "held by Moscow".
        for m in self.mentions_in(qb, (qb + 10).min(cb)).iter().filter(|m| self.can_hold(m)) {
            let before = self.word(m.start.wrapping_sub(1));
            let after = self.word(m.end);
            let by = before == "by" && matches!(self.word(m.start.wrapping_sub(2)), "controlled" | "held" | "occupied" | "seized" | "captured" | "annexed");
            if (before == "under" && (m.possessive || after == "control")) || by {
                return Some(((self.place_name(m), false), HolderBasis::Stated));
            }
        }
        // A demonym inside the figure's noun phrase: "17,000 Russian troops". For people on the
        // move it names where they come from, neither a holder nor the scope of a whole count:
        // "7,000 Ukrainian refugees in the pipeline for resettlement" is no share of the outflow.
        if let Some(m) = self.mentions_in(qa, qb).iter().find(|m| m.adjectival && self.can_hold(m) && !origin) {
            return Some(((self.place_name(m), false), HolderBasis::Demonym));
        }
        // Before the number, nearest first, in the clause, within 12 words.
        let from = ca.max(qa.saturating_sub(16));
        for m in self.mentions_in(from, qa).iter().rev().filter(|m| m.end <= qa) {
            if !self.can_hold(m) {
                continue;
            }
            // "Russian losses of 15,000", "Ukrainian refugees, 2 million of them": a demonym on
            // the noun the figure is about.
            if m.adjectival && self.noun_of_figure(m.end, qa) && !origin {
                return Some(((self.place_name(m), false), HolderBasis::Demonym));
            }
            // A possessor of the figure's own noun: "Ukraine's military has lost 1,300",
            // "Russia's 20%"; not of another noun ("Ukraine's human rights commissioner said
            // five soldiers ...").
            // "Russia's military has lost 1,300" (the military is the subject), not "Russia's
            // military assault had killed 53" (the military qualifies another noun).
            let attributed = self.toks[m.end..qa].iter().any(|t| self.lex.identity.attribution.contains(t.low.as_str()));
            let cue_noun = self.toks.get(m.end).is_some_and(|t| self.lex.cue_index.contains_key(t.base()));
            let population_subject = self.lex.identity.population_words.longest_at(self.toks, m.end).is_some_and(|(_, n)| self.subject_verb(m.end + n, qa).is_some());
            if m.possessive && !attributed && (qa - m.end <= 3 || cue_noun || population_subject) {
                return Some(((self.place_name(m), false), HolderBasis::Stated));
            }
            if let Some(receives) = self.subject_verb(m.end, qa) {
                return Some(((self.listed_holder(m), receives), HolderBasis::Stated));
            }
            // The receiver of a giving verb: "give Washington a 50 percent share".
            if self.lex.identity.is("give", self.word(m.start.wrapping_sub(1))) && self.toks[m.end..qa].iter().all(|t| matches!(t.low.as_str(), "a" | "an" | "the" | "another" | "'s")) {
                return Some(((self.place_name(m), false), HolderBasis::Stated));
            }
        }
        // A leader's possessive: "Putin's troops", "Zelensky's government says".
        for i in (from..qa).rev() {
            let t = &self.toks[i];
            if let Some(surname) = t.low.strip_suffix("'s") {
                let key = super::super::lexicon::fold_person(surname);
                if let Some(h) = self.lex.person_holders.get(&key) {
                    return Some(((h.clone(), false), HolderBasis::Stated));
                }
            }
        }
        // "The country's", "the country has lost": the place of that kind named last.
        for h in super::context::starting_in(&self.anaphors, |h| h.start, from, qa).iter().rev() {
            let next = self.word(h.end);
            let owns = next == "'s" || self.toks.get(h.end - 1).is_some_and(|t| t.low.ends_with("'s")) || self.subject_verb(h.end, qa).is_some();
            if owns {
                if let Some(p) = self.resolve(h, recent) {
                    let place = &self.lex.places[p];
                    if place.can_hold() {
                        return Some(((place.name.clone(), self.subject_verb(h.end, qa) == Some(true)), HolderBasis::Inherited));
                    }
                }
            }
        }
        let _ = cb;
        None
    }

    /// The word at `i` names what a figure is about: a metric cue or a population word.
    fn names_figure(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| self.lex.cue_index.contains_key(t.base())) || self.lex.identity.population_words.longest_at(self.toks, i).is_some()
    }

    /// Tokens [from, qa) are a noun naming the figure's subject (a metric cue or population
    /// word) linked to the number by a few words only: "losses of", "deaths stood at",
    /// "refugees now number".
    fn noun_of_figure(&self, from: usize, qa: usize) -> bool {
        if from >= qa || qa - from > 5 || !self.names_figure(from) {
            return false;
        }
        self.toks[from + 1..qa].iter().all(|t| self.lex.identity.is("link", t.low.as_str()) || self.lex.cue_index.contains_key(t.base()))
    }

    /// After a subject ending at `from`: an owning verb before the number, past a few filler
    /// words. Some(true) for a receiving verb, Some(false) for an owning one, None otherwise
    /// (including a reporting verb: "Kyiv says ..." names the source, not the holder).
    fn subject_verb(&self, from: usize, qa: usize) -> Option<bool> {
        let id = &self.lex.identity;
        let mut i = from;
        while i < qa && i < from + 7 {
            let w = self.word(i);
            if id.attribution.contains(w) {
                return None;
            }
            if id.is("receive", w) {
                return Some(true);
            }
            if id.is("owner", w) {
                // "has" owns only what follows it directly ("Russia has 20%", "has more than
                // 100,000 troops"); before another verb, that verb decides ("has lost" owns,
                // "has said" and "has opened its borders to" do not).
                if matches!(w, "has" | "have" | "had") {
                    let next = self.toks[i + 1..qa].iter().position(|t| !id.is("filler", t.low.as_str()) || matches!(t.low.as_str(), "has" | "have" | "had"));
                    let next = next.map_or(qa, |k| i + 1 + k);
                    if next >= qa || matches!(self.word(next), "a" | "an" | "about" | "some" | "nearly" | "almost" | "over" | "more" | "at" | "around" | "roughly") {
                        return Some(false);
                    }
                    i = next;
                    continue;
                }
                return Some(false);
            }
            // "Russia and its proxies control": "and" only before "its"/"their".
            let and_its = w == "and" && matches!(self.word(i + 1), "its" | "their");
            if !id.is("filler", w) && !and_its && self.toks[i].kind != Kind::Sym {
                return None;
            }
            i += 1;
        }
        None
    }
}
