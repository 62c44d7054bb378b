// Two sloppy block functions of one name: the block binding holds the last one, and evaluating
// each declaration copies the block binding's value into the var (B.3.2.1), so the var gets the
// last function too.
function pick() {
  {
    function choose() {
      return "first";
    }
    function choose() {
      return "second";
    }
    print("in block " + choose());
  }
  return "after block " + choose();
}
print(pick());
