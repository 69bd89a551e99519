//! Which files to read: the user's files and folders, walked with the `ignore` crate
//! (ripgrep's walker: symbolic link loops detected, globs), each file read once however
//! often it is named.

use super::{problem, Problem, Severity, ARTICLE_EXTS, MANIFEST};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also read hidden files and folders (names starting with a dot).
    pub hidden: bool,
    /// Patterns for files inside folders, as ripgrep's `--glob`: `*.txt` keeps only matching
    /// files, `!drafts/**` leaves matching ones out. Files named directly are always read.
    pub globs: Vec<String>,
    /// Leave out what `.gitignore`/`.ignore` files in the folders list.
    pub gitignore: bool,
}

/// Expand the user's paths (files and folders, recursively, sorted for determinism) into the
/// files crosscheck can read. Unknown extensions and missing paths become problems; hidden
/// files and folders are skipped with one warning per folder given; `sources.csv` manifests
/// are passed over silently. A file reached twice (named twice, or through a symbolic link)
/// is read once; a symbolic link loop is reported and not followed.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    discover_with(paths, &DiscoverOptions::default())
}

/// [`discover`] with options.
pub fn discover_with(paths: &[PathBuf], opts: &DiscoverOptions) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut keep = |p: PathBuf, files: &mut Vec<PathBuf>| {
        // The same file under two names (a symbolic link, `a/../a/x.txt`) is one file.
        let id = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(id) {
            files.push(p);
        }
    };
    for p in paths {
        if p.is_dir() {
            walk(p, opts, &mut problems, |f| keep(f, &mut files));
        } else if p.is_file() {
            match ext(p) {
                Some(e) if ARTICLE_EXTS.contains(&e.as_str()) => keep(p.clone(), &mut files),
                _ => problems.push(problem(p, None, None, Severity::Warning, "unsupported file type, skipped (expected .txt .md .html .jsonl .csv)")),
            }
        } else {
            problems.push(problem(p, None, None, Severity::Error, "no such file or folder"));
        }
    }
    (files, problems)
}

pub(super) fn ext(p: &Path) -> Option<String> {
    p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn walker(dir: &Path, opts: &DiscoverOptions, hidden: Option<Arc<Mutex<Vec<PathBuf>>>>) -> Result<ignore::WalkBuilder, String> {
    let mut b = ignore::WalkBuilder::new(dir);
    b.standard_filters(false)
        .git_ignore(opts.gitignore)
        .git_exclude(opts.gitignore)
        .ignore(opts.gitignore)
        .parents(opts.gitignore)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !opts.globs.is_empty() {
        let mut o = ignore::overrides::OverrideBuilder::new(dir);
        for g in &opts.globs {
            o.add(g).map_err(|e| format!("--glob {g:?}: {e}"))?;
        }
        b.overrides(o.build().map_err(|e| e.to_string())?);
    }
    if let Some(hidden_seen) = hidden {
        b.filter_entry(move |e| {
            if e.depth() == 0 || !is_hidden(e.file_name()) {
                return true;
            }
            if let Ok(mut h) = hidden_seen.lock() {
                h.push(e.path().to_path_buf());
            }
            false
        });
    }
    Ok(b)
}

fn walk(dir: &Path, opts: &DiscoverOptions, problems: &mut Vec<Problem>, mut found: impl FnMut(PathBuf)) {
    let hidden = (!opts.hidden).then(|| Arc::new(Mutex::new(Vec::new())));
    let b = match walker(dir, opts, hidden.clone()) {
        Ok(b) => b,
        Err(m) => {
            problems.push(problem(dir, None, None, Severity::Error, m));
            return;
        }
    };
    for entry in b.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(walk_problem(dir, &e));
                continue;
            }
        };
        if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let p = entry.into_path();
        if p.file_name().is_some_and(|n| n == MANIFEST) {
            continue;
        }
        if ext(&p).is_some_and(|e| ARTICLE_EXTS.contains(&e.as_str())) {
            found(p);
        } else {
            problems.push(problem(&p, None, None, Severity::Warning, "unsupported file type, skipped"));
        }
    }
    if let Some(h) = hidden.and_then(|h| h.lock().ok().map(|v| v.clone())).filter(|h| !h.is_empty()) {
        let names: Vec<String> = h.iter().take(3).map(|p| p.strip_prefix(dir).unwrap_or(p).display().to_string()).collect();
        let more = if h.len() > 3 { format!(", and {} more", h.len() - 3) } else { String::new() };
        problems.push(problem(
            dir,
            None,
            None,
            Severity::Warning,
            format!("skipped {} hidden file{} or folder{} ({}{more}); --hidden reads them", h.len(), plural(h.len()), plural(h.len()), names.join(", ")),
        ));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A walk error as a problem with the path it is about.
fn walk_problem(dir: &Path, e: &ignore::Error) -> Problem {
    let mut err = e;
    let mut path = dir.to_path_buf();
    loop {
        match err {
            ignore::Error::WithPath { path: p, err: inner } => {
                path = p.clone();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. } | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    match err {
        ignore::Error::Loop { ancestor, child } => problem(
            child,
            None,
            None,
            Severity::Warning,
            format!("symbolic link loop (points back to {}), not followed", super::one_line(&ancestor.display().to_string())),
        ),
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => problem(&path, None, None, Severity::Warning, "broken symbolic link, skipped"),
        other => problem(&path, None, None, Severity::Error, format!("cannot read: {other}")),
    }
}

/// The folders under `paths` (and the folders of given files) that may hold a manifest.
pub(super) fn manifest_dirs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let opts = DiscoverOptions::default();
    for p in paths {
        if p.is_dir() {
            let Ok(b) = walker(p, &opts, Some(Arc::new(Mutex::new(Vec::new())))) else { continue };
            for e in b.build().flatten() {
                if e.file_type().is_some_and(|t| t.is_dir()) {
                    dirs.push(e.into_path());
                }
            }
        } else if let Some(parent) = p.parent() {
            dirs.push(if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent.to_path_buf() });
        }
    }
    dirs.sort();
    dirs.dedup();
    dirs
}
