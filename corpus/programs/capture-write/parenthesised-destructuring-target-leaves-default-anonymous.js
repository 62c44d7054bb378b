// Destructuring assignment gives an anonymous function default the target's name only when the
// target is a bare identifier: AssignmentElement evaluation (13.15.5.5 for array patterns, 13.15.5.6
// for object patterns) calls NamedEvaluation only if IsIdentifierRef of the target is true, and
// IsIdentifierRef (8.4) is false for a parenthesised expression. So `[(x) = function () {}] = []`
// stores a function whose name is "", while the unparenthesised form names it "x".
var plain, wrapped, doubled, keyed, looped, klass;
function assignAll() {
  [plain = function () {}] = [];
  [(wrapped) = function () {}] = [];
  [((doubled)) = () => 0] = [];
  ({ k: (keyed) = () => {} } = {});
  for ([(looped) = () => {}] of [[]]);
  [(klass) = class {}] = [];
}
assignAll();
print("bare", JSON.stringify(plain.name));
print("array element", JSON.stringify(wrapped.name), JSON.stringify(doubled.name));
print("object property", JSON.stringify(keyed.name));
print("for-of head", JSON.stringify(looped.name));
print("class", JSON.stringify(klass.name));
// the function still closes over the scope it was made in
var counter = 0;
[(wrapped) = function () { return ++counter; }] = [];
print("still a closure", wrapped(), wrapped(), counter);
