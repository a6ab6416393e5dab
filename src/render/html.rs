//! The briefing as one self-contained HTML page: the same Markdown, rendered by a CommonMark/GFM
//! parser (comrak), with the chart's SVG inline and a small stylesheet that also prints on A4.
//! Raw HTML in the Markdown is never passed through; the page loads nothing from anywhere.

use crate::model::text;

/// The file name the Markdown gives the chart, replaced by the SVG itself in the page.
pub const CHART_PLACEHOLDER: &str = "forecast-chart.svg";

/// The page for `markdown` (rendered with its chart named `CHART_PLACEHOLDER`), titled `title`,
/// with `svg` put where the chart's image is.
pub fn page(title: &str, markdown: &str, svg: Option<&str>) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = false;
    let body = comrak::markdown_to_html(markdown, &options);
    let body = match svg {
        Some(svg) => inline_chart(&body, svg),
        None => body,
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&text::line(title))
    )
}

/// Replaces the chart's `<img>` with a figure holding the SVG, its alt text as the caption.
fn inline_chart(body: &str, svg: &str) -> String {
    let marker = format!("<img src=\"{CHART_PLACEHOLDER}\"");
    let Some(start) = body.find(&marker) else { return body.to_string() };
    let Some(length) = body[start..].find("/>") else { return body.to_string() };
    let tag = &body[start..start + length + 2];
    let caption = tag.split("alt=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or("");
    let svg = svg.trim().replacen("<svg width=\"", "<svg role=\"img\" aria-label=\"chart\" data-width=\"", 1);
    let figure = format!("<figure class=\"chart\">{svg}<figcaption>{caption}</figcaption></figure>");
    // The image sits alone in its paragraph; the figure replaces the paragraph.
    let paragraph = format!("<p>{tag}</p>");
    if body.contains(&paragraph) { body.replacen(&paragraph, &figure, 1) } else { body.replacen(tag, &figure, 1) }
}

/// Text for an HTML text node or attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Readable on a screen, and on A4: narrow margins, smaller type, tables and figures not split.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1d1d1f; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.45rem; margin: 0 0 0.6rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; border-bottom: 1px solid #d0d0d5; padding-bottom: 0.15rem; }
p, ul, ol { margin: 0.45rem 0; }
li { margin: 0.25rem 0; }
blockquote { margin: 0.4rem 0; padding: 0.1rem 0.8rem; border-left: 3px solid #c8c8d0; color: #3a3a40; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.93em; overflow-wrap: normal; }
th, td { border: 1px solid #d0d0d5; padding: 0.2rem 0.45rem; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f3f6; text-align: left; }
td[align=right], th[align=right] { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 0.8rem 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85em; color: #55555c; }
hr { border: 0; border-top: 1px solid #d0d0d5; margin: 1.5rem 0 0.5rem; }
a { color: #1b5fa8; overflow-wrap: anywhere; }
@page { size: A4; margin: 12mm 12mm; }
@media print {
  body { font-size: 9.2pt; line-height: 1.33; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure, blockquote, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_the_markdown_never_reaches_the_page() {
        let page = page("T <x>", "# Hi\n\n<script>alert(1)</script>\n\nText <b>bold</b>\n", None);
        assert!(!page.contains("<script>alert") && !page.contains("<b>bold"), "{page}");
        assert!(page.contains("<title>T &lt;x&gt;</title>"));
    }

    #[test]
    fn the_chart_is_inlined_where_its_image_was() {
        let markdown = format!("Before\n\n![The chart]({CHART_PLACEHOLDER})\n\nAfter\n");
        let page = page("T", &markdown, Some("<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\"></svg>"));
        assert!(page.contains("<figure class=\"chart\"><svg role=\"img\""), "{page}");
        assert!(page.contains("<figcaption>The chart</figcaption>") && !page.contains("<img"), "{page}");
    }
}
