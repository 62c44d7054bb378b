//! `closure-diff matrix` on the embedded engines: per-category cells, reduced repros linked from
//! failing cells, and the HTML page checked in headless Chromium (skipped, saying so, without it).

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use generator::Size;
use harness::matrix::{run_matrix, Matrix, MatrixConfig};

/// Boa reads `y` after the assignment in the right operand: a known Boa bug, in the `escape` row.
const BOA_BUG: &str = "print([6, 8, 4].map((y) => y + (y = 0)).join());\n";
const AGREED: &str = "let n = 0; const inc = () => ++n; inc(); print(inc());\n";

fn matrix(dir: &Path) -> Matrix {
    fs::write(dir.join("bug.js"), BOA_BUG).unwrap();
    fs::write(dir.join("agreed.js"), AGREED).unwrap();
    let config = MatrixConfig {
        engines: vec!["ref".into(), "boa".into(), "quickjs".into()],
        programs: 19,
        seed: 7,
        size: Size::Small,
        corpus: vec![(dir.join("bug.js"), "escape".into()), (dir.join("agreed.js"), "capture-write".into())],
        repros_per_cell: 2,
        reduce_time: Duration::from_secs(5),
        progress: false,
    };
    run_matrix(&config).expect("embedded engines exist")
}

#[test]
fn failing_cells_link_reduced_repros_and_every_format_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = matrix(dir.path());
    assert_eq!(matrix.programs, 2 + 19);

    let escape_boa = &matrix.cells["escape"]["boa"];
    assert!(escape_boa.disagree >= 1, "{escape_boa:?}");
    assert!(!escape_boa.repros.is_empty(), "a failing cell links a repro: {escape_boa:?}");
    let repro = &matrix.repros[&escape_boa.repros[0]];
    assert_eq!(repro.engines, ["boa"]);
    assert!(repro.program.contains("y = 0"), "{}", repro.program);
    let escape_ref = &matrix.cells["escape"]["ref"];
    assert_eq!(escape_ref.disagree, 0, "{escape_ref:?}");
    assert!(matrix.cells["capture-write"]["ref"].agree >= 1);

    let out = dir.path().join("report");
    matrix.write(&out).unwrap();
    let markdown = fs::read_to_string(out.join("matrix.md")).unwrap();
    assert!(markdown.contains("| category | ref | boa | quickjs |"), "{markdown}");
    assert!(markdown.contains(&format!("(repros/{}.js)", repro.id)), "{markdown}");
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("matrix.json")).unwrap()).unwrap();
    assert_eq!(json["cells"]["escape"]["boa"]["repros"][0], repro.id.as_str());
    assert_eq!(fs::read_to_string(out.join("repros").join(format!("{}.js", repro.id))).unwrap(), repro.program);

    // Every link of the page has its target on the page.
    let html = fs::read_to_string(out.join("matrix.html")).unwrap();
    for link in html.split("href=\"#").skip(1) {
        let id = &link[..link.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{id}\"")), "dangling link #{id}");
    }
}

#[test]
fn the_html_page_renders_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok_and(|output| output.status.success()))
    else {
        // Straight to stderr: libtest captures `eprintln!` of passing tests, and a skip must show.
        let _ = writeln!(std::io::stderr(), "skipped: no chromium on PATH (scripts/install-engines.sh installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let matrix = matrix(dir.path());
    let out = dir.path().join("report");
    matrix.write(&out).unwrap();
    let id = &matrix.cells["escape"]["boa"].repros[0];
    let url = format!("file://{}#{id}", out.join("matrix.html").display());
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("<table id=\"matrix\">"), "the table renders: {dom}");
    let rows = dom.matches("<tr>").count();
    assert!(rows >= 3, "header, category rows and the lifetime row: {rows}");
    assert!(dom.contains(&format!("<section class=\"repro\" id=\"{id}\">")), "the linked repro is on the page");
    assert!(dom.contains("y = 0"), "the repro's program is shown");
}

/// An engine that implements its profile only in part gets programs of its own language: njs
/// (ES2015 without classes, generators, eval, default parameters, for-of, sloppy mode) runs them
/// instead of refusing nearly all. Skipped, saying so, without njs or node (a third engine, so that
/// a disagreement still has a majority).
#[test]
fn each_language_among_the_engines_gets_its_own_programs() {
    for engine in ["njs", "node"] {
        if let Err(err) = harness::engine_by_name(engine) {
            let _ = writeln!(std::io::stderr(), "skipped: {err}");
            return;
        }
    }
    let config = MatrixConfig {
        engines: vec!["ref".into(), "node".into(), "njs".into()],
        programs: 12,
        seed: 3,
        size: Size::Small,
        corpus: Vec::new(),
        repros_per_cell: 0,
        reduce_time: Duration::from_secs(1),
        progress: false,
    };
    let matrix = run_matrix(&config).expect("the engines exist");
    assert_eq!(matrix.programs, 2 * 12, "12 programs of ref's and node's language and 12 of njs's");
    assert_eq!(matrix.no_majority, 0);
    let ran_on = |engine: &str| -> usize {
        matrix.cells.values().filter_map(|row| row.get(engine)).map(|cell| cell.agree + cell.disagree).sum()
    };
    // Each program counts once per category it exercises: njs ran nearly all of its 12 (with
    // ref's language, it refused all but one or two).
    assert!(ran_on("njs") >= 10, "njs ran programs in {} cells: {:?}", ran_on("njs"), matrix.cells);
    assert!(ran_on("ref") > ran_on("njs"), "ref runs both languages' programs");
}
