//! What the text itself says about an article: a dateline and a headline.

use jiff::civil::Date;

const MONTHS: &[(&str, i8)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
    ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
];

fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|m| m.1)
}

/// A full calendar date anywhere in `s`: "Nov 24, 2025", "December 6, 2025", "24 November 2025",
/// "Dec. 6, 2025", "2025-12-06". The first one found.
pub fn find_date(s: &str) -> Option<Date> {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·' || c == '—').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        // ISO: 2025-12-06 (possibly with a time after T)
        let iso = w.split('T').next().unwrap_or(w);
        if iso.len() == 10 && iso.as_bytes().get(4) == Some(&b'-') && iso.as_bytes().get(7) == Some(&b'-') {
            if let Ok(d) = iso.parse::<Date>() {
                return Some(d);
            }
        }
        let num = |x: Option<&&str>| x.and_then(|v| v.trim_end_matches(|c: char| !c.is_ascii_digit()).trim_end_matches("st").parse::<i32>().ok());
        if let Some(m) = month(w) {
            // Month Day, Year
            if let (Some(d), Some(y)) = (num(words.get(i + 1)), num(words.get(i + 2))) {
                if (1..=31).contains(&d) && (1900..=2100).contains(&y) {
                    if let Ok(date) = Date::new(y as i16, m, d as i8) {
                        return Some(date);
                    }
                }
            }
            // Day Month Year
            if i > 0 {
                if let (Some(d), Some(y)) = (num(words.get(i - 1)), num(words.get(i + 1))) {
                    if (1..=31).contains(&d) && (1900..=2100).contains(&y) {
                        if let Ok(date) = Date::new(y as i16, m, d as i8) {
                            return Some(date);
                        }
                    }
                }
            }
        }
    }
    None
}

/// The dateline in the first lines of an article: a short line that is mostly a date, or one
/// that starts with Published/Updated/Posted/By/Date. Dates in body prose are not taken.
pub fn infer_date(text: &str) -> Option<Date> {
    for line in text.lines().take(40) {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let low = l.to_ascii_lowercase();
        let marked = ["published", "updated", "posted", "by ", "date", "last updated", "first published"].iter().any(|p| low.starts_with(p));
        // Unmarked lines must be mostly the date: "Saturday, December 6, 2025", not a short
        // sentence such as "The war began on February 24, 2022."
        let words = l.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
        let mostly_date = l.len() <= 60 && words <= 3 && !l.ends_with('.');
        if mostly_date || marked {
            if let Some(d) = find_date(l) {
                return Some(d);
            }
        }
    }
    None
}

/// The headline: a Markdown heading, else the first line that looks like one.
pub fn infer_title(text: &str) -> Option<String> {
    let lines = text.lines().take(40).map(str::trim).filter(|l| !l.is_empty());
    for l in lines.clone() {
        if let Some(h) = l.strip_prefix("# ") {
            return Some(h.trim().to_string());
        }
    }
    for l in lines {
        let words = l.split_whitespace().count();
        let looks_like = words >= 4 && l.len() < 200 && !l.contains("://") && find_date(l).is_none() && !l.ends_with(':');
        let banner = l.to_ascii_lowercase().contains("donation") || l.to_ascii_lowercase().contains("subscribe");
        if looks_like && !banner {
            return Some(l.trim_start_matches('#').trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn datelines() {
        assert_eq!(infer_date("Wire\n\nBy Jo Li Published: Nov 24, 2025 05:20 PM\n\nText"), Some(date(2025, 11, 24)));
        assert_eq!(infer_date("Saturday, December 6, 2025\n\nTop stories"), Some(date(2025, 12, 6)));
        assert_eq!(infer_date("En\nFebruary 16, 2025\n"), Some(date(2025, 2, 16)));
        assert_eq!(infer_date("Updated: 2025-11-24T10:00Z\n"), Some(date(2025, 11, 24)));
        assert_eq!(infer_date("24 November 2025\n"), Some(date(2025, 11, 24)));
        assert_eq!(infer_date("Posted Dec. 6, 2025 by staff\n"), Some(date(2025, 12, 6)));
        // A date inside a long body sentence is not a dateline.
        let prose = "The plant has been under Russian control since March 4, 2022, and sits on the front line of a long conflict.";
        assert_eq!(infer_date(prose), None);
        assert_eq!(infer_date("Talks stall\nThe war began on February 24, 2022.\n"), None, "a short sentence is not a dateline");
        assert_eq!(infer_date("Feb 30, 2025\n"), None, "not a real day");
    }

    #[test]
    fn titles() {
        assert_eq!(infer_title("# Talks stall in Geneva\nBody").as_deref(), Some("Talks stall in Geneva"));
        assert_eq!(infer_title("\nDecember 6, 2025\nTalks stall again in Geneva today\nBody text here.").as_deref(), Some("Talks stall again in Geneva today"));
        assert_eq!(infer_title("x\n\n"), None);
    }
}
