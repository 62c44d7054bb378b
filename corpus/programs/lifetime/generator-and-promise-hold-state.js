// A suspended generator keeps its locals and a pending promise keeps its reactions; the reference
// interpreter cannot prove which of those a future resumption reads, so it calls them retained
// and judges no engine on them. Resuming afterwards shows the state was kept where it is needed.
let probes = {};
function* steps() {
  const local = { step: 1 };
  probes.local = new WeakRef(local);
  yield local.step;
  yield local.step + 1;
}
const walker = steps();
print(walker.next().value);
let release;
const gate = new Promise((resolve) => { release = resolve; });
(function () {
  const waiting = { label: "waiting" };
  probes.waiting = new WeakRef(waiting);
  gate.then(() => print(waiting.label));
})();
afterGc(() => {
  lifetimeProbe("local", probes.local);
  lifetimeProbe("waiting", probes.waiting);
  print(walker.next().value);
  release();
});
