//! Loading articles from files and folders, with what is known of each: outlet, publication
//! date, title, URL. Text keeps a map back to byte offsets in the original file.

mod types;
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

/// Expand the user's paths (files and folders, recursively, sorted for determinism) into the
/// files crosscheck can read. Unknown extensions and missing paths become problems.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    // Placeholder until the loaders land: plain files only, folders one level deep.
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                let mut v: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
                v.sort();
                files.extend(v);
            }
        } else {
            files.push(p.clone());
        }
    }
    (files, Vec::new())
}

/// Load one file with what the manifest knows about it. Never panics on file content.
pub fn load_file(path: &Path, manifest: &Manifest) -> FileLoad {
    // Placeholder until the loaders land: UTF-8 text files only.
    let _ = manifest;
    let mut out = FileLoad::default();
    match std::fs::read_to_string(path) {
        Ok(text) => out.articles.push(Article {
            id: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes())),
            doc: path.display().to_string(),
            title: None,
            source: None,
            published: None,
            url: None,
            text,
            offsets: OffsetMap::identity(0),
        }),
        Err(e) => out.problems.push(Problem {
            path: path.to_path_buf(),
            line: None,
            offset: None,
            message: e.to_string(),
            severity: Severity::Error,
        }),
    }
    out
}

/// The manifests (`sources.csv`) of the given folders and of the folders of given files.
pub fn manifest_for(paths: &[PathBuf]) -> (Manifest, Vec<Problem>) {
    let _ = paths;
    (Manifest::default(), Vec::new())
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
