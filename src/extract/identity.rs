//! The identity of a claim: which quantity it speaks about. Two claims are compared only when
//! every part of their identity is established and equal on both sides:
//!
//! | part | what | missing when |
//! |---|---|---|
//! | metric | lexicon metric (`casualties`, `territory_share`, ...) | only a generic one (`count`, `share`, `amount`, `duration`, ...) |
//! | measure | finer measure and population ("killed civilians") | the metric has measures and none is named; a running count names no population |
//! | holder / scope | whose figure, and what part of the world it covers | neither is named |
//! | kind | level, cumulative, change, rate (with its period), event | a running count with no cue for total or event |
//! | modality | stated and target figures are compared; proposals, forecasts, hypotheticals and historical figures never | — |
//! | time | as-of date (a stated year or month compares only with the same period) | never: without a date a pair can only agree, or be a revision the text states |
//!
//! The meaning step records the missing parts on each claim ([`Claim::missing`]), so a user
//! sees why a figure was not compared.

use super::lexicon::{unit_family, Lexicon};
use super::meaning::generic_for;
use super::{comparison_unit, Claim, FigureKind, Hedge, Modality, TimeBasis};

/// Fill `claim.missing` with the identity parts the text does not establish.
pub fn mark_missing(claim: &mut Claim, lex: &Lexicon) {
    // Parts the meaning step already found missing stay.
    let earlier = std::mem::take(&mut claim.missing);
    let mut missing: Vec<&str> = earlier.iter().map(String::as_str).collect();
    let q = &claim.quantity;
    if q.unit == "person" {
        let unique = lex.offices.iter().find(|o| claim.metric.strip_prefix("office:") == Some(o.key.as_str())).is_none_or(|o| o.unique);
        if !unique {
            missing.push("unique office");
        }
        if claim.holder.is_empty() {
            missing.push("holder");
        }
        if claim.person.is_none() {
            missing.push("person");
        }
    } else {
        let metric = lex.metric(&claim.metric);
        match metric {
            None => missing.push("metric"),
            Some(m) => {
                if !m.measures.is_empty() && claim.measure.is_empty() {
                    missing.push("measure");
                }
                let population_known = lex.identity.populations.iter().any(|p| claim.measure == *p || claim.measure.ends_with(&format!(" {p}")));
                if (m.running || m.requires.iter().any(|r| r == "population")) && q.unit == "count" && !population_known {
                    missing.push("population");
                }
                for part in &m.requires {
                    let absent = match part.as_str() {
                        "holder" => claim.holder.is_empty(),
                        "scope" => claim.scope.is_empty(),
                        _ => false, // "population" is checked above
                    };
                    if absent {
                        missing.push(part.as_str());
                    }
                }
                if !m.compare {
                    missing.push("comparable metric");
                }
            }
        }
        if claim.metric == generic_for(unit_family(&q.unit)) {
            missing.retain(|m| *m != "metric");
            missing.push("metric");
        }
        if claim.holder.is_empty() && claim.scope.is_empty() {
            missing.push("holder");
        }
        if claim.kind == FigureKind::Unknown {
            missing.push("kind");
        }
        // One event is only the same event in the same place.
        if claim.kind == FigureKind::Event && claim.scope.is_empty() {
            missing.push("event place");
        }
        if q.hedge == Hedge::Qualitative || (q.value.is_none() && q.lo.is_none() && q.hi.is_none()) {
            missing.push("value");
        }
    }
    claim.missing = missing.into_iter().map(str::to_string).collect();
}

/// Modalities whose figures are compared (with the same modality only). Historical figures
/// are not: "in 2014", "during the Cold War" date a figure too loosely to tell a conflict from
/// another era's figure.
pub fn comparable_modality(m: Modality) -> bool {
    matches!(m, Modality::Stated | Modality::Target)
}

impl Claim {
    /// The key of the quantity this claim speaks about: every identity part, so claims with
    /// equal keys speak about the same quantity. None when a part is missing or the modality
    /// is never compared (proposal, forecast, hypothetical). The index stores the key, so
    /// `check` finds the same quantity with one term.
    pub fn group_key(&self) -> Option<String> {
        if !self.missing.is_empty() || !comparable_modality(self.modality) {
            return None;
        }
        let q = &self.quantity;
        if q.unit == "person" {
            return Some(format!("{}|{}|{}", self.metric, self.holder, self.modality.as_str()));
        }
        let (unit, _) = comparison_unit(&q.unit);
        let period = match self.time_basis {
            TimeBasis::Stated | TimeBasis::Target => self.as_of.map(|d| format!("@{d}")).unwrap_or_default(),
            _ => String::new(),
        };
        Some(format!(
            "{}|{}|{}|{}|{}{}|{}|{}|{}",
            self.metric,
            self.measure,
            self.holder,
            self.scope,
            self.kind.as_str(),
            self.per.as_deref().map(|p| format!("/{p}")).unwrap_or_default(),
            self.modality.as_str(),
            unit,
            period
        ))
    }

    /// The identity parts in words, for explanations: "casualties (killed civilians) of
    /// Ukraine, cumulative".
    pub fn identity_words(&self) -> String {
        let mut s = self.metric.clone();
        if !self.measure.is_empty() {
            s.push_str(&format!(" ({})", self.measure));
        }
        if !self.holder.is_empty() {
            s.push_str(&format!(" of {}", self.holder));
        }
        if self.scope.starts_with("from ") || self.scope.starts_with("to ") {
            s.push_str(&format!(" {}", self.scope));
        } else if !self.scope.is_empty() {
            s.push_str(&format!(" in {}", self.scope));
        }
        s.push_str(&format!(", {}", self.kind.as_str()));
        if let Some(p) = &self.per {
            s.push_str(&format!(" per {p}"));
        }
        if self.modality != Modality::Stated {
            s.push_str(&format!(", {}", self.modality.as_str()));
        }
        s
    }
}
