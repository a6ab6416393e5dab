//! Pure computations over a checked notebook: Bayes, timelines and the audit of recorded updates.

pub mod aggregate;
pub mod attribution;
pub mod audit;
pub mod bayes;
pub mod estimate;
pub mod range;
pub mod scoring;
pub mod timeline;
pub mod whatif;
pub mod words;
