//! `cargo bench -p generator`: generates the same 300 programs (seeds 0..300, default config), then
//! runs them on the reference interpreter, and prints programs per second for both and the ratio of
//! generation time to interpretation time (issue 3's acceptance: well under a tenth). Each phase runs
//! in several alternating rounds and the fastest round counts, so that a busy machine skews neither
//! side of the ratio. It also times cloning and dropping the finished IR: the allocation work any
//! generation of these trees does before making a single choice, a floor for the ratio.

use std::hint::black_box;
use std::time::{Duration, Instant};

use generator::{Config, Program};
use interpreter::Limits;

const PROGRAMS: u64 = 300;
const ROUNDS: usize = 15;

/// Runs `f` and lowers `best` to its time if it was faster.
fn time(best: &mut Duration, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    *best = (*best).min(start.elapsed());
}

fn per_second(count: u64, time: Duration) -> f64 {
    count as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn main() {
    let cfg = Config::default();

    let texts: Vec<String> = (0..PROGRAMS).map(|seed| Program::from_seed(seed, &cfg).to_string()).collect();
    let limits = Limits::default();
    let (mut generation, mut building, mut printing, mut cloning, mut interpretation) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
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
        (cloning + printing).as_secs_f64() / interpretation.as_secs_f64().max(f64::MIN_POSITIVE)
    );
    println!(
        "interpreter: {:>10.3} ms  {:>10.1} programs/s",
        interpretation.as_secs_f64() * 1e3,
        per_second(PROGRAMS, interpretation)
    );
    println!(
        "ratio generation/interpreter: {:.4} (target: well under 0.1)",
        generation.as_secs_f64() / interpretation.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}
