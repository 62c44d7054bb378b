//! Runs a script file on the reference interpreter and prints what it printed and how it ended:
//! `cargo run -p interpreter --example run -- FILE.js` (or `-` for standard input).

use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let mut source = String::new();
    if path == "-" {
        std::io::stdin().read_to_string(&mut source).expect("read standard input");
    } else {
        source = std::fs::read_to_string(&path).expect("read the script");
    }
    let out = interpreter::run(&source, &interpreter::Limits::default());
    for line in &out.printed {
        println!("{line}");
    }
    println!("-- {:?}", out.completion);
    if let Some(m) = out.thrown_message {
        println!("-- message: {m}");
    }
}
