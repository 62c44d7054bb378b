//! `closure-diff gen`: print generated programs, write them to files, or measure the generator.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};
use generator::{Config, Construct, Profile, Program};

use super::fuzz::SizeArg;
use super::Status;

/// Language profiles of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// No let/const, arrows, templates, default or rest parameters (duktape, mujs).
    Es5,
    /// ES2015, nothing newer.
    Es2015,
    /// Everything the generator knows.
    Full,
}

impl ProfileArg {
    fn profile(self) -> Profile {
        match self {
            ProfileArg::Es5 => Profile::Es5,
            ProfileArg::Es2015 => Profile::Es2015,
            ProfileArg::Full => Profile::Full,
        }
    }
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Seed of the first program (program i comes from seed S+i).
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,

    /// Number of programs.
    #[arg(long, value_name = "K", default_value_t = 1)]
    count: u64,

    /// Write each program to DIR/seed-<N>.js instead of printing it (the directory is created).
    #[arg(long, value_name = "DIR", conflicts_with = "stats")]
    out: Option<PathBuf>,

    /// Language profile.
    #[arg(long, value_enum, default_value_t = ProfileArg::Full)]
    profile: ProfileArg,

    /// Size preset.
    #[arg(long, value_enum, default_value_t = SizeArg::Medium)]
    size: SizeArg,

    /// Constructs to leave out although the profile has them, comma-separated: block-functions,
    /// classes, generators, eval-with, weak-refs, default-params, for-of, sloppy-mode (every program
    /// strict), strict-scripts, delete, destructuring, indirect-eval, function-elements (array
    /// elements that are functions are written `(0, f)`). `fuzz` and `matrix` leave out what an
    /// engine lacks (see `closure-diff engines`).
    #[arg(long, value_name = "CONSTRUCTS", value_delimiter = ',', value_parser = parse_construct)]
    without: Vec<Construct>,

    /// Swarm mode: each program switches categories off at random.
    #[arg(long)]
    swarm: bool,

    /// Instead of the programs, print for them: the share containing each category, mean size, and
    /// how they end on the reference interpreter.
    #[arg(long)]
    stats: bool,

    /// With --stats: print the statistics as JSON.
    #[arg(long, requires = "stats")]
    json: bool,
}

fn parse_construct(name: &str) -> Result<Construct, String> {
    Construct::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Construct::ALL.iter().map(|construct| construct.name()).collect();
        format!("unknown construct `{name}` (known: {})", known.join(", "))
    })
}

pub fn run(args: &GenArgs) -> Result<Status> {
    let cfg = Config {
        profile: args.profile.profile(),
        without: args.without.iter().copied().collect(),
        ..Config::sized(args.size.size())
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.stats {
        let count = usize::try_from(args.count).context("--count is too large")?;
        let stats = generator::stats_with(count, args.seed, &cfg, args.swarm);
        if args.json {
            let text = serde_json::to_string_pretty(&stats).context("serialising the statistics")?;
            writeln!(out, "{text}").context("writing to stdout")?;
        } else {
            write!(out, "{stats}").context("writing to stdout")?;
        }
        return Ok(Status::Clean);
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating the output directory {}", dir.display()))?;
    }
    for i in 0..args.count {
        let seed = args.seed.wrapping_add(i);
        let program = if args.swarm { Program::from_seed_swarm(seed, &cfg) } else { Program::from_seed(seed, &cfg) };
        let text = program.to_string();
        match &args.out {
            Some(dir) => write_atomically(&dir.join(format!("seed-{seed}.js")), &text)?,
            None if args.count == 1 => write!(out, "{text}").context("writing to stdout")?,
            None => write!(out, "// seed {seed}\n{text}").context("writing to stdout")?,
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(Status::Clean)
}

/// Writes `text` to a temporary file beside `path`, then renames it into place, so a reader never
/// sees half a program.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}
