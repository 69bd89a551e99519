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
//! 4. Further apart: the stated figures (without hedges) are compared. The same figure agrees;
//!    a running total stated lower later is a conflict (unless the later figure is a bound the
//!    earlier one meets: "more than 500" after "about 1,000" agrees); any other difference is
//!    an update.
//!
//! Event counts ("420 drones overnight") are compared only when the two reports are at most a
//! day apart. When a date is unknown, a pair can only agree (or be a revision the text states):
//! nothing else is reported.

use super::{Comparer, Facts, GroupCtx, Interval, Pair, Verdict};
use crate::extract::{ChangeRole, Claim, FigureKind};
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

fn running(c: &Claim) -> bool {
    matches!(c.kind, FigureKind::Cumulative | FigureKind::Event)
}

impl Comparer<'_> {
    /// Verdict for one pair of claims in the same group, or None when the pair is not reported
    /// (same article or outlet, the same sentence, events on different days, a revised value
    /// that matches nothing).
    #[allow(clippy::too_many_arguments)]
    pub fn pair(&self, r: &[ClaimRecord], facts: &Facts, x: usize, y: usize, g: &GroupCtx<'_>) -> Option<Pair> {
        let (tol, earlier, gid) = (&g.tol, &g.earlier, &g.id);
        let (ra, rb) = (&r[x], &r[y]);
        let (a, b) = (&ra.claim, &rb.claim);
        if facts.doc[x] == facts.doc[y] || facts.sentence[x] == facts.sentence[y] || (!self.same_source && facts.same_outlet(x, y)) {
            return None;
        }
        let quiet = !self.explain_all;
        let mk = |verdict: Verdict, severity: f64, why: &dyn Fn() -> String| Pair {
            group_id: Arc::clone(gid),
            a: x,
            b: y,
            verdict,
            severity,
            explanation: if quiet && !verdict.flagged() { String::new() } else { format!("{}: {}", a.identity_words(), why()) },
        };
        let days = super::days_between(ra, rb);
        if a.kind == FigureKind::Event && days.is_some_and(|d| d.abs() > 1) {
            return None;
        }
        let apart = days.is_some_and(|d| d.abs() > tol.same_time_days);
        let when = || match days {
            None => "the dates are unknown".to_string(),
            Some(d) if d.abs() > tol.same_time_days => format!("{} days apart", d.abs()),
            Some(d) => format!("{} days apart, within the {}-day window", d.abs(), tol.same_time_days),
        };
        if let Some(pa) = &facts.person[x] {
            let pb = facts.person[y].as_deref().unwrap_or("");
            if same_person(pa, pb) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("same {} of {}: {}", office(&a.metric), a.holder, a.quantity.text)));
            }
            // A handover: everything naming one person comes before everything naming the
            // other, and these two reports are further apart than the window. Names that
            // interleave in time are a former holder, a misspelling or another post: silence.
            let (sa, sb) = (g.spans.get(&person_key(pa)), g.spans.get(&person_key(pb)));
            // The later one must also be the holder the latest reports name: a past holder
            // mentioned once in a history piece ("chancellor Helmut Schmidt") is no handover.
            let latest = g.spans.values().map(|s| s.1).max();
            let handover = matches!((sa, sb), (Some(sa), Some(sb)) if sa.1 < sb.0 && Some(sb.1) == latest);
            if apart && handover {
                return Some(mk(Verdict::Update, 1.0, &|| format!("{} then {} ({}); every report naming {} comes before every report naming {}: the office changed hands", a.quantity.text, b.quantity.text, when(), a.quantity.text, b.quantity.text)));
            }
            return None;
        }
        let (ia, ib) = (facts.interval[x]?, facts.interval[y]?);
        let desc = |c: &Claim, iv: &Interval| format!("{:?} = {}", c.quantity.text, iv);
        let sev = ia.relative_gap(&ib);
        let roles = (a.quantity.change_role, b.quantity.change_role);
        // Rule 2: stated revisions.
        if roles.0 == Some(ChangeRole::Earlier) || roles.1 == Some(ChangeRole::Earlier) {
            if ia.overlaps(&ib) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("{} vs {} (it matches the earlier value that a source says was revised)", desc(a, &ia), desc(b, &ib))));
            }
            return None;
        }
        for (cur, other, rc, io) in [(b, a, rb, &ia), (a, b, ra, &ib)] {
            if cur.quantity.change_role == Some(ChangeRole::Current) {
                let revised = earlier.get(rc.doc.as_str()).is_some_and(|v| v.iter().any(|&e| facts.interval[e].is_some_and(|ie| ie.overlaps(io))));
                if revised {
                    let src = rc.source.as_deref().unwrap_or(&rc.doc);
                    return Some(mk(Verdict::Update, sev, &|| format!("{src} reports the value was revised from a figure matching {:?} to {:?}", other.quantity.text, cur.quantity.text)));
                }
            }
        }
        if days.is_none() {
            // Without both dates only agreement can be told.
            if ia.overlaps(&ib) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("intervals overlap: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
            }
            return None;
        }
        // A vague amount only ever agrees: "thousands" states no figure to revise.
        let (Some(sa), Some(sb)) = (facts.stated[x], facts.stated[y]) else {
            return ia.overlaps(&ib).then(|| mk(Verdict::Agree, 0.0, &|| format!("intervals overlap: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
        };
        // A verified minimum ("verified 2,336 deaths") agrees with any larger figure, whenever
        // given, and conflicts only with a figure below it; it never updates an estimate.
        if a.floor || b.floor {
            if ia.overlaps(&ib) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("a verified minimum and a figure that meets it: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
            }
            // A later verified minimum above an earlier figure: the running total rose.
            if b.floor && running(a) && days.is_some_and(|d| d != 0) {
                return Some(mk(Verdict::Update, sev, &|| format!("a later verified minimum exceeds the earlier figure: {:?} then {:?}; {}", a.quantity.text, b.quantity.text, when())));
            }
            return Some(mk(Verdict::Conflict, sev, &|| format!("below a verified minimum: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
        }
        // `a` is the earlier side when dates are known (see Facts::order).
        let later = days.is_some_and(|d| d != 0);
        if !apart {
            // Rule 3: at the same time.
            if ia.overlaps(&ib) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("intervals overlap: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
            }
            if running(a) && later && ib.lo > ia.hi {
                return Some(mk(Verdict::Update, sev, &|| format!("the running total rose from {:?} to {:?}; {}", a.quantity.text, b.quantity.text, when())));
            }
            let what = if running(a) && later { "a later report gives a smaller running total" } else { "no overlap" };
            return Some(mk(Verdict::Conflict, sev, &|| format!("{what}: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
        }
        // Rule 4: far apart in time: the stated figures, without their hedges.
        if sa.overlaps(&sb) {
            return Some(mk(Verdict::Agree, 0.0, &|| format!("the same figure {} apart: {:?} and {:?}", when(), a.quantity.text, b.quantity.text)));
        }
        if running(a) && sb.lo < sa.lo {
            // A running total stated lower later: a conflict, unless the later one is only a
            // bound the earlier figure satisfies ("more than 500" after "about 1,000").
            if ia.overlaps(&ib) {
                return Some(mk(Verdict::Agree, 0.0, &|| format!("the later figure is a bound the earlier one meets: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
            }
            return Some(mk(Verdict::Conflict, sev, &|| format!("a later report gives a smaller running total: {} then {}; {}", desc(a, &ia), desc(b, &ib), when())));
        }
        // A later bound that the earlier figure meets ("over 100,000" after "more than
        // 127,000") restates, it does not revise.
        if ia.overlaps(&ib) && matches!(b.quantity.hedge, crate::extract::Hedge::Lower | crate::extract::Hedge::Upper) {
            return Some(mk(Verdict::Agree, 0.0, &|| format!("the later figure is a bound the earlier one meets: {} vs {}; {}", desc(a, &ia), desc(b, &ib), when())));
        }
        Some(mk(Verdict::Update, sev, &|| format!("a later source reports a different figure: {:?} then {:?}; {}", a.quantity.text, b.quantity.text, when())))
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
