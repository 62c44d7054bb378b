// in sloppy code the case block of a switch may declare one function name twice (B.3.2.4
// relaxes the early error for duplicate block functions); the later declaration wins inside the
// block, and under Annex B (B.3.2.1) each declaration copies the block's current binding to the
// function's var when it is evaluated, so the var ends with the last one reached
function pick(n) {
  const seen = [];
  switch (n) {
    case 0:
      function d() {
        return "first";
      }
      seen.push("case 0 " + d());
    case 1:
      function d() {
        return "second";
      }
      seen.push("case 1 " + d());
  }
  return seen.join(", ") + "; after " + (typeof d === "function" ? d() : typeof d);
}
print(pick(0));
print(pick(1));
print(pick(2));
