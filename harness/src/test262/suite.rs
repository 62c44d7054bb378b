//! Loading a test262 checkout or slice: the test list, each test's source and front matter, and
//! the harness files the tests need.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::frontmatter::{self, Frontmatter, FrontmatterError};
use super::Mode;

/// The harness files every non-`raw` test starts with, in order.
const PRELUDE: &[&str] = &["assert.js", "sta.js"];
/// The harness file added after [`PRELUDE`] for `async` tests.
const ASYNC_PRELUDE: &str = "doneprintHandle.js";

/// A loaded suite: tests in path order and the harness files they use.
#[derive(Debug, Clone)]
pub struct Suite {
    root: PathBuf,
    tests: Vec<Test>,
    harness: BTreeMap<String, String>,
}

/// One test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Test {
    /// Relative to the suite directory, with `/` separators (`test/language/...`).
    pub path: String,
    /// The file's text.
    pub source: String,
    /// Its parsed front matter.
    pub frontmatter: Frontmatter,
}

/// Why a suite could not be loaded. Every variant names the path and says what to do.
#[derive(Debug, Error)]
pub enum SuiteError {
    /// The suite directory does not exist or is not a directory.
    #[error("{0}: not a directory; give a test262 checkout or slice (a directory with harness/ and test/)")]
    NotADirectory(PathBuf),
    /// `test/` or `harness/` is missing.
    #[error("{0}: missing; a test262 checkout or slice has harness/ and test/")]
    MissingPart(PathBuf),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// A test's front matter is malformed.
    #[error("{path}: {source}")]
    Frontmatter {
        /// The test, relative to the suite.
        path: String,
        /// What is wrong with it.
        source: FrontmatterError,
    },
    /// A test includes a harness file that is not in `harness/`.
    #[error("{test}: includes `{file}`, which is not in {dir}")]
    MissingHarness {
        /// The test that needs it.
        test: String,
        /// The file name.
        file: String,
        /// The harness directory that was searched.
        dir: PathBuf,
    },
    /// `--filter` or the manifest left no tests.
    #[error("{0}: no tests to run")]
    Empty(String),
}

impl Suite {
    /// Loads every test of the suite at `dir` whose path contains `filter` (all when `None`).
    ///
    /// The test list is `MANIFEST.txt` (one path per line) when present, else every `*.js` file
    /// under `test/` whose name does not contain `_FIXTURE`, sorted. Fails if anything listed cannot
    /// be read or parsed, or if a needed harness file is missing, so that a run never silently
    /// skips tests.
    pub fn load(dir: &Path, filter: Option<&str>) -> Result<Suite, SuiteError> {
        if !dir.is_dir() {
            return Err(SuiteError::NotADirectory(dir.to_owned()));
        }
        for part in ["harness", "test"] {
            if !dir.join(part).is_dir() {
                return Err(SuiteError::MissingPart(dir.join(part)));
            }
        }
        let mut paths = test_paths(dir)?;
        if let Some(filter) = filter {
            paths.retain(|path| path.contains(filter));
        }
        if paths.is_empty() {
            let what = match filter {
                Some(filter) => format!("{} with --filter `{filter}`", dir.display()),
                None => dir.display().to_string(),
            };
            return Err(SuiteError::Empty(what));
        }

        let mut tests = Vec::with_capacity(paths.len());
        for path in paths {
            let source = read(&dir.join(&path))?;
            let frontmatter =
                frontmatter::parse(&source).map_err(|source| SuiteError::Frontmatter { path: path.clone(), source })?;
            tests.push(Test { path, source, frontmatter });
        }

        let harness_dir = dir.join("harness");
        let mut harness = BTreeMap::new();
        for test in &tests {
            for file in prelude_files(test) {
                if harness.contains_key(file) {
                    continue;
                }
                let path = harness_dir.join(file);
                if !is_plain_name(file) || !path.is_file() {
                    return Err(SuiteError::MissingHarness {
                        test: test.path.clone(),
                        file: file.to_owned(),
                        dir: harness_dir,
                    });
                }
                harness.insert(file.to_owned(), read(&path)?);
            }
        }
        Ok(Suite { root: dir.to_owned(), tests, harness })
    }

    /// The directory the suite was loaded from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tests, in path order.
    pub fn tests(&self) -> &[Test] {
        &self.tests
    }

    /// Every run of the suite: each test in each of its modes, in report order.
    pub fn runs(&self) -> Vec<(&Test, Mode)> {
        self.tests
            .iter()
            .flat_map(|test| Mode::for_test(&test.frontmatter).iter().map(move |mode| (test, *mode)))
            .collect()
    }

    /// The script one run evaluates: `"use strict";\n` for strict runs, then the prelude files,
    /// then the test. `raw` tests are returned untouched.
    pub fn script(&self, test: &Test, mode: Mode) -> String {
        if test.frontmatter.is_raw() {
            return test.source.clone();
        }
        let mut script = String::new();
        if mode == Mode::Strict {
            script.push_str("\"use strict\";\n");
        }
        for file in prelude_files(test) {
            // `load` checked that every prelude file is present.
            if let Some(text) = self.harness.get(file) {
                script.push_str(text);
                if !text.ends_with('\n') {
                    script.push('\n');
                }
            }
        }
        script.push_str(&test.source);
        script
    }
}

/// The harness files a test's prelude consists of, in evaluation order (none for `raw` tests).
fn prelude_files(test: &Test) -> Vec<&str> {
    if test.frontmatter.is_raw() {
        return Vec::new();
    }
    let mut files: Vec<&str> = PRELUDE.to_vec();
    if test.frontmatter.is_async() {
        files.push(ASYNC_PRELUDE);
    }
    files.extend(test.frontmatter.includes.iter().map(String::as_str));
    files
}

/// A harness file name must not reach outside `harness/`.
fn is_plain_name(file: &str) -> bool {
    !file.is_empty() && !file.contains(['/', '\\']) && file != "." && file != ".."
}

fn read(path: &Path) -> Result<String, SuiteError> {
    fs::read_to_string(path).map_err(|source| SuiteError::Read { path: path.to_owned(), source })
}

/// `MANIFEST.txt` if present, else a walk of `test/`; sorted, with `/` separators.
fn test_paths(dir: &Path) -> Result<Vec<String>, SuiteError> {
    let manifest = dir.join("MANIFEST.txt");
    let mut paths = if manifest.is_file() {
        read(&manifest)?.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
    } else {
        let mut paths = Vec::new();
        walk(dir, Path::new("test"), &mut paths)?;
        paths
    };
    paths.sort();
    paths.dedup();
    Ok(paths)
}

fn walk(root: &Path, relative: &Path, paths: &mut Vec<String>) -> Result<(), SuiteError> {
    let dir = root.join(relative);
    let entries = fs::read_dir(&dir).map_err(|source| SuiteError::Read { path: dir.clone(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| SuiteError::Read { path: dir.clone(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = relative.join(&name);
        let file_type = entry.file_type().map_err(|source| SuiteError::Read { path: root.join(&child), source })?;
        if file_type.is_dir() {
            walk(root, &child, paths)?;
        } else if name.ends_with(".js") && !name.contains("_FIXTURE") {
            let components: Vec<String> =
                child.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
            paths.push(components.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway suite on disk.
    fn suite_dir(manifest: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
            fs::write(path, text).expect("write");
        };
        write("harness/assert.js", "var assert = 1;");
        write("harness/sta.js", "var sta = 2;\n");
        write("harness/doneprintHandle.js", "var done = 3;\n");
        write("harness/extra.js", "var extra = 4;\n");
        write("test/a/plain.js", "/*---\n---*/\nplain();\n");
        write("test/a/async.js", "/*---\nflags: [async, onlyStrict]\nincludes: [extra.js]\n---*/\nasync();\n");
        write("test/b/raw.js", "/*---\nflags: [raw]\n---*/\nraw();\n");
        write("test/b/x_FIXTURE.js", "fixture");
        write("test/b/notes.txt", "not a test");
        if let Some(manifest) = manifest {
            write("MANIFEST.txt", manifest);
        }
        dir
    }

    #[test]
    fn walks_test_when_there_is_no_manifest() {
        let dir = suite_dir(None);
        let suite = Suite::load(dir.path(), None).expect("loads");
        let paths: Vec<&str> = suite.tests().iter().map(|test| test.path.as_str()).collect();
        assert_eq!(paths, ["test/a/async.js", "test/a/plain.js", "test/b/raw.js"]);
        let runs: Vec<(&str, Mode)> = suite.runs().into_iter().map(|(test, mode)| (test.path.as_str(), mode)).collect();
        assert_eq!(
            runs,
            [
                ("test/a/async.js", Mode::Strict),
                ("test/a/plain.js", Mode::Sloppy),
                ("test/a/plain.js", Mode::Strict),
                ("test/b/raw.js", Mode::Sloppy),
            ]
        );
    }

    #[test]
    fn the_manifest_and_the_filter_choose_the_tests() {
        let dir = suite_dir(Some("test/b/raw.js\ntest/a/plain.js\n\n"));
        let suite = Suite::load(dir.path(), None).expect("loads");
        assert_eq!(suite.tests().len(), 2);
        let suite = Suite::load(dir.path(), Some("raw")).expect("loads");
        assert_eq!(suite.tests().len(), 1);
        let err = Suite::load(dir.path(), Some("nothing")).expect_err("empty");
        assert!(err.to_string().ends_with("with --filter `nothing`: no tests to run"), "{err}");
    }

    #[test]
    fn scripts_put_the_directive_first_and_the_prelude_before_the_test() {
        let dir = suite_dir(None);
        let suite = Suite::load(dir.path(), None).expect("loads");
        let [asynchronous, plain, raw] = suite.tests() else { panic!("three tests") };
        assert_eq!(
            suite.script(plain, Mode::Sloppy),
            "var assert = 1;\nvar sta = 2;\n/*---\n---*/\nplain();\n",
            "a newline is added after a harness file that lacks one"
        );
        assert!(suite.script(plain, Mode::Strict).starts_with("\"use strict\";\nvar assert = 1;\n"));
        assert_eq!(
            suite.script(asynchronous, Mode::Strict),
            "\"use strict\";\nvar assert = 1;\nvar sta = 2;\nvar done = 3;\nvar extra = 4;\n\
             /*---\nflags: [async, onlyStrict]\nincludes: [extra.js]\n---*/\nasync();\n"
        );
        assert_eq!(suite.script(raw, Mode::Sloppy), raw.source);
    }

    #[test]
    fn input_errors_name_the_path() {
        let dir = suite_dir(Some("test/missing.js\n"));
        let err = Suite::load(dir.path(), None).expect_err("missing test");
        assert!(err.to_string().contains("missing.js"), "{err}");

        let dir = suite_dir(None);
        fs::write(dir.path().join("test/a/bad.js"), "/*---\nincludes: [nope.js]\n---*/").expect("write");
        let err = Suite::load(dir.path(), None).expect_err("missing include");
        assert!(err.to_string().starts_with("test/a/bad.js: includes `nope.js`, which is not in"), "{err}");

        let err = Suite::load(&dir.path().join("nowhere"), None).expect_err("no directory");
        assert!(err.to_string().contains("not a directory"), "{err}");
    }
}
