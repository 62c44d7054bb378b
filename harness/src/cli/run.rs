//! `closure-diff run`: run programs on engines, print each outcome and verdict, then a summary.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::Args;
use harness::known::Explanation;
use harness::{
    collect_programs, engine_by_name, read_program, Engine, FileReport, KnownDivergences, Trial, Verdict,
    DEFAULT_ENGINES, DEFAULT_KNOWN_DIVERGENCES,
};

use super::Status;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Programs to run; directories are searched recursively for `*.js` files, in sorted order.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    paths: Vec<PathBuf>,

    /// An engine to run on; repeat to compare several [default: ref, boa and quickjs] [known: ref, boa, quickjs].
    #[arg(long = "engine", value_name = "NAME")]
    engines: Vec<String>,

    /// Print one JSON object per program, one per line, instead of the human-readable report.
    #[arg(long)]
    json: bool,

    /// A known-divergence list (TOML) to use besides corpus/known-divergences.toml (when it exists); a
    /// divergence it lists is reported as known and does not make the run fail. Repeat it to combine
    /// lists; `none` leaves the corpus list out (alone, it disables every list).
    #[arg(long, value_name = "FILE")]
    known: Vec<PathBuf>,
}

pub fn run(args: &RunArgs) -> Result<Status> {
    let engines = engines(&args.engines)?;
    let known = known_divergences(&args.known)?;
    // Every input is checked before anything runs, so a bad path never leaves a half-written report.
    let programs = collect_programs(&args.paths)?;
    if programs.is_empty() {
        bail!("no .js programs found under the given paths");
    }
    let sources = programs
        .into_iter()
        .map(|path| {
            let source = read_program(&path)?;
            Ok(Program { name: path.display().to_string(), path, source })
        })
        .collect::<Result<Vec<_>>>()?;

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let tally =
        run_programs(&engines, &known, &sources, args.json, &mut out).context("writing the report to stdout")?;
    if args.json {
        // stdout stays pure JSON lines; the summary is for whoever watches the terminal.
        eprintln!("{tally}");
    }
    Ok(tally.status())
}

/// The known-divergence lists to use: the corpus list (when it exists relative to the current
/// directory) plus every `--known FILE`, since a third-party engine's list is written for campaigns
/// that also run the corpus engines, whose bugs must stay known. `--known none` leaves the corpus list
/// out: alone it disables every list, and beside files it keeps only those.
pub(super) fn known_divergences(flags: &[PathBuf]) -> Result<KnownDivergences> {
    let none = Path::new("none");
    let files: Vec<PathBuf> = flags.iter().filter(|flag| *flag != none).cloned().collect();
    let default = Path::new(DEFAULT_KNOWN_DIVERGENCES);
    let mut lists = Vec::new();
    if !flags.iter().any(|flag| flag == none) && default.exists() && !files.iter().any(|file| same_file(file, default))
    {
        lists.push(default.to_path_buf());
    }
    lists.extend(files);
    Ok(KnownDivergences::load_all(&lists)?)
}

/// Whether two paths name one existing file (so the corpus list given explicitly is not loaded twice).
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// One program to run: its path, the name reports use for it, and its text.
struct Program {
    path: PathBuf,
    name: String,
    source: String,
}

/// Runs every program on `engines`, writing one report per program (and, unless `json`, the
/// summary line) to `out`. Divergences that `known` explains are reported as known.
fn run_programs(
    engines: &[Box<dyn Engine>],
    known: &KnownDivergences,
    programs: &[Program],
    json: bool,
    out: &mut impl Write,
) -> io::Result<Tally> {
    let mut tally = Tally::default();
    for program in programs {
        let trial = Trial::run(engines, &program.source);
        let explained = known.explain(&program.path, &trial);
        tally.count(&trial.verdict, explained.is_some());
        let resembles: Vec<String> = match (&trial.verdict, &explained) {
            (Verdict::Diverge { .. }, None) => known
                .recognise(&program.source, &trial)
                .into_iter()
                .map(|index| &known.entries()[index])
                .map(|entry| format!("{} ({})", entry.program, entry.engine))
                .collect(),
            _ => Vec::new(),
        };
        if json {
            let report =
                FileReport { file: &program.name, trial: &trial, known: explained.as_ref(), resembles: &resembles };
            let line = serde_json::to_string(&report).map_err(io::Error::other)?;
            writeln!(out, "{line}")?;
        } else {
            write_human(out, &program.name, &trial, explained.as_ref())?;
            if !resembles.is_empty() {
                // Patterns are written for reduced programs: a hint, not a verdict.
                writeln!(out, "  resembles known: {}", resembles.join(", "))?;
            }
        }
    }
    if !json {
        writeln!(out, "{tally}")?;
    }
    out.flush()?;
    Ok(tally)
}

fn engines(names: &[String]) -> Result<Vec<Box<dyn Engine>>> {
    let names: Vec<&str> =
        if names.is_empty() { DEFAULT_ENGINES.to_vec() } else { names.iter().map(String::as_str).collect() };
    let mut engines: Vec<Box<dyn Engine>> = Vec::with_capacity(names.len());
    for name in names {
        if engines.iter().any(|engine| engine.name() == name) {
            bail!("engine `{name}` given more than once");
        }
        engines.push(engine_by_name(name)?);
    }
    Ok(engines)
}

fn write_human(out: &mut impl Write, file: &str, trial: &Trial, known: Option<&Explanation<'_>>) -> io::Result<()> {
    match (&trial.verdict, known) {
        (Verdict::Agree, _) => writeln!(out, "{file}: agree")?,
        (Verdict::Diverge { .. }, Some(known)) => {
            writeln!(out, "{file}: known divergence ({}): {}", known.engines(), known.why())?;
        }
        (Verdict::Diverge { .. }, None) => writeln!(out, "{file}: DIVERGE")?,
        (Verdict::Poisoned { reason }, _) => writeln!(out, "{file}: poisoned by {reason}")?,
    }
    let width = trial.outcomes.iter().map(|(engine, _)| engine.len()).max().unwrap_or(0);
    for (engine, outcome) in &trial.outcomes {
        let count = outcome.output.len();
        let plural = if count == 1 { "" } else { "s" };
        writeln!(out, "  {engine:width$}  {}, {count} line{plural} printed", outcome.end)?;
    }
    if let Verdict::Diverge { first_difference } = &trial.verdict {
        writeln!(out, "  first difference: {first_difference}")?;
    }
    Ok(())
}

#[derive(Debug, Default)]
struct Tally {
    agree: usize,
    /// Every divergence, known or not.
    diverge: usize,
    /// The divergences the known-divergence list explains.
    known: usize,
    poisoned: usize,
}

impl Tally {
    /// Clean unless some divergence is not a known one.
    fn status(&self) -> Status {
        if self.diverge > self.known {
            Status::Diverged
        } else {
            Status::Clean
        }
    }

    fn count(&mut self, verdict: &Verdict, known: bool) {
        match verdict {
            Verdict::Agree => self.agree += 1,
            Verdict::Diverge { .. } => {
                self.diverge += 1;
                self.known += usize::from(known);
            }
            Verdict::Poisoned { .. } => self.poisoned += 1,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.agree + self.diverge + self.poisoned;
        let plural = if total == 1 { "" } else { "s" };
        write!(f, "{total} program{plural}: {} agree, {} diverge", self.agree, self.diverge)?;
        if self.known > 0 {
            write!(f, " ({} known)", self.known)?;
        }
        write!(f, ", {} poisoned", self.poisoned)
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
            Outcome { output: self.1.iter().map(|line| (*line).to_owned()).collect(), end: End::Ok }
        }
    }

    fn run_on(engines: Vec<Box<dyn Engine>>, json: bool) -> (Tally, String) {
        run_with(engines, &KnownDivergences::none(), json)
    }

    fn run_with(engines: Vec<Box<dyn Engine>>, known: &KnownDivergences, json: bool) -> (Tally, String) {
        let programs: Vec<Program> = ["a.js", "b.js"]
            .into_iter()
            .map(|name| Program { path: PathBuf::from(name), name: name.to_owned(), source: String::new() })
            .collect();
        let mut out = Vec::new();
        let tally = run_programs(&engines, known, &programs, json, &mut out).expect("writing to a Vec");
        (tally, String::from_utf8(out).expect("UTF-8 report"))
    }

    fn known_a() -> KnownDivergences {
        let list = r#"
            [[divergence]]
            program = "a.js"
            engine = "boa"
            differs = "prints 3"
            why = "boa is wrong"
            repro = "print(3)"
        "#;
        KnownDivergences::parse(list, Path::new("known.toml")).expect("a valid list")
    }

    fn ref_and_boa_differ() -> Vec<Box<dyn Engine>> {
        vec![Box::new(Fixed("ref", &["2"])), Box::new(Fixed("boa", &["3"]))]
    }

    #[test]
    fn a_known_divergence_is_reported_but_not_a_failure() {
        let (tally, text) = run_with(ref_and_boa_differ(), &known_a(), false);
        assert!(text.contains("a.js: known divergence (boa): boa is wrong"), "{text}");
        assert!(text.contains("b.js: DIVERGE"), "{text}");
        assert_eq!(tally.status(), Status::Diverged, "b.js is not listed");
        assert_eq!(text.lines().last(), Some("2 programs: 0 agree, 2 diverge (1 known), 0 poisoned"));

        let (_, text) = run_with(ref_and_boa_differ(), &known_a(), true);
        let reports: Vec<serde_json::Value> =
            text.lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
        assert_eq!(reports[0]["verdict"], "diverge");
        assert_eq!(reports[0]["known"], serde_json::json!({"engine": "boa", "why": "boa is wrong"}));
        assert_eq!(reports[1]["verdict"], "diverge");
        assert_eq!(reports[1]["known"], serde_json::Value::Null);
    }

    #[test]
    fn a_divergence_a_pattern_recognises_is_hinted_but_still_counts() {
        let list = r#"
            [[divergence]]
            program = "elsewhere.js"
            engine = "boa"
            differs = "prints 3"
            why = "boa is wrong"
            repro = "print(3)"
            pattern = 'print\(3\)'
        "#;
        let known = KnownDivergences::parse(list, Path::new("known.toml")).expect("a valid list");
        let programs: Vec<Program> = [("a.js", "print(3)"), ("b.js", "print(4)")]
            .into_iter()
            .map(|(name, source)| Program { path: PathBuf::from(name), name: name.to_owned(), source: source.into() })
            .collect();
        let mut out = Vec::new();
        let tally = run_programs(&ref_and_boa_differ(), &known, &programs, false, &mut out).expect("writing to a Vec");
        let text = String::from_utf8(out).expect("UTF-8 report");
        assert_eq!(tally.status(), Status::Diverged);
        assert_eq!(text.matches("resembles known: elsewhere.js (boa)").count(), 1, "{text}");
        assert!(text.contains("a.js: DIVERGE\n"), "{text}");

        let mut out = Vec::new();
        run_programs(&ref_and_boa_differ(), &known, &programs, true, &mut out).expect("writing to a Vec");
        let reports: Vec<serde_json::Value> = String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .map(|line| serde_json::from_str(line).expect("JSON"))
            .collect();
        assert_eq!(reports[0]["resembles"], serde_json::json!(["elsewhere.js (boa)"]));
        assert_eq!(reports[1].get("resembles"), None);
    }

    #[test]
    fn only_known_divergences_make_the_run_clean() {
        let mut tally = Tally::default();
        tally.count(&Verdict::Agree, false);
        tally.count(&Verdict::Poisoned { reason: "x".into() }, false);
        tally.count(&Verdict::Diverge { first_difference: harness::Difference::End { ends: vec![] } }, true);
        assert_eq!(tally.status(), Status::Clean);
        assert_eq!(tally.to_string(), "3 programs: 1 agree, 1 diverge (1 known), 1 poisoned");
    }

    #[test]
    fn a_divergence_makes_the_run_diverged() {
        let engines: Vec<Box<dyn Engine>> =
            vec![Box::new(Fixed("one", &["1", "2"])), Box::new(Fixed("two", &["1", "3"]))];
        let (tally, text) = run_on(engines, false);
        assert_eq!(tally.status(), Status::Diverged);
        assert!(text.contains("a.js: DIVERGE"), "{text}");
        assert!(text.contains(r#"first difference: output line 2: one: "2"; two: "3";"#), "{text}");
        assert_eq!(text.lines().last(), Some("2 programs: 0 agree, 2 diverge, 0 poisoned"));
    }

    #[test]
    fn agreement_makes_the_run_clean() {
        let engines: Vec<Box<dyn Engine>> = vec![Box::new(Fixed("one", &["1"])), Box::new(Fixed("two", &["1"]))];
        let (tally, text) = run_on(engines, true);
        assert_eq!(tally.status(), Status::Clean);
        assert_eq!(text.lines().count(), 2, "JSON mode writes only the reports to stdout: {text}");
    }

    #[test]
    fn divergences_are_reported_in_json() {
        let engines: Vec<Box<dyn Engine>> = vec![Box::new(Fixed("one", &[])), Box::new(Fixed("two", &["x"]))];
        let (_, text) = run_on(engines, true);
        let first: serde_json::Value = serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
        assert_eq!(first["verdict"], "diverge");
        assert_eq!(first["difference"]["lines"], serde_json::json!({"one": null, "two": "x"}));
    }
}
