// module pattern: an IIFE returns privileged functions; the private state is not reachable otherwise
var bank = (function () {
  var balance = 0;
  var history = [];
  function record(kind, amount) { history.push(kind + amount); }
  return {
    deposit: function (n) { balance += n; record("+", n); return balance; },
    withdraw: function (n) {
      if (n > balance) throw new RangeError("insufficient funds");
      balance -= n; record("-", n); return balance;
    },
    statement: function () { return history.join(" ") + " = " + balance; }
  };
})();
bank.deposit(100);
bank.withdraw(30);
try { bank.withdraw(500); } catch (e) { print("refused", e.name, e.message); }
print(bank.statement());
print("private hidden", bank.balance, typeof bank.record, "balance" in bank);
bank.balance = 1e6;
print("public property does not touch private", bank.statement(), bank.balance);
