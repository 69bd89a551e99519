//! What is in an index folder, what it was built with, and whether it is intact: the checks
//! behind "never write an index over other files", `crosscheck verify` and `crosscheck stats`,
//! and the one-line wording of index errors.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file crosscheck keeps beside tantivy's: what the index was built with. tantivy's
/// clean-up only ever deletes files it manages, so this one is left alone.
pub const BUILD_FILE: &str = "crosscheck.json";

/// A path on one line: control characters (a newline in a file name) are escaped.
pub fn show(p: &Path) -> String {
    crate::corpus::one_line(&p.display().to_string()).into_owned()
}

/// What an index folder holds, when it is not (or no longer) a usable index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderState {
    /// No folder, or an empty one: a new index may be made here.
    Empty,
    /// `meta.json` is there.
    Index,
    /// Index files (segments, `.managed.json`, locks) but no `meta.json`: a damaged index.
    IndexWithoutMeta(Vec<String>),
    /// Files that are not an index (the user's own).
    Other(Vec<String>),
}

const INDEX_EXTS: &[&str] = &["idx", "pos", "term", "store", "fast", "fieldnorm", "del"];

/// Look at a folder without changing it.
/// Files that only keep a folder in version control.
const PLACEHOLDERS: &[&str] = &[".gitkeep", ".keep", ".gitignore"];

pub fn folder_state(dir: &Path) -> std::io::Result<FolderState> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FolderState::Empty),
        Err(e) => return Err(e),
    };
    let mut names: Vec<String> = Vec::new();
    for e in rd {
        let name = e?.file_name().to_string_lossy().into_owned();
        // A placeholder that keeps an empty folder in version control ("index/.gitkeep" in
        // this repository) is no user data: the folder counts as empty.
        if !PLACEHOLDERS.contains(&name.as_str()) {
            names.push(name);
        }
    }
    if names.iter().any(|n| n == "meta.json") {
        return Ok(FolderState::Index);
    }
    if names.is_empty() {
        return Ok(FolderState::Empty);
    }
    names.sort();
    let index_like = |n: &str| {
        n == ".managed.json"
            || n == BUILD_FILE
            || n.starts_with(".tantivy-")
            || Path::new(n).extension().is_some_and(|e| INDEX_EXTS.contains(&e.to_string_lossy().as_ref()))
    };
    if names.iter().any(|n| index_like(n)) {
        Ok(FolderState::IndexWithoutMeta(names))
    } else {
        Ok(FolderState::Other(names))
    }
}

/// "a.txt, b.txt, c.txt and 4 more": a short list for a one-line message.
pub fn list_names(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|n| crate::corpus::one_line(n).into_owned()).collect();
    let more = if names.len() > 3 { format!(" and {} more", names.len() - 3) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

/// "1 entry" / "7 entries".
pub fn entries(n: usize) -> String {
    format!("{n} {}", if n == 1 { "entry" } else { "entries" })
}

/// "1 file" / "7 files".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The lexicon files an index was built with (the built-in vocabulary is part of the binary).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconFile {
    /// The path as given to `--lexicon`.
    pub path: String,
    /// xxh3-128 of the file's bytes, hex.
    pub hash: String,
}

/// What an index was built with, kept in [`BUILD_FILE`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildInfo {
    /// The crosscheck version that made the index.
    pub crosscheck: String,
    /// `--lexicon` files in the order given (later ones override earlier ones).
    #[serde(default)]
    pub lexicon: Vec<LexiconFile>,
}

impl BuildInfo {
    /// The build info of this binary with these `--lexicon` files (read to hash them).
    pub fn current(lexicon: &[PathBuf]) -> std::io::Result<BuildInfo> {
        let mut files = Vec::with_capacity(lexicon.len());
        for p in lexicon {
            let bytes = std::fs::read(p).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", show(p))))?;
            files.push(LexiconFile { path: p.display().to_string(), hash: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes)) });
        }
        Ok(BuildInfo { crosscheck: env!("CARGO_PKG_VERSION").to_string(), lexicon: files })
    }

    /// Whether claims extracted with `other` compare with claims extracted with `self`: the
    /// same lexicon contents in the same order (paths may differ).
    pub fn same_lexicon(&self, other: &BuildInfo) -> bool {
        self.lexicon.len() == other.lexicon.len() && self.lexicon.iter().zip(&other.lexicon).all(|(a, b)| a.hash == b.hash)
    }

    /// "--lexicon a.toml --lexicon b.toml", or "no --lexicon".
    pub fn describe_lexicon(&self) -> String {
        if self.lexicon.is_empty() {
            "the built-in lexicon only (no --lexicon)".to_string()
        } else {
            self.lexicon.iter().map(|l| format!("--lexicon {}", crate::corpus::one_line(&l.path))).collect::<Vec<_>>().join(" ")
        }
    }

    pub fn read(dir: &Path) -> Option<std::result::Result<BuildInfo, String>> {
        let bytes = match std::fs::read(dir.join(BUILD_FILE)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(e.to_string())),
        };
        Some(serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    }

    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!("{BUILD_FILE}.tmp"));
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, dir.join(BUILD_FILE))
    }
}

/// tantivy's error as one short line for a person: which file, what is wrong; none of the
/// library's own advice ("use tantivy 0.15 or above"). `true` when the index is damaged (as
/// opposed to unreadable for a reason outside it, such as permissions).
pub fn describe(e: &tantivy::TantivyError) -> (bool, String) {
    use tantivy::directory::error::OpenReadError;
    use tantivy::TantivyError as T;
    let io_damage = |io: &std::io::Error| matches!(io.kind(), std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof);
    match e {
        T::DataCorruption(d) => {
            // Its Debug is "Data corruption (in file `"x"`): comment."
            let s = format!("{d:?}");
            let file = s.split('`').nth(1).map(|f| f.trim_matches('"').to_string());
            let comment = s.rsplit_once("): ").map_or(s.as_str(), |(_, c)| c).trim_end_matches('.');
            let comment = first_clause(comment);
            match file {
                Some(f) => (true, format!("file {f} is damaged ({comment})")),
                None => (true, format!("damaged data ({comment})")),
            }
        }
        T::OpenReadError(OpenReadError::FileDoesNotExist(p)) => (true, format!("file {} is missing", show(p))),
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            if io_error.kind() == std::io::ErrorKind::PermissionDenied {
                (false, format!("cannot read {}: permission denied", show(filepath)))
            } else {
                (io_damage(io_error), format!("cannot read {}: {}", show(filepath), first_clause(&io_error.to_string())))
            }
        }
        T::IoError(io) if io.kind() == std::io::ErrorKind::PermissionDenied => (false, format!("permission denied ({})", first_clause(&io.to_string()))),
        // An error of the system (disk full, read-only, I/O) is not damage in the index.
        T::IoError(io) if io.raw_os_error().is_some() => (false, first_clause(&io.to_string())),
        // One made by the library while decoding: the bytes are damaged (a corrupt store).
        T::IoError(io) => (true, format!("stored data cannot be decoded ({})", first_clause(&io.to_string()))),
        T::IncompatibleIndex(_) => (true, "made by an incompatible version of the index library".to_string()),
        T::DeserializeError(_) => (true, "a file could not be decoded".to_string()),
        T::LockFailure(..) => (false, "locked by another crosscheck process".to_string()),
        other => {
            let s = other.to_string();
            (false, first_clause(&s))
        }
    }
}

/// The first sentence, on one line, without tantivy's version advice.
fn first_clause(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    let line = line.split(". Use tantivy").next().unwrap_or(line);
    let line = line.split(", use tantivy").next().unwrap_or(line);
    crate::corpus::one_line(line.trim().trim_matches(['\'', '"'])).into_owned()
}

/// What `crosscheck verify` found.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    pub segments: usize,
    pub documents: usize,
    pub claim_records: usize,
    /// One line per problem found.
    pub problems: Vec<String>,
    /// Problems beyond the ones listed (a damaged block repeats itself).
    pub more_problems: usize,
}

impl VerifyReport {
    pub fn problem(&mut self, p: String) {
        if self.problems.len() < 20 {
            self.problems.push(p);
        } else {
            self.more_problems += 1;
        }
    }
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.more_problems == 0
    }
}

/// Figures for `crosscheck stats`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub path: String,
    pub articles: usize,
    pub claims: usize,
    /// Distinct outlets (case-folded).
    pub outlets: usize,
    pub first_published: Option<jiff::civil::Date>,
    pub last_published: Option<jiff::civil::Date>,
    pub undated_articles: usize,
    pub segments: usize,
    pub bytes: u64,
    pub build: Option<BuildInfo>,
}

/// Bytes of the files directly in `dir`.
pub fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |rd| rd.flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
}

/// Make every file of the index readable by whoever the folder lets in: tantivy creates files
/// under the process umask, which can leave a shared index unreadable by its group.
#[cfg(unix)]
pub fn share_files(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(dir) else { return };
    let readable = meta.permissions().mode() & 0o444;
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let Ok(m) = e.metadata() else { continue };
        let mode = m.permissions().mode();
        if m.is_file() && mode & readable != readable {
            let _ = std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode | readable));
        }
    }
}

#[cfg(not(unix))]
pub fn share_files(_dir: &Path) {}

impl super::CrossIndex {
    /// What the index was built with (`None` for an index made before this was recorded).
    pub fn build_info(&self) -> Option<std::result::Result<BuildInfo, String>> {
        BuildInfo::read(&self.path)
    }

    /// Refuse to mix claims extracted with another lexicon into, or against, this index.
    /// Records `now` when the index does not say yet and holds no article.
    pub fn check_lexicon(&self, now: &BuildInfo) -> super::Result<()> {
        match self.build_info() {
            Some(Ok(built)) if !built.same_lexicon(now) => Err(super::IndexError::LexiconMismatch {
                path: self.path.clone(),
                built: built.describe_lexicon(),
                now: now.describe_lexicon(),
            }),
            Some(_) => Ok(()),
            None => Ok(()),
        }
    }

    /// Record what a writer builds the index with, when the index has no record yet and is
    /// empty (an older index's lexicon is unknown and stays so).
    pub fn record_build(&self, now: &BuildInfo) -> super::Result<()> {
        if self.build_info().is_none() && self.article_count()? == 0 {
            now.write(&self.path).map_err(|e| super::IndexError::Io { path: self.path.clone(), reason: e.to_string() })?;
            share_files(&self.path);
        }
        Ok(())
    }

    /// Stored claim records that could not be read by the loads so far: how many, and the
    /// first few messages. Taken (reset) by the call.
    pub fn take_damaged(&self) -> (usize, Vec<String>) {
        match self.damaged.lock() {
            Ok(mut d) => std::mem::take(&mut *d),
            Err(_) => (0, Vec::new()),
        }
    }

    pub(super) fn note_damaged(&self, message: String) {
        if let Ok(mut d) = self.damaged.lock() {
            d.0 += 1;
            if d.1.len() < 3 {
                d.1.push(message);
            }
        }
    }

    /// Read every stored document of every segment and check every file's checksum; say what
    /// is damaged. Fails only when there is no index to check (missing, not an index,
    /// unreadable for permissions).
    pub fn verify(dir: &Path) -> super::Result<VerifyReport> {
        use tantivy::schema::{TantivyDocument, Value};
        let mut r = VerifyReport::default();
        let ix = match Self::open_scan(dir) {
            Ok(ix) => ix,
            Err(super::IndexError::Corrupt { reason, .. }) => {
                r.problem(reason);
                return Ok(r);
            }
            Err(e) => return Err(e),
        };
        match ix.index.validate_checksum() {
            Ok(files) => {
                let mut files: Vec<PathBuf> = files.into_iter().collect();
                files.sort();
                for f in files {
                    r.problem(format!("file {} fails its checksum", show(&f)));
                }
            }
            Err(e) => r.problem(describe(&e).1),
        }
        let searcher = ix.reader.searcher();
        r.segments = searcher.segment_readers().len();
        let f = ix.fields;
        for seg in searcher.segment_readers() {
            let name = seg.segment_id().uuid_string();
            let store = match seg.get_store_reader(0) {
                Ok(s) => s,
                Err(e) => {
                    r.problem(format!("segment {name}: the document store cannot be read ({})", first_clause(&e.to_string())));
                    continue;
                }
            };
            for doc in seg.doc_ids_alive() {
                let d: TantivyDocument = match store.get(doc) {
                    Ok(d) => d,
                    Err(e) => {
                        r.problem(format!("segment {name}, document {doc}: {}", describe(&e).1));
                        continue;
                    }
                };
                r.documents += 1;
                let Some(json) = d.get_first(f.record).and_then(|v| v.as_str()) else { continue };
                r.claim_records += 1;
                if let Err(e) = serde_json::from_str::<super::ClaimRecord>(json) {
                    let of = d.get_first(f.doc).and_then(|v| v.as_str()).unwrap_or("?");
                    r.problem(format!("segment {name}, document {doc}: the stored claim of {} cannot be read ({e})", crate::corpus::one_line(of)));
                }
            }
        }
        if let Some(Err(e)) = ix.build_info() {
            r.problem(format!("{BUILD_FILE} cannot be read ({e})"));
        }
        Ok(r)
    }

    /// Articles, claims, outlets, dates, size, and what the index was built with.
    pub fn stats(&self) -> super::Result<Stats> {
        let searcher = self.reader.searcher();
        let mut outlets = std::collections::HashSet::new();
        let (mut lo, mut hi, mut dated) = (i64::MAX, i64::MIN, 0usize);
        for seg in searcher.segment_readers() {
            let inverted = seg.inverted_index(self.fields.source_key).map_err(|e| self.fail(e))?;
            let mut terms = inverted.terms().stream().map_err(|e| self.fail(e.into()))?;
            while terms.advance() {
                outlets.insert(terms.key().to_vec());
            }
            if let Ok(col) = seg.fast_fields().i64("published") {
                for doc in seg.doc_ids_alive() {
                    if let Some(v) = col.first(doc) {
                        lo = lo.min(v);
                        hi = hi.max(v);
                        dated += 1;
                    }
                }
            }
        }
        let date = |k: i64| jiff::civil::Date::new((k / 10_000) as i16, (k / 100 % 100) as i8, (k % 100) as i8).ok();
        let articles = self.article_count()?;
        Ok(Stats {
            path: self.path.display().to_string(),
            articles,
            claims: self.claim_count()?,
            outlets: outlets.len(),
            first_published: if dated > 0 { date(lo) } else { None },
            last_published: if dated > 0 { date(hi) } else { None },
            undated_articles: articles.saturating_sub(dated),
            segments: searcher.segment_readers().len(),
            bytes: folder_size(&self.path),
            build: self.build_info().and_then(|r| r.ok()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_states() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(folder_state(&d.path().join("nope")).unwrap(), FolderState::Empty);
        assert_eq!(folder_state(d.path()).unwrap(), FolderState::Empty);
        // A fresh clone's index/ holds only .gitkeep: an empty folder.
        std::fs::write(d.path().join(".gitkeep"), "").unwrap();
        assert_eq!(folder_state(d.path()).unwrap(), FolderState::Empty);
        std::fs::write(d.path().join("notes.txt"), "x").unwrap();
        assert!(matches!(folder_state(d.path()).unwrap(), FolderState::Other(n) if n == ["notes.txt"]));
        std::fs::write(d.path().join("abc.store"), "x").unwrap();
        assert!(matches!(folder_state(d.path()).unwrap(), FolderState::IndexWithoutMeta(_)));
        std::fs::write(d.path().join("meta.json"), "{}").unwrap();
        assert_eq!(folder_state(d.path()).unwrap(), FolderState::Index);
    }

    #[test]
    fn tantivy_advice_is_dropped() {
        assert_eq!(first_clause("Unsupported version. Use tantivy 0.15 or above\nmore"), "Unsupported version");
        assert_eq!(first_clause("bad\u{7}bell"), "bad\\u{7}bell");
    }

    #[test]
    fn lexicon_identity_is_by_content() {
        let a = BuildInfo { crosscheck: "x".into(), lexicon: vec![LexiconFile { path: "a.toml".into(), hash: "1".into() }] };
        let b = BuildInfo { crosscheck: "y".into(), lexicon: vec![LexiconFile { path: "/elsewhere/a.toml".into(), hash: "1".into() }] };
        assert!(a.same_lexicon(&b));
        assert!(!a.same_lexicon(&BuildInfo::default()));
    }
}
