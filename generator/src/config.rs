//! Everything that shapes generated programs: the language profile, per-category weights, and every
//! size knob, each with its default beside it.

use arbitrary::Unstructured;

use crate::category::Category;

/// Which language version programs may use, for engines that implement less than the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// ES5: no `let`/`const`, arrows, template literals, default or rest parameters, method shorthand,
    /// `for-of`, nor function declarations in blocks (implementation-specific before ES2015). For
    /// duktape and mujs.
    Es5,
    /// ES2015: adds the above, but nothing newer (no `??`, `?.`, logical assignment, `**`).
    Es2015,
    /// Everything the generator knows (default).
    #[default]
    Full,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Es5 => "es5",
            Profile::Es2015 => "es2015",
            Profile::Full => "full",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        [Profile::Es5, Profile::Es2015, Profile::Full].into_iter().find(|p| p.name() == name)
    }

    /// The syntax this profile allows.
    pub fn features(self) -> Features {
        let es2015 = self != Profile::Es5;
        let full = self == Profile::Full;
        Features {
            let_const: es2015,
            arrows: es2015,
            templates: es2015,
            default_params: es2015,
            rest_params: es2015,
            method_shorthand: es2015,
            for_of: es2015,
            block_functions: es2015,
            nullish: full,
            optional_chaining: full,
            logical_assignment: full,
            exponent: full,
            optional_catch_binding: full,
            classes: es2015,
            class_fields: full,
            private_members: full,
            static_blocks: full,
            generators: es2015,
            async_functions: full,
            eval_with: true,
            indirect_eval: true,
            weak_refs: full,
            callback_builtins: full,
            find_last: full,
            object_integrity: true,
            function_names: es2015,
            ordered_keys: es2015,
            program_directive: es2015,
            sloppy: true,
            delete: true,
            destructuring: es2015,
            function_elements: true,
        }
    }
}

/// A construct a [`Config`] can leave out beyond what its profile allows (its `without` set): for
/// engines that implement a profile only in part (njs has no classes, generators, `eval`, `with`,
/// default parameters or `for-of`, and runs everything as strict mode code), so that their programs
/// are not mostly unsupported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Construct {
    /// Function declarations directly in blocks ([`Features::block_functions`]).
    BlockFunctions,
    /// Classes, with their fields, private members and static blocks.
    Classes,
    /// `function*` and `yield` (async functions stay).
    Generators,
    /// Direct and indirect `eval` and `with`.
    EvalWith,
    /// `WeakRef` and the lifetime hooks.
    WeakRefs,
    /// Default parameter values.
    DefaultParams,
    /// `for-of` loops.
    ForOf,
    /// Sloppy mode code: without it every program starts with `"use strict"` (in profiles that
    /// allow the directive: [`Features::program_directive`]).
    SloppyMode,
    /// A `"use strict"` directive starting the program (functions keep their own directives).
    StrictScripts,
    /// The `delete` operator.
    Delete,
    /// Destructuring patterns in declarations and parameters.
    Destructuring,
    /// `(0, eval)(code)`: eval called other than directly, and functions made by `Function`, which
    /// are global code as well (mujs has only direct eval).
    IndirectEval,
    /// `findLast` and `findLastIndex` (ES2023; SpiderMonkey 102, gjs 1.74's, lacks them): without
    /// them, programs search with `find`.
    FindLast,
    /// A function or class expression directly as an element of an array literal: without it, such
    /// an element is written `(0, f)`, the same value (njs 0.7.9 turns the element's index, as a
    /// number literal, into a string everywhere in the script, which can make a loop endless).
    FunctionElements,
}

impl Construct {
    pub const ALL: [Construct; 14] = [
        Construct::BlockFunctions,
        Construct::Classes,
        Construct::Generators,
        Construct::EvalWith,
        Construct::WeakRefs,
        Construct::DefaultParams,
        Construct::ForOf,
        Construct::SloppyMode,
        Construct::StrictScripts,
        Construct::Delete,
        Construct::Destructuring,
        Construct::IndirectEval,
        Construct::FindLast,
        Construct::FunctionElements,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Construct::BlockFunctions => "block-functions",
            Construct::Classes => "classes",
            Construct::Generators => "generators",
            Construct::EvalWith => "eval-with",
            Construct::WeakRefs => "weak-refs",
            Construct::DefaultParams => "default-params",
            Construct::ForOf => "for-of",
            Construct::SloppyMode => "sloppy-mode",
            Construct::StrictScripts => "strict-scripts",
            Construct::Delete => "delete",
            Construct::Destructuring => "destructuring",
            Construct::IndirectEval => "indirect-eval",
            Construct::FindLast => "find-last",
            Construct::FunctionElements => "function-elements",
        }
    }

    pub fn from_name(name: &str) -> Option<Construct> {
        Construct::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether programs of `profile` can contain the construct (leaving it out changes them).
    pub fn in_profile(self, profile: Profile) -> bool {
        let mut features = profile.features();
        self.remove_from(&mut features);
        features != profile.features()
    }

    /// Switches the construct off in `f`.
    fn remove_from(self, f: &mut Features) {
        match self {
            Construct::BlockFunctions => f.block_functions = false,
            Construct::Classes => {
                f.classes = false;
                f.class_fields = false;
                f.private_members = false;
                f.static_blocks = false;
            }
            Construct::Generators => f.generators = false,
            Construct::EvalWith => f.eval_with = false,
            Construct::WeakRefs => f.weak_refs = false,
            Construct::DefaultParams => f.default_params = false,
            Construct::ForOf => f.for_of = false,
            Construct::SloppyMode => f.sloppy = f.sloppy && !f.program_directive,
            Construct::StrictScripts => f.program_directive = false,
            Construct::Delete => f.delete = false,
            Construct::Destructuring => f.destructuring = false,
            Construct::IndirectEval => f.indirect_eval = false,
            Construct::FindLast => f.find_last = false,
            Construct::FunctionElements => f.function_elements = false,
        }
    }
}

/// Syntax switches derived from a [`Profile`] (and a config's `without` set: [`Config::features`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    pub let_const: bool,
    pub arrows: bool,
    pub templates: bool,
    pub default_params: bool,
    pub rest_params: bool,
    pub method_shorthand: bool,
    pub for_of: bool,
    /// Function declarations directly inside blocks (block-scoped; Annex B in sloppy code).
    pub block_functions: bool,
    pub nullish: bool,
    pub optional_chaining: bool,
    pub logical_assignment: bool,
    pub exponent: bool,
    pub optional_catch_binding: bool,
    /// `class` declarations and expressions with constructors, methods, accessors, static methods,
    /// `extends` and `super` (ES2015).
    pub classes: bool,
    /// Public instance and static class fields (ES2022).
    pub class_fields: bool,
    /// `#private` fields, methods, accessors and static members, and `#x in o` (ES2022).
    pub private_members: bool,
    /// `static { ... }` blocks in classes (ES2022).
    pub static_blocks: bool,
    /// `function*`, `yield`, `yield*` (ES2015).
    pub generators: bool,
    /// `async` functions and arrows, `await` (ES2017).
    pub async_functions: bool,
    /// Direct and indirect `eval` and `with` in sloppy code, and functions made by `Function` in any
    /// code (every profile).
    pub eval_with: bool,
    /// Indirect `eval` and `Function` among them.
    pub indirect_eval: bool,
    /// `WeakRef` and the host's `afterGc` hook (ES2021).
    pub weak_refs: bool,
    /// Built-ins of ES2018 to ES2023 that take or settle closures: `Promise.allSettled`, `any` and
    /// `finally`, `Array.from` with a map function, `flatMap`, `findLast`.
    pub callback_builtins: bool,
    /// `findLast` and `findLastIndex` (ES2023).
    pub find_last: bool,
    /// `Object.freeze` and `Object.isFrozen` (ES5).
    pub object_integrity: bool,
    /// Output may depend on the `name` of a function (`e.constructor.name`): standard since ES2015,
    /// absent or different in ES5 engines. Error objects' own `name` is fine in every profile.
    pub function_names: bool,
    /// Output may depend on property enumeration order (`for-in` over several keys): ES5 left it
    /// to the implementation (mujs enumerates in sorted order), so ES5 programs enumerate one key.
    pub ordered_keys: bool,
    /// The whole program may start with `"use strict"`: ES5 hosts that run a prelude before the
    /// program turn that directive into a plain expression statement, so ES5 programs never do
    /// (functions still get their own directives).
    pub program_directive: bool,
    /// Programs may be sloppy mode code (false only with [`Construct::SloppyMode`] left out: then
    /// every program is strict).
    pub sloppy: bool,
    /// The `delete` operator (hosts that run programs through indirect eval see eval-declared
    /// globals as configurable, so they do not run programs using it).
    pub delete: bool,
    /// Object and array destructuring patterns in `var`/`let`/`const` declarations and parameters,
    /// with defaults (ES2015).
    pub destructuring: bool,
    /// Function and class expressions as array literal elements (else wrapped: `[(0, f)]`).
    pub function_elements: bool,
}

/// Preset sizes for the CLI and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Size {
    Small,
    #[default]
    Medium,
    Large,
}

impl Size {
    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
        }
    }

    pub fn from_name(name: &str) -> Option<Size> {
        [Size::Small, Size::Medium, Size::Large].into_iter().find(|s| s.name() == name)
    }
}

/// The knobs of the generator. `Config::default()` is the `full` profile at `medium` size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Language subset (default [`Profile::Full`]).
    pub profile: Profile,
    /// Constructs left out although the profile has them (default none), in [`Construct`] order.
    pub without: std::collections::BTreeSet<Construct>,
    /// Relative weight of each category's producer, indexed by [`Category::index`]; 0 switches it off.
    /// Defaults: [`Config::default_weight`]. Categories that are not [`Category::implemented`] are
    /// ignored whatever their weight.
    pub weights: [u32; Category::COUNT],
    /// Relative weight of plain statements (prints, declarations, assignments, calls, `if`, loops,
    /// blocks, `try`) against the category producers (default 60).
    pub plain_weight: u32,
    /// Bytes that [`crate::Program::from_seed`] draws from the seed (default 2048). More bytes give
    /// bigger programs, up to the limits below.
    pub input_len: usize,
    /// Statement budget of a program (default 160): generation stops starting new statements when it
    /// is used up (a category producer counts a few statements up front).
    pub max_statements: u32,
    /// Upper bound on nesting of blocks and functions (default 7).
    pub max_depth: u32,
    /// Function budget (default 48): category producers and function declarations are no longer
    /// started once it is used up.
    pub max_functions: u32,
    /// Longest chain of nested non-recursive calls: every function has a rank and calls only functions
    /// of lower rank (default 3).
    pub max_call_rank: u32,
    /// Call sites a function body may execute per call, counting a call in a loop once per trip
    /// (default 6). Bounds the work of every call.
    pub max_calls_per_function: u32,
    /// The same bound for the top level of the script (default 60).
    pub max_top_level_calls: u32,
    /// Largest trip count of a generated loop (default 3).
    pub max_loop_trips: u32,
    /// Largest depth argument a recursive function is called with (default 6).
    pub max_recursion_depth: u32,
    /// Deepest nesting of operators in one expression (default 3).
    pub max_expr_depth: u32,
    /// Percentage of functions with simple parameters that get their own `"use strict"` (default 20).
    pub strict_function_percent: u32,
    /// Percentage of programs that start with `"use strict"` (default 20; never in profiles without
    /// [`Features::program_directive`]).
    pub strict_program_percent: u32,
}

impl Default for Config {
    fn default() -> Self {
        let mut weights = [0; Category::COUNT];
        for c in Category::ALL {
            weights[c.index()] = Config::default_weight(c);
        }
        Config {
            profile: Profile::Full,
            without: std::collections::BTreeSet::new(),
            weights,
            plain_weight: 60,
            input_len: 2048,
            max_statements: 160,
            max_depth: 7,
            max_functions: 48,
            max_call_rank: 3,
            max_calls_per_function: 6,
            max_top_level_calls: 60,
            max_loop_trips: 3,
            max_recursion_depth: 6,
            max_expr_depth: 3,
            strict_function_percent: 20,
            strict_program_percent: 20,
        }
    }
}

impl Config {
    /// The default weight of each category: 10 for every implemented one, except the broad
    /// capture-read/capture-write/escape (12), lifetime (3: only at the top level of the script,
    /// and each pattern costs the engines full collections) and 0 for the ones not implemented yet.
    pub fn default_weight(c: Category) -> u32 {
        match c {
            Category::CaptureRead | Category::CaptureWrite | Category::Escape => 12,
            Category::Lifetime => 1,
            c if c.implemented() => 10,
            _ => 0,
        }
    }

    /// The default config at a preset size: `small` (512 input bytes, 50 statements), `medium`
    /// (the default), `large` (8192 bytes, 500 statements).
    pub fn sized(size: Size) -> Config {
        let mut c = Config::default();
        c.set_size(size);
        c
    }

    /// Applies a preset size to this config, keeping profile and weights.
    pub fn set_size(&mut self, size: Size) {
        let (input_len, statements, functions, top_calls) = match size {
            Size::Small => (512, 50, 16, 24),
            Size::Medium => (2048, 160, 48, 60),
            Size::Large => (8192, 500, 140, 160),
        };
        self.input_len = input_len;
        self.max_statements = statements;
        self.max_functions = functions;
        self.max_top_level_calls = top_calls;
    }

    /// The default config restricted to `profile`.
    pub fn with_profile(profile: Profile) -> Config {
        Config { profile, ..Config::default() }
    }

    pub fn weight(&self, c: Category) -> u32 {
        if c.implemented() {
            self.weights[c.index()]
        } else {
            0
        }
    }

    pub fn set_weight(&mut self, c: Category, w: u32) {
        self.weights[c.index()] = w;
    }

    /// The categories this config can produce: weight above 0, implemented, and possible in the
    /// profile (ES5 has no TDZ, default parameters, classes or generators; only `full` has
    /// `WeakRef`).
    pub fn enabled(&self) -> impl Iterator<Item = Category> + '_ {
        Category::implemented_all().filter(|c| self.effective_weight(*c) > 0)
    }

    /// The syntax programs may use: the profile's, less the constructs in `without`.
    pub fn features(&self) -> Features {
        let mut f = self.profile.features();
        for construct in &self.without {
            construct.remove_from(&mut f);
        }
        f
    }

    /// The names of the `without` constructs, in order.
    pub fn without_names(&self) -> Vec<String> {
        self.without.iter().map(|c| c.name().to_owned()).collect()
    }

    /// [`Config::weight`], zeroed for categories the profile cannot express.
    pub fn effective_weight(&self, c: Category) -> u32 {
        let f = self.features();
        match c {
            Category::Tdz if !f.let_const => 0,
            Category::DefaultParams if !f.default_params => 0,
            Category::ClassScope if !f.classes => 0,
            Category::GeneratorsAsync if !f.generators && !f.async_functions => 0,
            Category::EvalWith if !f.eval_with => 0,
            Category::Lifetime if !f.weak_refs => 0,
            c => self.weight(c),
        }
    }

    /// Swarm testing: a copy of this config in which every enabled category is switched off with
    /// probability 1/2 (at least one stays on), drawn from `u`. Different programs then stress different
    /// feature combinations, which finds more bugs than uniform weights.
    pub fn swarm(&self, u: &mut Unstructured) -> arbitrary::Result<Config> {
        let mut c = self.clone();
        let enabled: Vec<Category> = self.enabled().collect();
        let mut kept = 0;
        for cat in &enabled {
            if u.arbitrary::<bool>()? {
                c.set_weight(*cat, 0);
            } else {
                kept += 1;
            }
        }
        if kept == 0 {
            if let Some(first) = enabled.first() {
                let pick = u.choose(&enabled).copied().unwrap_or(*first);
                c.set_weight(pick, self.weight(pick));
            }
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in [Profile::Es5, Profile::Es2015, Profile::Full] {
            assert_eq!(Profile::from_name(p.name()), Some(p));
        }
        for s in [Size::Small, Size::Medium, Size::Large] {
            assert_eq!(Size::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn es5_disables_es2015_only_categories() {
        let c = Config::with_profile(Profile::Es5);
        let enabled: Vec<_> = c.enabled().collect();
        assert!(!enabled.contains(&Category::Tdz));
        assert!(!enabled.contains(&Category::DefaultParams));
        assert!(!enabled.contains(&Category::ClassScope));
        assert!(!enabled.contains(&Category::GeneratorsAsync));
        assert!(enabled.contains(&Category::Escape));
        assert!(enabled.contains(&Category::EvalWith));
        let f = Profile::Es2015.features();
        assert!(f.classes && f.generators && !f.async_functions && !f.private_members && !f.static_blocks);
        assert!(!f.class_fields && !f.weak_refs);
    }

    #[test]
    fn constructs_belong_to_the_profiles_that_have_them() {
        assert!(Construct::Classes.in_profile(Profile::Es2015) && !Construct::Classes.in_profile(Profile::Es5));
        assert!(Construct::WeakRefs.in_profile(Profile::Full) && !Construct::WeakRefs.in_profile(Profile::Es2015));
        assert!(Construct::Delete.in_profile(Profile::Es5) && !Construct::StrictScripts.in_profile(Profile::Es5));
        for construct in Construct::ALL {
            assert_eq!(Construct::from_name(construct.name()), Some(construct));
            assert!(construct.in_profile(Profile::Full), "{}", construct.name());
        }
    }

    #[test]
    fn swarm_keeps_at_least_one_category() {
        let zeros = [0u8; 64];
        let mut u = Unstructured::new(&zeros);
        let c = Config::default().swarm(&mut u).unwrap();
        assert!(c.enabled().count() >= 1);
    }
}
