//! The interestingness test for divergences: what a candidate must reproduce, and [`judge`].

use std::collections::BTreeSet;
use std::fmt;

use crate::compare::{compare, Difference, Verdict};
use crate::engine::Engine;
use crate::lifetime;
use crate::outcome::{End, Outcome};
use crate::signature::{blame, DivergenceClass};
use crate::trial::Trial;

use super::edit::is_valid_script;

/// What a candidate must reproduce to be interesting: the [`DivergenceClass`] and, optionally, the
/// [`Detail`] of the difference and the engines allowed to differ at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Same engines blamed, same kind of difference, same ends.
    pub class: DivergenceClass,
    /// What exactly differs; `None` accepts any difference of the class.
    pub detail: Option<Detail>,
    /// The engines whose outcome may differ, anywhere, from the most common outcome: those of the
    /// original program ([`deviants`]); `None` allows any. The class only looks at the first
    /// difference, so without this a reduction could add another engine's difference after it: a
    /// mujs bug "reduced" to a program that also printed a function's source text, which duktape
    /// writes its own way, became a duktape finding.
    pub deviants: Option<BTreeSet<String>>,
}

/// The substance of an output difference, kept so that the reducer cannot slide from the bug to a
/// cheaper divergence of the same class. Without it, `print(e.name)` (`ReferenceError` against
/// `TypeError`: the bug) "reduces" to `print(e)`, whose lines differ only because engines word
/// their error messages differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Every engine printed a line and the lines differ: per engine, the distinct words (sorted) of
    /// its line left after dropping the leading and trailing words all the lines share.
    /// `scale 1024 5e-324 5e-324` against `scale 1024 0 0` keeps `5e-324` and `0`, so
    /// `print(2 ** -1074)` still matches.
    Words(Vec<(String, Vec<String>)>),
    /// Some engines' output had ended: how each of those runs ended (`threw ReferenceError`).
    /// The other engines may print anything.
    EndedWith(Vec<(String, End)>),
    /// Some engines (agreeing with each other) printed a line the others did not, and then went on
    /// with what the others printed there: those engines and the distinct words of their extra
    /// line. What the others printed instead is incidental (it is just their next line), so it is
    /// not kept; with three engines, the extra line may be the majority's (`ReferenceError`
    /// printed by two engines, skipped by the third).
    Extra {
        /// The engines with the extra line, in run order.
        engines: Vec<String>,
        /// The distinct words of the extra line, sorted.
        words: Vec<String>,
    },
}

impl Target {
    /// Only the class must match.
    pub fn class(class: DivergenceClass) -> Target {
        Target { class, detail: None, deviants: None }
    }

    /// The class and the [`Detail`] of `trial`'s difference (none for end differences, where the
    /// class already holds every end), and its [`deviants`]; `None` when `trial` does not diverge.
    pub fn exact(trial: &Trial) -> Option<Target> {
        let class = DivergenceClass::of(trial)?;
        Some(Target { class, detail: Detail::of(trial), deviants: Some(deviants(trial)) })
    }

    /// This target, allowing only `original`'s [`deviants`] to differ.
    pub fn within(self, original: &Trial) -> Target {
        Target { deviants: Some(deviants(original)), ..self }
    }

    pub(crate) fn matches(&self, trial: &Trial) -> Result<(), Rejection> {
        let found = DivergenceClass::of(trial).ok_or(Rejection::Agrees)?;
        if found != self.class {
            return Err(Rejection::OtherDivergence { found });
        }
        match &self.detail {
            Some(expected) => match Detail::of(trial) {
                Some(detail) if detail == *expected => Ok(()),
                found => Err(Rejection::OtherDetail { found }),
            },
            None => Ok(()),
        }?;
        match &self.deviants {
            Some(allowed) => {
                let others: Vec<String> = deviants(trial).difference(allowed).cloned().collect();
                if others.is_empty() {
                    Ok(())
                } else {
                    Err(Rejection::OtherEngines { engines: others })
                }
            }
            None => Ok(()),
        }
    }
}

/// The engines whose outcome as a whole (compared lines and end) is not the one the unique largest
/// group of engines shares; every engine when no group is strictly largest (as a class blames).
pub fn deviants(trial: &Trial) -> BTreeSet<String> {
    let wholes: Vec<(&str, (Vec<&String>, &End))> = trial
        .outcomes
        .iter()
        .map(|(engine, outcome)| (engine.as_str(), (lifetime::compared_lines(outcome), &outcome.end)))
        .collect();
    blame(&wholes).into_iter().collect()
}

impl Detail {
    /// The detail of `trial`'s output difference, if it has one.
    pub fn of(trial: &Trial) -> Option<Detail> {
        let Verdict::Diverge { first_difference: Difference::Output { index, lines } } = &trial.verdict else {
            return None;
        };
        if lines.iter().any(|(_, line)| line.is_none()) {
            let ended = lines.iter().filter(|(_, line)| line.is_none()).filter_map(|(engine, _)| {
                let (_, outcome) = trial.outcomes.iter().find(|(name, _)| name == engine)?;
                Some((engine.clone(), outcome.end.clone()))
            });
            return Some(Detail::EndedWith(ended.collect()));
        }
        if let Some((engines, line)) = extra_line(trial, *index) {
            return Some(Detail::Extra { engines, words: distinct_words(line.split_whitespace()) });
        }
        let words: Vec<Vec<&str>> =
            lines.iter().map(|(_, line)| line.as_deref().unwrap_or("").split_whitespace().collect()).collect();
        let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
        let same_word = |word_at: &dyn Fn(&[&str]) -> usize| {
            words.iter().all(|line| line[word_at(line)] == words[0][word_at(&words[0])])
        };
        let prefix = (0..shortest).take_while(|&i| same_word(&|_| i)).count();
        let suffix = (0..shortest - prefix).take_while(|&i| same_word(&|line| line.len() - 1 - i)).count();
        let differing = lines.iter().zip(&words).map(|((engine, _), line)| {
            (engine.clone(), distinct_words(line[prefix..line.len() - suffix].iter().copied()))
        });
        Some(Detail::Words(differing.collect()))
    }
}

/// The engines whose line `index` is extra, and that line: they printed the same line at `index`
/// and the same at `index + 1`, and every other engine printed that second line at `index`.
/// Indices count compared lines (lifetime probe lines aside), as in [`Difference::Output`].
fn extra_line(trial: &Trial, index: usize) -> Option<(Vec<String>, &str)> {
    let compared: Vec<(&String, Vec<&String>)> =
        trial.outcomes.iter().map(|(engine, outcome)| (engine, lifetime::compared_lines(outcome))).collect();
    compared.iter().find_map(|(_, lines)| {
        let (line, next) = (*lines.get(index)?, *lines.get(index + 1)?);
        let (group, others): (Vec<_>, Vec<_>) = compared
            .iter()
            .partition(|(_, other)| other.get(index) == Some(&line) && other.get(index + 1) == Some(&next));
        let others_went_on = !others.is_empty() && others.iter().all(|(_, other)| other.get(index) == Some(&next));
        others_went_on.then(|| (group.into_iter().map(|(engine, _)| (*engine).clone()).collect(), line.as_str()))
    })
}

/// The distinct words, sorted, with every integer written as [`INTEGER`]: which integers a program
/// computes depends on incidental arithmetic the reducer should be free to simplify (`x + 5 % 4`
/// to `x`), whereas words, error names and other numerals (`5e-324`, `NaN`) say what the bug is.
fn distinct_words<'w>(words: impl Iterator<Item = &'w str>) -> Vec<String> {
    let mut words: Vec<String> =
        words.map(|word| if is_integer(word) { INTEGER.to_owned() } else { word.to_owned() }).collect();
    words.sort();
    words.dedup();
    words
}

/// What [`distinct_words`] writes for an integer.
const INTEGER: &str = "<integer>";

fn is_integer(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = match self {
            Detail::Words(words) => {
                words.iter().map(|(engine, words)| format!("{engine}: {:?}", words.join(" "))).collect()
            }
            Detail::EndedWith(ends) => ends.iter().map(|(engine, end)| format!("{engine} ended: {end}")).collect(),
            Detail::Extra { engines, words } => {
                vec![format!("{} printed an extra line: {:?}", engines.join("+"), words.join(" "))]
            }
        };
        f.write_str(&parts.join("; "))
    }
}

/// Why a program is not interesting for a [`Target`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Not a valid script although the original was.
    Invalid,
    /// An engine was `exhausted` or `unsupported`.
    Poisoned {
        /// Which engine and why, e.g. `boa: exhausted (fuel)`.
        reason: String,
    },
    /// Every engine did the same.
    Agrees,
    /// The engines diverge, but not in the target's way.
    OtherDivergence {
        /// The class found instead.
        found: DivergenceClass,
    },
    /// The class is right but what differs is not the original's [`Detail`].
    OtherDetail {
        /// The detail found instead.
        found: Option<Detail>,
    },
    /// Engines that agreed with the others on the original program differ too.
    OtherEngines {
        /// Those engines, sorted.
        engines: Vec<String>,
    },
    /// A second run gave different outcomes.
    Flaky,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Invalid => f.write_str("not a valid script"),
            Rejection::Poisoned { reason } => write!(f, "poisoned ({reason}): nothing can be compared"),
            Rejection::Agrees => f.write_str("the engines agree"),
            Rejection::OtherDivergence { found } => write!(f, "it diverges differently ({found})"),
            Rejection::OtherDetail { found: Some(found) } => write!(f, "something else differs ({found})"),
            Rejection::OtherDetail { found: None } => f.write_str("something else differs"),
            Rejection::OtherEngines { engines } => {
                write!(f, "{} differ too, which agreed with the others on the original", engines.join(", "))
            }
            Rejection::Flaky => f.write_str("a second run gave different outcomes (not deterministic)"),
        }
    }
}

/// The interestingness test for divergences: runs `source` on `engines` (stopping at the first
/// poisoned outcome) and returns the trial if it shows exactly `target`, twice in a row. With
/// `require_valid`, a source that is not a valid script is rejected before any engine runs.
pub fn judge(
    engines: &[Box<dyn Engine + '_>],
    target: &Target,
    source: &str,
    require_valid: bool,
) -> Result<Trial, Rejection> {
    if require_valid && !is_valid_script(source) {
        return Err(Rejection::Invalid);
    }
    let first = run_unpoisoned(engines, source)?;
    let verdict = compare(&first);
    match &verdict {
        Verdict::Agree => return Err(Rejection::Agrees),
        Verdict::Poisoned { reason } => return Err(Rejection::Poisoned { reason: reason.clone() }),
        Verdict::Diverge { .. } => {}
    }
    let trial = Trial { outcomes: first, verdict };
    target.matches(&trial)?;
    match run_unpoisoned(engines, source) {
        Ok(second) if second == trial.outcomes => Ok(trial),
        _ => Err(Rejection::Flaky),
    }
}

/// Each engine's outcome, or the first poisoned one as a rejection (the other engines are not run).
fn run_unpoisoned(engines: &[Box<dyn Engine + '_>], source: &str) -> Result<Vec<(String, Outcome)>, Rejection> {
    let mut outcomes = Vec::with_capacity(engines.len());
    for engine in engines {
        let outcome = engine.run(source);
        if outcome.is_poisoning() {
            return Err(Rejection::Poisoned { reason: format!("{}: {}", engine.name(), outcome.end) });
        }
        outcomes.push((engine.name().to_owned(), outcome));
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trial(outcomes: &[(&str, &[&str], End)]) -> Trial {
        let outcomes: Vec<(String, Outcome)> = outcomes
            .iter()
            .map(|(engine, lines, end)| {
                let output = lines.iter().map(|line| (*line).to_owned()).collect();
                ((*engine).to_owned(), Outcome { output, end: end.clone() })
            })
            .collect();
        Trial::from_outcomes(outcomes)
    }

    fn words(pairs: &[(&str, &[&str])]) -> Option<Detail> {
        let words =
            pairs.iter().map(|(engine, words)| ((*engine).to_owned(), words.iter().map(|w| (*w).to_owned()).collect()));
        Some(Detail::Words(words.collect()))
    }

    #[test]
    fn words_shared_at_both_ends_are_dropped() {
        let scaled = trial(&[("ref", &["scale 1024 5e-324"], End::Ok), ("boa", &["scale 1024 0"], End::Ok)]);
        assert_eq!(Detail::of(&scaled), words(&[("ref", &["5e-324"]), ("boa", &[INTEGER])]));
        let bare = trial(&[("ref", &["x", "5e-324"], End::Ok), ("boa", &["x", "0"], End::Ok)]);
        assert_eq!(Detail::of(&bare), Detail::of(&scaled));
        let middle = trial(&[("ref", &["a 1 2 z"], End::Ok), ("boa", &["a 1 z"], End::Ok)]);
        assert_eq!(Detail::of(&middle), words(&[("ref", &[INTEGER]), ("boa", &[])]));
        let repeated = trial(&[("ref", &["5e-324 x 5e-324 5"], End::Ok), ("boa", &["0 x 0 5"], End::Ok)]);
        assert_eq!(Detail::of(&repeated), words(&[("ref", &["5e-324", "x"]), ("boa", &[INTEGER, "x"])]));
        // Which integers differ is incidental: `3` against `1` and `18` against `9` are one detail.
        let small = trial(&[("ref", &["3"], End::Ok), ("boa", &["1"], End::Ok)]);
        let large = trial(&[("ref", &["18"], End::Ok), ("boa", &["-9"], End::Ok)]);
        assert_eq!(Detail::of(&small), Detail::of(&large));
        assert_ne!(Detail::of(&small), Detail::of(&bare), "other numerals are kept");
        let messages = trial(&[
            ("ref", &["ReferenceError: c is not initialised"], End::Ok),
            ("boa", &["TypeError: c is const"], End::Ok),
        ]);
        let names = trial(&[("ref", &["ReferenceError"], End::Ok), ("boa", &["TypeError"], End::Ok)]);
        assert_ne!(Detail::of(&messages), Detail::of(&names));
    }

    #[test]
    fn an_extra_line_keeps_only_its_own_words() {
        let extra = trial(&[("ref", &["a", "ReferenceError", "7"], End::Ok), ("boa", &["a", "7"], End::Ok)]);
        let detail = Detail::of(&extra).expect("an output difference");
        assert_eq!(detail, Detail::Extra { engines: vec!["ref".into()], words: vec!["ReferenceError".into()] });
        assert_eq!(detail.to_string(), "ref printed an extra line: \"ReferenceError\"");
        let other_next = trial(&[("ref", &["ReferenceError", "0"], End::Ok), ("boa", &["0"], End::Ok)]);
        assert_eq!(Detail::of(&other_next), Some(detail));
        let boa_extra = trial(&[("ref", &["0"], End::Ok), ("boa", &["x y x", "0"], End::Ok)]);
        assert_eq!(
            Detail::of(&boa_extra),
            Some(Detail::Extra { engines: vec!["boa".into()], words: vec!["x".into(), "y".into()] })
        );
        // Two engines print `ReferenceError` where the third goes straight on with its next line.
        let majority_extra = trial(&[
            ("ref", &["ReferenceError", "object"], End::Ok),
            ("boa", &["object"], End::Ok),
            ("quickjs", &["ReferenceError", "object"], End::Ok),
        ]);
        let detail =
            Detail::Extra { engines: vec!["ref".into(), "quickjs".into()], words: vec!["ReferenceError".into()] };
        assert_eq!(Detail::of(&majority_extra), Some(detail.clone()));
        assert_eq!(detail.to_string(), "ref+quickjs printed an extra line: \"ReferenceError\"");
        let other_next = trial(&[
            ("ref", &["ReferenceError", "6x"], End::Ok),
            ("boa", &["6x"], End::Ok),
            ("quickjs", &["ReferenceError", "6x"], End::Ok),
        ]);
        assert_eq!(Detail::of(&other_next), Some(detail));
    }

    #[test]
    fn ended_outputs_keep_how_they_ended() {
        let threw = trial(&[("ref", &["1", "2"], End::Ok), ("boa", &["1"], End::Threw("ReferenceError".into()))]);
        let detail = Detail::of(&threw).expect("an output difference");
        assert_eq!(detail, Detail::EndedWith(vec![("boa".into(), End::Threw("ReferenceError".into()))]));
        assert_eq!(detail.to_string(), "boa ended: threw ReferenceError");
        let other_lines = trial(&[("ref", &["7"], End::Ok), ("boa", &[], End::Threw("ReferenceError".into()))]);
        assert_eq!(Detail::of(&other_lines), Some(detail));
        let ends = trial(&[("ref", &[], End::Ok), ("boa", &[], End::Threw("ReferenceError".into()))]);
        assert_eq!(Detail::of(&ends), None);
    }

    #[test]
    fn exact_targets_reject_other_details_and_class_targets_do_not() {
        let names = trial(&[("ref", &["ReferenceError"], End::Ok), ("boa", &["TypeError"], End::Ok)]);
        let messages = trial(&[("ref", &["ReferenceError: x"], End::Ok), ("boa", &["TypeError: y"], End::Ok)]);
        let exact = Target::exact(&names).expect("diverges");
        assert!(exact.matches(&names).is_ok());
        assert!(matches!(exact.matches(&messages), Err(Rejection::OtherDetail { found: Some(_) })));
        assert!(Target::class(exact.class.clone()).matches(&messages).is_ok());
        let agree = trial(&[("ref", &["1"], End::Ok), ("boa", &["1"], End::Ok)]);
        assert_eq!(exact.matches(&agree), Err(Rejection::Agrees));
    }

    /// A reduction keeps the first difference and may not add a difference of an engine that
    /// agreed with the others on the original (a function's source text, printed its own way).
    #[test]
    fn exact_targets_reject_differences_of_engines_that_agreed() {
        let original = trial(&[
            ("ref", &["TypeError", "function"], End::Ok),
            ("boa", &["TypeError", "function"], End::Ok),
            ("duktape", &["TypeError", "function"], End::Ok),
            ("mujs", &["undefined", "number"], End::Ok),
        ]);
        assert_eq!(deviants(&original), BTreeSet::from(["mujs".to_owned()]));
        let exact = Target::exact(&original).expect("diverges");
        let source_text = trial(&[
            ("ref", &["TypeError", "function g() {}"], End::Ok),
            ("boa", &["TypeError", "function g() {}"], End::Ok),
            ("duktape", &["TypeError", "function g() { [ecmascript code] }"], End::Ok),
            ("mujs", &["undefined", "function g() {}"], End::Ok),
        ]);
        assert_eq!(exact.matches(&source_text), Err(Rejection::OtherEngines { engines: vec!["duktape".into()] }));
        assert!(Target::class(exact.class.clone()).matches(&source_text).is_ok());
        assert!(Target::class(exact.class.clone()).within(&original).matches(&source_text).is_err());
        let shorter = trial(&[
            ("ref", &["TypeError"], End::Ok),
            ("boa", &["TypeError"], End::Ok),
            ("duktape", &["TypeError"], End::Ok),
            ("mujs", &["undefined"], End::Ok),
        ]);
        assert!(exact.matches(&shorter).is_ok());
        // Without a majority every engine may differ.
        let two = trial(&[("ref", &["1"], End::Ok), ("boa", &["2"], End::Ok)]);
        assert_eq!(deviants(&two).len(), 2);
    }
}
