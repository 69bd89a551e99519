//! The article type every later stage reads.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One article, ready for extraction and indexing.
///
/// `text` is what the reader sees (for HTML: the main text without markup; for JSONL/CSV: the
/// unescaped text field). `offsets` maps byte offsets in `text` back to byte offsets in the
/// original file, so every span the tool reports points into the file on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id derived from the content (and record position for multi-record files).
    pub id: String,
    /// The path as the user gave it; for multi-record files `path#N` (N = 1-based record).
    pub doc: String,
    pub title: Option<String>,
    /// Outlet name ("Global Times").
    pub source: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub text: String,
    pub offsets: OffsetMap,
}

/// Piecewise map from text byte offsets to file byte offsets.
///
/// Each segment `(text_start, file_start)` says: text bytes from `text_start` up to the next
/// segment's start were copied verbatim from the file starting at `file_start`. An identity map
/// is one segment `(0, base)`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OffsetMap {
    pub segments: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Text is a verbatim copy of the file from `base` on.
    pub fn identity(base: usize) -> Self {
        OffsetMap { segments: vec![(0, base)] }
    }

    /// File byte offset of text byte offset `pos`.
    pub fn to_file(&self, pos: usize) -> usize {
        if self.segments.is_empty() {
            return pos;
        }
        // Last segment whose text_start <= pos.
        let i = match self.segments.binary_search_by(|&(t, _)| t.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let (t, f) = self.segments[i];
        f + pos.saturating_sub(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_identity_and_segments() {
        assert_eq!(OffsetMap::identity(10).to_file(5), 15);
        let m = OffsetMap { segments: vec![(0, 100), (4, 200)] };
        assert_eq!(m.to_file(0), 100);
        assert_eq!(m.to_file(3), 103);
        assert_eq!(m.to_file(4), 200);
        assert_eq!(m.to_file(9), 205);
        assert_eq!(OffsetMap::default().to_file(7), 7);
    }
}
