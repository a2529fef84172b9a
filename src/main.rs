//! The `partygraph` command: parse the arguments, run, turn the result into
//! an exit code. Everything else lives in `cli.rs` and the library.

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
    match cli::run() {
        Ok(code) => code,
        // A reader that stops early (`partygraph ... | head`) is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::ExitCode::SUCCESS
        }
        // The store could not be used (missing, busy, not writable, disk
        // full): the command was right, the moment or the place was not.
        Err(e) if e.downcast_ref::<partygraph::store::StoreError>().is_some() => {
            eprintln!("partygraph: error: {e:#}");
            std::process::ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("partygraph: error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
