//! [`Name`]: identifiers and property names, stored inline.
//!
//! The generator compares and copies names constantly (scope lookups, shadowing checks, every read and
//! write it emits). Names are short by construction (a pool of one- to three-letter names, numbered
//! fallbacks such as `v12` or `wrSmall3`, and built-in property names), so they live in a fixed
//! array: `Copy`, no heap allocation, and equality is a comparison of two small arrays.
//!
//! A name of the generator's identifier pool also carries its index in [`POOL`], so the scope model
//! can keep the pool names of a scope as bits ([`PoolBits`]) instead of searching lists.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// The longest name a [`Name`] holds, in bytes.
pub const NAME_CAPACITY: usize = 22;

/// The generator's identifier pool (see `gen::Role`): the names that shadow and collide all the time.
pub(crate) const POOL: [&str; 22] =
    ["a", "b", "c", "x", "y", "f", "g", "h", "o", "p", "fs", "arr", "i", "j", "k", "n", "m", "e", "err", "C", "D", "K"];

/// Marks a name outside [`POOL`].
const UNPOOLED: u8 = u8::MAX;

/// The index of `text` in [`POOL`], or [`UNPOOLED`].
fn pool_index(text: &[u8]) -> u8 {
    // Pool names are one to three bytes: longer text is decided by its length alone.
    if text.len() > 3 {
        return UNPOOLED;
    }
    POOL.iter().position(|p| p.as_bytes() == text).map_or(UNPOOLED, |i| i as u8)
}

/// An identifier or property name of at most [`NAME_CAPACITY`] bytes. It dereferences to `str`, and
/// orders like its text (the unused tail is zeroed, names contain no NUL, and the pool index is a
/// function of the text).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    bytes: [u8; NAME_CAPACITY],
    len: u8,
    pool: u8,
}

impl Name {
    /// The name `text`.
    ///
    /// # Panics
    ///
    /// If `text` is longer than [`NAME_CAPACITY`] bytes. Every name the generator makes is far
    /// shorter; use [`Name::try_new`] for text from elsewhere.
    pub fn new(text: &str) -> Name {
        match Name::try_new(text) {
            Some(name) => name,
            None => panic!("identifier `{text}` is longer than {NAME_CAPACITY} bytes"),
        }
    }

    /// The name `text`, or `None` if it does not fit.
    pub fn try_new(text: &str) -> Option<Name> {
        if text.len() > NAME_CAPACITY {
            return None;
        }
        let mut bytes = [0; NAME_CAPACITY];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(Name { bytes, len: text.len() as u8, pool: pool_index(text.as_bytes()) })
    }

    /// `prefix` followed by the decimal digits of `n` (numbered fallback names, labels), without
    /// going through a formatted `String`.
    pub fn numbered(prefix: &str, n: u32) -> Name {
        let mut digits = [0u8; 20];
        let tail = decimal(u64::from(n), &mut digits);
        let mut name = Name::new(prefix);
        let start = name.len as usize;
        assert!(start + tail.len() <= NAME_CAPACITY, "numbered name `{prefix}{n}` is too long");
        name.bytes[start..start + tail.len()].copy_from_slice(tail);
        name.len += tail.len() as u8;
        // Pool names have no digits.
        name.pool = UNPOOLED;
        name
    }

    /// The bit of this name in a [`PoolBits`], if it is a pool name.
    fn pool_bit(self) -> Option<u32> {
        (self.pool != UNPOOLED).then(|| 1 << self.pool)
    }

    pub fn as_str(&self) -> &str {
        let bytes = &self.bytes[..self.len as usize];
        // SAFETY: the bytes are a whole `&str` (`try_new`), possibly followed by ASCII digits
        // (`numbered`): valid UTF-8. This is the generator's hottest accessor, so no re-validation.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

/// The decimal digits of `n`, written at the end of `buf` (without the formatting machinery, which
/// is slow for the thousands of small numbers in a program).
pub(crate) fn decimal(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buf[at..]
}

impl Default for Name {
    fn default() -> Name {
        Name { bytes: [0; NAME_CAPACITY], len: 0, pool: UNPOOLED }
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name::new(text)
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// What generator functions accept as a name: a [`Name`] (copied as is) or text (made into one), so
/// that hot paths holding a `Name` do not rebuild it from its text.
pub trait AsName {
    fn as_name(&self) -> Name;
}

impl AsName for Name {
    fn as_name(&self) -> Name {
        *self
    }
}

impl AsName for str {
    fn as_name(&self) -> Name {
        Name::new(self)
    }
}

impl AsName for String {
    fn as_name(&self) -> Name {
        Name::new(self)
    }
}

impl<T: AsName + ?Sized> AsName for &T {
    fn as_name(&self) -> Name {
        (**self).as_name()
    }
}

/// Which pool names a set holds, one bit each: exact, so a membership test of a pool name (the
/// common case) needs no search.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PoolBits(u32);

impl PoolBits {
    pub fn add(&mut self, name: Name) {
        if let Some(bit) = name.pool_bit() {
            self.0 |= bit;
        }
    }

    /// Whether the set holds `name`: exact for a pool name; for any other name, `search` decides.
    pub fn contains_or(self, name: Name, search: impl FnOnce() -> bool) -> bool {
        match name.pool_bit() {
            Some(bit) => self.0 & bit != 0,
            None => search(),
        }
    }

    pub fn clear(&mut self) {
        self.0 = 0;
    }

    /// Every pool name.
    pub fn all() -> PoolBits {
        PoolBits((1 << POOL.len()) - 1)
    }

    pub fn union(self, other: PoolBits) -> PoolBits {
        PoolBits(self.0 | other.0)
    }
}

/// A small set of names (a scope's hoisted or looked-through names): a few entries, so a vector,
/// with the pool names also as bits.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameSet {
    names: Vec<Name>,
    pooled: PoolBits,
}

impl NameSet {
    pub fn contains(&self, name: Name) -> bool {
        self.pooled.contains_or(name, || self.names.contains(&name))
    }

    pub fn insert(&mut self, name: Name) {
        if !self.contains(name) {
            self.names.push(name);
            self.pooled.add(name);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn clear(&mut self) {
        self.names.clear();
        self.pooled.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = Name> + '_ {
        self.names.iter().copied()
    }

    /// The pool names in the set.
    pub fn pooled(&self) -> PoolBits {
        self.pooled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_text_and_order_like_it() {
        let mut names: Vec<Name> = ["b", "ab", "a", "arr", "x1", ""].into_iter().map(Name::new).collect();
        names.sort();
        let texts: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
        assert_eq!(texts, ["", "a", "ab", "arr", "b", "x1"]);
        assert_eq!(Name::new("fs"), "fs");
        assert_ne!(Name::new("f"), "fs");
        assert_eq!(format!("{}|{:?}", Name::new("wr3"), Name::new("wr3")), "wr3|\"wr3\"");
    }

    #[test]
    fn numbered_names_append_decimal_digits() {
        assert_eq!(Name::numbered("v", 0), "v0");
        assert_eq!(Name::numbered("wrSmall", 407), "wrSmall407");
        assert_eq!(Name::numbered("Cls", u32::MAX), format!("Cls{}", u32::MAX).as_str());
    }

    #[test]
    fn pool_names_carry_their_index_and_others_none() {
        for (i, text) in POOL.iter().enumerate() {
            assert_eq!(Name::new(text).pool_bit(), Some(1 << i), "{text}");
        }
        for text in ["", "print", "ab", "v", "fn", "Cls", "arguments"] {
            assert_eq!(Name::new(text).pool_bit(), None, "{text}");
        }
        // A numbered name built on a pool name is not the pool name.
        assert_eq!(Name::numbered("i", 3).pool_bit(), None);
        assert_ne!(Name::numbered("i", 3), Name::new("i"));
        let mut bits = PoolBits::default();
        bits.add(Name::new("x"));
        assert!(bits.contains_or(Name::new("x"), || unreachable!("a pool name needs no search")));
        assert!(!bits.contains_or(Name::new("y"), || unreachable!("a pool name needs no search")));
        assert!(bits.contains_or(Name::new("x1"), || true) && !bits.contains_or(Name::new("x1"), || false));
        let mut set = NameSet::default();
        set.insert(Name::new("err"));
        set.insert(Name::new("v7"));
        assert!(set.contains(Name::new("err")) && set.contains(Name::new("v7")));
        assert!(!set.contains(Name::new("e")) && !set.contains(Name::new("v8")));
    }

    #[test]
    fn text_longer_than_the_capacity_is_refused() {
        let long = "x".repeat(NAME_CAPACITY + 1);
        assert!(Name::try_new(&long).is_none());
        assert_eq!(Name::try_new(&long[1..]).map(|n| n.len()), Some(NAME_CAPACITY));
    }
}
