//! `cargo run --release -p generator --example genonly -- [COUNT]`: generates and prints COUNT
//! default programs and nothing else (for profiling generation).
use generator::{Config, Program};

fn main() {
    let count: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let cfg = Config::default();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for seed in 0..count {
        bytes += std::hint::black_box(Program::from_seed(seed, &cfg).to_string()).len();
    }
    let t = start.elapsed();
    println!("{count} programs, {bytes} bytes, {:.3} ms/program", t.as_secs_f64() * 1e3 / count as f64);
}
