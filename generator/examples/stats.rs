//! `cargo run -p generator --example stats -- [COUNT] [SEED]`: what `closure-diff gen --stats` prints,
//! without building the harness.
fn main() {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    print!("{}", generator::stats(count, seed, &generator::Config::default()));
}
