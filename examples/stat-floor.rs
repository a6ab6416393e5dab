//! The least a validated cache must do: list every folder of a notebook and stat every file,
//! nothing else; with `--parallel`, the stats on every core.
//!
//! cargo run --release --example stat-floor -- DIR [--parallel]

#[path = "shared/listing.rs"]
mod listing;

use listing::list;
use rayon::prelude::*;
use std::path::Path;

fn size(path: &Path) -> u64 {
    std::fs::symlink_metadata(path).map_or(0, |m| m.len())
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: stat-floor DIR [--parallel]");
    let parallel = std::env::args().any(|a| a == "--parallel");
    let mut files = Vec::new();
    list(Path::new(&dir), &mut files);
    let total: u64 =
        if parallel { files.par_iter().map(|p| size(p)).sum() } else { files.iter().map(|p| size(p)).sum() };
    println!("{} files, {total} bytes", files.len());
}
