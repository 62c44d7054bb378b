//! Prints the IR as readable, indented JavaScript (two spaces per level).
//!
//! Parentheses come from operator precedence, plus a few always-on ones for readability and for the
//! places where JavaScript's grammar needs them (`??` mixed with `&&`/`||`, a statement starting with
//! `function` or `{`, an arrow returning an object literal, a function expression being called).

use std::fmt;

use crate::ir::*;

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&print_program(self))
    }
}

/// The program as JavaScript source text, ending in a newline.
pub fn print_program(p: &Program) -> String {
    // Generated programs are a few kilobytes: one allocation up front instead of a dozen doublings.
    let mut pr = Printer { out: String::with_capacity(16 * 1024), indent: 0 };
    if p.strict {
        pr.line("\"use strict\";");
    }
    pr.stmts(&p.body);
    pr.out
}

/// One expression as source text (on one line unless it contains functions).
pub fn print_expr(e: &Expr) -> String {
    let mut pr = Printer { out: String::new(), indent: 0 };
    pr.expr(e, 0);
    pr.out
}

struct Printer {
    out: String,
    indent: usize,
}

const SEQ: u8 = 1;
const ASSIGN: u8 = 2;
const COND: u8 = 3;
const OR: u8 = 4;
const AND: u8 = 5;
const EQUALITY: u8 = 9;
const RELATIONAL: u8 = 10;
const ADDITIVE: u8 = 12;
const MULTIPLICATIVE: u8 = 13;
const EXPONENT: u8 = 14;
const UNARY: u8 = 15;
const POSTFIX: u8 = 16;
const CALL: u8 = 17;
const PRIMARY: u8 = 20;

fn bin_prec(op: BinOp) -> u8 {
    match op {
        BinOp::Nullish | BinOp::Or => OR,
        BinOp::And => AND,
        BinOp::StrictEq | BinOp::StrictNe | BinOp::Eq | BinOp::Ne => EQUALITY,
        BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge | BinOp::In | BinOp::Instanceof => RELATIONAL,
        BinOp::Add | BinOp::Sub => ADDITIVE,
        BinOp::Mul | BinOp::Rem => MULTIPLICATIVE,
        BinOp::Exp => EXPONENT,
    }
}

fn bin_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Rem => "%",
        BinOp::Exp => "**",
        BinOp::Lt => "<",
        BinOp::Gt => ">",
        BinOp::Le => "<=",
        BinOp::Ge => ">=",
        BinOp::StrictEq => "===",
        BinOp::StrictNe => "!==",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::In => "in",
        BinOp::Instanceof => "instanceof",
        BinOp::And => "&&",
        BinOp::Or => "||",
        BinOp::Nullish => "??",
    }
}

fn assign_text(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Assign => "=",
        AssignOp::Add => "+=",
        AssignOp::Sub => "-=",
        AssignOp::Mul => "*=",
        AssignOp::Nullish => "??=",
        AssignOp::Or => "||=",
        AssignOp::And => "&&=",
    }
}

fn prec(e: &Expr) -> u8 {
    match e {
        Expr::Num(n) if *n < 0 => UNARY,
        Expr::Num(_)
        | Expr::Str(_)
        | Expr::Bool(_)
        | Expr::Null
        | Expr::Undefined
        | Expr::Ident(_)
        | Expr::This
        | Expr::Object(_)
        | Expr::Array(_)
        | Expr::Template(..)
        | Expr::Super
        | Expr::NewTarget
        | Expr::PrivateName(_)
        | Expr::Class(_) => PRIMARY,
        Expr::Function(f) if f.kind == FunctionKind::Arrow => ASSIGN,
        Expr::Function(_) => PRIMARY,
        Expr::Yield { .. } => ASSIGN,
        Expr::Await(_) => UNARY,
        Expr::Seq(_) => SEQ,
        Expr::Assign(..) => ASSIGN,
        Expr::Cond(..) => COND,
        Expr::Binary(op, ..) => bin_prec(*op),
        Expr::Unary(..) => UNARY,
        Expr::Update { prefix: true, .. } => UNARY,
        Expr::Update { prefix: false, .. } => POSTFIX,
        Expr::Call(..)
        | Expr::New(..)
        | Expr::Member(..)
        | Expr::OptMember(..)
        | Expr::Index(..)
        | Expr::TaggedTemplate(..) => CALL,
    }
}

fn is_logical(e: &Expr) -> bool {
    matches!(e, Expr::Binary(BinOp::And | BinOp::Or | BinOp::Nullish, ..))
}

fn has_function(e: &Expr) -> bool {
    match e {
        Expr::Function(_) | Expr::Class(_) => true,
        Expr::Object(props) => props.iter().any(|p| match p {
            Prop::Method(..) => true,
            Prop::Init(_, v) => has_function(v),
        }),
        // A function element may be wrapped (`[(0, f)]`, see `Construct::FunctionElements`).
        Expr::Array(xs) => xs.iter().any(|x| match x {
            Expr::Seq(parts) => parts.iter().any(has_function),
            x => has_function(x),
        }),
        _ => false,
    }
}

impl Printer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    /// An operator with a space on each side.
    fn spaced(&mut self, op: &str) {
        self.out.push(' ');
        self.out.push_str(op);
        self.out.push(' ');
    }

    /// An integer literal.
    fn number(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        let mut digits = [0u8; 20];
        for &d in crate::name::decimal(n.unsigned_abs(), &mut digits) {
            self.out.push(char::from(d));
        }
    }

    fn line(&mut self, text: &str) {
        self.pad();
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// `{`, the indented statements, and the closing `}` at the current indentation, with no newline.
    fn block(&mut self, stmts: &[Stmt]) {
        self.block_after(None, stmts);
    }

    /// [`Printer::block`] with `first` (a directive) as the block's first line.
    fn block_after(&mut self, first: Option<&str>, stmts: &[Stmt]) {
        if first.is_none() && stmts.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        if let Some(line) = first {
            self.line(line);
        }
        self.stmts(stmts);
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn stmt(&mut self, s: &Stmt) {
        self.pad();
        self.stmt_inline(s);
        self.out.push('\n');
    }

    /// A statement starting at the current position (indentation already written), without the final
    /// newline.
    fn stmt_inline(&mut self, s: &Stmt) {
        match s {
            Stmt::Comment(text) => {
                self.out.push_str("// ");
                for (i, part) in text.split('\n').enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.out.push_str(part);
                }
            }
            Stmt::Decl(kind, ds) => {
                self.decl(*kind, ds);
                self.out.push(';');
            }
            Stmt::Destructure(kind, pattern, init) => {
                self.destructure(*kind, pattern, init);
                self.out.push(';');
            }
            Stmt::Function(f) => self.function(f),
            Stmt::Expr(e) => {
                let start = self.out.len();
                self.expr(e, SEQ);
                let text = &self.out[start..];
                if text.starts_with("function")
                    || text.starts_with('{')
                    || text.starts_with("let[")
                    || text.starts_with("class")
                    || text.starts_with("async function")
                {
                    self.out.insert(start, '(');
                    self.out.push(')');
                }
                self.out.push(';');
            }
            Stmt::Print(e) => {
                self.out.push_str("print");
                self.args(std::slice::from_ref(e));
                self.out.push(';');
            }
            Stmt::Return(e) => {
                self.out.push_str("return");
                if let Some(e) = e {
                    self.out.push(' ');
                    self.expr(e, SEQ);
                }
                self.out.push(';');
            }
            Stmt::If(c, a, b) => {
                self.out.push_str("if (");
                self.expr(c, SEQ);
                self.out.push_str(") ");
                self.block(a);
                if let Some(b) = b {
                    self.out.push_str(" else ");
                    self.block(b);
                }
            }
            Stmt::Block(b) => self.block(b),
            Stmt::For { init, test, update, body } => {
                self.out.push_str("for (");
                match init {
                    Some(ForInit::Decl(kind, ds)) => self.decl(*kind, ds),
                    Some(ForInit::Destructure(kind, p, e)) => self.destructure(*kind, p, e),
                    Some(ForInit::Expr(e)) => self.expr(e, SEQ),
                    None => {}
                }
                self.out.push(';');
                if let Some(t) = test {
                    self.out.push(' ');
                    self.expr(t, SEQ);
                }
                self.out.push(';');
                if let Some(u) = update {
                    self.out.push(' ');
                    self.expr(u, SEQ);
                }
                self.out.push_str(") ");
                self.block(body);
            }
            Stmt::ForIn { decl, name, object: e, body } => {
                self.for_each(false, *decl, &Pattern::Name(*name), " in ", e, body)
            }
            Stmt::ForOf { is_await, decl, target, iterable: e, body } => {
                self.for_each(*is_await, *decl, target, " of ", e, body)
            }
            Stmt::While(c, b) => {
                self.out.push_str("while (");
                self.expr(c, SEQ);
                self.out.push_str(") ");
                self.block(b);
            }
            Stmt::DoWhile(b, c) => {
                self.out.push_str("do ");
                self.block(b);
                self.out.push_str(" while (");
                self.expr(c, SEQ);
                self.out.push_str(");");
            }
            Stmt::Try { block, handler, finalizer } => {
                self.out.push_str("try ");
                self.block(block);
                if let Some(h) = handler {
                    match &h.param {
                        Some(p) => {
                            self.out.push_str(" catch (");
                            self.pattern(p);
                            self.out.push_str(") ");
                        }
                        None => self.out.push_str(" catch "),
                    }
                    self.block(&h.body);
                }
                if let Some(f) = finalizer {
                    self.out.push_str(" finally ");
                    self.block(f);
                }
            }
            Stmt::Throw(e) => {
                self.out.push_str("throw ");
                self.expr(e, SEQ);
                self.out.push(';');
            }
            Stmt::Break(l) | Stmt::Continue(l) => {
                self.out.push_str(if matches!(s, Stmt::Break(_)) { "break" } else { "continue" });
                if let Some(l) = l {
                    self.out.push(' ');
                    self.out.push_str(l);
                }
                self.out.push(';');
            }
            Stmt::Switch(d, cases) => {
                self.out.push_str("switch (");
                self.expr(d, SEQ);
                self.out.push_str(") {\n");
                self.indent += 1;
                for c in cases {
                    self.pad();
                    match &c.test {
                        Some(t) => {
                            self.out.push_str("case ");
                            // A comma expression gets parentheses, for the reader.
                            self.expr(t, ASSIGN);
                            self.out.push(':');
                        }
                        None => self.out.push_str("default:"),
                    }
                    self.out.push('\n');
                    self.indent += 1;
                    self.stmts(&c.body);
                    self.indent -= 1;
                }
                self.indent -= 1;
                self.pad();
                self.out.push('}');
            }
            Stmt::Labeled(l, s) => {
                self.out.push_str(l);
                self.out.push_str(": ");
                self.stmt_inline(s);
            }
            Stmt::Class(c) => self.class(c),
            Stmt::With(o, b) => {
                self.out.push_str("with (");
                self.expr(o, SEQ);
                self.out.push_str(") ");
                self.block(b);
            }
        }
    }

    fn class(&mut self, c: &Class) {
        self.out.push_str("class");
        if let Some(n) = &c.name {
            self.out.push(' ');
            self.out.push_str(n);
        }
        if let Some(e) = &c.extends {
            self.out.push_str(" extends ");
            // A LeftHandSideExpression: anything looser is parenthesised.
            let parens = prec(e) < CALL || matches!(e.as_ref(), Expr::Function(_) | Expr::Class(_) | Expr::Object(_));
            self.paren_if(parens, e, CALL);
        }
        if c.members.is_empty() {
            self.out.push_str(" {}");
            return;
        }
        self.out.push_str(" {\n");
        self.indent += 1;
        for m in &c.members {
            self.pad();
            match m {
                ClassMember::Method { is_static, key, func } => {
                    if *is_static {
                        self.out.push_str("static ");
                    }
                    if func.is_async {
                        self.out.push_str("async ");
                    }
                    match func.kind {
                        FunctionKind::Getter => self.out.push_str("get "),
                        FunctionKind::Setter => self.out.push_str("set "),
                        _ => {}
                    }
                    if func.is_generator {
                        self.out.push('*');
                    }
                    self.key(key);
                    self.params(func);
                    self.out.push(' ');
                    self.function_body(func);
                }
                ClassMember::Field { is_static, key, value } => {
                    if *is_static {
                        self.out.push_str("static ");
                    }
                    self.key(key);
                    if let Some(v) = value {
                        self.out.push_str(" = ");
                        self.expr(v, ASSIGN);
                    }
                    self.out.push(';');
                }
                ClassMember::StaticBlock(b) => {
                    self.out.push_str("static ");
                    self.block(b);
                }
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn decl(&mut self, kind: DeclKind, ds: &[Declarator]) {
        self.out.push_str(kind.keyword());
        self.out.push(' ');
        for (i, d) in ds.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&d.name);
            if let Some(e) = &d.init {
                self.out.push_str(" = ");
                self.expr(e, ASSIGN);
            }
        }
    }

    /// `let { a, b } = init` (without the semicolon, for `for` heads too).
    fn destructure(&mut self, kind: DeclKind, pattern: &Pattern, init: &Expr) {
        self.out.push_str(kind.keyword());
        self.out.push(' ');
        self.pattern(pattern);
        self.out.push_str(" = ");
        self.expr(init, ASSIGN);
    }

    /// `for (let x of e) { ... }` and `for-in`.
    fn for_each(
        &mut self,
        is_await: bool,
        decl: Option<DeclKind>,
        target: &Pattern,
        keyword: &str,
        e: &Expr,
        body: &[Stmt],
    ) {
        self.out.push_str(if is_await { "for await (" } else { "for (" });
        if let Some(k) = decl {
            self.out.push_str(k.keyword());
            self.out.push(' ');
        }
        self.pattern(target);
        self.out.push_str(keyword);
        self.expr(e, ASSIGN);
        self.out.push_str(") ");
        self.block(body);
    }

    /// `{ a, b: c = 1 }` or `[a, b = 1]` (a property bound to a name of its own is written once).
    fn pattern(&mut self, p: &Pattern) {
        let (object, parts) = match p {
            Pattern::Name(n) => return self.out.push_str(n),
            Pattern::Object(parts) => (true, parts),
            Pattern::Array(parts) => (false, parts),
        };
        let (open, close) = match (object, parts.is_empty()) {
            (true, true) => ("{", "}"),
            (true, false) => ("{ ", " }"),
            (false, _) => ("[", "]"),
        };
        self.out.push_str(open);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let shorthand = matches!(&part.target, Pattern::Name(n) if *n == part.key);
            if object && !shorthand {
                self.out.push_str(&part.key);
                self.out.push_str(": ");
            }
            self.pattern(&part.target);
            if let Some(d) = &part.default {
                self.out.push_str(" = ");
                self.expr(d, ASSIGN);
            }
        }
        self.out.push_str(close);
    }

    fn params(&mut self, f: &Function) {
        self.out.push('(');
        let mut first = true;
        for p in &f.params {
            if !first {
                self.out.push_str(", ");
            }
            first = false;
            match &p.pattern {
                Some(pattern) => self.pattern(pattern),
                None => self.out.push_str(&p.name),
            }
            if let Some(d) = &p.default {
                self.out.push_str(" = ");
                self.expr(d, ASSIGN);
            }
        }
        if let Some(r) = &f.rest {
            if !first {
                self.out.push_str(", ");
            }
            self.out.push_str("...");
            self.out.push_str(r);
        }
        self.out.push(')');
    }

    fn function_body(&mut self, f: &Function) {
        let directive = f.strict.then_some("\"use strict\";");
        self.block_after(directive, &f.body);
    }

    fn function(&mut self, f: &Function) {
        match f.kind {
            FunctionKind::Declaration | FunctionKind::Expression => {
                if f.is_async {
                    self.out.push_str("async ");
                }
                self.out.push_str(if f.is_generator { "function*" } else { "function" });
                if let Some(n) = &f.name {
                    self.out.push(' ');
                    self.out.push_str(n);
                }
                self.params(f);
                self.out.push(' ');
                self.function_body(f);
            }
            FunctionKind::Arrow => {
                if f.is_async {
                    self.out.push_str("async ");
                }
                self.params(f);
                self.out.push_str(" => ");
                match f.body.as_slice() {
                    [Stmt::Return(Some(e))] if f.expression_body && !f.strict => {
                        if matches!(e, Expr::Object(_)) {
                            self.out.push('(');
                            self.expr(e, ASSIGN);
                            self.out.push(')');
                        } else {
                            self.expr(e, ASSIGN);
                        }
                    }
                    _ => self.function_body(f),
                }
            }
            FunctionKind::Method | FunctionKind::Getter | FunctionKind::Setter => {
                // Printed by `object`, which writes the key; here only the rest.
                self.params(f);
                self.out.push(' ');
                self.function_body(f);
            }
        }
    }

    fn key(&mut self, k: &PropKey) {
        match k {
            PropKey::Name(n) => self.out.push_str(n),
            PropKey::Private(n) => {
                self.out.push('#');
                self.out.push_str(n);
            }
            PropKey::Computed(e) => {
                self.out.push('[');
                self.expr(e, ASSIGN);
                self.out.push(']');
            }
        }
    }

    fn prop(&mut self, p: &Prop) {
        match p {
            Prop::Init(k, v) => {
                self.key(k);
                self.out.push_str(": ");
                self.expr(v, ASSIGN);
            }
            Prop::Method(k, f) => {
                match f.kind {
                    FunctionKind::Getter => self.out.push_str("get "),
                    FunctionKind::Setter => self.out.push_str("set "),
                    _ => {}
                }
                self.key(k);
                self.function(f);
            }
        }
    }

    fn object(&mut self, props: &[Prop], multiline: bool) {
        if props.is_empty() {
            self.out.push_str("{}");
            return;
        }
        if !multiline {
            self.out.push_str("{ ");
            for (i, p) in props.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.prop(p);
            }
            self.out.push_str(" }");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        for (i, p) in props.iter().enumerate() {
            self.pad();
            self.prop(p);
            if i + 1 < props.len() {
                self.out.push(',');
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn target(&mut self, t: &Target) {
        match t {
            Target::Ident(n) => self.out.push_str(n),
            Target::Pattern(p) => self.pattern(p),
            Target::Member(o, n) => {
                self.object_operand(o);
                self.out.push('.');
                self.out.push_str(n);
            }
            Target::Index(o, i) => {
                self.object_operand(o);
                self.out.push('[');
                self.expr(i, SEQ);
                self.out.push(']');
            }
        }
    }

    /// The object of a member access or the callee of a call.
    fn object_operand(&mut self, o: &Expr) {
        let needs_parens =
            matches!(o, Expr::Num(_) | Expr::Function(_) | Expr::Object(_) | Expr::Class(_)) || prec(o) < CALL;
        self.paren_if(needs_parens, o, CALL);
    }

    fn paren_if(&mut self, parens: bool, e: &Expr, min: u8) {
        if parens {
            self.out.push('(');
            self.expr(e, SEQ);
            self.out.push(')');
        } else {
            self.expr(e, min);
        }
    }

    /// A template literal's text: the quasis escaped, the substitutions between them.
    fn template(&mut self, quasis: &[Text], exprs: &[Expr]) {
        self.out.push('`');
        for (i, q) in quasis.iter().enumerate() {
            for c in q.chars() {
                match c {
                    '`' => self.out.push_str("\\`"),
                    '\\' => self.out.push_str("\\\\"),
                    '$' => self.out.push_str("\\$"),
                    c => self.out.push(c),
                }
            }
            if let Some(x) = exprs.get(i) {
                self.out.push_str("${");
                self.expr(x, SEQ);
                self.out.push('}');
            }
        }
        self.out.push('`');
    }

    fn args(&mut self, args: &[Expr]) {
        self.out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(a, ASSIGN);
        }
        self.out.push(')');
    }

    fn expr(&mut self, e: &Expr, min: u8) {
        if prec(e) < min {
            self.out.push('(');
            self.expr(e, SEQ);
            self.out.push(')');
            return;
        }
        match e {
            Expr::Num(n) => self.number(*n),
            Expr::Str(s) => {
                self.out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => self.out.push_str("\\\""),
                        '\\' => self.out.push_str("\\\\"),
                        '\n' => self.out.push_str("\\n"),
                        c => self.out.push(c),
                    }
                }
                self.out.push('"');
            }
            Expr::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Expr::Null => self.out.push_str("null"),
            Expr::Undefined => self.out.push_str("undefined"),
            Expr::Ident(n) => self.out.push_str(n),
            Expr::This => self.out.push_str("this"),
            Expr::Assign(op, t, v) => {
                self.target(t);
                self.spaced(assign_text(*op));
                self.expr(v, ASSIGN);
            }
            Expr::Update { increment, prefix, target } => {
                let op = if *increment { "++" } else { "--" };
                if *prefix {
                    self.out.push_str(op);
                }
                self.target(target);
                if !*prefix {
                    self.out.push_str(op);
                }
            }
            Expr::Unary(op, a) => {
                self.out.push_str(match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                    UnaryOp::Typeof => "typeof ",
                    UnaryOp::Void => "void ",
                    UnaryOp::Delete => "delete ",
                });
                let nested_sign = matches!(
                    a.as_ref(),
                    Expr::Num(n) if *n < 0
                ) || matches!(a.as_ref(), Expr::Unary(..) | Expr::Update { prefix: true, .. });
                self.paren_if(nested_sign, a, UNARY);
            }
            Expr::Binary(op, operands) => {
                let p = bin_prec(*op);
                let (lmin, rmin) = if *op == BinOp::Exp { (POSTFIX, p) } else { (p, p + 1) };
                for (i, side) in [&operands.0, &operands.1].into_iter().enumerate() {
                    if i == 1 {
                        self.spaced(bin_text(*op));
                    }
                    // `??` cannot be mixed with `&&`/`||` without parentheses.
                    let mixed = match op {
                        BinOp::Nullish => is_logical(side),
                        BinOp::And | BinOp::Or => matches!(side, Expr::Binary(BinOp::Nullish, ..)),
                        _ => false,
                    };
                    self.paren_if(mixed, side, if i == 0 { lmin } else { rmin });
                }
            }
            Expr::Cond(c, a, b) => {
                self.expr(c, OR);
                self.out.push_str(" ? ");
                self.expr(a, ASSIGN);
                self.out.push_str(" : ");
                self.expr(b, ASSIGN);
            }
            Expr::Call(c, args) => {
                self.object_operand(c);
                self.args(args);
            }
            Expr::New(c, args) => {
                self.out.push_str("new ");
                let simple = matches!(c.as_ref(), Expr::Ident(_))
                    || matches!(c.as_ref(), Expr::Member(o, _) if matches!(o.as_ref(), Expr::Ident(_)));
                self.paren_if(!simple, c, CALL);
                self.args(args);
            }
            Expr::Member(o, n) => {
                self.object_operand(o);
                self.out.push('.');
                self.out.push_str(n);
            }
            Expr::OptMember(o, n) => {
                self.object_operand(o);
                self.out.push_str("?.");
                self.out.push_str(n);
            }
            Expr::Index(o, i) => {
                self.object_operand(o);
                self.out.push('[');
                self.expr(i, SEQ);
                self.out.push(']');
            }
            Expr::Function(f) => self.function(f),
            Expr::Object(props) => self.object(props, has_function(e)),
            Expr::Array(xs) => {
                let multiline = has_function(e);
                self.out.push('[');
                if multiline {
                    self.out.push('\n');
                    self.indent += 1;
                }
                for (i, x) in xs.iter().enumerate() {
                    if multiline {
                        self.pad();
                    } else if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(x, ASSIGN);
                    if multiline {
                        if i + 1 < xs.len() {
                            self.out.push(',');
                        }
                        self.out.push('\n');
                    }
                }
                if multiline {
                    self.indent -= 1;
                    self.pad();
                }
                self.out.push(']');
            }
            Expr::Template(quasis, exprs) => self.template(quasis, exprs),
            Expr::TaggedTemplate(tag, quasis, exprs) => {
                self.object_operand(tag);
                self.template(quasis, exprs);
            }
            Expr::Seq(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(x, ASSIGN);
                }
            }
            Expr::Super => self.out.push_str("super"),
            Expr::NewTarget => self.out.push_str("new.target"),
            Expr::PrivateName(n) => {
                self.out.push('#');
                self.out.push_str(n);
            }
            Expr::Class(c) => self.class(c),
            Expr::Yield { delegate, arg } => {
                self.out.push_str(if *delegate { "yield*" } else { "yield" });
                if let Some(a) = arg {
                    self.out.push(' ');
                    self.expr(a, ASSIGN);
                }
            }
            Expr::Await(a) => {
                self.out.push_str("await ");
                self.expr(a, UNARY);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_print_statement_prints_like_a_call_of_print() {
        let mut f = Function::new(FunctionKind::Expression, None);
        f.body = vec![ret(num(1))];
        for e in [num(1), Expr::Seq(vec![num(0), ident("a")]), func_expr(f), assign_name("a", num(2))] {
            let statement = Program { strict: false, body: vec![print(e.clone())] };
            let call = Program { strict: false, body: vec![Stmt::Expr(call(ident("print"), vec![e]))] };
            assert_eq!(statement.to_string(), call.to_string());
        }
        let sequence = Program { strict: false, body: vec![print(Expr::Seq(vec![num(0), ident("a")]))] };
        assert_eq!(sequence.to_string(), "print((0, a));\n");
    }

    #[test]
    fn precedence_and_grammar_parentheses() {
        let e = bin(BinOp::Mul, bin(BinOp::Add, ident("a"), num(1)), ident("b"));
        assert_eq!(print_expr(&e), "(a + 1) * b");
        let e = bin(BinOp::Sub, ident("a"), bin(BinOp::Sub, ident("b"), num(-2)));
        assert_eq!(print_expr(&e), "a - (b - -2)");
        let e = bin(BinOp::Nullish, bin(BinOp::Or, ident("a"), ident("b")), ident("c"));
        assert_eq!(print_expr(&e), "(a || b) ?? c");
        let e = unary(UnaryOp::Neg, num(-1));
        assert_eq!(print_expr(&e), "-(-1)");
        let mut f = Function::new(FunctionKind::Expression, None);
        f.body.push(ret(num(1)));
        let p = Program { strict: false, body: vec![Stmt::Expr(call(func_expr(f), vec![]))] };
        assert_eq!(print_program(&p), "(function() {\n  return 1;\n})();\n");
        let mut a = Function::new(FunctionKind::Arrow, None);
        a.expression_body = true;
        a.body.push(ret(Expr::Object(vec![Prop::Init(PropKey::Name("v".into()), num(1))])));
        assert_eq!(print_expr(&func_expr(a)), "() => ({ v: 1 })");
    }

    /// `{ a, k1: b = 1, k2: [c, g = () => a] }`: shorthand where the key is the name.
    fn sample_pattern() -> Pattern {
        let part = |key: &str, target: Pattern, default: Option<Expr>| PatternPart { key: key.into(), target, default };
        let mut g = Function::new(FunctionKind::Arrow, None);
        g.expression_body = true;
        g.body.push(ret(ident("a")));
        Pattern::Object(vec![
            part("a", Pattern::Name("a".into()), None),
            part("k1", Pattern::Name("b".into()), Some(num(1))),
            part(
                "k2",
                Pattern::Array(vec![
                    part("c", Pattern::Name("c".into()), None),
                    part("g", Pattern::Name("g".into()), Some(func_expr(g))),
                ]),
                None,
            ),
        ])
    }

    #[test]
    fn destructuring_declarations_and_parameters() {
        let p = Program { strict: false, body: vec![Stmt::Destructure(DeclKind::Let, sample_pattern(), ident("o"))] };
        assert_eq!(print_program(&p), "let { a, k1: b = 1, k2: [c, g = () => a] } = o;\n");
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        f.params.push(Param::new("x".into(), None));
        f.params.push(Param { name: "a".into(), default: Some(Expr::Object(vec![])), pattern: Some(sample_pattern()) });
        f.params.push(Param { name: "d".into(), default: None, pattern: Some(Pattern::Array(vec![])) });
        assert!(!f.has_simple_params());
        let p = Program { strict: false, body: vec![Stmt::Function(f)] };
        assert_eq!(print_program(&p), "function f(x, { a, k1: b = 1, k2: [c, g = () => a] } = {}, []) {}\n");
        let each = Stmt::ForOf {
            is_await: false,
            decl: Some(DeclKind::Const),
            target: sample_pattern(),
            iterable: ident("xs"),
            body: vec![],
        };
        let handler = Catch { param: Some(sample_pattern()), body: vec![] };
        let caught = Stmt::Try { block: vec![], handler: Some(handler), finalizer: None };
        let p = Program { strict: false, body: vec![each, caught] };
        assert_eq!(
            print_program(&p),
            "for (const { a, k1: b = 1, k2: [c, g = () => a] } of xs) {}\ntry {} catch ({ a, k1: b = 1, k2: [c, g = () => a] }) {}\n"
        );
    }

    #[test]
    fn switch_cases_share_the_switch_scope() {
        let cases = vec![
            Case { test: Some(num(0)), body: vec![decl(DeclKind::Let, "x", Some(num(1)))] },
            Case { test: None, body: vec![Stmt::Block(vec![print(ident("x"))]), Stmt::Break(None)] },
        ];
        let p = Program { strict: false, body: vec![Stmt::Switch(ident("k"), cases)] };
        let text =
            "switch (k) {\n  case 0:\n    let x = 1;\n  default:\n    {\n      print(x);\n    }\n    break;\n}\n";
        assert_eq!(print_program(&p), text);
    }

    #[test]
    fn classes_generators_async_and_with() {
        let mut ctor = Function::new(FunctionKind::Method, None);
        ctor.params.push(Param::new("a".into(), None));
        ctor.body.push(Stmt::Expr(call(Expr::Super, vec![ident("a")])));
        let mut getter = Function::new(FunctionKind::Getter, None);
        getter.body.push(ret(member(Expr::This, "#x")));
        let class = Class {
            name: Some("C".into()),
            extends: Some(Box::new(call(ident("mk"), vec![]))),
            members: vec![
                ClassMember::Field { is_static: false, key: PropKey::Private("x".into()), value: Some(num(1)) },
                ClassMember::Method { is_static: false, key: PropKey::Name("constructor".into()), func: ctor },
                ClassMember::Method { is_static: true, key: PropKey::Private("p".into()), func: getter },
                ClassMember::StaticBlock(vec![print(bin(BinOp::In, Expr::PrivateName("x".into()), Expr::This))]),
            ],
        };
        let p = Program { strict: false, body: vec![Stmt::Class(class)] };
        assert_eq!(
            print_program(&p),
            "class C extends mk() {\n  #x = 1;\n  constructor(a) {\n    super(a);\n  }\n  static get #p() {\n    return this.#x;\n  }\n  static {\n    print(#x in this);\n  }\n}\n"
        );
        let mut g = Function::new(FunctionKind::Expression, None);
        g.is_generator = true;
        g.body.push(Stmt::Expr(bin(BinOp::Add, num(1), Expr::Yield { delegate: false, arg: Some(Box::new(num(2))) })));
        g.body.push(Stmt::Expr(Expr::Yield { delegate: true, arg: Some(Box::new(Expr::Array(vec![]))) }));
        assert_eq!(print_expr(&func_expr(g)), "function*() {\n  1 + (yield 2);\n  yield* [];\n}");
        let mut a = Function::new(FunctionKind::Arrow, None);
        a.is_async = true;
        a.expression_body = true;
        a.body.push(ret(bin(BinOp::Mul, Expr::Await(Box::new(num(-1))), num(2))));
        assert_eq!(print_expr(&func_expr(a)), "async () => await -1 * 2");
        let mut f = Function::new(FunctionKind::Expression, None);
        f.is_async = true;
        let p = Program { strict: false, body: vec![Stmt::Expr(call(func_expr(f), vec![]))] };
        assert_eq!(print_program(&p), "(async function() {})();\n");
        let w = Stmt::With(ident("o"), vec![print(ident("k"))]);
        let p = Program {
            strict: false,
            body: vec![w, Stmt::Expr(Expr::Class(Box::new(Class { name: None, extends: None, members: vec![] })))],
        };
        assert_eq!(print_program(&p), "with (o) {\n  print(k);\n}\n(class {});\n");
    }
}
