//! One test per guarantee stated in the crate docs.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use generator::{seed_bytes, stats, Category, Config, Construct, Profile, Program, Size};
use interpreter::{Completion, Limits};

/// Parses `text` as a classic script and runs the early-error checks; returns the first problem.
fn parse_problem(text: &str) -> Option<String> {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::script()).parse();
    if let Some(e) = parsed.diagnostics.errors().next() {
        return Some(e.to_string());
    }
    if parsed.panicked {
        return Some("the parser gave up".into());
    }
    let semantic = oxc_semantic::SemanticBuilder::new().with_check_syntax_error(true).build(&parsed.program);
    let problem = semantic.diagnostics.errors().next().map(|e| e.to_string());
    problem
}

fn assert_valid(seed: u64, cfg: &Config, what: &str) {
    let text = Program::from_seed(seed, cfg).to_string();
    if let Some(problem) = parse_problem(&text) {
        panic!("{what} seed {seed} does not parse: {problem}\n{text}");
    }
}

#[test]
fn always_valid_500_seeds() {
    let cfg = Config::default();
    for seed in 0..500 {
        assert_valid(seed, &cfg, "default");
    }
}

#[test]
fn always_valid_in_every_profile_size_and_swarm() {
    for profile in [Profile::Es5, Profile::Es2015, Profile::Full] {
        for size in [Size::Small, Size::Large] {
            let cfg = Config { profile, ..Config::sized(size) };
            for seed in 0..25 {
                assert_valid(seed, &cfg, &format!("{} {}", profile.name(), size.name()));
            }
        }
    }
    let cfg = Config::default();
    for seed in 0..50 {
        let text = Program::from_seed_swarm(seed, &cfg).to_string();
        assert!(parse_problem(&text).is_none(), "swarm seed {seed}");
    }
}

#[test]
fn valid_from_any_bytes() {
    // Short, empty and patterned inputs: generation never fails and the result parses.
    let mut inputs: Vec<Vec<u8>> = vec![vec![], vec![0; 16], vec![255; 300], (0..=255).collect()];
    for seed in 0..40 {
        inputs.push(seed_bytes(1000 + seed, (seed as usize * 37) % 700));
    }
    for bytes in inputs {
        let mut u = Unstructured::new(&bytes);
        let p = Program::arbitrary(&mut u).expect("generation never fails");
        let text = p.to_string();
        assert!(parse_problem(&text).is_none(), "{text}");
    }
}

/// `cfg` with every category's weight 0 but `category`'s.
fn only(mut cfg: Config, category: Category) -> Config {
    for c in Category::ALL.into_iter().filter(|c| *c != category) {
        cfg.set_weight(c, 0);
    }
    cfg
}

/// The program's text without its comment lines (category labels may name any feature).
fn code_of(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn profiles_keep_to_their_syntax() {
    // Generated strings are made of letters, digits, spaces and `-:,=`, and eval code is generated in
    // the profile too, so these tokens can only be syntax of a newer edition.
    let es5_banned = [
        "let ",
        "const ",
        "=>",
        "`",
        "...",
        "??",
        "?.",
        "**",
        "||=",
        "&&=",
        "class ",
        "function*",
        "yield",
        "async ",
        "await ",
        "super",
    ];
    let es2015_banned = ["??", "?.", "**", "||=", "&&=", "catch {", "async ", "await ", "#", "static {"];
    let (mut classes, mut generators) = (0, 0);
    for seed in 0..60 {
        let text = code_of(&Program::from_seed(seed, &Config::with_profile(Profile::Es5)).to_string());
        for t in es5_banned {
            assert!(!text.contains(t), "es5 seed {seed} contains {t:?}:\n{text}");
        }
        assert!(!syntax_of(&text).destructuring, "es5 seed {seed} destructures:\n{text}");
        let text = code_of(&Program::from_seed(seed, &Config::with_profile(Profile::Es2015)).to_string());
        for t in es2015_banned {
            assert!(!text.contains(t), "es2015 seed {seed} contains {t:?}:\n{text}");
        }
        // ES2015 classes have no fields: no `name = value;` line directly in a class body.
        assert!(!text.lines().any(|l| l.trim_start().starts_with("static ") && l.contains(" = ")), "{text}");
        classes += usize::from(text.contains("class "));
        generators += usize::from(text.contains("function*"));
    }
    assert!(classes > 10 && generators > 10, "es2015: {classes} programs with classes, {generators} with generators");
}

/// The identifiers and keywords of `code`.
fn words(code: &str) -> BTreeSet<&str> {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).filter(|w| !w.is_empty()).collect()
}

/// Constructs of a program that no word shows.
#[derive(Default)]
struct Syntax {
    /// A function declared directly in a block or a `switch` case.
    block_function: bool,
    /// A parameter with a default value.
    default_parameter: bool,
    /// An object or array destructuring pattern, or a destructuring assignment.
    destructuring: bool,
    /// A `let`, `const` or function declared directly in a `switch` case, in the scope all the
    /// cases share.
    switch_declaration: bool,
    /// A function or class expression (parenthesised or not) as an element of an array literal.
    function_element: bool,
}

impl<'a> oxc_ast_visit::Visit<'a> for Syntax {
    fn visit_array_expression(&mut self, it: &oxc_ast::ast::ArrayExpression<'a>) {
        use oxc_ast::ast::Expression;
        let function = |e: &Expression| {
            matches!(
                e.without_parentheses(),
                Expression::FunctionExpression(_)
                    | Expression::ArrowFunctionExpression(_)
                    | Expression::ClassExpression(_)
            )
        };
        self.function_element |= it.elements.iter().any(|element| element.as_expression().is_some_and(function));
        oxc_ast_visit::walk::walk_array_expression(self, it);
    }

    fn visit_block_statement(&mut self, it: &oxc_ast::ast::BlockStatement<'a>) {
        self.block_function |= it.body.iter().any(|s| matches!(s, oxc_ast::ast::Statement::FunctionDeclaration(_)));
        oxc_ast_visit::walk::walk_block_statement(self, it);
    }

    fn visit_switch_case(&mut self, it: &oxc_ast::ast::SwitchCase<'a>) {
        use oxc_ast::ast::Statement;
        let declares = it.consequent.iter().any(|s| matches!(s, Statement::FunctionDeclaration(_)));
        self.block_function |= declares;
        let lexical = |s: &Statement| matches!(s, Statement::VariableDeclaration(d) if !d.kind.is_var());
        self.switch_declaration |= declares || it.consequent.iter().any(lexical);
        oxc_ast_visit::walk::walk_switch_case(self, it);
    }

    fn visit_object_pattern(&mut self, it: &oxc_ast::ast::ObjectPattern<'a>) {
        self.destructuring = true;
        oxc_ast_visit::walk::walk_object_pattern(self, it);
    }

    fn visit_array_pattern(&mut self, it: &oxc_ast::ast::ArrayPattern<'a>) {
        self.destructuring = true;
        oxc_ast_visit::walk::walk_array_pattern(self, it);
    }

    fn visit_array_assignment_target(&mut self, it: &oxc_ast::ast::ArrayAssignmentTarget<'a>) {
        self.destructuring = true;
        oxc_ast_visit::walk::walk_array_assignment_target(self, it);
    }

    fn visit_object_assignment_target(&mut self, it: &oxc_ast::ast::ObjectAssignmentTarget<'a>) {
        self.destructuring = true;
        oxc_ast_visit::walk::walk_object_assignment_target(self, it);
    }

    fn visit_formal_parameter(&mut self, it: &oxc_ast::ast::FormalParameter<'a>) {
        let pattern_default = matches!(it.pattern, oxc_ast::ast::BindingPattern::AssignmentPattern(_));
        self.default_parameter |= it.initializer.is_some() || pattern_default;
        oxc_ast_visit::walk::walk_formal_parameter(self, it);
    }
}

fn syntax_of(text: &str) -> Syntax {
    use oxc_ast_visit::Visit as _;
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::script()).parse();
    let mut syntax = Syntax::default();
    syntax.visit_program(&parsed.program);
    syntax
}

#[test]
fn configs_leave_out_the_constructs_they_are_without() {
    // The words that show each construct (the lifetime hooks need WeakRef).
    let shows = |construct: Construct| match construct {
        Construct::BlockFunctions => &[][..],
        Construct::Classes => &["class"][..],
        Construct::Generators => &["yield"][..],
        Construct::EvalWith => &["eval", "with", "Function"][..],
        Construct::WeakRefs => &["WeakRef", "afterGc", "lifetimeProbe"][..],
        Construct::Delete => &["delete"][..],
        Construct::FindLast => &["findLast", "findLastIndex"][..],
        Construct::IndirectEval | Construct::FunctionElements => &[][..],
        Construct::DefaultParams
        | Construct::ForOf
        | Construct::SloppyMode
        | Construct::StrictScripts
        | Construct::Destructuring => &[][..],
    };
    let uses = |text: &str, construct: Construct| match construct {
        Construct::BlockFunctions => syntax_of(text).block_function,
        Construct::Generators => text.contains("function*") || words(&code_of(text)).contains("yield"),
        Construct::ForOf => code_of(text).contains(" of "),
        Construct::DefaultParams => syntax_of(text).default_parameter,
        Construct::Destructuring => syntax_of(text).destructuring,
        Construct::SloppyMode => !text.starts_with("\"use strict\";"),
        Construct::StrictScripts => text.starts_with("\"use strict\";"),
        Construct::IndirectEval => text.contains("(0, eval)(") || words(&code_of(text)).contains("Function"),
        Construct::FunctionElements => syntax_of(text).function_element,
        _ => shows(construct).iter().any(|word| words(&code_of(text)).contains(word)),
    };
    for construct in Construct::ALL {
        let cfg = Config { without: [construct].into(), ..Config::default() };
        for seed in 0..40 {
            let text = Program::from_seed(seed, &cfg).to_string();
            assert!(!uses(&text, construct), "seed {seed} without {} uses it:\n{text}", construct.name());
        }
    }
    // Without the restriction, each construct shows up (some, like the lifetime hooks, in about
    // one program in ten): the check can fail.
    let seen: BTreeSet<Construct> = (0..120)
        .map(|seed| Program::from_seed(seed, &Config::default()).to_string())
        .flat_map(|text| Construct::ALL.into_iter().filter(move |c| uses(&text, *c)))
        .collect();
    assert_eq!(seen, Construct::ALL.into());
    let all = Config { without: Construct::ALL.into(), ..Config::default() };
    for seed in 0..40 {
        assert_valid(seed, &all, "without everything");
    }
}

#[test]
fn deterministic() {
    let cfg = Config::default();
    for seed in [0, 1, 7, 12345, u64::MAX] {
        assert_eq!(Program::from_seed(seed, &cfg), Program::from_seed(seed, &cfg));
        assert_eq!(Program::from_seed(seed, &cfg).to_string(), Program::from_seed(seed, &cfg).to_string());
        let bytes = seed_bytes(seed, 3000);
        let a = Program::generate(&mut Unstructured::new(&bytes), &cfg).unwrap();
        let b = Program::generate(&mut Unstructured::new(&bytes), &cfg).unwrap();
        assert_eq!(a, b);
    }
    assert_ne!(Program::from_seed(1, &cfg).to_string(), Program::from_seed(2, &cfg).to_string());
}

fn mean_statements(cfg: &Config, seeds: u64) -> f64 {
    (0..seeds).map(|s| Program::from_seed(s, cfg).statement_count() as f64).sum::<f64>() / seeds as f64
}

#[test]
fn size_grows_with_the_size_preset() {
    let small = mean_statements(&Config::sized(Size::Small), 40);
    let medium = mean_statements(&Config::sized(Size::Medium), 40);
    let large = mean_statements(&Config::sized(Size::Large), 40);
    assert!(small < medium && medium < large, "small {small}, medium {medium}, large {large}");
}

#[test]
fn more_input_gives_bigger_programs() {
    let mut cfg = Config::sized(Size::Large);
    let mut last = 0.0;
    for len in [32, 128, 512, 2048] {
        cfg.input_len = len;
        let mean = mean_statements(&cfg, 30);
        assert!(mean > last, "{len} bytes gave {mean} statements on average, fewer than {last}");
        last = mean;
    }
}

#[test]
fn small_input_changes_give_small_program_changes() {
    // Changing a byte near the end leaves the beginning of the program as it was.
    let cfg = Config::sized(Size::Large);
    let mut kept = 0.0;
    let n = 20;
    for seed in 0..n {
        let mut bytes = seed_bytes(seed, 4096);
        let a = Program::generate(&mut Unstructured::new(&bytes), &cfg).unwrap().to_string();
        bytes[3500] ^= 0x5a;
        let b = Program::generate(&mut Unstructured::new(&bytes), &cfg).unwrap().to_string();
        let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        kept += common as f64 / a.len().max(1) as f64;
    }
    let kept = kept / n as f64;
    assert!(kept > 0.5, "on average only {:.0}% of the text survived a late one-byte change", kept * 100.0);
}

#[test]
fn swarm_switches_categories_off() {
    let base = Config::default();
    let mut sets = BTreeSet::new();
    for seed in 0..40u64 {
        let bytes = seed_bytes(seed, 64);
        let cfg = base.swarm(&mut Unstructured::new(&bytes)).unwrap();
        let enabled: Vec<Category> = cfg.enabled().collect();
        assert!(!enabled.is_empty());
        assert!(enabled.len() < base.enabled().count() || seed > 0, "swarm should usually drop something");
        // A program generated with the swarm config only exercises enabled categories.
        let p = Program::generate(&mut Unstructured::new(&seed_bytes(seed + 100, 2048)), &cfg).unwrap();
        for c in p.categories().iter() {
            assert!(enabled.contains(&c), "seed {seed}: {c} is disabled but produced");
        }
        sets.insert(enabled);
    }
    assert!(sets.len() > 30, "only {} distinct category sets in 40 swarm configs", sets.len());
}

#[test]
fn reference_interpreter_runs_every_program() {
    let cfg = Config::default();
    let (mut normal, mut total) = (0, 0);
    for seed in 0..300 {
        let text = Program::from_seed(seed, &cfg).to_string();
        let out = interpreter::run(&text, &Limits::default());
        match &out.completion {
            Completion::Unsupported(f) => panic!("seed {seed}: unsupported {f}\n{text}"),
            Completion::SyntaxError { message } => panic!("seed {seed}: syntax error {message}\n{text}"),
            Completion::Exhausted(r) => panic!("seed {seed}: exhausted {}\n{text}", r.name()),
            Completion::Normal => normal += 1,
            Completion::Threw { .. } => {}
        }
        total += 1;
        // Only primitives are printed: never a function's source or an object.
        for line in &out.printed {
            assert!(
                !line.contains('{') && !line.contains("=>") && !line.contains("[object"),
                "seed {seed} printed {line:?}"
            );
        }
    }
    assert!(normal * 100 >= total * 80, "only {normal} of {total} programs completed without an uncaught exception");
}

#[test]
fn reference_interpreter_runs_every_es5_and_es2015_program() {
    for seed in 0..60 {
        for profile in [Profile::Es5, Profile::Es2015] {
            let cfg = Config::with_profile(profile);
            let text = Program::from_seed(seed, &cfg).to_string();
            let out = interpreter::run(&text, &Limits::default());
            assert!(
                matches!(out.completion, Completion::Normal | Completion::Threw { .. }),
                "{} seed {seed}: {:?}\n{text}",
                profile.name(),
                out.completion
            );
        }
    }
}

#[test]
fn stats_cover_every_category() {
    let s = stats(100, 0, &Config::default());
    assert_eq!(s.programs, 100);
    assert_eq!(s.unsupported, 0.0);
    assert_eq!(s.syntax_error, 0.0);
    assert_eq!(s.exhausted, 0.0);
    assert!(s.completed >= 0.9, "{s}");
    assert_eq!(s.categories.len(), Category::implemented_all().count());
    for c in &s.categories {
        assert!(c.share >= 0.05, "{} only in {:.0}% of programs", c.category, c.share * 100.0);
    }
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["programs"], 100);
    assert!(s.to_string().contains("capture-read"));
}

#[test]
fn every_category_in_five_percent_of_1000_default_programs() {
    // What `closure-diff gen --count 1000 --stats` reports, without running the programs.
    let cfg = Config::default();
    let mut hits = [0usize; Category::COUNT];
    for seed in 0..1000 {
        for c in Program::from_seed(seed, &cfg).categories().iter() {
            hits[c.index()] += 1;
        }
    }
    for c in Category::implemented_all() {
        assert!(hits[c.index()] >= 50, "{c} in only {} of 1000 default programs", hits[c.index()]);
    }
    // The categories added with classes, generators, async, eval and with are on by default.
    for c in [Category::ClassScope, Category::GeneratorsAsync, Category::EvalWith] {
        assert!(c.implemented() && cfg.effective_weight(c) > 0, "{c}");
    }
}

#[test]
fn each_category_alone_runs_to_completion_in_every_profile() {
    // One producer at a time: its programs parse, contain it, and complete on the reference
    // interpreter (a producer that threw by accident, or used a feature the profile lacks, fails here).
    for profile in [Profile::Es5, Profile::Es2015, Profile::Full] {
        for category in Category::implemented_all() {
            let cfg = only(Config::with_profile(profile), category);
            let possible = cfg.effective_weight(category) > 0;
            let mut with_it = 0;
            for seed in 0..12 {
                let p = Program::from_seed(seed, &cfg);
                let text = p.to_string();
                if let Some(problem) = parse_problem(&text) {
                    panic!("{} {category} seed {seed} does not parse: {problem}\n{text}", profile.name());
                }
                with_it += usize::from(p.categories().contains(category));
                let out = interpreter::run(&text, &Limits::default());
                assert_eq!(out.completion, Completion::Normal, "{} {category} seed {seed}:\n{text}", profile.name());
            }
            if possible {
                assert!(with_it >= 9, "{} {category}: only {with_it} of 12 programs contain it", profile.name());
            } else {
                assert_eq!(with_it, 0, "{} cannot express {category}", profile.name());
            }
        }
    }
}

#[test]
fn eval_and_with_only_in_sloppy_code() {
    // `with` in strict code is an early error (caught by parsing); direct eval is only generated in
    // sloppy functions, so no strict script or function body contains one (one producer puts it in
    // a class's computed key on purpose: `evals_in_class_keys_only_in_sloppy_code`).
    let cfg = only(Config::default(), Category::EvalWith);
    let mut evals = 0;
    for seed in 0..60 {
        let p = Program::from_seed(seed, &cfg);
        let text = p.to_string();
        assert!(parse_problem(&text).is_none(), "seed {seed}\n{text}");
        assert!(!p.strict || !text.contains("eval("), "seed {seed}: eval in a strict script\n{text}");
        evals += text.matches("eval(").count();
        // No eval call inside a function with its own "use strict".
        let mut depth_strict: Vec<usize> = Vec::new();
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            depth_strict.retain(|d| *d <= indent);
            if line.trim() == "\"use strict\";" && indent > 0 {
                depth_strict.push(indent);
            }
            if line.contains("eval(") && !line.contains("\\\"use strict\\\"") {
                assert!(depth_strict.is_empty(), "seed {seed}: eval in strict code: {line}\n{text}");
            }
        }
    }
    assert!(evals > 30, "only {evals} eval calls in 60 eval-with programs");
}

#[test]
fn functions_made_by_function_also_in_strict_code() {
    // What `Function` makes is sloppy wherever it is made, so strict code gets that producer too.
    let cfg = only(Config::default(), Category::EvalWith);
    let (mut strict, mut sloppy) = (0, 0);
    for seed in 0..120 {
        let p = Program::from_seed(seed, &cfg);
        let made = words(&code_of(&p.to_string())).contains("Function");
        if made && p.strict {
            strict += 1;
        } else if made {
            sloppy += 1;
        }
    }
    assert!(strict > 0 && sloppy > 0, "Function in {strict} strict and {sloppy} sloppy programs of 120");
}

#[test]
fn evals_in_class_keys_only_in_sloppy_code() {
    // A direct eval in a computed key is strict like all class code; the producer shows it from a
    // sloppy function, where the difference is visible (its var stays in the eval).
    let cfg = only(Config::default(), Category::EvalWith);
    let mut sloppy = 0;
    for seed in 0..120 {
        let p = Program::from_seed(seed, &cfg);
        let in_key = p.to_string().contains("[eval(");
        assert!(!(in_key && p.strict), "seed {seed}: an eval in a class key in a strict program");
        sloppy += usize::from(in_key);
    }
    assert!(sloppy > 0, "no eval in a class key in 120 eval-with programs");
}

#[test]
fn for_await_walks_sync_and_async_generators_that_the_reference_runs() {
    // The producer's source is an async generator, or a sync one that for await wraps with
    // CreateAsyncFromSyncIterator; the reference runs both kinds to the end.
    let cfg = only(Config::default(), Category::GeneratorsAsync);
    let (mut over_async, mut over_sync) = (0, 0);
    for seed in 0..80 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if !code_of(&text).contains("for await (") {
            continue;
        }
        over_async += usize::from(text.contains("for await over an async generator"));
        over_sync += usize::from(text.contains("for await over a sync generator"));
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
    }
    assert!(
        over_async > 5 && over_sync > 5,
        "of 80 programs, {over_async} loop over async and {over_sync} over sync generators"
    );
}

#[test]
fn hand_written_iterators_reach_every_consumer_and_run_on_the_reference() {
    // The private-state producer's iterator of closures is driven by for-of, for await and array
    // destructuring; programs with each run to the end on the reference.
    let cfg = only(Config::default(), Category::PrivateState);
    let consumers = ["for-of drives it", "for await drives it", "destructuring drives it"];
    let mut seen = [0; 3];
    for seed in 0..80 {
        let text = Program::from_seed(seed, &cfg).to_string();
        let mut any = false;
        for (count, consumer) in seen.iter_mut().zip(consumers) {
            if text.contains(consumer) {
                *count += 1;
                any = true;
            }
        }
        if any {
            let out = interpreter::run(&text, &Limits::default());
            assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        }
    }
    assert!(seen.iter().all(|count| *count > 3), "programs of 80 per consumer {consumers:?}: {seen:?}");
}

#[test]
fn ir_edits_keep_programs_parsing() {
    // What a reducer does: drop statements, replace expressions by constants. The printer keeps the
    // result syntactically valid.
    let cfg = Config::sized(Size::Small);
    for seed in 0..40 {
        let mut p = Program::from_seed(seed, &cfg);
        let mut k = 0;
        p.for_each_body_mut(&mut |body| {
            k += 1;
            if k % 3 == 0 && !body.is_empty() {
                body.remove(k % body.len());
            }
        });
        let mut j = 0;
        p.for_each_expr_mut(&mut |e| {
            j += 1;
            if j % 7 == 0 {
                *e = generator::ir::num(0);
            }
        });
        let text = p.to_string();
        assert!(parse_problem(&text).is_none(), "seed {seed}: {:?}\n{text}", parse_problem(&text));
    }
}

#[test]
fn categories_are_read_back_from_comments() {
    let p = Program::from_seed(3, &Config::default());
    let cats = p.categories();
    assert!(!cats.is_empty());
    let text = p.to_string();
    for c in cats.iter() {
        assert!(text.contains(&format!("// [{}]", c.name())));
    }
}

/// Programs of `category` alone: the producer labelled `label` runs in at least 3 of 40 seeds of
/// the es2015 and full profiles and in none of es5, its programs have `construct` (`has`), and they
/// complete on the reference interpreter.
fn producer_runs_beyond_es5(category: Category, label: &str, construct: &str, has: impl Fn(&str) -> bool) {
    for profile in [Profile::Es5, Profile::Es2015, Profile::Full] {
        let cfg = only(Config::with_profile(profile), category);
        let mut found = 0;
        for seed in 0..40 {
            let text = Program::from_seed(seed, &cfg).to_string();
            if !text.contains(label) {
                continue;
            }
            found += 1;
            assert!(has(&text), "{category} seed {seed} has the label but not {construct}:\n{text}");
            let out = interpreter::run(&text, &Limits::default());
            assert_eq!(out.completion, Completion::Normal, "{category} seed {seed}:\n{text}");
        }
        match profile {
            Profile::Es5 => assert_eq!(found, 0, "es5 cannot express it, yet {category} produced `{label}`"),
            _ => assert!(found >= 3, "{} {category}: `{label}` ran in {found} of 40", profile.name()),
        }
    }
}

#[test]
fn every_destructuring_producer_runs_where_the_profile_has_patterns() {
    let producers = [
        (Category::DefaultParams, "a destructured parameter's defaults see the bindings before them"),
        (Category::Tdz, "a destructuring default reads a binding its pattern has not bound yet"),
        (Category::SharedBinding, "closures made by a pattern's default share the pattern's bindings"),
        (Category::Loops, "closures over the bindings a for-of head's pattern makes"),
        (Category::Loops, "a for head's pattern: each name it binds is copied to every iteration"),
        (Category::Exceptions, "a closure made by a catch parameter's default outlives the catch"),
        (Category::CaptureWrite, "a closure assigns captured variables through a destructuring pattern"),
        (Category::GeneratorsAsync, "a generator binds its destructured parameter when called"),
        (Category::EvalWith, "a var pattern inside with assigns through the object"),
    ];
    for (category, label) in producers {
        producer_runs_beyond_es5(category, label, "a pattern", |text| syntax_of(text).destructuring);
    }
}

#[test]
fn every_switch_producer_runs_where_the_profile_has_block_scopes() {
    let producers = [
        (Category::Tdz, "closures made in a switch's cases read a let of its first case"),
        (Category::SharedBinding, "closures made in a switch's cases, which fall through, share the switch's let"),
        (Category::Hoisting, "a function declared in a switch case exists from the switch's entry"),
    ];
    for (category, label) in producers {
        producer_runs_beyond_es5(category, label, "a declaration in a case", |text| syntax_of(text).switch_declaration);
    }
}

#[test]
fn arrow_super_loop_test_and_arguments_producers_run_beyond_es5() {
    producer_runs_beyond_es5(
        Category::ClassScope,
        "an arrow made before super() sees this once an arrow has called super()",
        "an arrow calling super()",
        |text| text.contains("=> super("),
    );
    producer_runs_beyond_es5(
        Category::Loops,
        "closures created in the test see their iteration's binding",
        "a push in a for head's test",
        |text| {
            text.lines().any(|l| {
                l.trim_start().starts_with("for (let")
                    && l.split(';').nth(1).is_some_and(|test| test.contains(".push("))
            })
        },
    );
    producer_runs_beyond_es5(
        Category::Arguments,
        "a closure in a parameter default sees the arguments object, not the body's var arguments",
        "a body's var arguments",
        |text| text.contains("var arguments;"),
    );
}

#[test]
fn annex_b_block_functions_and_eval_arguments_reach_their_constructs_and_run_on_the_reference() {
    // Three sloppy-code constructs that engines get wrong: two block functions of one name, a block
    // function inside `with` named like the object's property, and a direct eval declaring
    // `var arguments`. Each shows up, and every program with one runs to the end on the reference.
    let constructs: [(Category, &str); 3] = [
        (Category::Hoisting, "of two block functions of one name, the var gets the last"),
        (Category::EvalWith, "print(v());"),
        (Category::EvalWith, "eval(\"var arguments = "),
    ];
    for (category, marker) in constructs {
        let cfg = only(Config::default(), category);
        let mut seen = 0;
        for seed in 0..120 {
            let text = Program::from_seed(seed, &cfg).to_string();
            if text.contains(marker) {
                seen += 1;
                let out = interpreter::run(&text, &Limits::default());
                assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
            }
        }
        assert!(seen >= 3, "{marker:?} in {seen} of 120 programs");
    }
}

#[test]
fn tagged_template_sites_are_generated_and_count_per_site_on_the_reference() {
    // The tag counts its calls per template object: the closures of one site share a count (the
    // second made closure sees 2, the first one's second call 3), and the second site starts at 1.
    let cfg = only(Config::default(), Category::PrivateState);
    let (mut seen, mut counted) = (0, 0);
    for seed in 0..120 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if !text.contains("a tag keeps per-site state") {
            continue;
        }
        seen += 1;
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        // Somewhere in the output: the three closure calls, the second site, and the map's size.
        let found = out.printed.windows(5).any(|w| {
            let counts: Vec<&str> = w[..4].iter().map(|l| l.rsplit(':').next().unwrap_or("")).collect();
            counts == ["1", "2", "3", "1"] && w[4] == "2"
        });
        // (The construct may sit in a function the program never calls.)
        counted += usize::from(found);
    }
    assert!(seen >= 10 && counted >= 5, "the construct in {seen} of 120 programs, counting in {counted}");
}

#[test]
fn for_let_heads_reading_their_own_binding_are_generated_and_throw_on_the_reference() {
    // `for (let k = k + 1; ...)` and `for (let k = (() => k)(); ...)`: the initialiser runs in the
    // head's scope, where `k` is still in its TDZ, so the loop never starts.
    let cfg = only(Config::default(), Category::Tdz);
    let mut seen = 0;
    for seed in 0..120 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if !text.contains("a for (let ...) head's initialiser reads the loop's own binding") {
            continue;
        }
        seen += 1;
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        assert!(out.printed.iter().any(|l| l == "ReferenceError"), "seed {seed}: {:?}\n{text}", out.printed);
    }
    assert!(seen >= 10, "the construct in {seen} of 120 programs");
}

#[test]
fn conversions_between_substitutions_are_generated_and_seen_by_the_next_one_on_the_reference() {
    // `${o}:${x}` where o's toString writes x: the second substitution reads the new value, which
    // the next line prints alone.
    let cfg = only(Config::default(), Category::CaptureWrite);
    let (mut seen, mut observed) = (0, 0);
    for seed in 0..150 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if !text.contains("a toString closure writes a captured variable between two substitutions") {
            continue;
        }
        seen += 1;
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        observed += usize::from(out.printed.windows(2).any(|w| w[0].strip_prefix("o:") == Some(w[1].as_str())));
    }
    assert!(seen >= 10 && observed >= 5, "the construct in {seen} of 150 programs, observed in {observed}");
}

#[test]
fn promise_combinators_are_generated_and_settle_after_the_first_tick_on_the_reference() {
    // Every combinator settles in a job, so its callback prints after the first tick of the chain
    // started after it; a `finally` chained after the callbacks prints after them.
    let cfg = only(Config::default(), Category::GeneratorsAsync);
    let (mut seen, mut ordered) = (0, 0);
    let mut combinators = std::collections::BTreeSet::new();
    for seed in 0..200 {
        let text = Program::from_seed(seed, &cfg).to_string();
        // One instance, so that the lines below are its own.
        if text.matches("Promise combinators settle after an exact number of jobs").count() != 1 {
            continue;
        }
        seen += 1;
        for name in ["all", "race", "allSettled", "any"] {
            if text.contains(&format!("Promise.{name}([")) {
                combinators.insert(name);
            }
        }
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        let at = |prefixes: &[&str]| out.printed.iter().position(|l| prefixes.iter().any(|p| l.starts_with(p)));
        let (Some(tick), Some(settled)) = (at(&["tick 1"]), at(&["fulfilled ", "rejected ", "settled "])) else {
            continue; // (The construct may sit in a function the program never calls.)
        };
        assert!(tick < settled, "seed {seed}: {:?}\n{text}", out.printed);
        if let Some(finally) = at(&["combined finally "]) {
            assert!(settled < finally, "seed {seed}: {:?}\n{text}", out.printed);
        }
        ordered += 1;
    }
    assert!(seen >= 10 && ordered >= 5, "the construct in {seen} of 200 programs, ordered in {ordered}");
    assert_eq!(combinators.len(), 4, "{combinators:?}");
}

#[test]
fn closures_made_by_array_from_and_flat_map_keep_their_index_on_the_reference() {
    // `fs.flatMap((h, i) => [h, () => h() + i])` called through `map`: each pair differs by its
    // index (when the values are numbers).
    let cfg = only(Config::default(), Category::Escape);
    let (mut seen, mut indexed) = (0, 0);
    for seed in 0..200 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if !text.contains("closures made by Array.from's map function and flatMap's callback") {
            continue;
        }
        seen += 1;
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        indexed += usize::from(out.printed.iter().any(|line| {
            let values: Option<Vec<f64>> = line.split(',').map(|v| v.parse().ok()).collect();
            values.is_some_and(|v| {
                (v.len() == 4 || v.len() == 6) && v.chunks(2).enumerate().all(|(i, pair)| pair[1] - pair[0] == i as f64)
            })
        }));
    }
    assert!(seen >= 10 && indexed >= 5, "the construct in {seen} of 200 programs, indexed in {indexed}");
}

#[test]
fn frozen_module_objects_refuse_writes_on_the_reference() {
    // `Object.freeze` on a module object: replacing its method and adding a field fail silently in
    // sloppy code (the method stays: `false`) and throw TypeError in strict code; then
    // `Object.isFrozen` prints `true`.
    let cfg = only(Config::default(), Category::PrivateState);
    let (mut seen, mut sloppy, mut strict) = (0, 0, 0);
    for seed in 0..300 {
        let text = Program::from_seed(seed, &cfg).to_string();
        if text.matches("on a frozen object").count() != 1 {
            continue;
        }
        seen += 1;
        let out = interpreter::run(&text, &Limits::default());
        assert_eq!(out.completion, Completion::Normal, "seed {seed}:\n{text}");
        for w in out.printed.windows(2).filter(|w| w[1] == "true") {
            sloppy += usize::from(w[0] == "false");
            strict += usize::from(w[0] == "TypeError");
        }
    }
    assert!(seen >= 10 && sloppy >= 3 && strict >= 1, "in {seen} of 300 programs: sloppy {sloppy}, strict {strict}");
}
