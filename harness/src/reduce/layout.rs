//! Tidy the layout: drop comments, blank lines and trailing whitespace.

use oxc_ast::CommentKind;

use super::edit::{with_program, Edit};
use super::Pass;

/// Two candidates: remove every comment (a comment alone on its lines goes with them; an inline
/// block comment becomes one space so tokens never merge), and remove blank lines and trailing
/// whitespace. Neither changes what a program means unless it depends on its own source text
/// (`Function.prototype.toString`), which the interestingness test notices.
#[derive(Debug, Clone, Copy)]
pub struct TidyLayout;

impl Pass for TidyLayout {
    fn name(&self) -> &'static str {
        "tidy-layout"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        let comments = with_program(source, |program| {
            program.comments.iter().map(|comment| (comment.span, comment.kind)).collect::<Vec<_>>()
        })
        .unwrap_or_default();
        if !comments.is_empty() {
            let edit = comments.iter().fold(Edit::empty(), |edit, (span, kind)| {
                let (start, end) = (span.start as usize, span.end as usize);
                let whole_lines = Edit::delete_lines(source, start, end);
                let removal = if whole_lines != Edit::replace_range(start, end, "") {
                    whole_lines
                } else if *kind == CommentKind::Line {
                    Edit::replace_range(start, end, "")
                } else {
                    Edit::replace_range(start, end, " ")
                };
                edit.and(removal)
            });
            edits.push(edit);
        }
        let tidy: Vec<&str> = source.lines().map(str::trim_end).filter(|line| !line.is_empty()).collect();
        let mut tidy = tidy.join("\n");
        if source.ends_with('\n') && !tidy.is_empty() {
            tidy.push('\n');
        }
        if tidy != source {
            edits.push(Edit::replace_range(0, source.len(), tidy));
        }
        edits
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn comments_go_whole_lines_first() {
        let source = "// header\nf(); // trailing\ng(/* inline */1);\n";
        assert_eq!(apply_all(&TidyLayout, source), ["f(); \ng( 1);\n"]);
    }

    #[test]
    fn blank_lines_and_trailing_spaces_go() {
        assert_eq!(apply_all(&TidyLayout, "f();  \n\n\ng();\n"), ["f();\ng();\n"]);
        assert_eq!(apply_all(&TidyLayout, "f();\ng();\n"), Vec::<String>::new());
    }
}
