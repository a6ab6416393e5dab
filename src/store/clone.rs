//! The clone's token: four letters and digits kept in `.forecast/clone`, made once per clone, that
//! the tool puts in every id it makes, so that two clones never write the same path. The file also
//! names the folder it was made for: a notebook copied with `cp -r` (which copies `.forecast/`
//! too) makes a token of its own on its first write instead of sharing the original's.

use super::files::Tree;
use crate::error::{Error, Result};
use std::hash::{BuildHasher, Hasher};

/// Where the token is kept, relative to the notebook (git-ignored, like all of `.forecast/`).
const FILE: &str = ".forecast/clone";

/// How many characters a token has: 36⁴ ≈ 1.7 million clones before two are likely to share one.
const LENGTH: usize = 4;

/// The clone's token, made and kept on first use.
pub fn token(tree: &Tree) -> Result<String> {
    let here = std::fs::canonicalize(tree.path("")).unwrap_or_else(|_| tree.path("")).display().to_string();
    // The folder first: a `.forecast` that leads outside the notebook is never read through.
    tree.folder_at(".forecast").map_err(|why| Error::Outside { path: ".forecast".to_string(), why })?;
    if tree.file_at(FILE).map_err(|why| Error::Outside { path: FILE.to_string(), why })? {
        let kept =
            std::fs::read_to_string(tree.path(FILE)).map_err(|e| Error::Read { path: tree.path(FILE), source: e })?;
        let mut lines = kept.lines().map(str::trim);
        let (token, folder) = (lines.next().unwrap_or(""), lines.next());
        match folder {
            Some(folder) if valid(token) && folder == here => return Ok(token.to_string()),
            // A file from before folders were kept: trusted as it is.
            None if valid(token) => return Ok(token.to_string()),
            _ => {}
        }
    }
    keep(tree, &fresh(), &here)
}

/// Writes `token` and the folder it belongs to into the clone file.
fn keep(tree: &Tree, token: &str, folder: &str) -> Result<String> {
    let dir = tree.folder_for_writing(".forecast")?;
    let text = format!("{token}\n{folder}\n");
    let landed = super::write::commit(vec![super::write::stage_file(&dir.join("clone"), text.as_bytes(), true)?])?;
    drop(landed);
    Ok(token.to_string())
}

fn valid(token: &str) -> bool {
    token.len() == LENGTH
        && token.starts_with(|c: char| c.is_ascii_lowercase())
        && token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// A new random token: the standard library seeds each `RandomState` from the system's randomness.
fn fresh() -> String {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.write_u32(std::process::id());
    let mut n = hasher.finish();
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..LENGTH)
        .map(|i| {
            // A letter first, so that a token never reads as the number of a clash (`-2`).
            let base = if i == 0 { 26 } else { 36 };
            let c = alphabet[(n % base) as usize] as char;
            n /= base;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_short_and_plain() {
        let a = fresh();
        assert!(valid(&a), "{a}");
        assert!(!valid("AB12") && !valid("abc") && !valid("ab-1") && !valid("1abc"));
    }
}
