//! Rendering: turns plain report data into text for people (tables, Markdown) or machines (JSON, CSV).

pub mod chart;
pub mod diagnostics;
pub mod evidence;
pub mod history;
pub mod markdown;
pub mod proposal;
pub mod review;
pub mod score;
pub mod status;
pub mod style;
pub mod table;
