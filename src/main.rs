//! The `partygraph` command: parse the arguments, run, turn the result into
//! an exit code. Everything else lives in `cli.rs` and the library.

mod bench;
mod cli;

// Extraction allocates many small strings on every thread; mimalloc keeps
// that from becoming the bottleneck when articles run in parallel.
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
        Err(e) => {
            eprintln!("partygraph: error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
