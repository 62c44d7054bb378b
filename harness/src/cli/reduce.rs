//! `closure-diff reduce`: shrink a diverging program to a small one that diverges the same way.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use clap::Args;
use harness::{
    engine_by_name, read_program, reduce_embedded_first, Engine, ReduceOptions, Signature, Trial, Verdict,
    DEFAULT_ENGINES,
};

use super::Status;

#[derive(Debug, Args)]
pub struct ReduceArgs {
    /// A JavaScript file, or a finding directory written by `closure-diff fuzz` (its `original.js` is
    /// reduced, on the engines its `finding.json` names).
    #[arg(value_name = "FILE|FINDING_DIR")]
    input: PathBuf,

    /// Engines to compare, comma-separated [default: the finding's engines, else ref,boa].
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    engines: Vec<String>,

    /// Stop after testing this many candidates and print the smallest program found so far.
    #[arg(long, value_name = "N", default_value_t = ReduceOptions::default().max_candidates)]
    max_candidates: usize,

    /// Stop after this many seconds and print the smallest program found so far.
    #[arg(long, value_name = "SECS")]
    time_limit: Option<u64>,

    /// Keep only the divergence class (same engines, same kind of difference), not the words that
    /// differ: reduces further, but may slide to another bug.
    #[arg(long)]
    class_only: bool,
}

/// The file to reduce and, for a finding directory, the engines its `finding.json` names and the
/// generator IR its origin regenerates (when that prints exactly `original.js`).
struct Input {
    path: PathBuf,
    engines: Option<Vec<String>>,
    program: Option<generator::Program>,
}

pub fn run(args: &ReduceArgs) -> Result<Status> {
    let input = input(&args.input)?;
    let names: Vec<String> = if !args.engines.is_empty() {
        args.engines.clone()
    } else if let Some(engines) = input.engines {
        engines
    } else {
        DEFAULT_ENGINES.iter().map(|name| (*name).to_owned()).collect()
    };
    let engines = engines(&names)?;
    let source = read_program(&input.path)?;

    let trial = Trial::run(&engines, &source);
    let file = input.path.display();
    let target = match &trial.verdict {
        Verdict::Diverge { .. } => Signature::of(&trial, &source).context("a divergence always has a signature")?,
        Verdict::Agree => {
            eprintln!("{file}: the engines ({}) agree; nothing to reduce", names.join(", "));
            return Ok(Status::NotDiverging);
        }
        Verdict::Poisoned { reason } => {
            eprintln!("{file}: poisoned by {reason}; nothing to compare, so nothing to reduce");
            return Ok(Status::NotDiverging);
        }
    };

    let options = ReduceOptions {
        max_candidates: args.max_candidates,
        time_limit: args.time_limit.map(Duration::from_secs),
        exact_difference: !args.class_only,
        ..ReduceOptions::default()
    };
    let started = Instant::now();
    let reduced = reduce_embedded_first(&source, input.program.as_ref(), &engines, &target, &options);
    let reduced = match reduced {
        Ok(reduced) => reduced,
        Err(err) => {
            // Only a flaky original gets here: the target was read off its own first run.
            eprintln!("{file}: {err}; nothing to reduce");
            return Ok(Status::NotDiverging);
        }
    };
    let reduction = &reduced.reduction;
    print!("{}", reduction.program);
    if !reduction.program.ends_with('\n') {
        println!();
    }
    eprintln!(
        "reduced {} → {} lines ({} → {} bytes) in {} candidates, {} accepted, {:.1} s{}; divergence {}, signature {}",
        source.lines().count(),
        reduction.program.lines().count(),
        source.len(),
        reduction.program.len(),
        reduction.candidates_tried,
        reduction.steps,
        started.elapsed().as_secs_f64(),
        if reduction.budget_exhausted { " (stopped by the budget)" } else { "" },
        reduced.signature.class,
        reduced.signature.id(),
    );
    Ok(Status::Clean)
}

/// A file is reduced as given; a directory must be a finding directory with `original.js`.
fn input(path: &Path) -> Result<Input> {
    if !path.is_dir() {
        return Ok(Input { path: path.to_owned(), engines: None, program: None });
    }
    let original = path.join("original.js");
    if !original.is_file() {
        bail!("{}: a directory without original.js; give a .js file or a finding directory", path.display());
    }
    let finding = path.join("finding.json");
    let (engines, program) = if finding.is_file() {
        let text = std::fs::read_to_string(&finding).with_context(|| format!("cannot read {}", finding.display()))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("{}: not valid JSON", finding.display()))?;
        (finding_engines(&json), generated_program(&json))
    } else {
        (None, None)
    };
    Ok(Input { path: original, engines, program })
}

/// The program a campaign generated, from the finding's `origin` (seed, size, profile, constructs
/// left out, swarm), so that the reduction can start on the generator's IR.
fn generated_program(json: &serde_json::Value) -> Option<generator::Program> {
    let origin = json.get("origin")?;
    let seed = origin.get("seed")?.as_u64()?;
    let size = generator::Size::from_name(origin.get("size")?.as_str()?)?;
    // Findings of earlier versions have no profile: their campaigns generated `full` programs.
    let profile = match origin.get("profile") {
        Some(name) => generator::Profile::from_name(name.as_str()?)?,
        None => generator::Profile::Full,
    };
    // Constructs the campaign left out for its engines (none in findings of earlier versions).
    let without = origin.get("without").and_then(serde_json::Value::as_array).into_iter().flatten();
    let without = without.map(|name| generator::Construct::from_name(name.as_str()?)).collect::<Option<_>>()?;
    let config = generator::Config { profile, without, ..generator::Config::sized(size) };
    Some(match origin.get("swarm").and_then(serde_json::Value::as_bool) {
        Some(true) => generator::Program::from_seed_swarm(seed, &config),
        _ => generator::Program::from_seed(seed, &config),
    })
}

/// The engines of a `finding.json`: its `engines` field as a list of names, or the keys of an
/// object keyed by engine name, in order.
fn finding_engines(json: &serde_json::Value) -> Option<Vec<String>> {
    let names: Vec<String> = match json.get("engines")? {
        serde_json::Value::Array(names) => names.iter().filter_map(|name| name.as_str().map(str::to_owned)).collect(),
        serde_json::Value::Object(engines) => engines.keys().cloned().collect(),
        _ => return None,
    };
    (!names.is_empty()).then_some(names)
}

fn engines(names: &[String]) -> Result<Vec<Box<dyn Engine>>> {
    let mut engines: Vec<Box<dyn Engine>> = Vec::with_capacity(names.len());
    for name in names {
        if engines.iter().any(|engine| engine.name() == name) {
            bail!("engine `{name}` given more than once");
        }
        engines.push(engine_by_name(name)?);
    }
    if engines.len() < 2 {
        bail!("reducing a divergence needs at least two engines (got {})", names.join(", "));
    }
    Ok(engines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_engines_come_from_a_list_or_an_object() {
        let list = serde_json::json!({"engines": ["ref", "boa"]});
        assert_eq!(finding_engines(&list), Some(vec!["ref".to_owned(), "boa".to_owned()]));
        let object = serde_json::json!({"engines": {"ref": {}, "boa": {}}});
        assert_eq!(finding_engines(&object).map(|names| names.len()), Some(2));
        assert_eq!(finding_engines(&serde_json::json!({"seed": 1})), None);
        assert_eq!(finding_engines(&serde_json::json!({"engines": []})), None);
    }

    #[test]
    fn one_engine_is_not_enough() {
        let err = engines(&["ref".to_owned()]).err().expect("one engine");
        assert!(err.to_string().contains("at least two engines"), "{err}");
        assert!(engines(&["ref".to_owned(), "ref".to_owned()]).is_err());
    }
}
