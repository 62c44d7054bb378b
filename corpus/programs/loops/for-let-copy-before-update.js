// for-let: the copy into the next iteration's binding happens BEFORE the update expression runs
var body = [];
var update = [];
for (let i = 0; i < 3; update.push(function () { return i; }), i++) {
  body.push(function () { return i; });
}
print("body", body[0](), body[1](), body[2]());
print("update", update[0](), update[1](), update[2]());
// the update closure after iteration n shares its binding with the body closure of iteration n+1
var setters = [];
var getters = [];
for (let k = 0; k < 3; setters.push(function (v) { k = v; }), k++) {
  getters.push(function () { return k; });
}
setters[0](100);
print("after setters[0](100)", getters[0](), getters[1](), getters[2]());
setters[1](200);
print("after setters[1](200)", getters[0](), getters[1](), getters[2]());
setters[2](300);
print("after setters[2](300)", getters[0](), getters[1](), getters[2]());
