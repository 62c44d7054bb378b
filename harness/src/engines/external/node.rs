//! node through `harness/drivers/node-worker.js`: one process per program (`--once`), or a
//! persistent worker fed over a pipe ([`NodeWorker`]).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{describe_death, kill, limit_in_stderr, timeout_of, EngineEntry, Finished, NODE_DRIVER};
use crate::outcome::{resource, End, Outcome};

/// How long the parent waits beyond the driver's own timeout before it kills the worker.
const GRACE: Duration = Duration::from_secs(2);

/// The outcome line of a `--once` run.
pub(crate) fn outcome_of_once(finished: &Finished) -> Outcome {
    let stderr = String::from_utf8_lossy(&finished.stderr);
    if finished.timed_out {
        return Outcome::without_output(End::Exhausted(resource::TIME.to_owned()));
    }
    if finished.stdout_overflowed {
        return Outcome::without_output(End::Exhausted(resource::MEMORY.to_owned()));
    }
    let stdout = String::from_utf8_lossy(&finished.stdout);
    match stdout.lines().last().map(serde_json::from_str::<Outcome>) {
        Some(Ok(outcome)) if finished.status.is_some_and(|status| status.success()) => outcome,
        _ => death(finished.status, &stderr),
    }
}

fn death(status: Option<std::process::ExitStatus>, stderr: &str) -> Outcome {
    match limit_in_stderr(stderr) {
        Some(limit) => Outcome::without_output(End::Exhausted(limit.to_owned())),
        None => Outcome::without_output(End::Crashed(format!("node {}", describe_death(status, stderr)))),
    }
}

#[derive(Serialize)]
struct Request<'a> {
    id: u64,
    source: &'a str,
    timeout_ms: u64,
}

#[derive(Deserialize)]
struct Answer {
    id: u64,
    outcome: Outcome,
}

/// A running driver process.
struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
    next_id: u64,
    _driver: tempfile::TempDir,
}

/// A persistent node process that runs one program after another, each in a fresh `vm` context.
/// Started on first use, and again after it dies or a program times out (the worker is killed:
/// a hung program cannot be interrupted from outside).
pub struct NodeWorker {
    executable: PathBuf,
    args: Vec<String>,
    env: BTreeMap<String, String>,
    timeout: Duration,
    running: Mutex<Option<Running>>,
    /// Processes started so far (for tests and `bench`).
    starts: Mutex<u64>,
}

impl NodeWorker {
    /// A worker starting `executable` with `entry`'s arguments and environment.
    pub fn new(executable: PathBuf, entry: &EngineEntry) -> NodeWorker {
        NodeWorker {
            executable,
            args: entry.args.clone(),
            env: entry.env.clone(),
            timeout: timeout_of(entry),
            running: Mutex::new(None),
            starts: Mutex::new(0),
        }
    }

    /// How many node processes this worker has started.
    pub fn starts(&self) -> u64 {
        *self.starts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn run(&self, source: &str) -> Outcome {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if running.is_none() {
            match self.start() {
                Ok(started) => *running = Some(started),
                Err(err) => {
                    return Outcome::without_output(End::Crashed(format!("cannot start the node worker: {err}")))
                }
            }
        }
        let Some(worker) = running.as_mut() else {
            return Outcome::without_output(End::Crashed("the node worker vanished".to_owned()));
        };
        let outcome = Self::exchange(worker, source, self.timeout);
        if outcome.is_err() {
            if let Some(mut dead) = running.take() {
                kill(&mut dead.child);
                let stderr =
                    String::from_utf8_lossy(&dead.stderr.lock().unwrap_or_else(PoisonError::into_inner)).into_owned();
                let status = dead.child.try_wait().ok().flatten();
                return match outcome {
                    Err(Failure::TimedOut) => Outcome::without_output(End::Exhausted(resource::TIME.to_owned())),
                    Err(Failure::Died) => death(status, &stderr),
                    Err(Failure::Garbled(line)) => {
                        Outcome::without_output(End::Crashed(format!("the node worker answered garbage: {line}")))
                    }
                    Ok(outcome) => outcome,
                };
            }
        }
        outcome.unwrap_or_else(|_| Outcome::without_output(End::Crashed("the node worker failed".to_owned())))
    }

    fn exchange(worker: &mut Running, source: &str, timeout: Duration) -> Result<Outcome, Failure> {
        let id = worker.next_id;
        worker.next_id += 1;
        let timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        let request = serde_json::to_string(&Request { id, source, timeout_ms }).map_err(|_| Failure::Died)?;
        worker.stdin.write_all(request.as_bytes()).map_err(|_| Failure::Died)?;
        worker.stdin.write_all(b"\n").map_err(|_| Failure::Died)?;
        worker.stdin.flush().map_err(|_| Failure::Died)?;
        let line = match worker.lines.recv_timeout(timeout + GRACE) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => return Err(Failure::TimedOut),
            Err(RecvTimeoutError::Disconnected) => return Err(Failure::Died),
        };
        match serde_json::from_str::<Answer>(&line) {
            Ok(answer) if answer.id == id => Ok(answer.outcome),
            _ => Err(Failure::Garbled(line.chars().take(200).collect())),
        }
    }

    fn start(&self) -> std::io::Result<Running> {
        let driver = tempfile::Builder::new().prefix("closure-diff-node-").tempdir()?;
        let script = driver.path().join("node-worker.js");
        std::fs::write(&script, NODE_DRIVER)?;
        let mut child = Command::new(&self.executable)
            .args(&self.args)
            .arg(&script)
            .envs(&self.env)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        *self.starts.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        let stdin = child.stdin.take().ok_or_else(|| std::io::Error::other("no stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
        let stderr_pipe = child.stderr.take().ok_or_else(|| std::io::Error::other("no stderr"))?;
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut stderr_pipe = stderr_pipe;
            let mut buffer = [0u8; 8192];
            while let Ok(read) = stderr_pipe.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let mut kept = tail.lock().unwrap_or_else(PoisonError::into_inner);
                kept.extend_from_slice(&buffer[..read]);
                let excess = kept.len().saturating_sub(64 * 1024);
                kept.drain(..excess);
            }
        });
        // The greeting says the driver is up.
        match lines.recv_timeout(Duration::from_secs(30)) {
            Ok(greeting) if greeting.contains("\"ready\"") => {}
            _ => {
                kill(&mut child);
                let text = String::from_utf8_lossy(&stderr.lock().unwrap_or_else(PoisonError::into_inner)).into_owned();
                return Err(std::io::Error::other(format!("the driver did not start: {}", text.trim())));
            }
        }
        Ok(Running { child, stdin, lines, stderr, next_id: 1, _driver: driver })
    }
}

impl Drop for NodeWorker {
    fn drop(&mut self) {
        if let Some(mut running) = self.running.lock().unwrap_or_else(PoisonError::into_inner).take() {
            kill(&mut running.child);
        }
    }
}

enum Failure {
    TimedOut,
    Died,
    Garbled(String),
}
