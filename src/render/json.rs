//! The one JSON renderer: every report as pretty JSON with a trailing newline. JSON escapes
//! control characters itself, so notebook text is given as it is.

/// Any report as pretty JSON with a trailing newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("reports always serialize") + "\n"
}

/// The same, written straight to `out`, for outputs too large to build as one string.
pub fn write_json<T: serde::Serialize>(value: &T, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
