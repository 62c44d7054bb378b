//! The semantic categories of MISSION.md's table, as the generator produces and reports them.

use std::fmt;

/// One row of MISSION.md's table. Reports break results down by [`Category::name`].
///
/// The generator has a producer for every category where [`Category::implemented`] is true; the others
/// are named here so that reports and configs are stable when they are added (their weights are 0
/// until then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    CaptureRead,
    CaptureWrite,
    SharedBinding,
    Escape,
    Shadowing,
    Hoisting,
    Tdz,
    Const,
    Loops,
    Arguments,
    DefaultParams,
    This,
    PrivateState,
    Exceptions,
    Recursion,
    GeneratorsAsync,
    EvalWith,
    ClassScope,
    Lifetime,
}

impl Category {
    pub const COUNT: usize = 19;

    pub const ALL: [Category; Category::COUNT] = [
        Category::CaptureRead,
        Category::CaptureWrite,
        Category::SharedBinding,
        Category::Escape,
        Category::Shadowing,
        Category::Hoisting,
        Category::Tdz,
        Category::Const,
        Category::Loops,
        Category::Arguments,
        Category::DefaultParams,
        Category::This,
        Category::PrivateState,
        Category::Exceptions,
        Category::Recursion,
        Category::GeneratorsAsync,
        Category::EvalWith,
        Category::ClassScope,
        Category::Lifetime,
    ];

    /// The name used in MISSION.md, reports, comments in generated programs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            Category::CaptureRead => "capture-read",
            Category::CaptureWrite => "capture-write",
            Category::SharedBinding => "shared-binding",
            Category::Escape => "escape",
            Category::Shadowing => "shadowing",
            Category::Hoisting => "hoisting",
            Category::Tdz => "tdz",
            Category::Const => "const",
            Category::Loops => "loops",
            Category::Arguments => "arguments",
            Category::DefaultParams => "default-params",
            Category::This => "this",
            Category::PrivateState => "private-state",
            Category::Exceptions => "exceptions",
            Category::Recursion => "recursion",
            Category::GeneratorsAsync => "generators-async",
            Category::EvalWith => "eval-with",
            Category::ClassScope => "class-scope",
            Category::Lifetime => "lifetime",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether the generator can produce this category yet (and the reference interpreter runs it):
    /// all of them since the lifetime producer; kept so that a new row can start unimplemented.
    pub fn implemented(self) -> bool {
        true
    }

    /// The categories the generator produces today.
    pub fn implemented_all() -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(|c| c.implemented())
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of categories (a bit set, iterated in [`Category::ALL`] order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CategorySet(u32);

impl CategorySet {
    pub fn insert(&mut self, c: Category) {
        self.0 |= 1 << c.index();
    }

    pub fn contains(self, c: Category) -> bool {
        self.0 & (1 << c.index()) != 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut s = CategorySet::default();
        for c in iter {
            s.insert(c);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
            assert_eq!(Category::ALL[c.index()], c);
        }
        let set: CategorySet = Category::ALL.into_iter().collect();
        assert_eq!(set.len(), Category::COUNT);
    }
}
