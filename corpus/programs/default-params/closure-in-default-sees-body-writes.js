// A closure created in a parameter default captures the parameter binding itself, so it sees what
// the body later assigns to the parameter.
function g(c, y = () => c) {
  c += 5;
  return y();
}
print(g(8));
print("after");
