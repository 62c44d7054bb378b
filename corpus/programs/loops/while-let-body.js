// while and do-while bodies are blocks evaluated afresh: a let inside gets a new binding each time
var fs = [];
var i = 0;
while (i < 3) {
  let captured = i * 10;
  fs.push(function () { return captured; });
  i++;
}
print("while let", fs[0](), fs[1](), fs[2]());
var gs = [];
var n = 0;
do {
  const c = "c" + n;
  let counter = 0;
  gs.push(function () { counter++; return c + "/" + counter; });
  n++;
} while (n < 2);
print("do-while", gs[0](), gs[0](), gs[1]());
var vs = [];
var m = 0;
while (m < 3) {
  var shared = m;
  vs.push(function () { return shared; });
  m++;
}
print("while var", vs[0](), vs[1](), vs[2]());
