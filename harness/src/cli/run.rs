//! `closure-diff run`: run programs on engines, print each outcome and verdict, then a summary.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use clap::Args;
use harness::{
    collect_programs, engine_by_name, read_program, Engine, FileReport, Trial, Verdict,
    DEFAULT_ENGINES,
};

use super::Status;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Programs to run; directories are searched recursively for `*.js` files, in sorted order.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    paths: Vec<PathBuf>,

    /// An engine to run on; repeat to compare several [default: ref and boa] [known: ref, boa].
    #[arg(long = "engine", value_name = "NAME")]
    engines: Vec<String>,

    /// Print one JSON object per program, one per line, instead of the human-readable report.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &RunArgs) -> Result<Status> {
    let engines = engines(&args.engines)?;
    // Every input is checked before anything runs, so a bad path never leaves a half-written report.
    let programs = collect_programs(&args.paths)?;
    if programs.is_empty() {
        bail!("no .js programs found under the given paths");
    }
    let sources = programs
        .iter()
        .map(|path| Ok((path.display().to_string(), read_program(path)?)))
        .collect::<Result<Vec<_>>>()?;

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let tally = run_programs(&engines, &sources, args.json, &mut out)
        .context("writing the report to stdout")?;
    if args.json {
        // stdout stays pure JSON lines; the summary is for whoever watches the terminal.
        eprintln!("{tally}");
    }
    Ok(tally.status())
}

/// Runs every `(file, source)` on `engines`, writing one report per program (and, unless `json`, the
/// summary line) to `out`.
fn run_programs(
    engines: &[Box<dyn Engine>],
    sources: &[(String, String)],
    json: bool,
    out: &mut impl Write,
) -> io::Result<Tally> {
    let mut tally = Tally::default();
    for (file, source) in sources {
        let trial = Trial::run(engines, source);
        tally.count(&trial.verdict);
        if json {
            let line = serde_json::to_string(&FileReport {
                file,
                trial: &trial,
            })
            .map_err(io::Error::other)?;
            writeln!(out, "{line}")?;
        } else {
            write_human(out, file, &trial)?;
        }
    }
    if !json {
        writeln!(out, "{tally}")?;
    }
    out.flush()?;
    Ok(tally)
}

fn engines(names: &[String]) -> Result<Vec<Box<dyn Engine>>> {
    let names: Vec<&str> = if names.is_empty() {
        DEFAULT_ENGINES.to_vec()
    } else {
        names.iter().map(String::as_str).collect()
    };
    let mut engines: Vec<Box<dyn Engine>> = Vec::with_capacity(names.len());
    for name in names {
        if engines.iter().any(|engine| engine.name() == name) {
            bail!("engine `{name}` given more than once");
        }
        engines.push(engine_by_name(name)?);
    }
    Ok(engines)
}

fn write_human(out: &mut impl Write, file: &str, trial: &Trial) -> io::Result<()> {
    match &trial.verdict {
        Verdict::Agree => writeln!(out, "{file}: agree")?,
        Verdict::Diverge { .. } => writeln!(out, "{file}: DIVERGE")?,
        Verdict::Poisoned { reason } => writeln!(out, "{file}: poisoned by {reason}")?,
    }
    let width = trial
        .outcomes
        .iter()
        .map(|(engine, _)| engine.len())
        .max()
        .unwrap_or(0);
    for (engine, outcome) in &trial.outcomes {
        let count = outcome.output.len();
        let plural = if count == 1 { "" } else { "s" };
        writeln!(
            out,
            "  {engine:width$}  {}, {count} line{plural} printed",
            outcome.end
        )?;
    }
    if let Verdict::Diverge { first_difference } = &trial.verdict {
        writeln!(out, "  first difference: {first_difference}")?;
    }
    Ok(())
}

#[derive(Debug, Default)]
struct Tally {
    agree: usize,
    diverge: usize,
    poisoned: usize,
}

impl Tally {
    fn status(&self) -> Status {
        if self.diverge > 0 {
            Status::Diverged
        } else {
            Status::Clean
        }
    }

    fn count(&mut self, verdict: &Verdict) {
        match verdict {
            Verdict::Agree => self.agree += 1,
            Verdict::Diverge { .. } => self.diverge += 1,
            Verdict::Poisoned { .. } => self.poisoned += 1,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.agree + self.diverge + self.poisoned;
        let plural = if total == 1 { "" } else { "s" };
        write!(
            f,
            "{total} program{plural}: {} agree, {} diverge, {} poisoned",
            self.agree, self.diverge, self.poisoned
        )
    }
}

#[cfg(test)]
mod tests {
    use harness::{End, Outcome};

    use super::*;

    /// An engine that prints fixed lines, to make agreement and divergence on demand.
    struct Fixed(&'static str, &'static [&'static str]);

    impl Engine for Fixed {
        fn name(&self) -> &str {
            self.0
        }

        fn run(&self, _source: &str) -> Outcome {
            Outcome {
                output: self.1.iter().map(|line| (*line).to_owned()).collect(),
                end: End::Ok,
            }
        }
    }

    fn run_on(engines: Vec<Box<dyn Engine>>, json: bool) -> (Tally, String) {
        let sources = vec![
            ("a.js".to_owned(), String::new()),
            ("b.js".to_owned(), String::new()),
        ];
        let mut out = Vec::new();
        let tally = run_programs(&engines, &sources, json, &mut out).expect("writing to a Vec");
        (tally, String::from_utf8(out).expect("UTF-8 report"))
    }

    #[test]
    fn a_divergence_makes_the_run_diverged() {
        let engines: Vec<Box<dyn Engine>> = vec![
            Box::new(Fixed("one", &["1", "2"])),
            Box::new(Fixed("two", &["1", "3"])),
        ];
        let (tally, text) = run_on(engines, false);
        assert_eq!(tally.status(), Status::Diverged);
        assert!(text.contains("a.js: DIVERGE"), "{text}");
        assert!(
            text.contains(r#"first difference: output line 2: one: "2"; two: "3";"#),
            "{text}"
        );
        assert_eq!(
            text.lines().last(),
            Some("2 programs: 0 agree, 2 diverge, 0 poisoned")
        );
    }

    #[test]
    fn agreement_makes_the_run_clean() {
        let engines: Vec<Box<dyn Engine>> = vec![
            Box::new(Fixed("one", &["1"])),
            Box::new(Fixed("two", &["1"])),
        ];
        let (tally, text) = run_on(engines, true);
        assert_eq!(tally.status(), Status::Clean);
        assert_eq!(
            text.lines().count(),
            2,
            "JSON mode writes only the reports to stdout: {text}"
        );
    }

    #[test]
    fn divergences_are_reported_in_json() {
        let engines: Vec<Box<dyn Engine>> =
            vec![Box::new(Fixed("one", &[])), Box::new(Fixed("two", &["x"]))];
        let (_, text) = run_on(engines, true);
        let first: serde_json::Value =
            serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
        assert_eq!(first["verdict"], "diverge");
        assert_eq!(
            first["difference"]["lines"],
            serde_json::json!({"one": null, "two": "x"})
        );
    }
}
