//! `forecast`: a command-line notebook of scenarios, evidence and probability estimates kept as TOML files.
//!
//! Layers flow one way: `cli → context → commands → store/model/analysis → report → render`, with
//! `output` the one owner of standard output and error. `docs/architecture.md` describes each
//! layer, and `tests/architecture.rs` enforces the imports.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod context;
pub mod diagnostic;
pub mod error;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod store;
