//! `cargo bench -p generator`: generates the same 300 programs (seeds 0..300, default config), then
//! runs them on the reference interpreter, and prints programs per second for both and the ratio of
//! generation time to interpretation time (issue 3's acceptance: well under a tenth). Each phase runs
//! in several alternating rounds and the fastest round counts, so that a busy machine skews neither
//! side of the ratio. It also times cloning and dropping the finished IR: the allocation work any
//! generation of these trees does before making a single choice, a floor for the ratio.
//!
//! Then it shows where the ratio comes from: the interpreter's fixed cost per run (an empty
//! script), and generation against interpretation at each size preset, per program and per kilobyte
//! of source beyond that fixed cost.

use std::hint::black_box;
use std::time::{Duration, Instant};

use generator::{Config, Program, Size};
use interpreter::Limits;

const PROGRAMS: u64 = 300;
const ROUNDS: usize = 15;
/// Programs and rounds per size preset in the table (fewer: large programs take longer).
const SIZE_PROGRAMS: u64 = 100;
const SIZE_ROUNDS: usize = 7;

/// Runs `f` and lowers `best` to its time if it was faster.
fn time(best: &mut Duration, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    *best = (*best).min(start.elapsed());
}

fn per_second(count: u64, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Fastest generation (building and printing) and fastest interpretation of `count` programs of
/// `cfg`, in alternating rounds, and the programs' total length in bytes.
fn generation_and_interpretation(cfg: &Config, count: u64, rounds: usize) -> (Duration, Duration, usize) {
    let texts: Vec<String> = (0..count).map(|seed| Program::from_seed(seed, cfg).to_string()).collect();
    let limits = Limits::default();
    let (mut generation, mut interpretation) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        time(&mut generation, || {
            for seed in 0..count {
                black_box(Program::from_seed(black_box(seed), cfg).to_string());
            }
        });
        time(&mut interpretation, || {
            for text in &texts {
                black_box(interpreter::run(black_box(text), &limits));
            }
        });
    }
    (generation, interpretation, texts.iter().map(String::len).sum())
}

fn main() {
    let cfg = Config::default();

    let texts: Vec<String> = (0..PROGRAMS).map(|seed| Program::from_seed(seed, &cfg).to_string()).collect();
    let limits = Limits::default();
    let (mut generation, mut building, mut printing, mut cloning, mut interpretation, mut empty) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        // Generation is building the IR and printing it; both halves are also timed on their own.
        time(&mut generation, || {
            for seed in 0..PROGRAMS {
                black_box(Program::from_seed(black_box(seed), &cfg).to_string());
            }
        });
        let mut programs = Vec::new();
        time(&mut building, || {
            programs = (0..PROGRAMS).map(|seed| Program::from_seed(black_box(seed), &cfg)).collect();
        });
        time(&mut printing, || {
            for program in &programs {
                black_box(program.to_string());
            }
        });
        time(&mut cloning, || {
            for program in &programs {
                drop(black_box(program.clone()));
            }
        });
        time(&mut interpretation, || {
            for text in &texts {
                black_box(interpreter::run(black_box(text), &limits));
            }
        });
        // What every run costs whatever the program: the run's thread, the realm, the final
        // collection.
        time(&mut empty, || {
            for _ in 0..PROGRAMS {
                black_box(interpreter::run(black_box(""), &limits));
            }
        });
    }

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
        "  floor: cloning and dropping the IR {:.3} ms, plus printing: {:.4} of the interpreter's time",
        cloning.as_secs_f64() * 1e3,
        ratio(cloning + printing, interpretation)
    );
    println!(
        "interpreter: {:>10.3} ms  {:>10.1} programs/s",
        interpretation.as_secs_f64() * 1e3,
        per_second(PROGRAMS, interpretation)
    );
    let fixed = empty / PROGRAMS as u32;
    println!(
        "  of which {:.1} µs per run whatever the program (an empty script: {:.3} ms for {PROGRAMS})",
        micros(fixed),
        empty.as_secs_f64() * 1e3
    );
    println!("ratio generation/interpreter: {:.4} (target: well under 0.1)", ratio(generation, interpretation));

    // The ratio depends on the programs' size: the interpreter's fixed cost weighs less in larger
    // ones, and what is left is compared per kilobyte.
    println!();
    println!("by size preset ({SIZE_PROGRAMS} programs each, fastest of {SIZE_ROUNDS} rounds):");
    println!(
        "  {:<7} {:>13} {:>17} {:>18} {:>7} {:>22}",
        "size", "bytes/program", "generation µs/prg", "interpreter µs/prg", "ratio", "µs/KB gen : interp"
    );
    for size in [Size::Small, Size::Medium, Size::Large] {
        let (generation, interpretation, bytes) =
            generation_and_interpretation(&Config::sized(size), SIZE_PROGRAMS, SIZE_ROUNDS);
        let (gen_each, interp_each) = (generation / SIZE_PROGRAMS as u32, interpretation / SIZE_PROGRAMS as u32);
        let kilobytes = bytes as f64 / 1024.0 / SIZE_PROGRAMS as f64;
        let variable = micros(interp_each) - micros(fixed);
        println!(
            "  {:<7} {:>13} {:>17.1} {:>18.1} {:>7.4} {:>11.1} : {:<9.1}",
            size.name(),
            bytes / SIZE_PROGRAMS as usize,
            micros(gen_each),
            micros(interp_each),
            ratio(generation, interpretation),
            micros(gen_each) / kilobytes,
            variable / kilobytes
        );
    }
}
