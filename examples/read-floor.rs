//! The benchmark floor: reads every file of a notebook once and does nothing else; with
//! `--parallel`, on every core. The bench times both and compares with the faster.
//!
//! cargo run --release --example read-floor -- DIR [--parallel]

#[path = "shared/listing.rs"]
mod listing;

use listing::list;
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

fn read(path: &Path, buffer: &mut Vec<u8>) -> u64 {
    buffer.clear();
    std::fs::File::open(path).and_then(|mut f| f.read_to_end(buffer)).unwrap_or(0) as u64
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: read-floor DIR [--parallel]");
    let parallel = std::env::args().any(|a| a == "--parallel");
    let mut files = Vec::new();
    list(Path::new(&dir), &mut files);
    let total: u64 = if parallel {
        files.par_iter().map_init(Vec::new, |buffer, path| read(path, buffer)).sum()
    } else {
        let mut buffer = Vec::new();
        files.iter().map(|path| read(path, &mut buffer)).sum()
    };
    println!("{} files, {total} bytes", files.len());
}
