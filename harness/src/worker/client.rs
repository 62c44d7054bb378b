//! The parent's side of the protocol: start, feed, watch, kill and restart one worker process.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::engine::Engine;
use crate::outcome::{resource, End, Outcome};
use crate::worker::{Hello, Request, Response};

/// How to start a worker for one engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerSpec {
    /// The `closure-diff` executable to re-execute (normally [`std::env::current_exe`]).
    pub program: PathBuf,
    /// The engine the worker runs.
    pub engine: String,
    /// Time limit per program, from the request being sent to the answer being read. On expiry
    /// the worker is killed and the program recorded as `exhausted (time)`.
    pub timeout: Duration,
    /// Address-space limit the worker puts on itself, in bytes; `None` for none.
    pub memory_limit: Option<u64>,
}

impl WorkerSpec {
    /// The wall-clock backstop given to the adapters inside the worker: twice the time limit plus
    /// a second, so the parent's limit always fires first.
    pub fn backstop(&self) -> Duration {
        self.timeout * 2 + Duration::from_secs(1)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.arg("worker").arg("--engine").arg(&self.engine);
        command.arg("--backstop-ms").arg(self.backstop().as_millis().to_string());
        if let Some(bytes) = self.memory_limit {
            command.arg("--memory-limit-bytes").arg(bytes.to_string());
        }
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        // Its own process group: a Ctrl-C in the terminal goes to the campaign, which stops
        // cleanly, and not to the workers, which would die mid-program and look like crashes.
        command.process_group(0);
        command
    }
}

/// Something that happened to the worker process while it ran a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerEvent {
    /// The time limit expired; the worker was killed.
    TimedOut,
    /// The worker died because an allocation failed under its memory limit.
    OutOfMemory,
    /// The worker died (abort, stack overflow, signal, exit) while running the program.
    Died(String),
    /// The worker wrote something that is not a valid response; it was killed.
    Garbage(String),
    /// No worker could be started.
    StartFailed(String),
}

/// The result of one program on one worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerRun {
    /// The engine's outcome, or what the worker's failure means (see [`WorkerEngine::collect`]).
    pub outcome: Outcome,
    /// How long the engine's `run` took inside the worker, when the worker answered.
    pub engine_time: Option<Duration>,
    /// From sending the request to having the answer.
    pub wall: Duration,
    /// What happened to the worker process, if anything did.
    pub event: Option<WorkerEvent>,
}

/// Counts of what happened to one [`WorkerEngine`]'s processes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerStats {
    /// Processes started (the first one included).
    pub starts: u64,
    /// Programs that hit the time limit.
    pub timeouts: u64,
    /// Programs that hit the memory limit.
    pub out_of_memory: u64,
    /// Worker deaths other than the memory limit, and garbage answers.
    pub crashes: u64,
    /// Programs the worker answered.
    pub runs: u64,
    /// CPU time the worker spent inside the engine over those runs.
    pub engine_cpu: Duration,
}

#[derive(Debug, Default)]
struct Counters {
    starts: AtomicU64,
    timeouts: AtomicU64,
    out_of_memory: AtomicU64,
    crashes: AtomicU64,
    runs: AtomicU64,
    engine_cpu_nanos: AtomicU64,
}

/// A request sent to a worker, to be passed to [`WorkerEngine::collect`].
#[derive(Debug)]
pub struct Submitted {
    id: u64,
    at: Instant,
    /// Set when the request could not even be sent.
    failed: Option<WorkerRun>,
}

/// An [`Engine`] whose runs happen in a worker subprocess (see the [module docs](crate::worker)).
///
/// The process is started on first use and restarted after every failure, so each call returns an
/// outcome whatever the engine does: the engine's own outcome when the worker answers,
/// `exhausted (time)` when the time limit expires, `exhausted (memory)` when the worker dies of an
/// allocation failure, and `crashed` with the reason when it dies otherwise or answers garbage.
#[derive(Debug)]
pub struct WorkerEngine {
    spec: WorkerSpec,
    process: Mutex<Option<Process>>,
    counters: Counters,
}

impl WorkerEngine {
    /// A worker engine for `spec`; nothing is started until [`WorkerEngine::start`] or the first run.
    pub fn new(spec: WorkerSpec) -> WorkerEngine {
        WorkerEngine { spec, process: Mutex::new(None), counters: Counters::default() }
    }

    /// How this worker is started.
    pub fn spec(&self) -> &WorkerSpec {
        &self.spec
    }

    /// Starts the worker process now unless one is running, so that a bad setup (a missing
    /// executable, an engine the worker does not know) shows at once, with the reason.
    pub fn start(&self) -> Result<(), String> {
        let mut process = self.lock();
        if process.is_none() {
            *process = Some(self.spawn()?);
        }
        Ok(())
    }

    /// What happened to this worker's processes so far.
    pub fn stats(&self) -> WorkerStats {
        WorkerStats {
            starts: self.counters.starts.load(Ordering::Relaxed),
            timeouts: self.counters.timeouts.load(Ordering::Relaxed),
            out_of_memory: self.counters.out_of_memory.load(Ordering::Relaxed),
            crashes: self.counters.crashes.load(Ordering::Relaxed),
            runs: self.counters.runs.load(Ordering::Relaxed),
            engine_cpu: Duration::from_nanos(self.counters.engine_cpu_nanos.load(Ordering::Relaxed)),
        }
    }

    /// The running worker's peak resident memory (`VmHWM`) in bytes, where `/proc` tells.
    pub fn peak_memory(&self) -> Option<u64> {
        let pid = self.lock().as_ref()?.pid;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Sends `source` to the worker (starting one if needed) without waiting for the answer, so that
    /// several workers can run the same program at once. Pass the result to [`WorkerEngine::collect`]
    /// before submitting anything else to this worker.
    pub fn submit(&self, source: &str) -> Submitted {
        let at = Instant::now();
        let mut process = self.lock();
        // A worker can die between two programs (e.g. one that exited after an abandoned run); then
        // the write fails at once, and one fresh worker gets the request instead.
        for _ in 0..2 {
            if process.is_none() {
                match self.spawn() {
                    Ok(started) => *process = Some(started),
                    Err(why) => {
                        let failed = WorkerRun {
                            outcome: Outcome::without_output(End::Crashed(format!("no worker: {why}"))),
                            engine_time: None,
                            wall: at.elapsed(),
                            event: Some(WorkerEvent::StartFailed(why)),
                        };
                        return Submitted { id: 0, at, failed: Some(failed) };
                    }
                }
            }
            let Some(running) = process.as_mut() else { continue };
            let id = running.next_id;
            running.next_id += 1;
            match running.send(&Request { id, source: source.to_owned() }) {
                Ok(()) => return Submitted { id, at: Instant::now(), failed: None },
                Err(_) => {
                    if let Some(dead) = process.take() {
                        dead.kill();
                    }
                }
            }
        }
        let why = "the worker closed its input twice in a row".to_owned();
        let failed = WorkerRun {
            outcome: Outcome::without_output(End::Crashed(format!("no worker: {why}"))),
            engine_time: None,
            wall: at.elapsed(),
            event: Some(WorkerEvent::StartFailed(why)),
        };
        Submitted { id: 0, at, failed: Some(failed) }
    }

    /// Waits for the answer to `submitted`, at most until the time limit, and turns whatever
    /// happens into a [`WorkerRun`]. A worker that failed is gone afterwards; the next submit
    /// starts a fresh one.
    pub fn collect(&self, submitted: Submitted) -> WorkerRun {
        if let Some(failed) = submitted.failed {
            return failed;
        }
        let deadline = submitted.at + self.spec.timeout;
        let mut guard = self.lock();
        let Some(process) = guard.as_mut() else {
            return self.failure(
                submitted.at,
                End::Crashed("the worker vanished".into()),
                WorkerEvent::Died("gone".into()),
            );
        };
        let received = process.lines.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let wall = submitted.at.elapsed();
        match received {
            Ok(Ok(line)) => match self.answer(&line, submitted.id) {
                Ok((outcome, engine_time)) => {
                    // An adapter's own backstop abandoned a thread; the worker exits after answering.
                    if outcome.end == End::Exhausted(resource::TIME.to_owned()) {
                        if let Some(process) = guard.take() {
                            process.kill();
                        }
                        self.counters.timeouts.fetch_add(1, Ordering::Relaxed);
                        return WorkerRun {
                            outcome,
                            engine_time: Some(engine_time),
                            wall,
                            event: Some(WorkerEvent::TimedOut),
                        };
                    }
                    WorkerRun { outcome, engine_time: Some(engine_time), wall, event: None }
                }
                Err(why) => {
                    if let Some(process) = guard.take() {
                        process.kill();
                    }
                    self.counters.crashes.fetch_add(1, Ordering::Relaxed);
                    let end = End::Crashed(format!("the worker sent garbage: {why}"));
                    WorkerRun {
                        outcome: Outcome::without_output(end),
                        engine_time: None,
                        wall,
                        event: Some(WorkerEvent::Garbage(why)),
                    }
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                if let Some(process) = guard.take() {
                    process.kill();
                }
                self.counters.timeouts.fetch_add(1, Ordering::Relaxed);
                let end = End::Exhausted(resource::TIME.to_owned());
                WorkerRun {
                    outcome: Outcome::without_output(end),
                    engine_time: None,
                    wall,
                    event: Some(WorkerEvent::TimedOut),
                }
            }
            // The reader saw the end of stdout or a read error: the worker is dying or dead.
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let (status, stderr) = match guard.take() {
                    Some(process) => process.reap(),
                    None => (None, String::new()),
                };
                let (end, event) = death(status, &stderr);
                match event {
                    WorkerEvent::OutOfMemory => self.counters.out_of_memory.fetch_add(1, Ordering::Relaxed),
                    _ => self.counters.crashes.fetch_add(1, Ordering::Relaxed),
                };
                WorkerRun { outcome: Outcome::without_output(end), engine_time: None, wall, event: Some(event) }
            }
        }
    }

    /// Stops the worker process, if one runs: closes its input, gives it a moment to exit, then
    /// kills it.
    pub fn shutdown(&self) {
        if let Some(process) = self.lock().take() {
            process.close();
        }
    }

    fn failure(&self, at: Instant, end: End, event: WorkerEvent) -> WorkerRun {
        self.counters.crashes.fetch_add(1, Ordering::Relaxed);
        WorkerRun { outcome: Outcome::without_output(end), engine_time: None, wall: at.elapsed(), event: Some(event) }
    }

    /// Parses `line` as the response to request `id` and picks this worker's engine's outcome.
    fn answer(&self, line: &str, id: u64) -> Result<(Outcome, Duration), String> {
        let response: Response = serde_json::from_str(line).map_err(|err| format!("{err}: {}", excerpt(line)))?;
        if response.id != id {
            return Err(format!("an answer to request {} while waiting for {id}", response.id));
        }
        let found = response.outcomes.into_iter().find(|outcome| outcome.engine == self.spec.engine);
        let found = found.ok_or_else(|| format!("no outcome for engine `{}` in the answer", self.spec.engine))?;
        self.counters.runs.fetch_add(1, Ordering::Relaxed);
        self.counters.engine_cpu_nanos.fetch_add(found.cpu_micros.saturating_mul(1000), Ordering::Relaxed);
        Ok((found.outcome, Duration::from_micros(found.micros)))
    }

    fn spawn(&self) -> Result<Process, String> {
        self.counters.starts.fetch_add(1, Ordering::Relaxed);
        Process::spawn(&self.spec)
    }

    fn lock(&self) -> MutexGuard<'_, Option<Process>> {
        // A panic while holding the lock leaves at worst a dead process in it, which the next
        // run notices and replaces.
        self.process.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Engine for WorkerEngine {
    fn name(&self) -> &str {
        &self.spec.engine
    }

    fn run(&self, source: &str) -> Outcome {
        let submitted = self.submit(source);
        self.collect(submitted).outcome
    }
}

impl Drop for WorkerEngine {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// What a dead worker's exit status and last words mean.
fn death(status: Option<ExitStatus>, stderr: &str) -> (End, WorkerEvent) {
    if stderr.contains("memory allocation of") {
        return (End::Exhausted(resource::MEMORY.to_owned()), WorkerEvent::OutOfMemory);
    }
    let how = match status {
        Some(status) => match (status.code(), status.signal()) {
            (Some(code), _) => format!("exit code {code}"),
            (None, Some(signal)) => format!("signal {signal}{}", signal_name(signal)),
            (None, None) => status.to_string(),
        },
        None => "exit status unknown".to_owned(),
    };
    let why = if stderr.contains("has overflowed its stack") {
        "native stack overflow".to_owned()
    } else {
        stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .map(excerpt)
            .unwrap_or_else(|| "no message".to_owned())
    };
    let detail = format!("worker died ({how}): {why}");
    (End::Crashed(detail.clone()), WorkerEvent::Died(detail))
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGABRT => " (SIGABRT)",
        libc::SIGSEGV => " (SIGSEGV)",
        libc::SIGBUS => " (SIGBUS)",
        libc::SIGILL => " (SIGILL)",
        libc::SIGKILL => " (SIGKILL)",
        libc::SIGFPE => " (SIGFPE)",
        libc::SIGTERM => " (SIGTERM)",
        _ => "",
    }
}

/// At most 200 characters of `text`, on one line.
fn excerpt(text: &str) -> String {
    let line: String = text.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}

/// Longest line accepted from a worker: Boa's output cap is 16 MiB and JSON escaping can double it.
const MAX_LINE: u64 = 64 << 20;
/// How much of a worker's stderr is kept to explain its death.
const STDERR_TAIL: usize = 8 << 10;
/// How long a new worker has to say hello.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// One running worker process and the threads draining its output.
#[derive(Debug)]
struct Process {
    child: Child,
    pid: u32,
    stdin: ChildStdin,
    /// Lines of stdout (without the newline); an `Err` when it ended or broke, then nothing more.
    lines: Receiver<Result<String, String>>,
    stderr: Arc<Mutex<StderrTail>>,
    stderr_reader: Option<JoinHandle<()>>,
    next_id: u64,
}

impl Process {
    fn spawn(spec: &WorkerSpec) -> Result<Process, String> {
        let mut child = spec
            .command()
            .spawn()
            .map_err(|err| format!("cannot run {} as a worker: {err}", spec.program.display()))?;
        let pid = child.id();
        let (Some(stdin), Some(stdout), Some(stderr_pipe)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            kill_group(&mut child);
            let _ = child.wait();
            return Err("the worker's pipes were not set up".to_owned());
        };
        let (sender, lines) = mpsc::channel();
        thread::Builder::new()
            .name(format!("worker-{pid}-out"))
            .spawn(move || read_lines(stdout, &sender))
            .map_err(|err| format!("cannot start a reader thread: {err}"))?;
        let stderr = Arc::new(Mutex::new(StderrTail::default()));
        let tail = Arc::clone(&stderr);
        let stderr_reader = thread::Builder::new()
            .name(format!("worker-{pid}-err"))
            .spawn(move || keep_tail(stderr_pipe, &tail))
            .map_err(|err| format!("cannot start a reader thread: {err}"))?;
        let process = Process { child, pid, stdin, lines, stderr, stderr_reader: Some(stderr_reader), next_id: 1 };

        let hello = match process.lines.recv_timeout(START_TIMEOUT) {
            Ok(Ok(line)) => serde_json::from_str::<Hello>(&line)
                .map_err(|err| format!("a bad greeting ({err}): {}", excerpt(&line))),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let (_, stderr) = process.reap();
                let said = stderr.lines().rev().find(|line| !line.trim().is_empty()).map(excerpt);
                return Err(format!("the worker exited at start: {}", said.unwrap_or_else(|| "no message".to_owned())));
            }
            Err(RecvTimeoutError::Timeout) => Err(format!("no greeting within {} s", START_TIMEOUT.as_secs())),
        };
        match hello {
            Ok(hello) if hello.ready == [spec.engine.as_str()] => Ok(process),
            Ok(hello) => {
                process.kill();
                Err(format!("the worker runs {:?}, not `{}`", hello.ready, spec.engine))
            }
            Err(why) => {
                process.kill();
                Err(why)
            }
        }
    }

    fn send(&mut self, request: &Request) -> io::Result<()> {
        let mut line = serde_json::to_vec(request).map_err(io::Error::other)?;
        line.push(b'\n');
        self.stdin.write_all(&line)?;
        self.stdin.flush()
    }

    /// Kills the process and waits for it.
    fn kill(self) {
        let _ = self.reap_after(true);
    }

    /// Closes stdin (the worker's signal to exit), waits up to a second, then kills.
    fn close(self) {
        let Process { mut child, stdin, stderr_reader, .. } = self;
        drop(stdin);
        if !exits_within(&mut child, Duration::from_secs(1), Duration::from_millis(5)) {
            kill_group(&mut child);
        }
        let _ = child.wait();
        if let Some(reader) = stderr_reader {
            let _ = reader.join();
        }
    }

    /// Waits for a dying process (killing it if it lingers) and returns its status and stderr tail.
    fn reap(self) -> (Option<ExitStatus>, String) {
        self.reap_after(false)
    }

    fn reap_after(self, kill_now: bool) -> (Option<ExitStatus>, String) {
        let Process { mut child, stdin, stderr, stderr_reader, .. } = self;
        drop(stdin);
        // Unless told to kill it now: its stdout closed, so it is exiting; give it a moment.
        if kill_now || !exits_within(&mut child, Duration::from_secs(2), Duration::from_millis(2)) {
            kill_group(&mut child);
        }
        let status = child.wait().ok();
        if let Some(reader) = stderr_reader {
            let _ = reader.join();
        }
        let text = stderr.lock().unwrap_or_else(PoisonError::into_inner).text();
        (status, text)
    }
}

/// Sends each line of `stdout` to `sender`, then one `Err` when it ends, breaks or sends a line
/// longer than [`MAX_LINE`].
fn read_lines(stdout: impl Read, sender: &mpsc::Sender<Result<String, String>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut buffer = Vec::new();
        let read = (&mut reader).take(MAX_LINE).read_until(b'\n', &mut buffer);
        let line = match read {
            Ok(0) => Err("end of output".to_owned()),
            Ok(_) if buffer.last() != Some(&b'\n') => Err("an unterminated or overlong line".to_owned()),
            Ok(_) => {
                buffer.pop();
                String::from_utf8(buffer).map_err(|_| "a line that is not UTF-8".to_owned())
            }
            Err(err) => Err(format!("cannot read: {err}")),
        };
        let last = line.is_err();
        if sender.send(line).is_err() || last {
            return;
        }
    }
}

/// What is kept of a worker's stderr: its last [`STDERR_TAIL`] bytes, and the first line saying why
/// the process is dying, which a backtrace printed after it (with `RUST_BACKTRACE` set) can push out
/// of the tail.
#[derive(Debug, Default)]
struct StderrTail {
    tail: VecDeque<u8>,
    /// The line being read, up to [`STDERR_TAIL`] bytes.
    line: Vec<u8>,
    fatal: Option<String>,
}

/// How the Rust runtime announces the deaths [`death`] tells apart.
const FATAL_MARKERS: [&str; 2] = ["memory allocation of", "has overflowed its stack"];

impl StderrTail {
    fn extend(&mut self, bytes: &[u8]) {
        self.tail.extend(bytes);
        let excess = self.tail.len().saturating_sub(STDERR_TAIL);
        self.tail.drain(..excess);
        for &byte in bytes {
            if byte != b'\n' {
                if self.line.len() < STDERR_TAIL {
                    self.line.push(byte);
                }
                continue;
            }
            if self.fatal.is_none() {
                let line = String::from_utf8_lossy(&self.line);
                if FATAL_MARKERS.iter().any(|marker| line.contains(marker)) {
                    self.fatal = Some(line.into_owned());
                }
            }
            self.line.clear();
        }
    }

    /// The tail as text, after the fatal line if the tail lost it.
    fn text(&self) -> String {
        let bytes: Vec<u8> = self.tail.iter().copied().collect();
        let tail = String::from_utf8_lossy(&bytes).into_owned();
        match &self.fatal {
            Some(fatal) if !tail.contains(fatal.as_str()) => format!("{fatal}\n...\n{tail}"),
            _ => tail,
        }
    }
}

/// Keeps what [`StderrTail`] keeps of `stderr` until it ends.
fn keep_tail(mut stderr: impl Read, tail: &Mutex<StderrTail>) {
    let mut chunk = [0u8; 4096];
    loop {
        match stderr.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(read) => tail.lock().unwrap_or_else(PoisonError::into_inner).extend(&chunk[..read]),
        }
    }
}

/// Whether `child` exits (and is reaped) within `limit`, polling every `every`.
fn exits_within(child: &mut Child, limit: Duration, every: Duration) -> bool {
    let until = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => return true,
            Ok(None) if Instant::now() >= until => return false,
            Ok(None) => thread::sleep(every),
        }
    }
}

/// Kills a worker that has not been reaped, with everything it started: the worker leads a process
/// group of its own ([`WorkerSpec::command`]), and an external engine it runs would otherwise
/// outlive it, still running the program (an endless loop in njs grew to 9 GiB that way).
fn kill_group(child: &mut Child) {
    // Not yet reaped, the worker's pid still names its group, so the signal cannot reach a stranger.
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals that process group; it touches no memory.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    }
    let _ = child.kill();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_failures_are_memory_exhaustion() {
        let (end, event) =
            death(Some(ExitStatus::from_raw(libc::SIGABRT)), "memory allocation of 268435456 bytes failed\n");
        assert_eq!(end, End::Exhausted("memory".into()));
        assert_eq!(event, WorkerEvent::OutOfMemory);
    }

    #[test]
    fn the_fatal_line_survives_a_long_backtrace_after_it() {
        let mut stderr = StderrTail::default();
        stderr.extend(b"earlier noise\nmemory allocation of 268435456 bytes ");
        stderr.extend(b"failed\nstack backtrace:\n");
        for frame in 0..400 {
            stderr.extend(format!("  {frame}: some::function\n        at src/file.rs:1:1\n").as_bytes());
        }
        let text = stderr.text();
        assert!(text.starts_with("memory allocation of 268435456 bytes failed\n...\n"), "{}", &text[..200]);
        assert!(text.len() < STDERR_TAIL + 100);
        let (end, event) = death(Some(ExitStatus::from_raw(libc::SIGABRT)), &text);
        assert_eq!((end, event), (End::Exhausted("memory".into()), WorkerEvent::OutOfMemory));

        // A short stderr comes back as it was.
        let mut short = StderrTail::default();
        short.extend(b"thread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n");
        assert_eq!(short.text(), "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n");
    }

    #[test]
    fn other_deaths_are_crashes_that_say_how() {
        let (end, _) = death(
            Some(ExitStatus::from_raw(libc::SIGABRT)),
            "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n",
        );
        assert_eq!(end, End::Crashed("worker died (signal 6 (SIGABRT)): native stack overflow".into()));
        let (end, _) = death(Some(ExitStatus::from_raw(3 << 8)), "error: something\n\n");
        assert_eq!(end, End::Crashed("worker died (exit code 3): error: something".into()));
        let (end, _) = death(None, "");
        assert_eq!(end, End::Crashed("worker died (exit status unknown): no message".into()));
    }

    #[test]
    fn excerpts_are_short_single_lines() {
        assert_eq!(excerpt("  a\nb  "), "a b");
        let long = "x".repeat(500);
        assert_eq!(excerpt(&long).len(), 203);
    }

    #[test]
    fn a_missing_executable_fails_to_start_with_the_reason() {
        let engine = WorkerEngine::new(WorkerSpec {
            program: PathBuf::from("/nonexistent/closure-diff"),
            engine: "ref".into(),
            timeout: Duration::from_secs(1),
            memory_limit: None,
        });
        let why = engine.start().expect_err("no such program");
        assert!(why.contains("cannot run /nonexistent/closure-diff as a worker"), "{why}");
        let run = engine.collect(engine.submit("print(1)"));
        assert!(matches!(run.outcome.end, End::Crashed(ref detail) if detail.starts_with("no worker: ")), "{run:?}");
        assert!(matches!(run.event, Some(WorkerEvent::StartFailed(_))));
    }
}
