//! Remove elements of lists that are not statements: object properties, array elements, variable
//! declarators, comma-expression operands, class members, `switch` cases and directives.

use oxc_ast::ast::{
    ArrayExpression, ClassBody, Directive, ObjectExpression, SequenceExpression, SwitchStatement, VariableDeclaration,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::edit::{delete_list_item, with_program, Edit};
use super::Pass;

/// Deletes one element at a time, last first within each list: comma-separated lists (object
/// properties, array elements, declarators of a multi-declarator `var`/`let`/`const`, operands of a
/// comma expression with at least two) lose the element with one comma; class members, `switch`
/// cases and directives (`"use strict"`) are cut out with their lines.
#[derive(Debug, Clone, Copy)]
pub struct RemoveElements;

impl Pass for RemoveElements {
    fn name(&self) -> &'static str {
        "remove-elements"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        with_program(source, |program| {
            let mut collector = Lists::default();
            collector.visit_program(program);
            let mut edits = Vec::new();
            for list in &collector.lists {
                for index in (0..list.items.len()).rev() {
                    edits.push(if list.commas {
                        delete_list_item(&list.items, index)
                    } else {
                        let item = list.items[index];
                        Edit::delete_lines(source, item.start as usize, item.end as usize)
                    });
                }
            }
            edits
        })
        .unwrap_or_default()
    }
}

struct List {
    items: Vec<Span>,
    /// Comma-separated (delete one comma with the item) or not (delete the item's lines).
    commas: bool,
}

#[derive(Default)]
struct Lists {
    lists: Vec<List>,
}

impl Lists {
    fn push(&mut self, items: Vec<Span>, commas: bool) {
        if !items.is_empty() {
            self.lists.push(List { items, commas });
        }
    }
}

impl<'a> Visit<'a> for Lists {
    fn visit_object_expression(&mut self, object: &ObjectExpression<'a>) {
        self.push(object.properties.iter().map(GetSpan::span).collect(), true);
        walk::walk_object_expression(self, object);
    }

    fn visit_array_expression(&mut self, array: &ArrayExpression<'a>) {
        self.push(array.elements.iter().map(GetSpan::span).collect(), true);
        walk::walk_array_expression(self, array);
    }

    fn visit_variable_declaration(&mut self, declaration: &VariableDeclaration<'a>) {
        if declaration.declarations.len() > 1 {
            self.push(declaration.declarations.iter().map(|declarator| declarator.span).collect(), true);
        }
        walk::walk_variable_declaration(self, declaration);
    }

    fn visit_sequence_expression(&mut self, sequence: &SequenceExpression<'a>) {
        if sequence.expressions.len() > 1 {
            self.push(sequence.expressions.iter().map(GetSpan::span).collect(), true);
        }
        walk::walk_sequence_expression(self, sequence);
    }

    fn visit_class_body(&mut self, body: &ClassBody<'a>) {
        self.push(body.body.iter().map(GetSpan::span).collect(), false);
        walk::walk_class_body(self, body);
    }

    fn visit_switch_statement(&mut self, switch: &SwitchStatement<'a>) {
        self.push(switch.cases.iter().map(|case| case.span).collect(), false);
        walk::walk_switch_statement(self, switch);
    }

    fn visit_directive(&mut self, directive: &Directive<'a>) {
        self.push(vec![directive.span], false);
        walk::walk_directive(self, directive);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn comma_lists_lose_one_element_and_one_comma() {
        assert_eq!(apply_all(&RemoveElements, "x = {a: 1, b: 2};"), ["x = {a: 1};", "x = {b: 2};"]);
        assert_eq!(apply_all(&RemoveElements, "x = [1, 2];"), ["x = [1];", "x = [2];"]);
        assert_eq!(apply_all(&RemoveElements, "var a = 1, b;"), ["var a = 1;", "var b;"]);
        assert_eq!(apply_all(&RemoveElements, "var a = 1;"), Vec::<String>::new());
    }

    #[test]
    fn members_cases_and_directives_lose_their_lines() {
        assert_eq!(
            apply_all(&RemoveElements, "class C {\n  m() {}\n  n() {}\n}"),
            ["class C {\n  m() {}\n}", "class C {\n  n() {}\n}"]
        );
        assert_eq!(apply_all(&RemoveElements, "'use strict';\nf();"), ["f();"]);
        let cases = apply_all(&RemoveElements, "switch (x) {\ncase 1: a();\ndefault: b();\n}");
        assert_eq!(cases, ["switch (x) {\ncase 1: a();\n}", "switch (x) {\ndefault: b();\n}"]);
    }
}
