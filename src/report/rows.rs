//! Typed rows: the one description of every machine-readable listing (claims, pairs, search
//! hits, articles). JSON Lines, CSV and Parquet are all written from these cells, so a column
//! has one name and one type whatever the format: numbers stay numbers, unknowns are null,
//! dates are dates.

use crate::compare::Pair;
use crate::extract::{ChangeRole, Direction, HolderBasis, TimeBasis};
use crate::index::{ClaimRecord, SearchHit};
use jiff::civil::Date;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text; null when unknown.
    Str,
    /// A whole number (byte offsets, ranks).
    Int,
    /// A floating-point number (values, bounds, severity, score).
    Float,
    /// A calendar date (YYYY-MM-DD in text formats, a date in Parquet).
    Date,
    /// A list of byte ranges (search highlights); JSON only.
    Spans,
}

/// One cell. `None` is an unknown value (JSON null, an empty CSV cell, a Parquet null).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Str(Option<std::borrow::Cow<'a, str>>),
    Int(Option<i64>),
    Float(Option<f64>),
    Date(Option<Date>),
    Spans(&'a [(usize, usize)]),
}

impl<'a> Cell<'a> {
    fn text(s: &'a str) -> Self {
        Cell::Str(Some(std::borrow::Cow::Borrowed(s)))
    }
    fn opt(s: Option<&'a str>) -> Self {
        Cell::Str(s.map(std::borrow::Cow::Borrowed))
    }
    fn owned(s: String) -> Self {
        Cell::Str(Some(std::borrow::Cow::Owned(s)))
    }
    fn int(n: usize) -> Self {
        Cell::Int(i64::try_from(n).ok())
    }
}

/// A listing: named, typed columns and rows of cells.
pub trait Rows {
    /// Column names and types, in output order.
    fn columns(&self) -> Vec<(String, Kind)>;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Every cell of row `i`, in column order.
    fn row(&self, i: usize) -> Vec<Cell<'_>>;
}

/// Claim columns, in order. The first 13 are the extract contract (see
/// `../shared/gold/README.md`); the rest only ever grow at the end.
pub const CLAIM_FIELDS: &[(&str, Kind)] = &[
    ("doc", Kind::Str),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Str),
    ("value", Kind::Float),
    ("lo", Kind::Float),
    ("hi", Kind::Float),
    ("unit", Kind::Str),
    ("hedge", Kind::Str),
    ("direction", Kind::Str),
    ("metric", Kind::Str),
    ("holder", Kind::Str),
    ("sentence", Kind::Str),
    ("measure", Kind::Str),
    ("scope", Kind::Str),
    ("person", Kind::Str),
    ("as_of", Kind::Date),
    ("time_basis", Kind::Str),
    ("change_role", Kind::Str),
    ("source", Kind::Str),
    ("published", Kind::Date),
    ("kind", Kind::Str),
    ("per", Kind::Str),
    ("modality", Kind::Str),
    ("holder_basis", Kind::Str),
    ("period_start", Kind::Date),
    ("sentence_start", Kind::Int),
    ("sentence_end", Kind::Int),
    ("article_id", Kind::Str),
    ("group_key", Kind::Str),
    ("group_id", Kind::Str),
    ("url", Kind::Str),
    ("outlets", Kind::Str),
    ("missing", Kind::Str),
    ("claimant", Kind::Str),
];

/// The cells of one claim, in [`CLAIM_FIELDS`] order.
pub fn claim_cells(r: &ClaimRecord) -> Vec<Cell<'_>> {
    let c = &r.claim;
    let q = &c.quantity;
    let key = c.group_key();
    let id = key.as_deref().map(crate::compare::group_id);
    vec![
        Cell::text(&r.doc),
        Cell::int(q.start),
        Cell::int(q.end),
        Cell::text(&q.text),
        Cell::Float(q.value),
        Cell::Float(q.lo),
        Cell::Float(q.hi),
        Cell::text(&q.unit),
        Cell::text(q.hedge.as_str()),
        Cell::opt(q.direction.map(direction_name)),
        Cell::text(&c.metric),
        Cell::text(&c.holder),
        Cell::text(&c.sentence),
        Cell::text(&c.measure),
        Cell::text(&c.scope),
        Cell::opt(c.person.as_deref()),
        Cell::Date(c.as_of),
        Cell::text(time_basis_name(c.time_basis)),
        Cell::opt(q.change_role.map(change_role_name)),
        Cell::opt(r.source.as_deref()),
        Cell::Date(r.published),
        Cell::text(c.kind.as_str()),
        Cell::opt(c.per.as_deref()),
        Cell::text(c.modality.as_str()),
        Cell::text(holder_basis_name(c.holder_basis)),
        Cell::Date(c.period_start),
        Cell::int(c.sentence_start),
        Cell::int(c.sentence_end),
        Cell::text(&r.article_id),
        Cell::Str(key.map(std::borrow::Cow::Owned)),
        Cell::Str(id.map(std::borrow::Cow::Owned)),
        Cell::opt(r.url.as_deref()),
        Cell::Str(Some(std::borrow::Cow::Owned(r.outlets_cell()))),
        Cell::Str(Some(std::borrow::Cow::Owned(c.missing.join(", ")))),
        Cell::text(&c.claimant),
    ]
}

pub fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

pub fn change_role_name(r: ChangeRole) -> &'static str {
    match r {
        ChangeRole::Earlier => "earlier",
        ChangeRole::Current => "current",
    }
}

pub fn time_basis_name(t: TimeBasis) -> &'static str {
    match t {
        TimeBasis::Published => "published",
        TimeBasis::Stated => "stated",
        TimeBasis::Since => "since",
        TimeBasis::Target => "target",
        TimeBasis::Unknown => "unknown",
        TimeBasis::Dated => "dated",
    }
}

pub fn holder_basis_name(h: HolderBasis) -> &'static str {
    match h {
        HolderBasis::None => "none",
        HolderBasis::Stated => "stated",
        HolderBasis::Demonym => "demonym",
        HolderBasis::Inherited => "inherited",
    }
}

/// Claims as rows.
pub struct ClaimRows<'a>(pub &'a [ClaimRecord]);

impl Rows for ClaimRows<'_> {
    fn columns(&self) -> Vec<(String, Kind)> {
        CLAIM_FIELDS.iter().map(|(n, k)| (n.to_string(), *k)).collect()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
    fn row(&self, i: usize) -> Vec<Cell<'_>> {
        claim_cells(&self.0[i])
    }
}

use super::pairs::{SIDE_EXTRA, SIDE_LATER};

fn claim_field_index(name: &str) -> usize {
    CLAIM_FIELDS.iter().position(|(n, _)| *n == name).unwrap_or(0)
}

/// Pairs (discrepancies, check) as rows: the columns of the discrepancies CSV, in its order,
/// then each side's identity fields.
pub struct PairRows<'a> {
    pub pairs: &'a [Pair],
    pub records: &'a [ClaimRecord],
}

impl PairRows<'_> {
    fn side_fields() -> impl Iterator<Item = &'static str> {
        super::SIDE_COLUMNS.iter().copied()
    }
}

impl Rows for PairRows<'_> {
    fn columns(&self) -> Vec<(String, Kind)> {
        let mut cols: Vec<(String, Kind)> = super::PAIR_COLUMNS
            .iter()
            .map(|c| (c.to_string(), if *c == "severity" { Kind::Float } else { Kind::Str }))
            .collect();
        for side in ["a_", "b_"] {
            cols.extend(Self::side_fields().map(|c| (format!("{side}{c}"), CLAIM_FIELDS[claim_field_index(c)].1)));
        }
        for extra in [SIDE_EXTRA, SIDE_LATER] {
            for side in ["a_", "b_"] {
                cols.extend(extra.iter().map(|c| (format!("{side}{c}"), CLAIM_FIELDS[claim_field_index(c)].1)));
            }
        }
        cols
    }
    fn len(&self) -> usize {
        self.pairs.len()
    }
    fn row(&self, i: usize) -> Vec<Cell<'_>> {
        let p = &self.pairs[i];
        let (a, b) = (&self.records[p.a], &self.records[p.b]);
        let holder = if a.claim.holder.is_empty() { &b.claim.holder } else { &a.claim.holder };
        let mut row = vec![
            Cell::text(&p.group_id),
            Cell::text(p.verdict.as_str()),
            Cell::Float(Some(p.severity)),
            Cell::text(&a.claim.metric),
            Cell::text(&a.claim.measure),
            Cell::text(holder),
            Cell::text(&a.claim.scope),
            Cell::text(&p.explanation),
        ];
        let (ca, cb) = (claim_cells(a), claim_cells(b));
        for cells in [&ca, &cb] {
            row.extend(Self::side_fields().map(|c| cells[claim_field_index(c)].clone()));
        }
        for extra in [SIDE_EXTRA, SIDE_LATER] {
            for cells in [&ca, &cb] {
                row.extend(extra.iter().map(|c| cells[claim_field_index(c)].clone()));
            }
        }
        row
    }
}

/// The snippet of a hit with matched words wrapped in `mark` (`("**", "**")`, or terminal bold).
pub fn highlight(h: &SearchHit, mark: (&str, &str)) -> String {
    let s = &h.snippet;
    let mut out = String::with_capacity(s.len() + 16);
    let mut at = 0;
    for &(a, b) in &h.highlights {
        if a < at || b > s.len() || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            continue;
        }
        out.push_str(&super::printable(&s[at..a]));
        out.push_str(mark.0);
        out.push_str(&super::printable(&s[a..b]));
        out.push_str(mark.1);
        at = b;
    }
    out.push_str(&super::printable(&s[at..]));
    out
}

/// Search hits as rows.
pub struct HitRows<'a>(pub &'a [SearchHit]);

impl Rows for HitRows<'_> {
    fn columns(&self) -> Vec<(String, Kind)> {
        [
            ("rank", Kind::Int),
            ("score", Kind::Float),
            ("doc", Kind::Str),
            ("source", Kind::Str),
            ("published", Kind::Date),
            ("title", Kind::Str),
            ("snippet", Kind::Str),
            ("snippet_marked", Kind::Str),
            ("highlights", Kind::Spans),
            ("url", Kind::Str),
            ("outlets", Kind::Str),
        ]
        .iter()
        .map(|(n, k)| (n.to_string(), *k))
        .collect()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
    fn row(&self, i: usize) -> Vec<Cell<'_>> {
        let h = &self.0[i];
        vec![
            Cell::int(h.rank),
            // The f32 score as it prints (6.606801), not its widened binary value (6.6068010330…).
            Cell::Float(h.score.to_string().parse::<f64>().ok()),
            Cell::text(&h.doc),
            Cell::opt(h.source.as_deref()),
            Cell::Date(h.published),
            Cell::opt(h.title.as_deref()),
            Cell::text(&h.snippet),
            Cell::owned(highlight(h, ("**", "**"))),
            Cell::Spans(&h.highlights),
            Cell::opt(h.url.as_deref()),
            Cell::owned(h.outlets.iter().map(crate::index::Outlet::label).collect::<Vec<_>>().join("; ")),
        ]
    }
}

/// Article export columns (`crosscheck export --articles`), in order.
pub const ARTICLE_FIELDS: &[(&str, Kind)] = &[
    ("id", Kind::Str),
    ("doc", Kind::Str),
    ("source", Kind::Str),
    ("published", Kind::Date),
    ("url", Kind::Str),
    ("title", Kind::Str),
    ("body", Kind::Str),
];

/// The cells of one stored article, in [`ARTICLE_FIELDS`] order.
pub fn article_cells(a: &crate::index::StoredArticle) -> Vec<Cell<'_>> {
    vec![
        Cell::text(&a.id),
        Cell::text(&a.doc),
        Cell::opt(a.source.as_deref()),
        Cell::Date(a.published),
        Cell::opt(a.url.as_deref()),
        Cell::opt(a.title.as_deref()),
        Cell::text(&a.body),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_columns_start_with_the_csv_contract() {
        let rows = PairRows { pairs: &[], records: &[] };
        let names: Vec<String> = rows.columns().into_iter().map(|(n, _)| n).collect();
        let header = super::super::pair_header();
        assert_eq!(&names[..header.len()], &header[..]);
        assert_eq!(names, header, "CSV, JSON Lines and Parquet carry the same pair columns");
        assert!(names.iter().any(|n| n == "b_modality"));
    }

    #[test]
    fn every_side_column_is_a_claim_field() {
        for c in super::super::SIDE_COLUMNS.iter().chain(SIDE_EXTRA) {
            assert!(CLAIM_FIELDS.iter().any(|(n, _)| n == c), "{c} is not a claim field");
        }
    }

    #[test]
    fn claim_fields_start_with_the_extract_contract() {
        let names: Vec<&str> = CLAIM_FIELDS.iter().map(|(n, _)| *n).collect();
        assert_eq!(&names[..13], &["doc", "start", "end", "text", "value", "lo", "hi", "unit", "hedge", "direction", "metric", "holder", "sentence"]);
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "duplicate column");
    }
}
