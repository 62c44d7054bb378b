//! `cargo run --release -p generator --example dump -- DIR [COUNT] [SEED] [PROFILE] [SIZE] [CATEGORY]`
//! (with a category, every other category's weight is 0): writes
//! programs `DIR/seed-N.js` and one JSON line per program to `DIR/ref.jsonl` with how the reference
//! interpreter ended and what it printed (lifetime probe lines with the reference's class
//! appended: `lifetime live0 kept live`). Used by `tools/node-check.sh`, so that the check needs
//! nothing but this crate and node.
use std::fmt::Write as _;

use generator::{Category, Config, Profile, Program, Size};
use interpreter::{Completion, LifetimeClass, Limits};

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: dump DIR [COUNT] [SEED] [PROFILE] [SIZE] [CATEGORY]");
    let count: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let profile = args.next().and_then(|p| Profile::from_name(&p)).unwrap_or_default();
    let size = args.next().and_then(|s| Size::from_name(&s)).unwrap_or_default();
    let mut cfg = Config { profile, ..Config::sized(size) };
    if let Some(only) = args.next().and_then(|c| Category::from_name(&c)) {
        for c in Category::ALL {
            if c != only {
                cfg.set_weight(c, 0);
            }
        }
    }
    std::fs::create_dir_all(&dir).expect("create the output directory");
    let mut jsonl = String::new();
    for s in seed..seed + count {
        let text = Program::from_seed(s, &cfg).to_string();
        let file = format!("{dir}/seed-{s}.js");
        std::fs::write(&file, &text).expect("write a program");
        let out = interpreter::run(&text, &Limits::default());
        let status = match &out.completion {
            Completion::Normal => "ok".to_string(),
            Completion::Threw { constructor } => format!("threw {constructor}"),
            Completion::SyntaxError { .. } => "syntax-error".to_string(),
            Completion::Exhausted(r) => format!("exhausted {}", r.name()),
            Completion::Unsupported(what) => format!("unsupported {what}"),
        };
        // Probe lines carry the reference's class, as the harness shows them (`lifetime p kept live`).
        let mut probes = out.lifetime.iter();
        let mut next_probe = probes.next();
        let output: Vec<String> = out
            .printed
            .iter()
            .map(|l| {
                if let Some(p) = next_probe.filter(|p| l.starts_with(&format!("lifetime {} ", p.name))) {
                    next_probe = probes.next();
                    let class = match p.class {
                        Some(LifetimeClass::Live) => " live",
                        Some(LifetimeClass::Retained) => " retained",
                        Some(LifetimeClass::Garbage) => " garbage",
                        None => "",
                    };
                    return json_string(&format!("{l}{class}"));
                }
                json_string(l)
            })
            .collect();
        let _ = writeln!(
            jsonl,
            "{{\"file\":{},\"status\":{},\"output\":[{}]}}",
            json_string(&file),
            json_string(&status),
            output.join(",")
        );
    }
    std::fs::write(format!("{dir}/ref.jsonl"), jsonl).expect("write ref.jsonl");
}
