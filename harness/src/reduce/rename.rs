//! Rename the program's own bindings and labels to short names (`a`, `b`, ...), one name per
//! candidate.

use std::collections::BTreeSet;

use oxc_ast::ast::{
    AssignmentTargetPropertyIdentifier, BindingIdentifier, BindingProperty, Expression, IdentifierName,
    IdentifierReference, LabelIdentifier, ObjectProperty, PrivateIdentifier,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::Span;

use super::edit::{with_program, Edit};
use super::Pass;

/// Renames every occurrence (declarations, references, labels) of one name declared in the program
/// to the first short name not used anywhere in it, names in order of first declaration. Names of
/// one character, `arguments`, `eval`, `undefined`, and names written in shorthand properties
/// (`{x}`, where the name is also a property key) are kept. Property names are never touched.
#[derive(Debug, Clone, Copy)]
pub struct RenameIdentifiers;

/// Names whose meaning depends on their spelling even when the program declares them.
const KEEP: &[&str] = &["arguments", "eval", "undefined"];

impl Pass for RenameIdentifiers {
    fn name(&self) -> &'static str {
        "rename-identifiers"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        with_program(source, |program| {
            let mut names = Names::default();
            names.visit_program(program);
            let mut fresh = short_names().filter(|name| !names.used.contains(name));
            let mut edits = Vec::new();
            for declared in &names.declared {
                if declared.chars().count() <= 1
                    || KEEP.contains(&declared.as_str())
                    || names.shorthand.contains(declared)
                {
                    continue;
                }
                let Some(short) = fresh.next() else { break };
                let edit = names
                    .occurrences
                    .iter()
                    .filter(|(_, name)| name == declared)
                    .fold(Edit::empty(), |edit, (span, _)| edit.and(Edit::replace(*span, short.clone())));
                edits.push(edit);
            }
            edits
        })
        .unwrap_or_default()
    }
}

/// `a` to `z`, then `a0` to `z9`, then `a00`...: identifiers that are never reserved words.
fn short_names() -> impl Iterator<Item = String> {
    let letters = || (b'a'..=b'z').map(char::from);
    letters().map(String::from).chain((0..).flat_map(move |n: u32| {
        letters().flat_map(move |letter| {
            let width = n as usize + 1;
            (0..10u32.pow(n + 1)).map(move |number| format!("{letter}{number:0width$}"))
        })
    }))
}

#[derive(Default)]
struct Names {
    /// Declared names (bindings and labels), in order of first declaration.
    declared: Vec<String>,
    /// Every identifier-like word in the program, property names included.
    used: BTreeSet<String>,
    /// Names written in shorthand properties.
    shorthand: BTreeSet<String>,
    /// Every renamable occurrence: binding identifiers, references and labels.
    occurrences: Vec<(Span, String)>,
}

impl Names {
    fn declare(&mut self, name: &str) {
        if !self.declared.iter().any(|declared| declared == name) {
            self.declared.push(name.to_owned());
        }
    }

    fn occurrence(&mut self, span: Span, name: &str) {
        self.used.insert(name.to_owned());
        self.occurrences.push((span, name.to_owned()));
    }
}

impl<'a> Visit<'a> for Names {
    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.declare(&it.name);
        self.occurrence(it.span, &it.name);
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.occurrence(it.span, &it.name);
    }

    fn visit_label_identifier(&mut self, it: &LabelIdentifier<'a>) {
        self.declare(&it.name);
        self.occurrence(it.span, &it.name);
    }

    fn visit_identifier_name(&mut self, it: &IdentifierName<'a>) {
        self.used.insert(it.name.to_string());
    }

    fn visit_private_identifier(&mut self, it: &PrivateIdentifier<'a>) {
        self.used.insert(it.name.to_string());
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        if it.shorthand {
            if let Expression::Identifier(reference) = &it.value {
                self.shorthand.insert(reference.name.to_string());
            }
        }
        walk::walk_object_property(self, it);
    }

    fn visit_binding_property(&mut self, it: &BindingProperty<'a>) {
        if it.shorthand {
            if let Some(name) = it.key.static_name() {
                self.shorthand.insert(name.to_string());
            }
        }
        walk::walk_binding_property(self, it);
    }

    fn visit_assignment_target_property_identifier(&mut self, it: &AssignmentTargetPropertyIdentifier<'a>) {
        self.shorthand.insert(it.binding.name.to_string());
        walk::walk_assignment_target_property_identifier(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn declared_names_get_fresh_short_names_in_order() {
        let source = "function counter(start) { var value = start; return value; } print(counter(1).toString());";
        assert_eq!(
            apply_all(&RenameIdentifiers, source),
            [
                "function a(start) { var value = start; return value; } print(a(1).toString());",
                "function counter(b) { var value = b; return value; } print(counter(1).toString());",
                "function counter(start) { var c = start; return c; } print(counter(1).toString());",
            ]
        );
    }

    #[test]
    fn used_short_names_globals_properties_and_shorthands_are_respected() {
        let source = "var a = 1; var long = {b: 2}; var s = {long}; print(a, long.c);";
        // `long` is written in a shorthand; `s` is one character; `a`, `b` and `c` are taken.
        assert_eq!(apply_all(&RenameIdentifiers, source), Vec::<String>::new());
        let labels = apply_all(&RenameIdentifiers, "outer: for (;;) { break outer; }");
        assert_eq!(labels, ["a: for (;;) { break a; }"]);
    }

    #[test]
    fn short_names_are_never_reserved_and_never_repeat() {
        let names: Vec<String> = short_names().take(300).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[26], "a0");
        assert_eq!(names[36], "b0");
        assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), names.len());
    }
}
