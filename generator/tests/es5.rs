//! The `es5` profile avoids every construct whose result differs between ES5 and later editions
//! (measured on ES5-only engines such as mujs and duktape against the majority): such differences
//! are not bugs, so programs for those engines must not print anything that depends on them.
//!
//! [`violations`] checks a program's IR for each of them; it is run over many `es5` programs (none
//! may have any), and over default programs, which must show the checker can find some.

use generator::ir::{BinOp, Expr, Pattern, Stmt, Target, UnaryOp};
use generator::{Config, Profile, Program, Size};
use interpreter::{Completion, Limits};

/// Whether the last statement of eval code `code` is an expression statement (then eval's
/// result is that expression's value in every edition).
fn ends_with_expression(code: &str) -> bool {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, code, oxc_span::SourceType::script()).parse();
    assert!(parsed.diagnostics.errors().next().is_none(), "eval code does not parse: {code}");
    // (By the statement's variant name, which saves a dependency on `oxc_ast`.)
    parsed.program.body.last().is_some_and(|s| format!("{s:?}").starts_with("ExpressionStatement("))
}

/// The code of a direct `eval("...")` or indirect `(0, eval)("...")` call.
fn eval_code(e: &Expr) -> Option<&str> {
    let Expr::Call(callee, args) = e else { return None };
    let is_eval = match callee.as_ref() {
        Expr::Ident(n) => n == "eval",
        Expr::Seq(xs) => matches!(xs.last(), Some(Expr::Ident(n)) if n == "eval"),
        _ => false,
    };
    match (is_eval, args.first()) {
        (true, Some(Expr::Str(code))) => Some(code),
        _ => None,
    }
}

/// `Object`'s integrity functions, the same in every edition when given an object.
const INTEGRITY_MEMBERS: [&str; 2] = ["freeze", "isFrozen"];

/// Property names whose value or existence differs between ES5 and later editions when read on
/// functions, or which enumerate keys, sort, or turn functions into text.
const BANNED_MEMBERS: [&str; 7] =
    ["keys", "getOwnPropertyNames", "stringify", "sort", "toString", "toSource", "defineProperty"];

/// Every ES5-vs-later difference in `p`, described.
fn violations(p: &Program) -> Vec<String> {
    let mut found = Vec::new();
    if p.strict {
        found.push("a program-wide \"use strict\" directive".to_string());
    }
    let mut p = p.clone();
    // Allowed `.name` reads: `print(e.name)` / `return e.name` directly in the handler of a catch
    // binding `e` (error objects have an own `name` in every edition). Allowed unused eval
    // results: eval calls that are whole expression statements.
    let mut allowed_names = 0usize;
    let mut unused_evals = 0usize;
    p.for_each_body_mut(&mut |body| {
        for s in body.iter() {
            if let Stmt::Expr(e) = s {
                if eval_code(e).is_some_and(|code| !ends_with_expression(code)) {
                    unused_evals += 1;
                }
            }
            let Stmt::Try { handler: Some(h), .. } = s else { continue };
            let Some(Pattern::Name(param)) = &h.param else { continue };
            for t in &h.body {
                let e = match t {
                    Stmt::Print(e) | Stmt::Return(Some(e)) => Some(e),
                    _ => None,
                };
                if let Some(Expr::Member(o, n)) = e {
                    if n == "name" && matches!(o.as_ref(), Expr::Ident(x) if x == param) {
                        allowed_names += 1;
                    }
                }
            }
        }
    });
    let mut names = 0usize;
    let mut evals_needing_statement = 0usize;
    let (mut function_reads, mut function_constructions) = (0usize, 0usize);
    let (mut object_reads, mut integrity_calls) = (0usize, 0usize);
    let mut check = |e: &mut Expr, found: &mut Vec<String>| match e {
        Expr::Member(o, n) => {
            if n == "name" {
                names += 1;
                if let Expr::Member(_, c) = o.as_ref() {
                    if c == "constructor" {
                        found.push("`.constructor.name`".into());
                    }
                }
            } else if INTEGRITY_MEMBERS.contains(&n.as_str()) && matches!(o.as_ref(), Expr::Ident(x) if x == "Object") {
                // ES5 and later differ on these only for primitive arguments, which programs
                // never pass: the `Object` read is allowed.
                integrity_calls += 1;
            } else if BANNED_MEMBERS.contains(&n.as_str()) {
                found.push(format!("`.{n}`"));
            }
        }
        Expr::Ident(n) if n == "JSON" || n == "Object" || n == "String" => {
            object_reads += usize::from(n == "Object");
            found.push(format!("`{n}`"));
        }
        Expr::Ident(n) if n == "Function" => function_reads += 1,
        // Making a function from text is the same in every edition; any other use of `Function` is flagged.
        Expr::Call(callee, args) | Expr::New(callee, args)
            if matches!(callee.as_ref(), Expr::Ident(n) if n == "Function")
                && args.iter().all(|a| matches!(a, Expr::Str(_))) =>
        {
            function_constructions += 1;
        }
        Expr::Unary(UnaryOp::Delete, t) => {
            if let Expr::Member(_, n) = t.as_ref() {
                if n == "name" || n == "length" {
                    found.push(format!("`delete .{n}`"));
                }
            }
        }
        Expr::Assign(_, Target::Member(_, n), _) if n == "name" || n == "length" => {
            found.push(format!("an assignment to `.{n}`"));
        }
        Expr::Binary(BinOp::Add, operands) => {
            for side in [&operands.0, &operands.1] {
                if matches!(side, Expr::Function(_)) {
                    found.push("a function converted to a string".into());
                }
            }
        }
        e => {
            if let Some(code) = eval_code(e) {
                if !ends_with_expression(code) {
                    evals_needing_statement += 1;
                }
            }
        }
    };
    p.for_each_expr_mut(&mut |e| check(e, &mut found));
    // Each `Object.freeze`/`Object.isFrozen` flagged its `Object` above: take those back.
    let allowed = integrity_calls.min(object_reads);
    for _ in 0..allowed {
        let at = found.iter().position(|f| f == "`Object`").expect("an `Object` read was flagged");
        found.remove(at);
    }
    if names > allowed_names {
        found.push(format!("{} `.name` reads not on a caught error", names - allowed_names));
    }
    if function_reads > function_constructions {
        found.push("`Function` other than called on parameter and body text".into());
    }
    if evals_needing_statement > unused_evals {
        found.push("eval's result used, but the code does not end with an expression statement".into());
    }
    p.for_each_body_mut(&mut |body| {
        for s in body.iter() {
            if let Stmt::ForIn { object, .. } = s {
                match object {
                    Expr::Object(props) if props.len() <= 1 => {}
                    Expr::Object(_) => found.push("for-in over several keys".into()),
                    _ => found.push("for-in over something else than an object literal".into()),
                }
            }
        }
    });
    found
}

#[test]
fn es5_programs_avoid_every_es5_vs_later_difference() {
    for size in [Size::Small, Size::Medium, Size::Large] {
        let cfg = Config { profile: Profile::Es5, ..Config::sized(size) };
        let seeds = if size == Size::Large { 150 } else { 400 };
        for seed in 0..seeds {
            let p = Program::from_seed(seed, &cfg);
            let v = violations(&p);
            assert!(v.is_empty(), "es5 {} seed {seed}: {v:?}\n{p}", size.name());
        }
    }
    let cfg = Config::with_profile(Profile::Es5);
    for seed in 0..200 {
        let p = Program::from_seed_swarm(seed, &cfg);
        assert!(violations(&p).is_empty(), "es5 swarm seed {seed}");
    }
}

#[test]
fn the_checker_finds_differences_in_default_programs() {
    // The full profile uses `.constructor.name`, for-in over several keys and program-wide
    // directives; if the checker saw none of them, the test above would prove nothing.
    let cfg = Config::default();
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 0..300 {
        for v in violations(&Program::from_seed(seed, &cfg)) {
            kinds.insert(v.split_whitespace().take(2).collect::<Vec<_>>().join(" "));
        }
    }
    for wanted in ["`.constructor.name`", "for-in over", "a program-wide"] {
        assert!(kinds.iter().any(|k| k.starts_with(wanted)), "never found {wanted}: {kinds:?}");
    }
}

#[test]
fn es5_programs_never_print_function_text() {
    // Function source text differs between editions and engines; typed generation keeps functions
    // away from `print`, which the printed lines confirm.
    let cfg = Config::with_profile(Profile::Es5);
    for seed in 0..300 {
        let text = Program::from_seed(seed, &cfg).to_string();
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}");
        for line in &out.printed {
            // (`typeof f` prints "function"; function text always has a body in braces.)
            assert!(!line.contains('{') && !line.contains("=>"), "seed {seed} printed {line:?}");
        }
    }
}
