//! What one engine did with one program: the lines it printed and how it ended.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Everything the harness observes about one run of one program on one engine.
///
/// Serialises as `{"status": "...", "output": [...], "error": null}`, with a `detail` field added for
/// `exhausted`, `unsupported` and `crashed` (see [`End`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "OutcomeRepr", try_from = "OutcomeRepr")]
pub struct Outcome {
    /// Lines passed to `print` / `console.log`, in order, one entry per call.
    pub output: Vec<String>,
    /// How the run ended.
    pub end: End,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum End {
    /// The script and every pending job finished normally.
    Ok,
    /// An exception escaped; holds the thrown value's constructor name (`TypeError`) or, for values
    /// without one, its `typeof`. Messages are not kept: they differ between engines.
    Threw(String),
    /// The source was rejected before running (parse or early error).
    SyntaxError,
    /// A resource limit ended the run: `fuel`, `stack`, `time` or `memory`. Says nothing about the
    /// program's semantics, so it poisons the comparison.
    Exhausted(String),
    /// The engine does not implement a feature the program uses (named here). Poisons the comparison.
    Unsupported(String),
    /// The engine panicked, died or broke its own contract; holds what is known about why.
    Crashed(String),
}

/// The resource names used in [`End::Exhausted`].
pub mod resource {
    /// A step, instruction or loop-iteration budget ran out.
    pub const FUEL: &str = "fuel";
    /// Call depth or the engine's value stack reached its limit.
    pub const STACK: &str = "stack";
    /// The wall-clock backstop fired.
    pub const TIME: &str = "time";
    /// A heap limit was reached.
    pub const MEMORY: &str = "memory";
}

impl Outcome {
    /// An outcome with no output, for engines that fail before running anything.
    pub fn without_output(end: End) -> Self {
        Outcome { output: Vec::new(), end }
    }

    /// True when this run must not be compared: a limit or a missing feature ended it.
    pub fn is_poisoning(&self) -> bool {
        self.end.is_poisoning()
    }
}

impl End {
    /// The `status` string of the JSON form.
    pub fn status(&self) -> &'static str {
        match self {
            End::Ok => "ok",
            End::Threw(_) => "threw",
            End::SyntaxError => "syntax-error",
            End::Exhausted(_) => "exhausted",
            End::Unsupported(_) => "unsupported",
            End::Crashed(_) => "crashed",
        }
    }

    /// True for `exhausted` and `unsupported`, the ends that say nothing about the program.
    pub fn is_poisoning(&self) -> bool {
        matches!(self, End::Exhausted(_) | End::Unsupported(_))
    }
}

impl fmt::Display for End {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            End::Ok | End::SyntaxError => f.write_str(self.status()),
            End::Threw(name) => write!(f, "threw {name}"),
            End::Exhausted(detail) | End::Unsupported(detail) | End::Crashed(detail) => {
                write!(f, "{} ({detail})", self.status())
            }
        }
    }
}

/// The wire form; kept private so the invariants (e.g. `error` only with `threw`) live in one place.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeRepr {
    status: String,
    output: Vec<String>,
    error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

impl From<Outcome> for OutcomeRepr {
    fn from(outcome: Outcome) -> Self {
        let status = outcome.end.status().to_owned();
        let (error, detail) = match outcome.end {
            End::Ok | End::SyntaxError => (None, None),
            End::Threw(name) => (Some(name), None),
            End::Exhausted(detail) | End::Unsupported(detail) | End::Crashed(detail) => (None, Some(detail)),
        };
        OutcomeRepr { status, output: outcome.output, error, detail }
    }
}

impl TryFrom<OutcomeRepr> for Outcome {
    type Error = String;

    fn try_from(repr: OutcomeRepr) -> Result<Self, String> {
        let end = match (repr.status.as_str(), repr.error, repr.detail) {
            ("ok", None, None) => End::Ok,
            ("syntax-error", None, None) => End::SyntaxError,
            ("threw", Some(name), None) => End::Threw(name),
            ("exhausted", None, Some(detail)) => End::Exhausted(detail),
            ("unsupported", None, Some(detail)) => End::Unsupported(detail),
            ("crashed", None, Some(detail)) => End::Crashed(detail),
            (status, error, detail) => {
                return Err(format!(
                    "invalid outcome: status `{status}` with error {error:?} and detail {detail:?} \
                     (`error` goes only with `threw`; `detail` only with exhausted/unsupported/crashed)"
                ))
            }
        };
        Ok(Outcome { output: repr.output, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(outcome: &Outcome) -> String {
        serde_json::to_string(outcome).expect("outcomes always serialise")
    }

    #[test]
    fn ok_has_exactly_the_documented_fields() {
        let outcome = Outcome { output: vec!["1".into(), "a b".into()], end: End::Ok };
        assert_eq!(json(&outcome), r#"{"status":"ok","output":["1","a b"],"error":null}"#);
    }

    #[test]
    fn threw_puts_the_constructor_in_error() {
        let outcome = Outcome::without_output(End::Threw("TypeError".into()));
        assert_eq!(json(&outcome), r#"{"status":"threw","output":[],"error":"TypeError"}"#);
    }

    #[test]
    fn limits_put_the_resource_in_detail() {
        let outcome = Outcome::without_output(End::Exhausted(resource::FUEL.into()));
        assert_eq!(json(&outcome), r#"{"status":"exhausted","output":[],"error":null,"detail":"fuel"}"#);
    }

    #[test]
    fn every_end_round_trips() {
        let ends = [
            End::Ok,
            End::Threw("RangeError".into()),
            End::SyntaxError,
            End::Exhausted("stack".into()),
            End::Unsupported("with statement".into()),
            End::Crashed("panicked: boom".into()),
        ];
        for end in ends {
            let outcome = Outcome { output: vec!["x".into()], end };
            let back: Outcome = serde_json::from_str(&json(&outcome)).expect("round trip");
            assert_eq!(back, outcome);
        }
    }

    #[test]
    fn inconsistent_json_is_rejected() {
        let bad = r#"{"status":"ok","output":[],"error":"TypeError"}"#;
        assert!(serde_json::from_str::<Outcome>(bad).is_err());
        let unknown = r#"{"status":"finished","output":[],"error":null}"#;
        assert!(serde_json::from_str::<Outcome>(unknown).is_err());
    }

    #[test]
    fn only_limits_and_missing_features_poison() {
        assert!(End::Exhausted("fuel".into()).is_poisoning());
        assert!(End::Unsupported("eval".into()).is_poisoning());
        assert!(!End::Crashed("x".into()).is_poisoning());
        assert!(!End::Threw("Error".into()).is_poisoning());
        assert!(!End::SyntaxError.is_poisoning());
    }
}
