// A continue ends a for-let iteration like reaching the end of the body does: the next iteration
// starts in a copy of the iteration environment (14.7.4.2 ForBodyEvaluation,
// CreatePerIterationEnvironment), so each closure keeps its own i.
const kept = [];
for (let i = 0; i < 3; i++) {
  kept.push(() => i);
  if (i === 1) continue;
  kept.push(() => i * 10);
}
print(kept.map((f) => f()).join(","));
const skipped = [];
for (let j = 0; j < 2; j++) {
  skipped.push(() => j);
  continue;
}
print(skipped.map((f) => f()).join(","));
