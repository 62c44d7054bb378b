//! `closure-diff export FINDING --format test262`: a finding as a test262-format test.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};
use harness::export::export_test262;

use super::Status;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A finding directory written by `closure-diff fuzz` (with `finding.json` and `reduced.js`).
    #[arg(value_name = "FINDING_DIR")]
    finding: PathBuf,

    /// The test format.
    #[arg(long, value_enum, default_value_t = Format::Test262)]
    format: Format,

    /// The engine whose outcome is the expectation [default: the first engine outside the blame].
    #[arg(long, value_name = "ENGINE")]
    expected: Option<String>,

    /// Write the test to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A test262 test: front matter, the program, `assert.sameValue` on the printed lines.
    Test262,
}

pub fn run(args: &ExportArgs) -> Result<Status> {
    let Format::Test262 = args.format;
    let test = export_test262(&args.finding, args.expected.as_deref())
        .with_context(|| format!("cannot export {}", args.finding.display()))?;
    match &args.out {
        None => print!("{test}"),
        Some(path) => {
            let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            let mut file =
                tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
            file.write_all(test.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
            file.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(Status::Clean)
}
