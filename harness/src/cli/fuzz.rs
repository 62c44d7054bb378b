//! `closure-diff fuzz`: a differential fuzzing campaign over generated programs. See
//! [`harness::fuzz`] for what it does with each program.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _, Result};
use clap::{Args, ValueEnum};
use harness::fuzz::{self, CampaignConfig, NoReduction, Progress, Reducer, State, Tally};
use harness::worker::worker_engine_by_name;
use harness::DEFAULT_ENGINES;

use super::run::known_divergences;
use indicatif::{ProgressBar, ProgressStyle};

use super::Status;

/// Generator size presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    Small,
    Medium,
    Large,
}

impl SizeArg {
    pub fn size(self) -> generator::Size {
        match self {
            SizeArg::Small => generator::Size::Small,
            SizeArg::Medium => generator::Size::Medium,
            SizeArg::Large => generator::Size::Large,
        }
    }
}

/// The flags `fuzz` and `bench` share: what to generate and how workers run.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Engines to compare, comma-separated [default: ref,boa,quickjs].
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub engines: Vec<String>,

    /// Parallel lanes, each with one worker process per engine [default: all cores].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Program size preset of the generator [default: medium].
    #[arg(long, value_enum, value_name = "SIZE")]
    pub size: Option<SizeArg>,

    /// Swarm mode: each program switches random categories off (finds more, repeats less).
    #[arg(long)]
    pub swarm: bool,

    /// Time limit per program per engine, in seconds; a worker that exceeds it is killed, with any
    /// engine process it started, and the program counted as a hang (a finding if it hangs again).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,

    /// Address-space limit of each worker process of an in-process engine, in MiB (0: none); external engines run unlimited, bounded by their time limit.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub memory_limit: u64,
}

impl EngineArgs {
    /// The engines, checked: known (test engines included), none twice.
    pub fn engine_names(&self) -> Result<Vec<String>> {
        let names: Vec<String> = if self.engines.is_empty() {
            DEFAULT_ENGINES.iter().map(|name| (*name).to_owned()).collect()
        } else {
            self.engines.clone()
        };
        check_engines(&names)?;
        Ok(names)
    }

    pub fn jobs(&self) -> Result<usize> {
        match self.jobs {
            Some(0) => bail!("--jobs must be at least 1"),
            Some(jobs) => Ok(jobs),
            None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
        }
    }

    pub fn timeout(&self) -> Result<Duration> {
        Duration::try_from_secs_f64(self.timeout)
            .ok()
            .filter(|timeout| !timeout.is_zero())
            .with_context(|| format!("--timeout {} is not a positive number of seconds", self.timeout))
    }

    pub fn memory_limit(&self) -> Option<u64> {
        (self.memory_limit > 0).then(|| self.memory_limit.saturating_mul(1 << 20))
    }
}

#[derive(Debug, Args)]
pub struct FuzzArgs {
    /// Stop starting new programs after this many seconds [default: run until Ctrl-C].
    #[arg(long, value_name = "SECS", conflicts_with = "iterations")]
    time: Option<u64>,

    /// Stop after this many programs.
    #[arg(long, value_name = "N")]
    iterations: Option<u64>,

    /// Campaign seed: program i is generated from seed S+i [default: from the clock].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,

    /// Where findings, state.json and summary.json go.
    #[arg(long, value_name = "DIR", default_value = "findings")]
    out: PathBuf,

    /// Continue the campaign saved in DIR/state.json (same seed, size and engines).
    #[arg(long)]
    resume: bool,

    /// Seconds each divergence may spend in the reducer (0: do not reduce).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    reduce_time: u64,

    /// A known-divergence list (TOML) to use besides corpus/known-divergences.toml (when it exists),
    /// such as a third-party engine's; a divergence with the signature of one of its repros is
    /// counted, not reported. Repeat it to combine lists; `none` leaves the corpus list out (alone,
    /// it disables every list).
    #[arg(long, value_name = "FILE")]
    known: Vec<PathBuf>,

    /// Do not run a program again without the snippet behind a divergence that is known or
    /// already found (unmasking finds what such a divergence hides, at the cost of extra runs).
    #[arg(long)]
    no_unmask: bool,

    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: &FuzzArgs) -> Result<Status> {
    let config = campaign_config(args)?;
    let reducer: Box<dyn Reducer> = if args.reduce_time == 0 {
        Box::new(NoReduction)
    } else {
        Box::new(fuzz::default_reducer(Duration::from_secs(args.reduce_time)))
    };
    let stop = stop_on_ctrl_c()?;
    let bar = progress_bar(&config);
    let report = fuzz::run(&config, reducer.as_ref(), &stop, &mut |progress| update(&bar, &config, progress))?;
    bar.finish_and_clear();
    print!("{}", report.summary.table());
    Ok(if report.summary.session.new_findings > 0 { Status::Diverged } else { Status::Clean })
}

fn campaign_config(args: &FuzzArgs) -> Result<CampaignConfig> {
    let engines = args.engine.engine_names()?;
    let known = known_divergences(&args.known)?;
    let mut config = CampaignConfig {
        worker_program: std::env::current_exe().context("cannot find the closure-diff executable to start workers")?,
        engines,
        jobs: args.engine.jobs()?,
        seed: args.seed.unwrap_or_else(clock_seed),
        start_index: 0,
        iterations: args.iterations,
        time: args.time.map(Duration::from_secs),
        size: args.engine.size.unwrap_or(SizeArg::Medium).size(),
        swarm: args.engine.swarm,
        out: Some(args.out.clone()),
        timeout: args.engine.timeout()?,
        memory_limit: args.engine.memory_limit(),
        known,
        tally: Tally::default(),
        started_at: None,
        unmask: !args.no_unmask,
    };
    if args.resume {
        let state = State::load(&args.out)?.with_context(|| {
            format!("no campaign to resume: {} has no state.json (start one without --resume)", args.out.display())
        })?;
        resume(&mut config, args, state)?;
    }
    Ok(config)
}

/// Takes the campaign's identity (seed, size, swarm, engines) and progress from `state`; flags that
/// contradict it are an error rather than silently ignored.
fn resume(config: &mut CampaignConfig, args: &FuzzArgs, state: State) -> Result<()> {
    let dir = args.out.display();
    if args.seed.is_some_and(|seed| seed != state.seed) {
        bail!("--resume continues the campaign in {dir}, seeded {}; drop --seed or use another --out", state.seed);
    }
    if !args.engine.engines.is_empty() && args.engine.engines != state.engines {
        bail!(
            "--resume continues the campaign in {dir} on {}; drop --engines or use another --out",
            state.engines.join(",")
        );
    }
    let size = generator::Size::from_name(&state.size)
        .with_context(|| format!("{dir}/state.json names an unknown size `{}`", state.size))?;
    if args.engine.size.is_some_and(|flag| flag.size() != size) {
        bail!("--resume continues the campaign in {dir} at size {}; drop --size or use another --out", state.size);
    }
    if args.engine.swarm && !state.swarm {
        bail!("--resume continues the campaign in {dir} without --swarm; drop it or use another --out");
    }
    check_engines(&state.engines)?;
    config.seed = state.seed;
    config.engines = state.engines;
    config.size = size;
    config.swarm = state.swarm;
    config.start_index = state.next_index;
    config.tally = state.tally;
    config.started_at = Some(state.started_at);
    Ok(())
}

fn check_engines(names: &[String]) -> Result<()> {
    if names.is_empty() {
        bail!("no engines given");
    }
    for (at, name) in names.iter().enumerate() {
        if names[..at].contains(name) {
            bail!("engine `{name}` given more than once");
        }
        worker_engine_by_name(name, Duration::from_secs(1))?;
    }
    Ok(())
}

fn clock_seed() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs() ^ u64::from(since.subsec_nanos()))
}

/// A stop flag set by the first Ctrl-C (the campaign finishes the programs in flight, saves its
/// state and prints the summary); a second Ctrl-C exits at once, which loses nothing already written.
pub fn stop_on_ctrl_c() -> Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let presses = AtomicUsize::new(0);
    ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            flag.store(true, Ordering::SeqCst);
            eprintln!("\nstopping after the programs in flight (Ctrl-C again to quit at once; findings are safe)");
        } else {
            std::process::exit(130);
        }
    })
    .context("cannot install the Ctrl-C handler")?;
    Ok(stop)
}

fn progress_bar(config: &CampaignConfig) -> ProgressBar {
    let (bar, template) = match (config.time, config.iterations) {
        (Some(time), _) => (ProgressBar::new(time.as_secs()), "{spinner} [{elapsed_precise}] {bar:30} {msg}"),
        (None, Some(count)) => (ProgressBar::new(count), "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}"),
        (None, None) => (ProgressBar::new_spinner(), "{spinner} [{elapsed_precise}] {msg}"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn update(bar: &ProgressBar, config: &CampaignConfig, progress: &Progress) {
    if let Some(signing) = &progress.signing {
        let mut message = format!("signing known divergences: {}/{} repros run", signing.signed, signing.to_sign);
        if signing.cached > 0 {
            message.push_str(&format!(", {} from {}", signing.cached, fuzz::SIGNATURE_CACHE_FILE));
        }
        bar.set_message(message);
        bar.tick();
        return;
    }
    if config.time.is_some() {
        bar.set_position(progress.elapsed.as_secs());
    } else {
        bar.set_position(progress.programs);
    }
    let secs = progress.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { progress.programs as f64 / secs } else { 0.0 };
    let mut message = format!(
        "{} programs, {rate:.0}/s, {} divergences, {} unique findings ({} new), {:.1}% poisoned",
        progress.programs,
        progress.divergences,
        progress.unique_findings,
        progress.new_findings,
        progress.poisoned_share * 100.0
    );
    if progress.crashes_and_hangs > 0 {
        message.push_str(&format!(", {} crashes/hangs", progress.crashes_and_hangs));
    }
    bar.set_message(message);
    bar.tick();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_are_checked() {
        assert!(check_engines(&["ref".into(), "test-abort".into()]).is_ok());
        let twice = check_engines(&["ref".into(), "ref".into()]).expect_err("twice");
        assert_eq!(twice.to_string(), "engine `ref` given more than once");
        assert!(check_engines(&["v8".into()]).expect_err("unknown").to_string().contains("unknown engine `v8`"));
    }
}
