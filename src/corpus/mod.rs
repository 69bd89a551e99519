//! Loading articles from files and folders, with what is known of each: outlet, publication
//! date, title, URL. Text keeps a map back to byte offsets in the original file.

mod discover;
mod encoding;
mod html;
mod meta;
pub use discover::{discover, discover_with, DiscoverOptions};
use discover::ext;
mod records;
mod types;
pub use meta::{find_date, infer_date, infer_title};
pub use types::*;

use std::path::{Path, PathBuf};

/// A problem with one input, reported as `path: message` (with line or byte offset when known);
/// the rest of the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line or record number, when the problem is inside a multi-record file.
    pub line: Option<u64>,
    /// Byte offset in the file, when known.
    pub offset: Option<u64>,
    pub message: String,
    /// A skip (unknown file type) is a warning; an unreadable or malformed file is an error.
    pub severity: Severity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

/// Text for a one-line message: control characters (a newline or an escape sequence in a
/// file name) are written as escapes, so the message stays on one line and the terminal
/// obeys nothing in it.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", one_line(&self.path.display().to_string()))?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (byte {o})")?;
        }
        write!(f, ": {}", one_line(&self.message))
    }
}

/// What loading one file gave: its articles (several for .jsonl/.csv) and its problems.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Extensions crosscheck reads.
const ARTICLE_EXTS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "ndjson", "csv"];

/// The manifest file name in a corpus folder.
pub const MANIFEST: &str = "sources.csv";

fn problem(path: &Path, line: Option<u64>, offset: Option<u64>, severity: Severity, message: impl Into<String>) -> Problem {
    Problem { path: path.to_path_buf(), line, offset, message: message.into(), severity }
}

/// The manifests (`sources.csv`) of the given folders (and their subfolders) and of the
/// folders of given files.
pub fn manifest_for(paths: &[PathBuf]) -> (Manifest, Vec<Problem>) {
    let mut m = Manifest::default();
    let mut problems = Vec::new();
    for d in discover::manifest_dirs(paths) {
        let f = d.join(MANIFEST);
        if f.is_file() {
            m.read(&f, &d, &mut problems);
        }
    }
    (m, problems)
}

impl Manifest {
    fn read(&mut self, file: &Path, dir: &Path, problems: &mut Vec<Problem>) {
        let mut rdr = match csv::ReaderBuilder::new().flexible(true).from_path(file) {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(file, None, None, Severity::Error, e.to_string()));
                return;
            }
        };
        let headers: Vec<String> = match rdr.headers() {
            Ok(h) => h.iter().map(|x| x.trim().to_ascii_lowercase()).collect(),
            Err(e) => {
                problems.push(problem(file, None, None, Severity::Error, e.to_string()));
                return;
            }
        };
        let col = |n: &str| headers.iter().position(|h| h == n);
        let Some(fc) = col("file") else {
            problems.push(problem(file, Some(1), None, Severity::Error, "missing column 'file'"));
            return;
        };
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line());
                    problems.push(problem(file, line, None, Severity::Error, e.to_string()));
                    continue;
                }
            };
            let line = rec.position().map(|p| p.line());
            let get = |n: &str| col(n).and_then(|c| rec.get(c)).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
            let Some(name) = rec.get(fc).map(str::trim).filter(|v| !v.is_empty()) else { continue };
            let published = match get("published") {
                Some(d) => match d.parse::<jiff::civil::Date>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        problems.push(problem(file, line, None, Severity::Warning, format!("published {d:?} is not YYYY-MM-DD; left unknown")));
                        None
                    }
                },
                None => None,
            };
            let entry = ManifestEntry { source: get("source"), published, title: get("title"), url: get("url") };
            self.entries.insert(dir.join(name).to_string_lossy().into_owned(), entry);
        }
    }

    /// What the manifest knows about a file.
    pub fn lookup(&self, path: &Path) -> Option<&ManifestEntry> {
        self.entries.get(path.to_string_lossy().as_ref()).or_else(|| {
            let name = path.file_name()?.to_string_lossy();
            let parent = path.parent().map_or_else(|| PathBuf::from("."), |p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.to_path_buf() });
            self.entries.get(parent.join(name.as_ref()).to_string_lossy().as_ref())
        })
    }
}

/// Load one file with what the manifest knows about it. Never panics on file content.
pub fn load_file(path: &Path, manifest: &Manifest) -> FileLoad {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let mut out = FileLoad::default();
            out.problems.push(problem(path, None, None, Severity::Error, format!("cannot read: {e}")));
            return out;
        }
    };
    load_bytes(path, ext(path).as_deref(), &bytes, manifest)
}

/// Articles given as JSON Lines on standard input (`ingest -`). Each is named by its
/// content, `stdin:<first 16 hex digits of its id>`, so a second run with other records adds
/// them instead of replacing the first run's; offsets are into the input stream.
pub fn load_stdin_records(bytes: &[u8]) -> FileLoad {
    let mut out = load_bytes(Path::new("-"), Some("jsonl"), bytes, &Manifest::default());
    for a in &mut out.articles {
        a.doc = stdin_name(&a.id);
    }
    out
}

/// The stable name of an article read from standard input: its content id.
pub fn stdin_name(id: &str) -> String {
    format!("stdin:{}", &id[..id.len().min(16)])
}

/// Load the bytes of a file of the given type (extension).
fn load_bytes(path: &Path, kind: Option<&str>, bytes: &[u8], manifest: &Manifest) -> FileLoad {
    let mut out = FileLoad::default();
    // UTF-16 with a byte order mark: decoded, with a map from text back to file bytes.
    match encoding::decode_utf16(bytes) {
        Some(Ok((text, map))) => {
            let mut out = load_text(path, kind, &text, manifest);
            for a in &mut out.articles {
                a.offsets = encoding::compose(&a.text, &a.offsets, &map);
            }
            return out;
        }
        Some(Err(at)) => {
            out.problems.push(problem(path, None, Some(at as u64), Severity::Error, "not valid UTF-16 (an unpaired surrogate or an odd byte count); skipped"));
            return out;
        }
        None => {}
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        out.problems.push(problem(path, None, None, Severity::Error, "binary file, skipped"));
        return out;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            out.problems.push(problem(path, Some(line), Some(at as u64), Severity::Error, "not valid UTF-8; skipped (convert the file to UTF-8)"));
            return out;
        }
    };
    load_text(path, kind, text, manifest)
}

/// Load decoded text. Offsets in the result are byte offsets into `text`.
fn load_text(path: &Path, kind: Option<&str>, text: &str, manifest: &Manifest) -> FileLoad {
    let mut out = FileLoad::default();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    if body.trim().is_empty() {
        out.problems.push(problem(path, None, None, Severity::Warning, "empty file, skipped"));
        return out;
    }
    let doc = path.display().to_string();
    let known = manifest.lookup(path).cloned().unwrap_or_default();
    match kind {
        Some("html") | Some("htm") => {
            let (t, mut map, meta) = html::extract(body);
            for seg in &mut map.segments {
                seg.1 += bom;
            }
            let fields = Fields { title: meta.title, source: meta.site, published: meta.published, url: meta.url };
            out.articles.push(article(doc, t, map, fields, &known));
        }
        Some("jsonl") | Some("ndjson") => {
            let mut base = bom;
            for (n, line) in body.split_inclusive('\n').enumerate() {
                let trimmed = line.trim_end_matches(['\n', '\r']);
                if !trimmed.trim().is_empty() {
                    match records::json_record(trimmed, base) {
                        Ok(r) => {
                            let fields = Fields { title: r.title, source: r.source, published: r.published, url: r.url };
                            out.articles.push(article(format!("{doc}#{}", n + 1), r.text, r.offsets, fields, &known));
                        }
                        Err(m) => out.problems.push(problem(path, Some(n as u64 + 1), Some(base as u64), Severity::Error, m)),
                    }
                }
                base += line.len();
            }
        }
        Some("csv") => match records::csv_records(text) {
            Ok(rows) => {
                for (k, row) in rows.into_iter().enumerate() {
                    match row {
                        Ok((_, r)) => {
                            let fields = Fields { title: r.title, source: r.source, published: r.published, url: r.url };
                            out.articles.push(article(format!("{doc}#{}", k + 1), r.text, r.offsets, fields, &known));
                        }
                        Err((line, byte, m)) => out.problems.push(problem(path, Some(line), Some(byte), Severity::Error, m)),
                    }
                }
            }
            Err(m) => out.problems.push(problem(path, Some(1), None, Severity::Error, format!("{m}; file skipped"))),
        },
        _ => {
            let (fields, start) = front_matter(body);
            let t = body[start..].to_string();
            out.articles.push(article(doc, t, OffsetMap::identity(bom + start), fields, &known));
        }
    }
    out
}

/// Metadata an input format states itself.
#[derive(Debug, Default)]
struct Fields {
    title: Option<String>,
    source: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Manifest first, then what the file states, then what the text shows.
fn article(doc: String, text: String, offsets: OffsetMap, f: Fields, known: &ManifestEntry) -> Article {
    let id = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
    let published = known.published.or_else(|| f.published.as_deref().and_then(meta::find_date)).or_else(|| meta::infer_date(&text));
    let title = known.title.clone().or(f.title).or_else(|| meta::infer_title(&text));
    Article { id, doc, title, source: known.source.clone().or(f.source), published, url: known.url.clone().or(f.url), text, offsets }
}

/// Optional YAML-style front matter (`---` lines around `key: value` lines): the fields and
/// where the body starts.
fn front_matter(s: &str) -> (Fields, usize) {
    let mut f = Fields::default();
    let Some(rest) = s.strip_prefix("---").filter(|r| r.starts_with('\n') || r.starts_with("\r\n")) else { return (f, 0) };
    let mut pos = 3;
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        let l = line.trim();
        if l == "---" {
            return (f, pos.min(s.len()));
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().trim_matches(['"', '\'']).trim().to_string();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_ascii_lowercase().as_str() {
                "title" => f.title = Some(v),
                "source" | "outlet" | "publisher" => f.source = Some(v),
                "published" | "date" => f.published = Some(v),
                "url" | "link" => f.url = Some(v),
                _ => {}
            }
        }
    }
    (Fields::default(), 0) // no closing line: not front matter
}

/// Known metadata per file name, read from `sources.csv` in a corpus folder
/// (columns: file, source, published, title, url; empty = unknown).
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub entries: std::collections::HashMap<String, ManifestEntry>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ManifestEntry {
    pub source: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub title: Option<String>,
    pub url: Option<String>,
}

#[cfg(test)]
mod tests;
