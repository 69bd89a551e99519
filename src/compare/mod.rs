//! Cross-source comparison: groups of claims about one quantity, hedges read as intervals,
//! and a verdict with its reason for each pair.
