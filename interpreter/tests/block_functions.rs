//! Generator and async function declarations directly inside blocks: block-scoped lexical
//! declarations in strict and sloppy code alike (Annex B's var copy is for plain functions only).
//! Expected output recorded from node (V8).

use interpreter::{run, Completion, Limits};

const PROGRAM: &str = r#"
var P = typeof print === 'function' ? print : console.log;
P(typeof g1);
{
  P(typeof g1, g1().next().value);
  function* g1() { yield 1; }
  async function a1() { return 'a1'; }
  a1().then(function (v) { P('then', v); });
}
P(typeof g1, typeof a1);
function outer() {
  P(typeof g2, typeof h);
  if (true) {
    function* g2() { yield 2; }
    function h() { return 'h'; }
    P(g2().next().value, h());
  }
  P(typeof g2, typeof h);
  try { g2; } catch (e) { P('ref', e.constructor.name); }
}
outer();
(function () {
  'use strict';
  { function* s() { yield 3; } P(s().next().value); }
  P(typeof s);
})();
var fs = [];
for (var i = 0; i < 3; i++) {
  function* gi() { yield i; }
  let j = i;
  async function ai() { return j; }
  fs.push(gi, ai);
}
P(fs[0]().next().value, fs[2]().next().value);
fs[1]().then(function (v) { P('ai', v); });
fs[5]().then(function (v) { P('ai', v); });
switch (1) { case 1: function* sw() { yield 'sw'; } P(sw().next().value); }
P(typeof sw);
{ function x() { return 1; } { function* x2() {} } }
P(typeof x, typeof x2);
{ let k = 'k'; function* ck() { yield k; } var saved = ck; }
P(saved().next().value);
P(eval("{ function* eg() { yield 'e'; } var r = eg().next().value; } typeof eg + ' ' + r"));
(function () { eval("{ async function ea() {} function ep() {} }"); P(typeof ea, typeof ep); })();
label: { function* lg() {} P(typeof lg); }
P(typeof lg);
"#;

#[test]
fn block_level_generators_and_async_functions_are_block_scoped() {
    let out = run(PROGRAM, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "printed: {:?}", out.printed);
    let expected = [
        "undefined",
        "function 1",
        "undefined undefined",
        "undefined undefined",
        "2 h",
        "undefined function",
        "ref ReferenceError",
        "3",
        "undefined",
        "3 3",
        "sw",
        "undefined",
        "function undefined",
        "k",
        "undefined e",
        "undefined function",
        "function",
        "undefined",
        "then a1",
        "ai 0",
        "ai 2",
    ];
    assert_eq!(out.printed, expected);
}

#[test]
fn duplicate_block_generator_declarations_are_syntax_errors_even_in_sloppy_code() {
    for src in ["{ function* g(){} function* g(){} }", "{ function f(){} async function f(){} }"] {
        assert!(matches!(run(src, &Limits::default()).completion, Completion::SyntaxError { .. }), "{src}");
    }
    // Plain duplicates stay legal in sloppy code (B.3.2.4).
    let out = run("{ function f(){ return 1; } function f(){ return 2; } } print(f())", &Limits::default());
    assert_eq!(out.printed, ["2"]);
}
