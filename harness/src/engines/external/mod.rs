//! External engines: JavaScript hosts run as processes, described in `engines.toml`.
//!
//! Each `[engines.NAME]` entry says how to start the host, which language profile it supports, how
//! programs are handed to it and how to force a collection for the `afterGc` lifetime hook (see the
//! checked-in `engines.toml` for every field). The prelude and the node driver also define the
//! lifetime protocol's `lifetimeProbe(name, weakRef)` ([`crate::lifetime`]). Adding an entry adds an engine. Hosts:
//!
//! - `node`: the driver `harness/drivers/node-worker.js` runs each program in a fresh `vm` context,
//!   either one process per program or, with `worker = true`, in a persistent worker
//!   ([`node::NodeWorker`]) restarted after a crash or timeout. Outcomes come back as JSON.
//! - `load` (jsc): the prelude (`harness/drivers/prelude.js`) checks the program's syntax with
//!   `checkSyntax` and runs it with `load`, a real global script, inside `try`.
//! - `eval` (gjs, duktape, engine262): the prelude runs the program through indirect eval,
//!   which is global code. That is also how gjs's quirk is handled: its main script's top-level
//!   `var`s and functions do not become properties of the global object, but indirect eval's do.
//!   A SyntaxError escaping the eval before anything was printed could be a parse error or a
//!   run-time one; such runs are `unsupported` rather than guessed.
//! - `script` (njs and mujs, which have no indirect eval): the prelude and the program are one file, followed by a
//!   call that reports the end; an uncaught error is read from the host's `Thrown:` report.
//!
//! Never a false alarm from a host quirk: programs the host cannot run faithfully are `unsupported`
//! before they start (a word of the entry's `lacks` list, `afterGc` or `lifetimeProbe` without a
//! `gc` and a `drain`, `lifetimeProbe` where `WeakRef` is lacking, a strict-mode
//! program on the prelude-based hosts, `delete` under eval, a function declared in a block of
//! sloppy code on a host without Annex B's block-level functions, a sloppy program on a host that
//! runs everything as strict mode code), a parse failure on an engine whose
//! profile is not `full` is `unsupported` (the program is outside its profile), and limits are
//! `exhausted`: the timeout (the process is killed), stack overflow and out-of-memory errors
//! (recognised by message, caught or not: a host whose message is not recognised may report a
//! caught overflow as output, which is why profiles keep recursion shallow), the output cap.

mod annex_b;
pub mod node;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::engine::Engine;
use crate::outcome::{resource, End, Outcome};

/// The `engines.toml` checked into the repository, used when no other file is given.
pub const BUILTIN_ENGINES_TOML: &str = include_str!("../../../../engines.toml");

/// Environment variable naming an engines file to use instead of `./engines.toml` or the built-in one.
pub const ENGINES_FILE_VARIABLE: &str = "CLOSURE_DIFF_ENGINES";

const PRELUDE: &str = include_str!("../../../drivers/prelude.js");
pub(crate) const NODE_DRIVER: &str = include_str!("../../../drivers/node-worker.js");

/// Bytes of stdout a run may produce before it is stopped as `exhausted (memory)`.
const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// The language a host supports; the generator restricts itself to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    Es5,
    Es2015,
    Full,
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Profile::Es5 => "es5",
            Profile::Es2015 => "es2015",
            Profile::Full => "full",
        })
    }
}

/// How programs are handed to the host (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    Node,
    Load,
    Eval,
    Script,
}

/// One `[engines.NAME]` entry of `engines.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineEntry {
    /// The executable: a name looked up in `PATH` or a path; the first candidate found is used.
    pub command: Vec<String>,
    /// Arguments before the script's path.
    #[serde(default)]
    pub args: Vec<String>,
    /// Environment variables set for the host (SpiderMonkey reads its JIT options from them).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// The language profile: `es5`, `es2015` or `full`.
    pub profile: Profile,
    /// How programs are handed over: `node`, `load`, `eval` or `script`.
    pub host: Host,
    /// A statement that forces a full collection (for `afterGc`); absent: programs using `afterGc`
    /// are `unsupported` on this engine.
    #[serde(default)]
    pub gc: Option<String>,
    /// A statement that runs every pending job now (jsc: `drainMicrotasks()`); absent: jobs run after
    /// the prelude reports the end, and `afterGc` callbacks cannot be ordered after them.
    #[serde(default)]
    pub drain: Option<String>,
    /// Seconds a program may run before the process is killed (`exhausted (time)`).
    #[serde(default = "default_timeout")]
    pub timeout: f64,
    /// Arguments that make the host print its version (first line used); absent: `package` is asked.
    #[serde(default)]
    pub version_args: Option<Vec<String>>,
    /// Where the engine comes from, `debian:PACKAGE` or `npm:PACKAGE` (for the version and for
    /// `scripts/install-engines.sh`).
    #[serde(default)]
    pub package: Option<String>,
    /// Words (identifiers, keywords) of features the host lacks; a program containing one is
    /// `unsupported` without running.
    #[serde(default)]
    pub lacks: Vec<String>,
    /// Generator constructs the host lacks although its profile has them and no `lacks` word shows
    /// ([`generator::Construct`] names, e.g. `default-params`): the generator leaves them out of
    /// programs for it.
    #[serde(default)]
    pub without: Vec<String>,
    /// Errors the host throws for features it lacks rather than for anything a program does
    /// (mujs throws EvalError wherever `eval` is not called directly, having no indirect eval;
    /// generated programs never throw these themselves): a run ending in one is `unsupported`.
    #[serde(default)]
    pub unsupported_errors: Vec<String>,
    /// Whether the host has Annex B's block-level functions (B.3.2, B.3.3; default true); without
    /// them, programs that declare a function in a block of sloppy code are `unsupported`.
    #[serde(default = "default_true")]
    pub annex_b: bool,
    /// Keep one host process and feed it programs (node only).
    #[serde(default)]
    pub worker: bool,
    /// A note shown by `closure-diff engines`.
    #[serde(default)]
    pub note: Option<String>,
}

fn default_true() -> bool {
    true
}

fn default_timeout() -> f64 {
    10.0
}

/// The parsed `engines.toml`: entries by name, in name order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnginesFile {
    pub engines: BTreeMap<String, EngineEntry>,
}

/// A problem with an engines file.
#[derive(Debug, thiserror::Error)]
pub enum EnginesFileError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{path}: not a valid engines file: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl EnginesFile {
    /// Parses `text` (named `path` in errors) and checks every entry.
    pub fn parse(text: &str, path: &Path) -> Result<EnginesFile, EnginesFileError> {
        let invalid = |message: String| EnginesFileError::Invalid { path: path.to_owned(), message };
        let file: EnginesFile = toml::from_str(text).map_err(|err| invalid(err.to_string()))?;
        for (name, entry) in &file.engines {
            if crate::engine::ENGINE_NAMES.contains(&name.as_str()) {
                return Err(invalid(format!("`{name}` is an in-process engine's name")));
            }
            if entry.command.is_empty() {
                return Err(invalid(format!("`{name}`: `command` lists no executable")));
            }
            if !(entry.timeout.is_finite() && entry.timeout > 0.0) {
                return Err(invalid(format!("`{name}`: `timeout` must be a positive number of seconds")));
            }
            if entry.worker && entry.host != Host::Node {
                return Err(invalid(format!("`{name}`: `worker = true` needs `host = \"node\"`")));
            }
            if let Some(unknown) = entry.without.iter().find(|c| generator::Construct::from_name(c).is_none()) {
                let known: Vec<&str> = generator::Construct::ALL.iter().map(|c| c.name()).collect();
                return Err(invalid(format!(
                    "`{name}`: unknown construct `{unknown}` in `without` ({})",
                    known.join(", ")
                )));
            }
        }
        Ok(file)
    }

    /// Reads `path`.
    pub fn load(path: &Path) -> Result<EnginesFile, EnginesFileError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| EnginesFileError::Read { path: path.to_owned(), source })?;
        EnginesFile::parse(&text, path)
    }

    /// The engines file in use: `$CLOSURE_DIFF_ENGINES`, else `./engines.toml`, else the built-in
    /// copy of the repository's file. Loaded once per process.
    pub fn current() -> Result<&'static EnginesFile, &'static EnginesFileError> {
        static CURRENT: OnceLock<Result<EnginesFile, EnginesFileError>> = OnceLock::new();
        CURRENT
            .get_or_init(|| {
                if let Some(path) = std::env::var_os(ENGINES_FILE_VARIABLE) {
                    return EnginesFile::load(Path::new(&path));
                }
                let local = Path::new("engines.toml");
                if local.is_file() {
                    return EnginesFile::load(local);
                }
                EnginesFile::parse(BUILTIN_ENGINES_TOML, Path::new("engines.toml (built in)"))
            })
            .as_ref()
    }
}

/// Finds `command` in `PATH` (or checks it, when it contains a `/`).
pub fn find_executable(command: &str) -> Option<PathBuf> {
    let is_executable = |path: &Path| {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
    };
    if command.contains('/') {
        let path = PathBuf::from(command);
        return is_executable(&path).then_some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(command)).find(|path| is_executable(path))
}

impl EngineEntry {
    /// Whether the host runs every script as strict mode code (`sloppy-mode` in `without`).
    pub fn strict_only(&self) -> bool {
        self.without.iter().any(|construct| construct == generator::Construct::SloppyMode.name())
    }

    /// Whether the host can run the lifetime hooks: force a collection after draining its jobs.
    pub fn runs_lifetime_hooks(&self) -> bool {
        self.host == Host::Node || (self.gc.is_some() && self.drain.is_some())
    }

    /// The executable, if one of the `command` candidates is installed.
    pub fn executable(&self) -> Option<PathBuf> {
        self.command.iter().find_map(|command| find_executable(command))
    }

    /// The installed version, as the host or the package manager says.
    pub fn version(&self) -> Option<String> {
        let executable = self.executable()?;
        if let Some(args) = &self.version_args {
            let output = Command::new(&executable).args(args).stdin(Stdio::null()).output().ok()?;
            let text = if output.stdout.is_empty() { output.stderr } else { output.stdout };
            let text = String::from_utf8_lossy(&text);
            let first = text.lines().map(str::trim).find(|line| !line.is_empty())?;
            return Some(first.to_owned());
        }
        match self.package.as_deref()?.split_once(':')? {
            ("debian", package) => {
                let output = Command::new("dpkg-query").args(["-W", "-f", "${Version}", package]).output().ok()?;
                let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
                (output.status.success() && !version.is_empty()).then_some(version)
            }
            _ => None,
        }
    }
}

/// An external engine, built from its entry. Constructing one starts nothing; a missing
/// executable is reported by [`ExternalEngine::new`].
pub struct ExternalEngine {
    name: String,
    entry: EngineEntry,
    executable: PathBuf,
    /// The persistent node worker, for `worker = true`.
    worker: Option<node::NodeWorker>,
    /// Where the node driver is written, for one-process-per-program node runs.
    driver: OnceLock<Result<Arc<tempfile::TempDir>, String>>,
}

impl fmt::Debug for ExternalEngine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExternalEngine").field("name", &self.name).field("executable", &self.executable).finish()
    }
}

/// Why an external engine cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExternalEngineError {
    #[error("no engine `{0}` in the engines file")]
    NotConfigured(String),
    #[error(
        "engine `{name}` is configured but not installed (none of {commands} found); run scripts/install-engines.sh"
    )]
    NotInstalled { name: String, commands: String },
    #[error("the engines file is unusable: {0}")]
    BadFile(String),
}

impl ExternalEngine {
    /// The engine `name` of the current engines file ([`EnginesFile::current`]).
    pub fn by_name(name: &str) -> Result<ExternalEngine, ExternalEngineError> {
        let file = EnginesFile::current().map_err(|err| ExternalEngineError::BadFile(err.to_string()))?;
        let entry = file.engines.get(name).ok_or_else(|| ExternalEngineError::NotConfigured(name.to_owned()))?;
        ExternalEngine::new(name, entry.clone())
    }

    /// The engine described by `entry`, if its executable is installed.
    pub fn new(name: &str, entry: EngineEntry) -> Result<ExternalEngine, ExternalEngineError> {
        let executable = entry.executable().ok_or_else(|| ExternalEngineError::NotInstalled {
            name: name.to_owned(),
            commands: entry.command.join(", "),
        })?;
        let worker =
            (entry.worker && entry.host == Host::Node).then(|| node::NodeWorker::new(executable.clone(), &entry));
        Ok(ExternalEngine { name: name.to_owned(), entry, executable, worker, driver: OnceLock::new() })
    }

    /// The same engine with the persistent worker switched on or off (node only; for `bench`).
    pub fn with_worker(mut self, on: bool) -> ExternalEngine {
        self.worker =
            (on && self.entry.host == Host::Node).then(|| node::NodeWorker::new(self.executable.clone(), &self.entry));
        self
    }

    /// The entry this engine was built from.
    pub fn entry(&self) -> &EngineEntry {
        &self.entry
    }

    /// Why this host cannot run `source` faithfully, if it cannot.
    fn unsupported(&self, source: &str) -> Option<String> {
        if let Some(word) = self.entry.lacks.iter().find(|word| contains_word(source, word)) {
            return Some(format!("{} lacks `{word}`", self.name));
        }
        if !self.entry.annex_b && annex_b::uses_block_functions(source) {
            return Some(format!("{} lacks Annex B's block-level functions", self.name));
        }
        for hook in ["afterGc", "lifetimeProbe"] {
            if !self.entry.runs_lifetime_hooks() && contains_word(source, hook) {
                return Some(format!("{} cannot force a collection after draining its jobs ({hook})", self.name));
            }
        }
        if contains_word(source, "lifetimeProbe") && self.entry.lacks.iter().any(|word| word == "WeakRef") {
            return Some(format!("{} lacks `WeakRef` (lifetimeProbe)", self.name));
        }
        if self.entry.strict_only() {
            // Such a host runs everything as strict mode code, so only strict programs are run,
            // and losing their directive behind the prelude changes nothing.
            if !starts_strict(source) {
                return Some(format!("{} runs every script as strict mode code", self.name));
            }
        } else if matches!(self.entry.host, Host::Eval | Host::Script) && starts_strict(source) {
            return Some(format!("a strict-mode script cannot keep its directive behind {}'s prelude", self.name));
        }
        if self.entry.host == Host::Eval && contains_word(source, "delete") {
            return Some(format!("delete sees eval-declared globals as configurable on {}", self.name));
        }
        None
    }

    fn run_process(&self, source: &str) -> Outcome {
        let dir = match tempfile::Builder::new().prefix("closure-diff-").tempdir() {
            Ok(dir) => dir,
            Err(err) => return crashed(format!("cannot create a temporary directory: {err}")),
        };
        let program = dir.path().join("program.js");
        let nonce = nonce();
        let (script, args): (String, Vec<String>) = match self.entry.host {
            Host::Node => {
                let driver = match self.driver() {
                    Ok(driver) => driver,
                    Err(err) => return crashed(err),
                };
                (
                    source.to_owned(),
                    vec![driver.display().to_string(), "--once".to_owned(), program.display().to_string()],
                )
            }
            Host::Load => {
                let run = format!(
                    "var path = {path};\n\
                     try {{ checkSyntax(path); }} catch (error) {{\n\
                     if (error instanceof SyntaxError) return report('syntax-error');\n\
                     return fail(error);\n}}\n\
                     try {{ load(path); }} catch (error) {{ return fail(error); }}\n\
                     finish();",
                    path = js_string(&program.display().to_string())
                );
                let prelude_path = dir.path().join("prelude.js");
                if let Err(err) = std::fs::write(&prelude_path, self.prelude(&nonce, &run)) {
                    return crashed(format!("cannot write the prelude: {err}"));
                }
                (source.to_owned(), vec![prelude_path.display().to_string()])
            }
            Host::Eval => {
                let run = format!(
                    "var source = {source};\n\
                     var printed = false, write0 = write;\n\
                     write = function (text) {{ printed = true; write0(text); }};\n\
                     try {{ (0, eval)(source); }} catch (error) {{\n\
                     if (!printed && error instanceof SyntaxError) return report('ambiguous-syntax-error');\n\
                     return fail(error);\n}}\n\
                     finish();",
                    source = js_string(source)
                );
                (self.prelude(&nonce, &run), vec![program.display().to_string()])
            }
            Host::Script => {
                let started = "write(nonce + ' ' + JSON.stringify({ status: 'started' }));";
                let script = format!("{}\n{source}\n;__closureDiffEnd{nonce}();\n", self.prelude(&nonce, started));
                (script, vec![program.display().to_string()])
            }
        };
        if let Err(err) = std::fs::write(&program, script) {
            return crashed(format!("cannot write the program: {err}"));
        }
        let mut command = Command::new(&self.executable);
        command.args(&self.entry.args).args(&args).envs(&self.entry.env).current_dir(dir.path());
        let finished = match run_with_timeout(command, timeout_of(&self.entry)) {
            Ok(finished) => finished,
            Err(err) => return crashed(format!("cannot start {}: {err}", self.executable.display())),
        };
        let outcome = match self.entry.host {
            Host::Node => node::outcome_of_once(&finished),
            _ => outcome_of_prelude_run(&finished, &nonce, self.entry.host),
        };
        drop(dir);
        outcome
    }

    fn prelude(&self, nonce: &str, run: &str) -> String {
        PRELUDE
            .replace("@NONCE@", nonce)
            .replace("@GC@", self.entry.gc.as_deref().unwrap_or("throw new Error('no gc')"))
            .replace("@DRAIN@", self.entry.drain.as_deref().unwrap_or(""))
            .replace("@RUN@", run)
    }

    /// The node driver, written once per engine to a temporary directory.
    fn driver(&self) -> Result<PathBuf, String> {
        let dir = self.driver.get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("closure-diff-node-")
                .tempdir()
                .map_err(|err| format!("cannot create a temporary directory: {err}"))?;
            std::fs::write(dir.path().join("node-worker.js"), NODE_DRIVER)
                .map_err(|err| format!("cannot write the node driver: {err}"))?;
            Ok(Arc::new(dir))
        });
        dir.as_ref().map(|dir| dir.path().join("node-worker.js")).map_err(Clone::clone)
    }
}

impl Engine for ExternalEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn in_process(&self) -> bool {
        false
    }

    fn run(&self, source: &str) -> Outcome {
        if let Some(reason) = self.unsupported(source) {
            return Outcome::without_output(End::Unsupported(reason));
        }
        let outcome = match &self.worker {
            Some(worker) => worker.run(source),
            None => self.run_process(source),
        };
        self.within_support(outcome)
    }
}

impl ExternalEngine {
    /// A program an engine of a smaller profile cannot parse is outside its profile, not a bug; one
    /// that ends in an error of `unsupported_errors` uses a feature the host lacks.
    fn within_support(&self, outcome: Outcome) -> Outcome {
        let reason = match &outcome.end {
            End::SyntaxError if self.entry.profile != Profile::Full => {
                format!("a syntax error on an {} engine (the program may be outside its profile)", self.entry.profile)
            }
            End::Threw(name) if self.entry.unsupported_errors.contains(name) => {
                format!("{name}, which {} throws for what it lacks", self.name)
            }
            _ => return outcome,
        };
        Outcome::without_output(End::Unsupported(reason))
    }
}

fn timeout_of(entry: &EngineEntry) -> Duration {
    Duration::try_from_secs_f64(entry.timeout).unwrap_or(Duration::from_secs(10))
}

fn crashed(detail: impl Into<String>) -> Outcome {
    Outcome::without_output(End::Crashed(detail.into()))
}

/// A fresh random token (from the OS), for the prelude's end line.
fn nonce() -> String {
    let mut bytes = [0u8; 12];
    let filled = std::fs::File::open("/dev/urandom").and_then(|mut random| random.read_exact(&mut bytes)).is_ok();
    if !filled {
        let now = Instant::now();
        let seed = format!("{:?}{:?}{}", now, std::time::SystemTime::now(), std::process::id());
        for (at, byte) in seed.bytes().enumerate() {
            bytes[at % bytes.len()] ^= byte;
        }
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `text` as a JavaScript string literal that every ES5 parser accepts.
fn js_string(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    json.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// True when `word` occurs in `source` with no identifier character on either side.
///
/// Lines that are whole `//` comments are skipped (generated programs describe each part in one,
/// in words like `of` and `const`); anything else counts, strings and trailing comments included,
/// which can only make a program unsupported, never let a feature through.
fn contains_word(source: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.lines().filter(|line| !line.trim_start().starts_with("//")).any(|line| {
        line.match_indices(word).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + word.len()..].chars().next();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        })
    })
}

/// True when the script begins with a `"use strict"` directive (after comments and whitespace).
fn starts_strict(source: &str) -> bool {
    let mut rest = source.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail).trim_start();
        } else {
            break;
        }
    }
    // Any string-literal directive in the prologue could be "use strict"; be conservative.
    rest.starts_with("'use strict'")
        || rest.starts_with("\"use strict\"")
        || rest.starts_with('\'')
        || rest.starts_with('"')
}

/// What a finished (or killed) host process left behind.
#[derive(Debug)]
pub(crate) struct Finished {
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stdout_overflowed: bool,
    pub stderr: Vec<u8>,
}

/// Runs `command` with piped output, killing it after `timeout`.
pub(crate) fn run_with_timeout(mut command: Command, timeout: Duration) -> io::Result<Finished> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn()?;
    let stdout = child.stdout.take().map(|out| thread::spawn(move || read_capped(out, MAX_OUTPUT_BYTES)));
    let stderr = child.stderr.take().map(|err| thread::spawn(move || read_capped(err, 64 * 1024)));
    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        match child.try_wait()? {
            Some(status) => break Some(status),
            None if Instant::now() >= deadline => {
                timed_out = true;
                kill(&mut child);
                break None;
            }
            None => thread::sleep(Duration::from_millis(1)),
        }
    };
    let (stdout, stdout_overflowed) = stdout.and_then(|thread| thread.join().ok()).unwrap_or_default();
    let (stderr, _) = stderr.and_then(|thread| thread.join().ok()).unwrap_or_default();
    if stdout_overflowed && status.is_none() {
        kill(&mut child);
    }
    Ok(Finished { status, timed_out, stdout, stdout_overflowed, stderr })
}

pub(crate) fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads up to `cap` bytes, then drains (and drops) the rest so the writer never blocks.
fn read_capped(mut input: impl Read, cap: usize) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let mut buffer = [0u8; 64 * 1024];
    let mut overflowed = false;
    loop {
        match input.read(&mut buffer) {
            Ok(0) | Err(_) => return (kept, overflowed),
            Ok(read) => {
                let room = cap.saturating_sub(kept.len());
                kept.extend_from_slice(&buffer[..read.min(room)]);
                overflowed |= read > room;
            }
        }
    }
}

/// The end line the prelude wrote.
#[derive(Debug, Deserialize)]
struct EndLine {
    status: String,
    error: Option<String>,
    detail: Option<String>,
}

fn outcome_of_prelude_run(finished: &Finished, nonce: &str, host: Host) -> Outcome {
    let stdout = String::from_utf8_lossy(&finished.stdout);
    let stderr = String::from_utf8_lossy(&finished.stderr);
    let mut output = Vec::new();
    let mut end: Option<End> = None;
    let mut started = host != Host::Script;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix(nonce) {
            let parsed: Result<EndLine, _> = serde_json::from_str(rest.trim());
            let Ok(parsed) = parsed else { return crashed(format!("a garbled end line: {line}")) };
            match (parsed.status.as_str(), parsed.error, parsed.detail) {
                ("started", _, _) => started = true,
                ("ok", _, _) => end = end.or(Some(End::Ok)),
                ("syntax-error", _, _) => end = end.or(Some(End::SyntaxError)),
                ("threw", Some(name), _) => {
                    // Like node, an uncaught error ends the run: later job output is not the program's.
                    return Outcome { output, end: End::Threw(name) };
                }
                ("exhausted", _, Some(detail)) => return Outcome { output, end: End::Exhausted(detail) },
                ("ambiguous-syntax-error", _, _) => {
                    return Outcome::without_output(End::Unsupported(
                        "a SyntaxError escaped indirect eval before any output: parse or run time?".to_owned(),
                    ))
                }
                _ => return crashed(format!("an unknown end line: {line}")),
            }
        } else if let Some(text) = decode_json_string(line) {
            output.push(text);
        } else if let (Some(piece), Some(last)) =
            (line.strip_prefix('+').and_then(decode_json_string), output.last_mut())
        {
            // The next piece of a long line (the prelude's `line`).
            last.push_str(&piece);
        } else if line.starts_with('"') || line.starts_with("+\"") {
            // A printed line the host garbled (cut short, say): what the program printed is unknown.
            return Outcome::without_output(End::Unsupported(format!(
                "the host garbled a printed line: {}",
                line.chars().take(80).collect::<String>()
            )));
        }
        // Anything else on stdout is the host talking (warnings), not the program.
    }
    if finished.stdout_overflowed {
        return Outcome { output, end: End::Exhausted(resource::MEMORY.to_owned()) };
    }
    if finished.timed_out {
        return Outcome { output, end: End::Exhausted(resource::TIME.to_owned()) };
    }
    if let Some(end) = end {
        return Outcome { output, end };
    }
    if let Some(limit) = limit_in_stderr(&stderr) {
        return Outcome { output, end: End::Exhausted(limit.to_owned()) };
    }
    if host == Host::Script {
        if let Some(end) = thrown_in_stderr(&stderr) {
            if !started {
                // Nothing ran, not even the prelude: the file did not parse.
                return Outcome::without_output(if end == End::Threw("SyntaxError".into()) {
                    End::SyntaxError
                } else {
                    end
                });
            }
            return Outcome { output, end };
        }
    }
    crashed(describe_death(finished.status, &stderr))
}

/// Stack and memory exhaustion as hosts report them when it escapes the program.
pub(crate) fn limit_in_stderr(stderr: &str) -> Option<&'static str> {
    let lower = stderr.to_lowercase();
    if lower.contains("maximum call stack") || lower.contains("too much recursion") || lower.contains("stack overflow")
    {
        return Some(resource::STACK);
    }
    if lower.contains("out of memory") || lower.contains("allocation failed") {
        return Some(resource::MEMORY);
    }
    None
}

/// The host's own report of an uncaught error (hosts run as `script`): njs writes `Thrown:` then
/// `Name: message`, mujs `Name: message`. Only the standard error names can be trusted from it.
fn thrown_in_stderr(stderr: &str) -> Option<End> {
    let first = stderr.lines().map(str::trim).find(|line| !line.is_empty() && *line != "Thrown:")?;
    let name = first.split(':').next().unwrap_or("").trim();
    let standard = [
        "Error",
        "TypeError",
        "ReferenceError",
        "SyntaxError",
        "RangeError",
        "URIError",
        "EvalError",
        "AggregateError",
    ];
    if standard.contains(&name) {
        return Some(End::Threw(name.to_owned()));
    }
    Some(End::Unsupported(format!("an uncaught non-standard value ({first}) cannot be named from the host's report")))
}

pub(crate) fn describe_death(status: Option<ExitStatus>, stderr: &str) -> String {
    use std::os::unix::process::ExitStatusExt;
    let last = stderr.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("").trim();
    let last: String = last.chars().take(200).collect();
    match status {
        Some(status) if status.signal().is_some() => {
            format!(
                "killed by signal {}{}",
                status.signal().unwrap_or(0),
                if last.is_empty() { String::new() } else { format!(": {last}") }
            )
        }
        Some(status) => format!("exited with {} without reporting an end: {last}", status.code().unwrap_or(-1)),
        None => format!("did not finish: {last}"),
    }
}

/// A JSON string literal (one printed line), decoded leniently: a lone surrogate escape becomes
/// U+FFFD, as with the in-process engines. `None` if `line` is not a JSON string.
fn decode_json_string(line: &str) -> Option<String> {
    let inner = line.strip_prefix('"')?.strip_suffix('"')?;
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            if pending_high.take().is_some() {
                text.push('\u{FFFD}');
            }
            text.push(c);
            continue;
        }
        let escaped = chars.next()?;
        if escaped != 'u' {
            if pending_high.take().is_some() {
                text.push('\u{FFFD}');
            }
            text.push(match escaped {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => return None,
            });
            continue;
        }
        let hex: String = chars.by_ref().take(4).collect();
        let unit = u32::from_str_radix(&hex, 16).ok()?;
        match (pending_high.take(), unit) {
            (Some(high), 0xDC00..=0xDFFF) => {
                text.push(char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)).unwrap_or('\u{FFFD}'));
            }
            (high, 0xD800..=0xDBFF) => {
                if high.is_some() {
                    text.push('\u{FFFD}');
                }
                pending_high = Some(unit);
            }
            (high, _) => {
                if high.is_some() {
                    text.push('\u{FFFD}');
                }
                text.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
            }
        }
    }
    if pending_high.is_some() {
        text.push('\u{FFFD}');
    }
    Some(text)
}

#[cfg(test)]
mod tests;
