//! `cargo run -p generator --example print -- SEED [PROFILE] [CATEGORY]`: prints the program of one
//! seed; with a category, every other category's weight is 0 (handy when working on a producer).
use generator::{Category, Config, Profile, Program};

fn main() {
    let mut args = std::env::args().skip(1);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let profile = args.next().and_then(|p| Profile::from_name(&p)).unwrap_or_default();
    let mut cfg = Config::with_profile(profile);
    if let Some(only) = args.next().and_then(|c| Category::from_name(&c)) {
        for c in Category::ALL {
            if c != only {
                cfg.set_weight(c, 0);
            }
        }
    }
    print!("{}", Program::from_seed(seed, &cfg));
}
