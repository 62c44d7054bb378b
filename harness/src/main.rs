//! `closure-diff`: the command-line front end of the harness. See `closure-diff --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
