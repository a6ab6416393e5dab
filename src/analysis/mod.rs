//! Pure computations over a checked notebook: Bayes, timelines and the audit of recorded updates.

pub mod audit;
pub mod bayes;
pub mod estimate;
pub mod timeline;
pub mod words;
