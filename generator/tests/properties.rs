//! Property tests (issue 3, item 7) over generated programs, driven by proptest: arbitrary `u64`
//! seeds for [`Program::from_seed`] and arbitrary byte vectors for [`Program::generate`].
//!
//! - the printed program parses with `oxc_parser` (the interpreter's parser) without errors;
//! - printing is stable: the IR has no parser from text, so stability means printing the same IR
//!   twice gives the same text, and `oxc_codegen` over the parsed program is a fixpoint
//!   (`codegen(parse(codegen(parse(text)))) == codegen(parse(text))`);
//! - the reference interpreter finishes within its default limits (no `Exhausted`, `Unsupported` or
//!   `SyntaxError`);
//! - the same seed (or bytes) gives the same text.
//!
//! Case counts are modest so that the file runs in well under a minute in a debug build.

use arbitrary::Unstructured;
use generator::{Config, Program};
use interpreter::{Completion, Limits};
use proptest::prelude::*;

/// Cases per property: enough to wander well beyond the fixed seed loops of `guarantees.rs`, few
/// enough for a debug build.
const CASES: u32 = 256;

/// Up to this many input bytes (the default config reads 2048).
const MAX_BYTES: usize = 3000;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, ..ProptestConfig::default() }
}

fn from_bytes(bytes: &[u8]) -> Program {
    let mut u = Unstructured::new(bytes);
    Program::generate(&mut u, &Config::default()).expect("generation never fails")
}

/// The first parse error of `text` as a classic script, if any.
fn parse_error(text: &str) -> Option<String> {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::script()).parse();
    if let Some(e) = parsed.diagnostics.errors().next() {
        return Some(e.to_string());
    }
    parsed.panicked.then(|| "the parser gave up".to_owned())
}

/// `text` parsed with `oxc_parser` and printed again with `oxc_codegen`.
fn codegen(text: &str) -> String {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::script()).parse();
    assert!(parsed.diagnostics.errors().next().is_none() && !parsed.panicked, "does not parse:\n{text}");
    oxc_codegen::Codegen::new().build(&parsed.program).code
}

fn check_parses(text: &str) -> Result<(), TestCaseError> {
    if let Some(e) = parse_error(text) {
        return Err(TestCaseError::fail(format!("does not parse: {e}\n{text}")));
    }
    Ok(())
}

fn check_stable(program: &Program) -> Result<(), TestCaseError> {
    let text = program.to_string();
    prop_assert_eq!(&text, &program.to_string(), "printing the same IR twice differs");
    let once = codegen(&text);
    let twice = codegen(&once);
    prop_assert_eq!(once, twice, "oxc_codegen is not a fixpoint on the printed program:\n{}", text);
    Ok(())
}

fn check_finishes(text: &str) -> Result<(), TestCaseError> {
    let out = interpreter::run(text, &Limits::default());
    match &out.completion {
        Completion::Normal | Completion::Threw { .. } => Ok(()),
        other => Err(TestCaseError::fail(format!("the reference interpreter ended with {other:?}\n{text}"))),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn seeded_programs_parse(seed in any::<u64>()) {
        check_parses(&Program::from_seed(seed, &Config::default()).to_string())?;
    }

    #[test]
    fn programs_from_bytes_parse(bytes in proptest::collection::vec(any::<u8>(), 0..MAX_BYTES)) {
        check_parses(&from_bytes(&bytes).to_string())?;
    }

    #[test]
    fn seeded_printing_is_stable(seed in any::<u64>()) {
        check_stable(&Program::from_seed(seed, &Config::default()))?;
    }

    #[test]
    fn printing_from_bytes_is_stable(bytes in proptest::collection::vec(any::<u8>(), 0..MAX_BYTES)) {
        check_stable(&from_bytes(&bytes))?;
    }

    #[test]
    fn reference_interpreter_finishes_seeded_programs(seed in any::<u64>()) {
        check_finishes(&Program::from_seed(seed, &Config::default()).to_string())?;
    }

    #[test]
    fn reference_interpreter_finishes_programs_from_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..MAX_BYTES)
    ) {
        check_finishes(&from_bytes(&bytes).to_string())?;
    }

    #[test]
    fn same_seed_same_text(seed in any::<u64>()) {
        let cfg = Config::default();
        prop_assert_eq!(Program::from_seed(seed, &cfg).to_string(), Program::from_seed(seed, &cfg).to_string());
        prop_assert_eq!(
            Program::from_seed_swarm(seed, &cfg).to_string(),
            Program::from_seed_swarm(seed, &cfg).to_string()
        );
    }

    #[test]
    fn same_bytes_same_text(bytes in proptest::collection::vec(any::<u8>(), 0..MAX_BYTES)) {
        prop_assert_eq!(from_bytes(&bytes).to_string(), from_bytes(&bytes).to_string());
    }
}
