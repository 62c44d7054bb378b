//! `closure-diff engines`: the configured engines (in-process and from the engines file), whether
//! each is installed, its version, its language profile and the constructs generated programs
//! leave out for it.

use std::fmt::Write as _;

use anyhow::Result;
use clap::Args;
use harness::engine::Language;
use harness::engines::external::EnginesFile;
use harness::engines::quickjs_version;
use harness::ENGINE_NAMES;

use super::Status;

#[derive(Debug, Args)]
pub struct EnginesArgs {
    /// Print one JSON object per engine, one per line.
    #[arg(long)]
    json: bool,
}

/// One line of the listing.
#[derive(Debug, serde::Serialize)]
struct Row {
    name: String,
    kind: &'static str,
    installed: bool,
    version: Option<String>,
    profile: String,
    /// Constructs generated programs leave out for this engine ([`harness::engine::engine_without`]).
    without: Vec<String>,
    detail: String,
}

pub fn run(args: &EnginesArgs) -> Result<Status> {
    let mut rows: Vec<Row> = ENGINE_NAMES
        .iter()
        .map(|name| {
            let (version, detail) = match *name {
                "ref" => (env!("CARGO_PKG_VERSION").to_owned(), "this project's reference interpreter"),
                "boa" => ("boa_engine 0.22.0".to_owned(), "the reference engine"),
                "quickjs" => (quickjs_version(), "through rquickjs 0.14.0"),
                _ => (String::new(), ""),
            };
            Row {
                name: (*name).to_owned(),
                kind: "in-process",
                installed: true,
                version: Some(version),
                profile: "full".to_owned(),
                without: Vec::new(),
                detail: detail.to_owned(),
            }
        })
        .collect();
    let file = EnginesFile::current().map_err(|err| anyhow::anyhow!("{err}"))?;
    for (name, entry) in &file.engines {
        let executable = entry.executable();
        rows.push(Row {
            name: name.clone(),
            kind: if entry.worker { "worker" } else { "process" },
            installed: executable.is_some(),
            version: entry.version(),
            profile: entry.profile.to_string(),
            without: Language::of_engine(name).without_names(),
            detail: match &executable {
                Some(path) => format!(
                    "{}{}",
                    path.display(),
                    entry.note.as_ref().map_or(String::new(), |note| format!(" ({note})"))
                ),
                None => format!(
                    "not installed (tried {}{}); scripts/install-engines.sh installs it",
                    entry.command.join(", "),
                    entry.package.as_ref().map_or(String::new(), |package| format!("; package {package}"))
                ),
            },
        });
    }
    let mut text = String::new();
    if args.json {
        for row in &rows {
            let _ = writeln!(text, "{}", serde_json::to_string(row)?);
        }
    } else {
        let _ =
            writeln!(text, "{:10} {:10} {:9} {:7} {:28} detail", "engine", "kind", "installed", "profile", "version");
        for row in &rows {
            let _ = writeln!(
                text,
                "{:10} {:10} {:9} {:7} {:28} {}{}",
                row.name,
                row.kind,
                if row.installed { "yes" } else { "no" },
                row.profile,
                row.version.as_deref().unwrap_or("-"),
                row.detail,
                match row.without.is_empty() {
                    true => String::new(),
                    false => format!("; its programs leave out {}", row.without.join(",")),
                }
            );
        }
    }
    print!("{text}");
    Ok(Status::Clean)
}
