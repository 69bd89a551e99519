//! Multi-record files: JSON Lines and CSV, one article per record. Text offsets map back into
//! the file across JSON escapes and CSV quoting.

use super::OffsetMap;

/// Fields a record may carry.
#[derive(Debug, Default, Clone)]
pub struct Record {
    pub text: String,
    pub offsets: OffsetMap,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

pub const TEXT_FIELDS: &[&str] = &["text", "body", "content"];

/// Decode the JSON string literal starting at `start` (the opening quote) in `line`, whose
/// first byte sits at `base` in the file. Returns the text and its offset map.
fn decode_json_string(line: &str, start: usize, base: usize) -> Option<(String, OffsetMap)> {
    let b = line.as_bytes();
    if b.get(start) != Some(&b'"') {
        return None;
    }
    let mut out = String::new();
    let mut map = OffsetMap::default();
    let mut i = start + 1;
    let mut verbatim_from: Option<usize> = None;
    let flush = |out: &mut String, map: &mut OffsetMap, from: &mut Option<usize>, to: usize| {
        if let Some(f) = from.take() {
            map.segments.push((out.len(), base + f));
            out.push_str(&line[f..to]);
        }
    };
    while i < b.len() {
        match b[i] {
            b'"' => {
                flush(&mut out, &mut map, &mut verbatim_from, i);
                if map.segments.is_empty() {
                    map.segments.push((0, base + start + 1));
                }
                return Some((out, map));
            }
            b'\\' => {
                flush(&mut out, &mut map, &mut verbatim_from, i);
                let esc = *b.get(i + 1)?;
                let (ch, len) = match esc {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'/' => ('/', 2),
                    b'\\' => ('\\', 2),
                    b'"' => ('"', 2),
                    b'u' => {
                        let hex = |k: usize| line.get(k..k + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                        let hi = hex(i + 2)?;
                        if (0xD800..0xDC00).contains(&hi) && line.get(i + 6..i + 8) == Some("\\u") {
                            let lo = hex(i + 8)?;
                            let code = 0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF);
                            (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                        } else {
                            (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6)
                        }
                    }
                    _ => return None,
                };
                map.segments.push((out.len(), base + i));
                out.push(ch);
                i += len;
            }
            _ => {
                if verbatim_from.is_none() {
                    verbatim_from = Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

/// Parse one JSON Lines record. `base` is the line's byte offset in the file.
pub fn json_record(line: &str, base: usize) -> Result<Record, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string).filter(|x| !x.trim().is_empty());
    let (field, text) = TEXT_FIELDS.iter().find_map(|f| s(f).map(|t| (*f, t))).ok_or("no text field (expected one of: text, body, content)")?;
    // Find the raw literal of the field whose decoded value equals the parsed one.
    let key = format!("\"{field}\"");
    let mut offsets = None;
    let mut from = 0;
    while let Some(p) = line[from..].find(&key).map(|p| p + from) {
        let rest = line[p + key.len()..].trim_start();
        if let Some(after_colon) = rest.strip_prefix(':') {
            let lit = line.len() - after_colon.trim_start().len();
            if let Some((decoded, map)) = decode_json_string(line, lit, base) {
                if decoded == text {
                    offsets = Some(map);
                    break;
                }
            }
        }
        from = p + key.len();
    }
    Ok(Record {
        offsets: offsets.unwrap_or_else(|| OffsetMap::identity(base)),
        text,
        title: s("title"),
        source: s("source").or_else(|| s("outlet")),
        published: s("published").or_else(|| s("date")),
        url: s("url"),
    })
}

/// Raw field spans of the CSV record starting at `start` in `data`: (start, end, quoted), and
/// the index just past the record.
fn raw_fields(data: &str, start: usize) -> (Vec<(usize, usize, bool)>, usize) {
    let b = data.as_bytes();
    let mut fields = Vec::new();
    let mut i = start;
    loop {
        if b.get(i) == Some(&b'"') {
            let fs = i + 1;
            let mut j = fs;
            while j < b.len() {
                if b[j] == b'"' {
                    if b.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            fields.push((fs, j.min(b.len()), true));
            i = (j + 1).min(b.len());
            while i < b.len() && !matches!(b[i], b',' | b'\n' | b'\r') {
                i += 1;
            }
        } else {
            let fs = i;
            while i < b.len() && !matches!(b[i], b',' | b'\n' | b'\r') {
                i += 1;
            }
            fields.push((fs, i, false));
        }
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'\r') => {
                i += 1;
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
                return (fields, i);
            }
            Some(b'\n') => return (fields, i + 1),
            _ => return (fields, i),
        }
    }
}

/// Unquote a raw CSV field with its offset map.
fn csv_text(data: &str, (s, e, quoted): (usize, usize, bool)) -> (String, OffsetMap) {
    if !quoted {
        return (data[s..e].to_string(), OffsetMap::identity(s));
    }
    let mut out = String::with_capacity(e - s);
    let mut map = OffsetMap::default();
    let mut seg = s;
    let raw = &data[s..e];
    let mut from = 0;
    while let Some(p) = raw[from..].find("\"\"").map(|p| p + from) {
        map.segments.push((out.len(), seg));
        out.push_str(&raw[from..p + 1]);
        from = p + 2;
        seg = s + from;
    }
    map.segments.push((out.len(), seg));
    out.push_str(&raw[from..]);
    (out, map)
}

/// All records of a CSV document: Ok((line, record)) or Err((line, byte, message)).
pub fn csv_records(data: &str) -> Result<Vec<Result<(u64, Record), (u64, u64, String)>>, String> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(data.as_bytes());
    let headers: Vec<String> = rdr.headers().map_err(|e| e.to_string())?.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let col = |names: &[&str]| names.iter().find_map(|n| headers.iter().position(|h| h == n));
    let text_col = col(TEXT_FIELDS).ok_or_else(|| "missing column 'text'".to_string())?;
    let (title_c, source_c, pub_c, url_c) = (col(&["title", "headline"]), col(&["source", "outlet"]), col(&["published", "date"]), col(&["url", "link"]));
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let pos = rec.position().map_or((0, 0), |p| (p.byte() as usize, p.line()));
                let (fields, _) = raw_fields(data, pos.0.min(data.len()));
                let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).and_then(|v| std::str::from_utf8(v).ok()).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
                match fields.get(text_col) {
                    Some(&f) if f.1 > f.0 && data.is_char_boundary(f.0) && data.is_char_boundary(f.1) => {
                        let (text, offsets) = csv_text(data, f);
                        if text.trim().is_empty() {
                            out.push(Err((pos.1, pos.0 as u64, "empty text field".to_string())));
                            continue;
                        }
                        out.push(Ok((pos.1, Record { text, offsets, title: get(title_c), source: get(source_c), published: get(pub_c), url: get(url_c) })));
                    }
                    _ => out.push(Err((pos.1, pos.0 as u64, "record has no text field".to_string()))),
                }
            }
            Err(e) => {
                let (line, byte) = e.position().map_or((0, 0), |p| (p.line(), p.byte()));
                out.push(Err((line, byte, e.to_string())));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_offsets_cross_escapes() {
        let line = r#"{"title":"T","text":"He said \"nearly 19%\"\nthen \u00e9 and 5 km.","source":"Wire"}"#;
        let r = json_record(line, 100).unwrap();
        assert_eq!(r.text, "He said \"nearly 19%\"\nthen é and 5 km.");
        let t = r.text.find("nearly").unwrap();
        assert!(line[r.offsets.to_file(t) - 100..].starts_with("nearly 19%"));
        let t = r.text.find("5 km").unwrap();
        assert!(line[r.offsets.to_file(t) - 100..].starts_with("5 km"));
        assert_eq!(r.source.as_deref(), Some("Wire"));
    }

    #[test]
    fn json_errors_are_messages() {
        assert!(json_record("{\"text\": ", 0).is_err());
        assert!(json_record("{\"title\": \"x\"}", 0).unwrap_err().contains("no text field"));
        assert!(json_record("[1,2]", 0).is_err());
    }

    #[test]
    fn csv_offsets_cross_quotes() {
        let data = "title,text\nA,\"He said \"\"19%\"\", then, 5 km\nlater\"\nB,plain 7 days\n";
        let recs = csv_records(data).unwrap();
        let (_, r) = recs[0].as_ref().unwrap();
        assert_eq!(r.text, "He said \"19%\", then, 5 km\nlater");
        let t = r.text.find("5 km").unwrap();
        assert!(data[r.offsets.to_file(t)..].starts_with("5 km"));
        let t = r.text.find("19%").unwrap();
        assert!(data[r.offsets.to_file(t)..].starts_with("19%"));
        let (_, r2) = recs[1].as_ref().unwrap();
        assert!(data[r2.offsets.to_file(0)..].starts_with("plain 7 days"));
    }

    #[test]
    fn csv_without_text_column_is_an_error() {
        assert_eq!(csv_records("title,body2\nx,y\n").unwrap_err(), "missing column 'text'");
    }
}
