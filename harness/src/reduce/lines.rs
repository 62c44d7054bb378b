//! Remove lines: the fallback for sources `oxc` cannot parse, where no syntax tree is available.

use super::edit::Edit;
use super::Pass;

/// Removes `chunk` consecutive lines at a time, from the last chunk to the first; the driver halves
/// `chunk` down to 1 as for statements.
#[derive(Debug, Clone, Copy)]
pub struct RemoveLines {
    /// Lines removed per candidate; at least 1.
    pub chunk: usize,
}

impl Pass for RemoveLines {
    fn name(&self) -> &'static str {
        "remove-lines"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        let chunk = self.chunk.max(1);
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(at, _)| at + 1).filter(|at| *at < source.len()));
        let mut edits = Vec::new();
        let firsts: Vec<usize> = (0..starts.len()).step_by(chunk).collect();
        for &first in firsts.iter().rev() {
            let end = starts.get(first + chunk).copied().unwrap_or(source.len());
            edits.push(Edit::replace_range(starts[first], end, ""));
        }
        edits
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn chunks_of_lines_from_the_end() {
        assert_eq!(apply_all(&RemoveLines { chunk: 2 }, "a\nb\nc\n"), ["a\nb\n", "c\n"]);
        assert_eq!(apply_all(&RemoveLines { chunk: 1 }, "a\nb"), ["a\n", "b"]);
    }
}
