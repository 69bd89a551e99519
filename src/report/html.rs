//! The HTML evidence report: one self-contained file (inline CSS and SVG; no scripts, fonts or
//! anything else from the network; a Content-Security-Policy that forbids scripts), readable
//! offline on a laptop or a phone.
//!
//! The page is written with `write!` and one rule: every piece of article or user text goes
//! through [`esc`] (links through [`safe_url`] as well). That is the whole templating; a
//! template engine would add a dependency for a page with four repeated parts.

use super::chart::{chart, colour, MAX_ROWS};
use super::summary::{cluster_label, cluster_range};
use crate::compare::{claim_date, Config, QuantitySummary, Verdict};
use crate::index::ClaimRecord;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write;

/// Text made safe for HTML content and attribute values.
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A link target only when it is a plain web address (no `javascript:` or `data:`).
pub fn safe_url(u: &str) -> Option<&str> {
    let t = u.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    ((lower.starts_with("http://") || lower.starts_with("https://")) && !t.contains(char::is_whitespace)).then_some(t)
}

/// What the page shows.
pub struct Page<'a> {
    pub title: &'a str,
    /// One line under the title (index, filters).
    pub subtitle: String,
    pub quantities: &'a [QuantitySummary],
    pub records: &'a [ClaimRecord],
    pub config: &'a Config,
    /// Quantities found before a limit was applied.
    pub total_quantities: usize,
}

const CSS: &str = r#"
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--card:#f6f8fa;--conflict:#a4330b;--update:#0b5394}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.2em 0}h2{font-size:1.25rem;margin:0 0 .3em}h3{font-size:1rem;margin:1em 0 .4em}
.sub{color:var(--muted);margin:0 0 1em}
.overview{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:0 0 1.2em;padding:0}
.overview div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.overview dt{font-size:.8rem;color:var(--muted)}.overview dd{margin:0;font-size:1.3rem;font-weight:600}
nav ol{padding-left:1.4em}nav li{margin:.15em 0}
.quantity{border:1px solid var(--line);border-radius:10px;padding:14px;margin:18px 0;overflow-wrap:anywhere}
.facts{color:var(--muted);margin:.1em 0 .6em;font-size:.9rem}
.badge{display:inline-block;font-size:.8rem;font-weight:700;letter-spacing:.02em;padding:1px 8px;border-radius:10px;color:#fff;vertical-align:middle}
.badge.conflict{background:var(--conflict)}.badge.update{background:var(--update)}
.badge.conflict::before{content:"\2260  "}.badge.update::before{content:"\2192  "}
svg.chart{display:block;margin:8px 0;overflow:visible;font-size:12px}
svg .lab{fill:var(--ink);font-weight:600}svg .val{fill:var(--muted)}svg .tick{fill:var(--muted);font-size:11px}
svg .grid{stroke:#eaeef2}svg .axis{stroke:#8c959f}svg .lane{stroke-opacity:.35;stroke-width:2}
svg .letter{font-weight:700;font-size:12px}svg .trend{stroke:#8c959f;stroke-dasharray:3 4}
.legend{list-style:none;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:.9rem}
.key{display:inline-block;min-width:1.5em;text-align:center;border-radius:4px;color:#fff;font-weight:700;margin-right:4px}
.claims,.verdicts{list-style:none;padding:0;margin:0}
.claims li,.verdicts li{border-top:1px solid var(--line);padding:8px 0}
.who{font-size:.9rem;color:var(--muted)}.who b{color:var(--ink)}
blockquote{margin:.25em 0 0;padding-left:10px;border-left:3px solid var(--line)}
mark{background:#fff2a8;color:inherit;font-weight:700;padding:0 2px;border-radius:2px}
.why{color:var(--muted);font-size:.9rem}.more{color:var(--muted);font-style:italic}
a{color:#0550ae}
@media (max-width:600px){main{padding:10px}.quantity{padding:10px}h1{font-size:1.3rem}}
"#;

/// The page, written to `out`.
pub fn write_html<W: Write>(mut out: W, page: &Page<'_>) -> std::io::Result<()> {
    out.write_all(render(page).as_bytes())?;
    out.flush()
}

/// The page as a string.
pub fn render(page: &Page<'_>) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<title>{}</title><style>{CSS}</style></head><body><main>",
        esc(page.title)
    );
    let _ = write!(s, "<h1>{}</h1><p class=\"sub\">{}</p>", esc(page.title), esc(&page.subtitle));
    overview(&mut s, page);
    if page.quantities.is_empty() {
        s.push_str("<p>No quantity is in conflict or updated.</p>");
    } else {
        contents(&mut s, page);
        for (i, q) in page.quantities.iter().enumerate() {
            quantity(&mut s, page, i, q);
        }
    }
    s.push_str("<footer class=\"sub\">Made by crosscheck. Intervals are read from each figure's hedge (\"nearly\", \"more than\") and stated precision; the tolerances are in config/compare.toml.</footer></main></body></html>\n");
    s
}

fn overview(s: &mut String, page: &Page<'_>) {
    let qs = page.quantities;
    let conflicts = qs.iter().filter(|q| q.verdict == Verdict::Conflict).count();
    let mut outlets: HashSet<String> = HashSet::new();
    for q in qs {
        for c in &q.clusters {
            outlets.extend(c.outlets.iter().filter(|o| *o != "?").map(|o| o.to_lowercase()));
        }
    }
    let first = qs.iter().filter_map(|q| q.first).min();
    let last = qs.iter().filter_map(|q| q.last).max();
    let range = match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "unknown".into(),
    };
    s.push_str("<dl class=\"overview\">");
    for (label, value) in [
        ("quantities in conflict", conflicts.to_string()),
        ("quantities updated", (qs.len() - conflicts).to_string()),
        ("outlets", outlets.len().to_string()),
        ("date range", range),
    ] {
        let _ = write!(s, "<div><dt>{}</dt><dd>{}</dd></div>", esc(label), esc(&value));
    }
    s.push_str("</dl>");
    if page.total_quantities > qs.len() {
        let _ = write!(s, "<p class=\"more\">Showing the {} highest-ranked of {} flagged quantities.</p>", qs.len(), page.total_quantities);
    }
}

fn title_of(q: &QuantitySummary) -> String {
    let k = &q.key;
    let mut t = k.metric.clone();
    if !k.measure.is_empty() {
        let _ = write!(t, " ({})", k.measure);
    }
    match (k.holder.as_str(), k.scope.as_str()) {
        ("", "") => {}
        (h, "") => {
            let _ = write!(t, " — {h}");
        }
        ("", sc) => {
            let _ = write!(t, " — in {sc}");
        }
        (h, sc) => {
            let _ = write!(t, " — {h}, in {sc}");
        }
    }
    t
}

fn contents(s: &mut String, page: &Page<'_>) {
    s.push_str("<nav aria-label=\"Quantities\"><h2>Quantities, most severe first</h2><ol>");
    for (i, q) in page.quantities.iter().enumerate() {
        let _ = write!(
            s,
            "<li><a href=\"#q{}\">{}</a> <span class=\"badge {}\">{}</span> <span class=\"who\">{} outlets, {} values</span></li>",
            i + 1,
            esc(&title_of(q)),
            q.verdict.as_str(),
            q.verdict.as_str(),
            q.outlets,
            q.clusters.len()
        );
    }
    s.push_str("</ol></nav>");
}

fn quantity(s: &mut String, page: &Page<'_>, i: usize, q: &QuantitySummary) {
    let recs = page.records;
    let _ = write!(s, "<section class=\"quantity\" id=\"q{}\"><h2><span class=\"badge {}\">{}</span> {}</h2>", i + 1, q.verdict.as_str(), q.verdict.as_str(), esc(&title_of(q)));
    let _ = write!(
        s,
        "<p class=\"facts\">{} · {} · {} claims from {} outlets · severity {:.3} · rank score {:.3}</p>",
        esc(q.key.kind.as_str()),
        esc(&q.key.unit),
        q.claims(),
        q.outlets,
        q.severity,
        q.score
    );
    s.push_str(&chart(q, recs, page.config));
    s.push_str("<ul class=\"legend\">");
    for (ci, c) in q.clusters.iter().enumerate() {
        let dates = match (c.first, c.last) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "date unknown".into(),
        };
        let _ = write!(
            s,
            "<li><span class=\"key\" style=\"background:{}\">{}</span>{} · {} claim{} · {} · {}</li>",
            colour(ci),
            cluster_label(ci),
            esc(&cluster_range(c)),
            c.members.len(),
            if c.members.len() == 1 { "" } else { "s" },
            esc(&c.outlets.iter().map(|o| if o == "?" { "unknown outlet" } else { o.as_str() }).collect::<Vec<_>>().join(", ")),
            esc(&dates)
        );
    }
    s.push_str("</ul>");
    // Evidence: every claim, earliest first.
    let mut members: Vec<(usize, usize)> = q.clusters.iter().enumerate().flat_map(|(ci, c)| c.members.iter().map(move |&m| (ci, m))).collect();
    members.sort_by_key(|&(_, m)| (claim_date(&recs[m]).is_none(), claim_date(&recs[m]), m));
    s.push_str("<h3>Evidence</h3><ul class=\"claims\">");
    for &(ci, m) in members.iter().take(MAX_ROWS) {
        claim_item(s, ci, &recs[m]);
    }
    s.push_str("</ul>");
    if members.len() > MAX_ROWS {
        let _ = write!(s, "<p class=\"more\">{} more claims not shown.</p>", members.len() - MAX_ROWS);
    }
    s.push_str("<h3>Verdicts and the rules that decided them</h3><ul class=\"verdicts\">");
    const MAX_PAIRS: usize = 20;
    for p in q.pairs.iter().take(MAX_PAIRS) {
        let side = |r: usize| {
            let rec = &recs[r];
            let letter = q.cluster_of(r).map(cluster_label).unwrap_or_default();
            format!("{letter} “{}” ({}, {})", rec.claim.quantity.text, rec.source.as_deref().unwrap_or("unknown outlet"), claim_date(rec).map_or_else(|| "date unknown".into(), |d| d.to_string()))
        };
        let _ = write!(
            s,
            "<li><span class=\"badge {}\">{}</span> {} <b>vs</b> {}<div class=\"why\">{}</div></li>",
            p.verdict.as_str(),
            p.verdict.as_str(),
            esc(&side(p.a)),
            esc(&side(p.b)),
            esc(&p.explanation)
        );
    }
    s.push_str("</ul>");
    if q.pairs.len() > MAX_PAIRS {
        let _ = write!(s, "<p class=\"more\">{} more flagged pairs not shown.</p>", q.pairs.len() - MAX_PAIRS);
    }
    s.push_str("</section>");
}

fn claim_item(s: &mut String, ci: usize, r: &ClaimRecord) {
    let date = claim_date(r).map_or_else(|| "date unknown".into(), |d| d.to_string());
    let _ = write!(s, "<li><div class=\"who\"><span class=\"key\" style=\"background:{}\">{}</span><b>{}</b> · {}", colour(ci), cluster_label(ci), esc(r.source.as_deref().unwrap_or("outlet unknown")), esc(&date));
    match r.url.as_deref().and_then(safe_url) {
        Some(u) => {
            let _ = write!(s, " · <a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", esc(u), esc(&short_url(u)));
        }
        None => {
            let _ = write!(s, " · {}:{}", esc(&r.doc), r.claim.quantity.start);
        }
    }
    let _ = write!(s, "</div><blockquote>{}</blockquote></li>", highlighted_sentence(r));
}

/// Host and path start of a link, for display.
fn short_url(u: &str) -> String {
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let mut t: String = rest.chars().take(60).collect();
    if rest.chars().count() > 60 {
        t.push('…');
    }
    t
}

/// The claim's sentence, escaped, with its figure in `<mark>`.
pub fn highlighted_sentence(r: &ClaimRecord) -> String {
    let sentence = &r.claim.sentence;
    let text = &r.claim.quantity.text;
    // Where the figure sits: its offset within the sentence when the spans line up, else the
    // first place the text occurs.
    let hint = r.claim.quantity.start.checked_sub(r.claim.sentence_start);
    let at = hint
        .filter(|&h| sentence.get(h..).is_some_and(|rest| rest.starts_with(text.as_str())))
        .or_else(|| if text.is_empty() { None } else { sentence.find(text.as_str()) });
    match at {
        Some(a) => format!("{}<mark>{}</mark>{}", esc(&sentence[..a]), esc(text), esc(&sentence[a + text.len()..])),
        None => esc(sentence).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(esc("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(esc("\"><img onerror=x>"), "&quot;&gt;&lt;img onerror=x&gt;");
        assert_eq!(esc("it's & fine"), "it&#39;s &amp; fine");
        assert!(matches!(esc("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(safe_url(" https://example.org/a?b=1 "), Some("https://example.org/a?b=1"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("https://x.org/a b"), None);
    }
}
