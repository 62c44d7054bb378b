//! [`Name`]: identifiers and property names, stored inline.
//!
//! The generator compares and copies names constantly (scope lookups, shadowing checks, every read and
//! write it emits). Names are short by construction (a pool of one- to three-letter names, numbered
//! fallbacks such as `v12` or `wrSmall3`, and built-in property names), so they live in a fixed
//! array: `Copy`, no heap allocation, and equality is a comparison of two small arrays.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// The longest name a [`Name`] holds, in bytes.
pub const NAME_CAPACITY: usize = 23;

/// An identifier or property name of at most [`NAME_CAPACITY`] bytes. It dereferences to `str`, and
/// orders like its text (the unused tail is zeroed, and names contain no NUL).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    bytes: [u8; NAME_CAPACITY],
    len: u8,
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
        Some(Name { bytes, len: text.len() as u8 })
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
        name
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
        Name { bytes: [0; NAME_CAPACITY], len: 0 }
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

/// A small set of names (a scope's hoisted or looked-through names): a few entries, so a vector.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameSet(Vec<Name>);

impl NameSet {
    pub fn contains(&self, name: Name) -> bool {
        self.0.contains(&name)
    }

    pub fn insert(&mut self, name: Name) {
        if !self.contains(name) {
            self.0.push(name);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = Name> + '_ {
        self.0.iter().copied()
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
    fn text_longer_than_the_capacity_is_refused() {
        let long = "x".repeat(NAME_CAPACITY + 1);
        assert!(Name::try_new(&long).is_none());
        assert_eq!(Name::try_new(&long[1..]).map(|n| n.len()), Some(NAME_CAPACITY));
    }
}
