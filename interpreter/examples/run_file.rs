//! Runs one file on the reference interpreter: `cargo run -p interpreter --example run_file -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: run_file FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let out = interpreter::run(&source, &interpreter::Limits::default());
    for line in &out.printed {
        println!("{line}");
    }
    println!("-- {:?}", out.completion);
}
