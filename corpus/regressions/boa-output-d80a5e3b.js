// Regression case promoted from closure-diff finding boa-output-d80a5e3b, found 2026-11-24T16:45:00Z
// (generated from seed 1364611800, size medium).
print([6, 8, 4].map((y) => y + (y = 0)).join());
