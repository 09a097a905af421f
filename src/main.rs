//! The `rolelint` command: parse arguments, run, exit with the status of the contract (0, 1, 2).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
