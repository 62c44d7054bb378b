//! What a campaign leaves in its output directory besides findings: `state.json` (to resume) and
//! `summary.json` (what the last session did), both written atomically; and the small helpers for
//! atomic writes and timestamps.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::fuzz::stats::Tally;

/// The name of the state file inside the output directory.
pub const STATE_FILE: &str = "state.json";
/// The name of the summary file inside the output directory.
pub const SUMMARY_FILE: &str = "summary.json";

/// Everything `--resume` needs: which programs to generate next and the counts so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The campaign seed: program `i` is generated from seed `seed + i` (wrapping).
    pub seed: u64,
    /// Generator size preset (`small`, `medium`, `large`).
    pub size: String,
    /// Whether programs are generated in swarm mode.
    pub swarm: bool,
    /// The engines compared.
    pub engines: Vec<String>,
    /// Every program index below this one has been run; a resumed campaign starts here. (Programs
    /// above it that were in flight when the campaign stopped run again.)
    pub next_index: u64,
    /// Counts over all sessions so far.
    pub tally: Tally,
    /// When the campaign's first session started (RFC 3339, UTC).
    pub started_at: String,
    /// When this file was written.
    pub updated_at: String,
}

impl State {
    /// Reads `DIR/state.json`; `Ok(None)` when there is none.
    pub fn load(dir: &Path) -> io::Result<Option<State>> {
        let path = dir.join(STATE_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        serde_json::from_str(&text).map(Some).map_err(|err| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{} is not a campaign state: {err}", path.display()))
        })
    }

    /// Writes `DIR/state.json` atomically.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        write_json_atomically(&dir.join(STATE_FILE), self)
    }
}

/// Which program indices are done, as the lowest index not yet done (the watermark) plus the done
/// indices above it. Lanes finish programs out of order; only the watermark is safe to resume from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watermark {
    next: u64,
    done_above: BTreeSet<u64>,
}

impl Watermark {
    /// Nothing below `start` is left to do.
    pub fn starting_at(start: u64) -> Watermark {
        Watermark { next: start, done_above: BTreeSet::new() }
    }

    /// Marks `index` as done.
    pub fn done(&mut self, index: u64) {
        if index < self.next {
            return;
        }
        self.done_above.insert(index);
        while self.done_above.remove(&self.next) {
            self.next += 1;
        }
    }

    /// The lowest index not done yet.
    pub fn next(&self) -> u64 {
        self.next
    }
}

/// Writes `value` as pretty JSON to `path` atomically: into a temporary file beside it, then a
/// rename, so a reader (or a crash) sees the old file or the new one, never half of one.
pub fn write_json_atomically(path: &Path, value: &impl Serialize) -> io::Result<()> {
    let mut text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    text.push('\n');
    write_atomically(path, text.as_bytes())
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".tmp-{name}-{}", std::process::id()));
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// `time` as an RFC 3339 UTC timestamp with second precision, e.g. `2026-11-24T13:20:05Z`.
pub fn rfc3339(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest / 60 % 60, rest % 60)
}

/// The current time as [`rfc3339`].
pub fn now() -> String {
    rfc3339(SystemTime::now())
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400 + 3661)), "2000-02-29T01:01:01Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_795_000_000)), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn the_watermark_only_moves_over_contiguous_done_indices() {
        let mut mark = Watermark::starting_at(10);
        mark.done(12);
        mark.done(11);
        assert_eq!(mark.next(), 10);
        mark.done(10);
        assert_eq!(mark.next(), 13);
        mark.done(3);
        assert_eq!(mark.next(), 13);
    }

    #[test]
    fn state_round_trips_and_is_written_atomically() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(State::load(dir.path()).expect("no state is fine"), None);
        let state = State {
            seed: 7,
            size: "small".into(),
            swarm: false,
            engines: vec!["ref".into(), "boa".into()],
            next_index: 42,
            tally: Tally { programs: 42, agree: 40, poisoned: 2, ..Tally::default() },
            started_at: now(),
            updated_at: now(),
        };
        state.save(dir.path()).expect("save");
        assert_eq!(State::load(dir.path()).expect("load"), Some(state));
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, [STATE_FILE], "no temporary file is left behind");
        fs::write(dir.path().join(STATE_FILE), "{").expect("write");
        assert!(State::load(dir.path()).expect_err("bad JSON").to_string().contains("is not a campaign state"));
    }
}
