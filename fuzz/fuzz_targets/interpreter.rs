//! Arbitrary text -> the reference interpreter must return an outcome: never panic, never hang.
#![no_main]

use interpreter::{run, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    // Small limits keep each input fast; a limit ends in `Exhausted`, which is an outcome too.
    let limits = Limits { fuel: 200_000, max_frames: 500, max_heap_cells: 100_000 };
    let _ = run(source, &limits);
});
