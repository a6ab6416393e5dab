//! The output layer: the one owner of standard output and standard error. Commands hand it
//! rendered text; it writes, reports write failures as errors (a closed pipe ends quietly), and
//! prints warnings and errors. Nothing else in the crate prints.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::text::{Lines, safe};
use crate::render::{diagnostics, style::Style};
use std::alloc::{GlobalAlloc, Layout};
use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// When to colour output; `NO_COLOR` is honoured under `Auto`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub const NAMES: [&'static str; 3] = ["auto", "always", "never"];
}

impl std::str::FromStr for ColorChoice {
    type Err = crate::model::value::Invalid;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            _ => Err(crate::model::value::Invalid::keyword("colour choice", text, &Self::NAMES)),
        }
    }
}

/// Standard output and standard error, with the colour decided for each.
#[derive(Debug, Clone)]
pub struct Ui {
    out_style: Style,
    err_style: Style,
}

impl Ui {
    pub fn new(color: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |terminal: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        Ui {
            out_style: Style { color: decide(io::stdout().is_terminal()) },
            err_style: Style { color: decide(io::stderr().is_terminal()) },
        }
    }

    /// The colour of standard output, for renderers.
    pub fn out_style(&self) -> Style {
        self.out_style
    }

    pub fn err_style(&self) -> Style {
        self.err_style
    }

    /// Writes rendered text to standard output.
    pub fn out(&self, text: &str) -> Result<()> {
        self.stream(|out| out.write_all(text.as_bytes()))
    }

    /// Writes to standard output through a buffer, for output too large to build as one string.
    pub fn stream(&self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        write(&mut out).and_then(|()| out.flush()).map_err(stdout_error)
    }

    /// Writes a line of notes or progress to standard error. Failures there are ignored: there is
    /// nowhere left to report them.
    pub fn err(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(safe(text, Lines::Keep).as_bytes());
        let _ = err.flush();
    }

    /// Writes a report whose place is standard error (`check`'s findings); a failure to write it
    /// fails the command, since the report was its whole output.
    pub fn report(&self, text: &str) -> Result<()> {
        let mut err = io::stderr().lock();
        err.write_all(text.as_bytes()).and_then(|()| err.flush()).map_err(|_| Error::Reported)
    }

    /// Prints warnings found while loading.
    pub fn warnings(&self, found: &[Diagnostic]) {
        for warning in found {
            self.raw_err(&diagnostics::text(warning, self.err_style));
        }
    }

    /// Prints an error, the one place errors are shown.
    pub fn error(&self, error: &Error) {
        let label = self.err_style.error("error");
        let line = |text: &str| safe(text, Lines::Keep).into_owned();
        match error {
            Error::Reported | Error::ClosedPipe => {}
            Error::Invalid(found) => self.raw_err(&diagnostics::report(found, self.err_style)),
            Error::Refused { message, hint } | Error::Usage { message, hint } => {
                self.raw_err(&format!("{label}: {}\n  = hint: {}\n", line(message), line(hint)))
            }
            Error::NoNotebook(_) => self.raw_err(&format!(
                "{label}: {}\n  = hint: run inside a notebook folder, pass `--notebook DIR`, or create one with `forecast init`\n",
                line(&error.to_string())
            )),
            Error::AfterWriting { error, note } if matches!(**error, Error::ClosedPipe) => {
                self.raw_err(&format!("note: standard output was closed before the id could be printed: {}\n", line(note)));
            }
            Error::AfterWriting { error, note } => {
                self.error(error);
                self.raw_err(&format!("  = note: {}\n", line(note)));
            }
            other => self.raw_err(&format!("{label}: {}\n", line(&other.to_string()))),
        }
    }

    /// Asks a yes/no question on standard error and reads the answer; yes unless it starts with n.
    pub fn ask(&self, question: &str) -> bool {
        self.err(question);
        let mut answer = String::new();
        match io::stdin().lock().read_line(&mut answer) {
            Ok(0) | Err(_) => false,
            Ok(_) => !answer.trim().to_ascii_lowercase().starts_with('n'),
        }
    }

    /// Text already made safe by a renderer (it may hold this layer's own colour codes).
    fn raw_err(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }
}

fn stdout_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe { Error::ClosedPipe } else { Error::Stdout(e) }
}

/// The global allocator, counting the bytes in use, so that a briefing template that builds an
/// enormous value (a string doubled in a loop costs few steps, so fuel does not stop it) is ended
/// with a clear error instead of exhausting the machine's memory. See `memory_limit`.
pub struct Counted<A>(pub A);

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(0);
static MESSAGE: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

// SAFETY: every call is passed through to the wrapped allocator unchanged; only counts are kept.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as for `alloc`.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// Counts `size` more bytes in use, and ends the process if a limit is set and passed.
fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    let limit = LIMIT.load(Ordering::Relaxed);
    if limit != 0 && live > limit {
        over_limit();
    }
}

/// Writes the limit's message and exits with code 1, without allocating: the allocator calls it.
#[cold]
fn over_limit() -> ! {
    let message = MESSAGE.get().copied().unwrap_or("error: out of the memory allowed\n");
    #[cfg(unix)]
    // SAFETY: writing a static string to standard error and ending the process; no allocation.
    unsafe {
        libc::write(2, message.as_ptr().cast(), message.len());
        libc::_exit(1)
    }
    #[cfg(not(unix))]
    std::process::exit(1)
}

/// While the guard lives, the process may use at most `bytes` more than it does now; past that it
/// ends with `message` on standard error and exit code 1. Set once per process (for the template
/// of `report`); a second guard keeps the first message.
pub struct MemoryLimit;

pub fn memory_limit(bytes: usize, message: String) -> MemoryLimit {
    let text = format!("error: {}\n", safe(&message, Lines::Escape));
    let _ = MESSAGE.set(Box::leak(text.into_boxed_str()));
    LIMIT.store(LIVE.load(Ordering::Relaxed) + bytes, Ordering::Relaxed);
    MemoryLimit
}

impl Drop for MemoryLimit {
    fn drop(&mut self) {
        LIMIT.store(0, Ordering::Relaxed);
    }
}

/// A progress bar on standard error for long work (`evidence import`), drawn only when standard
/// error is a terminal; elsewhere it does nothing, so logs and pipes stay clean.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Ui {
    /// A progress bar over `total` steps, labelled `what`.
    pub fn progress(&self, total: u64, what: &str) -> Progress {
        if !io::stderr().is_terminal() || total < 200 {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        Progress(Some(bar))
    }
}
