//! The [`Engine`] trait every JavaScript engine adapter implements, and the registry of engines by name.

use std::collections::BTreeSet;

use generator::{Config, Construct, Profile, Size};
use thiserror::Error;

use crate::engines::external::{EnginesFile, ExternalEngine, ExternalEngineError, Host};
use crate::engines::{BoaEngine, QuickJsEngine, ReferenceEngine};
use crate::outcome::Outcome;

/// A JavaScript engine the harness can run programs on.
///
/// Adapters are the only place that knows an engine's quirks; everything downstream (comparator,
/// reports, snapshots) sees nothing but [`Outcome`]s. An implementation must keep these promises,
/// because the comparator trusts them:
///
/// - **Total.** [`Engine::run`] returns for every input, valid or not: it never panics, never hangs
///   and never takes the harness down with it. A panic or death inside the engine is reported as
///   [`End::Crashed`](crate::End::Crashed).
/// - **Bounded.** Every run is bounded by the engine's limits (steps, stack, time). Hitting one is
///   reported as [`End::Exhausted`](crate::End::Exhausted), never as a JavaScript exception, because
///   where a limit bites depends on the engine's configuration and not on the program's semantics;
///   the comparator treats such runs as poisoned rather than as findings.
/// - **Honest about gaps.** A feature the engine does not implement ends the run with
///   [`End::Unsupported`](crate::End::Unsupported), never with a guess.
/// - **Isolated and deterministic.** Each run starts from a fresh realm; nothing a program does is
///   visible to the next run, and running the same source twice gives the same outcome (except for
///   the wall-clock backstop, which is why it exhausts rather than fails).
pub trait Engine: Send + Sync {
    /// The short name used on the command line and in reports (`ref`, `boa`). Stable, lowercase,
    /// unique within the registry.
    fn name(&self) -> &str;

    /// Runs `source` as a classic (sloppy-mode unless it says otherwise) script in a fresh realm with
    /// `print` and `console.log` available, drains the job queue, and reports what was printed and
    /// how the run ended. See the trait docs for the guarantees.
    fn run(&self, source: &str) -> Outcome;

    /// Whether the engine runs inside this process (true unless an adapter says otherwise). Only
    /// then does a fuzzing worker hosting it limit its own address space: an external engine is a
    /// process of its own, which would inherit that limit, and JavaScriptCore and SpiderMonkey
    /// reserve more address space at start than any useful limit allows (they abort under it).
    fn in_process(&self) -> bool {
        true
    }
}

/// The in-process engines' names, in the order reports list them. [`engine_by_name`] also accepts
/// the external engines of `engines.toml`.
pub const ENGINE_NAMES: &[&str] = &["ref", "boa", "quickjs"];

/// The engines compared when the user names none: the three in-process ones, so that every run has a
/// majority vote without installing anything.
pub const DEFAULT_ENGINES: &[&str] = &["ref", "boa", "quickjs"];

/// An engine name that cannot be built: not in the registry nor in the engines file, or configured
/// but unusable (not installed, a broken engines file).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", match detail {
    Some(detail) => detail.clone(),
    None => format!("unknown engine `{name}` (known engines: {}{})", ENGINE_NAMES.join(", "), external_names()),
})]
pub struct UnknownEngine {
    /// The name that was asked for.
    pub name: String,
    /// Why a configured engine cannot be used; `None` when the name is unknown.
    pub detail: Option<String>,
}

/// `, node, jsc, ...`: the engines file's names, for error messages.
fn external_names() -> String {
    match EnginesFile::current() {
        Ok(file) => file.engines.keys().map(|name| format!(", {name}")).collect(),
        Err(_) => String::new(),
    }
}

/// Builds the engine registered under `name`, with its default configuration: an in-process engine
/// of [`ENGINE_NAMES`], else an external engine of the engines file
/// ([`EnginesFile::current`](crate::engines::external::EnginesFile::current)).
pub fn engine_by_name(name: &str) -> Result<Box<dyn Engine>, UnknownEngine> {
    match name {
        "ref" => Ok(Box::new(ReferenceEngine::default())),
        "boa" => Ok(Box::new(BoaEngine::default())),
        "quickjs" => Ok(Box::new(QuickJsEngine::default())),
        _ => match ExternalEngine::by_name(name) {
            Ok(engine) => Ok(Box::new(engine)),
            Err(ExternalEngineError::NotConfigured(_)) => Err(UnknownEngine { name: name.to_owned(), detail: None }),
            Err(err) => Err(UnknownEngine { name: name.to_owned(), detail: Some(err.to_string()) }),
        },
    }
}

/// The language profile of an engine: external engines say theirs in `engines.toml`; the embedded
/// ones run everything.
pub fn engine_profile(name: &str) -> Profile {
    let Ok(file) = EnginesFile::current() else { return Profile::Full };
    match file.engines.get(name).map(|entry| entry.profile.to_string()) {
        Some(profile) => Profile::from_name(&profile).unwrap_or(Profile::Full),
        None => Profile::Full,
    }
}

/// Profiles by what they allow, least first.
fn rank(profile: Profile) -> u8 {
    match profile {
        Profile::Es5 => 0,
        Profile::Es2015 => 1,
        Profile::Full => 2,
    }
}

/// Whether an engine of profile `engine` runs programs of profile `program`.
pub fn covers(engine: Profile, program: Profile) -> bool {
    rank(engine) >= rank(program)
}

/// `full`, or e.g. `es2015 without classes,eval-with`: a language as summaries and findings name it.
pub fn describe_language(profile: &str, without: &[String]) -> String {
    match without.is_empty() {
        true => profile.to_owned(),
        false => format!("{profile} without {}", without.join(",")),
    }
}

/// The largest profile every engine of `names` runs: what a campaign on them generates, so that a
/// program is not poisoned by a construct one engine cannot parse.
pub fn common_profile(names: &[String]) -> Profile {
    let profiles: Vec<Profile> = names.iter().map(|name| engine_profile(name)).collect();
    [Profile::Full, Profile::Es2015, Profile::Es5]
        .into_iter()
        .find(|&program| profiles.iter().all(|&engine| covers(engine, program)))
        .unwrap_or(Profile::Es5)
}

/// The constructs engine `name` lacks although its profile has them, or that its host cannot run
/// faithfully: its `without` list, what its `lacks` words show, `annex_b`, the lifetime hooks where
/// it cannot force a collection, and for prelude hosts a program's own `"use strict"` (hidden
/// behind the prelude) and, under indirect eval, `delete` (eval-declared globals are configurable).
/// The embedded engines lack none.
pub fn engine_without(name: &str) -> BTreeSet<Construct> {
    let Ok(file) = EnginesFile::current() else { return BTreeSet::new() };
    let Some(entry) = file.engines.get(name) else { return BTreeSet::new() };
    let mut without: BTreeSet<Construct> = entry
        .lacks
        .iter()
        .filter_map(|word| match word.as_str() {
            "class" => Some(Construct::Classes),
            "yield" => Some(Construct::Generators),
            "eval" | "with" => Some(Construct::EvalWith),
            "WeakRef" | "FinalizationRegistry" => Some(Construct::WeakRefs),
            _ => None,
        })
        .collect();
    without.extend(entry.without.iter().filter_map(|name| Construct::from_name(name)));
    if !entry.annex_b {
        without.insert(Construct::BlockFunctions);
    }
    if !entry.runs_lifetime_hooks() {
        without.insert(Construct::WeakRefs);
    }
    if matches!(entry.host, Host::Eval | Host::Script) && !entry.strict_only() {
        without.insert(Construct::StrictScripts);
    }
    if entry.host == Host::Eval {
        without.insert(Construct::Delete);
    }
    let profile = engine_profile(name);
    without.retain(|construct| construct.in_profile(profile));
    without
}

/// What an engine runs, or what is generated for a set of engines: a language profile less some
/// constructs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub profile: Profile,
    pub without: BTreeSet<Construct>,
}

impl Language {
    /// What engine `name` runs.
    pub fn of_engine(name: &str) -> Language {
        Language { profile: engine_profile(name), without: engine_without(name) }
    }

    /// What every engine of `names` runs: what a campaign on them generates, so that programs are
    /// not poisoned by a construct one engine lacks. An error says why there is no such language:
    /// engines that run only strict code beside engines whose host cannot run a strict script (a
    /// prelude hides its directive) would leave every program unsupported on one side.
    pub fn common(names: &[String]) -> Result<Language, String> {
        let profile = common_profile(names);
        let lacks: Vec<(&String, BTreeSet<Construct>)> =
            names.iter().map(|name| (name, engine_without(name))).collect();
        let lacking = |construct: Construct| -> Vec<&str> {
            lacks.iter().filter(|(_, without)| without.contains(&construct)).map(|(name, _)| name.as_str()).collect()
        };
        let (strict_only, no_strict_scripts) = (lacking(Construct::SloppyMode), lacking(Construct::StrictScripts));
        if !strict_only.is_empty() && !no_strict_scripts.is_empty() {
            return Err(format!(
                "no program runs on all of these engines: only strict code runs on {}, and no strict script runs \
                 on {} (a prelude hides its directive); fuzz them in separate campaigns",
                strict_only.join(", "),
                no_strict_scripts.join(", ")
            ));
        }
        let without = lacks.into_iter().flat_map(|(_, without)| without).filter(|c| c.in_profile(profile)).collect();
        Ok(Language { profile, without })
    }

    /// Whether an engine running `self` runs programs of `program`.
    pub fn covers(&self, program: &Language) -> bool {
        covers(self.profile, program.profile) && self.without.is_subset(&program.without)
    }

    /// The default generator config of this language at `size`.
    pub fn config(&self, size: Size) -> Config {
        Config { profile: self.profile, without: self.without.clone(), ..Config::sized(size) }
    }

    /// The `without` constructs by name.
    pub fn without_names(&self) -> Vec<String> {
        self.without.iter().map(|construct| construct.name().to_owned()).collect()
    }

    /// See [`describe_language`].
    pub fn describe(&self) -> String {
        describe_language(self.profile.name(), &self.without_names())
    }

    /// Orders languages by profile, least capable first, then by the constructs left out.
    pub fn sort_key(&self) -> (u8, Vec<Construct>) {
        (rank(self.profile), self.without.iter().copied().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_resolves_to_an_engine_of_that_name() {
        for name in ENGINE_NAMES {
            let engine = engine_by_name(name).expect("listed names resolve");
            assert_eq!(engine.name(), *name);
        }
        for name in DEFAULT_ENGINES {
            assert!(ENGINE_NAMES.contains(name));
        }
    }

    #[test]
    fn strict_only_engines_and_hosts_without_strict_scripts_conflict() {
        let names = |list: &[&str]| list.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        let why = Language::common(&names(&["ref", "njs", "gjs", "boa"])).expect_err("njs and gjs conflict");
        assert!(why.contains("only strict code runs on njs, and no strict script runs on gjs"), "{why}");
        assert!(Language::common(&names(&["ref", "njs", "node", "jsc"])).is_ok());
        assert!(Language::common(&names(&["ref", "gjs", "duktape"])).is_ok());
    }

    #[test]
    fn a_campaign_generates_what_its_least_capable_engine_runs() {
        let names = |list: &[&str]| list.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(common_profile(&names(&["ref", "boa", "quickjs", "node"])), Profile::Full);
        assert_eq!(common_profile(&names(&["ref", "njs"])), Profile::Es2015);
        assert_eq!(common_profile(&names(&["ref", "njs", "duktape", "boa"])), Profile::Es5);
        assert!(covers(Profile::Full, Profile::Es5) && !covers(Profile::Es5, Profile::Es2015));
    }

    #[test]
    fn a_campaign_leaves_out_what_one_of_its_engines_lacks() {
        let names = |list: &[&str]| list.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(Language::common(&names(&["ref", "boa", "node"])), Ok(Language::of_engine("ref")));
        let njs = Language::common(&names(&["ref", "njs"])).expect("a common language");
        let lacked = [Construct::BlockFunctions, Construct::Classes, Construct::EvalWith, Construct::DefaultParams];
        assert_eq!(njs.profile, Profile::Es2015);
        assert!(lacked.iter().all(|construct| njs.without.contains(construct)), "{njs:?}");
        assert!(Language::of_engine("njs").covers(&njs) && Language::of_engine("ref").covers(&njs));
        assert!(!Language::of_engine("njs").covers(&Language::of_engine("ref")));
        let engine262 = Language::common(&names(&["ref", "engine262"])).expect("a common language");
        assert_eq!(engine262.describe(), "full without block-functions,weak-refs,strict-scripts,delete");
        assert!(Language::of_engine("jsc").without.is_empty(), "jsc runs the lifetime hooks");
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let err = engine_by_name("v8").err().expect("v8 is not registered");
        assert!(err.to_string().starts_with("unknown engine `v8` (known engines: ref, boa, quickjs, "), "{err}");
    }
}
