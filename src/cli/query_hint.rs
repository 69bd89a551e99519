//! Query errors a person can act on: where in the query the problem is, and the flag that was
//! probably meant (`source:reuters` is `--source reuters`, `since:2025-01-01` is `--since`).

use crosscheck::index::IndexError;

/// Fields a user might type as `field:value` that are flags instead, with their flag.
const FIELD_FLAGS: &[(&str, &str)] = &[
    ("source", "--source"),
    ("outlet", "--source"),
    ("since", "--since"),
    ("after", "--since"),
    ("from", "--since"),
    ("until", "--until"),
    ("before", "--until"),
    ("date", "--since"),
    ("published", "--since"),
    ("holder", "--holder"),
    ("metric", "--metric"),
    ("unit", "--unit"),
];

/// The query error `e` as a message with a caret under the problem and a hint. `fields` are
/// the fields the query may name; `flags` the filter flags the command has. Other errors pass
/// through unchanged.
pub fn explain(e: IndexError, fields: &[&str], flags: &[&str]) -> anyhow::Error {
    match e {
        IndexError::Query { query, reason } => anyhow::anyhow!("{}", message(&query, &reason, fields, flags)),
        other => other.into(),
    }
}

fn message(query: &str, reason: &str, fields: &[&str], flags: &[&str]) -> String {
    let searchable = format!("fields a query can name: {}", fields.iter().map(|f| format!("{f}:")).collect::<Vec<_>>().join(", "));
    if let Some(field) = unknown_field(reason) {
        let Some((at, len, value)) = field_use(query, field) else {
            return format!("invalid query {query:?}: unknown field {field:?} ({searchable})");
        };
        let hint = match FIELD_FLAGS.iter().find(|(f, _)| f.eq_ignore_ascii_case(field)) {
            Some((_, flag)) if flags.contains(flag) => format!("hint: {field}: is not a field of the text; filter with {flag} {}", shell_word(value)),
            Some((_, flag)) => format!("hint: {field}: is not a field of the text, and this command has no {flag}; {searchable}"),
            None => format!("hint: {searchable}"),
        };
        return format!("invalid query: unknown field {field:?} at byte {at}\n{}\n{hint}", caret(query, at, len));
    }
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(query);
    match errors.first() {
        Some(err) if err.pos <= query.len() => {
            format!("invalid query: {} at byte {}\n{}\nhint: quote phrases with \"...\", and write AND, OR, NOT between words", err.message, err.pos, caret(query, err.pos, 1))
        }
        _ => format!("invalid query {query:?}: {reason}"),
    }
}

/// The field a query named that cannot be searched: missing from the schema, or stored but
/// not indexed (tantivy words these two differently).
fn unknown_field(reason: &str) -> Option<&str> {
    reason
        .strip_prefix("Field does not exist: '")
        .or_else(|| reason.strip_prefix("The field '").filter(|r| r.ends_with("' is not declared as indexed")))
        .and_then(|r| r.split('\'').next())
}

/// Where `field:value` stands in the query: byte offset, byte length, and the value.
fn field_use<'q>(query: &'q str, field: &str) -> Option<(usize, usize, &'q str)> {
    let needle = format!("{field}:");
    let mut from = 0;
    while let Some(i) = query[from..].find(&needle).map(|i| i + from) {
        let starts_word = query[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || "(+-".contains(c));
        if starts_word {
            let rest = &query[i + needle.len()..];
            let value_len = if let Some(quoted) = rest.strip_prefix('"') {
                quoted.find('"').map_or(rest.len(), |j| j + 2)
            } else {
                rest.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(rest.len())
            };
            return Some((i, needle.len() + value_len, &rest[..value_len]));
        }
        from = i + needle.len();
    }
    None
}

/// The query on one line, indented, with `^` under bytes `at..at+len` (counted in characters,
/// so the marks line up with what the terminal shows).
fn caret(query: &str, at: usize, len: usize) -> String {
    let flat: String = query.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let col = query.get(..at).map_or(0, |s| s.chars().count());
    let width = query.get(at..(at + len).min(query.len())).map_or(1, |s| s.chars().count()).max(1);
    format!("  {flat}\n  {}{}", " ".repeat(col), "^".repeat(width))
}

/// A value as it would be typed after a flag: quoted when it has spaces.
fn shell_word(v: &str) -> String {
    let v = v.trim_matches('"');
    if v.is_empty() {
        "VALUE".into()
    } else if v.contains(char::is_whitespace) {
        format!("'{v}'")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEARCH_FLAGS: &[&str] = &["--source", "--since", "--until"];

    #[test]
    fn source_field_points_at_itself_and_names_the_flag() {
        let m = message("peace AND source:reuters", "Field does not exist: 'source'", &["title", "body"], SEARCH_FLAGS);
        assert!(m.contains("at byte 10"), "{m}");
        assert!(m.contains("--source reuters"), "{m}");
        let lines: Vec<&str> = m.lines().collect();
        assert_eq!(lines[2].find('^'), Some(2 + 10), "{m}");
        assert_eq!(lines[2].matches('^').count(), "source:reuters".len(), "{m}");
    }

    #[test]
    fn stored_but_unindexed_fields_are_unknown_too() {
        let m = message("source:x", "The field 'source' is not declared as indexed", &["title", "body"], SEARCH_FLAGS);
        assert!(m.contains("--source x") && m.contains("at byte 0"), "{m}");
    }

    #[test]
    fn quoted_values_and_dates() {
        let m = message("since:2025-01-01 talks", "Field does not exist: 'since'", &["title", "body"], SEARCH_FLAGS);
        assert!(m.contains("--since 2025-01-01"), "{m}");
        let m = message("source:\"Defence Talks\" x", "Field does not exist: 'source'", &["title", "body"], SEARCH_FLAGS);
        assert!(m.contains("--source 'Defence Talks'"), "{m}");
    }

    #[test]
    fn a_flag_the_command_lacks_is_not_suggested() {
        let m = message("since:2025 profits", "Field does not exist: 'since'", &["sentence"], &["--source", "--holder"]);
        assert!(m.contains("has no --since"), "{m}");
        assert!(!m.contains("filter with"), "{m}");
    }

    #[test]
    fn syntax_errors_point_at_the_position() {
        let m = message("territory AND (peace", "Syntax Error: territory AND (peace", &["title", "body"], SEARCH_FLAGS);
        assert!(m.contains("at byte"), "{m}");
        assert!(m.lines().count() >= 3, "{m}");
    }

    #[test]
    fn carets_count_characters_not_bytes() {
        let c = caret("Zelenskyy’s source:x", "Zelenskyy’s ".len(), 8);
        let lines: Vec<&str> = c.lines().collect();
        assert_eq!(lines[1].chars().position(|ch| ch == '^'), Some(2 + "Zelenskyy’s ".chars().count()));
    }
}
