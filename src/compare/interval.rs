//! Hedges read as directional intervals.

use super::config::Tolerance;
use crate::extract::{Hedge, Quantity};

/// A closed interval; open sides are infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    pub fn overlaps(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// Distance between two intervals relative to the larger magnitude (0 when they overlap).
    pub fn relative_gap(&self, o: &Interval) -> f64 {
        let gap = if self.hi < o.lo { o.lo - self.hi } else if o.hi < self.lo { self.lo - o.hi } else { 0.0 };
        if gap <= 0.0 || !gap.is_finite() {
            return 0.0;
        }
        let scale = [self.lo, self.hi, o.lo, o.hi].iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
        if scale > 0.0 {
            gap / scale
        } else {
            0.0
        }
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Three decimals at most, trailing zeros dropped. Rounding first and printing the
        // shortest form is several times faster than "{:.3}" and trimming (this runs for every
        // written row); the two differ only on half-way values (1.6715 -> 1.672, not 1.671).
        let n = |f: &mut std::fmt::Formatter<'_>, v: f64| {
            if v.is_infinite() {
                f.write_str(if v > 0.0 { "∞" } else { "−∞" })
            } else if v.abs() >= 1e6 {
                write!(f, "{v:.3e}")
            } else {
                write!(f, "{}", (v * 1000.0).round() / 1000.0)
            }
        };
        f.write_str("[")?;
        n(f, self.lo)?;
        f.write_str(", ")?;
        n(f, self.hi)?;
        f.write_str("]")
    }
}

/// A vague amount written in words ("dozens", "thousands", "tens of thousands", "millions"):
/// it states an order of magnitude, not a figure a later report could revise.
pub fn is_vague(q: &Quantity) -> bool {
    q.hedge == Hedge::Range && q.value.is_none() && !q.text.bytes().any(|b| b.is_ascii_digit()) && {
        let t = q.text.to_lowercase();
        ["dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens of"].iter().any(|w| t.contains(w))
    }
}

/// Units that cannot be negative: an upper bound starts at zero.
fn non_negative(unit: &str) -> bool {
    unit != "percentage_point"
}

/// One step of the last significant digit of `value` as written: "19" -> 1, "20" -> 10,
/// "100,000" -> 100,000, "3.7 million" -> 100,000, "2.06" -> 0.01. Trailing zeros of a whole
/// number are read as rounding.
pub fn significant_step(value: f64, written_step: f64) -> f64 {
    if !(written_step > 0.0) {
        // Unknown precision ("one-fifth"): as coarse as the clamps allow.
        return f64::INFINITY;
    }
    if !value.is_finite() || value == 0.0 {
        return written_step;
    }
    let n = (value.abs() / written_step).round();
    if n > 1e15 {
        return written_step;
    }
    let (mut n, mut step) = (n as u64, written_step);
    while n >= 10 && n % 10 == 0 {
        n /= 10;
        step *= 10.0;
    }
    step
}

/// The interval a quantity's hedge and stated precision imply. `scale` converts to the
/// comparison unit (durations are compared in days). None when the quantity has no number.
///
/// Widths follow the stated precision: "about X" reaches one step of X's last significant
/// digit, but at least `approx_min_rel` and at most `approx_rel` of X ("about 3.7 million" is
/// 3.6-3.8 million; "about 20%" is 18-22%); an exact figure reaches half that step, at most
/// `exact_max_rel` of X, plus `exact_rel` of slack for rounding ("1 million" is 0.94-1.06
/// million, "19%" is 18.3-19.7%).
pub fn interval(q: &Quantity, tol: &Tolerance, scale: f64) -> Option<Interval> {
    let floor = if non_negative(&q.unit) { 0.0 } else { f64::NEG_INFINITY };
    let written = q.precision.map_or(0.0, |p| 2.0 * p.half_step);
    let iv = match q.hedge {
        Hedge::Qualitative => return None,
        // "thousands", "tens of thousands": in practice a lower bound ("thousands have died"
        // does not deny that 12,000 have).
        Hedge::Range if is_vague(q) => Interval { lo: q.lo.unwrap_or(floor), hi: f64::INFINITY },
        Hedge::Range => Interval { lo: q.lo.unwrap_or(floor), hi: q.hi.unwrap_or(f64::INFINITY) },
        Hedge::Lower => Interval { lo: q.lo.or(q.value)?, hi: f64::INFINITY },
        Hedge::Upper => Interval { lo: floor, hi: q.hi.or(q.value)? },
        Hedge::Approx => {
            let v = q.value?;
            let step = significant_step(v, written);
            let w = step.clamp(v.abs() * tol.approx_min_rel, v.abs() * tol.approx_rel);
            Interval { lo: v - w, hi: v + w }
        }
        Hedge::ApproxBelow => {
            let v = q.value?;
            Interval { lo: v - v.abs() * tol.near_rel, hi: v }
        }
        Hedge::ApproxAbove => {
            let v = q.value?;
            Interval { lo: v, hi: v + v.abs() * tol.near_rel }
        }
        Hedge::Exact => {
            let v = q.value?;
            let w = (0.5 * significant_step(v, written)).min(v.abs() * tol.exact_max_rel) + v.abs() * tol.exact_rel;
            Interval { lo: v - w, hi: v + w }
        }
    };
    Some(Interval { lo: iv.lo * scale, hi: iv.hi * scale })
}

/// The figure as stated, without its hedge: the value with its written precision (or the
/// range). Used to tell whether two figures far apart in time state the same number: "at
/// least 1,480" in April and "at least 4,253" in June overlap as intervals, but state
/// different counts.
pub fn stated(q: &Quantity, tol: &Tolerance, scale: f64) -> Option<Interval> {
    if is_vague(q) {
        return None;
    }
    let iv = match (q.value, q.lo, q.hi) {
        (Some(v), _, _) => {
            let w = (0.5 * significant_step(v, q.precision.map_or(0.0, |p| 2.0 * p.half_step))).min(v.abs() * tol.exact_max_rel) + v.abs() * tol.exact_rel;
            Interval { lo: v - w, hi: v + w }
        }
        (None, Some(lo), Some(hi)) => Interval { lo, hi },
        (None, Some(lo), None) => Interval { lo, hi: lo },
        (None, None, Some(hi)) => Interval { lo: hi, hi },
        (None, None, None) => return None,
    };
    Some(Interval { lo: iv.lo * scale, hi: iv.hi * scale })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{quantities, Quantity};

    fn tol() -> Tolerance {
        Tolerance { approx_rel: 0.1, approx_min_rel: 0.025, near_rel: 0.1, exact_rel: 0.0, exact_max_rel: 0.05, same_time_days: 31, claimant_window: 2.0, max_ratio: 100.0, max_pairs: 50 }
    }

    fn q(s: &str) -> Quantity {
        quantities(s).into_iter().next().unwrap_or_else(|| panic!("no quantity in {s:?}"))
    }

    fn iv(s: &str) -> Interval {
        interval(&q(s), &tol(), 1.0).unwrap()
    }

    #[test]
    fn hedges_become_directional_intervals() {
        assert_eq!(iv("It holds 19% of it."), Interval { lo: 18.5, hi: 19.5 });
        // Widths follow the stated precision, clamped.
        let about = iv("About 3.7 million people fled.");
        assert!((about.lo - 3.6e6).abs() < 1.0 && (about.hi - 3.8e6).abs() < 1.0, "{about}");
        let round = iv("Exactly 1 million people fled.");
        assert!((round.lo - 0.95e6).abs() < 1.0 && (round.hi - 1.05e6).abs() < 1.0, "{round}");
        let near = iv("It holds nearly 19% of it.");
        assert!((near.lo - 17.1).abs() < 1e-9 && near.hi == 19.0);
        let fifth = iv("It holds approximately one-fifth of the land.");
        assert!((fifth.lo - 18.0).abs() < 1e-9 && (fifth.hi - 22.0).abs() < 1e-9);
        assert_eq!(iv("More than 1 million people fled."), Interval { lo: 1e6, hi: f64::INFINITY });
        // A vague amount has no upper figure: "hundreds of thousands" is said of 1.2 million too.
        assert_eq!(iv("Hundreds of thousands fled."), Interval { lo: 1e5, hi: f64::INFINITY });
        assert_eq!(iv("Fewer than 300 soldiers deserted."), Interval { lo: 0.0, hi: 300.0 });
    }

    #[test]
    fn nearly_19_agrees_with_a_fifth_but_25_does_not() {
        let near = iv("It holds nearly 19% of it.");
        let fifth = iv("It holds approximately one-fifth of the land.");
        let quarter = iv("It holds about 25 percent of it.");
        assert!(near.overlaps(&fifth));
        assert!(!quarter.overlaps(&near) && !quarter.overlaps(&fifth));
        assert!(quarter.relative_gap(&fifth) > 0.0);
        assert_eq!(near.relative_gap(&fifth), 0.0);
    }
}

#[cfg(test)]
mod step_tests {
    use super::significant_step;

    #[test]
    fn trailing_zeros_are_rounding() {
        assert_eq!(significant_step(19.0, 1.0), 1.0);
        assert_eq!(significant_step(20.0, 1.0), 10.0);
        assert_eq!(significant_step(100_000.0, 1.0), 100_000.0);
        assert_eq!(significant_step(3.7e6, 1e5), 1e5);
        assert_eq!(significant_step(2.06, 0.01), 0.01);
        assert_eq!(significant_step(0.0, 1.0), 1.0);
        assert_eq!(significant_step(20.0, 0.0), f64::INFINITY);
    }
}
