//! Fuzz target: arbitrary bytes into every record parser. Never panics; every span lies inside the
//! input; an accepted record, written back and read again, is equal.
#![no_main]

use forecast::store::read::parse_text;
use forecast::store::records::{EvidenceFile, NotebookFile, ResolutionFile, ScenarioFile, UpdateFile};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn check<T: DeserializeOwned>(data: &[u8]) {
    match parse_text::<T>("x.toml", "x", data) {
        Err(found) => {
            for d in &found {
                if let Some(span) = &d.span {
                    assert!(
                        span.start <= span.end && span.end <= data.len(),
                        "span {span:?} outside {} bytes",
                        data.len()
                    );
                }
            }
            let mut found = found;
            forecast::store::locate_text(&String::from_utf8_lossy(data), &mut found);
        }
        Ok(_) => {
            let text = std::str::from_utf8(data).expect("accepted input is UTF-8");
            let table: toml::Table = toml::from_str(text).expect("accepted input is a TOML table");
            let written = toml::to_string(&table).expect("a table writes back");
            let again: toml::Table = toml::from_str(&written).expect("written TOML reads back");
            assert_eq!(normalize(&table), normalize(&again));
            parse_text::<T>("x.toml", "x", written.as_bytes())
                .unwrap_or_else(|e| panic!("written back record refused: {e:?}"));
        }
    }
}

/// NaN never equals itself; compare its text instead.
fn normalize(table: &toml::Table) -> String {
    format!("{table:?}")
}

fuzz_target!(|data: &[u8]| {
    check::<NotebookFile>(data);
    check::<ScenarioFile>(data);
    check::<EvidenceFile>(data);
    check::<UpdateFile>(data);
    check::<ResolutionFile>(data);
});
