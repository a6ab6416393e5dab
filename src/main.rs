//! The `forecast` binary: parse, run, exit with the command's code.

fn main() {
    std::process::exit(forecast::cli::main());
}
