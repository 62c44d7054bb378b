//! Known divergences: programs on which an engine is known to be wrong, so that a run can tell a
//! finding from a bug already on file.
//!
//! The list is a TOML file (the corpus keeps one at `corpus/known-divergences.toml`):
//!
//! ```toml
//! [[divergence]]
//! program = "loops/example.js"   # path relative to corpus/programs, with / separators
//! engine = "boa"                 # the engine that is wrong (in-process, or one of engines.toml's)
//! differs = "..."                # what differs
//! why = "..."                    # the rule the engine breaks
//! repro = "..."                  # an upstream issue link, or a one-line reduced program
//! pattern = "..."                # optional: a regular expression recognising the bug elsewhere
//! ```
//!
//! A program may be listed several times, once per engine that is wrong on it (two engines can
//! share a bug, or have different bugs that show on the same line). The corpus list names the
//! corpus engines only (`ref`, `boa`, `quickjs`: its tests run them); a list of one's own, given with
//! `--known`, may name any engine of `engines.toml` too, so that a campaign on a third-party engine
//! counts that engine's bugs on file instead of reporting them again in every new shape.
//!
//! [`KnownDivergences::explain`] decides whether one program's divergence is explained by the list:
//! the entries for the program (its path must end with a listed `program`, by whole path
//! components) are taken together, and the divergence is explained when setting aside every listed
//! engine that took part leaves engines that agree, and each listed engine really disagrees with
//! them. Listed engines that did not take part are ignored, so a list written for three engines
//! still explains a run on two of them.
//!
//! Fuzzing meets a known bug in many programs, and the reducer cannot always bring them down to the
//! repro's shape. An entry's `pattern` (after V8 foozzie's suppressions tied to bug IDs) recognises
//! the bug in a *reduced* program: [`KnownDivergences::recognise`] takes the entries whose pattern
//! matches the program in place of the entries listed for a file, and applies the same rule, so a
//! program showing two known bugs of two engines is recognised too. When they explain only some of
//! the engines that differ, [`KnownDivergences::recognise_partly`] sets those aside and leaves the
//! rest of the divergence, which a campaign reports as new and its majority blames (a third-party
//! engine's bug beside known Boa and QuickJS bugs). Keep patterns narrow (the construct the bug
//! needs, not the category): a pattern that matches too much hides new bugs.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::compare::{compare, Verdict};
use crate::engine::ENGINE_NAMES;
use crate::engines::external::EnginesFile;
use crate::outcome::Outcome;
use crate::trial::Trial;

/// Where `closure-diff run` looks for a known-divergence list when `--known` is not given, relative
/// to the current directory (the repository root).
pub const DEFAULT_KNOWN_DIVERGENCES: &str = "corpus/known-divergences.toml";

/// One entry of a known-divergence list: a program on which `engine` is known to be wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownDivergence {
    /// Path relative to `corpus/programs`, with `/` separators, e.g. `loops/for-let-copy.js`.
    pub program: String,
    /// The engine that is wrong, e.g. `boa`.
    pub engine: String,
    /// What differs, e.g. "prints 3 3 3 instead of 0 1 2".
    pub differs: String,
    /// Why the engine is wrong (the rule it breaks, with a spec section where it helps).
    pub why: String,
    /// An upstream issue link, or a one-line reduced program that shows the bug.
    pub repro: String,
    /// A regular expression (`fancy-regex` syntax: the `regex` crate's plus backreferences and
    /// look-around; searched anywhere in the text) that recognises the bug in a reduced program
    /// found by fuzzing; see [`KnownDivergences::recognise`].
    #[serde(default)]
    pub pattern: Option<String>,
}

/// A compiled `pattern`; equal when the expressions are.
#[derive(Debug, Clone)]
struct Pattern(fancy_regex::Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Pattern {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownDivergenceFile {
    #[serde(default)]
    divergence: Vec<KnownDivergence>,
}

/// Why a known-divergence list could not be loaded. Every message is one line naming the file.
#[derive(Debug, Error)]
pub enum KnownListError {
    /// The file could not be read.
    #[error("cannot read known-divergence list {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The file is not valid TOML of the documented shape.
    #[error("{}: not a valid known-divergence list: {location}{message}", path.display())]
    Toml {
        path: PathBuf,
        /// `line L, column C: ` when the parser knows where, empty otherwise.
        location: String,
        /// The parser's message, on one line.
        message: String,
    },
    /// An entry is well-formed TOML but makes no sense.
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// A known-divergence list, checked: no empty fields, known engines only (in-process or configured), relative program paths,
/// and no program listed twice for the same engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownDivergences {
    entries: Vec<KnownDivergence>,
    /// Each entry's compiled `pattern`.
    patterns: Vec<Option<Pattern>>,
}

/// The program part of a `repro`: everything before its first `//` comment that follows
/// whitespace; `None` for an upstream link.
pub fn repro_program(repro: &str) -> Option<&str> {
    let repro = repro.trim();
    if repro.starts_with("http://") || repro.starts_with("https://") {
        return None;
    }
    let end = repro.match_indices("//").map(|(i, _)| i).find(|&i| i == 0 || repro[..i].ends_with(char::is_whitespace));
    Some(repro[..end.unwrap_or(repro.len())].trim())
}

/// The engines an entry may name: the in-process ones and those of the engines file (installed or
/// not: a list may be shared between machines).
fn nameable_engines() -> Vec<&'static str> {
    let external: Vec<&str> =
        EnginesFile::current().map(|file| file.engines.keys().map(String::as_str).collect()).unwrap_or_default();
    ENGINE_NAMES.iter().copied().chain(external).collect()
}

impl KnownDivergences {
    /// An empty list: every divergence is unknown.
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads and checks the list at `path`.
    pub fn load(path: &Path) -> Result<Self, KnownListError> {
        let text = fs::read_to_string(path).map_err(|source| KnownListError::Io { path: path.to_owned(), source })?;
        Self::parse(&text, path)
    }

    /// Reads several lists as one (`--known A --known B`), entries in order; a program listed for
    /// the same engine in two of them is an error.
    pub fn load_all(paths: &[PathBuf]) -> Result<Self, KnownListError> {
        let mut all = Self::none();
        for path in paths {
            let list = Self::load(path)?;
            for (entry, pattern) in list.entries.into_iter().zip(list.patterns) {
                if all.entries.iter().any(|seen| seen.program == entry.program && seen.engine == entry.engine) {
                    return Err(KnownListError::Invalid {
                        path: path.clone(),
                        message: format!(
                            "`{}` is listed for engine `{}` in an earlier list too",
                            entry.program, entry.engine
                        ),
                    });
                }
                all.entries.push(entry);
                all.patterns.push(pattern);
            }
        }
        Ok(all)
    }

    /// Parses and checks a list; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, KnownListError> {
        let file: KnownDivergenceFile = toml::from_str(text).map_err(|err| toml_error(path, text, &err))?;
        let invalid = |message: String| KnownListError::Invalid { path: path.to_owned(), message };
        let engines = nameable_engines();
        let mut seen = BTreeSet::new();
        let mut patterns = Vec::with_capacity(file.divergence.len());
        for entry in &file.divergence {
            let fields = [
                ("program", &entry.program),
                ("engine", &entry.engine),
                ("differs", &entry.differs),
                ("why", &entry.why),
                ("repro", &entry.repro),
            ];
            if let Some((field, _)) = fields.iter().find(|(_, value)| value.trim().is_empty()) {
                return Err(invalid(format!("the entry for `{}` has an empty `{field}`", entry.program)));
            }
            if !is_plain_relative(&entry.program) {
                return Err(invalid(format!(
                    "the entry for `{}`: `program` must be a relative path with `/` separators and no `.` or `..`",
                    entry.program
                )));
            }
            if !engines.iter().any(|name| *name == entry.engine) {
                return Err(invalid(format!(
                    "the entry for `{}` names engine `{}`; known engines: {}",
                    entry.program,
                    entry.engine,
                    engines.join(", ")
                )));
            }
            match entry.pattern.as_deref().map(fancy_regex::Regex::new) {
                Some(Ok(pattern)) => patterns.push(Some(Pattern(pattern))),
                Some(Err(err)) => {
                    let err = err.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
                    return Err(invalid(format!(
                        "the entry for `{}` has a `pattern` that is not a regular expression: {err}",
                        entry.program
                    )));
                }
                None => patterns.push(None),
            }
            if !seen.insert((entry.program.as_str(), entry.engine.as_str())) {
                return Err(invalid(format!("`{}` is listed twice for engine `{}`", entry.program, entry.engine)));
            }
        }
        Ok(KnownDivergences { entries: file.divergence, patterns })
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[KnownDivergence] {
        &self.entries
    }

    /// Whether entry `index`'s pattern matches `program` (false for an entry without a pattern).
    pub fn recognises(&self, index: usize, program: &str) -> bool {
        self.patterns.get(index).and_then(Option::as_ref).is_some_and(|pattern| {
            // A match that exceeds the backtracking limit recognises nothing: the divergence is
            // then reported, never hidden.
            pattern.0.is_match(program).unwrap_or(false)
        })
    }

    /// The indices of the entries that recognise `program`'s divergence `trial` (a program found
    /// by fuzzing, reduced): entries whose pattern matches it and whose engine took part, and that
    /// explain the trial as [`KnownDivergences::explain`] would (the engines not listed agree and
    /// each listed one differs from them). The largest such set of matching entries, one per
    /// engine, first in list order among equals (an engine that matches a pattern but is right here is left out); empty
    /// when there is none.
    pub fn recognise(&self, program: &str, trial: &Trial) -> Vec<usize> {
        self.recognised_subsets(program, trial)
            .find(|chosen| explained_by(chosen.iter().map(|&index| &self.entries[index]).collect(), trial).is_some())
            .unwrap_or_default()
    }

    /// When entries' patterns recognise the bugs of some of the engines that differ in `trial` (a
    /// reduced program, as for [`KnownDivergences::recognise`]) but another engine, with no entry,
    /// differs too: those entries, and the trial without their engines, in which a strict majority
    /// of at least two engines agrees and each recognised engine differs from that majority. The
    /// rest of the trial is then a finding of its own, which the majority can blame (a bug of a
    /// third-party engine beside known Boa and QuickJS bugs would otherwise be a tie). `None` when
    /// no set of matching entries leaves such a trial.
    pub fn recognise_partly(&self, program: &str, trial: &Trial) -> Option<(Vec<usize>, Trial)> {
        if !matches!(trial.verdict, Verdict::Diverge { .. }) {
            return None;
        }
        // An engine a pattern recognises is never the one left to blame.
        let recognised: Vec<&str> = (0..self.entries.len())
            .filter(|&index| self.recognises(index, program))
            .map(|index| self.entries[index].engine.as_str())
            .collect();
        self.recognised_subsets(program, trial).find_map(|chosen| {
            let is_listed = |name: &str| chosen.iter().any(|&index| self.entries[index].engine == name);
            let rest: Vec<(String, Outcome)> =
                trial.outcomes.iter().filter(|(name, _)| !is_listed(name)).cloned().collect();
            let majority = strict_majority(&rest)?;
            let each_differs = trial.outcomes.iter().filter(|(name, _)| is_listed(name)).all(|listed| {
                let mut with = majority.clone();
                with.push(listed.clone());
                matches!(compare(&with), Verdict::Diverge { .. })
            });
            let in_majority = |name: &str| majority.iter().any(|(engine, _)| engine == name);
            let left_to_blame: Vec<&str> =
                rest.iter().map(|(engine, _)| engine.as_str()).filter(|engine| !in_majority(engine)).collect();
            let verdict = compare(&rest);
            let diverges = matches!(verdict, Verdict::Diverge { .. });
            let blameable = !left_to_blame.is_empty() && !left_to_blame.iter().any(|e| recognised.contains(e));
            (each_differs && blameable && diverges).then_some((chosen, Trial { verdict, outcomes: rest }))
        })
    }

    /// Sets of entries whose pattern matches `program` and whose engine took part in `trial`, at most
    /// one per engine, largest first, then in list order.
    fn recognised_subsets<'s>(&'s self, program: &str, trial: &Trial) -> impl Iterator<Item = Vec<usize>> + 's {
        /// More matching entries than this are not combined (lists match a handful at most).
        const MAX_MATCHING: usize = 10;
        let took_part = |entry: &KnownDivergence| trial.outcomes.iter().any(|(engine, _)| *engine == entry.engine);
        let matching: Vec<usize> = (0..self.entries.len())
            .filter(|&index| took_part(&self.entries[index]) && self.recognises(index, program))
            .take(MAX_MATCHING)
            .collect();
        let mut subsets: Vec<u32> = (1..1u32 << matching.len()).collect();
        subsets.sort_by_key(|mask| (std::cmp::Reverse(mask.count_ones()), std::cmp::Reverse(mask.reverse_bits())));
        subsets
            .into_iter()
            .map(move |mask| -> Vec<usize> {
                (0..matching.len()).filter(|bit| mask & (1 << bit) != 0).map(|bit| matching[bit]).collect()
            })
            // One entry per engine: two bugs of one engine are one engine's outcome.
            .filter(|chosen| {
                let engines: BTreeSet<&str> = chosen.iter().map(|&index| self.entries[index].engine.as_str()).collect();
                engines.len() == chosen.len()
            })
    }

    /// `(entry's program, divergence class of its repro)` for every entry whose one-line repro
    /// diverges on `engines`: how divergences of programs outside the corpus (generated ones) are
    /// matched to entries.
    pub fn repro_classes(&self, engines: &[Box<dyn crate::engine::Engine>]) -> Vec<(String, crate::DivergenceClass)> {
        self.entries
            .iter()
            .filter_map(|entry| {
                let program = repro_program(&entry.repro)?;
                let trial = Trial::run(engines, program);
                crate::DivergenceClass::of(&trial).map(|class| (entry.program.clone(), class))
            })
            .collect()
    }

    /// True when the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries that together explain `trial`'s divergence, if they do (see the module docs):
    /// those listed for `file` (the program's path as run) whose engine took part.
    pub fn explain(&self, file: &Path, trial: &Trial) -> Option<Explanation<'_>> {
        let listed: Vec<&KnownDivergence> = self
            .entries
            .iter()
            .filter(|entry| file.ends_with(Path::new(&entry.program)))
            .filter(|entry| trial.outcomes.iter().any(|(engine, _)| *engine == entry.engine))
            .collect();
        explained_by(listed, trial)
    }

    /// The entries listed for the program named `program` (as in the list), in file order.
    pub fn entries_for<'a>(&'a self, program: &'a str) -> impl Iterator<Item = &'a KnownDivergence> + 'a {
        self.entries.iter().filter(move |entry| entry.program == program)
    }
}

/// The known-divergence entries that together explain one divergence, in list order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation<'a> {
    /// At least one entry, all for the same program, each for a different engine.
    pub entries: Vec<&'a KnownDivergence>,
}

impl Explanation<'_> {
    /// The wrong engines joined by `+`, e.g. `boa+quickjs`.
    pub fn engines(&self) -> String {
        self.entries.iter().map(|entry| entry.engine.as_str()).collect::<Vec<_>>().join("+")
    }

    /// The entries' `why`, each once, joined by `; `.
    pub fn why(&self) -> String {
        let mut whys: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if !whys.contains(&entry.why.as_str()) {
                whys.push(&entry.why);
            }
        }
        whys.join("; ")
    }
}

/// `Some` when `listed` (entries whose engines took part in `trial`) explain its divergence: the
/// trial diverges, the engines not listed agree (and there is at least one), and every listed
/// engine's outcome differs from theirs.
fn explained_by<'a>(listed: Vec<&'a KnownDivergence>, trial: &Trial) -> Option<Explanation<'a>> {
    if listed.is_empty() || !matches!(trial.verdict, Verdict::Diverge { .. }) {
        return None;
    }
    let is_listed = |name: &str| listed.iter().any(|entry| entry.engine == name);
    let rest: Vec<(String, Outcome)> = trial.outcomes.iter().filter(|(name, _)| !is_listed(name)).cloned().collect();
    if rest.is_empty() || compare(&rest) != Verdict::Agree {
        return None;
    }
    let each_differs = listed.iter().all(|entry| {
        let mut with = rest.clone();
        with.extend(trial.outcomes.iter().filter(|(name, _)| *name == entry.engine).cloned());
        matches!(compare(&with), Verdict::Diverge { .. })
    });
    each_differs.then_some(Explanation { entries: listed })
}

/// The engines of the largest group of `outcomes` that agree with each other, when it has at least
/// two engines and more than half of them.
fn strict_majority(outcomes: &[(String, Outcome)]) -> Option<Vec<(String, Outcome)>> {
    outcomes
        .iter()
        .map(|one| {
            let agrees = |other: &&(String, Outcome)| compare(&[one.clone(), (*other).clone()]) == Verdict::Agree;
            outcomes.iter().filter(agrees).cloned().collect::<Vec<_>>()
        })
        .max_by_key(Vec::len)
        .filter(|group| group.len() >= 2 && group.len() * 2 > outcomes.len())
}

impl KnownDivergence {
    /// True when this entry alone explains `trial`, the run of the program at `file`: the trial
    /// diverges, `file` ends with `program` (compared by whole path components, so `const/a.js`
    /// matches `corpus/programs/const/a.js` but not `xconst/a.js`), `engine` took part, and the
    /// other engines agree once its outcome is set aside (with two engines, the other one trivially
    /// does) and differ from it. A program with entries for several engines is explained by them
    /// together: see [`KnownDivergences::explain`].
    pub fn explains(&self, file: &Path, trial: &Trial) -> bool {
        file.ends_with(Path::new(&self.program))
            && trial.outcomes.iter().any(|(engine, _)| *engine == self.engine)
            && explained_by(vec![self], trial).is_some()
    }
}

/// `a/b.js`: relative, `/`-separated, no empty, `.` or `..` components.
fn is_plain_relative(program: &str) -> bool {
    !program.contains(['\\', ':']) && program.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// toml's own `Display` spans several lines with a source excerpt; the CLI wants one line.
fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> KnownListError {
    let location = match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
            format!("line {line}, column {column}: ")
        }
        None => String::new(),
    };
    let message = err.message().split_whitespace().collect::<Vec<_>>().join(" ");
    KnownListError::Toml { path: path.to_owned(), location, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Difference;
    use crate::outcome::End;

    fn parse(text: &str) -> Result<KnownDivergences, KnownListError> {
        KnownDivergences::parse(text, Path::new("known-divergences.toml"))
    }

    const ENTRY: &str = r#"
        [[divergence]]
        program = "loops/for-let-copy.js"
        engine = "boa"
        differs = "prints 3 3 3 instead of 0 1 2"
        why = "CreatePerIterationEnvironment copies before the update"
        repro = "for (let i = 0, f; i < 1; f = () => i, i++) print(f && f())"
    "#;

    fn ok(lines: &[&str]) -> Outcome {
        Outcome { output: lines.iter().map(|line| (*line).to_owned()).collect(), end: End::Ok }
    }

    fn trial(outcomes: Vec<(&str, Outcome)>) -> Trial {
        let outcomes: Vec<(String, Outcome)> =
            outcomes.into_iter().map(|(engine, outcome)| (engine.to_owned(), outcome)).collect();
        Trial::from_outcomes(outcomes)
    }

    #[test]
    fn an_empty_list_with_only_comments_parses() {
        assert!(parse("# nothing yet\n").expect("parses").is_empty());
    }

    #[test]
    fn entries_parse() {
        let known = parse(ENTRY).expect("parses");
        assert_eq!(known.entries().len(), 1);
        assert_eq!(known.entries()[0].program, "loops/for-let-copy.js");
        assert_eq!(known.entries()[0].engine, "boa");
    }

    #[test]
    fn lists_combine_in_order_and_may_not_list_a_program_twice_for_an_engine() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            fs::write(&path, text).expect("write");
            path
        };
        let first = write("first.toml", ENTRY);
        let second = write("second.toml", &ENTRY.replace(r#""boa""#, r#""mujs""#));
        let both = KnownDivergences::load_all(&[first.clone(), second]).expect("combined");
        let engines: Vec<&str> = both.entries().iter().map(|entry| entry.engine.as_str()).collect();
        assert_eq!(engines, ["boa", "mujs"]);
        let again = write("again.toml", ENTRY);
        let message = KnownDivergences::load_all(&[first, again]).expect_err("listed twice").to_string();
        assert!(message.contains("in an earlier list too") && message.contains("again.toml"), "{message}");
    }

    #[test]
    fn entries_may_name_the_engines_of_the_engines_file() {
        let known = parse(&ENTRY.replace(r#""boa""#, r#""mujs""#)).expect("mujs is configured in engines.toml");
        assert_eq!(known.entries()[0].engine, "mujs");
        let message = parse(&ENTRY.replace(r#""boa""#, r#""v8""#)).expect_err("v8 is not").to_string();
        assert!(message.contains("known engines: ref, boa, quickjs, "), "{message}");
        assert!(message.contains("mujs"), "{message}");
    }

    #[test]
    fn bad_entries_are_rejected_with_a_reason() {
        let message = |text: &str| parse(text).expect_err(text).to_string();
        assert!(message(&ENTRY.replace(r#""boa""#, r#""v8""#)).contains("names engine `v8`"));
        assert!(message(&ENTRY.replace(r#""CreatePerIterationEnvironment copies before the update""#, r#"" ""#))
            .contains("empty `why`"));
        assert!(message(&format!("{ENTRY}{ENTRY}")).contains("listed twice"));
        for program in ["/abs/a.js", "../a.js", "a/./b.js", "a//b.js", r"a\b.js"] {
            let text = ENTRY.replace("loops/for-let-copy.js", &program.replace('\\', r"\\"));
            assert!(message(&text).contains("must be a relative path"), "{program}");
        }
    }

    #[test]
    fn patterns_recognise_their_bugs_in_other_programs() {
        let with_pattern = format!("{ENTRY}pattern = 'for \\(let [a-z]+ = 0, [a-z]+;'\n");
        let list = parse(&with_pattern).expect("a pattern is a regular expression");
        let reduced = "for (let k = 0, g; k < 2; g = () => k, k++) print(g && g());";
        assert!(list.recognises(0, reduced));
        assert!(!list.recognises(0, "for (var k = 0, g; k < 2; k++) print(k);"));
        assert!(!parse(ENTRY).expect("no pattern").recognises(0, reduced));

        let boa_wrong = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["1"])), ("quickjs", ok(&["0"]))]);
        assert_eq!(list.recognise(reduced, &boa_wrong), vec![0]);
        assert!(list.recognise("print(1)", &boa_wrong).is_empty(), "the pattern does not match");
        let quickjs_wrong = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["0"])), ("quickjs", ok(&["1"]))]);
        assert!(list.recognise(reduced, &quickjs_wrong).is_empty(), "another engine's divergence");

        // Two known bugs of two engines in one program: each engine differs, the rest agree.
        let quickjs_entry = ENTRY.replace(r#""boa""#, r#""quickjs""#);
        let both = parse(&format!("{with_pattern}{quickjs_entry}pattern = 'print'\n")).expect("two entries");
        let all_differ = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["1"])), ("quickjs", ok(&["2"]))]);
        assert_eq!(both.recognise(reduced, &all_differ), vec![0, 1]);
        assert!(list.recognise(reduced, &all_differ).is_empty(), "one known bug leaves two engines disagreeing");
        // QuickJS's pattern matches too, but QuickJS is right here: Boa's bug alone explains it.
        assert_eq!(both.recognise(reduced, &boa_wrong), vec![0]);

        // A backreference says "the same name": a head reading its own binding, not another one.
        let same_name = parse(&format!("{ENTRY}pattern = 'for \\(let (\\w+) = \\1\\b'\n")).expect("a backreference");
        assert!(same_name.recognises(0, "for (let i = i + 1; i < 2; i++) print(i);"));
        assert!(!same_name.recognises(0, "for (let i = j + 1; i < 2; i++) print(i);"));

        let broken = parse(&format!("{ENTRY}pattern = 'for (let'\n")).expect_err("unclosed group").to_string();
        assert!(broken.contains("`pattern` that is not a regular expression"), "{broken}");
        assert!(!broken.contains('\n'), "one line: {broken}");
    }

    #[test]
    fn known_bugs_beside_an_unlisted_engine_leave_that_engine_to_the_majority() {
        let boa_entry = format!("{ENTRY}pattern = 'print'\n");
        let quickjs_entry = boa_entry.replace(r#""boa""#, r#""quickjs""#);
        let both = parse(&format!("{boa_entry}{quickjs_entry}")).expect("two entries");
        let six = |boa: &str, quickjs: &str, jsc: &str, gjs: &str| {
            trial(vec![
                ("ref", ok(&["0"])),
                ("boa", ok(&[boa])),
                ("quickjs", ok(&[quickjs])),
                ("node", ok(&["0"])),
                ("jsc", ok(&[jsc])),
                ("gjs", ok(&[gjs])),
            ])
        };
        let engines = |trial: &Trial| trial.outcomes.iter().map(|(engine, _)| engine.clone()).collect::<Vec<_>>();

        // Boa and QuickJS are known, jsc is not: three against three, until the known ones are set
        // aside and jsc is alone against ref, node and gjs.
        let tie = six("1", "2", "3", "0");
        assert!(both.recognise("print(x)", &tie).is_empty(), "jsc's part is not known");
        let (entries, residual) = both.recognise_partly("print(x)", &tie).expect("jsc is left");
        assert_eq!(entries, [0, 1]);
        assert_eq!(engines(&residual), ["ref", "node", "jsc", "gjs"]);
        assert!(matches!(residual.verdict, Verdict::Diverge { .. }));
        // A second QuickJS entry that matches too: one entry per engine, the first listed.
        let other_quickjs_bug = quickjs_entry.replace("loops/for-let-copy.js", "loops/other.js");
        let three = parse(&format!("{boa_entry}{quickjs_entry}{other_quickjs_bug}")).expect("three entries");
        assert_eq!(three.recognise_partly("print(x)", &tie).map(|(entries, _)| entries), Some(vec![0, 1]));
        assert_eq!(three.recognise("print(x)", &six("1", "2", "0", "0")), [0, 1]);
        // QuickJS's pattern matches but QuickJS is right: only Boa's entry is set aside.
        let (entries, residual) = both.recognise_partly("print(x)", &six("1", "0", "3", "0")).expect("jsc is left");
        assert_eq!((entries, engines(&residual).len()), (vec![0], 5));

        // Nothing left to blame when the known bugs explain everything (`recognise`'s case, not a
        // known engine left alone by a smaller set), when the rest has no strict majority, or when
        // the patterns do not match.
        assert_eq!(both.recognise_partly("print(x)", &six("1", "2", "0", "0")), None);
        assert_eq!(both.recognise_partly("print(x)", &six("1", "2", "3", "4")), None);
        assert_eq!(both.recognise_partly("x()", &tie), None);
    }

    #[test]
    fn toml_errors_are_one_line_naming_the_file_and_the_place() {
        let missing = parse("[[divergence]]\nprogram = \"x.js\"\n").expect_err("missing fields").to_string();
        assert!(missing.starts_with("known-divergences.toml: not a valid known-divergence list: "), "{missing}");
        assert!(missing.contains("missing field"), "{missing}");
        let extra = parse(&format!("{ENTRY}note = \"typo'd field\"\n")).expect_err("extra field").to_string();
        assert!(extra.contains("unknown field `note`"), "{extra}");
        let syntax = parse("[[divergence]\n").expect_err("bad TOML").to_string();
        assert!(syntax.contains("line 1, column"), "{syntax}");
        for message in [missing, extra, syntax] {
            assert_eq!(message.lines().count(), 1, "{message}");
        }
    }

    #[test]
    fn a_listed_program_diverging_on_its_engine_is_explained() {
        let known = parse(ENTRY).expect("parses");
        let diverging = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"]))]);
        let file = Path::new("corpus/programs/loops/for-let-copy.js");
        let only_entry = Some(Explanation { entries: vec![&known.entries()[0]] });
        assert_eq!(known.explain(file, &diverging), only_entry);
        assert_eq!(known.explain(Path::new("loops/for-let-copy.js"), &diverging), only_entry);
        // Whole components only, and only that program.
        assert_eq!(known.explain(Path::new("xloops/for-let-copy.js"), &diverging), None);
        assert_eq!(known.explain(Path::new("loops/other.js"), &diverging), None);
        // Agreement or poison is never "known".
        let agreeing = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["0"]))]);
        assert_eq!(known.explain(file, &agreeing), None);
        // The listed engine must have taken part.
        let without_boa = Trial {
            outcomes: vec![("ref".into(), ok(&["0"]))],
            verdict: Verdict::Diverge { first_difference: Difference::End { ends: vec![] } },
        };
        assert_eq!(known.explain(file, &without_boa), None);
    }

    #[test]
    fn with_three_engines_the_listed_one_must_be_the_odd_one_out() {
        let known = parse(ENTRY).expect("parses");
        let file = Path::new("loops/for-let-copy.js");
        let boa_alone = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["0"]))]);
        assert!(known.explain(file, &boa_alone).is_some());
        let qjs_too = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["1"]))]);
        assert_eq!(known.explain(file, &qjs_too), None);
        let only_qjs = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["0"])), ("qjs", ok(&["1"]))]);
        assert_eq!(known.explain(file, &only_qjs), None);
    }

    /// Two entries for one program: Boa and QuickJS both wrong against the reference.
    fn two_engines() -> KnownDivergences {
        let qjs = ENTRY.replace(r#"engine = "boa""#, r#"engine = "qjs""#);
        let text = format!("{ENTRY}{qjs}");
        // `qjs` is not a registered engine; the checks are exercised with the names tests use.
        let file: KnownDivergenceFile = toml::from_str(&text).expect("parses");
        KnownDivergences { patterns: vec![None; file.divergence.len()], entries: file.divergence }
    }

    #[test]
    fn entries_for_several_engines_explain_together() {
        let known = two_engines();
        let file = Path::new("loops/for-let-copy.js");
        // Both wrong the same way: on their own, each entry fails (the rest disagree), together
        // they explain it.
        let both = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["3"]))]);
        assert!(!known.entries()[0].explains(file, &both));
        assert!(!known.entries()[1].explains(file, &both));
        let explanation = known.explain(file, &both).expect("explained by both entries");
        assert_eq!(explanation.entries, vec![&known.entries()[0], &known.entries()[1]]);
        assert_eq!(explanation.engines(), "boa+qjs");
        assert_eq!(explanation.why(), "CreatePerIterationEnvironment copies before the update");
        // Wrong in different ways, still both outside the agreement of the rest.
        let node = |line: &str| ("node", ok(&[line]));
        let apart = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["1"])), node("0")]);
        assert_eq!(known.explain(file, &apart).map(|e| e.entries.len()), Some(2));
        // Only one of them wrong: the other listed engine agrees with the rest, so the list is
        // not exact for this run.
        let only_boa = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["0"])), node("0")]);
        assert_eq!(known.explain(file, &only_boa), None);
        // A third, unlisted engine differing too: not explained.
        let node_too = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"])), ("qjs", ok(&["3"])), node("1")]);
        assert_eq!(known.explain(file, &node_too), None);
        // Every engine listed: nothing is left to agree.
        let listed_only = trial(vec![("boa", ok(&["3"])), ("qjs", ok(&["1"]))]);
        assert_eq!(known.explain(file, &listed_only), None);
    }

    #[test]
    fn listed_engines_that_did_not_run_are_ignored() {
        let known = two_engines();
        let file = Path::new("loops/for-let-copy.js");
        let without_qjs = trial(vec![("ref", ok(&["0"])), ("boa", ok(&["3"]))]);
        let explanation = known.explain(file, &without_qjs).expect("the boa entry explains it");
        assert_eq!(explanation.entries, vec![&known.entries()[0]]);
        let without_boa = trial(vec![("ref", ok(&["0"])), ("qjs", ok(&["3"]))]);
        assert_eq!(known.explain(file, &without_boa).map(|e| e.engines()), Some("qjs".to_owned()));
        let neither = trial(vec![("ref", ok(&["0"])), ("node", ok(&["3"]))]);
        assert_eq!(known.explain(file, &neither), None);
    }

    #[test]
    fn a_program_may_be_listed_once_per_engine() {
        let quickjs = ENTRY.replace(r#"engine = "boa""#, r#"engine = "quickjs""#);
        let known = parse(&format!("{ENTRY}{quickjs}")).expect("two engines for one program parse");
        assert_eq!(known.entries_for("loops/for-let-copy.js").count(), 2);
        assert_eq!(known.entries_for("loops/other.js").count(), 0);
    }
}
