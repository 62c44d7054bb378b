// the Y combinator (applicative-order Z combinator): recursion built from anonymous closures only
var Z = function (f) {
  return (function (x) { return f(function (v) { return x(x)(v); }); })(
    function (x) { return f(function (v) { return x(x)(v); }); }
  );
};
var fact = Z(function (self) { return function (n) { return n === 0 ? 1 : n * self(n - 1); }; });
var range = Z((self) => (n) => (n === 0 ? [] : self(n - 1).concat([n])));
print("fact(6)", fact(6));
print("range(5)", range(5).join(","));
var fix2 = (f) => (a) => (b) => f(fix2(f))(a)(b);
var gcd = fix2((self) => (a) => (b) => (b === 0 ? a : self(b)(a % b)));
print("gcd(84, 36)", gcd(84)(36));
