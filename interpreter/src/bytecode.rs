//! The compiled form of a function or script: a flat list of stack-machine operations.
//!
//! Operations that perform a spec abstract operation are named after it; the compiler in
//! [`crate::compile`] documents which syntax produces which sequence.

use crate::value::Name;
use std::rc::Rc;

/// Index of an instruction in [`FunctionCode::ops`].
pub type Label = usize;

/// What kind of function a [`FunctionCode`] is (10.2.3 OrdinaryFunctionCreate's `thisMode` and
/// 10.2.5 MakeConstructor decisions follow from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Script,
    /// `function` declarations and expressions: constructors with a `prototype`.
    Normal,
    Arrow,
    /// Object literal methods, getters and setters: not constructors, have a home object.
    Method,
}

/// Which kind of method a class or object element defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Getter,
    Setter,
}

/// What ClassDefinitionEvaluation needs besides the element ops.
#[derive(Debug, Clone)]
pub struct ClassTemplate {
    /// The constructor's code (the class's own or a default one).
    pub constructor: usize,
    pub has_heritage: bool,
    /// Private names the class body declares (`#x`), bound in the class scope.
    pub private_names: Vec<Name>,
}

/// A block's lexically scoped declarations, instantiated by 14.2.3 BlockDeclarationInstantiation.
#[derive(Debug, Clone, Default)]
pub struct BlockScope {
    /// `let`, `const` (true) and `class` declarations: created uninitialized.
    pub lexical: Vec<(Name, bool)>,
    /// Function declarations of the block: created and initialized to a closure on entry.
    pub functions: Vec<(Name, usize)>,
    /// The scope of a `catch (x)` parameter that is a plain identifier.
    pub simple_catch: bool,
}

#[derive(Debug, Clone)]
pub enum Op {
    // --- Stack and constants
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Name),
    Pop,
    Dup,
    /// `a b` -> `a b a b`
    Dup2,
    Swap,
    /// `a b c` -> `c a b`
    RotRight3,
    /// `a b c d` -> `d a b c`
    RotRight4,
    /// Pushes a copy of the value `n` places below the top (0 = Dup).
    Pick(usize),

    // --- Identifier references (9.4.2 ResolveBinding + 6.2.5.5 GetValue / 6.2.5.6 PutValue)
    GetName(Name),
    /// Identifier callee: pushes the function and the this value (the binding object of a `with`
    /// environment, 9.1.1.2.10 WithBaseObject, or undefined).
    GetNameAndThis(Name),
    /// `typeof x`: an unresolvable reference gives `undefined` instead of a ReferenceError.
    TypeofName(Name),
    /// PutValue; leaves the value on the stack.
    SetName(Name),
    /// Evaluates an identifier reference before the right-hand side of an assignment (needed in
    /// strict code and inside `with`, where the binding can change meanwhile).
    ResolveReference(Name),
    /// GetValue of the last resolved reference (compound assignment and update).
    GetReferenceValue(Name),
    /// Forgets the last resolved reference (a short-circuited logical assignment).
    DropReference,
    /// PutValue on the last resolved reference; leaves the value on the stack.
    SetResolvedName(Name),
    /// `delete x`.
    DeleteName(Name),
    /// InitializeReferencedBinding in the running lexical environment; pops the value.
    InitializeBinding(Name),
    /// B.3.2.1: when a block-level function declaration is evaluated, copy the block binding to the
    /// function's var binding.
    AnnexBCopyToVar(Name),
    /// 9.4.4 ResolveThisBinding.
    This,
    /// `new.target`.
    NewTarget,

    // --- Environments
    /// 14.2.2 Block evaluation: new declarative environment + BlockDeclarationInstantiation.
    EnterBlock(usize),
    /// 14.11.2 `with`: pops a value and enters an object Environment Record over ToObject(value).
    EnterWith,
    /// Restores the running lexical environment to the current one's outer environment.
    ExitBlock,
    /// 14.7.4.4 CreatePerIterationEnvironment over the given bindings.
    CreatePerIterationEnvironment(Rc<[Name]>),
    /// Steps 8-11 of 10.2.11 FunctionDeclarationInstantiation, run after parameters are bound.
    InstantiateVarsAndFunctions,

    // --- Parameters (10.2.11 step 25-26, IteratorBindingInitialization over the argument list)
    /// Pushes argument `i` (or undefined).
    GetArgument(usize),
    /// Pushes a new array with the arguments from index `i` on.
    GetRestArguments(usize),

    // --- Functions
    /// 15.2.4 / 15.3.4 InstantiateOrdinaryFunctionExpression and arrow functions: closure over the
    /// running lexical environment. Named function expressions get their own funcEnv (15.2.5).
    MakeClosure(usize),
    /// 13.3.6 EvaluateCall: stack `callee this args...` -> `result`.
    Call(usize),
    /// 13.3.5 EvaluateNew: stack `callee args...` -> `result`.
    New(usize),
    Return,

    // --- Objects and properties
    NewObject,
    NewArray(usize),
    /// Array literal hole: stack `array` -> `array`, length + 1.
    ArrayHole,
    /// Array literal element: stack `array value` -> `array`.
    ArrayPush,
    /// 13.2.5.5 PropertyDefinitionEvaluation: stack `obj value` -> `obj`.
    DefineField(Name),
    /// 13.2.8.4 GetTemplateObject: pushes the site's template object.
    TemplateObject(Rc<crate::template::TemplateSite>),
    /// 13.2.5.5 `__proto__: value` in an object literal: stack `obj value` -> `obj`, with the
    /// value as obj's prototype if it is an object or null (anything else is ignored).
    SetLiteralPrototype,
    /// Computed key: stack `obj key value` -> `obj`. The bool asks SetFunctionName on an anonymous
    /// function value.
    DefineComputedField(bool),
    /// Getter (true) or setter (false): stack `obj fn` -> `obj`.
    DefineAccessor(Name, bool),
    DefineComputedAccessor(bool),
    /// stack `obj` -> `value`.
    GetProperty(Name),
    /// stack `obj key` -> `value`.
    GetElement,
    /// stack `obj value` -> `value`.
    SetProperty(Name),
    /// stack `obj key value` -> `value`.
    SetElement,
    /// stack `obj` -> `bool`.
    DeleteProperty(Name),
    /// stack `obj key` -> `bool`.
    DeleteElement,
    /// 7.1.19 ToPropertyKey on the top of the stack (done once for compound assignments).
    ToPropertyKey,

    // --- Operators
    Binary(oxc_syntax::operator::BinaryOperator),
    Not,
    Negate,
    Plus,
    BitNot,
    Typeof,
    /// 7.1.3 ToNumeric, for update expressions.
    ToNumeric,
    Increment,
    Decrement,
    /// 7.1.17 ToString, for template literals.
    ToString,

    // --- Control flow
    Jump(Label),
    JumpIfFalse(Label),
    JumpIfTrue(Label),
    /// `&&`/`||`: jump keeping the value, pop it otherwise.
    JumpIfFalseKeep(Label),
    JumpIfTrueKeep(Label),
    /// `??` and optional chains.
    JumpIfNotNullishKeep(Label),
    JumpIfNullish(Label),
    /// Default parameter values: jump when the top is not undefined (keeping it).
    JumpIfNotUndefined(Label),
    Throw,
    /// Installs an exception handler for the following protected region.
    PushHandler(Label),
    PopHandler,

    // --- Iteration
    /// 14.7.5.6 ForIn/OfHeadEvaluation for `for-in`: stack `obj` -> `iterator`.
    ForInStart,
    /// 14.7.5.6 for `for-of` over arrays, arguments objects and strings: stack `obj` -> `iterator`.
    ForOfStart,
    /// stack `iterator` -> `iterator value`, or jumps (popping the iterator) when done.
    IterNext(Label),
    /// Destructuring: pushes the next value of the iterator `n` places below the top, or undefined
    /// once it is done.
    IteratorValueOrUndefined(usize),
    /// Destructuring elision: steps the iterator on the top, if not done, without reading the
    /// result's value.
    IteratorSkip,
    /// Destructuring rest element: pushes an array of the remaining values.
    IteratorRest(usize),
    /// 7.2.1 RequireObjectCoercible on the top (kept).
    RequireObjectCoercible,
    /// Object rest pattern: stack `source` -> `copy without the named keys` (7.3.25
    /// CopyDataProperties).
    ObjectRest(Rc<[Name]>),
    /// Spread element: stack `array iterable` -> `array` with the values appended.
    SpreadIntoArray,
    /// Object spread: stack `object source` -> `object`.
    CopyDataProperties,
    /// Call with spread arguments: stack `callee this argsArray` -> `result`.
    CallSpread,
    /// `new` with spread arguments: stack `callee argsArray` -> `result`.
    NewSpread,

    /// 7.4.11 IteratorClose of the iterator on top (kept) when it is not done: a generator's return()
    /// runs its finally blocks.
    IteratorClose,
    /// IteratorClose for a throw completion: errors from closing are dropped.
    IteratorCloseQuietly,
    /// 14.7.5.6 ForIn/OfHeadEvaluation for `for await` and `yield*` in async generators
    /// (GetIterator(obj, async)): stack `obj` -> `iterator`, through `Symbol.asyncIterator`, or
    /// `Symbol.iterator` wrapped by CreateAsyncFromSyncIterator.
    AsyncIterStart,
    /// 14.7.5.7 step 6.a of a `for await`: stack `iterator` -> `iterator nextResult`, calling
    /// `next`, whose result the following `Await` settles.
    AsyncIterNext,
    /// 14.7.5.7 steps 6.b-d, after the `Await`: stack `iterator result` -> `iterator value`, or
    /// jumps (popping both) when the result says done.
    AsyncIterResult(Label),
    /// 7.4.13 AsyncIteratorClose, first half: stack `iterator` -> `iterator innerResult` after
    /// calling `return`, for the following `Await`; jumps (stack unchanged) when the iterator is
    /// done or has no `return`. `quietly` (a throw completion is closing) jumps on a throwing
    /// call too, since the original throw wins.
    AsyncIterReturn {
        skip: Label,
        quietly: bool,
    },
    /// AsyncIteratorClose, second half: stack `awaitedResult` -> empty; a TypeError unless it is an
    /// object.
    AsyncIterReturned,
    /// `Await` and `AfterAwait` for closing a `for await` for a throw completion, where whatever
    /// goes wrong is dropped for the original throw: a failing PromiseResolve gives undefined, a
    /// rejection resumes normally.
    AwaitQuietly,
    AfterAwaitQuietly,
    /// 27.5.3.1 GeneratorStart: suspends the frame into a new generator object and returns it.
    GeneratorStart,
    /// 27.5.3.7 Yield: suspends the frame, handing the value on top to the resumer.
    Yield,
    /// After resumption: continue with the sent value, throw it, or jump to the return path.
    AfterYield(Label),
    /// `yield*`: stack `iterator received`; on the inner iterator's end jumps to `done` (or to
    /// `ret` for a return) with `iterator value`.
    YieldDelegate {
        done: Label,
        ret: Label,
    },
    /// `yield*` in an async generator (14.4.14 step 7), the call of a round: stack `iterator
    /// received mode` -> `iterator mode innerResult` (`mode` a [`ResumeMode`] number), having
    /// called the inner iterator's `next`, `throw` or `return` with the received value, for the
    /// following `Await`. An iterator without `throw` jumps to `no_throw` with `iterator`; one
    /// without `return` jumps to `ret` with `iterator received`.
    ///
    /// [`ResumeMode`]: crate::vm::ResumeMode
    AsyncDelegateCall {
        no_throw: Label,
        ret: Label,
    },
    /// After the `Await`: stack `iterator mode result` -> `iterator value`, a TypeError unless the
    /// result is an object; when it is done, jumps to `done` (to `ret` in return mode).
    AsyncDelegateResult {
        done: Label,
        ret: Label,
    },
    /// After the `Yield` of a round's value (AsyncGeneratorYield, not awaited first): stack
    /// `iterator received` -> `iterator received mode`, jumping to `next_round`, or to `unwrap`
    /// for a return request, whose value AsyncGeneratorUnwrapYieldResumption awaits.
    AsyncDelegateResumed {
        next_round: Label,
        unwrap: Label,
    },
    /// The TypeError of `yield*` whose inner iterator has no `throw` (14.4.14 step 7.b.iii.6).
    DelegateWithoutThrow,
    /// `Await` and `AfterAwait` of AsyncGeneratorUnwrapYieldResumption inside `yield*`: stack
    /// `iterator value` -> `iterator received mode`; a rejection, or a failing PromiseResolve,
    /// becomes a received throw, and a fulfilment a received return.
    AwaitReceived,
    AfterAwaitReceived,
    /// 27.7.5.3 Await: suspends the async frame until the value settles.
    Await,
    /// After resumption: continue with the fulfilled value or throw the rejection reason.
    AfterAwait,

    // --- Classes (15.7)
    /// ClassDefinitionEvaluation's start: stack `[heritage]` -> `prototype constructor`.
    CreateClass(usize),
    /// A method, getter or setter: stack `proto F [key] fn` -> `proto F`.
    DefineClassMethod {
        key: Option<Name>,
        kind: MethodKind,
        is_static: bool,
    },
    /// A field: stack `proto F [key] [initializer]` -> `proto F`.
    DefineClassField {
        key: Option<Name>,
        is_static: bool,
        has_initializer: bool,
    },
    /// A `static { }` block: stack `proto F fn` -> `proto F`.
    DefineStaticBlock,
    /// A private method or accessor: stack `proto F fn` -> `proto F`. Private fields use
    /// DefineClassField with a `#name` key.
    DefinePrivateMethod {
        name: Name,
        kind: MethodKind,
        is_static: bool,
    },
    /// Static private methods, then static fields and blocks in order (15.7.14 steps 28-31).
    RunStaticElements,
    /// `[[HomeObject]]` of an object literal method: the object is `n` places below the function
    /// on top (`obj fn` or `obj key fn`).
    SetHomeObject(usize),
    /// 13.3.7.1 GetSuperConstructor: pushes the active function's prototype (null or any
    /// object: whether it can construct is checked after the arguments are evaluated).
    SuperConstructor,
    /// 13.3.7.1 `super(...)`: stack `constructor args...` -> `this`.
    SuperCall(usize),
    SuperCallSpread,
    /// 13.3.7 `super.x` / `super[k]`.
    SuperGet(Name),
    SuperGetElement,
    /// The base of a super reference being assigned (13.3.7.3 MakeSuperPropertyReference: `this`
    /// must be initialised, and the home object's prototype is read before the right-hand side
    /// runs): stack -> `base` (an object or null).
    SuperBase,
    /// `super.x` of [`Op::SuperBase`] as read by a compound assignment: stack `base` -> `value`.
    SuperGetFrom(Name),
    /// `super.x = v` on a base from [`Op::SuperBase`]: stack `base v` -> `v`.
    SuperSet(Name),
    /// `super[k] = v`: stack `k base v` -> `v`.
    SuperSetElement,
    /// `obj.#x`: stack `obj` -> `value`.
    GetPrivate(Name),
    /// `obj.#x = v`: stack `obj value` -> `value`.
    SetPrivate(Name),
    /// `#x in obj`: stack `obj` -> `bool`.
    PrivateIn(Name),

    // --- Eval (19.2.1)
    /// A call whose callee is the identifier `eval`: direct eval when the callee is %eval%.
    CallEval(usize),
    /// Eval code: pops the value of an expression statement into the completion register.
    SetCompletion,
    /// Eval code: the completion register becomes undefined.
    ClearCompletion,
    /// Eval code: pushes the completion register.
    GetCompletion,

    /// Refuses the rest of the program.
    Unsupported(Name),
}

/// The ops that branch to one label (the compiler emits them first and patches the label later).
macro_rules! one_label {
    ($t:pat) => {
        Op::Jump($t)
            | Op::JumpIfFalse($t)
            | Op::JumpIfTrue($t)
            | Op::JumpIfFalseKeep($t)
            | Op::JumpIfTrueKeep($t)
            | Op::JumpIfNotNullishKeep($t)
            | Op::JumpIfNullish($t)
            | Op::JumpIfNotUndefined($t)
            | Op::PushHandler($t)
            | Op::IterNext($t)
            | Op::AsyncIterResult($t)
            | Op::AsyncIterReturn { skip: $t, .. }
            | Op::AfterYield($t)
    };
}

impl Op {
    /// The label of an op that branches to one, for the compiler to patch.
    pub fn label_mut(&mut self) -> Option<&mut Label> {
        match self {
            one_label!(t) => Some(t),
            _ => None,
        }
    }

    /// Every op control may go to from this one besides the next: jump and handler targets, and
    /// where iteration and generator resumption continue.
    pub fn labels(&self) -> Vec<Label> {
        match self {
            one_label!(t) => vec![*t],
            Op::YieldDelegate { done: a, ret: b }
            | Op::AsyncDelegateCall { no_throw: a, ret: b }
            | Op::AsyncDelegateResult { done: a, ret: b }
            | Op::AsyncDelegateResumed { next_round: a, unwrap: b } => vec![*a, *b],
            _ => Vec::new(),
        }
    }
}

/// Parameter facts needed by 10.2.11 FunctionDeclarationInstantiation.
#[derive(Debug, Clone, Default)]
pub struct ParamInfo {
    pub names: Vec<Name>,
    pub simple: bool,
    pub has_expressions: bool,
    pub has_duplicates: bool,
    /// ExpectedArgumentCount, the function's `length`.
    pub length: usize,
}

/// A compiled function (or script) body plus the static facts the runtime semantics need.
#[derive(Debug, Clone)]
pub struct FunctionCode {
    pub name: Name,
    pub kind: CodeKind,
    pub strict: bool,
    /// A named function expression: gets a funcEnv with an immutable self binding (15.2.5).
    pub self_binding: bool,
    pub params: ParamInfo,
    /// VarDeclaredNames (for scripts and functions: `var` names and top-level function names).
    pub var_names: Vec<Name>,
    /// Top-level function declarations to instantiate (last one wins per name).
    pub functions: Vec<(Name, usize)>,
    /// Top-level lexical declarations (name, is_const).
    pub lexical: Vec<(Name, bool)>,
    /// B.3.2.1 / B.3.2.2: block-level function names that also get a var binding.
    pub annex_b_functions: Vec<Name>,
    /// Whether the body can observe `arguments` (not observable otherwise, so not created).
    pub uses_arguments: bool,
    pub ops: Vec<Op>,
    pub blocks: Vec<BlockScope>,
    pub children: Vec<Rc<FunctionCode>>,
    /// The function's source text (function and arrow expressions and declarations), as
    /// Function.prototype.toString must return it.
    pub source_text: Option<Name>,
    /// `function*`: calling it returns a generator object.
    pub is_generator: bool,
    /// `async function` or async arrow: calling it returns a promise.
    pub is_async: bool,
    /// A direct eval appears in the parameter list of a sloppy function.
    pub eval_in_parameters: bool,
    /// A class field initializer (a direct eval in it may not mention `arguments`, 15.7.1).
    pub field_initializer: bool,
    /// A class constructor: `Some(derived)`.
    pub class_constructor: Option<bool>,
    /// Classes defined in this code, referenced by `CreateClass`.
    pub classes: Vec<ClassTemplate>,
    /// Ranges of `ops` that are strict mode code although this code is not: class definitions
    /// (11.2.2: every part of a class is strict, its heritage and computed keys included, which
    /// run inline here).
    pub strict_ops: Vec<std::ops::Range<usize>>,
}

impl FunctionCode {
    /// The block functions whose var binding is theirs alone: no var or top-level function
    /// declares the name (Annex B creates these bindings before the others).
    pub fn annex_b_only_names(&self) -> impl Iterator<Item = &Name> {
        self.annex_b_functions
            .iter()
            .filter(|n| !self.var_names.contains(n) && !self.functions.iter().any(|(f, _)| f == *n))
    }

    /// Whether the op at `pc` is strict mode code.
    pub fn is_strict_at(&self, pc: usize) -> bool {
        self.strict || self.strict_ops.iter().any(|range| range.contains(&pc))
    }
}
