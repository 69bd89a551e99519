//! Inline SVG charts of one quantity. Horizontal positions are percentages of the chart's width
//! and text sizes are pixels, so a chart fills a laptop or a phone screen without its labels
//! shrinking. Every value goes through [`esc`](super::html::esc).
//!
//! - Interval chart (conflicts): a shared value axis, one bar per claim from its hedge
//!   interval, earliest claim on top, an arrow where a hedge is open-ended ("more than").
//! - Timeline (updates): dates across, values up; each claim a vertical bar of its interval.
//!   Office holders: one lane per person.

use super::html::esc;
use super::summary::{cluster_label, cluster_range};
use crate::compare::{claim_date, interval, Config, QuantitySummary};
use crate::extract::comparison_unit;
use crate::index::ClaimRecord;
use std::fmt::Write;

/// Colour-blind-safe colours (Okabe and Ito), one per cluster, always with the cluster's
/// letter beside it so colour is never the only cue.
pub const PALETTE: &[&str] = &["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"];

pub fn colour(cluster: usize) -> &'static str {
    PALETTE[cluster % PALETTE.len()]
}

/// Most rows a chart draws; the evidence list says how many were left out.
pub const MAX_ROWS: usize = 40;

/// One claim as drawn.
struct Row {
    rec: usize,
    cluster: usize,
    lo: f64,
    hi: f64,
}

/// A value scale: linear, or logarithmic when positive values span more than 50x.
struct Scale {
    lo: f64,
    hi: f64,
    log: bool,
}

impl Scale {
    fn fit(values: impl Iterator<Item = f64>) -> Option<Scale> {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if !lo.is_finite() {
            return None;
        }
        let log = lo > 0.0 && hi / lo > 50.0;
        if log {
            return Some(Scale { lo: lo.log10().floor(), hi: hi.log10().ceil().max(lo.log10().floor() + 1.0), log });
        }
        let pad = if hi > lo { (hi - lo) * 0.08 } else { hi.abs().max(1.0) * 0.1 };
        let lo = if lo >= 0.0 && lo - pad < 0.0 { 0.0 } else { lo - pad };
        Some(Scale { lo, hi: hi + pad, log })
    }

    /// Position in 0..1 (clamped).
    fn at(&self, v: f64) -> f64 {
        let v = if self.log { v.max(f64::MIN_POSITIVE).log10() } else { v };
        ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }

    /// About five round tick values.
    fn ticks(&self) -> Vec<f64> {
        if self.log {
            return (self.lo as i64..=self.hi as i64).map(|e| 10f64.powi(e as i32)).collect();
        }
        let span = self.hi - self.lo;
        let raw = span / 5.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| span / s <= 8.0).unwrap_or(10.0 * mag);
        let mut t = (self.lo / step).ceil() * step;
        let mut out = Vec::new();
        while t <= self.hi + step * 1e-9 && out.len() < 12 {
            out.push(t);
            t += step;
        }
        out
    }
}

/// A tick or bound as text: 1.2M, 45k, 19.5.
fn short(v: f64) -> String {
    let a = v.abs();
    let (x, suffix) = if a >= 1e9 { (v / 1e9, "B") } else if a >= 1e6 { (v / 1e6, "M") } else if a >= 1e4 { (v / 1e3, "k") } else { (v, "") };
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{suffix}")
}

/// Percent of the plot area, left and right margins kept for arrows and letters.
fn pct(f: f64) -> f64 {
    3.0 + f * 92.0
}

fn rows(q: &QuantitySummary, recs: &[ClaimRecord], config: &Config) -> Vec<Row> {
    let mut out = Vec::new();
    for (ci, c) in q.clusters.iter().enumerate() {
        for &m in &c.members {
            let cl = &recs[m].claim;
            let iv = interval(&cl.quantity, &config.for_metric(&cl.metric), comparison_unit(&cl.quantity.unit).1);
            let (lo, hi) = iv.map_or((f64::NAN, f64::NAN), |i| (i.lo, i.hi));
            out.push(Row { rec: m, cluster: ci, lo, hi });
        }
    }
    // Earliest first; undated last.
    out.sort_by_key(|r| (claim_date(&recs[r.rec]).is_none(), claim_date(&recs[r.rec]), r.rec));
    out
}

/// Days since 1970-01-01.
fn day_number(d: jiff::civil::Date) -> Option<i64> {
    jiff::civil::date(1970, 1, 1).until(d).ok().map(|span| i64::from(span.get_days()))
}

fn day_date(n: i64) -> Option<jiff::civil::Date> {
    jiff::civil::date(1970, 1, 1).checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}

fn outlet(r: &ClaimRecord) -> &str {
    r.source.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("unknown outlet")
}

fn date_text(r: &ClaimRecord) -> String {
    claim_date(r).map_or_else(|| "date unknown".into(), |d| d.to_string())
}

/// The chart of one quantity: a timeline for updates and offices, else an interval chart.
pub fn chart(q: &QuantitySummary, recs: &[ClaimRecord], config: &Config) -> String {
    let rows = rows(q, recs, config);
    let offices = q.clusters.iter().any(|c| c.person.is_some());
    let dated = rows.iter().filter(|r| claim_date(&recs[r.rec]).is_some()).count();
    if offices || (q.verdict == crate::compare::Verdict::Update && dated >= 2) {
        timeline(q, &rows, recs, offices)
    } else {
        interval_chart(q, &rows, recs)
    }
}

fn interval_chart(q: &QuantitySummary, rows: &[Row], recs: &[ClaimRecord]) -> String {
    let shown = &rows[..rows.len().min(MAX_ROWS)];
    let Some(scale) = Scale::fit(shown.iter().flat_map(|r| [r.lo, r.hi])) else {
        return String::new();
    };
    const ROW: f64 = 38.0;
    const TOP: f64 = 8.0;
    let axis_y = TOP + ROW * shown.len() as f64 + 6.0;
    let height = axis_y + 24.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart interval" width="100%" height="{height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        esc(&format!("Interval chart of {} claims about {}, {} clusters", rows.len(), q.key.metric, q.clusters.len()))
    );
    // Grid and ticks.
    for t in scale.ticks() {
        let x = pct(scale.at(t));
        let _ = write!(s, r#"<line class="grid" x1="{x:.2}%" x2="{x:.2}%" y1="{TOP}" y2="{axis_y}"/><text class="tick" x="{x:.2}%" y="{}" text-anchor="middle">{}</text>"#, axis_y + 16.0, esc(&short(t)));
    }
    let _ = write!(s, r#"<line class="axis" x1="3%" x2="95%" y1="{axis_y}" y2="{axis_y}"/>"#);
    for (i, r) in shown.iter().enumerate() {
        let rec = &recs[r.rec];
        let y = TOP + ROW * i as f64;
        let label = format!("{} · {}", truncate(outlet(rec), 26), date_text(rec));
        let _ = write!(s, r#"<text class="lab" x="3%" y="{}">{}</text>"#, y + 11.0, esc(&label));
        let _ = write!(s, r#"<text class="val" x="95%" y="{}" text-anchor="end">{}</text>"#, y + 11.0, esc(&truncate(&rec.claim.quantity.text, 26)));
        if r.lo.is_nan() {
            continue;
        }
        let (x0, x1) = (pct(scale.at(r.lo)), pct(scale.at(r.hi)));
        let by = y + 17.0;
        let c = colour(r.cluster);
        let w = (x1 - x0).max(0.4);
        let _ = write!(s, r#"<rect x="{x0:.2}%" y="{by}" width="{w:.2}%" height="10" rx="2" fill="{c}"><title>{}</title></rect>"#, esc(&format!("{}: {} = [{}, {}]", outlet(rec), rec.claim.quantity.text, short(r.lo), if r.hi.is_finite() { short(r.hi) } else { "∞".into() })));
        // Open ends become arrows past the axis.
        if r.hi.is_infinite() {
            let _ = write!(s, r#"<svg x="95%" y="{}" overflow="visible"><polygon points="0,0 10,8 0,16" fill="{c}"/></svg>"#, by - 3.0);
        }
        if r.lo.is_infinite() {
            let _ = write!(s, r#"<svg x="3%" y="{}" overflow="visible"><polygon points="0,0 -10,8 0,16" fill="{c}"/></svg>"#, by - 3.0);
        }
        // The cluster letter beside the bar: colour is never the only cue.
        let _ = write!(s, r#"<text class="letter" x="{:.2}%" y="{}" dx="4" fill="{c}">{}</text>"#, (x0 + w).min(97.0), by + 9.5, cluster_label(r.cluster));
    }
    s.push_str("</svg>");
    s
}

/// Dates across a timeline: claims' day numbers to percentages; undated ones in a gutter.
struct TimeAxis {
    d0: i64,
    d1: i64,
    undated: bool,
}

impl TimeAxis {
    fn of(days: &[Option<i64>]) -> TimeAxis {
        let (d0, d1) = days.iter().flatten().fold((i64::MAX, i64::MIN), |(a, b), &d| (a.min(d), b.max(d)));
        TimeAxis { d0, d1, undated: days.iter().any(Option::is_none) }
    }

    /// Left margin for the value ticks (and the undated gutter), right margin for labels.
    fn x(&self, d: Option<i64>) -> f64 {
        let left = if self.undated { 22.0 } else { 12.0 };
        match d {
            Some(d) if self.d1 > self.d0 => left + (d - self.d0) as f64 / (self.d1 - self.d0) as f64 * (90.0 - left),
            Some(_) => (left + 90.0) / 2.0,
            None => 13.0,
        }
    }

    /// The axis line and its date labels (first, middle, last).
    fn draw(&self, s: &mut String, axis_y: f64) {
        let _ = write!(s, r#"<line class="axis" x1="3%" x2="97%" y1="{axis_y}" y2="{axis_y}"/>"#);
        let mut ticks = Vec::new();
        if self.d0 <= self.d1 {
            ticks.push(self.d0);
            if self.d1 - self.d0 > 20 {
                ticks.push(self.d0 + (self.d1 - self.d0) / 2);
            }
            if self.d1 > self.d0 {
                ticks.push(self.d1);
            }
        }
        for d in ticks {
            let label = day_date(d).map(|x| x.to_string()).unwrap_or_default();
            let _ = write!(s, r#"<text class="tick" x="{:.2}%" y="{}" text-anchor="middle">{}</text>"#, self.x(Some(d)), axis_y + 17.0, esc(&label));
        }
        if self.undated {
            let _ = write!(s, r#"<text class="tick" x="13%" y="{}" text-anchor="middle">undated</text>"#, axis_y + 17.0);
        }
    }
}

/// A claim's hover text.
fn tip(rec: &ClaimRecord) -> String {
    format!("{} · {} · {}", outlet(rec), date_text(rec), rec.claim.quantity.text)
}

fn timeline(q: &QuantitySummary, rows: &[Row], recs: &[ClaimRecord], offices: bool) -> String {
    let shown = &rows[..rows.len().min(MAX_ROWS)];
    let days: Vec<Option<i64>> = shown.iter().map(|r| claim_date(&recs[r.rec]).and_then(day_number)).collect();
    let axis = TimeAxis::of(&days);
    let plot_h = if offices { 36.0 * q.clusters.len() as f64 } else { 170.0 };
    let axis_y = TOP + plot_h + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart timeline" width="100%" height="{}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        axis_y + 26.0,
        esc(&format!("Timeline of {} claims about {}: how the figure changed", rows.len(), q.key.metric))
    );
    axis.draw(&mut s, axis_y);
    if offices {
        office_lanes(&mut s, q, shown, &days, &axis, recs);
    } else {
        value_bars(&mut s, shown, &days, &axis, recs, plot_h);
    }
    s.push_str("</svg>");
    s
}

/// Top of a timeline's plot area.
const TOP: f64 = 22.0;

/// Office holders: one lane per person, a dot per claim.
fn office_lanes(s: &mut String, q: &QuantitySummary, shown: &[Row], days: &[Option<i64>], axis: &TimeAxis, recs: &[ClaimRecord]) {
    for (ci, c) in q.clusters.iter().enumerate() {
        let y = TOP + 36.0 * ci as f64 + 18.0;
        let _ = write!(s, r#"<line class="lane" x1="3%" x2="97%" y1="{y}" y2="{y}" stroke="{}"/>"#, colour(ci));
        let name = format!("{} {}", cluster_label(ci), cluster_range(c));
        let _ = write!(s, r#"<text class="lab" x="3%" y="{}" fill="{}">{}</text>"#, y - 7.0, colour(ci), esc(&truncate(&name, 40)));
    }
    for (r, d) in shown.iter().zip(days) {
        let y = TOP + 36.0 * r.cluster as f64 + 18.0;
        let x = axis.x(*d);
        let rec = &recs[r.rec];
        let _ = write!(s, r#"<circle cx="{x:.2}%" cy="{y}" r="6" fill="{}"><title>{}</title></circle>"#, colour(r.cluster), esc(&tip(rec)));
        let _ = write!(s, r#"<text class="val" x="{x:.2}%" y="{}" text-anchor="middle">{}</text>"#, y + 17.0, esc(&truncate(outlet(rec), 18)));
    }
}

/// Figures: values up, a vertical bar per claim's interval, a dotted line in time order.
fn value_bars(s: &mut String, shown: &[Row], days: &[Option<i64>], axis: &TimeAxis, recs: &[ClaimRecord], plot_h: f64) {
    let Some(scale) = Scale::fit(shown.iter().flat_map(|r| [r.lo, r.hi])) else {
        return;
    };
    let y_of = |v: f64| TOP + plot_h - scale.at(v) * plot_h;
    for t in scale.ticks() {
        let y = y_of(t);
        let _ = write!(s, r#"<line class="grid" x1="8%" x2="97%" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="7%" y="{:.1}" text-anchor="end">{}</text>"#, y + 4.0, esc(&short(t)));
    }
    let mut path: Vec<(f64, f64)> = Vec::new();
    for (r, d) in shown.iter().zip(days) {
        if r.lo.is_nan() {
            continue;
        }
        let x = axis.x(*d);
        let rec = &recs[r.rec];
        let c = colour(r.cluster);
        let (top, bottom) = (y_of(r.hi), y_of(r.lo));
        let _ = write!(s, r#"<line x1="{x:.2}%" x2="{x:.2}%" y1="{top:.1}" y2="{bottom:.1}" stroke="{c}" stroke-width="8" stroke-linecap="round"><title>{}</title></line>"#, esc(&tip(rec)));
        if r.hi.is_infinite() {
            let _ = write!(s, r#"<svg x="{x:.2}%" y="{top:.1}" overflow="visible"><polygon points="-8,0 0,-10 8,0" fill="{c}"/></svg>"#);
        }
        let mid = (top + bottom) / 2.0;
        let _ = write!(s, r#"<text class="letter" x="{x:.2}%" y="{:.1}" dx="7" fill="{c}">{}</text>"#, mid + 4.0, cluster_label(r.cluster));
        let _ = write!(s, r#"<text class="val" x="{x:.2}%" y="{:.1}" text-anchor="middle">{}</text>"#, (top - 6.0).max(10.0), esc(&truncate(outlet(rec), 18)));
        if d.is_some() {
            path.push((x, mid));
        }
    }
    for w in path.windows(2) {
        let _ = write!(s, r#"<line class="trend" x1="{:.2}%" y1="{:.1}" x2="{:.2}%" y2="{:.1}"/>"#, w[0].0, w[0].1, w[1].0, w[1].1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_ticks_are_round() {
        let s = Scale::fit([17.1, 19.0, 22.5, 27.5].into_iter()).unwrap();
        assert!(!s.log && s.lo <= 17.1 && s.hi >= 27.5);
        let t = s.ticks();
        assert!(t.len() >= 3 && t.len() <= 9, "{t:?}");
        assert!(t.iter().all(|v| (v / 2.0).fract() == 0.0), "{t:?}");
        let wide = Scale::fit([100.0, 250_000.0].into_iter()).unwrap();
        assert!(wide.log);
        assert_eq!(wide.ticks().first(), Some(&100.0));
        assert!(Scale::fit([f64::INFINITY].into_iter()).is_none());
        assert_eq!(short(1_200_000.0), "1.2M");
        assert_eq!(short(19.5), "19.5");
    }
}
