//! generate -> print -> parse -> print is a fixpoint: printing the same program twice gives the same
//! text, the text parses without errors, and re-printing the parsed program (oxc_codegen) is stable.
#![no_main]

use arbitrary::Unstructured;
use generator::{Config, Program};
use libfuzzer_sys::fuzz_target;

fn reprint(source: &str) -> String {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::script()).parse();
    assert!(parsed.diagnostics.errors().next().is_none() && !parsed.panicked, "does not parse:\n{source}");
    oxc_codegen::Codegen::new().build(&parsed.program).code
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(program) = Program::generate(&mut u, &Config::default()) else { return };
    let text = program.to_string();
    assert_eq!(text, program.to_string(), "printing is not deterministic");
    let once = reprint(&text);
    assert_eq!(once, reprint(&once), "printing is not a fixpoint");
});
