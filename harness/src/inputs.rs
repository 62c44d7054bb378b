//! Finding and reading the programs named on the command line.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A program path that cannot be used. Each message names the path and says what is wrong with it.
#[derive(Debug, Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("{}: no such file or directory", path.display())]
    Missing { path: PathBuf },
    /// The file exists but is not UTF-8 text.
    #[error("{}: not valid UTF-8 (programs must be UTF-8 text)", path.display())]
    NotUtf8 { path: PathBuf },
    /// Any other I/O failure.
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl InputError {
    fn from_io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            InputError::Missing { path: path.to_owned() }
        } else {
            InputError::Io { path: path.to_owned(), source }
        }
    }
}

/// Expands `paths` into the list of programs to run: a file is taken as given (whatever its
/// extension); a directory contributes every `*.js` file below it, recursively, in sorted order.
/// Arguments keep their order. Symbolic links to directories are not followed, so cycles are harmless.
pub fn collect_programs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut programs = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|err| InputError::from_io(path, err))?;
        if metadata.is_dir() {
            let mut found = Vec::new();
            walk_js_files(path, &mut found)?;
            found.sort();
            programs.extend(found);
        } else {
            programs.push(path.clone());
        }
    }
    Ok(programs)
}

fn walk_js_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries = fs::read_dir(dir).map_err(|err| InputError::from_io(dir, err))?;
    for entry in entries {
        let entry = entry.map_err(|err| InputError::from_io(dir, err))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|err| InputError::from_io(&path, err))?;
        if file_type.is_dir() {
            walk_js_files(&path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "js") {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads one program as UTF-8 text.
pub fn read_program(path: &Path) -> Result<String, InputError> {
    let bytes = fs::read(path).map_err(|err| InputError::from_io(path, err))?;
    String::from_utf8(bytes).map_err(|_| InputError::NotUtf8 { path: path.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("closure-diff-inputs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir is writable");
        dir
    }

    #[test]
    fn directories_are_walked_recursively_for_sorted_js_files() {
        let dir = scratch("walk");
        fs::create_dir_all(dir.join("b/inner")).expect("mkdir");
        for file in ["b/inner/z.js", "b/a.js", "a.js", "notes.txt", "c.mjs"] {
            fs::write(dir.join(file), "print(1)").expect("write");
        }
        let programs = collect_programs(std::slice::from_ref(&dir)).expect("collect");
        let relative: Vec<_> = programs.iter().map(|p| p.strip_prefix(&dir).expect("below dir").to_owned()).collect();
        assert_eq!(relative, [PathBuf::from("a.js"), PathBuf::from("b/a.js"), PathBuf::from("b/inner/z.js")]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn files_are_taken_as_given_and_missing_paths_are_reported() {
        let dir = scratch("files");
        let file = dir.join("prog.txt");
        fs::write(&file, "print(1)").expect("write");
        assert_eq!(collect_programs(std::slice::from_ref(&file)).expect("collect"), std::slice::from_ref(&file));
        let missing = dir.join("missing.js");
        let err = collect_programs(&[file, missing.clone()]).expect_err("missing path");
        assert_eq!(err.to_string(), format!("{}: no such file or directory", missing.display()));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn non_utf8_files_are_rejected() {
        let dir = scratch("utf8");
        let file = dir.join("bad.js");
        fs::write(&file, b"print('\xff')").expect("write");
        assert!(matches!(read_program(&file), Err(InputError::NotUtf8 { .. })));
        let _ = fs::remove_dir_all(&dir);
    }
}
