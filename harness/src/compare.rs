//! The comparator: several engines' outcomes for one program in, one [`Verdict`] out.

use std::fmt;

use crate::lifetime::{self, PrematureCollection};
use crate::outcome::{End, Outcome};

/// What comparing the engines' outcomes for one program concluded.
///
/// Three-valued on purpose: a run cut short by a limit or by a missing feature says nothing about
/// the program, so it is neither agreement nor a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every engine printed the same lines and ended the same way.
    Agree,
    /// The engines disagree; `first_difference` is where.
    Diverge {
        /// The earliest observable difference.
        first_difference: Difference,
    },
    /// At least one engine was `exhausted` or `unsupported`, so nothing was compared.
    Poisoned {
        /// Which engines poisoned the run and why, e.g. `ref: unsupported (with statement)`.
        reason: String,
    },
}

/// The earliest point where the engines' outcomes differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Output line `index` (0-based) differs; each engine's line, `None` when its output had ended.
    Output { index: usize, lines: Vec<(String, Option<String>)> },
    /// The output is identical but the runs ended differently.
    End { ends: Vec<(String, End)> },
    /// Output and ends agree, but engines collected objects the reference interpreter says a live
    /// closure can still reach (see [`crate::lifetime`]).
    Lifetime { premature: Vec<PrematureCollection> },
}

impl Verdict {
    /// The `verdict` string of the JSON form: `agree`, `diverge` or `poisoned`.
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Diverge { .. } => "diverge",
            Verdict::Poisoned { .. } => "poisoned",
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Output { index, lines } => {
                write!(f, "output line {}:", index + 1)?;
                for (engine, line) in lines {
                    match line {
                        Some(line) => write!(f, " {engine}: {line:?};")?,
                        None => write!(f, " {engine}: <end of output>;")?,
                    }
                }
                Ok(())
            }
            Difference::End { ends } => {
                f.write_str("end state:")?;
                for (engine, end) in ends {
                    write!(f, " {engine}: {end};")?;
                }
                Ok(())
            }
            Difference::Lifetime { premature } => {
                f.write_str("lifetime:")?;
                for collection in premature {
                    write!(f, " {collection};")?;
                }
                Ok(())
            }
        }
    }
}

/// Compares the outcomes of one program on several engines, given as `(engine name, outcome)` in
/// report order.
///
/// Any `exhausted` or `unsupported` outcome poisons the run. Otherwise the output lines must be
/// identical (lifetime probe lines aside; line indices count only the compared lines), then the
/// ends, then no engine may have collected an object the reference run calls live; the first
/// difference is reported. Fewer than two outcomes agree trivially (unless poisoned).
pub fn compare(outcomes: &[(String, Outcome)]) -> Verdict {
    let poisoners: Vec<String> = outcomes
        .iter()
        .filter(|(_, outcome)| outcome.is_poisoning())
        .map(|(engine, outcome)| format!("{engine}: {}", outcome.end))
        .collect();
    if !poisoners.is_empty() {
        return Verdict::Poisoned { reason: poisoners.join(", ") };
    }

    let compared: Vec<Vec<&String>> = outcomes.iter().map(|(_, outcome)| lifetime::compared_lines(outcome)).collect();
    let longest = compared.iter().map(Vec::len).max().unwrap_or(0);
    for index in 0..longest {
        let lines: Vec<(String, Option<String>)> = outcomes
            .iter()
            .zip(&compared)
            .map(|((engine, _), lines)| (engine.clone(), lines.get(index).map(|line| (*line).clone())))
            .collect();
        if lines.iter().any(|(_, line)| *line != lines[0].1) {
            return Verdict::Diverge { first_difference: Difference::Output { index, lines } };
        }
    }

    if let Some((_, first)) = outcomes.first() {
        if outcomes.iter().any(|(_, outcome)| outcome.end != first.end) {
            let ends = outcomes.iter().map(|(engine, outcome)| (engine.clone(), outcome.end.clone())).collect();
            return Verdict::Diverge { first_difference: Difference::End { ends } };
        }
    }
    let premature = lifetime::judge(outcomes).premature;
    if !premature.is_empty() {
        return Verdict::Diverge { first_difference: Difference::Lifetime { premature } };
    }
    Verdict::Agree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(lines: &[&str], end: End) -> Outcome {
        Outcome { output: lines.iter().map(|line| (*line).to_owned()).collect(), end }
    }

    fn pair(a: Outcome, b: Outcome) -> Vec<(String, Outcome)> {
        vec![("ref".to_owned(), a), ("boa".to_owned(), b)]
    }

    #[test]
    fn probe_lines_are_judged_not_compared() {
        let reference = outcome(&["1", "lifetime a kept live", "lifetime b collected garbage", "2"], End::Ok);
        let kept_all = pair(reference.clone(), outcome(&["1", "lifetime a kept", "lifetime b kept", "2"], End::Ok));
        assert_eq!(compare(&kept_all), Verdict::Agree, "keeping garbage is a leak, not a divergence");
        let freed_live = pair(reference.clone(), outcome(&["1", "lifetime a collected", "2"], End::Ok));
        let Verdict::Diverge { first_difference } = compare(&freed_live) else { panic!("a live object was freed") };
        assert_eq!(
            first_difference,
            Difference::Lifetime { premature: vec![PrematureCollection { engine: "boa".into(), probe: "a".into() }] }
        );
        assert_eq!(first_difference.to_string(), "lifetime: boa collected `a`, which a live closure can still reach;");
        let other_output = pair(reference, outcome(&["1", "lifetime a kept", "3"], End::Ok));
        let Verdict::Diverge { first_difference: Difference::Output { index, .. } } = compare(&other_output) else {
            panic!("output still counts")
        };
        assert_eq!(index, 1, "indices count compared lines only");
    }

    #[test]
    fn identical_outcomes_agree() {
        let runs = pair(outcome(&["1", "2"], End::Ok), outcome(&["1", "2"], End::Ok));
        assert_eq!(compare(&runs), Verdict::Agree);
        let threw =
            pair(outcome(&["1"], End::Threw("TypeError".into())), outcome(&["1"], End::Threw("TypeError".into())));
        assert_eq!(compare(&threw), Verdict::Agree);
    }

    #[test]
    fn the_first_differing_line_is_reported() {
        let runs = pair(outcome(&["1", "2", "3"], End::Ok), outcome(&["1", "x", "y"], End::Ok));
        let Verdict::Diverge { first_difference } = compare(&runs) else { panic!("expected a divergence") };
        assert_eq!(
            first_difference,
            Difference::Output {
                index: 1,
                lines: vec![("ref".into(), Some("2".into())), ("boa".into(), Some("x".into()))]
            }
        );
        assert_eq!(first_difference.to_string(), r#"output line 2: ref: "2"; boa: "x";"#);
    }

    #[test]
    fn a_shorter_output_differs_at_its_end() {
        let runs = pair(outcome(&["1"], End::Ok), outcome(&["1", "2"], End::Ok));
        let Verdict::Diverge { first_difference } = compare(&runs) else { panic!("expected a divergence") };
        assert_eq!(
            first_difference,
            Difference::Output { index: 1, lines: vec![("ref".into(), None), ("boa".into(), Some("2".into()))] }
        );
        assert_eq!(first_difference.to_string(), r#"output line 2: ref: <end of output>; boa: "2";"#);
    }

    #[test]
    fn same_output_different_end_diverges_on_the_end() {
        let runs =
            pair(outcome(&["a"], End::Threw("TypeError".into())), outcome(&["a"], End::Threw("RangeError".into())));
        let Verdict::Diverge { first_difference } = compare(&runs) else { panic!("expected a divergence") };
        assert_eq!(first_difference.to_string(), "end state: ref: threw TypeError; boa: threw RangeError;");
    }

    #[test]
    fn output_differences_come_before_end_differences() {
        let runs = pair(outcome(&["a"], End::Ok), outcome(&["b"], End::SyntaxError));
        assert!(matches!(compare(&runs), Verdict::Diverge { first_difference: Difference::Output { index: 0, .. } }));
    }

    #[test]
    fn exhausted_or_unsupported_poisons_whatever_the_others_did() {
        let runs = pair(outcome(&[], End::Unsupported("with".into())), outcome(&["1"], End::Ok));
        assert_eq!(compare(&runs), Verdict::Poisoned { reason: "ref: unsupported (with)".into() });
        let runs = pair(outcome(&["1"], End::Ok), outcome(&["2"], End::Exhausted("fuel".into())));
        assert_eq!(compare(&runs), Verdict::Poisoned { reason: "boa: exhausted (fuel)".into() });
    }

    #[test]
    fn a_crash_is_a_divergence_not_poison() {
        let runs = pair(outcome(&[], End::Ok), outcome(&[], End::Crashed("panicked: x".into())));
        assert!(matches!(compare(&runs), Verdict::Diverge { first_difference: Difference::End { .. } }));
    }

    #[test]
    fn any_engine_of_three_can_diverge() {
        let mut runs = pair(outcome(&["1"], End::Ok), outcome(&["1"], End::Ok));
        runs.push(("qjs".into(), outcome(&["1"], End::Threw("Error".into()))));
        let Verdict::Diverge { first_difference } = compare(&runs) else { panic!("expected a divergence") };
        assert_eq!(first_difference.to_string(), "end state: ref: ok; boa: ok; qjs: threw Error;");
    }

    #[test]
    fn zero_or_one_engine_agrees() {
        assert_eq!(compare(&[]), Verdict::Agree);
        assert_eq!(compare(&[("ref".into(), outcome(&["x"], End::Ok))]), Verdict::Agree);
    }
}
