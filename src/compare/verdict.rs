//! The verdict for one pair of claims with the same identity, and the rule that decided it.
//!
//! In order, the first rule that applies decides:
//! 1. Offices: the same person (spelling folded) agree; different people more than the
//!    metric's window apart are an update when every report naming one comes before every
//!    report naming the other and the other is the holder the latest reports name (the office
//!    changed hands); otherwise nothing is reported: in
//!    real news two names for one office at once are a former holder or a misspelling far more
//!    often than a real disagreement.
//! 2. A side that its own source says was revised ("reduced from 50% to 30%": the 50%) only
//!    agrees with a matching figure; a current value whose source revised a figure matching the
//!    other side is an update. Otherwise the pair is not reported.
//! 3. Within the metric's time window: overlapping intervals agree. Running totals
//!    (cumulative and event counts) that grew are an update; a later, smaller running total is
//!    a conflict, and so are two different levels at the same time.
//!    Two different claimants ("Russia says 498", "Ukraine says 11,000") do not update each
//!    other at the same time: up to `claimant_window` times the window apart, a difference
//!    between them is a conflict whichever way it goes. Further apart, the rules for figures
//!    further apart apply (rule 4).
//! 4. Further apart: the stated figures (without hedges) are compared. The same figure agrees;
//!    a running total stated lower later is a conflict (unless the later figure is a bound the
//!    earlier one meets: "more than 500" after "about 1,000" agrees); any other difference is
//!    an update.
//!
//! Before any rule: two figures more than `max_ratio` (100) times apart are not one quantity
//! read right ("at least two Russian soldiers" killed by poisoned food against "15,000 Russian
//! troops"): the pair is not reported.
//!
//! Event counts ("420 drones overnight") are compared only when the two reports are at most a
//! day apart. When a date is unknown, a pair can only agree (or be a revision the text states):
//! nothing else is reported.

use super::{Comparer, Facts, GroupCtx, Interval, Pair, Verdict};
use crate::extract::{ChangeRole, Claim, FigureKind, Hedge};
use crate::index::ClaimRecord;
use std::sync::Arc;

/// Same person: equal folded names, or the same surname with the same first initial
/// ("Dmitry Kuleba" and "Dmytro Kuleba").
fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    match (wa.split_last(), wb.split_last()) {
        (Some((la, ra)), Some((lb, rb))) => la == lb && ra.first().and_then(|w| w.chars().next()) == rb.first().and_then(|w| w.chars().next()),
        _ => false,
    }
}

/// Surname and first initial of a folded name: one key for a person's spellings.
pub(super) fn person_key(folded: &str) -> String {
    let mut words = folded.split(' ');
    let first = words.next().and_then(|w| w.chars().next());
    match (folded.split(' ').next_back(), first) {
        (Some(last), Some(f)) if folded.contains(' ') => format!("{last} {f}"),
        (Some(last), _) => last.to_string(),
        _ => String::new(),
    }
}

fn office(metric: &str) -> String {
    metric.trim_start_matches("office:").replace('_', " ")
}

/// The stated values are more than `max_ratio` times apart: not one quantity read right.
fn two_orders_apart(a: &Claim, b: &Claim, max_ratio: f64) -> bool {
    match (a.quantity.value, b.quantity.value) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => x.max(y) / x.min(y) > max_ratio,
        _ => false,
    }
}

fn running(c: &Claim) -> bool {
    matches!(c.kind, FigureKind::Cumulative | FigureKind::Event)
}

/// One pair under comparison: both claims, their facts and how far apart in time they are.
/// Each verdict rule is a method; [`Comparer::pair`] applies them in order.
struct Judge<'a> {
    a: &'a Claim,
    b: &'a Claim,
    ra: &'a ClaimRecord,
    rb: &'a ClaimRecord,
    x: usize,
    y: usize,
    facts: &'a Facts,
    g: &'a GroupCtx<'a>,
    /// Days from `a` to `b`, when both dates are known.
    days: Option<i64>,
    /// Further apart than the metric's window.
    apart: bool,
    /// Explanations only for flagged rows.
    quiet: bool,
}

type Verdicts = Option<Pair>;

impl Judge<'_> {
    fn mk(&self, verdict: Verdict, severity: f64, why: impl FnOnce() -> String) -> Pair {
        Pair {
            group_id: Arc::clone(&self.g.id),
            a: self.x,
            b: self.y,
            verdict,
            severity,
            explanation: if self.quiet && !verdict.flagged() { String::new() } else { format!("{}: {}", self.a.identity_words(), why()) },
        }
    }

    fn when(&self) -> String {
        let window = self.g.tol.same_time_days;
        match self.days {
            None => "the dates are unknown".to_string(),
            Some(d) if d.abs() > window => format!("{} days apart", d.abs()),
            Some(d) => format!("{} days apart, within the {window}-day window", d.abs()),
        }
    }

    fn desc(c: &Claim, iv: &Interval) -> String {
        format!("{:?} = {}", c.quantity.text, iv)
    }

    fn overlap_words(&self, ia: &Interval, ib: &Interval) -> String {
        format!("intervals overlap: {} vs {}; {}", Self::desc(self.a, ia), Self::desc(self.b, ib), self.when())
    }

    /// Rule 1: office holders.
    fn office(&self, pa: &str) -> Verdicts {
        let (a, b) = (self.a, self.b);
        let pb = self.facts.person[self.y].as_deref().unwrap_or("");
        if same_person(pa, pb) {
            return Some(self.mk(Verdict::Agree, 0.0, || format!("same {} of {}: {}", office(&a.metric), a.holder, a.quantity.text)));
        }
        // A handover: everything naming one person comes before everything naming the other,
        // and these two reports are further apart than the window. Names that interleave in
        // time are a former holder, a misspelling or another post: silence. The later one must
        // also be the holder the latest reports name: a past holder mentioned once in a
        // history piece ("chancellor Helmut Schmidt") is no handover.
        let spans = &self.g.spans;
        let (sa, sb) = (spans.get(&person_key(pa)), spans.get(&person_key(pb)));
        let latest = spans.values().map(|s| s.1).max();
        let handover = matches!((sa, sb), (Some(sa), Some(sb)) if sa.1 < sb.0 && Some(sb.1) == latest);
        (self.apart && handover).then(|| {
            self.mk(Verdict::Update, 1.0, || {
                format!("{} then {} ({}); every report naming {} comes before every report naming {}: the office changed hands", a.quantity.text, b.quantity.text, self.when(), a.quantity.text, b.quantity.text)
            })
        })
    }

    /// Rule 2: a revision the text states ("reduced from 50% to 30%"). Some(None): the pair
    /// is not reported.
    fn revision(&self, ia: &Interval, ib: &Interval, sev: f64) -> Option<Verdicts> {
        let (a, b) = (self.a, self.b);
        if a.quantity.change_role == Some(ChangeRole::Earlier) || b.quantity.change_role == Some(ChangeRole::Earlier) {
            return Some(ia.overlaps(ib).then(|| {
                self.mk(Verdict::Agree, 0.0, || format!("{} vs {} (it matches the earlier value that a source says was revised)", Self::desc(a, ia), Self::desc(b, ib)))
            }));
        }
        for (cur, other, rc, io) in [(b, a, self.rb, ia), (a, b, self.ra, ib)] {
            if cur.quantity.change_role == Some(ChangeRole::Current) {
                let earlier = self.g.earlier.get(rc.doc.as_str());
                let revised = earlier.is_some_and(|v| v.iter().any(|&e| self.facts.interval[e].is_some_and(|ie| ie.overlaps(io))));
                if revised {
                    let src = rc.source.as_deref().unwrap_or(&rc.doc);
                    return Some(Some(self.mk(Verdict::Update, sev, || format!("{src} reports the value was revised from a figure matching {:?} to {:?}", other.quantity.text, cur.quantity.text))));
                }
            }
        }
        None
    }

    /// Rule 4: a verified minimum ("verified 2,336 deaths") agrees with any larger figure,
    /// whenever given, and conflicts only with a figure below it; it never updates an estimate.
    fn floor(&self, ia: &Interval, ib: &Interval, sev: f64) -> Verdicts {
        let (a, b) = (self.a, self.b);
        if ia.overlaps(ib) {
            return Some(self.mk(Verdict::Agree, 0.0, || format!("a verified minimum and a figure that meets it: {} vs {}; {}", Self::desc(a, ia), Self::desc(b, ib), self.when())));
        }
        // A later verified minimum above an earlier figure: the running total rose.
        if b.floor && running(a) && self.days.is_some_and(|d| d != 0) {
            return Some(self.mk(Verdict::Update, sev, || format!("a later verified minimum exceeds the earlier figure: {:?} then {:?}; {}", a.quantity.text, b.quantity.text, self.when())));
        }
        Some(self.mk(Verdict::Conflict, sev, || format!("below a verified minimum: {} vs {}; {}", Self::desc(a, ia), Self::desc(b, ib), self.when())))
    }

    /// Rule 5: at the same time (within the window).
    fn same_time(&self, ia: &Interval, ib: &Interval, sev: f64) -> Verdicts {
        let (a, b) = (self.a, self.b);
        if ia.overlaps(ib) {
            return Some(self.mk(Verdict::Agree, 0.0, || self.overlap_words(ia, ib)));
        }
        // `a` is the earlier side when dates are known (see Facts::order).
        let later = self.days.is_some_and(|d| d != 0);
        if running(a) && later && ib.lo > ia.hi {
            return Some(self.mk(Verdict::Update, sev, || format!("the running total rose from {:?} to {:?}; {}", a.quantity.text, b.quantity.text, self.when())));
        }
        let what = if running(a) && later { "a later report gives a smaller running total" } else { "no overlap" };
        Some(self.mk(Verdict::Conflict, sev, || format!("{what}: {} vs {}; {}", Self::desc(a, ia), Self::desc(b, ib), self.when())))
    }

    /// Two different named claimants within the claimant window (rule 3's second part). None
    /// when the claimants are the same, one is unknown or they are further apart.
    fn claimants(&self, ia: &Interval, ib: &Interval, sev: f64) -> Option<Pair> {
        let (a, b) = (self.a, self.b);
        if a.claimant.is_empty() || b.claimant.is_empty() || a.claimant == b.claimant {
            return None;
        }
        let window = self.g.tol.same_time_days as f64 * self.g.tol.claimant_window;
        if self.days.is_none_or(|d| d.abs() as f64 > window) {
            return None;
        }
        if ia.overlaps(ib) {
            return Some(self.mk(Verdict::Agree, 0.0, || self.overlap_words(ia, ib)));
        }
        Some(self.mk(Verdict::Conflict, sev, || {
            format!("two claimants disagree: {} gives {}, {} gives {}; {} (one claimant does not revise another's figure)", a.claimant, Self::desc(a, ia), b.claimant, Self::desc(b, ib), self.when())
        }))
    }

    /// Rule 6: far apart in time: the stated figures, without their hedges.
    fn far_apart(&self, (ia, ib): (&Interval, &Interval), (sa, sb): (&Interval, &Interval), sev: f64) -> Verdicts {
        let (a, b) = (self.a, self.b);
        if sa.overlaps(sb) {
            return Some(self.mk(Verdict::Agree, 0.0, || format!("the same figure {} apart: {:?} and {:?}", self.when(), a.quantity.text, b.quantity.text)));
        }
        let bound = || format!("the later figure is a bound the earlier one meets: {} vs {}; {}", Self::desc(a, ia), Self::desc(b, ib), self.when());
        if running(a) && sb.lo < sa.lo {
            // A running total stated lower later: a conflict, unless the later one is only a
            // bound the earlier figure satisfies ("more than 500" after "about 1,000").
            if ia.overlaps(ib) {
                return Some(self.mk(Verdict::Agree, 0.0, bound));
            }
            return Some(self.mk(Verdict::Conflict, sev, || format!("a later report gives a smaller running total: {} then {}; {}", Self::desc(a, ia), Self::desc(b, ib), self.when())));
        }
        // A later bound that the earlier figure meets ("over 100,000" after "more than
        // 127,000") restates, it does not revise.
        if ia.overlaps(ib) && matches!(b.quantity.hedge, Hedge::Lower | Hedge::Upper) {
            return Some(self.mk(Verdict::Agree, 0.0, bound));
        }
        Some(self.mk(Verdict::Update, sev, || format!("a later source reports a different figure: {:?} then {:?}; {}", a.quantity.text, b.quantity.text, self.when())))
    }
}

impl Comparer<'_> {
    /// Verdict for one pair of claims in the same group, or None when the pair is not reported
    /// (same article or outlet, the same sentence, events on different days, a revised value
    /// that matches nothing).
    pub fn pair(&self, r: &[ClaimRecord], facts: &Facts, x: usize, y: usize, g: &GroupCtx<'_>) -> Option<Pair> {
        let (ra, rb) = (&r[x], &r[y]);
        if facts.doc[x] == facts.doc[y] || facts.sentence[x] == facts.sentence[y] || (!self.same_source && facts.same_outlet(x, y)) {
            return None;
        }
        let days = super::days_between(ra, rb);
        if ra.claim.kind == FigureKind::Event && days.is_some_and(|d| d.abs() > 1) {
            return None;
        }
        let apart = days.is_some_and(|d| d.abs() > g.tol.same_time_days);
        let j = Judge { a: &ra.claim, b: &rb.claim, ra, rb, x, y, facts, g, days, apart, quiet: !self.explain_all };
        if let Some(pa) = &facts.person[x] {
            return j.office(pa);
        }
        let (ia, ib) = (facts.interval[x]?, facts.interval[y]?);
        if two_orders_apart(&ra.claim, &rb.claim, g.tol.max_ratio) {
            return None;
        }
        let sev = ia.relative_gap(&ib);
        if let Some(v) = j.revision(&ia, &ib, sev) {
            return v;
        }
        // Rule 3: without both dates only agreement can be told. A vague amount ("thousands")
        // states no figure to revise: it only ever agrees too.
        let stated = (facts.stated[x], facts.stated[y]);
        let (Some(sa), Some(sb), Some(_)) = (stated.0, stated.1, days) else {
            return ia.overlaps(&ib).then(|| j.mk(Verdict::Agree, 0.0, || j.overlap_words(&ia, &ib)));
        };
        if j.a.floor || j.b.floor {
            return j.floor(&ia, &ib, sev);
        }
        if let Some(v) = j.claimants(&ia, &ib, sev) {
            return Some(v);
        }
        if !apart {
            return j.same_time(&ia, &ib, sev);
        }
        j.far_apart((&ia, &ib), (&sa, &sb), sev)
    }
}

#[cfg(test)]
mod tests {
    use super::same_person;

    #[test]
    fn transliterations_of_one_person_are_one_person() {
        assert!(same_person("dmitry kuleba", "dmytro kuleba"));
        assert!(same_person("olaf scholz", "olaf scholz"));
        assert!(!same_person("olaf scholz", "friedrich merz"));
        assert!(!same_person("john kirby", "jen psaki"));
        assert!(!same_person("kuleba", "dmytro kuleba"));
    }
}
