//! The conformance matrix (`closure-diff matrix`): the corpus and generated programs on every engine,
//! judged by majority, broken down by MISSION.md's categories, with a reduced repro for failures.
//!
//! - **Programs.** Every corpus program (its category is its folder; folders that are not a
//!   MISSION category count under `other`) and, for each distinct language among the engines (a
//!   profile, less the constructs an engine lacks: [`Language`]), `programs` generated programs of
//!   that language, each focused on one category in turn
//!   (only that category's producer switched on; its categories are the generator's tags). A
//!   program runs on the engines whose language covers it (a corpus program, on those whose profile
//!   is `full`: an engine lacking a construct it uses says so at run time).
//! - **Verdicts.** Engines whose run was poisoned (a limit, a missing feature) sit the program out.
//!   Among the others, the *majority* is the largest group with identical compared output and end,
//!   if it holds more than half of them; each engine then agrees or disagrees with it. Without a
//!   majority the program counts nowhere (reported as such).
//! - **Cells.** Per category and engine: the share of programs agreeing with the majority, and up to
//!   [`MatrixConfig::repros_per_cell`] reduced repros (one per signature) of the disagreements.
//! - **Lifetime.** With `ref` among the engines, every program's lifetime probes are judged
//!   ([`crate::lifetime`]): premature collections (bugs), leaks (information) and how often each
//!   engine keeps `retained` objects (a variable kept alive through a sibling closure's scope).
//!
//! The report is written as `matrix.md`, `matrix.json` and a self-contained `matrix.html`, plus
//! `repros/<signature>.js`, each atomically.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use generator::{Category, Config, Profile, Size};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{covers, engine_by_name, Engine, Language, UnknownEngine};
use crate::lifetime::{self, LifetimeClass};
use crate::outcome::{End, Outcome};
use crate::reduce::{reduce, ReduceOptions};
use crate::signature::Signature;
use crate::trial::Trial;

/// The row for corpus programs whose folder is not a MISSION category.
pub const OTHER: &str = "other";

/// What to run and how.
#[derive(Debug, Clone)]
pub struct MatrixConfig {
    /// Engine names, in column order.
    pub engines: Vec<String>,
    /// Generated programs per distinct language.
    pub programs: usize,
    /// The seed of the first generated program.
    pub seed: u64,
    /// Generated program size.
    pub size: Size,
    /// Corpus program files (with their category), run before the generated ones.
    pub corpus: Vec<(PathBuf, String)>,
    /// Reduced repros kept per failing cell, at most.
    pub repros_per_cell: usize,
    /// Time limit per reduction.
    pub reduce_time: Duration,
    /// Show a progress bar.
    pub progress: bool,
}

/// One program of the run.
struct Input {
    /// `corpus/programs/x/y.js` or `seed 42 (es5)`.
    origin: String,
    source: String,
    categories: Vec<String>,
    /// What the program may use: `None` for a corpus program, which runs on every engine whose
    /// profile is `full`.
    language: Option<Language>,
    /// How to run it again.
    command: String,
}

/// One cell: an engine on a category.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub agree: usize,
    pub disagree: usize,
    /// Repro ids (keys of [`Matrix::repros`]).
    pub repros: Vec<String>,
}

impl Cell {
    /// Agreeing share, `None` when the engine was judged on no program of the category.
    pub fn share(&self) -> Option<f64> {
        let total = self.agree + self.disagree;
        (total > 0).then(|| self.agree as f64 / total as f64)
    }
}

/// Lifetime results of one engine.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LifetimeCell {
    /// Live objects collected: bugs.
    pub premature: usize,
    /// Garbage kept after a forced collection: information.
    pub leaks: usize,
    /// Live and garbage probes judged.
    pub judged: usize,
    /// `retained` probes (reachable only through slots no code can read) the engine kept / freed.
    pub retained_kept: usize,
    pub retained_freed: usize,
    /// Repro ids of premature collections.
    pub repros: Vec<String>,
}

/// A reduced program showing one engine's disagreement.
#[derive(Debug, Clone, Serialize)]
pub struct Repro {
    pub id: String,
    /// The engines outside the majority.
    pub engines: Vec<String>,
    pub origin: String,
    pub command: String,
    pub difference: String,
    pub program: String,
    /// Each engine's outcome on the reduced program.
    pub outcomes: BTreeMap<String, Outcome>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub engines: Vec<String>,
    /// Row names in report order (MISSION categories, then `other`).
    pub categories: Vec<String>,
    /// `cells[category][engine]`.
    pub cells: BTreeMap<String, BTreeMap<String, Cell>>,
    pub lifetime: BTreeMap<String, LifetimeCell>,
    pub repros: BTreeMap<String, Repro>,
    pub programs: usize,
    pub no_majority: usize,
    /// Programs on which every engine that ran was poisoned but at most one.
    pub not_compared: usize,
    pub seed: u64,
}

/// A reduced repro and the cells (rows × engines) it explains.
struct Linked {
    repro: Repro,
    rows: Vec<String>,
    engines: Vec<String>,
}

/// A program's disagreement with the majority, waiting for reduction.
struct Failure {
    input: usize,
    engines: Vec<String>,
    categories: Vec<String>,
    lifetime: bool,
}

/// The category of a corpus program: its folder when that is a MISSION category, else [`OTHER`].
pub fn corpus_category(folder: &str) -> String {
    if Category::ALL.iter().any(|category| category.name() == folder) {
        folder.to_owned()
    } else {
        OTHER.to_owned()
    }
}

/// Runs the matrix. Fails only when an engine name is unknown.
pub fn run_matrix(config: &MatrixConfig) -> Result<Matrix, UnknownEngine> {
    let engines: Vec<Box<dyn Engine>> =
        config.engines.iter().map(|name| engine_by_name(name)).collect::<Result<_, _>>()?;
    let languages: Vec<Language> = config.engines.iter().map(|name| Language::of_engine(name)).collect();
    let inputs = inputs(config, &languages);

    let bar = progress_bar(config.progress, inputs.len() as u64, "running");
    let trials: Vec<(Vec<usize>, Trial)> = inputs
        .par_iter()
        .map(|input| {
            let runs = |engine: &Language| match &input.language {
                Some(language) => engine.covers(language),
                None => covers(engine.profile, Profile::Full),
            };
            let chosen: Vec<usize> = (0..engines.len()).filter(|&i| runs(&languages[i])).collect();
            let outcomes =
                chosen.iter().map(|&i| (engines[i].name().to_owned(), engines[i].run(&input.source))).collect();
            bar.inc(1);
            (chosen, Trial::from_outcomes(outcomes))
        })
        .collect();
    bar.finish_and_clear();

    let mut categories: Vec<String> = Category::ALL.iter().map(|category| category.name().to_owned()).collect();
    categories.push(OTHER.to_owned());
    let mut matrix = Matrix {
        engines: config.engines.clone(),
        cells: categories
            .iter()
            .map(|category| {
                (category.clone(), config.engines.iter().map(|engine| (engine.clone(), Cell::default())).collect())
            })
            .collect(),
        categories,
        lifetime: config.engines.iter().map(|engine| (engine.clone(), LifetimeCell::default())).collect(),
        repros: BTreeMap::new(),
        programs: inputs.len(),
        no_majority: 0,
        not_compared: 0,
        seed: config.seed,
    };

    let mut failures = Vec::new();
    for (index, (input, (_, trial))) in inputs.iter().zip(&trials).enumerate() {
        let judged: Vec<&(String, Outcome)> =
            trial.outcomes.iter().filter(|(_, outcome)| !outcome.is_poisoning()).collect();
        if judged.len() < 2 {
            matrix.not_compared += 1;
            continue;
        }
        let Some(majority) = majority(&judged) else {
            matrix.no_majority += 1;
            continue;
        };
        let outsiders: Vec<String> =
            judged.iter().filter(|(_, outcome)| key(outcome) != majority).map(|(engine, _)| engine.clone()).collect();
        for (engine, _) in &judged {
            for category in &input.categories {
                let cell = matrix.cells.get_mut(category).and_then(|row| row.get_mut(engine));
                if let Some(cell) = cell {
                    if outsiders.contains(engine) {
                        cell.disagree += 1;
                    } else {
                        cell.agree += 1;
                    }
                }
            }
        }
        if !outsiders.is_empty() {
            failures.push(Failure {
                input: index,
                engines: outsiders,
                categories: input.categories.clone(),
                lifetime: false,
            });
        }
        let premature = judge_lifetime(&mut matrix.lifetime, trial);
        if !premature.is_empty() {
            failures.push(Failure { input: index, engines: premature, categories: Vec::new(), lifetime: true });
        }
    }

    reduce_failures(config, &engines, &inputs, &trials, failures, &mut matrix);
    Ok(matrix)
}

fn inputs(config: &MatrixConfig, languages: &[Language]) -> Vec<Input> {
    let mut inputs: Vec<Input> = config
        .corpus
        .iter()
        .filter_map(|(path, category)| {
            let source = crate::read_program(path).ok()?;
            Some(Input {
                origin: path.display().to_string(),
                command: format!("closure-diff run {}", path.display()),
                source,
                categories: vec![category.clone()],
                language: None,
            })
        })
        .collect();
    let mut distinct: Vec<&Language> = Vec::new();
    for language in languages {
        if !distinct.contains(&language) {
            distinct.push(language);
        }
    }
    distinct.sort_by_key(|language| language.sort_key());
    for language in distinct {
        let base = language.config(config.size);
        // One category per program, in turn, so that a failure is charged to the category that
        // caused it rather than to every category a mixed program happens to contain.
        let focused: Vec<Config> = Category::ALL
            .iter()
            .filter(|category| base.effective_weight(**category) > 0)
            .map(|focus| {
                let mut cfg = base.clone();
                for other in Category::ALL.iter().filter(|other| *other != focus) {
                    cfg.set_weight(*other, 0);
                }
                cfg
            })
            .collect();
        for offset in 0..config.programs as u64 {
            let seed = config.seed.wrapping_add(offset);
            let generator = &focused[offset as usize % focused.len().max(1)];
            let program = generator::Program::from_seed(seed, generator);
            inputs.push(Input {
                origin: format!("seed {seed} ({})", language.describe()),
                command: format!(
                    "closure-diff gen --seed {seed} --profile {}{} --size {} > p.js && closure-diff run p.js",
                    language.profile.name(),
                    match language.without.is_empty() {
                        true => String::new(),
                        false => format!(" --without {}", language.without_names().join(",")),
                    },
                    config.size.name()
                ),
                source: program.to_string(),
                categories: program.categories().iter().map(|category| category.name().to_owned()).collect(),
                language: Some(language.clone()),
            });
        }
    }
    inputs
}

/// What must be identical for two engines to agree: the compared lines and the end.
fn key(outcome: &Outcome) -> (Vec<&String>, &End) {
    (lifetime::compared_lines(outcome), &outcome.end)
}

/// The outcome key shared by more than half of `judged`, if any.
fn majority<'a>(judged: &[&'a (String, Outcome)]) -> Option<(Vec<&'a String>, &'a End)> {
    let mut groups: Vec<((Vec<&String>, &End), usize)> = Vec::new();
    for (_, outcome) in judged {
        let k = key(outcome);
        match groups.iter_mut().find(|(group, _)| *group == k) {
            Some((_, count)) => *count += 1,
            None => groups.push((k, 1)),
        }
    }
    groups.into_iter().find(|(_, count)| count * 2 > judged.len()).map(|(k, _)| k)
}

/// Counts one program's probes per engine; returns the engines that collected a live object.
fn judge_lifetime(cells: &mut BTreeMap<String, LifetimeCell>, trial: &Trial) -> Vec<String> {
    let judgment = lifetime::judge(&trial.outcomes);
    for seen in &judgment.observations {
        let Some(cell) = cells.get_mut(&seen.engine) else { continue };
        match (seen.class, seen.kept) {
            (LifetimeClass::Retained, true) => cell.retained_kept += 1,
            (LifetimeClass::Retained, false) => cell.retained_freed += 1,
            _ => cell.judged += 1,
        }
    }
    for collection in &judgment.premature {
        if let Some(cell) = cells.get_mut(&collection.engine) {
            cell.premature += 1;
        }
    }
    for leak in &judgment.leaks {
        if let Some(cell) = cells.get_mut(&leak.engine) {
            cell.leaks += 1;
        }
    }
    let mut engines: Vec<String> = judgment.premature.into_iter().map(|collection| collection.engine).collect();
    engines.dedup();
    engines
}

/// Reduces up to `repros_per_cell` failures per cell (one per signature), in parallel, and links
/// each repro from the cells it explains.
fn reduce_failures(
    config: &MatrixConfig,
    engines: &[Box<dyn Engine>],
    inputs: &[Input],
    trials: &[(Vec<usize>, Trial)],
    failures: Vec<Failure>,
    matrix: &mut Matrix,
) {
    // Pick the failures to reduce: the first few per (category or lifetime, engine).
    let mut wanted: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut chosen = Vec::new();
    for failure in failures {
        let rows: Vec<String> = if failure.lifetime { vec!["lifetime".to_owned()] } else { failure.categories.clone() };
        let needed = rows.iter().any(|row| {
            failure
                .engines
                .iter()
                .any(|engine| wanted.get(&(row.clone(), engine.clone())).copied().unwrap_or(0) < config.repros_per_cell)
        });
        if needed {
            for row in &rows {
                for engine in &failure.engines {
                    *wanted.entry((row.clone(), engine.clone())).or_default() += 1;
                }
            }
            chosen.push((failure, rows));
        }
    }
    let bar = progress_bar(config.progress, chosen.len() as u64, "reducing");
    let reduced: Mutex<Vec<Linked>> = Mutex::new(Vec::new());
    chosen.par_iter().for_each(|(failure, rows)| {
        let (chosen_engines, all) = &trials[failure.input];
        let input = &inputs[failure.input];
        // Reduce on the engines that judged the program: one that sat it out would poison every
        // candidate.
        let judged =
            |name: &str| all.outcomes.iter().any(|(engine, outcome)| engine == name && !outcome.is_poisoning());
        let involved: Vec<Box<dyn Engine>> = chosen_engines
            .iter()
            .filter(|&&i| judged(engines[i].name()))
            .filter_map(|&i| engine_by_name(engines[i].name()).ok())
            .collect();
        let trial = &Trial::from_outcomes(
            all.outcomes.iter().filter(|(_, outcome)| !outcome.is_poisoning()).cloned().collect(),
        );
        if let Some(signature) = Signature::of(trial, &input.source) {
            let options = ReduceOptions { time_limit: Some(config.reduce_time), ..ReduceOptions::default() };
            let (program, outcomes, signature) = match reduce(&input.source, &involved, &signature, &options) {
                Ok(done) => (done.reduction.program, done.trial, done.signature),
                Err(_) => (input.source.clone(), trial.clone(), signature),
            };
            let difference = match &outcomes.verdict {
                crate::Verdict::Diverge { first_difference } => first_difference.to_string(),
                _ => String::new(),
            };
            let repro = Repro {
                id: signature.id(),
                engines: failure.engines.clone(),
                origin: input.origin.clone(),
                command: input.command.clone(),
                difference,
                program,
                outcomes: outcomes.outcomes.into_iter().collect(),
            };
            let linked = Linked { repro, rows: rows.clone(), engines: failure.engines.clone() };
            reduced.lock().unwrap_or_else(|err| err.into_inner()).push(linked);
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    let mut reduced = reduced.into_inner().unwrap_or_else(|err| err.into_inner());
    reduced.sort_by(|a, b| a.repro.id.cmp(&b.repro.id));
    for Linked { repro, rows, engines: failing } in reduced {
        for row in &rows {
            for engine in &failing {
                let list = if row == "lifetime" {
                    matrix.lifetime.get_mut(engine).map(|cell| &mut cell.repros)
                } else {
                    matrix.cells.get_mut(row).and_then(|cells| cells.get_mut(engine)).map(|cell| &mut cell.repros)
                };
                if let Some(list) = list {
                    if !list.contains(&repro.id) && list.len() < config.repros_per_cell {
                        list.push(repro.id.clone());
                    }
                }
            }
        }
        matrix.repros.entry(repro.id.clone()).or_insert(repro);
    }
}

fn progress_bar(show: bool, len: u64, what: &'static str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} programs, {per_sec}, eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_prefix(what);
    bar
}

impl Matrix {
    /// Writes `matrix.md`, `matrix.json`, `matrix.html` and `repros/*.js` into `dir`.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir.join("repros"))?;
        for repro in self.repros.values() {
            write_atomically(&dir.join("repros").join(format!("{}.js", repro.id)), &repro.program)?;
        }
        write_atomically(&dir.join("matrix.md"), &self.markdown())?;
        let json = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        write_atomically(&dir.join("matrix.json"), &(json + "\n"))?;
        write_atomically(&dir.join("matrix.html"), &self.html())
    }

    /// The rows that have at least one judged cell.
    fn rows(&self) -> Vec<&String> {
        self.categories
            .iter()
            .filter(|category| self.cells[*category].values().any(|cell| cell.share().is_some()))
            .collect()
    }

    fn cell_text(cell: &Cell) -> String {
        match cell.share() {
            Some(share) => format!("{:.1}% ({}/{})", share * 100.0, cell.agree, cell.agree + cell.disagree),
            None => "-".to_owned(),
        }
    }

    /// The report as Markdown: the table, the lifetime row, then every repro.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Closure conformance matrix\n");
        let _ = writeln!(
            out,
            "{} programs (corpus and generated from seed {}); {} without a majority, {} not comparable. \
             Each cell: share of programs where the engine agrees with the majority.\n",
            self.programs, self.seed, self.no_majority, self.not_compared
        );
        let _ = writeln!(out, "| category | {} |", self.engines.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(self.engines.len()));
        for row in self.rows() {
            let cells: Vec<String> = self
                .engines
                .iter()
                .map(|engine| {
                    let cell = &self.cells[row][engine];
                    let links: Vec<String> = cell.repros.iter().map(|id| format!("[repro](repros/{id}.js)")).collect();
                    format!("{} {}", Self::cell_text(cell), links.join(" ")).trim_end().to_owned()
                })
                .collect();
            let _ = writeln!(out, "| {row} | {} |", cells.join(" | "));
        }
        let lifetime: Vec<String> = self.engines.iter().map(|engine| lifetime_text(&self.lifetime[engine])).collect();
        let _ = writeln!(out, "| lifetime oracle | {} |", lifetime.join(" | "));
        let _ = writeln!(
            out,
            "\nlifetime oracle: live objects collected (bugs) / garbage kept after a forced collection (leaks) / \
             share of `retained` objects kept (reachable only through scope slots no code reads, \
             e.g. through a sibling closure's shared scope; never a bug).\n"
        );
        for repro in self.repros.values() {
            let _ = writeln!(
                out,
                "## {}\n\n{} disagree{}: {}\n",
                repro.id,
                repro.engines.join(", "),
                if repro.engines.len() == 1 { "s" } else { "" },
                repro.difference
            );
            let _ = writeln!(
                out,
                "From {}: `{}`\n\n```js\n{}\n```\n",
                repro.origin,
                repro.command,
                repro.program.trim_end()
            );
        }
        out
    }

    /// The report as one self-contained HTML page: failing cells link to their repros below.
    pub fn html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        out.push_str("<title>Closure conformance matrix</title>\n<style>\n");
        out.push_str(
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
             table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.35em .6em;text-align:right}\
             th:first-child,td:first-child{text-align:left}td.full{background:#e6f4e6}td.partial{background:#fdecea}\
             td.none{color:#999}td a{display:block;font-size:.85em}\
             section.repro{border:1px solid #ddd;margin:1em 0;padding:.5em 1em}section.repro:target{border-color:#c00;background:#fff8f8}\
             pre{background:#f6f6f6;padding:.6em;overflow:auto}\n",
        );
        out.push_str("</style></head><body>\n<h1>Closure conformance matrix</h1>\n");
        let _ = writeln!(
            out,
            "<p>{} programs (corpus and generated from seed {}); {} without a majority, {} not comparable. \
             Each cell is the share of programs on which the engine agrees with the majority; \
             a failing cell links to reduced repros.</p>",
            self.programs, self.seed, self.no_majority, self.not_compared
        );
        out.push_str("<table id=\"matrix\">\n<thead><tr><th>category</th>");
        for engine in &self.engines {
            let _ = write!(out, "<th>{}</th>", escape(engine));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in self.rows() {
            let _ = write!(out, "<tr><td>{}</td>", escape(row));
            for engine in &self.engines {
                let cell = &self.cells[row][engine];
                let class = match cell.share() {
                    None => "none",
                    Some(share) if share >= 1.0 => "full",
                    Some(_) => "partial",
                };
                let _ = write!(out, "<td class=\"{class}\">{}", escape(&Self::cell_text(cell)));
                for id in &cell.repros {
                    let _ = write!(out, "<a href=\"#{}\">repro</a>", escape(id));
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("<tr><td>lifetime oracle</td>");
        for engine in &self.engines {
            let cell = &self.lifetime[engine];
            let class = if cell.premature > 0 { "partial" } else { "full" };
            let _ = write!(out, "<td class=\"{class}\">{}", escape(&lifetime_text(cell)));
            for id in &cell.repros {
                let _ = write!(out, "<a href=\"#{}\">repro</a>", escape(id));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n</tbody></table>\n");
        out.push_str(
            "<p>lifetime oracle: live objects collected (bugs) / garbage kept after a forced collection (leaks) / \
             share of <em>retained</em> objects kept (reachable only through scope slots no code reads, \
             e.g. a sibling closure's shared scope; never a bug).</p>\n<h2>Repros</h2>\n",
        );
        for repro in self.repros.values() {
            let _ = writeln!(out, "<section class=\"repro\" id=\"{}\">", escape(&repro.id));
            let _ = writeln!(out, "<h3>{}</h3>", escape(&repro.id));
            let _ = writeln!(
                out,
                "<p><strong>{}</strong> outside the majority: {}</p>",
                escape(&repro.engines.join(", ")),
                escape(&repro.difference)
            );
            let _ = writeln!(out, "<pre><code>{}</code></pre>", escape(repro.program.trim_end()));
            let _ =
                writeln!(out, "<p>From {} &mdash; <code>{}</code></p>", escape(&repro.origin), escape(&repro.command));
            out.push_str("<ul>");
            for (engine, outcome) in &repro.outcomes {
                let _ = write!(
                    out,
                    "<li>{}: {} &mdash; {}</li>",
                    escape(engine),
                    escape(&outcome.end.to_string()),
                    escape(&outcome.output.join(" | "))
                );
            }
            out.push_str("</ul>\n</section>\n");
        }
        out.push_str("</body></html>\n");
        out
    }
}

fn lifetime_text(cell: &LifetimeCell) -> String {
    let retained = cell.retained_kept + cell.retained_freed;
    let kept = if retained == 0 {
        "-".to_owned()
    } else {
        format!("{:.0}% of {retained}", cell.retained_kept as f64 * 100.0 / retained as f64)
    };
    format!("{} / {} / {kept}", cell.premature, cell.leaks)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}
