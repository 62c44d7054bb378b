// A closure keeps what it captured alive after its creating call returned: the counter's state
// object must survive a forced collection and still count afterwards.
let probe;
function makeCounter() {
  const state = { count: 0 };
  probe = new WeakRef(state);
  return () => ++state.count;
}
const next = makeCounter();
print(next(), next());
afterGc(() => {
  lifetimeProbe("state", probe);
  print(next());
});
