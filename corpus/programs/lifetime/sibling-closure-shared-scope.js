// Two closures created in one call: `useBig` (dropped) captured `big`, `keepSmall` (kept) captured
// only `small`. No reachable code can read `big` any more, so it is "retained": engines that share
// one scope object between sibling closures keep it, engines that capture per variable free it.
// Neither is a bug.
let probe;
let keepSmall;
(function () {
  const big = { payload: "big" };
  const small = 2;
  probe = new WeakRef(big);
  const useBig = () => big.payload;
  useBig();
  keepSmall = () => small;
})();
afterGc(() => {
  lifetimeProbe("big", probe);
  print(keepSmall());
});
