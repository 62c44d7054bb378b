// object spread and object rest copy the source's keys one at a time, and before copying each
// key they read its own property descriptor again (7.3.25 CopyDataProperties): a
// getter that runs earlier in the copy and makes a later key non-enumerable keeps that key out
// of the copy, and one that makes a later key enumerable brings it in
const source = (change) => {
  const o = {
    get a() {
      change(o);
      return 1;
    },
    b: 2,
    c: 3,
  };
  return o;
};
const hide = (o) => Object.defineProperty(o, "b", { enumerable: false });
const keys = (o) => Object.keys(o).join();
print(keys({ ...source(hide) }));
const { ...rest } = source(hide);
print(keys(rest));
const show = (o) => Object.defineProperty(o, "c", { enumerable: true });
const showing = () => Object.defineProperty(source(show), "c", { enumerable: false });
print(keys({ ...showing() }));
const { ...shown } = showing();
print(keys(shown));
const plain = source(() => {});
print(keys({ ...plain }) + " " + keys(plain));
