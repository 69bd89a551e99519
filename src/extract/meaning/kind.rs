//! The kind of a figure (level, running total, change, rate, one event's count) and its
//! modality (stated, target, proposal, forecast, hypothetical, historical), read from the
//! words around it in its clause. Cue words are data (`lexicon/identity.toml`).

use super::context::{starting_in, Hit, Sent};
use super::time::TimePhrase;
use crate::extract::lexicon::Metric;
use crate::extract::{FigureKind, Modality, Quantity, TimeBasis};
use jiff::civil::Date;

/// Words after a period phrase that make it a time reference, not a rate: "a year ago",
/// "a day after".
const NOT_RATE_AFTER: &[&str] = &["ago", "after", "before", "earlier", "later", "since", "into", "of", "long", "old", "from"];

impl Sent<'_> {
    /// Kind and rate period of the figure at [qa, qb) in clause [ca, cb).
    pub fn kind_of(&self, q: &Quantity, metric: Option<&Metric>, (qa, qb): (usize, usize), (ca, cb): (usize, usize), time: Option<&TimePhrase>) -> (FigureKind, Option<String>) {
        if let Some(p) = self.rate_period(q, qa, qb, ca, cb) {
            return (FigureKind::Rate, Some(p));
        }
        let running = metric.is_some_and(|m| m.running);
        // A running count's verbs ("has lost 7,000 soldiers") tell what happened, not a change
        // of the count; "rose by 40,000" is a change.
        if q.direction.is_some() && (!running || self.word(qa.wrapping_sub(1)) == "by") {
            return (FigureKind::Change, None);
        }
        // "7,000 more troops", "another 1,000 soldiers": an addition, not the total.
        if matches!(self.word(qb.saturating_sub(1)), "more" | "additional" | "extra") && q.noun.is_some()
            || (qa.saturating_sub(2)..qa).any(|k| matches!(self.word(k), "another" | "additional" | "extra"))
            || self.toks[qa..qb].iter().enumerate().any(|(k, t)| {
                // "7,000 more troops", not "more than $5 billion".
                matches!(t.low.as_str(), "more" | "additional" | "extra") && self.toks[qa..qa + k].iter().any(|x| x.kind == super::super::quantity::tokens::Kind::Num) && self.word(qa + k + 1) != "than"
            })
        {
            return (FigureKind::Change, None);
        }
        // "retaken 20% of the territory": a change of control, not its level.
        if (qa.saturating_sub(3)..qa).any(|k| self.lex.identity.is("regain", self.word(k))) {
            return (FigureKind::Change, None);
        }
        let since = time.is_some_and(|t| t.basis == TimeBasis::Since);
        if !running {
            return (if since { FigureKind::Cumulative } else { FigureKind::Level }, None);
        }
        // "the UN said on Thursday", "officials reported today": when the figure was told, not
        // a day it counts.
        let told = |h: &Hit| self.lex.identity.kind_cues[h.owner].0 == FigureKind::Event && h.start.checked_sub(1).is_some_and(|k| self.lex.identity.attribution.contains(self.word(k)));
        let near = |h: &&Hit| {
            if told(h) {
                return false;
            }
            let (_, reach) = self.lex.identity.kind_cues[h.owner];
            let placed = (h.end <= qa && qa - h.end <= reach.before && h.start >= ca) || (h.start >= qb && h.start - qb <= reach.after && h.end <= cb);
            placed && (!reach.determiner || self.determined(h.start))
        };
        let cues: Vec<FigureKind> = starting_in(&self.kinds, |h| h.start, ca, cb).iter().filter(near).map(|h| self.lex.identity.kind_cues[h.owner].0).collect();
        // A time cue right after the figure is its own ("15 missiles in the past day, and a
        // total of 2,478 since ..."): it wins over a cumulative cue further on.
        let own_event = starting_in(&self.kinds, |h| h.start, qb, (qb + 4).min(cb)).iter().filter(|h| !told(h)).any(|h| {
            let (k, reach) = self.lex.identity.kind_cues[h.owner];
            k == FigureKind::Event && !reach.determiner
        });
        if own_event && !since {
            return (FigureKind::Event, None);
        }
        if since || cues.contains(&FigureKind::Cumulative) {
            return (FigureKind::Cumulative, None);
        }
        // "142,000 crossed into Poland on 6 March": a count for one named day, unless that is
        // the day it was reported ("the UN said on Tuesday that ...").
        let one_day = time.is_some_and(|t| t.basis == TimeBasis::Dated && self.word(t.start) == "on" && !t.start.checked_sub(1).is_some_and(|k| self.lex.identity.attribution.contains(self.word(k))));
        if cues.contains(&FigureKind::Event) || one_day {
            return (FigureKind::Event, None);
        }
        if self.perfect_near(qa, qb, ca, cb) || self.since_event(qa, qb, ca, cb) {
            return (FigureKind::Cumulative, None);
        }
        (FigureKind::Unknown, None)
    }

    /// "900 a day", "$2 billion per month", "daily losses of 500".
    fn rate_period(&self, _q: &Quantity, qa: usize, qb: usize, ca: usize, cb: usize) -> Option<String> {
        let id = &self.lex.identity;
        // After the figure, within four words of it, in its clause.
        // "1,000 troops a-day": the hyphen glues the period on.
        if self.word(qb) == "a" && self.toks.get(qb + 1).is_some_and(|t| t.is_dash() && !t.space_before) {
            let w = self.word(qb + 2);
            if let Some(name) = id.periods.iter().find(|p| p.as_str() == w) {
                return Some(name.clone());
            }
        }
        for h in starting_in(&self.periods, |h| h.start, qb, (qb + 5).min(cb)) {
            if NOT_RATE_AFTER.contains(&self.word(h.end)) || self.toks.get(h.end).is_some_and(|t| t.low.ends_with("'s")) {
                continue;
            }
            // "for a year", "in a day", "within a month": a duration, not a rate.
            if matches!(self.word(h.start.wrapping_sub(1)), "for" | "in" | "within" | "over" | "about" | "than" | "nearly" | "almost" | "once" | "twice") && h.start > qb {
                continue;
            }
            return Some(id.periods[h.owner].clone());
        }
        // "daily", "annual", "monthly" just before: "daily losses of 500", "an annual $40bn".
        for h in starting_in(&self.periods, |h| h.start, ca.max(qa.saturating_sub(4)), qa) {
            if h.end - h.start == 1 && !matches!(self.word(h.start), "a" | "per" | "each" | "every") {
                return Some(id.periods[h.owner].clone());
            }
        }
        None
    }

    /// A determiner or possessive within three words before token `i`, with no number between:
    /// "a missile strike", "the maternity hospital bombing", "Tuesday's attack".
    fn determined(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).rev().take_while(|&k| self.toks[k].kind != super::super::quantity::tokens::Kind::Num).any(|k| {
            let w = self.word(k);
            matches!(w, "a" | "an" | "the" | "this" | "that" | "'s") || w.ends_with("'s")
        })
    }

    /// "have been killed", "has lost", "had fled": a present or past perfect near the figure.
    /// "since the siege began", "since fighting broke out": a count since an event started
    /// (the event named in words, not by a date) is a running total.
    fn since_event(&self, qa: usize, qb: usize, ca: usize, cb: usize) -> bool {
        let (a, b) = (ca.max(qa.saturating_sub(12)), cb.min(qb + 12));
        (a..b).any(|i| self.word(i) == "since" && (i + 2..(i + 6).min(cb)).any(|j| self.lex.identity.is("start", self.word(j))))
    }

    fn perfect_near(&self, qa: usize, qb: usize, ca: usize, cb: usize) -> bool {
        let id = &self.lex.identity;
        let (a, b) = (ca.max(qa.saturating_sub(6)), cb.min(qb + 6));
        (a..b).any(|i| {
            matches!(self.word(i), "has" | "have" | "had" | "'ve") && (i + 1..(i + 3).min(b + 2)).any(|j| {
                let w = self.word(j);
                id.perfect.contains(w) || (w.len() > 4 && w.ends_with("ed"))
            })
        })
    }

    /// Modality of the figure at [qa, qb) in clause [ca, cb).
    pub fn modality_of(&self, (qa, qb): (usize, usize), (ca, cb): (usize, usize), time: Option<&TimePhrase>, published: Option<Date>) -> Modality {
        if time.is_some_and(|t| t.basis == TimeBasis::Target) {
            return Modality::Target;
        }
        if let (Some(t), Some(p)) = (time, published) {
            if t.basis != TimeBasis::Target && i32::from(t.year) <= i32::from(p.year()) - 2 {
                return Modality::Historical;
            }
        }
        // A year long past in the clause: "in 2014, when Russia amassed 150,000", "1.2 million
        // fled between 2013 and 2014".
        if let Some(p) = published {
            let old = starting_in(&self.times, |t| t.start, ca.max(qa.saturating_sub(14)), cb.min(qb + 10))
                .iter()
                .any(|t| t.basis != TimeBasis::Target && i32::from(t.year) <= i32::from(p.year()) - 2);
            if old {
                return Modality::Historical;
            }
        }
        // The nearest cue before the number within its reach, or a modal verb right after
        // the figure ("2 million could flee"; a noun after it, "a 28-point peace proposal",
        // names a thing, not the figure's status).
        let mut best: Option<(usize, Modality)> = None;
        for h in starting_in(&self.modals, |h| h.start, ca, qa) {
            let (m, reach) = self.lex.identity.modality_cues[h.owner];
            if h.end <= qa && qa - h.end <= reach.before && best.is_none_or(|(d, _)| qa - h.end <= d) {
                best = Some((qa - h.end, m));
            }
        }
        for h in starting_in(&self.modals, |h| h.start, qb, (qb + 4).min(cb)) {
            let (m, _) = self.lex.identity.modality_cues[h.owner];
            if matches!(m, Modality::Forecast | Modality::Hypothetical) && best.is_none_or(|(d, _)| h.start - qb < d) {
                best = Some((h.start - qb, m));
            }
        }
        best.map_or(Modality::Stated, |(_, m)| m)
    }
}
