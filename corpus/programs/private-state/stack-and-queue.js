// a stack and a queue built on two private stacks; only the returned operations can touch the storage
function makeStack() {
  var items = [];
  return {
    push: function (x) { items.push(x); return items.length; },
    pop: function () { return items.length ? items.pop() : "empty"; },
    peek: function () { return items[items.length - 1]; },
    size: function () { return items.length; }
  };
}
function makeQueue() {
  var front = makeStack(), back = makeStack();
  return {
    enqueue: function (x) { back.push(x); },
    dequeue: function () {
      if (front.size() === 0) while (back.size() > 0) front.push(back.pop());
      return front.pop();
    }
  };
}
var s = makeStack();
s.push("a"); s.push("b");
print("stack", s.pop(), s.peek(), s.pop(), s.pop(), s.size());
var q = makeQueue();
q.enqueue(1); q.enqueue(2); q.enqueue(3);
var first = q.dequeue();
q.enqueue(4);
print("queue", first, q.dequeue(), q.dequeue(), q.dequeue(), q.dequeue());
