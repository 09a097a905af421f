//! The `rolelint` command: parse arguments, run, exit with the status of the contract (0, 1, 2).

mod cli;

// A run allocates many small strings per page on two threads; mimalloc spends about a third of
// the instructions glibc's malloc did on them (bench/run.sh). The library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
