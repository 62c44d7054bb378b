//! `cargo bench -p generator`: generates the same 300 programs (seeds 0..300, default config), then
//! runs them on the reference interpreter, and prints programs per second for both and the ratio of
//! generation time to interpretation time (issue 3's acceptance: well under a tenth).

use std::hint::black_box;
use std::time::{Duration, Instant};

use generator::{Config, Program};
use interpreter::Limits;

const PROGRAMS: u64 = 300;

fn per_second(count: u64, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn main() {
    let cfg = Config::default();

    // Generation is building the IR and printing it; both halves are also timed on their own.
    let start = Instant::now();
    let texts: Vec<String> = (0..PROGRAMS).map(|seed| Program::from_seed(black_box(seed), &cfg).to_string()).collect();
    let generation = start.elapsed();
    let start = Instant::now();
    let programs: Vec<Program> = (0..PROGRAMS).map(|seed| Program::from_seed(black_box(seed), &cfg)).collect();
    let building = start.elapsed();
    let start = Instant::now();
    for program in &programs {
        black_box(program.to_string());
    }
    let printing = start.elapsed();

    let limits = Limits::default();
    let start = Instant::now();
    for text in &texts {
        black_box(interpreter::run(black_box(text), &limits));
    }
    let interpretation = start.elapsed();

    let bytes: usize = texts.iter().map(String::len).sum();
    println!("generate: {PROGRAMS} programs (default config), {bytes} bytes of JavaScript");
    println!(
        "generation:  {:>10.3} ms  {:>10.1} programs/s",
        generation.as_secs_f64() * 1e3,
        per_second(PROGRAMS, generation)
    );
    println!(
        "  of which IR {:.3} ms, printing {:.3} ms (timed separately)",
        building.as_secs_f64() * 1e3,
        printing.as_secs_f64() * 1e3
    );
    println!(
        "interpreter: {:>10.3} ms  {:>10.1} programs/s",
        interpretation.as_secs_f64() * 1e3,
        per_second(PROGRAMS, interpretation)
    );
    println!(
        "ratio generation/interpreter: {:.4}",
        generation.as_secs_f64() / interpretation.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}
