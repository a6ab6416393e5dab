//! The `forecast` binary: parse, run, exit with the command's code.

#[global_allocator]
static ALLOCATOR: forecast::output::Counted<mimalloc::MiMalloc> = forecast::output::Counted(mimalloc::MiMalloc);

fn main() {
    std::process::exit(forecast::cli::main());
}
