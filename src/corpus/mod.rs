//! Loading articles from files and folders, with what is known of each: outlet, publication
//! date, title, URL. Text keeps a map back to byte offsets in the original file.

mod html;
mod meta;
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

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (byte {o})")?;
        }
        write!(f, ": {}", self.message)
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

/// Expand the user's paths (files and folders, recursively, sorted for determinism) into the
/// files crosscheck can read. Unknown extensions and missing paths become problems; hidden
/// files and folders and `sources.csv` manifests are passed over silently.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut problems);
        } else if p.is_file() {
            match ext(p) {
                Some(e) if ARTICLE_EXTS.contains(&e.as_str()) => files.push(p.clone()),
                _ => problems.push(problem(p, None, None, Severity::Warning, "unsupported file type, skipped (expected .txt .md .html .jsonl .csv)")),
            }
        } else {
            problems.push(problem(p, None, None, Severity::Error, "no such file or folder"));
        }
    }
    (files, problems)
}

fn ext(p: &Path) -> Option<String> {
    p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(problem(dir, None, None, Severity::Error, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name == MANIFEST {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, problems);
        } else if ext(&p).is_some_and(|e| ARTICLE_EXTS.contains(&e.as_str())) {
            files.push(p);
        } else {
            problems.push(problem(&p, None, None, Severity::Warning, "unsupported file type, skipped"));
        }
    }
}

/// The manifests (`sources.csv`) of the given folders (and their subfolders) and of the
/// folders of given files.
pub fn manifest_for(paths: &[PathBuf]) -> (Manifest, Vec<Problem>) {
    let mut m = Manifest::default();
    let mut problems = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect_dirs(p, &mut dirs);
        } else if let Some(parent) = p.parent() {
            dirs.push(if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent.to_path_buf() });
        }
    }
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let f = d.join(MANIFEST);
        if f.is_file() {
            m.read(&f, &d, &mut problems);
        }
    }
    (m, problems)
}

fn collect_dirs(d: &Path, out: &mut Vec<PathBuf>) {
    out.push(d.to_path_buf());
    if let Ok(rd) = std::fs::read_dir(d) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                collect_dirs(&p, out);
            }
        }
    }
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
    let mut out = FileLoad::default();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.problems.push(problem(path, None, None, Severity::Error, format!("cannot read: {e}")));
            return out;
        }
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        out.problems.push(problem(path, None, None, Severity::Error, "binary file, skipped"));
        return out;
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            out.problems.push(problem(path, Some(line), Some(at as u64), Severity::Error, "not valid UTF-8; skipped (convert the file to UTF-8)"));
            return out;
        }
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    if body.trim().is_empty() {
        out.problems.push(problem(path, None, None, Severity::Warning, "empty file, skipped"));
        return out;
    }
    let doc = path.display().to_string();
    let known = manifest.lookup(path).cloned().unwrap_or_default();
    match ext(path).as_deref() {
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
