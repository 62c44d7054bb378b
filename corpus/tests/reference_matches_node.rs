//! The reference interpreter is never silently wrong on the corpus: for every program it either gives
//! exactly the outcome node recorded when the program was written (`corpus/tools/node-expected.jsonl`)
//! or refuses the program as unsupported. Lifetime probe lines are the exception: whether node has
//! collected a `retained` or `garbage` object is node's business, but it must keep every `live` one.
//!
//! After adding or editing a program, regenerate the record from the repository root with
//! `node corpus/tools/node-outcome.js $(ls corpus/programs/*/*.js | grep -v /limits/ | LC_ALL=C sort) > corpus/tools/node-expected.jsonl`.

use std::collections::BTreeMap;
use std::path::Path;

use harness::lifetime::{is_probe_line, parse_probe, LifetimeClass};
use harness::{End, Engine, ReferenceEngine};

const RECORD: &str = include_str!("../tools/node-expected.jsonl");

struct NodeOutcome {
    status: String,
    output: Vec<String>,
    error: Option<String>,
}

fn node_record() -> BTreeMap<String, NodeOutcome> {
    RECORD
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("node-expected.jsonl line is JSON");
            let file = v["file"].as_str().expect("file").trim_start_matches("corpus/").to_string();
            let output =
                v["output"].as_array().expect("output").iter().map(|l| l.as_str().unwrap_or("").into()).collect();
            let outcome = NodeOutcome {
                status: v["status"].as_str().expect("status").to_string(),
                output,
                error: v["error"].as_str().map(str::to_string),
            };
            (file, outcome)
        })
        .collect()
}

/// Lifetime probe lines are judged, not compared (see `harness::lifetime`): the other lines, and the
/// names of the probes the reference calls live (which node must have kept).
fn split_probes(output: &[String]) -> (Vec<String>, Vec<String>) {
    let compared = output.iter().filter(|line| !is_probe_line(line)).cloned().collect();
    let live = output
        .iter()
        .filter_map(|line| parse_probe(line))
        .filter(|probe| probe.class == Some(LifetimeClass::Live))
        .map(|probe| probe.name.to_owned())
        .collect();
    (compared, live)
}

#[test]
fn reference_agrees_with_node_or_refuses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let record = node_record();
    let engine = ReferenceEngine::default();
    let mut programs: Vec<String> = Vec::new();
    for dir in std::fs::read_dir(root.join("programs")).expect("corpus/programs") {
        let dir = dir.expect("entry").path();
        if dir.file_name().is_some_and(|n| n == "limits") {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("category dir") {
            let file = file.expect("entry").path();
            if file.extension().is_some_and(|e| e == "js") {
                programs.push(file.strip_prefix(root).expect("under corpus").to_string_lossy().replace('\\', "/"));
            }
        }
    }
    programs.sort();
    let mut failures = Vec::new();
    let mut unsupported = 0;
    for program in &programs {
        let Some(node) = record.get(program) else {
            failures.push(format!("{program}: no node record; regenerate node-expected.jsonl (see this file's docs)"));
            continue;
        };
        let source = std::fs::read_to_string(root.join(program)).expect("program readable");
        let ours = engine.run(&source);
        if let End::Unsupported(_) = ours.end {
            unsupported += 1;
            continue;
        }
        let error = match &ours.end {
            End::Threw(name) => Some(name.clone()),
            _ => None,
        };
        let node_error = if node.status == "threw" { node.error.clone() } else { None };
        let (ours_compared, live) = split_probes(&ours.output);
        let node_compared: Vec<String> = node.output.iter().filter(|line| !is_probe_line(line)).cloned().collect();
        let node_kept_live = live.iter().all(|name| node.output.contains(&format!("lifetime {name} kept")));
        if ours.end.status() != node.status || ours_compared != node_compared || error != node_error || !node_kept_live
        {
            failures.push(format!(
                "{program}:\n  node: {} {:?} {:?}\n  ref:  {} {:?} {:?}",
                node.status, node.error, node.output, ours.end, error, ours.output
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from node:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
    assert!(unsupported * 10 <= programs.len(), "{unsupported} of {} corpus programs are unsupported", programs.len());
}
