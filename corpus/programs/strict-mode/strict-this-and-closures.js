// in a strict script plain calls get undefined this; arrows still inherit this from their enclosing call
"use strict";
function who() { return this === undefined ? "undefined" : this.id; }
var o = { id: "o", who: who, later: function () { return () => who.call(this); } };
print("plain", who());
print("method", o.who());
print("arrow via call", o.later()());
var detached = o.later;
print("detached later", detached()());
print("top-level this is globalThis", this === globalThis);
print("call with primitive", typeof function () { return this; }.call(7));
