//! Running an engine where it cannot hurt the harness: its own thread, a large native stack, panics
//! caught, and a wall-clock backstop.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::outcome::{resource, End, Outcome};

/// How to isolate one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Isolation {
    /// Native stack of the run's thread. Large, because parsers and tree walkers recurse on deeply
    /// nested source and a native stack overflow aborts the whole process (it cannot be caught).
    pub stack_bytes: usize,
    /// Wall-clock backstop. Engines have deterministic limits of their own; this only catches what
    /// they miss (e.g. a single huge native operation). On expiry the thread is abandoned, not
    /// killed: Rust cannot kill a thread, and it dies with the process.
    pub timeout: Duration,
}

impl Default for Isolation {
    fn default() -> Self {
        Isolation { stack_bytes: 256 * 1024 * 1024, timeout: Duration::from_secs(10) }
    }
}

/// Runs `run` on a fresh thread as `isolation` says and returns its outcome; a panic becomes
/// [`End::Crashed`], a timeout [`End::Exhausted`]`("time")`. Output printed before a panic or timeout
/// is lost, which is fine: neither outcome is compared line by line.
pub fn run_isolated<F>(thread_name: &str, isolation: Isolation, run: F) -> Outcome
where
    F: FnOnce() -> Outcome + Send + 'static,
{
    let (sender, receiver) = mpsc::channel();
    let spawned =
        thread::Builder::new().name(thread_name.to_owned()).stack_size(isolation.stack_bytes).spawn(move || {
            let result = panic::catch_unwind(AssertUnwindSafe(run));
            // The receiver is gone only if we timed out; nobody is left to tell.
            let _ = sender.send(result);
        });
    if let Err(err) = spawned {
        return Outcome::without_output(End::Crashed(format!("could not start the engine thread: {err}")));
    }
    match receiver.recv_timeout(isolation.timeout) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(payload)) => Outcome::without_output(End::Crashed(format!("panicked: {}", panic_message(&*payload)))),
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::without_output(End::Exhausted(resource::TIME.to_owned())),
        // The thread ended without sending: it died in a way catch_unwind did not see.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Outcome::without_output(End::Crashed("the engine thread ended without an outcome".to_owned()))
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a non-string panic payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_run_passes_through() {
        let outcome =
            run_isolated("test", Isolation::default(), || Outcome { output: vec!["hi".into()], end: End::Ok });
        assert_eq!(outcome, Outcome { output: vec!["hi".into()], end: End::Ok });
    }

    #[test]
    fn a_panic_becomes_crashed() {
        let outcome = run_isolated("test", Isolation::default(), || panic!("engine bug {}", 42));
        assert_eq!(outcome.end, End::Crashed("panicked: engine bug 42".into()));
    }

    #[test]
    fn a_hang_becomes_exhausted_time() {
        let isolation = Isolation { timeout: Duration::from_millis(50), ..Isolation::default() };
        let outcome = run_isolated("test", isolation, || {
            thread::sleep(Duration::from_secs(2));
            Outcome::without_output(End::Ok)
        });
        assert_eq!(outcome.end, End::Exhausted("time".into()));
    }
}
