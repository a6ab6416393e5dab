//! Terminal colour: on only when asked, or when writing to a terminal and `NO_COLOR` is unset.

/// Paints text with ANSI styles, or leaves it plain.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn plain() -> Self {
        Style { color: false }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn error(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn warning(&self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn accent(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }
}
