//! The lifetime oracle: what closures keep alive, judged against the reference interpreter's exact
//! reachability.
//!
//! **Protocol.** Every engine adapter provides two host functions:
//!
//! - `afterGc(callback)`: once the script and every pending job have finished, the host ends the
//!   job (clearing the `WeakRef` kept-objects list), forces a full collection, then runs `callback`
//!   as a new job and drains the jobs it queues; several callbacks run in registration order, each
//!   after its own collection.
//! - `lifetimeProbe(name, weakRef)`: prints `lifetime NAME kept` or `lifetime NAME collected`,
//!   whether `weakRef.deref()` still returns its target. Other engines get it as a JavaScript
//!   prelude; the reference interpreter implements it natively and also knows the target's
//!   [`LifetimeClass`] at its last collection, which its adapter appends to the line
//!   (`lifetime NAME kept live`).
//!
//! **Judgment.** Probe lines are not compared as output: whether a collectable object has been
//! collected yet is the engine's business. Instead, for each probe the reference classified:
//! an engine that collected a [`Live`](LifetimeClass::Live) object has a real bug (a
//! [`Difference::Lifetime`](crate::Difference::Lifetime) divergence, reduced and blamed like any
//! other); one that kept a [`Garbage`](LifetimeClass::Garbage) object after the hook leaks (a
//! [`Leak`], information only); [`Retained`](LifetimeClass::Retained) objects are never judged.
//! Finalization order and timing are never compared.

use std::fmt;

use serde::Serialize;

use crate::outcome::Outcome;

/// The prefix of a probe line.
pub const PROBE_PREFIX: &str = "lifetime ";

/// The JavaScript prelude that gives an engine `lifetimeProbe`, given that it has `print`.
pub const PROBE_PRELUDE: &str = "function lifetimeProbe(name, w) { \
     print('lifetime ' + name + ' ' + (w.deref() === undefined ? 'collected' : 'kept')); }\n";

/// What the reference interpreter's heap says about a probed object at a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LifetimeClass {
    /// Reachable through bindings that reachable code can still read: must not be collected.
    Live,
    /// Reachable only through environment slots no reachable code can read: may be kept or freed.
    Retained,
    /// Unreachable: should be collectable.
    Garbage,
}

impl LifetimeClass {
    pub fn name(self) -> &'static str {
        match self {
            LifetimeClass::Live => "live",
            LifetimeClass::Retained => "retained",
            LifetimeClass::Garbage => "garbage",
        }
    }

    fn from_name(name: &str) -> Option<LifetimeClass> {
        match name {
            "live" => Some(LifetimeClass::Live),
            "retained" => Some(LifetimeClass::Retained),
            "garbage" => Some(LifetimeClass::Garbage),
            _ => None,
        }
    }
}

/// One probe line: the probe's name, whether the engine still had the object, and (reference
/// interpreter only) its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe<'a> {
    pub name: &'a str,
    pub kept: bool,
    pub class: Option<LifetimeClass>,
}

/// Parses a probe line; `None` for any other line.
pub fn parse_probe(line: &str) -> Option<Probe<'_>> {
    let mut words = line.strip_prefix(PROBE_PREFIX)?.split(' ');
    let name = words.next().filter(|name| !name.is_empty())?;
    let kept = match words.next()? {
        "kept" => true,
        "collected" => false,
        _ => return None,
    };
    let class = match words.next() {
        Some(word) => Some(LifetimeClass::from_name(word)?),
        None => None,
    };
    words.next().is_none().then_some(Probe { name, kept, class })
}

/// True for lines the output comparison skips.
pub fn is_probe_line(line: &str) -> bool {
    parse_probe(line).is_some()
}

/// The output lines that are compared: everything but probe lines.
pub fn compared_lines(outcome: &Outcome) -> Vec<&String> {
    outcome.output.iter().filter(|line| !is_probe_line(line)).collect()
}

/// An engine collected an object the reference says a live closure can still reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrematureCollection {
    pub engine: String,
    pub probe: String,
}

/// An engine kept an object the reference says nothing can reach (after a forced collection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leak {
    pub engine: String,
    pub probe: String,
}

impl fmt::Display for PrematureCollection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} collected `{}`, which a live closure can still reach", self.engine, self.probe)
    }
}

impl fmt::Display for Leak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kept `{}`, which nothing can reach", self.engine, self.probe)
    }
}

/// The lifetime judgment of one program's outcomes (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgment {
    /// Bugs: live objects collected, in engine order then probe order.
    pub premature: Vec<PrematureCollection>,
    /// Information: garbage kept.
    pub leaks: Vec<Leak>,
    /// Every probe of every other engine matched with the reference's class, in engine order
    /// (what reports count: e.g. how often an engine keeps `retained` objects).
    pub observations: Vec<Observation>,
}

/// One engine's probe line matched with the reference's class for the same probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub engine: String,
    pub probe: String,
    pub class: LifetimeClass,
    pub kept: bool,
}

/// Judges every engine's probes against the classes the reference run reported. Probes are
/// matched by name and occurrence (the second `o` probe with the second); an engine without the
/// reference's classes, or a probe the engine did not print, is not judged (a missing line is an
/// output difference the comparator reports anyway).
pub fn judge(outcomes: &[(String, Outcome)]) -> Judgment {
    let mut judgment = Judgment::default();
    let Some(classes) = outcomes.iter().map(|(_, outcome)| classified(outcome)).find(|probes| !probes.is_empty())
    else {
        return judgment;
    };
    for (engine, outcome) in outcomes {
        let probes: Vec<Probe<'_>> = outcome.output.iter().filter_map(|line| parse_probe(line)).collect();
        if probes.iter().any(|probe| probe.class.is_some()) {
            continue; // the reference itself
        }
        for (index, (name, class)) in classes.iter().enumerate() {
            let occurrence = classes[..index].iter().filter(|(other, _)| other == name).count();
            let Some(probe) = probes.iter().filter(|probe| probe.name == *name).nth(occurrence) else { continue };
            judgment.observations.push(Observation {
                engine: engine.clone(),
                probe: name.to_string(),
                class: *class,
                kept: probe.kept,
            });
            match (class, probe.kept) {
                (LifetimeClass::Live, false) => {
                    judgment.premature.push(PrematureCollection { engine: engine.clone(), probe: name.to_string() })
                }
                (LifetimeClass::Garbage, true) => {
                    judgment.leaks.push(Leak { engine: engine.clone(), probe: name.to_string() })
                }
                _ => {}
            }
        }
    }
    judgment
}

/// The classified probes of a reference run, in order.
fn classified(outcome: &Outcome) -> Vec<(&str, LifetimeClass)> {
    outcome
        .output
        .iter()
        .filter_map(|line| parse_probe(line))
        .filter_map(|probe| Some((probe.name, probe.class?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::End;

    fn outcome(lines: &[&str]) -> Outcome {
        Outcome { output: lines.iter().map(|line| (*line).to_owned()).collect(), end: End::Ok }
    }

    #[test]
    fn probe_lines_parse_strictly() {
        assert_eq!(parse_probe("lifetime o kept"), Some(Probe { name: "o", kept: true, class: None }));
        assert_eq!(
            parse_probe("lifetime o collected garbage"),
            Some(Probe { name: "o", kept: false, class: Some(LifetimeClass::Garbage) })
        );
        for line in ["lifetime o", "lifetime o gone", "lifetime  kept", "lifetime o kept live extra", "o kept"] {
            assert_eq!(parse_probe(line), None, "{line}");
        }
        assert_eq!(parse_probe("lifetime o kept maybe"), None);
    }

    #[test]
    fn live_collected_is_premature_garbage_kept_is_a_leak_retained_is_never_judged() {
        let runs = vec![
            (
                "ref".to_owned(),
                outcome(&["1", "lifetime a kept live", "lifetime b kept retained", "lifetime c collected garbage"]),
            ),
            ("boa".to_owned(), outcome(&["1", "lifetime a collected", "lifetime b collected", "lifetime c kept"])),
            ("quickjs".to_owned(), outcome(&["1", "lifetime a kept", "lifetime b kept", "lifetime c collected"])),
        ];
        let judgment = judge(&runs);
        assert_eq!(judgment.premature, [PrematureCollection { engine: "boa".into(), probe: "a".into() }]);
        assert_eq!(judgment.leaks, [Leak { engine: "boa".into(), probe: "c".into() }]);
        assert_eq!(judgment.premature[0].to_string(), "boa collected `a`, which a live closure can still reach");
        let quickjs: Vec<(&str, LifetimeClass, bool)> = judgment
            .observations
            .iter()
            .filter(|seen| seen.engine == "quickjs")
            .map(|seen| (seen.probe.as_str(), seen.class, seen.kept))
            .collect();
        assert_eq!(
            quickjs,
            [
                ("a", LifetimeClass::Live, true),
                ("b", LifetimeClass::Retained, true),
                ("c", LifetimeClass::Garbage, false)
            ]
        );
    }

    #[test]
    fn without_a_classified_run_nothing_is_judged() {
        let runs = vec![
            ("boa".to_owned(), outcome(&["lifetime a collected"])),
            ("quickjs".to_owned(), outcome(&["lifetime a kept"])),
        ];
        assert_eq!(judge(&runs), Judgment::default());
    }

    #[test]
    fn repeated_probe_names_are_matched_by_occurrence() {
        let runs = vec![
            ("ref".to_owned(), outcome(&["lifetime o collected garbage", "lifetime o kept live"])),
            ("boa".to_owned(), outcome(&["lifetime o collected", "lifetime o collected"])),
        ];
        assert_eq!(judge(&runs).premature, [PrematureCollection { engine: "boa".into(), probe: "o".into() }]);
    }
}
