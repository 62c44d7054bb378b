// The WeakRef constructor adds its target to the agent's kept list (AddToKeptObjects), so the target
// stays alive at least until the current job ends, even when nothing else refers to it.
const w = new WeakRef({ tag: 1 });
print(w.deref() === undefined);
print(w.deref() && w.deref().tag);
