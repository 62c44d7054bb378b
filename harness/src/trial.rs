//! One program run on several engines and judged: the unit every report is made of.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::compare::{compare, Difference, Verdict};
use crate::engine::Engine;
use crate::known::Explanation;
use crate::outcome::Outcome;

/// Each engine's outcome for one program, in engine order, and the comparator's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trial {
    /// `(engine name, outcome)` in the order the engines were given.
    pub outcomes: Vec<(String, Outcome)>,
    /// What [`compare`] concluded from `outcomes`.
    pub verdict: Verdict,
}

impl Trial {
    /// Compares outcomes that are already known (from workers, or built by tests).
    pub fn from_outcomes(outcomes: Vec<(String, Outcome)>) -> Trial {
        let verdict = compare(&outcomes);
        Trial { outcomes, verdict }
    }

    /// Runs `source` on every engine, one after the other, and compares the outcomes.
    pub fn run(engines: &[Box<dyn Engine + '_>], source: &str) -> Trial {
        let outcomes: Vec<(String, Outcome)> =
            engines.iter().map(|engine| (engine.name().to_owned(), engine.run(source))).collect();
        Trial::from_outcomes(outcomes)
    }
}

/// Serialises as `{"engines": {"ref": {...}, "boa": {...}}, "verdict": "agree"}` with engines in
/// run order; a divergence adds `"difference"`, a poisoned run `"reason"`.
impl Serialize for Trial {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("engines", &Engines(&self.outcomes))?;
        map.serialize_entry("verdict", self.verdict.name())?;
        serialize_verdict_details(&mut map, &self.verdict)?;
        map.end()
    }
}

/// One line of `closure-diff run --json`: a [`Trial`] with the file it ran, `file` first, and
/// `"known": {"engine": "boa", "why": "..."}` when the divergence is a known one (`null` otherwise);
/// when several entries explain it together, `engine` joins their engines with `+`
/// (`boa+quickjs`) and `why` their reasons with `; `.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The program's path as given or found.
    pub file: &'a str,
    /// What happened to it.
    pub trial: &'a Trial,
    /// The known-divergence entries that explain the trial's divergence, if any
    /// (see [`KnownDivergences::explain`](crate::KnownDivergences::explain)).
    pub known: Option<&'a Explanation<'a>>,
    /// For a divergence no entry explains: the entries whose patterns recognise it, as
    /// `program (engine)` (a hint for triage; the divergence still counts as new).
    pub resembles: &'a [String],
}

impl Serialize for FileReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("file", self.file)?;
        map.serialize_entry("engines", &Engines(&self.trial.outcomes))?;
        map.serialize_entry("verdict", self.trial.verdict.name())?;
        map.serialize_entry("known", &self.known.map(|known| Known { engine: known.engines(), why: known.why() }))?;
        if !self.resembles.is_empty() {
            map.serialize_entry("resembles", self.resembles)?;
        }
        serialize_verdict_details(&mut map, &self.trial.verdict)?;
        map.end()
    }
}

/// The `known` field of a [`FileReport`].
#[derive(serde::Serialize)]
struct Known {
    engine: String,
    why: String,
}

/// `difference` for a divergence, `reason` for a poisoned run, nothing for agreement.
fn serialize_verdict_details<M: SerializeMap>(map: &mut M, verdict: &Verdict) -> Result<(), M::Error> {
    match verdict {
        Verdict::Agree => Ok(()),
        Verdict::Diverge { first_difference } => map.serialize_entry("difference", first_difference),
        Verdict::Poisoned { reason } => map.serialize_entry("reason", reason),
    }
}

/// An ordered `name -> value` map; serde's own maps would sort engines by name.
struct Engines<'a, T>(&'a [(String, T)]);

impl<T: Serialize> Serialize for Engines<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (engine, value) in self.0 {
            map.serialize_entry(engine, value)?;
        }
        map.end()
    }
}

/// `{"kind": "output", "line": 2, "lines": {"ref": "a", "boa": null}}` (1-based `line`, `null` for
/// "output had ended"), `{"kind": "end", "ends": {"ref": "ok", "boa": "threw TypeError"}}`, or
/// `{"kind": "lifetime", "premature": [{"engine": "boa", "probe": "o"}]}`.
impl Serialize for Difference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            Difference::Output { index, lines } => {
                map.serialize_entry("kind", "output")?;
                map.serialize_entry("line", &(index + 1))?;
                map.serialize_entry("lines", &Engines(lines))?;
            }
            Difference::End { ends } => {
                let ends: Vec<(String, String)> =
                    ends.iter().map(|(engine, end)| (engine.clone(), end.to_string())).collect();
                map.serialize_entry("kind", "end")?;
                map.serialize_entry("ends", &Engines(&ends))?;
            }
            Difference::Lifetime { premature } => {
                map.serialize_entry("kind", "lifetime")?;
                map.serialize_entry("premature", premature)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::known::KnownDivergence;
    use crate::outcome::End;

    fn trial(ref_outcome: Outcome, boa_outcome: Outcome) -> Trial {
        let outcomes = vec![("ref".to_owned(), ref_outcome), ("boa".to_owned(), boa_outcome)];
        Trial::from_outcomes(outcomes)
    }

    #[test]
    fn file_reports_have_the_documented_shape_with_engines_in_order() {
        let ok = Outcome { output: vec!["1".into()], end: End::Ok };
        let trial = trial(ok.clone(), ok);
        let json = serde_json::to_string(&FileReport { file: "a.js", trial: &trial, known: None, resembles: &[] })
            .expect("serialise");
        assert_eq!(
            json,
            r#"{"file":"a.js","engines":{"ref":{"status":"ok","output":["1"],"error":null},"boa":{"status":"ok","output":["1"],"error":null}},"verdict":"agree","known":null}"#
        );
    }

    #[test]
    fn known_divergences_name_the_engine_and_why() {
        let diverging = trial(Outcome::without_output(End::Ok), Outcome::without_output(End::SyntaxError));
        let known = KnownDivergence {
            program: "a.js".into(),
            engine: "boa".into(),
            differs: "syntax error".into(),
            why: "a parser bug".into(),
            repro: "x".into(),
            pattern: None,
        };
        let explanation = Explanation { entries: vec![&known] };
        let json = serde_json::to_value(FileReport {
            file: "a.js",
            trial: &diverging,
            known: Some(&explanation),
            resembles: &[],
        })
        .expect("serialise");
        assert_eq!(json["verdict"], "diverge");
        assert_eq!(json["known"], serde_json::json!({"engine": "boa", "why": "a parser bug"}));
        let quickjs = KnownDivergence { engine: "quickjs".into(), ..known.clone() };
        let other = KnownDivergence { engine: "node".into(), why: "another bug".into(), ..known.clone() };
        let together = Explanation { entries: vec![&known, &quickjs, &other] };
        let json = serde_json::to_value(FileReport {
            file: "a.js",
            trial: &diverging,
            known: Some(&together),
            resembles: &[],
        })
        .expect("serialise");
        assert_eq!(
            json["known"],
            serde_json::json!({"engine": "boa+quickjs+node", "why": "a parser bug; another bug"})
        );
        assert_eq!(json["difference"]["kind"], "end");
    }

    #[test]
    fn divergences_carry_the_first_difference() {
        let trial = trial(
            Outcome { output: vec!["1".into()], end: End::Ok },
            Outcome { output: vec![], end: End::Threw("TypeError".into()) },
        );
        let json = serde_json::to_value(&trial).expect("serialise");
        assert_eq!(json["verdict"], "diverge");
        assert_eq!(
            json["difference"],
            serde_json::json!({"kind": "output", "line": 1, "lines": {"ref": "1", "boa": null}})
        );
    }

    #[test]
    fn poisoned_runs_carry_the_reason() {
        let trial = trial(
            Outcome::without_output(End::Unsupported("interpreter not built yet".into())),
            Outcome::without_output(End::Ok),
        );
        let json = serde_json::to_value(&trial).expect("serialise");
        assert_eq!(json["verdict"], "poisoned");
        assert_eq!(json["reason"], "ref: unsupported (interpreter not built yet)");
        assert_eq!(json["engines"]["ref"]["detail"], "interpreter not built yet");
    }
}
