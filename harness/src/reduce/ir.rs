//! Reduction on the generator's IR, before the syntax-tree passes: for a generated program the
//! campaign still has the [`Program`] it printed, and editing that keeps every candidate well
//! formed (no dangling braces, no half statements), so each engine run is spent on a real program.
//!
//! A fixpoint of three passes, each accepting a candidate as soon as it stays interesting:
//!
//! 1. **remove statements**: in every statement list (script, function and loop bodies, blocks,
//!    `try` parts, cases), chunks of halving size, whole list first (so an uninteresting function
//!    body empties in one step);
//! 2. **unwrap**: replace a compound statement (block, `if`, loop, `try`, labelled
//!    statement) by one of its bodies;
//! 3. **constants**: replace an expression by `0`, outermost first.
//!
//! What this cannot express (arguments, renaming, splitting expressions) is left to the syntax
//! passes that run on the printed result.

use std::collections::HashSet;
use std::time::Instant;

use generator::ir::Expr;
use generator::{Program, Stmt};

/// What the IR phase did.
#[derive(Debug, Clone)]
pub struct IrReduction {
    /// The smallest interesting program found.
    pub program: Program,
    /// Candidates given to the interestingness test.
    pub tried: usize,
    /// Candidates accepted.
    pub accepted: usize,
}

/// Reduces `program` (whose printed text must be interesting) with `is_interesting` on printed
/// candidates, within `max_candidates` and `deadline`.
pub fn reduce_program(
    program: &Program,
    is_interesting: &dyn Fn(&str) -> bool,
    max_candidates: usize,
    deadline: Option<Instant>,
) -> IrReduction {
    let mut state = State {
        current: program.clone(),
        seen: HashSet::from([program.to_string()]),
        tried: 0,
        accepted: 0,
        max_candidates,
        deadline,
    };
    loop {
        let before = state.accepted;
        state.run(remove_statements, is_interesting);
        state.run(unwrap_statements, is_interesting);
        state.run(zero_expressions, is_interesting);
        if state.accepted == before || state.out_of_budget() {
            break;
        }
    }
    IrReduction { program: state.current, tried: state.tried, accepted: state.accepted }
}

struct State {
    current: Program,
    /// Printed candidates already judged (or the current program), so none is judged twice.
    seen: HashSet<String>,
    tried: usize,
    accepted: usize,
    max_candidates: usize,
    deadline: Option<Instant>,
}

/// A pass: the `k`-th candidate it makes from a program, `None` past the last one.
type Pass = fn(&Program, usize) -> Option<Program>;

impl State {
    fn out_of_budget(&self) -> bool {
        self.tried >= self.max_candidates || self.deadline.is_some_and(|deadline| Instant::now() >= deadline)
    }

    /// Tries the pass's candidates in order; after an accepted one, continues at the same index of
    /// the new program's candidates (what followed the removed part now sits there).
    fn run(&mut self, pass: Pass, is_interesting: &dyn Fn(&str) -> bool) {
        let mut k = 0;
        while let Some(candidate) = pass(&self.current, k) {
            if self.out_of_budget() {
                return;
            }
            let text = candidate.to_string();
            if self.seen.insert(text.clone()) {
                self.tried += 1;
                if is_interesting(&text) {
                    self.current = candidate;
                    self.accepted += 1;
                    continue;
                }
            }
            k += 1;
        }
    }
}

/// The lengths of the statement lists of `program`, in walk order.
fn bodies(program: &Program) -> Vec<usize> {
    let mut lengths = Vec::new();
    program.clone().for_each_body_mut(&mut |body| lengths.push(body.len()));
    lengths
}

/// `program` with `edit` applied to its `target`-th statement list.
fn edit_body(program: &Program, target: usize, edit: &mut dyn FnMut(&mut Vec<Stmt>)) -> Program {
    let mut candidate = program.clone();
    let mut index = 0;
    candidate.for_each_body_mut(&mut |body| {
        if index == target {
            edit(body);
        }
        index += 1;
    });
    candidate
}

/// Candidate `k` of "remove a chunk": for each list, chunks of size len, len/2, ..., 1.
fn remove_statements(program: &Program, mut k: usize) -> Option<Program> {
    for (body, len) in bodies(program).into_iter().enumerate() {
        let mut size = len;
        while size > 0 {
            let chunks = len.div_ceil(size);
            if k < chunks {
                let start = k * size;
                let end = (start + size).min(len);
                return Some(edit_body(program, body, &mut |stmts| {
                    stmts.drain(start..end);
                }));
            }
            k -= chunks;
            size /= 2;
        }
    }
    None
}

/// The statement lists a compound statement can be replaced by.
fn inner_bodies(stmt: &Stmt) -> Vec<Vec<Stmt>> {
    match stmt {
        Stmt::Block(body)
        | Stmt::For { body, .. }
        | Stmt::ForIn { body, .. }
        | Stmt::ForOf { body, .. }
        | Stmt::While(_, body)
        | Stmt::DoWhile(body, _) => vec![body.clone()],
        Stmt::If(_, then, otherwise) => std::iter::once(then.clone()).chain(otherwise.clone()).collect(),
        Stmt::Try { block, handler, finalizer } => std::iter::once(block.clone())
            .chain(handler.as_ref().map(|handler| handler.body.clone()))
            .chain(finalizer.clone())
            .collect(),
        Stmt::Labeled(_, inner) => vec![vec![(**inner).clone()]],
        _ => Vec::new(),
    }
}

/// Candidate `k` of "unwrap": each compound statement replaced by each of its bodies.
fn unwrap_statements(program: &Program, mut k: usize) -> Option<Program> {
    let mut lists = Vec::new();
    program.clone().for_each_body_mut(&mut |body| lists.push(body.iter().map(inner_bodies).collect::<Vec<_>>()));
    for (body, statements) in lists.into_iter().enumerate() {
        for (at, replacements) in statements.into_iter().enumerate() {
            if k < replacements.len() {
                let replacement = replacements[k].clone();
                return Some(edit_body(program, body, &mut |stmts| {
                    stmts.splice(at..=at, replacement.clone());
                }));
            }
            k -= replacements.len();
        }
    }
    None
}

/// Candidate `k` of "constants": the `k`-th expression (outermost first) that is not already a
/// number, replaced by `0`.
fn zero_expressions(program: &Program, k: usize) -> Option<Program> {
    let mut candidate = program.clone();
    let mut index = 0;
    let mut replaced = false;
    candidate.for_each_expr_mut(&mut |expr| {
        if matches!(expr, Expr::Num(_)) {
            return;
        }
        if index == k && !replaced {
            *expr = Expr::Num(0);
            replaced = true;
        }
        index += 1;
    });
    replaced.then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use generator::{Config, Size};

    fn program() -> Program {
        Program::from_seed(11, &Config::sized(Size::Small))
    }

    #[test]
    fn every_pass_makes_printable_candidates_and_ends() {
        let program = program();
        for pass in [remove_statements as Pass, unwrap_statements, zero_expressions] {
            let mut k = 0;
            while let Some(candidate) = pass(&program, k) {
                assert_ne!(candidate, program, "candidate {k} changes something");
                k += 1;
                assert!(k < 100_000, "a pass must run out of candidates");
            }
        }
        let removals =
            std::iter::successors(Some(0), |k| Some(k + 1)).take_while(|&k| remove_statements(&program, k).is_some());
        assert!(removals.count() >= program.body.len(), "at least one candidate per top-level statement");
    }

    #[test]
    fn a_print_of_a_marker_reduces_to_the_statements_that_print_it() {
        let mut program = program();
        // Interesting: the printed program still calls print with the string "needle".
        program
            .body
            .push(Stmt::Expr(Expr::Call(Box::new(Expr::Ident("print".into())), vec![Expr::Str("needle".into())])));
        let interesting = |text: &str| text.contains("print(\"needle\")");
        let reduced = reduce_program(&program, &interesting, 10_000, None);
        assert_eq!(reduced.program.to_string().trim(), "print(\"needle\");");
        assert!(reduced.accepted >= 1 && reduced.tried >= reduced.accepted);
    }
}
