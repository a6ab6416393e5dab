//! The `forecast` binary: parse, run, exit with the command's code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    quiet_on_closed_pipe();
    std::process::exit(forecast::cli::main());
}

/// `forecast status | head` ends quietly, as `cat` does, instead of failing on the closed pipe:
/// Rust ignores SIGPIPE, which turns every later write to stdout into a panic.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
