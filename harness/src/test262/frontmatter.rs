//! The YAML front matter of a test262 test (`/*--- ... ---*/`): the few keys a runner acts on.
//!
//! test262's front matter uses a small, regular subset of YAML, so this is a line-based reader
//! rather than a YAML library: top-level `key: value` lines, flow lists (`[a, b]`, possibly over
//! several lines), block lists (`- item` lines indented under the key), one nested map
//! (`negative:` with `phase:` and `type:`) and block scalars (`|`, `>`), whose content is skipped.
//! Keys other than `flags`, `includes`, `features` and `negative` are ignored.

use thiserror::Error;

/// The keys of a test's front matter that decide how it runs and what counts as passing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontmatter {
    /// `flags:` in the order written (`onlyStrict`, `noStrict`, `raw`, `async`, `module`, ...).
    pub flags: Vec<String>,
    /// `includes:`: harness file names, evaluated in this order after the standard prelude.
    pub includes: Vec<String>,
    /// `features:`: informational; kept for reports and filters.
    pub features: Vec<String>,
    /// `negative:`: the error the test must end with, and when.
    pub negative: Option<Negative>,
}

/// A negative test's expectation: `negative: { phase: parse, type: SyntaxError }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    /// When the error must happen.
    pub phase: Phase,
    /// The error constructor's name (`SyntaxError`, `ReferenceError`, ...).
    pub error_type: String,
}

/// When a negative test's error must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// While parsing, including early errors: nothing of the test may run.
    Parse,
    /// While resolving modules (module tests only); judged like `parse` for scripts.
    Resolution,
    /// While running: the script parses, then throws an uncaught exception of the type.
    Runtime,
}

/// Why a test's front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrontmatterError {
    /// No `/*---` opener.
    #[error("no front matter (a `/*---` ... `---*/` comment)")]
    Missing,
    /// `/*---` without a `---*/`.
    #[error("front matter is not closed: `/*---` has no matching `---*/`")]
    Unterminated,
    /// A flow list `[a, b` that never closes.
    #[error("the `{key}:` list is not closed with `]`")]
    UnclosedList {
        /// The key whose list is open.
        key: String,
    },
    /// `negative:` without `phase:` or `type:`, or with an unknown phase.
    #[error("invalid `negative:` block: {0}")]
    Negative(String),
}

impl Frontmatter {
    /// True when `flags:` contains `flag`.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// `flags: [async]`: the test signals its end through `print` (`$DONE`).
    pub fn is_async(&self) -> bool {
        self.has_flag("async")
    }

    /// `flags: [raw]`: the file runs untouched, without prelude or strict variant.
    pub fn is_raw(&self) -> bool {
        self.has_flag("raw")
    }
}

/// Reads the front matter of a test's source.
pub fn parse(source: &str) -> Result<Frontmatter, FrontmatterError> {
    let start = source.find("/*---").ok_or(FrontmatterError::Missing)? + "/*---".len();
    let length = source[start..].find("---*/").ok_or(FrontmatterError::Unterminated)?;
    parse_yaml(&source[start..start + length])
}

/// The top-level keys whose values this reader keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Flags,
    Includes,
    Features,
    Negative,
    /// Any other key: its value and indented continuation lines are skipped.
    Other,
}

impl Key {
    fn of(name: &str) -> Key {
        match name {
            "flags" => Key::Flags,
            "includes" => Key::Includes,
            "features" => Key::Features,
            "negative" => Key::Negative,
            _ => Key::Other,
        }
    }
}

fn parse_yaml(yaml: &str) -> Result<Frontmatter, FrontmatterError> {
    let mut frontmatter = Frontmatter::default();
    let mut phase: Option<String> = None;
    let mut error_type: Option<String> = None;
    let mut saw_negative = false;

    let mut key = Key::Other;
    let mut key_name = String::new();
    // An open flow list (`[a,` ... `b]`) collecting text until its `]`.
    let mut open_list: Option<String> = None;

    for line in yaml.lines() {
        if let Some(text) = open_list.as_mut() {
            text.push(' ');
            text.push_str(strip_comment(line).trim());
            if text.contains(']') {
                let text = open_list.take().unwrap_or_default();
                push_items(&mut frontmatter, key, flow_items(&text));
            }
            continue;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        // YAML lets a block list sit at its key's own indentation (`includes:` then `- a.js`).
        let indented = line.starts_with(' ') || line.starts_with('\t') || line.starts_with('-');
        if !indented {
            if let Some((name, value)) = top_level_entry(line) {
                key = Key::of(name);
                key_name = name.to_owned();
                saw_negative |= key == Key::Negative;
                let value = strip_comment(value).trim();
                if value.starts_with('[') {
                    if value.contains(']') {
                        push_items(&mut frontmatter, key, flow_items(value));
                    } else {
                        open_list = Some(value.to_owned());
                    }
                } else if !value.is_empty() && !value.starts_with('|') && !value.starts_with('>') {
                    // A scalar on a list key (`flags: raw`) is a one-item list.
                    push_items(&mut frontmatter, key, vec![unquote(value).to_owned()]);
                }
                continue;
            }
            // A column-0 line that is no `key:` continues a plain scalar; nothing to keep.
            continue;
        }
        let item = line.trim();
        match key {
            Key::Flags | Key::Includes | Key::Features => {
                if let Some(value) = item.strip_prefix('-') {
                    push_items(&mut frontmatter, key, vec![unquote(strip_comment(value).trim()).to_owned()]);
                }
            }
            Key::Negative => {
                if let Some((name, value)) = item.split_once(':') {
                    let value = unquote(strip_comment(value).trim()).to_owned();
                    match name.trim() {
                        "phase" => phase = Some(value),
                        "type" => error_type = Some(value),
                        _ => {}
                    }
                }
            }
            Key::Other => {}
        }
    }
    if open_list.is_some() {
        return Err(FrontmatterError::UnclosedList { key: key_name });
    }
    if saw_negative {
        frontmatter.negative = Some(negative(phase, error_type)?);
    }
    Ok(frontmatter)
}

fn negative(phase: Option<String>, error_type: Option<String>) -> Result<Negative, FrontmatterError> {
    let phase = match phase.as_deref() {
        Some("parse") => Phase::Parse,
        Some("resolution") => Phase::Resolution,
        Some("runtime") => Phase::Runtime,
        Some(other) => return Err(FrontmatterError::Negative(format!("unknown phase `{other}`"))),
        None => return Err(FrontmatterError::Negative("no `phase:`".to_owned())),
    };
    match error_type {
        Some(error_type) if !error_type.is_empty() => Ok(Negative { phase, error_type }),
        _ => Err(FrontmatterError::Negative("no `type:`".to_owned())),
    }
}

/// `name: value` when `line` starts with a YAML key (letters, digits, `_`, `-`).
fn top_level_entry(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let is_key = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then_some((name, value))
}

fn push_items(frontmatter: &mut Frontmatter, key: Key, items: Vec<String>) {
    let list = match key {
        Key::Flags => &mut frontmatter.flags,
        Key::Includes => &mut frontmatter.includes,
        Key::Features => &mut frontmatter.features,
        Key::Negative | Key::Other => return,
    };
    list.extend(items.into_iter().filter(|item| !item.is_empty()));
}

/// The items of a flow list `[a, 'b', c]`.
fn flow_items(text: &str) -> Vec<String> {
    let inner = text.trim().trim_start_matches('[');
    let inner = inner.split(']').next().unwrap_or_default();
    inner.split(',').map(|item| unquote(item.trim()).to_owned()).collect()
}

/// Cuts a ` # comment` off a value.
fn strip_comment(text: &str) -> &str {
    match text.find(" #") {
        Some(at) => &text[..at],
        None => text,
    }
}

fn unquote(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|rest| rest.strip_suffix(quote)) {
            return inner;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    #[test]
    fn flow_lists_and_negative_maps() {
        let source = r#"// Copyright
/*---
esid: sec-let
description: >
  A multi-line description: with a colon
  - and a dash
info: |
  flags: [notReally]
  negative:
negative:
  phase: parse
  type: SyntaxError
flags: [onlyStrict, 'async']
includes: [propertyHelper.js, fnGlobalObject.js]
features: [let]
---*/
$DONOTEVALUATE();
"#;
        let frontmatter = parse(source).expect("valid front matter");
        assert_eq!(frontmatter.flags, strings(&["onlyStrict", "async"]));
        assert_eq!(frontmatter.includes, strings(&["propertyHelper.js", "fnGlobalObject.js"]));
        assert_eq!(frontmatter.features, strings(&["let"]));
        assert_eq!(frontmatter.negative, Some(Negative { phase: Phase::Parse, error_type: "SyntaxError".to_owned() }));
        assert!(frontmatter.is_async());
        assert!(!frontmatter.is_raw());
    }

    #[test]
    fn block_lists_and_multi_line_flow_lists() {
        let source =
            "/*---\nflags:\n  - noStrict\n  - raw # untouched\nfeatures: [a,\n  b, c]\nincludes:\n- x.js\n---*/";
        let frontmatter = parse(source).expect("valid front matter");
        assert_eq!(frontmatter.flags, strings(&["noStrict", "raw"]));
        assert_eq!(frontmatter.features, strings(&["a", "b", "c"]));
        assert_eq!(frontmatter.includes, strings(&["x.js"]), "YAML allows a list at its key's indentation");
        assert_eq!(frontmatter.negative, None);
    }

    #[test]
    fn runtime_negatives() {
        let source = "/*---\nnegative:\n  type: ReferenceError\n  phase: runtime\n---*/";
        let negative = parse(source).expect("valid").negative.expect("negative");
        assert_eq!(negative, Negative { phase: Phase::Runtime, error_type: "ReferenceError".to_owned() });
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse("var x;"), Err(FrontmatterError::Missing));
        assert_eq!(parse("/*--- flags: []"), Err(FrontmatterError::Unterminated));
        assert_eq!(parse("/*---\nflags: [a,\n---*/"), Err(FrontmatterError::UnclosedList { key: "flags".to_owned() }));
        assert!(matches!(parse("/*---\nnegative:\n  type: SyntaxError\n---*/"), Err(FrontmatterError::Negative(_))));
        assert!(matches!(
            parse("/*---\nnegative:\n  phase: later\n  type: SyntaxError\n---*/"),
            Err(FrontmatterError::Negative(_))
        ));
    }

    #[test]
    fn no_keys_is_an_empty_front_matter() {
        assert_eq!(parse("/*---\ndescription: nothing\n---*/"), Ok(Frontmatter::default()));
    }
}
