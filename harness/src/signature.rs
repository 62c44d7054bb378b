//! Divergence signatures: a short, stable name for "this kind of divergence in this kind of program",
//! used to deduplicate findings and to name their directories.
//!
//! A [`Signature`] has two halves:
//!
//! - the [`DivergenceClass`]: *who* disagrees and *how*. The engines blamed (those outside the
//!   majority when there is one, otherwise every engine, sorted; with two engines always the pair)
//!   and the [`DivergenceKind`]: a differing output line (noting which engines' output had already
//!   ended there) or, with identical output, differing ends (each engine's status or error name, such
//!   as `ok` or `threw TypeError`; never messages or crash details, which vary between builds). The
//!   reducer keeps this half fixed: a candidate is interesting only if its class is exactly the
//!   original's.
//! - the **shape** of the program: a hash of the sequence of its syntax node kinds in source order,
//!   with identifiers, literal values and comments left out but operators, declaration kinds
//!   (`var`/`let`/`const`), function kinds (async, generator) and directives kept. Two programs that
//!   differ only in names, numbers, strings or layout have the same shape. Computed on the *reduced*
//!   program, it separates unrelated bugs that happen to diverge in the same way.
//!
//! [`Signature::id`] renders both as a filesystem-safe directory name such as
//! `boa+ref-output-3f9a1c2e`: the blamed engines joined by `+`, the kind (`output` or `end`), and
//! eight hex digits of a 64-bit FNV-1a hash over the whole signature.
//!
//! Guarantees: a signature depends only on the engines' outcomes and the program text, never on
//! the run, the process or the machine (FNV-1a is fixed; no randomly seeded hasher is involved).
//! Shapes depend on `oxc`'s node kinds, so a change of the pinned `oxc` version may rename
//! signatures; the test `shape_hash_is_pinned` notices it.

use std::collections::BTreeMap;
use std::fmt;

use oxc_allocator::Allocator;
use oxc_ast::ast::{Directive, Function, VariableDeclaration, VariableDeclarationKind};
use oxc_ast::AstKind;
use oxc_ast_visit::Visit;
use oxc_span::SourceType;
use serde::{Deserialize, Serialize};

use crate::compare::{Difference, Verdict};
use crate::outcome::End;
use crate::trial::Trial;

/// Who disagrees and how: a [`Signature`] without the program's shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DivergenceClass {
    /// The blamed engines, sorted by name: those outside a strict majority, or every engine when
    /// there is none (always both with two engines).
    pub engines: Vec<String>,
    /// What differs.
    #[serde(flatten)]
    pub kind: DivergenceKind,
}

/// What differs between the engines' outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DivergenceKind {
    /// The first difference is an output line.
    Output {
        /// The engines (sorted) whose output had already ended at that line, e.g. because they
        /// threw before printing it; empty when every engine printed something different.
        ended: Vec<String>,
    },
    /// Output and ends agree; the blamed engines collected an object that a live closure can still
    /// reach (see [`crate::lifetime`]).
    Lifetime,
    /// The output is identical; the ends differ.
    End {
        /// Each engine's end: `ok`, `threw NAME`, `syntax-error` or `crashed` (details dropped).
        ends: BTreeMap<String, String>,
    },
}

/// A divergence's signature: its [`DivergenceClass`] and the shape of the program it was seen in.
/// See the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Signature {
    /// Who disagrees and how.
    #[serde(flatten)]
    pub class: DivergenceClass,
    /// The program's shape hash, 16 hex digits (see [`shape`]).
    pub shape: String,
}

impl DivergenceClass {
    /// The class of `trial`'s divergence, or `None` when the trial agrees or is poisoned.
    pub fn of(trial: &Trial) -> Option<DivergenceClass> {
        let Verdict::Diverge { first_difference } = &trial.verdict else { return None };
        let (groups, kind) = match first_difference {
            Difference::Output { lines, .. } => {
                let mut ended: Vec<String> =
                    lines.iter().filter(|(_, line)| line.is_none()).map(|(engine, _)| engine.clone()).collect();
                ended.sort();
                let groups: Vec<(&str, Option<&str>)> =
                    lines.iter().map(|(engine, line)| (engine.as_str(), line.as_deref())).collect();
                (blame(&groups), DivergenceKind::Output { ended })
            }
            Difference::End { ends } => {
                let labels: Vec<(&str, String)> =
                    ends.iter().map(|(engine, end)| (engine.as_str(), label(end))).collect();
                let groups: Vec<(&str, &str)> = labels.iter().map(|(engine, end)| (*engine, end.as_str())).collect();
                let ends = labels.iter().map(|(engine, end)| ((*engine).to_owned(), end.clone())).collect();
                (blame(&groups), DivergenceKind::End { ends })
            }
            Difference::Lifetime { premature } => {
                let mut engines: Vec<String> = premature.iter().map(|collection| collection.engine.clone()).collect();
                engines.sort();
                engines.dedup();
                (engines, DivergenceKind::Lifetime)
            }
        };
        Some(DivergenceClass { engines: groups, kind })
    }

    /// `output` or `end`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            DivergenceKind::Output { .. } => "output",
            DivergenceKind::End { .. } => "end",
            DivergenceKind::Lifetime => "lifetime",
        }
    }

    /// The canonical text hashed into [`Signature::id`]; one line, stable.
    fn canonical(&self) -> String {
        let mut text = format!("{}|{}", self.engines.join("+"), self.kind_name());
        match &self.kind {
            DivergenceKind::Output { ended } => text.push_str(&format!("|ended={}", ended.join("+"))),
            DivergenceKind::End { ends } => {
                for (engine, end) in ends {
                    text.push_str(&format!("|{engine}={end}"));
                }
            }
            DivergenceKind::Lifetime => {}
        }
        text
    }
}

impl fmt::Display for DivergenceClass {
    /// `boa+ref output`, `boa+ref output (ended: boa)`, `boa+ref end (boa: threw TypeError, ref: ok)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.engines.join("+"), self.kind_name())?;
        match &self.kind {
            DivergenceKind::Output { ended } if ended.is_empty() => Ok(()),
            DivergenceKind::Lifetime => f.write_str(" (collected a live object)"),
            DivergenceKind::Output { ended } => write!(f, " (ended: {})", ended.join(", ")),
            DivergenceKind::End { ends } => {
                let ends: Vec<String> = ends.iter().map(|(engine, end)| format!("{engine}: {end}")).collect();
                write!(f, " ({})", ends.join(", "))
            }
        }
    }
}

impl Signature {
    /// The signature of `trial`, a run of `source`; `None` when the trial agrees or is poisoned.
    /// Give the *reduced* program so that the shape says what the bug needs, not what the
    /// generator happened to wrap around it.
    pub fn of(trial: &Trial, source: &str) -> Option<Signature> {
        DivergenceClass::of(trial).map(|class| Signature::new(class, source))
    }

    /// The signature of a divergence of `class` seen in `source`.
    pub fn new(class: DivergenceClass, source: &str) -> Signature {
        Signature { class, shape: shape(source) }
    }

    /// True when `other` has the same [`DivergenceClass`], whatever its shape.
    pub fn same_class(&self, other: &Signature) -> bool {
        self.class == other.class
    }

    /// 64-bit FNV-1a over the class and the shape.
    pub fn hash64(&self) -> u64 {
        fnv1a64(format!("{}|shape={}", self.class.canonical(), self.shape).as_bytes())
    }

    /// The filesystem-safe name, e.g. `boa+ref-output-3f9a1c2e`: blamed engines joined by `+`, the
    /// kind, and the first eight hex digits of [`Signature::hash64`]. Only `[a-z0-9+_-]` appear
    /// (other characters of engine names become `_`).
    pub fn id(&self) -> String {
        let engines: Vec<String> = self.class.engines.iter().map(|engine| safe(engine)).collect();
        format!("{}-{}-{:08x}", engines.join("+"), self.class.kind_name(), self.hash64() >> 32)
    }
}

impl fmt::Display for Signature {
    /// The [`Signature::id`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// The engines outside the unique largest group, or every engine when no group is strictly largest.
/// Always sorted.
pub(crate) fn blame<K: PartialEq>(engines: &[(&str, K)]) -> Vec<String> {
    let size = |key: &K| engines.iter().filter(|(_, other)| other == key).count();
    let sizes: Vec<usize> = engines.iter().map(|(_, key)| size(key)).collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let majority: Vec<&K> =
        engines.iter().zip(&sizes).filter(|(_, size)| **size == largest).map(|((_, key), _)| key).collect();
    let unique = majority.iter().all(|key| *key == majority[0]) && largest > 1;
    let mut blamed: Vec<String> = engines
        .iter()
        .filter(|(_, key)| !unique || key != majority[0])
        .map(|(engine, _)| (*engine).to_owned())
        .collect();
    blamed.sort();
    blamed
}

/// An end as the signature sees it: status, plus the error name for a throw.
fn label(end: &End) -> String {
    match end {
        End::Threw(name) => format!("threw {name}"),
        other => other.status().to_owned(),
    }
}

fn safe(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' { c } else { '_' })
        .collect()
}

/// 64-bit FNV-1a: tiny, fixed, and the same on every machine.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(PRIME))
}

/// The shape hash of `source` as 16 hex digits: FNV-1a of [`shape_text`]. A source `oxc` cannot
/// parse as a script gets the hash of its whitespace-normalised text instead, marked as such.
pub fn shape(source: &str) -> String {
    let text = shape_text(source)
        .unwrap_or_else(|| format!("unparsed {}", source.split_whitespace().collect::<Vec<_>>().join(" ")));
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The node kinds of `source` in source order, space-separated, with names and literal values left
/// out (`Program ExpressionStatement CallExpression IdentifierReference NumericLiteral`), or `None`
/// when `oxc` cannot parse it as a script.
pub fn shape_text(source: &str) -> Option<String> {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return None;
    }
    let mut collector = ShapeCollector { text: String::new() };
    collector.visit_program(&parsed.program);
    Some(collector.text)
}

struct ShapeCollector {
    text: String,
}

impl<'a> Visit<'a> for ShapeCollector {
    fn enter_node(&mut self, kind: AstKind<'a>) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(&format!("{:?}", kind.ty()));
        let detail = match kind {
            AstKind::BinaryExpression(it) => Some(it.operator.as_str()),
            AstKind::LogicalExpression(it) => Some(it.operator.as_str()),
            AstKind::UnaryExpression(it) => Some(it.operator.as_str()),
            AstKind::UpdateExpression(it) => Some(it.operator.as_str()),
            AstKind::AssignmentExpression(it) => Some(it.operator.as_str()),
            AstKind::VariableDeclaration(VariableDeclaration { kind, .. }) => Some(declaration_kind(*kind)),
            AstKind::Function(Function { r#async, generator, .. }) => match (r#async, generator) {
                (false, false) => None,
                (true, false) => Some("async"),
                (false, true) => Some("generator"),
                (true, true) => Some("async-generator"),
            },
            AstKind::ArrowFunctionExpression(it) if it.r#async => Some("async"),
            AstKind::Directive(Directive { directive, .. }) => Some(directive.as_str()),
            _ => None,
        };
        if let Some(detail) = detail {
            self.text.push('(');
            self.text.push_str(detail);
            self.text.push(')');
        }
    }
}

fn declaration_kind(kind: VariableDeclarationKind) -> &'static str {
    match kind {
        VariableDeclarationKind::Var => "var",
        VariableDeclarationKind::Let => "let",
        VariableDeclarationKind::Const => "const",
        VariableDeclarationKind::Using => "using",
        VariableDeclarationKind::AwaitUsing => "await-using",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Outcome;

    fn trial(outcomes: &[(&str, &[&str], End)]) -> Trial {
        let outcomes: Vec<(String, Outcome)> = outcomes
            .iter()
            .map(|(engine, lines, end)| {
                let output = lines.iter().map(|line| (*line).to_owned()).collect();
                ((*engine).to_owned(), Outcome { output, end: end.clone() })
            })
            .collect();
        Trial::from_outcomes(outcomes)
    }

    #[test]
    fn agreement_and_poison_have_no_signature() {
        let agree = trial(&[("ref", &["1"], End::Ok), ("boa", &["1"], End::Ok)]);
        assert_eq!(Signature::of(&agree, "print(1)"), None);
        let poisoned = trial(&[("ref", &["1"], End::Ok), ("boa", &[], End::Exhausted("fuel".into()))]);
        assert_eq!(DivergenceClass::of(&poisoned), None);
    }

    #[test]
    fn two_engines_are_blamed_as_a_sorted_pair() {
        let diverging = trial(&[("ref", &["5e-324"], End::Ok), ("boa", &["0"], End::Ok)]);
        let signature = Signature::of(&diverging, "print(2**-1074)").expect("diverges");
        assert_eq!(signature.class.engines, ["boa", "ref"]);
        assert_eq!(signature.class.kind, DivergenceKind::Output { ended: vec![] });
        assert!(signature.id().starts_with("boa+ref-output-"), "{}", signature.id());
        assert_eq!(signature.class.to_string(), "boa+ref output");
    }

    #[test]
    fn with_three_engines_the_minority_is_blamed() {
        let diverging = trial(&[("ref", &["1"], End::Ok), ("boa", &["2"], End::Ok), ("qjs", &["1"], End::Ok)]);
        assert_eq!(DivergenceClass::of(&diverging).expect("diverges").engines, ["boa"]);
        let all_differ = trial(&[("ref", &["1"], End::Ok), ("boa", &["2"], End::Ok), ("qjs", &["3"], End::Ok)]);
        assert_eq!(DivergenceClass::of(&all_differ).expect("diverges").engines, ["boa", "qjs", "ref"]);
        let ends = trial(&[
            ("ref", &[], End::Threw("ReferenceError".into())),
            ("boa", &[], End::Threw("TypeError".into())),
            ("qjs", &[], End::Threw("ReferenceError".into())),
        ]);
        let class = DivergenceClass::of(&ends).expect("diverges");
        assert_eq!(class.engines, ["boa"]);
        assert_eq!(
            class.to_string(),
            "boa end (boa: threw TypeError, qjs: threw ReferenceError, ref: threw ReferenceError)"
        );
    }

    #[test]
    fn ends_keep_statuses_and_error_names_but_not_details() {
        let a = trial(&[("ref", &[], End::Ok), ("boa", &[], End::Crashed("panicked at x.rs:1".into()))]);
        let b = trial(&[("ref", &[], End::Ok), ("boa", &[], End::Crashed("panicked at x.rs:2".into()))]);
        let class = DivergenceClass::of(&a).expect("diverges");
        assert_eq!(class, DivergenceClass::of(&b).expect("diverges"));
        let DivergenceKind::End { ends } = &class.kind else { panic!("an end difference") };
        assert_eq!(ends.get("boa").map(String::as_str), Some("crashed"));
        let threw = trial(&[("ref", &[], End::Threw("TypeError".into())), ("boa", &[], End::Ok)]);
        assert_ne!(DivergenceClass::of(&threw), Some(class));
    }

    #[test]
    fn output_kinds_note_engines_whose_output_ended() {
        let stopped = trial(&[("ref", &["1", "2"], End::Ok), ("boa", &["1"], End::Threw("TypeError".into()))]);
        let class = DivergenceClass::of(&stopped).expect("diverges");
        assert_eq!(class.kind, DivergenceKind::Output { ended: vec!["boa".into()] });
        assert_eq!(class.to_string(), "boa+ref output (ended: boa)");
        let different = trial(&[("ref", &["1", "2"], End::Ok), ("boa", &["1", "3"], End::Ok)]);
        assert_ne!(DivergenceClass::of(&different), Some(class));
    }

    #[test]
    fn shapes_ignore_names_literals_and_layout_but_not_structure() {
        let base = shape("function f(a) { var x = a + 1; return x; }\nprint(f(2));");
        let renamed = shape("function g(b){var y=b+7;return y}  // a comment\nprint(g(0x10))");
        assert_eq!(base, renamed);
        assert_ne!(base, shape("function f(a) { let x = a + 1; return x; }\nprint(f(2));"));
        assert_ne!(base, shape("function f(a) { var x = a - 1; return x; }\nprint(f(2));"));
        assert_ne!(base, shape("function f(a) { var x = a + 1; return x; }\nprint(f(2), 3);"));
        assert_ne!(base, shape("function f(a) { var x = a + 1; return x; }\nprint(f('2'));"), "literal kinds count");
        assert_eq!(shape("print(1)").len(), 16);
        assert_eq!(
            shape_text("let a = -b;").as_deref(),
            Some("Program VariableDeclaration(let) VariableDeclarator BindingIdentifier UnaryExpression(-) IdentifierReference")
        );
    }

    #[test]
    fn unparseable_sources_still_get_a_stable_shape() {
        assert_eq!(shape_text("let let = ;"), None);
        assert_eq!(shape("let let = ;"), shape("let   let =\n;"));
        assert_ne!(shape("let let = ;"), shape("var var = ;"));
    }

    #[test]
    fn shape_hash_is_pinned() {
        // FNV-1a is fixed: these values must never change between runs or machines. If this fails
        // after an `oxc` upgrade, node kinds were renamed and existing finding names change too.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        let text = shape_text("print(1)").expect("parses");
        assert_eq!(text, "Program ExpressionStatement CallExpression IdentifierReference NumericLiteral");
        assert_eq!(shape("print(1)"), format!("{:016x}", fnv1a64(text.as_bytes())));
    }

    #[test]
    fn ids_are_filesystem_safe_and_depend_on_everything() {
        let diverging = trial(&[("ref", &["1"], End::Ok), ("Bo A/x", &["2"], End::Ok)]);
        let signature = Signature::of(&diverging, "print(1)").expect("diverges");
        let id = signature.id();
        assert!(id.starts_with("_o___x+ref-output-"), "{id}");
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+_-".contains(c)), "{id}");
        assert_eq!(id.len(), "_o___x+ref-output-".len() + 8);
        let other_shape = Signature::of(&diverging, "print(1, 2)").expect("diverges");
        assert!(signature.same_class(&other_shape));
        assert_ne!(signature.id(), other_shape.id());
        assert_eq!(signature.id(), Signature::of(&diverging, "print( 7 )").expect("diverges").id());
    }

    #[test]
    fn signatures_round_trip_through_json() {
        let diverging = trial(&[("ref", &[], End::Threw("ReferenceError".into())), ("boa", &[], End::Ok)]);
        let signature = Signature::of(&diverging, "x").expect("diverges");
        let json = serde_json::to_value(&signature).expect("serialise");
        assert_eq!(json["kind"], "end");
        assert_eq!(json["engines"], serde_json::json!(["boa", "ref"]));
        assert_eq!(json["ends"], serde_json::json!({"boa": "ok", "ref": "threw ReferenceError"}));
        let back: Signature = serde_json::from_value(json).expect("deserialise");
        assert_eq!(back, signature);
    }
}
