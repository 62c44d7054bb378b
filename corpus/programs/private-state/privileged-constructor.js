// constructor functions with privileged methods: each instance has its own private variables
function Person(name) {
  var secretAge = 0;
  this.name = name;
  this.birthday = function () { secretAge++; return this.name + " is " + secretAge; };
  this.getAge = function () { return secretAge; };
}
Person.prototype.greet = function () {
  return "hi " + this.name + " (age " + (typeof this.secretAge) + ")";
};
var a = new Person("ann"), b = new Person("bob");
a.birthday(); a.birthday();
print(a.birthday(), "|", b.birthday());
print(a.greet());
print("own methods differ", a.getAge === b.getAge, "shared prototype method", a.greet === b.greet);
var stolen = a.getAge;
print("extracted privileged method still works", stolen());
print("keys", Object.keys(a).join(","));
