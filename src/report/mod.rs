//! Output for people and scripts: terminal tables, CSV with stable columns, JSON Lines.
//!
//! Column names are public interface (see `../shared/gold/README.md` and the README): scripts
//! read them, so they only ever grow, never change.

mod chart;
mod claims;
mod csv_rows;
pub mod html;
pub mod json;
mod pairs;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod rows;
mod summary;
pub use claims::*;
pub use csv_rows::write_csv;
pub use pairs::*;
pub use summary::*;
pub use rows::{highlight, ClaimRows, HitRows, PairRows, Rows};

/// Neutralise a CSV cell a spreadsheet would read as a formula: text starting with
/// `=`, `+`, `-`, `@`, tab or CR gets a leading single quote. Numbers are written as numbers.
pub fn sheet_safe(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => std::borrow::Cow::Owned(format!("'{s}")),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

/// Text for a terminal table cell: control characters from article text or file names (BEL,
/// ESC sequences that recolour or retitle the terminal, a newline in a file name) and
/// bidirectional overrides become visible stand-ins instead of reaching the terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if !bad(c) { c } else if c.is_whitespace() { ' ' } else { '\u{FFFD}' }).collect())
}

/// A number as CSV writes it: empty when unknown, no exponent noise for whole values.
pub fn num(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
        Some(x) => format!("{x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(sheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(sheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(sheet_safe("-3 dead"), "'-3 dead");
        assert_eq!(sheet_safe("nearly 19%"), "nearly 19%");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("a\x07b\x1b[31mred\nx"), "a\u{FFFD}b\u{FFFD}[31mred x");
        assert_eq!(printable("\u{202E}abc"), "\u{FFFD}abc");
        assert!(matches!(printable("plain € text"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(num(Some(9e10)), "90000000000");
        assert_eq!(num(Some(2.06)), "2.06");
        assert_eq!(num(None), "");
    }
}
