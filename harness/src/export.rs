//! Export a finding as a test262-format test (`closure-diff export FINDING --format test262`), ready
//! to propose upstream or to run with any test262 runner.
//!
//! The test is the reduced program with its `print` and `console` references (the global ones:
//! the program's own bindings of those names are left alone) renamed to a collector, followed by
//! `assert.sameValue` of the collected lines against what the engines outside the blame printed.
//! Renaming rather than redefining `print` matters: test262 hosts own `print`, and `$DONE` needs it.
//!
//! - An expected uncaught exception becomes `negative: {phase: runtime, type: ...}` (the lines
//!   printed before it cannot be checked then: nothing runs after an uncaught exception).
//! - A program that uses promises or async functions becomes an `async` test whose check runs
//!   after a long chain of promise jobs, so every job the program queued has run by then.
//! - Programs that use the lifetime hooks (`afterGc`, `lifetimeProbe`) cannot be exported: test262
//!   has no portable way to force a collection.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrowFunctionExpression, AwaitExpression, Class, Function, IdentifierReference, PrivateIdentifier,
    PropertyDefinition, StaticBlock, TemplateLiteral, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast::AstKind;
use oxc_ast_visit::{walk, Visit};
use oxc_semantic::ReferenceId;
use oxc_span::SourceType;
use serde::Deserialize;
use std::collections::BTreeMap;
use thiserror::Error;

use crate::outcome::{End, Outcome};

/// The name the exported test collects printed lines under.
const COLLECTOR: &str = "closureDiffPrint";
/// How many promise jobs the async check waits before comparing.
const JOB_HOPS: u32 = 1000;

/// Why a finding could not be exported.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{}: not a finding directory (no finding.json): {source}", dir.display())]
    NotAFinding { dir: PathBuf, source: std::io::Error },
    #[error("{}: cannot read {file}: {message}", dir.display())]
    BadFinding { dir: PathBuf, file: &'static str, message: String },
    #[error(
        "no engine outside the blame to take the expected outcome from (blamed: {blamed}); pass --expected ENGINE"
    )]
    NoExpectation { blamed: String },
    #[error("--expected {engine}: the finding has no outcome for {engine} (engines: {engines})")]
    UnknownEngine { engine: String, engines: String },
    #[error("the expected run of {engine} did not end normally or with an exception ({end}), so it is no expectation")]
    Unusable { engine: String, end: String },
    #[error(
        "the program uses the lifetime hooks (afterGc/lifetimeProbe), which test262 has no portable equivalent for"
    )]
    UsesHostHooks,
    #[error("the program does not parse: {0}")]
    Parse(String),
    #[error("an expected exception in a program that uses promises cannot be a test262 test (negative tests are synchronous)")]
    AsyncThrow,
}

#[derive(Debug, Deserialize)]
struct FindingFile {
    signature: String,
    #[serde(default)]
    blame: Option<BlameFile>,
    reduced_outcomes: BTreeMap<String, Outcome>,
    #[serde(default)]
    engines: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct BlameFile {
    engines: Vec<String>,
}

/// Writes the test262 test for the finding in `dir`, taking the expected outcome from `expected`
/// (an engine of the finding) or else from the first engine outside the blame.
pub fn export_test262(dir: &Path, expected: Option<&str>) -> Result<String, ExportError> {
    let text = fs::read_to_string(dir.join("finding.json"))
        .map_err(|source| ExportError::NotAFinding { dir: dir.into(), source })?;
    let bad = |file, message: String| ExportError::BadFinding { dir: dir.into(), file, message };
    let finding: FindingFile = serde_json::from_str(&text).map_err(|err| bad("finding.json", err.to_string()))?;
    let program = fs::read_to_string(dir.join("reduced.js")).map_err(|err| bad("reduced.js", err.to_string()))?;
    let blamed = finding.blame.map(|blame| blame.engines).unwrap_or_default();
    let engine = match expected {
        Some(engine) => engine.to_owned(),
        None => finding
            .engines
            .iter()
            .chain(finding.reduced_outcomes.keys())
            .find(|engine| !blamed.contains(engine))
            .cloned()
            .filter(|_| !blamed.is_empty())
            .ok_or_else(|| ExportError::NoExpectation { blamed: blamed.join("+") })?,
    };
    let outcome = finding.reduced_outcomes.get(&engine).ok_or_else(|| ExportError::UnknownEngine {
        engine: engine.clone(),
        engines: finding.reduced_outcomes.keys().cloned().collect::<Vec<_>>().join(", "),
    })?;
    let title = format!("closure-diff finding {} (blamed: {})", finding.signature, blamed.join("+"));
    test262_test(&program, outcome, &engine, &title)
}

/// The test262 test checking that `program` does what `outcome` (of `engine`) says.
pub fn test262_test(program: &str, outcome: &Outcome, engine: &str, title: &str) -> Result<String, ExportError> {
    let scan = scan(program)?;
    if scan.host_hooks {
        return Err(ExportError::UsesHostHooks);
    }
    let throws = match &outcome.end {
        End::Ok => None,
        End::Threw(name) => Some(name.clone()),
        end => return Err(ExportError::Unusable { engine: engine.into(), end: end.to_string() }),
    };
    if throws.is_some() && scan.uses_jobs {
        return Err(ExportError::AsyncThrow);
    }

    let mut flags = vec![if scan.strict { "onlyStrict" } else { "noStrict" }];
    if scan.uses_jobs {
        flags.push("async");
    }
    let mut out = String::new();
    let _ = writeln!(out, "// Copyright (C) 2026 the closure-diff authors. All rights reserved.");
    let _ = writeln!(out, "// This code is governed by the BSD license found in the LICENSE file.");
    let _ = writeln!(out, "/*---");
    let _ = writeln!(out, "description: >");
    let _ = writeln!(out, "  Closure semantics: the program prints what the specification says ({title})");
    let _ = writeln!(out, "info: |");
    let _ = writeln!(
        out,
        "  Reduced by closure-diff from a generated program; the expected lines are what {engine} printed,"
    );
    let _ =
        writeln!(out, "  which the other engines of the run agreed with. `{COLLECTOR}` stands for the host's print.");
    if let Some(name) = &throws {
        let _ = writeln!(out, "negative:\n  phase: runtime\n  type: {name}");
    }
    let _ = writeln!(out, "flags: [{}]", flags.join(", "));
    if !scan.features.is_empty() {
        let _ = writeln!(out, "features: [{}]", scan.features.iter().copied().collect::<Vec<_>>().join(", "));
    }
    let _ = writeln!(out, "---*/\n");
    let _ = writeln!(out, "var {COLLECTOR}Lines = [];");
    let _ = writeln!(out, "function {COLLECTOR}() {{");
    let _ = writeln!(out, "  var parts = [];");
    let _ = writeln!(out, "  for (var i = 0; i < arguments.length; i++) parts.push(`${{arguments[i]}}`);");
    let _ = writeln!(out, "  {COLLECTOR}Lines.push(parts.join(' '));");
    let _ = writeln!(out, "}}");
    let _ = writeln!(out, "var {COLLECTOR}Console = {{ log: {COLLECTOR} }};\n");
    out.push_str(scan.renamed.trim_end());
    out.push_str("\n\n");
    let expected = serde_json::to_string(&outcome.output.join("\n")).unwrap_or_default();
    let check = format!("assert.sameValue({COLLECTOR}Lines.join('\\n'), {expected}, 'printed lines');");
    if throws.is_some() {
        // Nothing after an uncaught exception runs; the negative frontmatter is the check.
    } else if scan.uses_jobs {
        let _ = writeln!(out, "(function wait(hops) {{");
        let _ = writeln!(out, "  if (hops > 0) {{");
        let _ = writeln!(out, "    Promise.resolve().then(function () {{ wait(hops - 1); }});");
        let _ = writeln!(out, "    return;");
        let _ = writeln!(out, "  }}");
        let _ = writeln!(out, "  try {{\n    {check}\n  }} catch (error) {{\n    $DONE(error);\n    return;\n  }}");
        let _ = writeln!(out, "  $DONE();");
        let _ = writeln!(out, "}})({JOB_HOPS});");
    } else {
        let _ = writeln!(out, "{check}");
    }
    Ok(out)
}

/// What the exporter needs to know about a program.
struct Scan {
    /// The program with its global `print`/`console` references renamed to the collector.
    renamed: String,
    strict: bool,
    uses_jobs: bool,
    host_hooks: bool,
    features: BTreeSet<&'static str>,
}

fn scan(program: &str) -> Result<Scan, ExportError> {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, program, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let message = parsed.diagnostics.first().map(|error| error.to_string()).unwrap_or_default();
        return Err(ExportError::Parse(message));
    }
    let semantic = oxc_semantic::SemanticBuilder::new().build(&parsed.program).semantic;
    let unresolved = semantic.scoping().root_unresolved_references();
    let host_hooks = ["afterGc", "lifetimeProbe"].iter().any(|name| unresolved.contains_key(*name));
    let uses_jobs = ["Promise", "queueMicrotask"].iter().any(|name| unresolved.contains_key(*name));
    let mut features = Features::default();
    features.names.insert("template"); // the collector's own `${...}`, which is exactly ToString
    for name in ["print", "console"] {
        features.globals.extend(unresolved.get(name).into_iter().flatten().copied());
    }
    features.visit_program(&parsed.program);
    let mut renames = features.renames;
    renames.sort();
    let mut renamed = String::with_capacity(program.len());
    let mut at = 0usize;
    for (start, end, replacement) in renames {
        renamed.push_str(&program[at..start as usize]);
        renamed.push_str(&replacement);
        at = end as usize;
    }
    renamed.push_str(&program[at..]);
    let strict = parsed.program.directives.iter().any(|directive| directive.directive == "use strict");
    Ok(Scan { renamed, strict, uses_jobs: uses_jobs || features.jobs, host_hooks, features: features.names })
}

/// test262 `features:` names of the syntax a program uses, and where the global `print` and
/// `console` are referenced.
#[derive(Default)]
struct Features {
    names: BTreeSet<&'static str>,
    /// Async functions or `await`: the program queues jobs.
    jobs: bool,
    /// The references to the global `print` and `console`.
    globals: BTreeSet<ReferenceId>,
    /// `(start, end, replacement)` for each of those references.
    renames: Vec<(u32, u32, String)>,
}

impl<'a> Visit<'a> for Features {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if it.reference_id.get().is_some_and(|id| self.globals.contains(&id)) {
            let replacement = if it.name == "print" { COLLECTOR.to_owned() } else { format!("{COLLECTOR}Console") };
            self.renames.push((it.span.start, it.span.end, replacement));
        }
    }

    fn enter_node(&mut self, kind: AstKind<'a>) {
        let feature = match kind {
            AstKind::AssignmentPattern(_) => "default-parameters",
            AstKind::ObjectPattern(_) | AstKind::ArrayPattern(_) => "destructuring-binding",
            AstKind::BindingRestElement(_) => "rest-parameters",
            AstKind::SpreadElement(_) => "spread",
            AstKind::ChainExpression(_) => "optional-chaining",
            AstKind::YieldExpression(_) => "generators",
            _ => return,
        };
        self.names.insert(feature);
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        match it.kind {
            VariableDeclarationKind::Let => {
                self.names.insert("let");
            }
            VariableDeclarationKind::Const => {
                self.names.insert("const");
            }
            _ => {}
        }
        walk::walk_variable_declaration(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_semantic::ScopeFlags) {
        if it.generator {
            self.names.insert("generators");
        }
        if it.r#async {
            self.names.insert("async-functions");
            self.jobs = true;
        }
        walk::walk_function(self, it, flags);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.names.insert("arrow-function");
        if it.r#async {
            self.names.insert("async-functions");
            self.jobs = true;
        }
        walk::walk_arrow_function_expression(self, it);
    }

    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        self.jobs = true;
        walk::walk_await_expression(self, it);
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        self.names.insert("class");
        walk::walk_class(self, it);
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        self.names.insert("class-fields-public");
        walk::walk_property_definition(self, it);
    }

    fn visit_private_identifier(&mut self, it: &PrivateIdentifier<'a>) {
        self.names.insert("class-fields-private");
        walk::walk_private_identifier(self, it);
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        self.names.insert("class-static-block");
        walk::walk_static_block(self, it);
    }

    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        self.names.insert("template");
        walk::walk_template_literal(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(lines: &[&str]) -> Outcome {
        Outcome { output: lines.iter().map(|line| (*line).to_owned()).collect(), end: End::Ok }
    }

    #[test]
    fn print_becomes_the_collector_and_the_lines_are_asserted() {
        let program = "let f = (x) => x + 1;\nprint(f(1), `a`);\nconsole.log(2);\n";
        let test = test262_test(program, &ok(&["2 a", "2"]), "ref", "t").unwrap();
        assert!(test.contains("closureDiffPrint(f(1), `a`);\nclosureDiffPrintConsole.log(2);"), "{test}");
        assert!(test.contains("flags: [noStrict]"), "{test}");
        assert!(test.contains("features: [arrow-function, let, template]"), "{test}");
        let plain = test262_test("print(1)", &ok(&["1"]), "ref", "t").unwrap();
        assert!(plain.contains("features: [template]"), "{plain}");
        assert!(test.contains(r#"assert.sameValue(closureDiffPrintLines.join('\n'), "2 a\n2", 'printed lines');"#));
    }

    #[test]
    fn a_local_print_binding_is_not_renamed() {
        let test =
            test262_test("function g(print) { print(1) } g(function (x) { print(x) });", &ok(&["1"]), "ref", "t")
                .unwrap();
        assert!(test.contains("function g(print) { print(1) } g(function (x) { closureDiffPrint(x) });"), "{test}");
    }

    #[test]
    fn strict_programs_throws_and_jobs_pick_their_flags() {
        let strict = test262_test("'use strict'; print(1)", &ok(&["1"]), "ref", "t").unwrap();
        assert!(strict.contains("flags: [onlyStrict]"), "{strict}");
        let thrower = Outcome { output: vec![], end: End::Threw("TypeError".into()) };
        let negative = test262_test("null.x", &thrower, "ref", "t").unwrap();
        assert!(negative.contains("negative:\n  phase: runtime\n  type: TypeError"), "{negative}");
        assert!(!negative.contains("assert.sameValue"), "{negative}");
        let jobs = test262_test("Promise.resolve(1).then(print)", &ok(&["1"]), "ref", "t").unwrap();
        assert!(jobs.contains("flags: [noStrict, async]") && jobs.contains("$DONE();"), "{jobs}");
        assert!(matches!(
            test262_test("afterGc(() => print(1))", &ok(&["1"]), "ref", "t"),
            Err(ExportError::UsesHostHooks)
        ));
    }
}
