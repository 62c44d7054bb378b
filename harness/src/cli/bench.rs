//! `closure-diff bench`: the fuzzing loop on a fixed set of programs, measured in one run:
//! programs per second, where the time goes (generation, each engine, comparison, triage, harness
//! overhead), CPU of the campaign and of its workers, and the workers' peak memory.

use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use clap::Args;
use harness::fuzz::{self, CampaignConfig, NoReduction, Reducer, Report, Tally};
use harness::KnownDivergences;

use super::fuzz::{EngineArgs, SizeArg};
use super::Status;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Programs to run (program i is generated from seed S+i).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    programs: u64,

    /// Seed of the first program.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,

    /// Seconds each divergence may spend in the reducer (0: divergences are confirmed, not reduced,
    /// so the figures measure the loop itself).
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    reduce_time: u64,

    /// Instead of the fuzzing loop: run N generated programs on node through its persistent worker
    /// and again with one process per program, and print both rates and their ratio.
    #[arg(long, value_name = "N")]
    node_worker: Option<u64>,

    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: &BenchArgs) -> Result<Status> {
    if let Some(programs) = args.node_worker {
        return node_worker_vs_processes(programs, args.seed, args.engine.size.unwrap_or(SizeArg::Medium).size());
    }
    let config = CampaignConfig {
        worker_program: std::env::current_exe().context("cannot find the closure-diff executable to start workers")?,
        engines: args.engine.engine_names()?,
        jobs: args.engine.jobs()?,
        seed: args.seed,
        start_index: 0,
        iterations: Some(args.programs),
        time: None,
        size: args.engine.size.unwrap_or(SizeArg::Medium).size(),
        swarm: args.engine.swarm,
        out: None,
        timeout: args.engine.timeout()?,
        memory_limit: args.engine.memory_limit(),
        known: KnownDivergences::none(),
        tally: Tally::default(),
        started_at: None,
        unmask: true,
    };
    let reducer: Box<dyn Reducer> = if args.reduce_time == 0 {
        Box::new(NoReduction)
    } else {
        Box::new(fuzz::default_reducer(Duration::from_secs(args.reduce_time)))
    };
    let stop = Arc::new(AtomicBool::new(false));
    let before = Cpu::now();
    let started = Instant::now();
    let report = fuzz::run(&config, reducer.as_ref(), &stop, &mut |_| {})?;
    let wall = started.elapsed();
    let cpu = Cpu::now().since(&before);
    print!("{}", render(&config, &report, wall, &cpu));
    Ok(Status::Clean)
}

/// CPU time of this process and of its reaped children (the workers, once shut down).
#[derive(Debug, Clone, Copy)]
struct Cpu {
    own: Duration,
    children: Duration,
    children_peak_rss: u64,
}

impl Cpu {
    fn now() -> Cpu {
        let (own, _) = usage(libc::RUSAGE_SELF);
        let (children, peak) = usage(libc::RUSAGE_CHILDREN);
        Cpu { own, children, children_peak_rss: peak }
    }

    fn since(&self, before: &Cpu) -> Cpu {
        Cpu {
            own: self.own.saturating_sub(before.own),
            children: self.children.saturating_sub(before.children),
            children_peak_rss: self.children_peak_rss,
        }
    }
}

/// User plus system time and peak RSS (bytes) of `who`.
fn usage(who: libc::c_int) -> (Duration, u64) {
    // SAFETY: an all-zero rusage is a valid value, and getrusage only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage.
    if unsafe { libc::getrusage(who, &mut usage) } != 0 {
        return (Duration::ZERO, 0);
    }
    let time = |tv: libc::timeval| {
        Duration::from_secs(u64::try_from(tv.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(tv.tv_usec).unwrap_or(0))
    };
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (time(usage.ru_utime) + time(usage.ru_stime), peak)
}

fn render(config: &CampaignConfig, report: &Report, wall: Duration, cpu: &Cpu) -> String {
    let summary = &report.summary;
    let programs = summary.session.programs.max(1);
    let per = |time: Duration| time.as_secs_f64() * 1000.0 / programs as f64;
    let rate = summary.session.programs as f64 / wall.as_secs_f64().max(f64::EPSILON);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "closure-diff bench: {} programs (seeds {}..{}, size {}{}) on {}, {} lane{}, in {:.2} s: {rate:.0} programs/s",
        summary.session.programs,
        config.seed,
        config.seed.wrapping_add(summary.session.programs),
        summary.size,
        if config.swarm { ", swarm" } else { "" },
        config.engines.join(","),
        config.jobs,
        if config.jobs == 1 { "" } else { "s" },
        wall.as_secs_f64()
    );
    let _ = writeln!(
        text,
        "  verdicts: {} agree, {} diverge, {} poisoned ({:.1}%), {} crashed, {} hangs",
        summary.session.agree,
        summary.session.diverge,
        summary.session.poisoned,
        summary.poisoned_share * 100.0,
        summary.session.crashed,
        summary.session.hangs
    );
    // The split is in CPU time, all processes together: it adds up however the lanes and workers
    // overlap (the lanes generate the next program while the workers run the current one).
    let total = cpu.own + cpu.children;
    let engines: Vec<(&str, Duration, u64)> = summary
        .workers
        .iter()
        .map(|line| (line.engine.as_str(), Duration::from_secs_f64(line.engine_cpu_secs), line.runs))
        .collect();
    let engines_cpu: Duration = engines.iter().map(|(_, time, _)| *time).sum();
    let overhead = total.saturating_sub(report.generate_cpu).saturating_sub(engines_cpu).saturating_sub(report.compare);
    let _ = writeln!(
        text,
        "  CPU time, all processes ({:.2} s: campaign {:.2} s, workers {:.2} s; {:.2} of {} cores busy):",
        total.as_secs_f64(),
        cpu.own.as_secs_f64(),
        cpu.children.as_secs_f64(),
        total.as_secs_f64() / wall.as_secs_f64().max(f64::EPSILON),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let total_secs = total.as_secs_f64().max(f64::EPSILON);
    let mut row = |name: &str, time: Duration, note: String| {
        let _ = writeln!(
            text,
            "    {name:28} {:8.3} s  {:5.1}%  {:7.3} ms/program{note}",
            time.as_secs_f64(),
            time.as_secs_f64() * 100.0 / total_secs,
            per(time)
        );
    };
    row("generation (and printing)", report.generate_cpu, String::new());
    for (engine, time, runs) in &engines {
        let extra = runs.saturating_sub(summary.session.programs);
        let note = if extra > 0 { format!("  ({extra} confirmation runs included)") } else { String::new() };
        row(&format!("engine {engine}"), *time, note);
    }
    row("comparison", report.compare, String::new());
    row("harness overhead", overhead, "  (IPC, JSON, threads, worker starts, triage)".to_owned());
    let _ = writeln!(
        text,
        "  wall clock per lane: engines {:.3} ms/program (slowest engine {:.3}), generation {:.3}, triage {:.3}",
        per(report.engine_phase),
        per(report.critical),
        per(report.generate),
        per(report.triage)
    );
    let memory: Vec<String> = report
        .peak_memory
        .iter()
        .map(|(engine, peak)| match peak {
            Some(bytes) => format!("{engine} {:.0} MiB", *bytes as f64 / f64::from(1 << 20)),
            None => format!("{engine} unknown"),
        })
        .collect();
    let _ = writeln!(
        text,
        "  peak worker memory (RSS): {} (largest child overall {:.0} MiB)",
        memory.join(", "),
        cpu.children_peak_rss as f64 / f64::from(1 << 20)
    );
    // The targets, for `ref,boa`: generation, the reference interpreter and comparison
    // together at most a quarter of Boa's own time.
    let cpu_of = |name: &str| engines.iter().find(|(engine, _, _)| *engine == name).map(|(_, time, _)| *time);
    if let (Some(reference), Some(boa)) = (cpu_of("ref"), cpu_of("boa")) {
        let ours = report.generate_cpu + reference + report.compare;
        let _ = writeln!(
            text,
            "  targets: {rate:.0} programs/s (target: 2000 on 2 cores); generation + ref + comparison = {:.2} x boa's CPU time (target: <= 0.25)",
            ours.as_secs_f64() / boa.as_secs_f64().max(f64::EPSILON)
        );
    }
    text
}

/// node through the persistent worker against one node process per program, on the same programs.
fn node_worker_vs_processes(programs: u64, seed: u64, size: generator::Size) -> Result<Status> {
    use harness::engines::external::ExternalEngine;
    use harness::Engine as _;

    anyhow::ensure!(programs > 0, "--node-worker needs at least one program");
    let config = generator::Config::sized(size);
    let sources: Vec<String> =
        (0..programs).map(|at| generator::Program::from_seed(seed.wrapping_add(at), &config).to_string()).collect();
    let worker = ExternalEngine::by_name("node").map_err(|err| anyhow::anyhow!("{err}"))?.with_worker(true);
    let processes = ExternalEngine::by_name("node").map_err(|err| anyhow::anyhow!("{err}"))?.with_worker(false);
    // Start the worker outside the measurement, as a campaign does once.
    worker.run("print(0)");
    let measure = |engine: &ExternalEngine| {
        let started = Instant::now();
        let outcomes: Vec<_> = sources.iter().map(|source| engine.run(source)).collect();
        (started.elapsed(), outcomes)
    };
    let (worker_time, worker_outcomes) = measure(&worker);
    let (process_time, process_outcomes) = measure(&processes);
    let same = worker_outcomes.iter().zip(&process_outcomes).filter(|(a, b)| a == b).count();
    let rate = |time: Duration| programs as f64 / time.as_secs_f64().max(f64::EPSILON);
    println!(
        "closure-diff bench --node-worker: {programs} programs (seeds {seed}..{}), one at a time",
        seed.wrapping_add(programs)
    );
    println!(
        "  node, persistent worker:     {:8.2} s  {:8.1} programs/s  {:7.2} ms/program",
        worker_time.as_secs_f64(),
        rate(worker_time),
        worker_time.as_secs_f64() * 1000.0 / programs as f64
    );
    println!(
        "  node, process per program:   {:8.2} s  {:8.1} programs/s  {:7.2} ms/program",
        process_time.as_secs_f64(),
        rate(process_time),
        process_time.as_secs_f64() * 1000.0 / programs as f64
    );
    println!(
        "  ratio: the worker runs {:.1}x more programs per second (target: >= 10); same outcome on {same} of {programs} programs",
        rate(worker_time) / rate(process_time)
    );
    Ok(Status::Clean)
}
