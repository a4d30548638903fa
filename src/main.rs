//! The `termlint` command: argument parsing, files, terminal and exit codes.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
