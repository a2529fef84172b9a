//! The `partygraph` command: parse the arguments, run, turn the result into
//! an exit code. Everything else lives in `cli/` and the library.

mod bench;
mod cli;

// Extraction allocates many small strings on every thread; mimalloc keeps
// that from becoming the bottleneck when articles run in parallel. It
// replaces malloc for the whole process ("override"), RocksDB's C++ included:
// RocksDB hands error messages it allocated to Rust to free, and one
// allocator on both sides is what makes that safe.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub(crate) use bench::bench;

fn main() -> std::process::ExitCode {
    cli::exit_code(cli::run())
}
