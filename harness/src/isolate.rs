//! Running an engine where it cannot hurt the harness: its own thread, a large native stack, panics
//! caught, and a wall-clock backstop.
//!
//! The threads are reused: starting a thread with a 256 MiB stack and unmapping it again costs more
//! than running a small program (about 0.7 ms of wall-clock time per run, measured in a worker), so
//! a finished run's thread waits in a small pool for the next run. A thread whose run panicked or
//! timed out is never reused.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Mutex, PoisonError};
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

/// Runs `run` on an engine thread (reused, see the module docs) as `isolation` says and returns its
/// outcome; a panic becomes [`End::Crashed`], a timeout [`End::Exhausted`]`("time")`. Output printed
/// before a panic or timeout is lost, which is fine: neither outcome is compared line by line.
pub fn run_isolated<F>(thread_name: &str, isolation: Isolation, run: F) -> Outcome
where
    F: FnOnce() -> Outcome + Send + 'static,
{
    let (sender, receiver) = mpsc::channel();
    let job: Job = Box::new(move || {
        let result = panic::catch_unwind(AssertUnwindSafe(run));
        // The receiver is gone only if we timed out; nobody is left to tell.
        let _ = sender.send(result);
    });
    let runner = match Runner::idle(thread_name, isolation.stack_bytes) {
        Some(runner) => runner,
        None => match Runner::spawn(thread_name, isolation.stack_bytes) {
            Ok(runner) => runner,
            Err(err) => {
                return Outcome::without_output(End::Crashed(format!("could not start the engine thread: {err}")))
            }
        },
    };
    if let Err(mpsc::SendError(job)) = runner.jobs.send(job) {
        // An idle runner whose thread is gone (it cannot be, but a fresh one costs little).
        match Runner::spawn(thread_name, isolation.stack_bytes).map(|fresh| (fresh.jobs.send(job), fresh)) {
            Ok((Ok(()), fresh)) => return finish(fresh, &receiver, isolation),
            _ => return Outcome::without_output(End::Crashed("could not start the engine thread".to_owned())),
        }
    }
    finish(runner, &receiver, isolation)
}

type Job = Box<dyn FnOnce() + Send>;

/// Waits for the job sent to `runner` and returns the runner to the pool when it can be reused.
fn finish(runner: Runner, receiver: &mpsc::Receiver<thread::Result<Outcome>>, isolation: Isolation) -> Outcome {
    match receiver.recv_timeout(isolation.timeout) {
        Ok(Ok(outcome)) => {
            runner.release();
            outcome
        }
        // A panic may leave thread-local engine state (Boa's garbage collector) half-updated: the
        // thread is not reused.
        Ok(Err(payload)) => Outcome::without_output(End::Crashed(format!("panicked: {}", panic_message(&*payload)))),
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::without_output(End::Exhausted(resource::TIME.to_owned())),
        // The thread ended without sending: it died in a way catch_unwind did not see.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Outcome::without_output(End::Crashed("the engine thread ended without an outcome".to_owned()))
        }
    }
}

/// A thread with a large stack that runs jobs one at a time until its sender is dropped. It runs
/// only one engine's jobs, so that its name (the engine's) is right in a panic message: a Boa panic
/// must not read as the reference interpreter's.
struct Runner {
    jobs: mpsc::Sender<Job>,
    name: String,
    stack_bytes: usize,
}

/// Runners waiting for a job. Dropping a runner (not putting it back) ends its thread once its
/// current job, if any, is done; an abandoned (timed-out) job keeps its thread until it finishes.
static IDLE: Mutex<Vec<Runner>> = Mutex::new(Vec::new());

/// More idle runners than this are dropped: one per engine and lane is all a process needs (three
/// in-process engines on two lanes in `run` and `matrix`).
const MAX_IDLE: usize = 8;

impl Runner {
    fn spawn(name: &str, stack_bytes: usize) -> std::io::Result<Runner> {
        let (jobs, receiver) = mpsc::channel::<Job>();
        thread::Builder::new().name(name.to_owned()).stack_size(stack_bytes).spawn(move || {
            for job in receiver {
                job();
            }
        })?;
        Ok(Runner { jobs, name: name.to_owned(), stack_bytes })
    }

    /// An idle runner of this name and stack size, if there is one.
    fn idle(name: &str, stack_bytes: usize) -> Option<Runner> {
        let mut idle = IDLE.lock().unwrap_or_else(PoisonError::into_inner);
        let at = idle.iter().position(|runner| runner.name == name && runner.stack_bytes == stack_bytes)?;
        Some(idle.swap_remove(at))
    }

    fn release(self) {
        let mut idle = IDLE.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < MAX_IDLE {
            idle.push(self);
        }
    }
}

pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
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

    /// Runner threads are reused, but only by the engine they are named after.
    #[test]
    fn each_engine_runs_on_a_thread_of_its_name() {
        let name = || Outcome { output: vec![thread::current().name().unwrap_or("").to_owned()], end: End::Ok };
        for engine in ["engine-a", "engine-b", "engine-a"] {
            assert_eq!(run_isolated(engine, Isolation::default(), name).output, [engine]);
        }
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
