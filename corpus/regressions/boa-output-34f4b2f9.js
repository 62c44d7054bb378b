// Regression case promoted from closure-diff finding boa-output-34f4b2f9, found 2026-11-25T04:58:10Z
// (generated from seed 1002664, size medium).
if (false) for (var a in 0) {}
a;
print();
