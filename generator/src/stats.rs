//! Measures what a config generates: category coverage, size, and how programs end on the reference
//! interpreter.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::category::Category;
use crate::config::Config;
use crate::ir::Program;

/// The share of programs exercising one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryShare {
    pub category: &'static str,
    pub share: f64,
}

/// Statistics over `programs` programs generated from consecutive seeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub programs: usize,
    pub first_seed: u64,
    pub profile: &'static str,
    pub swarm: bool,
    /// For each implemented category, the share of programs containing it.
    pub categories: Vec<CategoryShare>,
    pub mean_statements: f64,
    pub mean_bytes: f64,
    /// Share of programs that ran to completion on the reference interpreter without an uncaught
    /// exception.
    pub completed: f64,
    /// Share that ended with an uncaught exception.
    pub threw: f64,
    /// Share the reference interpreter refused as unsupported (should be 0).
    pub unsupported: f64,
    /// Share the reference interpreter rejected as syntax errors (should be 0).
    pub syntax_error: f64,
    /// Share that hit a fuel, stack or memory limit (should be 0).
    pub exhausted: f64,
    /// Uncaught exceptions by constructor name, and the other non-completions by reason.
    pub endings: BTreeMap<String, usize>,
    /// Wall-clock seconds spent generating and printing the programs (varies from run to run).
    pub generation_seconds: f64,
    /// Wall-clock seconds the reference interpreter spent parsing and running them.
    pub interpreter_seconds: f64,
}

/// Generates `count` programs from seeds `seed, seed + 1, ...` with `cfg`, runs each on the reference
/// interpreter with default limits, and summarises.
pub fn stats(count: usize, seed: u64, cfg: &Config) -> Stats {
    stats_with(count, seed, cfg, false)
}

/// [`stats`], optionally in swarm mode ([`Program::from_seed_swarm`]).
pub fn stats_with(count: usize, seed: u64, cfg: &Config, swarm: bool) -> Stats {
    let mut hits = [0usize; Category::COUNT];
    let (mut statements, mut bytes) = (0usize, 0usize);
    let (mut completed, mut threw, mut unsupported, mut syntax, mut exhausted) = (0, 0, 0, 0, 0);
    let mut endings = BTreeMap::new();
    let (mut generation, mut running) = (Duration::ZERO, Duration::ZERO);
    for i in 0..count {
        let start = Instant::now();
        let seed = seed.wrapping_add(i as u64);
        let program = if swarm { Program::from_seed_swarm(seed, cfg) } else { Program::from_seed(seed, cfg) };
        let text = program.to_string();
        generation += start.elapsed();
        for c in program.categories().iter() {
            hits[c.index()] += 1;
        }
        statements += program.statement_count();
        bytes += text.len();
        let start = Instant::now();
        let out = interpreter::run(&text, &interpreter::Limits::default());
        running += start.elapsed();
        let ending = match out.completion {
            interpreter::Completion::Normal => {
                completed += 1;
                None
            }
            interpreter::Completion::Threw { constructor } => {
                threw += 1;
                Some(format!("uncaught {constructor}"))
            }
            interpreter::Completion::Unsupported(what) => {
                unsupported += 1;
                Some(format!("unsupported: {what}"))
            }
            interpreter::Completion::SyntaxError { .. } => {
                syntax += 1;
                Some("syntax error".to_string())
            }
            interpreter::Completion::Exhausted(r) => {
                exhausted += 1;
                Some(format!("exhausted {}", r.name()))
            }
        };
        if let Some(e) = ending {
            *endings.entry(e).or_insert(0) += 1;
        }
    }
    let share = |n: usize| if count == 0 { 0.0 } else { n as f64 / count as f64 };
    Stats {
        programs: count,
        first_seed: seed,
        profile: cfg.profile.name(),
        swarm,
        categories: Category::implemented_all()
            .map(|c| CategoryShare { category: c.name(), share: share(hits[c.index()]) })
            .collect(),
        mean_statements: share(statements),
        mean_bytes: share(bytes),
        completed: share(completed),
        threw: share(threw),
        unsupported: share(unsupported),
        syntax_error: share(syntax),
        exhausted: share(exhausted),
        endings,
        generation_seconds: generation.as_secs_f64(),
        interpreter_seconds: running.as_secs_f64(),
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let swarm = if self.swarm { ", swarm" } else { "" };
        writeln!(f, "{} programs from seed {} (profile {}{swarm})", self.programs, self.first_seed, self.profile)?;
        writeln!(f, "mean size: {:.1} statements, {:.0} bytes", self.mean_statements, self.mean_bytes)?;
        let per = |secs: f64| if self.programs == 0 { 0.0 } else { 1000.0 * secs / self.programs as f64 };
        let rate = if self.generation_seconds > 0.0 { self.programs as f64 / self.generation_seconds } else { 0.0 };
        let ratio =
            if self.interpreter_seconds > 0.0 { self.generation_seconds / self.interpreter_seconds } else { 0.0 };
        writeln!(
            f,
            "time: generation {:.2} ms/program ({rate:.0} programs/s), reference interpreter {:.2} ms/program \
             (generation/interpreter {ratio:.2})",
            per(self.generation_seconds),
            per(self.interpreter_seconds)
        )?;
        writeln!(f, "reference interpreter:")?;
        writeln!(f, "  completed without uncaught exception  {:6.1}%", 100.0 * self.completed)?;
        writeln!(f, "  uncaught exception                    {:6.1}%", 100.0 * self.threw)?;
        writeln!(f, "  unsupported                           {:6.1}%", 100.0 * self.unsupported)?;
        writeln!(f, "  syntax error                          {:6.1}%", 100.0 * self.syntax_error)?;
        writeln!(f, "  exhausted a limit                     {:6.1}%", 100.0 * self.exhausted)?;
        for (ending, n) in &self.endings {
            writeln!(f, "    {n:5}  {ending}")?;
        }
        writeln!(f, "programs containing each category:")?;
        for c in &self.categories {
            writeln!(f, "  {:16} {:6.1}%", c.category, 100.0 * c.share)?;
        }
        Ok(())
    }
}
