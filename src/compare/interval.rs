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

/// Units that cannot be negative: an upper bound starts at zero.
fn non_negative(unit: &str) -> bool {
    unit != "percentage_point"
}

/// The interval a quantity's hedge and stated precision imply. `scale` converts to the
/// comparison unit (durations are compared in days). None when the quantity has no number.
pub fn interval(q: &Quantity, tol: &Tolerance, scale: f64) -> Option<Interval> {
    let floor = if non_negative(&q.unit) { 0.0 } else { f64::NEG_INFINITY };
    let iv = match q.hedge {
        Hedge::Qualitative => return None,
        Hedge::Range => Interval { lo: q.lo.unwrap_or(floor), hi: q.hi.unwrap_or(f64::INFINITY) },
        Hedge::Lower => Interval { lo: q.lo.or(q.value)?, hi: f64::INFINITY },
        Hedge::Upper => Interval { lo: floor, hi: q.hi.or(q.value)? },
        Hedge::Approx => {
            let v = q.value?;
            let w = (v.abs() * tol.approx_rel).max(q.precision.map_or(0.0, |p| p.half_step));
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
            let w = q.precision.map_or(0.0, |p| p.half_step) + v.abs() * tol.exact_rel;
            Interval { lo: v - w, hi: v + w }
        }
    };
    Some(Interval { lo: iv.lo * scale, hi: iv.hi * scale })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{quantities, Quantity};

    fn tol() -> Tolerance {
        Tolerance { approx_rel: 0.1, near_rel: 0.1, exact_rel: 0.0, same_time_days: 31, max_pairs: 50 }
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
        let near = iv("It holds nearly 19% of it.");
        assert!((near.lo - 17.1).abs() < 1e-9 && near.hi == 19.0);
        let fifth = iv("It holds approximately one-fifth of the land.");
        assert!((fifth.lo - 18.0).abs() < 1e-9 && (fifth.hi - 22.0).abs() < 1e-9);
        assert_eq!(iv("More than 1 million people fled."), Interval { lo: 1e6, hi: f64::INFINITY });
        assert_eq!(iv("Hundreds of thousands fled."), Interval { lo: 1e5, hi: 999_999.0 });
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
