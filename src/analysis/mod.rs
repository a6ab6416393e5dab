//! Pure computations over a checked notebook: Bayes, timelines, planning estimates, scoring and the
//! audit of recorded updates. Nothing here reads files or prints.

pub mod ach;
pub mod aggregate;
pub mod attribution;
pub mod audit;
pub mod bayes;
pub mod duplicates;
pub mod estimate;
pub mod future;
pub mod groups;
pub mod indicators;
pub mod plan;
pub mod range;
pub mod scoring;
pub mod timeline;
pub mod whatif;
pub mod words;
