//! Comparison tolerances: `config/compare.toml` compiled in, overridable by a user file.

use serde::Deserialize;
use std::collections::BTreeMap;

const BUILTIN: &str = include_str!("../../config/compare.toml");

/// Tolerances for one metric (or the default).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    pub approx_rel: f64,
    pub approx_min_rel: f64,
    pub near_rel: f64,
    pub exact_rel: f64,
    pub exact_max_rel: f64,
    pub same_time_days: i64,
    /// Two different claimants' figures count as "the same time" up to this many times
    /// `same_time_days`: a disagreement between claimants lasts longer than one count moves.
    pub claimant_window: f64,
    /// Two figures more than this many times apart are not one quantity read right (one counts
    /// a part or an anecdote, or is misread): no row.
    pub max_ratio: f64,
    pub max_pairs: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialTolerance {
    approx_rel: Option<f64>,
    approx_min_rel: Option<f64>,
    near_rel: Option<f64>,
    exact_rel: Option<f64>,
    exact_max_rel: Option<f64>,
    same_time_days: Option<i64>,
    claimant_window: Option<f64>,
    max_ratio: Option<f64>,
    max_pairs: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    default: PartialTolerance,
    #[serde(default)]
    metric: BTreeMap<String, PartialTolerance>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub default: Tolerance,
    metric: BTreeMap<String, PartialTolerance>,
}

impl PartialTolerance {
    fn apply(&self, t: &mut Tolerance) {
        if let Some(v) = self.approx_rel {
            t.approx_rel = v;
        }
        if let Some(v) = self.approx_min_rel {
            t.approx_min_rel = v;
        }
        if let Some(v) = self.exact_max_rel {
            t.exact_max_rel = v;
        }
        if let Some(v) = self.near_rel {
            t.near_rel = v;
        }
        if let Some(v) = self.exact_rel {
            t.exact_rel = v;
        }
        if let Some(v) = self.same_time_days {
            t.same_time_days = v;
        }
        if let Some(v) = self.claimant_window {
            t.claimant_window = v;
        }
        if let Some(v) = self.max_ratio {
            t.max_ratio = v;
        }
        if let Some(v) = self.max_pairs {
            t.max_pairs = v;
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let mut c = Config {
            default: Tolerance { approx_rel: 0.1, approx_min_rel: 0.025, near_rel: 0.1, exact_rel: 0.01, exact_max_rel: 0.05, same_time_days: 31, claimant_window: 2.0, max_ratio: 100.0, max_pairs: 50 },
            metric: BTreeMap::new(),
        };
        // The built-in file is tested to parse.
        let _ = c.merge(BUILTIN);
        c
    }
}

impl Config {
    /// Built-in tolerances plus a user file.
    pub fn load(path: Option<&std::path::Path>) -> Result<Self, String> {
        let mut c = Config::default();
        if let Some(p) = path {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            c.merge(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        Ok(c)
    }

    fn merge(&mut self, text: &str) -> Result<(), String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string().replace('\n', " "))?;
        f.default.apply(&mut self.default);
        for (k, v) in f.metric {
            let slot = self.metric.entry(k).or_default();
            let pairs = [
                (&mut slot.approx_rel, v.approx_rel),
                (&mut slot.approx_min_rel, v.approx_min_rel),
                (&mut slot.near_rel, v.near_rel),
                (&mut slot.exact_rel, v.exact_rel),
                (&mut slot.exact_max_rel, v.exact_max_rel),
            ];
            for (dst, src) in pairs {
                if src.is_some() {
                    *dst = src;
                }
            }
            if v.same_time_days.is_some() {
                slot.same_time_days = v.same_time_days;
            }
            if v.claimant_window.is_some() {
                slot.claimant_window = v.claimant_window;
            }
            if v.max_ratio.is_some() {
                slot.max_ratio = v.max_ratio;
            }
            if v.max_pairs.is_some() {
                slot.max_pairs = v.max_pairs;
            }
        }
        Ok(())
    }

    /// Tolerances for a metric.
    pub fn for_metric(&self, metric: &str) -> Tolerance {
        let mut t = self.default;
        if let Some(p) = self.metric.get(metric) {
            p.apply(&mut t);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_overrides_apply() {
        let mut c = Config::default();
        c.merge(BUILTIN).unwrap();
        assert_eq!(c.for_metric("casualties").same_time_days, 7);
        assert_eq!(c.for_metric("territory_share").same_time_days, 0);
        assert_eq!(c.for_metric("troops").same_time_days, 1);
        assert_eq!(c.for_metric("aid_amount").same_time_days, 14, "unlisted metrics take the default");
        c.merge("[metric.territory_share]\napprox_rel = 0.2\n").unwrap();
        assert_eq!(c.for_metric("territory_share").approx_rel, 0.2);
        assert!(c.merge("[default]\napprox = 1\n").is_err(), "typos are reported");
    }
}
