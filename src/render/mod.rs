//! Rendering: turns plain report data into text for people (tables, Markdown) or machines (JSON,
//! CSV, SVG). It computes nothing: words, ranges and numbers come from `report`.

pub mod chart;
pub mod csv;
pub mod diagnostics;
pub mod evidence;
pub mod history;
pub mod html;
pub mod json;
pub mod markdown;
pub mod matrix;
pub mod proposal;
pub mod review;
pub mod score;
pub mod status;
pub mod style;
pub mod table;
pub mod timeline;

crate::keywords! {
    /// The one output format enum; each command accepts the formats it can give.
    Format, "format" {
        Table => "table",
        Text => "text",
        Csv => "csv",
        Json => "json",
        Markdown => "markdown",
        Html => "html",
    }
}
