//! Fuzz target: arbitrary bytes into every record's parser and checks. Never panics; every span
//! lies inside the input; an accepted record, written back by `toml` and read again, is still accepted.
#![no_main]

use forecast::store::check_record_text;
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 5] = ["notebook", "scenario", "evidence", "update", "resolution"];

fn check(kind: &str, data: &[u8]) {
    let found = check_record_text(kind, data);
    for d in &found {
        if let Some(span) = &d.span {
            assert!(span.start <= span.end && span.end <= data.len(), "span {span:?} outside {} bytes", data.len());
        }
    }
    if found.iter().any(|d| d.is_error()) {
        return;
    }
    let text = std::str::from_utf8(data).expect("accepted input is UTF-8");
    let table: toml::Table = toml::from_str(text).expect("accepted input is a TOML table");
    let written = toml::to_string(&table).expect("a table writes back");
    let again = check_record_text(kind, written.as_bytes());
    assert!(!again.iter().any(|d| d.is_error()), "{kind} written back was refused: {again:?}\n{written}");
}

fuzz_target!(|data: &[u8]| {
    for kind in KINDS {
        check(kind, data);
    }
});
