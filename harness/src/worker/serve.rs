//! The worker's side of the protocol: read requests, run them on the worker's engines, answer.

use std::io::{self, BufRead, Write};
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::engine::{engine_by_name, Engine, UnknownEngine};
use crate::engines::misbehaving::Misbehaving;
use crate::engines::EARLY_GC_ENGINE;
use crate::engines::{BoaEngine, QuickJsEngine, ReferenceEngine};
use crate::isolate::{panic_message, Isolation};
use crate::outcome::{resource, End, Outcome};
use crate::worker::{EngineOutcome, Hello, Request, Response};

/// The engine named `name` as a worker runs it: a public engine (see
/// [`engine_by_name`]) with its wall-clock backstop ([`Isolation::timeout`]) set to `backstop`, which the parent sets
/// well above its own time limit so that the parent acts first,, or a hidden
/// [misbehaving test engine](crate::engines::misbehaving).
pub fn worker_engine_by_name(name: &str, backstop: Duration) -> Result<Box<dyn Engine>, UnknownEngine> {
    let isolation = Isolation { timeout: backstop, ..Isolation::default() };
    match name {
        "ref" => Ok(Box::new(ReferenceEngine { isolation, ..ReferenceEngine::default() })),
        "boa" => Ok(Box::new(BoaEngine { isolation, ..BoaEngine::default() })),
        "quickjs" => Ok(Box::new(QuickJsEngine { isolation, ..QuickJsEngine::default() })),
        EARLY_GC_ENGINE => Ok(Box::new(ReferenceEngine { isolation, ..ReferenceEngine::early_gc() })),
        _ => match Misbehaving::by_name(name) {
            Some(engine) => Ok(Box::new(engine)),
            None => engine_by_name(name),
        },
    }
}

/// Serves requests from `input` until it ends, answering on `output` (see the [module
/// docs](crate::worker) for the protocol). Returns early, after answering, when a run was abandoned
/// by an adapter's wall-clock backstop: its thread may still be running, and only the end of the
/// process stops it, so the worker should exit and let the parent start a fresh one.
///
/// A panic escaping an engine's `run` is caught and answered as `crashed`; anything worse (abort,
/// stack overflow, allocation failure) ends the process, which the parent notices.
pub fn serve(engines: &[Box<dyn Engine>], input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let hello =
        Hello { ready: engines.iter().map(|engine| engine.name().to_owned()).collect(), pid: std::process::id() };
    write_line(&mut output, &hello)?;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: Request = serde_json::from_str(&line)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, format!("not a worker request: {err}")))?;
        let mut abandoned = false;
        let outcomes = engines
            .iter()
            .map(|engine| {
                let started = Instant::now();
                let cpu_before = process_cpu_time();
                let outcome =
                    panic::catch_unwind(AssertUnwindSafe(|| engine.run(&request.source))).unwrap_or_else(|payload| {
                        Outcome::without_output(End::Crashed(format!("panicked: {}", panic_message(&*payload))))
                    });
                abandoned |= outcome.end == End::Exhausted(resource::TIME.to_owned());
                let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
                let cpu = process_cpu_time().saturating_sub(cpu_before);
                let cpu_micros = u64::try_from(cpu.as_micros()).unwrap_or(u64::MAX);
                EngineOutcome { engine: engine.name().to_owned(), micros, cpu_micros, outcome }
            })
            .collect();
        write_line(&mut output, &Response { id: request.id, outcomes })?;
        if abandoned {
            return Ok(());
        }
    }
    Ok(())
}

/// CPU time of this whole process (every thread), or zero where the clock is unavailable.
pub fn process_cpu_time() -> Duration {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// CPU time of the calling thread, or zero where the clock is unavailable.
pub fn thread_cpu_time() -> Duration {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

fn cpu_clock(clock: libc::clockid_t) -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer to our local.
    if unsafe { libc::clock_gettime(clock, &mut now) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(u64::try_from(now.tv_sec).unwrap_or(0), u32::try_from(now.tv_nsec).unwrap_or(0))
}

fn write_line(output: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *output, value).map_err(io::Error::other)?;
    output.write_all(b"\n")?;
    output.flush()
}

/// Limits this process's address space to `bytes` (`RLIMIT_AS`, soft limit; never above the hard
/// limit). Beyond it allocations fail, and Rust's allocation-failure handler aborts the process with
/// "memory allocation of N bytes failed", which the parent reports as `exhausted (memory)`.
///
/// Address space is not resident memory: every thread's stack reservation counts, including the
/// 256 MiB stacks of [`Isolation`] threads, so keep the limit well above that.
pub fn limit_memory(bytes: u64) -> io::Result<()> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes one rlimit struct through a valid pointer to our local.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let wanted = libc::rlim_t::try_from(bytes).unwrap_or(libc::RLIM_INFINITY);
    limit.rlim_cur = if limit.rlim_max == libc::RLIM_INFINITY { wanted } else { wanted.min(limit.rlim_max) };
    // SAFETY: setrlimit reads one valid rlimit struct; lowering the soft limit cannot violate memory safety.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Asks the kernel to kill this process when its parent dies (Linux), so that a worker stuck in a
/// hanging engine does not outlive a campaign that was killed. Elsewhere a worker still exits at the
/// end of its stdin, once it is not stuck.
pub fn die_with_parent() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::EngineOutcome;

    fn serve_lines(engines: &[Box<dyn Engine>], input: &str) -> (io::Result<()>, Vec<String>) {
        let mut out = Vec::new();
        let result = serve(engines, input.as_bytes(), &mut out);
        let text = String::from_utf8(out).expect("the worker writes UTF-8");
        (result, text.lines().map(str::to_owned).collect())
    }

    #[test]
    fn a_worker_greets_then_answers_each_request_in_order() {
        let engines = vec![worker_engine_by_name("ref", Duration::from_secs(5)).expect("ref exists")];
        let input = "{\"id\":1,\"source\":\"print(1)\"}\n\n{\"id\":2,\"source\":\"throw new TypeError()\"}\n";
        let (result, lines) = serve_lines(&engines, input);
        result.expect("a clean end of input");
        assert_eq!(lines.len(), 3);
        let hello: Hello = serde_json::from_str(&lines[0]).expect("hello");
        assert_eq!(hello.ready, ["ref"]);
        let first: Response = serde_json::from_str(&lines[1]).expect("a response");
        assert_eq!(first.id, 1);
        assert!(matches!(&first.outcomes[..], [EngineOutcome { engine, outcome, .. }]
            if engine == "ref" && *outcome == Outcome { output: vec!["1".into()], end: End::Ok }));
        let second: Response = serde_json::from_str(&lines[2]).expect("a response");
        assert_eq!(second.outcomes[0].outcome.end, End::Threw("TypeError".into()));
    }

    #[test]
    fn a_panicking_engine_is_answered_as_crashed() {
        let marker = "closure-diff:test-panic";
        let engines = vec![worker_engine_by_name("test-panic", Duration::from_secs(5)).expect("hidden engine")];
        let input = format!("{{\"id\":1,\"source\":\"// {marker}\"}}\n{{\"id\":2,\"source\":\"print(2)\"}}\n");
        let (result, lines) = serve_lines(&engines, &input);
        result.expect("the worker survives");
        let first: Response = serde_json::from_str(&lines[1]).expect("a response");
        assert_eq!(first.outcomes[0].outcome.end, End::Crashed("panicked: test-panic found its marker".into()));
        let second: Response = serde_json::from_str(&lines[2]).expect("a response");
        assert_eq!(second.outcomes[0].outcome.output, ["2"]);
    }

    #[test]
    fn garbage_requests_end_the_worker_with_an_error() {
        let engines = vec![worker_engine_by_name("ref", Duration::from_secs(5)).expect("ref exists")];
        let (result, _) = serve_lines(&engines, "not json\n");
        assert_eq!(result.expect_err("garbage").kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn workers_know_hidden_engines_but_reject_unknown_ones() {
        assert!(worker_engine_by_name("test-abort", Duration::from_secs(1)).is_ok());
        assert!(worker_engine_by_name("boa", Duration::from_secs(1)).is_ok());
        assert!(worker_engine_by_name("v8", Duration::from_secs(1)).is_err());
    }
}
