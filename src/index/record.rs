//! A stored claim joined with its article, and the outlets that ran the article.

use crate::corpus::Article;
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
    /// Every outlet that carried the article's text (syndicated copies), the article's own
    /// first; empty when only one did (then `source`/`published`/`doc` say it all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<Outlet>,
    /// The article's address, when the input gave one (what a reader opens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One outlet that ran an article: who, when, and the file it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    pub source: Option<String>,
    pub published: Option<Date>,
    pub doc: String,
}

impl Outlet {
    /// The same outlet (case-folded): a copy of the file, or the outlet running its own text
    /// again, which is not a second outlet (its first date is kept).
    pub fn same_as(&self, other: &Outlet) -> bool {
        let key = |o: &Outlet| o.source.as_deref().map(|s| s.trim().to_lowercase());
        key(self) == key(other)
    }

    /// "AP 2025-03-01", "AP", "? 2025-03-01".
    pub fn label(&self) -> String {
        match (&self.source, self.published) {
            (Some(s), Some(d)) => format!("{s} {d}"),
            (Some(s), None) => s.clone(),
            (None, Some(d)) => format!("? {d}"),
            (None, None) => "?".to_string(),
        }
    }
}

impl ClaimRecord {
    /// Every outlet that carried the claim's article (at least the article's own).
    pub fn all_outlets(&self) -> Vec<Outlet> {
        if self.outlets.is_empty() {
            vec![Outlet { source: self.source.clone(), published: self.published, doc: self.doc.clone() }]
        } else {
            self.outlets.clone()
        }
    }

    /// The outlets as one cell: "AP 2025-03-01; Daily Post 2025-03-02" (empty when the
    /// article had one outlet only).
    pub fn outlets_cell(&self) -> String {
        self.outlets.iter().map(Outlet::label).collect::<Vec<_>>().join("; ")
    }
}

impl ClaimRecord {
    /// Join a claim with its article, mapping the claim's spans from text offsets to file
    /// byte offsets.
    pub fn from_article(article: &Article, mut claim: Claim) -> Self {
        let map = &article.offsets;
        claim.quantity.start = map.to_file(claim.quantity.start);
        claim.quantity.end = map.to_file(claim.quantity.end);
        claim.sentence_start = map.to_file(claim.sentence_start);
        claim.sentence_end = map.to_file(claim.sentence_end);
        ClaimRecord {
            claim,
            doc: article.doc.clone(),
            article_id: article.id.clone(),
            source: article.source.clone(),
            published: article.published,
            outlets: Vec::new(),
            url: article.url.clone(),
        }
    }
}

