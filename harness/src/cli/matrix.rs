//! `closure-diff matrix`: the per-category conformance matrix across engines.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use clap::Args;
use harness::matrix::{corpus_category, run_matrix, MatrixConfig};

use super::fuzz::SizeArg;
use super::Status;

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Engines to compare, comma-separated (see `closure-diff engines`).
    #[arg(long, value_name = "NAMES", value_delimiter = ',', default_value = "ref,boa,quickjs")]
    engines: Vec<String>,

    /// Generated programs per distinct language profile among the engines.
    #[arg(long, value_name = "N", default_value_t = 200)]
    programs: usize,

    /// Seed of the first generated program.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,

    /// Generated program size.
    #[arg(long, value_enum, default_value_t = SizeArg::Medium)]
    size: SizeArg,

    /// Corpus directory whose `programs/` and `regressions/` are run too; `none` skips the corpus.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    corpus: PathBuf,

    /// Reduced repros kept per failing cell.
    #[arg(long, value_name = "N", default_value_t = 2)]
    repros: usize,

    /// Seconds per reduction.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    reduce_time: u64,

    /// Where to write matrix.md, matrix.json, matrix.html and repros/.
    #[arg(long, value_name = "DIR", default_value = "matrix")]
    out: PathBuf,
}

pub fn run(args: &MatrixArgs) -> Result<Status> {
    if args.engines.len() < 2 {
        bail!("--engines: a matrix needs at least two engines (a majority needs three)");
    }
    let corpus = if args.corpus == Path::new("none") { Vec::new() } else { corpus_programs(&args.corpus)? };
    let config = MatrixConfig {
        engines: args.engines.clone(),
        programs: args.programs,
        seed: args.seed,
        size: args.size.size(),
        corpus,
        repros_per_cell: args.repros,
        reduce_time: Duration::from_secs(args.reduce_time),
        progress: true,
    };
    let matrix = run_matrix(&config)?;
    matrix.write(&args.out).with_context(|| format!("cannot write the matrix into {}", args.out.display()))?;
    print!("{}", matrix.markdown().split("\n## ").next().unwrap_or_default());
    println!(
        "\nwrote {0}/matrix.md, {0}/matrix.json, {0}/matrix.html and {1} repros in {0}/repros/",
        args.out.display(),
        matrix.repros.len()
    );
    Ok(Status::Clean)
}

/// Every corpus program with its category, and every regression (category `other`).
fn corpus_programs(corpus: &Path) -> Result<Vec<(PathBuf, String)>> {
    let programs = corpus.join("programs");
    if !programs.is_dir() {
        bail!(
            "{}: no such directory (run from the repository root, or pass --corpus DIR or --corpus none)",
            programs.display()
        );
    }
    let mut found = Vec::new();
    let mut dirs = vec![programs.clone()];
    let regressions = corpus.join("regressions");
    if regressions.is_dir() {
        dirs.push(regressions);
    }
    for path in harness::collect_programs(&dirs)? {
        let folder = path
            .strip_prefix(&programs)
            .ok()
            .and_then(|rest| rest.iter().next())
            .map(|part| part.to_string_lossy().into_owned());
        let category = match folder.as_deref() {
            Some("limits") => continue, // they only hit limits: nothing to compare
            Some(folder) => corpus_category(folder),
            None => corpus_category("regressions"),
        };
        found.push((path, category));
    }
    Ok(found)
}
