//! The `forecast` binary: parse, run, exit with the command's code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(forecast::cli::main());
}
