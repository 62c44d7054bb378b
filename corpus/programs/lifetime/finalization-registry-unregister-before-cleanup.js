// when a FinalizationRegistry target dies, only the cell's target slot is emptied (9.10.3); the
// cell stays in the registry's [[Cells]] list until a later cleanup job removes it (26.2.1.2
// CleanupFinalizationRegistry). unregister (26.2.3.3) removes every cell registered with the token
// and returns true when it removed one, so in the job that registered it, a cell whose target
// nothing references any more (a temporary, or a closure's local that died when the call
// returned) is still found; a second unregister with the same token finds nothing
const held = [];
const fr = new FinalizationRegistry((value) => held.push(value));
const tempToken = {};
fr.register({}, "temporary", tempToken);
print("temporary target " + fr.unregister(tempToken));
print("temporary again " + fr.unregister(tempToken));
function registerLocal() {
  const local = { tag: "local" };
  const token = {};
  fr.register(local, local.tag, token);
  return () => fr.unregister(token);
}
const dropLocal = registerLocal();
print("local target " + dropLocal());
print("local again " + dropLocal());
const kept = { tag: "kept" };
const keptToken = {};
fr.register(kept, "kept", keptToken);
print("live target " + fr.unregister(keptToken));
const shared = {};
fr.register({}, "first", shared);
fr.register(kept, "second", shared);
print("two cells " + fr.unregister(shared) + " " + fr.unregister(shared));
print("cleanup calls " + held.length);
