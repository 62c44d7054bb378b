//! Findings: what the campaign keeps of each unique divergence, crash or hang, and how it writes
//! them to `DIR/<signature>/` (`original.js`, `reduced.js`, `finding.json`, `README.md`) atomically.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::compare::Verdict;
use crate::outcome::{End, Outcome};
use crate::signature::Signature;
use crate::trial::Trial;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The engines print different lines or end differently, reproducibly.
    Divergence,
    /// An engine crashed (panicked, aborted, overflowed its native stack, answered garbage).
    Crash,
    /// An engine's worker did not answer within the time limit.
    Hang,
    /// An engine's worker died of an allocation failure under its memory limit.
    OutOfMemory,
    /// A divergence that did not happen again on a re-run.
    Flaky,
}

impl FindingKind {
    /// The kebab-case name used in `finding.json` and reports.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Divergence => "divergence",
            FindingKind::Crash => "crash",
            FindingKind::Hang => "hang",
            FindingKind::OutOfMemory => "out-of-memory",
            FindingKind::Flaky => "flaky",
        }
    }
}

/// Which engine is probably wrong, and why the campaign thinks so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blame {
    /// The suspects; empty when undetermined.
    pub engines: Vec<String>,
    /// `suspect` or `undetermined`.
    pub verdict: String,
    /// Why, in one sentence.
    pub reason: String,
}

impl Blame {
    /// `engines` are suspect because `reason`.
    pub fn suspect(engines: Vec<String>, reason: impl Into<String>) -> Blame {
        Blame { engines, verdict: "suspect".into(), reason: reason.into() }
    }

    /// Nobody can be blamed, because `reason`.
    pub fn undetermined(reason: impl Into<String>) -> Blame {
        Blame { engines: Vec::new(), verdict: "undetermined".into(), reason: reason.into() }
    }

    /// This blame, for the part of a divergence left once known bugs of other engines (`entries`)
    /// are set aside: its reason says so.
    pub fn beside_known<'a>(mut self, entries: impl IntoIterator<Item = &'a crate::KnownDivergence>) -> Blame {
        let known: Vec<String> =
            entries.into_iter().map(|entry| format!("{} ({})", entry.engine, entry.program)).collect();
        self.reason = format!("{}, once the known bugs of {} are set aside", self.reason, known.join(" and "));
        self
    }

    /// A short form for tables: the suspects joined by `+`, or `undetermined`.
    pub fn short(&self) -> String {
        if self.engines.is_empty() {
            "undetermined".into()
        } else {
            self.engines.join("+")
        }
    }

    /// Blames a divergence: crashed engines first; then, with three engines or more, the
    /// minority against a strict majority that agrees (as [`Signature`] computes it); otherwise
    /// nobody, since two engines that disagree give no vote.
    pub fn of(trial: &Trial, signature: Option<&Signature>) -> Blame {
        let crashed: Vec<String> = trial
            .outcomes
            .iter()
            .filter(|(_, outcome)| matches!(outcome.end, End::Crashed(_)))
            .map(|(engine, _)| engine.clone())
            .collect();
        if !crashed.is_empty() {
            return Blame::suspect(crashed, "it crashed: an engine must end every run with an outcome");
        }
        let total = trial.outcomes.len();
        if let Some(signature) = signature {
            let blamed = &signature.class.engines;
            if total >= 3 && blamed.len() < total && blamed.len() * 2 < total {
                let others = total - blamed.len();
                return Blame::suspect(blamed.clone(), format!("the other {others} engines agree with each other"));
            }
        }
        if total < 3 {
            Blame::undetermined(
                "two engines disagree and neither outvotes the other: check the program against the \
                 specification or a third engine (e.g. `node corpus/tools/node-outcome.js reduced.js`)",
            )
        } else {
            Blame::undetermined("no strict majority of engines agrees")
        }
    }
}

/// Where a generated program came from: enough to generate it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The campaign's `--seed`.
    pub campaign_seed: u64,
    /// The program's index in the campaign.
    pub index: u64,
    /// The generator seed of the program (`campaign_seed + index`, wrapping).
    pub seed: u64,
    /// The generator size preset.
    pub size: String,
    /// The generator's language profile (the largest all the campaign's engines run; absent from
    /// findings of earlier versions, which generated `full` programs only).
    #[serde(default = "full_profile")]
    pub profile: String,
    /// Constructs left out of the profile because an engine lacks them ([`generator::Construct`]
    /// names; absent when none were, and from findings of earlier versions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub without: Vec<String>,
    /// Whether the program was generated in swarm mode.
    pub swarm: bool,
    /// When the program is the generated one less what showed known or already-found divergences
    /// ([`crate::fuzz::unmask`]): what each round removed, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmasked: Vec<String>,
}

fn full_profile() -> String {
    generator::Profile::Full.name().to_owned()
}

/// One unique finding, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The directory name: the divergence [`Signature::id`], or `ENGINE-hang`,
    /// `ENGINE-out-of-memory`, `flaky-...` for the other kinds.
    pub id: String,
    pub kind: FindingKind,
    /// The divergence signature, for divergences, crashes and flaky ones.
    pub signature: Option<Signature>,
    /// The cheap deduplication key of the unreduced divergence (see
    /// [`dedup_key`](crate::fuzz::triage::dedup_key)): a later divergence with the same key counts as
    /// this finding without being reduced.
    pub key: Option<String>,
    pub blame: Blame,
    /// True when a re-run gave exactly the same outcomes.
    pub deterministic: bool,
    pub origin: Origin,
    /// The program as generated.
    pub original: String,
    /// The reduced program (the original when it was not reduced).
    pub reduced: String,
    /// Each engine's outcome on the original program, in engine order.
    pub outcomes: Vec<(String, Outcome)>,
    /// Each engine's outcome on the reduced program.
    pub reduced_outcomes: Vec<(String, Outcome)>,
    /// The generator categories the original program exercises.
    pub categories: Vec<String>,
    /// When it was found (RFC 3339).
    pub found_at: String,
    /// The worker time limit in seconds (what a hang exceeded).
    pub timeout_secs: f64,
    /// The worker memory limit in MiB (what an out-of-memory exceeded), if any.
    pub memory_limit_mib: Option<u64>,
}

/// `finding.json`.
#[derive(Debug, Serialize)]
struct FindingJson<'a> {
    signature: &'a str,
    kind: FindingKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<&'a Signature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dedup_key: Option<&'a str>,
    blame: &'a Blame,
    deterministic: bool,
    engines: Vec<&'a str>,
    outcomes: BTreeMap<&'a str, &'a Outcome>,
    reduced_outcomes: BTreeMap<&'a str, &'a Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difference: Option<String>,
    origin: &'a Origin,
    categories: &'a [String],
    original_lines: usize,
    reduced_lines: usize,
    found_at: &'a str,
    repro: String,
    regenerate: String,
    closure_diff_version: &'static str,
}

impl Finding {
    /// The command that shows the finding on the reduced program. Only public engines can be named
    /// to `closure-diff run`; for the others (test engines) the campaign command regenerates it.
    pub fn repro_command(&self, dir: &Path) -> String {
        let path = dir.join("reduced.js");
        let engines = self.engine_names();
        if engines.iter().all(|engine| crate::ENGINE_NAMES.contains(engine)) {
            let flags: Vec<String> = engines.iter().map(|engine| format!("--engine {engine}")).collect();
            format!("closure-diff run {} {}", flags.join(" "), path.display())
        } else {
            self.regenerate_command()
        }
    }

    /// The campaign command that generates and runs the original program again (as program 0 of a
    /// one-program campaign seeded with the program's own seed).
    pub fn regenerate_command(&self) -> String {
        let swarm = if self.origin.swarm { " --swarm" } else { "" };
        format!(
            "closure-diff fuzz --iterations 1 --jobs 1 --seed {} --size {}{swarm} --engines {} --out /tmp/closure-diff-repro",
            self.origin.seed,
            self.origin.size,
            self.engine_names().join(",")
        )
    }

    fn engine_names(&self) -> Vec<&str> {
        self.outcomes.iter().map(|(engine, _)| engine.as_str()).collect()
    }

    fn difference(&self) -> Option<String> {
        let trial = Trial { verdict: crate::compare(&self.reduced_outcomes), outcomes: self.reduced_outcomes.clone() };
        match trial.verdict {
            Verdict::Diverge { first_difference } => Some(first_difference.to_string()),
            _ => None,
        }
    }

    /// The text of `finding.json`, with `dir` (where the finding is or will be) in the repro command.
    pub fn json(&self, dir: &Path) -> String {
        let json = FindingJson {
            signature: &self.id,
            kind: self.kind,
            class: self.signature.as_ref(),
            dedup_key: self.key.as_deref(),
            blame: &self.blame,
            deterministic: self.deterministic,
            engines: self.engine_names(),
            outcomes: self.outcomes.iter().map(|(engine, outcome)| (engine.as_str(), outcome)).collect(),
            reduced_outcomes: self
                .reduced_outcomes
                .iter()
                .map(|(engine, outcome)| (engine.as_str(), outcome))
                .collect(),
            difference: self.difference(),
            origin: &self.origin,
            categories: &self.categories,
            original_lines: self.original.lines().count(),
            reduced_lines: self.reduced.lines().count(),
            found_at: &self.found_at,
            repro: self.repro_command(dir),
            regenerate: self.regenerate_command(),
            closure_diff_version: env!("CARGO_PKG_VERSION"),
        };
        let mut text = serde_json::to_string_pretty(&json).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
        text.push('\n');
        text
    }

    /// A one-line title: what goes wrong, on which engine.
    pub fn title(&self) -> String {
        let suspects = self.blame.short();
        match self.kind {
            FindingKind::Crash => {
                let detail = self
                    .outcomes
                    .iter()
                    .find_map(|(_, outcome)| match &outcome.end {
                        End::Crashed(detail) => Some(detail.as_str()),
                        _ => None,
                    })
                    .unwrap_or("no detail");
                format!("{suspects} crashes: {detail}")
            }
            FindingKind::Hang => format!("{suspects} does not finish within {} s", self.timeout_secs),
            FindingKind::OutOfMemory => match self.memory_limit_mib {
                Some(limit) => format!("{suspects} runs out of its {limit} MiB of address space"),
                None => format!("{suspects} runs out of memory"),
            },
            FindingKind::Flaky => format!("flaky divergence: {}", self.difference().unwrap_or_default()),
            FindingKind::Divergence => {
                let class = self.signature.as_ref().map(|signature| signature.class.to_string()).unwrap_or_default();
                format!("divergence: {class}")
            }
        }
    }

    /// `README.md`: what a person pastes into an engine's bug tracker.
    pub fn readme(&self, dir: &Path) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "# {}\n", self.title());
        let _ = writeln!(
            text,
            "Found by `closure-diff fuzz` on {} ({}, {}). Blame: {} ({}).\n",
            self.found_at,
            self.kind.name(),
            if self.deterministic { "reproducible" } else { "did not reproduce on a re-run" },
            self.blame.short(),
            self.blame.reason
        );
        let _ = writeln!(text, "## Program\n\n```js\n{}\n```\n", self.reduced.trim_end());
        let majority = self.majority();
        if !self.blame.engines.is_empty() && !majority.is_empty() {
            let expected = &self.reduced_outcomes.iter().find(|(engine, _)| engine == majority[0]);
            if let Some((_, expected)) = expected {
                let _ = writeln!(text, "## Expected ({})\n\n{}", majority.join(", "), describe(expected));
            }
            for (engine, outcome) in &self.reduced_outcomes {
                if self.blame.engines.contains(engine) {
                    let _ = writeln!(text, "## Actual ({engine})\n\n{}", describe(outcome));
                }
            }
        } else {
            let _ = writeln!(text, "## Outcomes\n");
            for (engine, outcome) in &self.reduced_outcomes {
                let _ = writeln!(text, "### {engine}\n\n{}", describe(outcome));
            }
        }
        if let Some(difference) = self.difference() {
            let _ = writeln!(text, "First difference: {difference}\n");
        }
        let _ = writeln!(text, "## Reproduce\n\n```sh\n{}\n```\n", self.repro_command(dir));
        let _ = writeln!(
            text,
            "The program as generated ({} lines; seed {}, size {}, profile {}) is `original.js`; `{}` \
             generates and runs it again. `finding.json` has every engine's outcome.",
            self.original.lines().count(),
            self.origin.seed,
            self.origin.size,
            crate::engine::describe_language(&self.origin.profile, &self.origin.without),
            self.regenerate_command()
        );
        if !self.origin.unmasked.is_empty() {
            let _ = writeln!(
                text,
                "\n`original.js` is not the whole generated program: the campaign ran the program again without \
                 what showed a divergence already known or found (unmasking), {}, and this divergence is what \
                 that showed. `original.js` is the program it ran, so `closure-diff run` on it shows the \
                 divergence again.",
                self.origin.unmasked.join("; then ")
            );
        }
        text
    }

    /// The engines that are not blamed, when they all agree on the reduced program.
    fn majority(&self) -> Vec<&str> {
        let others: Vec<&(String, Outcome)> =
            self.reduced_outcomes.iter().filter(|(engine, _)| !self.blame.engines.contains(engine)).collect();
        match others.first() {
            Some((_, first)) if others.iter().all(|(_, outcome)| outcome == first) => {
                others.iter().map(|(engine, _)| engine.as_str()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Writes the finding to `out/<id>/` atomically: everything goes into a temporary directory in
    /// `out`, which is then renamed. Returns the directory, or `None` when a finding with this id
    /// is already there (another campaign wrote it first).
    pub fn write(&self, out: &Path) -> io::Result<Option<PathBuf>> {
        let target = out.join(&self.id);
        if target.exists() {
            return Ok(None);
        }
        let temporary = tempfile::Builder::new().prefix(TEMPORARY_PREFIX).tempdir_in(out)?;
        fs::write(temporary.path().join("original.js"), &self.original)?;
        fs::write(temporary.path().join("reduced.js"), &self.reduced)?;
        fs::write(temporary.path().join("finding.json"), self.json(&target))?;
        fs::write(temporary.path().join("README.md"), self.readme(&target))?;
        let staged = temporary.keep();
        match fs::rename(&staged, &target) {
            Ok(()) => Ok(Some(target)),
            Err(err) => {
                let _ = fs::remove_dir_all(&staged);
                if target.exists() {
                    Ok(None)
                } else {
                    Err(err)
                }
            }
        }
    }
}

/// Temporary entries in the output directory start with this; a campaign removes leftovers at start.
pub const TEMPORARY_PREFIX: &str = ".tmp-";

/// An outcome for a README: the end, then the printed lines (at most 30).
fn describe(outcome: &Outcome) -> String {
    let mut text = format!("Ends: `{}`", outcome.end);
    if outcome.output.is_empty() {
        text.push_str(", prints nothing.\n");
        return text;
    }
    text.push_str(", prints:\n\n```\n");
    for line in outcome.output.iter().take(30) {
        text.push_str(line);
        text.push('\n');
    }
    if outcome.output.len() > 30 {
        let _ = writeln!(text, "... ({} more lines)", outcome.output.len() - 30);
    }
    text.push_str("```\n");
    text
}

/// A finding already in an output directory: its id and what `finding.json` says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: String,
    pub kind: String,
    pub blame: String,
    /// Its `dedup_key`, if it has one.
    pub key: Option<String>,
}

/// The findings already in `out` (every subdirectory with a readable `finding.json`), sorted by id.
/// Temporary directories left by an interrupted write are removed.
pub fn existing_findings(out: &Path) -> io::Result<Vec<Existing>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(TEMPORARY_PREFIX) {
            let _ =
                if entry.path().is_dir() { fs::remove_dir_all(entry.path()) } else { fs::remove_file(entry.path()) };
            continue;
        }
        let Ok(text) = fs::read_to_string(entry.path().join("finding.json")) else { continue };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        let kind = json["kind"].as_str().unwrap_or("unknown").to_owned();
        let blame = match json["blame"]["engines"].as_array() {
            Some(engines) if !engines.is_empty() => {
                engines.iter().filter_map(|engine| engine.as_str()).collect::<Vec<_>>().join("+")
            }
            _ => "undetermined".to_owned(),
        };
        let key = json["dedup_key"].as_str().map(str::to_owned);
        found.push(Existing { id: name, kind, blame, key });
    }
    found.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;

    fn outcome(lines: &[&str], end: End) -> Outcome {
        Outcome { output: lines.iter().map(|line| (*line).to_owned()).collect(), end }
    }

    fn trial(outcomes: Vec<(&str, Outcome)>) -> Trial {
        let outcomes: Vec<(String, Outcome)> = outcomes.into_iter().map(|(e, o)| (e.to_owned(), o)).collect();
        Trial { verdict: compare(&outcomes), outcomes }
    }

    fn finding(outcomes: Vec<(&str, Outcome)>) -> Finding {
        let trial = trial(outcomes);
        let signature = Signature::of(&trial, "print(1)");
        Finding {
            id: signature.as_ref().map_or("x".into(), Signature::id),
            kind: FindingKind::Divergence,
            blame: Blame::of(&trial, signature.as_ref()),
            signature,
            key: Some("k".into()),
            deterministic: true,
            origin: Origin {
                campaign_seed: 1,
                index: 2,
                seed: 3,
                size: "small".into(),
                profile: "full".into(),
                without: Vec::new(),
                swarm: false,
                unmasked: Vec::new(),
            },
            original: "var a = 1;\nprint(1)\n".into(),
            reduced: "print(1)\n".into(),
            outcomes: trial.outcomes.clone(),
            reduced_outcomes: trial.outcomes,
            categories: vec!["escape".into()],
            found_at: "2026-01-01T00:00:00Z".into(),
            timeout_secs: 10.0,
            memory_limit_mib: Some(2048),
        }
    }

    #[test]
    fn crashed_engines_are_blamed_first() {
        let crash = trial(vec![("ref", outcome(&[], End::Ok)), ("boa", outcome(&[], End::Crashed("x".into())))]);
        let blame = Blame::of(&crash, None);
        assert_eq!(blame.engines, ["boa"]);
        assert_eq!(blame.verdict, "suspect");
    }

    #[test]
    fn two_engines_leave_blame_undetermined_and_three_vote() {
        let two = trial(vec![("ref", outcome(&["1"], End::Ok)), ("boa", outcome(&["2"], End::Ok))]);
        let signature = Signature::of(&two, "print(1)");
        assert_eq!(Blame::of(&two, signature.as_ref()).short(), "undetermined");
        let three = trial(vec![
            ("ref", outcome(&["1"], End::Ok)),
            ("boa", outcome(&["2"], End::Ok)),
            ("qjs", outcome(&["1"], End::Ok)),
        ]);
        let signature = Signature::of(&three, "print(1)");
        let blame = Blame::of(&three, signature.as_ref());
        assert_eq!(blame.engines, ["boa"]);
        assert_eq!(blame.reason, "the other 2 engines agree with each other");
    }

    #[test]
    fn findings_are_written_whole_once() {
        let out = tempfile::tempdir().expect("temp dir");
        let found = finding(vec![("ref", outcome(&["1"], End::Ok)), ("boa", outcome(&["2"], End::Ok))]);
        let dir = found.write(out.path()).expect("write").expect("new");
        for file in ["original.js", "reduced.js", "finding.json", "README.md"] {
            assert!(dir.join(file).is_file(), "{file}");
        }
        assert_eq!(found.write(out.path()).expect("write"), None, "a second write of the same id is a no-op");
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("finding.json")).expect("read")).expect("JSON");
        assert_eq!(json["signature"], found.id.as_str());
        assert_eq!(json["kind"], "divergence");
        assert_eq!(json["origin"]["seed"], 3);
        assert_eq!(json["outcomes"]["boa"]["output"], serde_json::json!(["2"]));
        assert_eq!(json["difference"], r#"output line 1: ref: "1"; boa: "2";"#);
        assert!(json["repro"].as_str().expect("a string").starts_with("closure-diff run --engine ref --engine boa "));
        let readme = fs::read_to_string(dir.join("README.md")).expect("read");
        assert!(readme.starts_with("# divergence: boa+ref output\n"), "{readme}");
        assert!(readme.contains("```js\nprint(1)\n```"), "{readme}");
        fs::create_dir(out.path().join(".tmp-leftover")).expect("mkdir");
        let existing = existing_findings(out.path()).expect("list");
        let expected = Existing {
            id: found.id.clone(),
            kind: "divergence".into(),
            blame: "undetermined".into(),
            key: Some("k".into()),
        };
        assert_eq!(existing, [expected]);
        assert!(!out.path().join(".tmp-leftover").exists(), "leftovers are cleaned up");
    }

    #[test]
    fn crash_readmes_say_expected_and_actual() {
        let mut found =
            finding(vec![("ref", outcome(&["1"], End::Ok)), ("boa", outcome(&[], End::Crashed("panicked: x".into())))]);
        found.kind = FindingKind::Crash;
        let readme = found.readme(Path::new("findings/x"));
        assert!(readme.starts_with("# boa crashes: panicked: x\n"), "{readme}");
        assert!(readme.contains("## Expected (ref)\n\nEnds: `ok`, prints:\n\n```\n1\n```"), "{readme}");
        assert!(readme.contains("## Actual (boa)\n\nEnds: `crashed (panicked: x)`, prints nothing."), "{readme}");
    }
}
