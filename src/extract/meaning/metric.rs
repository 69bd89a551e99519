//! What a figure measures: its metric (from the nearest unit-compatible cue, or a generic one
//! from its unit), its finer measure (killed vs wounded) and the population it counts
//! (civilians, children, troops, people).

use super::super::lexicon::{unit_family, Metric};
use super::super::quantity::lexicon::phrase_key;
use super::context::{is_clause_break, Sent};
use crate::extract::Quantity;

/// Generic metric names for a unit family, used when no cue names the metric.
pub(crate) fn generic_for(family: &str) -> &'static str {
    match family {
        "percent" => "share",
        "percentage_point" => "change",
        "money" => "amount",
        "time" => "duration",
        "distance" => "distance",
        "area" => "area",
        _ => "count",
    }
}

/// The metric's index in the lexicon (None: generic) and the measure within it.
pub(super) struct MetricChoice {
    pub metric: Option<usize>,
    pub name: String,
    pub measure: String,
}

impl Sent<'_> {
    /// Nearest unit-compatible cue; counts with a noun take their metric from the noun.
    pub fn metric_for(&self, q: &Quantity, qa: usize, qb: usize) -> MetricChoice {
        let family = unit_family(&q.unit);
        let lex = self.lex;
        let admits = |m: usize| lex.metrics.get(m).is_some_and(|x| x.units.iter().any(|u| u == family));
        let (wa, wb) = (qa.saturating_sub(20), (qb + 20).min(self.toks.len()));
        let mut best: Option<(usize, usize, i32)> = None; // (metric, distance, priority)
        for c in super::context::starting_in(&self.cues, |h| h.start, wa, wb).iter().filter(|c| c.end <= wb && admits(c.owner)) {
            let d = if c.start >= qb { c.start - qb } else { qa.saturating_sub(c.end) };
            let m = &lex.metrics[c.owner];
            // A counted noun names what is counted: only cues in or right next to it count.
            if family == "count" && q.noun.is_some() && d > m.noun_reach {
                continue;
            }
            // A bare count takes its metric from a predicate right after it ("1,500 were
            // injured") or a noun right before it ("a death toll of 300"), not from a noun
            // elsewhere in the clause.
            if family == "count" && q.noun.is_none() && ((c.start >= qb && d > 3) || (c.end <= qa && d > 3)) {
                continue;
            }
            // Clause breaks between cue and number weaken the link.
            let d = d + 4 * self.breaks_between(c.start.min(qa), c.end.max(qb));
            let better = |(_, bd, bp): (usize, usize, i32)| m.priority > bp || (m.priority == bp && d < bd);
            if d <= 14 && best.is_none_or(better) {
                best = Some((c.owner, d, m.priority));
            }
        }
        if let Some((m, _, _)) = best {
            let metric = &lex.metrics[m];
            let measure = self.measure_for(metric, qa, qb);
            return MetricChoice { metric: Some(m), name: metric.name.clone(), measure };
        }
        let measure = match &q.noun {
            Some(n) => singular(n.split(' ').next_back().unwrap_or(n)),
            None => self.of_phrase(qb).unwrap_or_default(),
        };
        MetricChoice { metric: None, name: generic_for(family).to_string(), measure }
    }

    /// The metric's finer measure whose cue stands nearest the number; several different
    /// measures named together ("killed, wounded or captured") make the metric's composite.
    fn measure_for(&self, metric: &Metric, qa: usize, qb: usize) -> String {
        let (wa, wb) = (qa.saturating_sub(16), (qb + 16).min(self.toks.len()));
        let mut best: Option<(&str, usize, usize, usize)> = None; // (name, distance, start, end)
        let mut found: Vec<(&str, usize, usize)> = Vec::new();
        for (name, cues) in &metric.measures {
            for cue in cues {
                let key = phrase_key(cue);
                let words: Vec<&str> = key.split(' ').collect();
                let n = words.len();
                for i in wa..wb.saturating_sub(n - 1) {
                    let hit = words.iter().enumerate().all(|(d, w)| self.toks.get(i + d).is_some_and(|t| t.base() == *w));
                    if hit {
                        found.push((name, i, i + n));
                        // A cue after the number is its predicate ("1,500 were injured"): it wins ties.
                        let d = if i >= qb { 2 * (i - qb) } else if i + n <= qa { 2 * (qa - i - n) + 1 } else { 0 };
                        // Ties go to the longer cue ("displaced within" over "displaced").
                        if best.is_none_or(|(_, bd, bs, be)| d < bd || (d == bd && i == bs && i + n > be)) {
                            best = Some((name, d, i, i + n));
                        }
                    }
                }
            }
        }
        let Some((name, _, s, e)) = best else { return String::new() };
        if let Some(composite) = &metric.composite {
            if self.coordinated(&found, name, s, e) {
                return composite.clone();
            }
        }
        name.to_string()
    }

    /// Another measure joined to the one at [s, e) by "and", "or" or a comma only.
    fn coordinated(&self, found: &[(&str, usize, usize)], name: &str, s: usize, e: usize) -> bool {
        let joiner = |a: usize, b: usize| a < b && b - a <= 3 && self.toks[a..b].iter().all(|t| matches!(t.low.as_str(), "," | "and" | "or" | "/" | "and/or"));
        found.iter().any(|&(n, a, b)| n != name && (joiner(e, a) || joiner(b, s)))
    }

    /// The population a count is of, from its noun and the words that narrow it, or from the
    /// words just before the number ("the civilian death toll of 4,000").
    pub fn population_for(&self, q: &Quantity, qa: usize, qb: usize) -> Option<String> {
        let id = &self.lex.identity;
        let of_words = |words: &[&str]| -> Option<usize> {
            let toks = super::super::quantity::tokens::tokenize(&words.join(" "));
            (0..toks.len()).filter_map(|i| id.population_words.longest_at(&toks, i)).map(|(o, _)| o).min()
        };
        let mut words: Vec<&str> = q.noun_mods.iter().map(String::as_str).collect();
        if let Some(n) = &q.noun {
            words.push(n.as_str());
        }
        if let Some(p) = of_words(&words) {
            return Some(id.populations[p].clone());
        }
        // A counted noun that is neither a population nor the metric's own noun names
        // something else: "150 helicopters", "two sons".
        if let Some(n) = &q.noun {
            let head = n.split(' ').next_back().unwrap_or(n);
            if !self.lex.cue_index.contains_key(head) {
                return None;
            }
        }
        // Words inside the quantity's span (the noun phrase as written) and just before it.
        let from = qa.saturating_sub(4);
        let mut best: Option<usize> = None;
        let mut i = qb;
        while i > from {
            i -= 1;
            if is_clause_break(&self.toks[i]) || (i < qa && (self.toks[i].kind == super::super::quantity::tokens::Kind::Num || self.toks[i].low == ",")) {
                break;
            }
            if let Some((o, _)) = id.population_words.longest_at(self.toks, i) {
                best = Some(best.map_or(o, |b| b.min(o)));
            }
        }
        // "4,000 of them civilians", "2,000, most of them children": just after.
        for j in qb..(qb + 5).min(self.toks.len()) {
            if is_clause_break(&self.toks[j]) || self.toks[j].kind == super::super::quantity::tokens::Kind::Num {
                break;
            }
            if let Some((o, _)) = id.population_words.longest_at(self.toks, j) {
                let after_of = j > qb && self.toks[qb].low == "of";
                if after_of || self.toks[qb..j].iter().any(|t| t.low == "them") {
                    best = Some(best.map_or(o, |b| b.min(o)));
                }
                break;
            }
        }
        best.map(|p| id.populations[p].clone())
    }

    /// "40% of voters" -> "voter": the head noun after "of" within a few words.
    fn of_phrase(&self, qb: usize) -> Option<String> {
        if self.word(qb) != "of" {
            return None;
        }
        self.toks
            .get(qb + 1..(qb + 5).min(self.toks.len()))
            .unwrap_or_default()
            .iter()
            .find(|t| t.kind == super::super::quantity::tokens::Kind::Word && !matches!(t.low.as_str(), "the" | "a" | "an" | "its" | "their" | "all" | "his" | "her"))
            .map(|t| singular(t.base()))
    }

    pub fn breaks_between(&self, a: usize, b: usize) -> usize {
        let n = self.toks.len();
        self.toks.get(a.min(n)..b.min(n)).unwrap_or_default().iter().filter(|t| is_clause_break(t)).count()
    }
}

/// Crude English singular for grouping keys: "regions" -> "region", "casualties" -> "casualty".
pub(super) fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() <= 3 {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}
