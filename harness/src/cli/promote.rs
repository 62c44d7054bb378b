//! `closure-diff promote FINDING`: keep a finding forever as a corpus regression case.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;
use harness::promote::{promote, PromoteOptions};

use super::Status;

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// A finding directory written by `closure-diff fuzz` (with `finding.json` and `reduced.js`).
    #[arg(value_name = "FINDING_DIR")]
    finding: PathBuf,

    /// The corpus to promote into: its `regressions/`, `tests/snapshots/` and `known-divergences.toml`.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    corpus: PathBuf,

    /// The engines that are wrong, comma-separated, when the finding's vote did not decide (two
    /// engines) or two engines sharing a bug outvoted the reference.
    #[arg(long, value_name = "ENGINES", value_delimiter = ',')]
    blame: Vec<String>,

    /// Why the engine is wrong, for the known-divergence entry (the rule it breaks).
    #[arg(long, value_name = "TEXT")]
    why: Option<String>,

    /// Replace an earlier promotion of the same finding.
    #[arg(long)]
    force: bool,
}

pub fn run(args: &PromoteArgs) -> Result<Status> {
    if !args.corpus.is_dir() {
        anyhow::bail!(
            "{}: no such corpus directory (run from the repository root, or pass --corpus)",
            args.corpus.display()
        );
    }
    let options = PromoteOptions { blame: args.blame.clone(), why: args.why.clone(), force: args.force };
    let promotion = promote(&args.finding, &args.corpus, &options)
        .with_context(|| format!("cannot promote {}", args.finding.display()))?;
    println!("wrote {}", promotion.program.display());
    println!("wrote {}", promotion.snapshot.display());
    for entry in &promotion.known {
        println!(
            "listed {} as wrong about {} in {}",
            entry.engine,
            entry.program,
            args.corpus.join("known-divergences.toml").display()
        );
    }
    if promotion.known.is_empty() {
        println!("the corpus engines agree on it now: kept as a guard, no known-divergence entry");
    }
    println!("`cargo test -p corpus` now checks it; commit the files above.");
    Ok(Status::Clean)
}
