//! Report builders: pure functions from a notebook to plain `Serialize` structs that every output format shares.

pub mod briefing;
pub mod chart;
pub mod evidence;
pub mod history;
pub mod proposal;
pub mod review;
pub mod score;
pub mod status;

/// How many items a summary lists before it only counts the rest (status, a proposal).
pub const LISTED: usize = 20;
