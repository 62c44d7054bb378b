//! Argument parsing and dispatch. One module per subcommand; errors are `anyhow` at this edge and
//! become a one-line message and exit code 2.

mod bench;
mod engines;
mod export;
mod fuzz;
mod gen;
mod matrix;
mod promote;
mod reduce;
mod run;
mod test262;
mod worker;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Differential tester for JavaScript closure semantics.
#[derive(Debug, Parser)]
#[command(name = "closure-diff", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run programs on several engines and compare what they print and how they end.
    Run(run::RunArgs),
    /// Reduce a diverging program to a small one that diverges the same way; prints it on stdout.
    Reduce(reduce::ReduceArgs),
    /// Fuzz: generate programs, run them on every engine in worker processes, compare, and write
    /// each new divergence (reduced, signed, blamed) to the output directory.
    Fuzz(fuzz::FuzzArgs),
    /// Measure the fuzzing loop: programs/s and where the time goes.
    Bench(bench::BenchArgs),
    /// Keep a finding as a corpus regression case: its reduced program, snapshot and, when a
    /// third-party engine is wrong, its known-divergence entry.
    Promote(promote::PromoteArgs),
    /// The conformance matrix: corpus and generated programs on every engine, by category, with
    /// reduced repros of the failures (Markdown, JSON and HTML).
    Matrix(matrix::MatrixArgs),
    /// Write a finding as a test262-format test, ready to propose upstream.
    Export(export::ExportArgs),
    /// Generate closure programs: print them, write them to a directory, or show statistics.
    Gen(gen::GenArgs),
    /// List the engines: in-process and from engines.toml, installed or not, version and profile.
    Engines(engines::EnginesArgs),
    /// Run a test262 checkout or slice on one engine: pass rates per directory, failures, JSON.
    Test262(test262::Test262Args),
    /// Serve one engine to a campaign over stdin/stdout (started by `fuzz`, not by people).
    #[command(hide = true)]
    Worker(worker::WorkerArgs),
}

/// How a successful command ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing new to report: every program agreed, was poisoned or diverged in a known way (exit 0).
    Clean,
    /// At least one program diverged in a way the known-divergence list does not explain (exit 1).
    Diverged,
    /// `reduce` was given a program that does not diverge, so there is nothing to reduce (exit 1).
    NotDiverging,
}

/// Usage and input errors (exit 2). Clap uses the same code for its own usage errors.
const USAGE_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Reduce(args) => reduce::run(&args),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Matrix(args) => matrix::run(&args),
        Command::Gen(args) => gen::run(&args),
        Command::Engines(args) => engines::run(&args),
        Command::Promote(args) => promote::run(&args),
        Command::Test262(args) => test262::run(&args),
        Command::Worker(args) => worker::run(&args),
    };
    if let Err(err) = &result {
        // `{:#}` puts the whole context chain on one line.
        eprintln!("error: {err:#}");
    }
    ExitCode::from(exit_code(&result))
}

/// 0 when there is nothing new to report, 1 when a program diverged unexpectedly, 2 for usage and input errors.
fn exit_code(result: &anyhow::Result<Status>) -> u8 {
    match result {
        Ok(Status::Clean) => 0,
        Ok(Status::Diverged | Status::NotDiverging) => 1,
        Err(_) => USAGE_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(exit_code(&Ok(Status::Clean)), 0);
        assert_eq!(exit_code(&Ok(Status::Diverged)), 1);
        assert_eq!(exit_code(&Err(anyhow::anyhow!("bad input"))), 2);
    }
}
