// A list kept private by closures, made non-extensible: defining a new index fails, and the array's
// length stays where it was. For an array, [[DefineOwnProperty]] of an index at or past the length
// (10.4.2.1 step 1) first defines the element through OrdinaryDefineOwnProperty, which fails on a
// non-extensible array, and returns false before it would set the new length.
function makeList(items, seal) {
  var list = items.slice();
  if (seal) {
    Object.seal(list);
  } else {
    Object.preventExtensions(list);
  }
  return {
    define: function (i, v) {
      try {
        Object.defineProperty(list, String(i), { value: v, writable: true, enumerable: true, configurable: true });
        return "defined";
      } catch (e) {
        return e.constructor.name;
      }
    },
    append: function (v) {
      "use strict";
      try {
        list[list.length] = v;
        return "appended";
      } catch (e) {
        return e.constructor.name;
      }
    },
    appendSloppy: function (v) {
      list[list.length + 2] = v;
      return list.length;
    },
    size: function () {
      return list.length + ":" + list.join("|");
    },
  };
}

var plain = makeList([1, 2], false);
print(plain.define(5, "x"), plain.size());
print(plain.append(3), plain.size());
print(plain.appendSloppy(4), plain.size());
print(plain.define(1, "kept"), plain.size());

var sealed = makeList(["a", "b", "c"], true);
print(sealed.define(7, 0), sealed.size());
print(sealed.append("d"), sealed.size());
print(sealed.define(0, "A"), sealed.size());
