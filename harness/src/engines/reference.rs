//! The project's own reference interpreter (`interpreter` crate), the oracle.

use interpreter::{Completion, Limits};

use crate::engine::Engine;
use crate::isolate::{run_isolated, Isolation};
use crate::outcome::{End, Outcome};

/// Adapter over [`interpreter::run`].
///
/// The interpreter bounds itself (fuel, frames, heap cells) and never recurses natively per JS call,
/// so the thread and the backstop here only guard against bugs in it: a panic becomes `crashed`.
#[derive(Debug, Clone, Default)]
pub struct ReferenceEngine {
    /// The interpreter's own limits.
    pub limits: Limits,
    /// Thread, stack and wall-clock backstop for each run.
    pub isolation: Isolation,
}

impl Engine for ReferenceEngine {
    fn name(&self) -> &str {
        "ref"
    }

    fn run(&self, source: &str) -> Outcome {
        let source = source.to_owned();
        let limits = self.limits;
        run_isolated("ref", self.isolation, move || {
            let result = interpreter::run(&source, &limits);
            Outcome { output: result.printed, end: end_of(result.completion) }
        })
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
