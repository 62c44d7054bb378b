// Annex B at script top level and in loop bodies: each evaluation of the declaration updates the var binding
print("before block", typeof topFn);
{
  function topFn() { return "top"; }
}
print("after block", typeof topFn, topFn());
var made = [];
for (var i = 0; i < 3; i++) {
  function loopFn() { return i; }
  made.push(loopFn);
}
print("distinct closures", made[0] === made[1], made[1] === made[2]);
print("var binding holds the last one", loopFn === made[2]);
for (let j = 0; j < 3; j++) {
  function letLoopFn() { return j; }
}
print("let loop fn", typeof letLoopFn, letLoopFn());
