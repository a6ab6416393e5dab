//! The benchmark floor: reads every file of a notebook once and does nothing else.
//!
//! cargo run --release --example read-floor -- DIR

use std::io::Read;
use std::path::Path;

fn read_all(dir: &Path, total: &mut u64, files: &mut u64) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_all(&path, total, files);
        } else if let Ok(mut file) = std::fs::File::open(&path) {
            let mut bytes = Vec::new();
            *total += file.read_to_end(&mut bytes).unwrap_or(0) as u64;
            *files += 1;
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: read-floor DIR");
    let (mut total, mut files) = (0, 0);
    read_all(Path::new(&dir), &mut total, &mut files);
    println!("{files} files, {total} bytes");
}
