//! The project's own reference interpreter (`interpreter` crate), the oracle.

use interpreter::{CollectorFault, Completion, LifetimeClass, LifetimeProbe, Limits, Observed, RunOptions};

use crate::engine::Engine;
use crate::isolate::{run_isolated, Isolation};
use crate::lifetime;
use crate::outcome::{End, Outcome};

/// Adapter over [`interpreter::run_with`].
///
/// The interpreter bounds itself (fuel, frames, heap cells) and never recurses natively per JS call,
/// so the thread and the backstop here only guard against bugs in it: a panic becomes `crashed`.
///
/// Its `lifetimeProbe` lines get the target's [`LifetimeClass`] appended (`lifetime o kept live`),
/// which the lifetime oracle judges the other engines by (see [`crate::lifetime`]).
#[derive(Debug, Clone, Default)]
pub struct ReferenceEngine {
    /// The interpreter's own limits.
    pub limits: Limits,
    /// Thread, stack and wall-clock backstop for each run.
    pub isolation: Isolation,
    /// A deliberately broken collector, for the hidden test engine `test-early-gc` (which then
    /// reports no classes: it is judged, not a judge).
    pub collector_fault: CollectorFault,
}

/// The hidden test engine whose collector frees a live captured object too early.
pub const EARLY_GC_ENGINE: &str = "test-early-gc";

impl ReferenceEngine {
    /// The reference interpreter with a collector that clears one live captured object's WeakRef
    /// at each `afterGc` collection: what the lifetime oracle must catch.
    pub fn early_gc() -> ReferenceEngine {
        ReferenceEngine { collector_fault: CollectorFault::FreeOneLiveCapturedObject, ..ReferenceEngine::default() }
    }
}

impl Engine for ReferenceEngine {
    fn name(&self) -> &str {
        match self.collector_fault {
            CollectorFault::None => "ref",
            _ => EARLY_GC_ENGINE,
        }
    }

    fn run(&self, source: &str) -> Outcome {
        let source = source.to_owned();
        let limits = self.limits;
        let options = RunOptions { collector_fault: self.collector_fault };
        let judge = self.collector_fault == CollectorFault::None;
        run_isolated(self.name(), self.isolation, move || {
            let result = interpreter::run_with(&source, &limits, &options);
            let mut output = result.printed;
            if judge {
                annotate_probes(&mut output, &result.lifetime);
            }
            Outcome { output, end: end_of(result.completion) }
        })
    }
}

/// Appends each probe's class to its line. Probe records and probe lines come in the same order;
/// a line that only looks like a probe (printed by the program itself) matches no record.
fn annotate_probes(output: &mut [String], probes: &[LifetimeProbe]) {
    let mut records = probes.iter().peekable();
    for line in output.iter_mut() {
        let Some(probe) = lifetime::parse_probe(line) else { continue };
        let Some(record) = records.peek() else { break };
        if probe.class.is_some() || probe.name != record.name || probe.kept != (record.observed == Observed::Kept) {
            continue;
        }
        if let Some(class) = record.class {
            let class = match class {
                LifetimeClass::Live => lifetime::LifetimeClass::Live,
                LifetimeClass::Retained => lifetime::LifetimeClass::Retained,
                LifetimeClass::Garbage => lifetime::LifetimeClass::Garbage,
            };
            line.push(' ');
            line.push_str(class.name());
        }
        records.next();
    }
}

fn end_of(completion: Completion) -> End {
    match completion {
        Completion::Normal => End::Ok,
        Completion::Threw { constructor } => End::Threw(constructor),
        // The message is engine-specific; only the fact of rejection is compared.
        Completion::SyntaxError { .. } => End::SyntaxError,
        Completion::Exhausted(resource) => End::Exhausted(resource.name().to_owned()),
        Completion::Unsupported(feature) => End::Unsupported(feature),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(name: &str, observed: Observed, class: Option<LifetimeClass>) -> LifetimeProbe {
        LifetimeProbe { name: name.into(), observed, class }
    }

    #[test]
    fn probe_lines_get_their_class_and_look_alikes_do_not() {
        let mut output: Vec<String> =
            ["lifetime a kept", "1", "lifetime fake kept", "lifetime b collected", "lifetime c kept"]
                .map(String::from)
                .to_vec();
        let records = [
            probe("a", Observed::Kept, Some(LifetimeClass::Live)),
            probe("b", Observed::Collected, Some(LifetimeClass::Garbage)),
            probe("c", Observed::Kept, None),
        ];
        annotate_probes(&mut output, &records);
        assert_eq!(
            output,
            ["lifetime a kept live", "1", "lifetime fake kept", "lifetime b collected garbage", "lifetime c kept"]
        );
    }

    #[test]
    fn the_early_gc_variant_has_its_own_name() {
        assert_eq!(ReferenceEngine::default().name(), "ref");
        assert_eq!(ReferenceEngine::early_gc().name(), EARLY_GC_ENGINE);
    }
}
