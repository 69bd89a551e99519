//! From quantities to claims, one sentence at a time: what each number measures (metric,
//! measure, population), whose it is (holder), what part of the world it covers (scope), what
//! sort of figure it is (level, running total, change, rate, event), whether it is stated as
//! fact (modality), when it holds (as-of date), and whether the text says it changed. Also
//! office holders ("German Chancellor Olaf Scholz").
//!
//! Every rule reads the quantity's own sentence only (and, for "the country", the places named
//! earlier in the paragraph), and prefers what stands nearest. Each sentence is read once
//! ([`context::Sent`]) and each rule looks at a bounded window around its quantity, so the work
//! is linear in the length of the text, whatever its punctuation.

mod claimant;
mod context;
mod holder;
mod kind;
mod metric;
mod offices;
mod sentences;
mod time;

pub use sentences::sentences;

pub(crate) use metric::generic_for;

/// Bytes of context kept on each side of a figure when its sentence is very long.
const EXCERPT: usize = 600;

use super::lexicon::Lexicon;
use super::quantity::tokens::Tok;
use super::quantity::QuantityExtractor;
use super::{ChangeRole, Claim, DocContext, FigureKind, Quantity, TimeBasis};
use context::Sent;
use holder::Recent;

/// Every claim of `text` (numeric ones and office holders), in text order. `toks` are
/// `tokenize(text)`; the quantity grammar reads one sentence's tokens at a time.
pub fn claims(text: &str, toks: &[Tok], quantity: &QuantityExtractor, ctx: &DocContext, lex: &Lexicon) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    let mut recent = Recent::default();
    // The date of the timeline entry being read ("FEB 27 - ..."), until the next paragraph.
    let mut entry: Option<jiff::civil::Date> = None;
    let mut from = 0;
    for (sa, sb) in sentences(text) {
        let a = from + toks[from..].partition_point(|t| t.start < sa);
        let b = a + toks[a..].partition_point(|t| t.start < sb);
        from = b;
        let st = &toks[a..b];
        if st.first().is_none_or(|t| t.line_start) {
            recent.clear();
            entry = None;
        }
        if let Some(d) = time::entry_date(st, ctx.published) {
            entry = Some(d);
        }
        if sentences::is_link_line(&text[sa..sb]) {
            continue;
        }
        let mut quantities = quantity.extract_tokens(text, st);
        // A sentence without a figure is read for places, dates and office holders only.
        let sent = Sent::new(text, st, (sa, sb), lex, ctx.published, !quantities.is_empty());
        let addresses = sentences::address_spans(text, sa, sb);
        if !addresses.is_empty() {
            quantities.retain(|q| !addresses.iter().any(|&(x, y)| q.start < y && x < q.end));
        }
        let first = out.len();
        sent.read_all(quantities, &recent, ctx, &mut out);
        if let Some(d) = entry {
            for c in out[first..].iter_mut().filter(|c| c.time_basis == TimeBasis::Published) {
                c.as_of = Some(d);
                c.time_basis = TimeBasis::Dated;
            }
        }
        inherit_change_identity(&mut out[first..]);
        out.extend(sent.offices(ctx));
        recent.note(&sent);
    }
    carry_topic(&mut out);
    for c in &mut out {
        super::identity::mark_missing(c, lex);
    }
    out.sort_by(|a, b| a.quantity.start.cmp(&b.quantity.start).then(a.quantity.end.cmp(&b.quantity.end)));
    out
}

impl Sent<'_> {
    /// Claims for the sentence's quantities.
    fn read_all(&self, quantities: Vec<Quantity>, recent: &Recent, ctx: &DocContext, out: &mut Vec<Claim>) {
        let qtoks: Vec<(usize, usize)> = quantities.iter().map(|q| self.tok_range(q.start, q.end)).collect();
        let time_owner = time::assign_times(&self.times, &qtoks);
        // "..., the agency said on March 2": the day a figure was reported holds for every
        // figure of the sentence that has no time phrase of its own.
        // "On March 1, Ukraine claimed ...": a date opening the sentence holds for it all too.
        let reported = self.times.iter().find(|t| t.basis == TimeBasis::Dated && (self.reported_on(t.start) || t.start == 0));
        for (n, q) in quantities.into_iter().enumerate() {
            let time = time_owner[n].and_then(|t| self.times.get(t)).or(reported);
            out.push(self.claim(q, qtoks[n], time, recent, ctx));
        }
    }

    fn claim(&self, mut q: Quantity, (qa, qb): (usize, usize), time: Option<&time::TimePhrase>, recent: &Recent, ctx: &DocContext) -> Claim {
        let clause = self.clause(qa, qb);
        let choice = self.metric_for(&q, qa, qb);
        let metric = choice.metric.map(|m| &self.lex.metrics[m]);
        let mut measure = choice.measure;
        if q.unit == "percent" && metric.is_some_and(|m| m.running) {
            // "half of Ukraine's 7.5 million children", "a quarter of the population".
            if let Some(p) = self.share_population(qb) {
                measure = if measure.is_empty() { p } else { format!("{measure} {p}") };
            }
        }
        if q.unit == "count" && metric.is_some() {
            let default = if q.noun.is_none() { metric.and_then(|m| m.population.clone()) } else { None };
            let population = self.population_for(&q, qa, qb).or(default);
            if let Some(p) = population {
                measure = if measure.is_empty() { p } else { format!("{measure} {p}") };
            }
        }
        let anchor = self.anchor(&choice.name, qa, qb, clause, recent);
        // A running count anchored only by a place, and the object of some other verb
        // ("a church has housed 100 refugees from Ukraine"), is a part of the whole count.
        let mut missing = Vec::new();
        if metric.is_some_and(|m| m.running) && anchor.holder.is_empty() && self.object_of_other_verb(qa) {
            missing.push("whole count".to_string());
        }
        // "Some 1,956 of those have been killed, while 1,779 have left": a part of a set
        // named before.
        if metric.is_some_and(|m| m.running) && self.part_of_set_before(qa) {
            missing.push("whole count".to_string());
        }
        // "the bodies of 210 fighters", "the families of 300 soldiers": the figure counts
        // something else than the metric's population.
        if metric.is_some() && self.word(qa.wrapping_sub(1)) == "of" && self.lex.identity.is("container", self.word(qa.wrapping_sub(2))) {
            missing.push("counted object".to_string());
        }
        // "2,500 Russian soldiers have been killed in the area": a part of the whole, in a
        // place the text does not name.
        if metric.is_some_and(|m| m.running) && anchor.scope.is_empty() && self.unnamed_place_after(qb, clause.1) {
            missing.push("scope".to_string());
        }
        self.mark_change_role(&mut q, qa);
        let (kind, per) = self.kind_of(&q, metric, (qa, qb), clause, time);
        let modality = self.modality_of((qa, qb), clause, time, ctx.published);
        let (as_of, period_start, time_basis) = match time {
            Some(tp) => match tp.basis {
                TimeBasis::Since => (ctx.published, Some(tp.period_start), TimeBasis::Since),
                b => (Some(tp.date), None, b),
            },
            None => match ctx.published {
                Some(p) => (Some(p), None, TimeBasis::Published),
                None => (None, None, TimeBasis::Unknown),
            },
        };
        let (sentence_start, sentence_end) = self.excerpt(q.start, q.end);
        Claim {
            sentence: self.text.get(sentence_start..sentence_end).unwrap_or_default().to_string(),
            sentence_start,
            sentence_end,
            quantity: q,
            metric: choice.name,
            measure,
            holder: anchor.holder,
            scope: anchor.scope,
            person: None,
            as_of,
            period_start,
            time_basis,
            kind,
            per,
            modality,
            holder_basis: anchor.basis,
            missing,
            floor: metric.is_some_and(|m| m.running) && self.verified_before(qa),
            claimant: self.claimant((qa, qb), clause),
        }
    }

    /// "in the area", "in the city", "in this village" after the figure, with no gazetteer
    /// place to say which.
    fn unnamed_place_after(&self, qb: usize, cb: usize) -> bool {
        let end = (qb + 10).min(cb);
        (qb..end).any(|i| {
            matches!(self.word(i), "in" | "around" | "near" | "at") && matches!(self.word(i + 1), "the" | "this" | "that" | "a")
                && self.lex.identity.is("place_noun", self.word(i + 2))
                && self.mentions_in(i + 1, (i + 5).min(self.toks.len())).is_empty()
        })
    }

    /// "verify the deaths of", "has confirmed" just before the figure: a verified minimum.
    fn verified_before(&self, qa: usize) -> bool {
        let (ca, _) = self.clause(qa, qa);
        (ca.max(qa.saturating_sub(4))..qa).any(|k| self.lex.identity.is("floor", self.word(k)))
    }

    /// "of those", "of them", "of whom", "among them" earlier in the sentence (within a dozen
    /// words): the figure counts part of a set named before.
    fn part_of_set_before(&self, qa: usize) -> bool {
        (qa.saturating_sub(12)..qa).any(|k| {
            let (w, n) = (self.word(k), self.word(k + 1));
            (w == "of" || w == "among") && matches!(n, "those" | "them" | "whom" | "these")
        })
    }

    /// The word before the figure is a verb that is not the metric's own ("housed", "helping",
    /// "sent"): the figure is that verb's object.
    fn object_of_other_verb(&self, qa: usize) -> bool {
        let Some(t) = qa.checked_sub(1).and_then(|i| self.toks.get(i)) else { return false };
        let w = t.low.as_str();
        let id = &self.lex.identity;
        let verbish = w.len() > 3 && (w.ends_with("ed") || w.ends_with("ing"));
        verbish && t.kind == super::quantity::tokens::Kind::Word && !self.lex.cue_index.contains_key(w) && !id.attribution.contains(w) && !id.is("link", w) && !id.is("flee", w)
    }

    /// What a share is of, for running counts: the population named after "of" ("of
    /// Ukraine's children" -> children; "of the population" -> people).
    fn share_population(&self, qb: usize) -> Option<String> {
        if self.word(qb) != "of" {
            return None;
        }
        let id = &self.lex.identity;
        for k in qb + 1..(qb + 8).min(self.toks.len()) {
            if self.word(k) == "population" {
                return Some("people".to_string());
            }
            if let Some((o, _)) = id.population_words.longest_at(self.toks, k) {
                return Some(id.populations[o].clone());
            }
        }
        None
    }

    /// The sentence a claim keeps as evidence: the whole sentence, or, in a run of text with
    /// no full stop, the [`EXCERPT`] bytes on each side of the figure (cut at spaces). Every
    /// claim of a 10 MB "sentence" copying all of it would make the output quadratic.
    pub(super) fn excerpt(&self, start: usize, end: usize) -> (usize, usize) {
        let (sa, sb) = self.span;
        if sb - sa <= 2 * EXCERPT + (end - start) {
            return (sa, sb);
        }
        let mut a = start.saturating_sub(EXCERPT).max(sa);
        let mut b = (end + EXCERPT).min(sb);
        while a > sa && !self.text.is_char_boundary(a) {
            a -= 1;
        }
        while b < sb && !self.text.is_char_boundary(b) {
            b += 1;
        }
        let (a0, b0) = (a, b);
        // Start and end on a word boundary when one is near.
        if let Some(p) = self.text.get(a..start).and_then(|s| s.find(' ')) {
            a += p + 1;
        }
        if let Some(p) = self.text.get(end..b).and_then(|s| s.rfind(' ')) {
            b = end + p;
        }
        if a > start || b < end {
            return (a0, b0);
        }
        (a, b)
    }

    /// A reporting verb right before token `i` ("said on March 2", "said Tuesday").
    fn reported_on(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|k| self.lex.identity.attribution.contains(self.word(k)))
    }

    /// Change roles the grammar could not see: "up from 26 percent", "revised to 30%".
    fn mark_change_role(&self, q: &mut Quantity, qa: usize) {
        if q.change_role.is_some() {
            return;
        }
        let prev = |k: usize| if qa >= k { self.word(qa - k) } else { "" };
        if prev(1) == "from" {
            q.change_role = Some(ChangeRole::Earlier);
        } else if prev(1) == "to"
            && matches!(prev(2), "revised" | "reduced" | "cut" | "raised" | "lowered" | "increased" | "decreased" | "changed" | "adjusted" | "lifted" | "trimmed" | "upgraded" | "downgraded")
        {
            q.change_role = Some(ChangeRole::Current);
        }
    }
}

/// The earlier value of a stated change ("controls 53% of Gaza, down from 58%") speaks about
/// the same quantity as the value it changed into: it takes that claim's identity.
fn inherit_change_identity(claims: &mut [Claim]) {
    for n in 0..claims.len() {
        if claims[n].quantity.change_role != Some(ChangeRole::Earlier) {
            continue;
        }
        let same_unit = |c: &Claim| c.quantity.unit == claims[n].quantity.unit && c.quantity.change_role != Some(ChangeRole::Earlier);
        // The value it changed into: the nearest other claim of the sentence with its unit,
        // before it first ("53%, down from 58%"), else after it ("from 50% to 30%").
        let target = (0..n).rev().find(|&k| same_unit(&claims[k])).or_else(|| (n + 1..claims.len()).find(|&k| same_unit(&claims[k])));
        let Some(k) = target else { continue };
        let src = claims[k].clone();
        let c = &mut claims[n];
        if c.metric != src.metric && !c.metric.is_empty() && generic_for(super::lexicon::unit_family(&c.quantity.unit)) != c.metric {
            continue;
        }
        c.metric = src.metric;
        c.measure = src.measure;
        c.holder = src.holder;
        c.holder_basis = src.holder_basis;
        c.scope = src.scope;
        c.kind = if src.kind == FigureKind::Change { FigureKind::Level } else { src.kind };
        c.modality = src.modality;
        if c.time_basis == TimeBasis::Published {
            // Its date is some time before publication, not stated.
            c.as_of = None;
            c.time_basis = TimeBasis::Unknown;
        }
    }
}

/// A share with no cue of its own continues the topic of the figure just before it, when that
/// one is in the same or the previous sentence and has the same unit: "...spending targets of
/// 3% and 4% of GDP. Some allies have already exceeded 3%, others remain below 2%."
fn carry_topic(claims: &mut [Claim]) {
    for n in 1..claims.len() {
        let (prev, cur) = claims.split_at_mut(n);
        let (p, c) = (&prev[n - 1], &mut cur[0]);
        let generic = matches!(c.metric.as_str(), "share" | "amount" | "change");
        let same_unit = p.quantity.unit == c.quantity.unit;
        let close = p.sentence_start == c.sentence_start || p.sentence_end + 3 >= c.sentence_start;
        if generic && same_unit && close && !matches!(p.metric.as_str(), "share" | "amount" | "change" | "count" | "duration") {
            c.metric = p.metric.clone();
        }
    }
}

#[cfg(test)]
mod tests;
