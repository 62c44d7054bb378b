//! Remove function parameters and call arguments, one at a time.

use oxc_ast::ast::{CallExpression, FormalParameters, NewExpression};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::edit::{delete_list_item, with_program, Edit};
use super::Pass;

/// Deletes one parameter of a function or arrow (the rest parameter included), or one argument of
/// a call or `new`, with its comma. Within each list the last item goes first, so that removing it
/// shifts nothing else.
#[derive(Debug, Clone, Copy)]
pub struct RemoveArguments;

impl Pass for RemoveArguments {
    fn name(&self) -> &'static str {
        "remove-arguments"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        with_program(source, |program| {
            let mut collector = Lists::default();
            collector.visit_program(program);
            collector
                .lists
                .iter()
                .flat_map(|items| (0..items.len()).rev().map(move |index| delete_list_item(items, index)))
                .collect()
        })
        .unwrap_or_default()
    }
}

#[derive(Default)]
struct Lists {
    lists: Vec<Vec<Span>>,
}

impl Lists {
    fn push(&mut self, items: Vec<Span>) {
        if !items.is_empty() {
            self.lists.push(items);
        }
    }
}

impl<'a> Visit<'a> for Lists {
    fn visit_formal_parameters(&mut self, params: &FormalParameters<'a>) {
        let mut items: Vec<Span> = params.items.iter().map(|param| param.span).collect();
        items.extend(params.rest.iter().map(|rest| rest.span));
        self.push(items);
        walk::walk_formal_parameters(self, params);
    }

    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        self.push(call.arguments.iter().map(GetSpan::span).collect());
        walk::walk_call_expression(self, call);
    }

    fn visit_new_expression(&mut self, new: &NewExpression<'a>) {
        self.push(new.arguments.iter().map(GetSpan::span).collect());
        walk::walk_new_expression(self, new);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn parameters_and_arguments_go_one_at_a_time_last_first() {
        assert_eq!(
            apply_all(&RemoveArguments, "function f(a, b) {} f(1, 2);"),
            [
                "function f(a) {} f(1, 2);",
                "function f(b) {} f(1, 2);",
                "function f(a, b) {} f(1);",
                "function f(a, b) {} f(2);"
            ]
        );
        assert_eq!(apply_all(&RemoveArguments, "((x, ...r) => r)"), ["((x) => r)", "((...r) => r)"]);
        assert_eq!(apply_all(&RemoveArguments, "new C(g(1))"), ["new C()", "new C(g())"]);
    }
}
