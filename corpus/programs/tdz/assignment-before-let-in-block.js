// assigning to a let binding before its declaration in the same block is a TDZ ReferenceError
try { c = 1; let c = 6; print("not reached", c); } catch (e) { print("caught", e.name); }
print("typeof c outside", typeof c);
