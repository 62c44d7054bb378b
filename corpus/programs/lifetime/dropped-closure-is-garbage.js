// An object captured only by a closure that nothing references any more is unreachable: an engine
// should collect it once the host forces a collection (keeping it is a leak, not a wrong answer).
let probe;
function capture() {
  const data = { id: 7 };
  probe = new WeakRef(data);
  const reader = () => data.id;
  return reader();
}
print(capture());
afterGc(() => lifetimeProbe("data", probe));
