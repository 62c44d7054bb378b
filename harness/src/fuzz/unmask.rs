//! Unmasking: a program whose divergence is a known bug (or a finding already made) says nothing
//! about the rest of it. The engine at fault may have thrown, so nothing after ran on it, and only
//! the first differing line is ever looked at. With known Boa and QuickJS bugs in most large
//! programs, that hides most of what those programs could show about the two engines.
//!
//! So the campaign removes the snippet that made the first difference (the producer's statements,
//! `// [category]` comment to the next one) and the later statements that read what it declared,
//! and runs what is left as a program of its own, up to [`MAX_ROUNDS`] times. The reference
//! interpreter, in-process, locates the snippet: it runs the program once with a marker line
//! printed before each snippet, which tells which snippet printed the line where the engines part.
//! The location only chooses what to remove; whatever the rest shows is judged from running it,
//! like any program, so a wrong guess costs a run, not a false report.

use std::ops::Range;

use generator::ir::{print, string};
use generator::Program;

use crate::compare::{Difference, Verdict};
use crate::engine::Engine;
use crate::engines::ReferenceEngine;
use crate::outcome::Outcome;
use crate::trial::Trial;

/// How many times one generated program is unmasked: each round removes one more bug's snippet.
pub const MAX_ROUNDS: usize = 3;

/// A program with the snippet behind its first difference removed.
#[derive(Debug, Clone)]
pub struct Unmasked {
    pub program: Program,
    pub source: String,
    /// What was removed, for the finding's origin: `top-level statements 12..18 and 3 that depend on them`.
    pub note: String,
}

/// The program without the snippets that can have made `divergence`'s first difference, when that
/// is an output line that the reference interpreter locates and some statements are left after the
/// removed ones (otherwise nothing was hidden behind it).
pub fn without_first_difference(program: &Program, divergence: &Trial) -> Option<Unmasked> {
    let Verdict::Diverge { first_difference: Difference::Output { index, .. } } = &divergence.verdict else {
        return None;
    };
    let snippets = program.snippets();
    let reference = divergence.outcomes.iter().find(|(engine, _)| engine == "ref").map(|(_, outcome)| outcome);
    let culprits = culprit_snippets(program, &snippets, *index, reference)?;
    let removed = snippets[culprits.start].start..snippets[culprits.end - 1].end;
    if removed.end >= program.body.len() {
        return None;
    }
    let (rest, lost) = program.without_top_level(removed.clone());
    if lost >= program.body.len() - removed.start {
        return None;
    }
    let dependents = lost - removed.len();
    let note = format!(
        "top-level statements {}..{} (the snippet{} that made the first difference) and {dependents} that depend on them removed",
        removed.start,
        removed.end,
        if culprits.len() == 1 { "" } else { "s" }
    );
    Some(Unmasked { source: rest.to_string(), program: rest, note })
}

/// Printed by the reference interpreter before each snippet when locating: no generated program
/// prints it.
const MARKER: &str = "closure-diff: snippet ";

/// The snippets after the one that printed output line `index - 1`, up to the one that printed line
/// `index`, on the reference interpreter: the difference at `index` was made in one of them (or in
/// the one before, after it printed; then the next round finds it). `None` when the reference does
/// not run the program to an end it can compare, or (when it is one of the engines) prints
/// something else before that line.
fn culprit_snippets(
    program: &Program,
    snippets: &[Range<usize>],
    index: usize,
    reference: Option<&Outcome>,
) -> Option<Range<usize>> {
    if snippets.len() < 2 {
        return None;
    }
    // One run of the program with a marker line before each snippet tells which snippet printed
    // each line. Lines printed by jobs after the script come after the last marker.
    let mut marked = Program { strict: program.strict, body: Vec::with_capacity(program.body.len() + snippets.len()) };
    for (i, snippet) in snippets.iter().enumerate() {
        marked.body.push(print(string(format!("{MARKER}{i}"))));
        marked.body.extend_from_slice(&program.body[snippet.clone()]);
    }
    let run = ReferenceEngine::default().run(&marked.to_string());
    if run.is_poisoning() {
        return None;
    }
    let mut snippet = 0;
    let mut lines = Vec::new();
    let mut printed_by = Vec::new();
    for line in &run.output {
        match line.strip_prefix(MARKER).and_then(|i| i.parse().ok()) {
            Some(i) => snippet = i,
            None => {
                lines.push(line);
                printed_by.push(snippet);
            }
        }
    }
    if reference.is_some_and(|outcome| {
        outcome.output.len() < index || outcome.output.iter().take(index).ne(lines.iter().take(index).copied())
    }) {
        return None;
    }
    // When the reference printed nothing at `index`, the difference is another engine's extra
    // output or early end, which any snippet after line `index - 1` can have made.
    let last = printed_by.get(index).map_or(snippets.len(), |&snippet| snippet + 1);
    let first = match index {
        0 => 0,
        _ => printed_by.get(index - 1).map_or(last - 1, |&snippet| snippet + 1).min(last - 1),
    };
    Some(first..last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::outcome::End;

    use generator::ir::{bin, decl, ident, num, print, BinOp, DeclKind};
    use generator::Stmt;

    /// Four snippets printing 1, 2, 3 and 4, the third reading the second's binding.
    fn program() -> Program {
        let comment = |text: &str| Stmt::Comment(format!("[{text}] snippet"));
        let body = vec![
            comment("a"),
            decl(DeclKind::Var, "a", Some(num(1))),
            print(ident("a")),
            comment("b"),
            decl(DeclKind::Let, "b", Some(num(2))),
            print(ident("b")),
            comment("c"),
            print(bin(BinOp::Add, ident("b"), num(1))),
            comment("d"),
            print(num(4)),
        ];
        Program { strict: false, body }
    }

    fn trial_with_difference_at(line: usize) -> Trial {
        let good: Vec<String> = ["1", "2", "3", "4"].map(String::from).to_vec();
        let mut bad = good.clone();
        bad[line] = "wrong".to_owned();
        let outcomes = vec![
            ("ref".to_owned(), Outcome { output: good.clone(), end: End::Ok }),
            ("boa".to_owned(), Outcome { output: bad, end: End::Ok }),
            ("quickjs".to_owned(), Outcome { output: good, end: End::Ok }),
        ];
        Trial { verdict: compare(&outcomes), outcomes }
    }

    #[test]
    fn removes_the_snippet_that_printed_the_differing_line_and_what_reads_its_bindings() {
        let unmasked = without_first_difference(&program(), &trial_with_difference_at(1)).expect("unmasked");
        let expected = "// [a] snippet\nvar a = 1;\nprint(a);\n// [c] snippet\n// [d] snippet\nprint(4);\n";
        assert_eq!(unmasked.source, expected);
        assert_eq!(
            unmasked.note,
            "top-level statements 3..6 (the snippet that made the first difference) and 1 that depend on them removed"
        );
    }

    #[test]
    fn a_difference_in_the_first_line_removes_the_first_snippet() {
        let unmasked = without_first_difference(&program(), &trial_with_difference_at(0)).expect("unmasked");
        assert!(unmasked.source.starts_with("// [b] snippet\nlet b = 2;\n"), "{}", unmasked.source);
    }

    #[test]
    fn nothing_is_located_when_the_campaigns_reference_printed_something_else() {
        let mut trial = trial_with_difference_at(2);
        for (_, outcome) in &mut trial.outcomes {
            "other".clone_into(&mut outcome.output[0]);
        }
        trial.verdict = compare(&trial.outcomes);
        assert!(without_first_difference(&program(), &trial).is_none());
    }

    #[test]
    fn nothing_is_unmasked_behind_the_last_snippet() {
        assert!(without_first_difference(&program(), &trial_with_difference_at(3)).is_none());
    }

    #[test]
    fn an_engine_ending_early_blames_the_snippets_after_the_last_common_line() {
        let mut trial = trial_with_difference_at(2);
        trial.outcomes[1].1 =
            Outcome { output: vec!["1".to_owned(), "2".to_owned()], end: End::Threw("TypeError".to_owned()) };
        trial.verdict = compare(&trial.outcomes);
        let unmasked = without_first_difference(&program(), &trial).expect("unmasked");
        // Snippet c printed line 2; b and what reads it stay.
        assert_eq!(
            unmasked.source,
            "// [a] snippet\nvar a = 1;\nprint(a);\n// [b] snippet\nlet b = 2;\nprint(b);\n// [d] snippet\nprint(4);\n"
        );
    }
}
