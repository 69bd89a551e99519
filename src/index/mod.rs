//! The tantivy index on disk: one document per article and one per claim, committed together
//! so an interrupted ingest leaves the last commit intact.

use crate::extract::Claim;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A claim as stored, joined with what is known of its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub claim: Claim,
    /// The article's `doc` (path as given at ingest).
    pub doc: String,
    pub article_id: String,
    pub source: Option<String>,
    pub published: Option<Date>,
    pub title: Option<String>,
}
