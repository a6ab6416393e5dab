//! Integration tests: one test binary driving the real `forecast` binary, one module per command.

mod common;

mod briefing;
mod briefing_edges;
mod cache;
mod check;
mod evidence;
mod hardening;
mod help;
mod hostile;
mod init;
mod integrity;
mod origins;
mod output;
mod report;
mod review;
mod score;
mod tools;
mod trust;
mod update;
