//! The fuzz target's whole pipeline (`fuzz/pipeline.rs`) inside `cargo test`: on every committed
//! seed, on every crash the fuzzer found (`fuzz/regressions/`), and on proptest mutations of the
//! seeds. The cargo-fuzz target runs the same function for longer (`.ci/run`, `fuzz/README.md`).

#[path = "../fuzz/pipeline.rs"]
mod pipeline;

use proptest::prelude::*;
use std::path::Path;

fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_seed_runs_the_whole_pipeline() {
    let seeds = files("fuzz/seeds/pipeline");
    assert!(
        seeds.len() >= 50,
        "the seed corpus is committed ({} found)",
        seeds.len()
    );
    for (name, bytes) in seeds {
        eprintln!("{name}");
        pipeline::pipeline(&bytes);
    }
}

#[test]
fn every_crash_found_stays_fixed() {
    for (name, bytes) in files("fuzz/regressions") {
        eprintln!("{name}");
        pipeline::pipeline(&bytes);
    }
}

/// A seed with a few bytes replaced, inserted or removed at random places.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = files("fuzz/seeds/pipeline");
    let n = seeds.len();
    (0..n, prop::collection::vec((any::<u16>(), 0u8..3, any::<u8>()), 1..12)).prop_map(move |(i, edits)| {
        let mut bytes = seeds[i].1.clone();
        for (at, op, byte) in edits {
            let at = usize::from(at) % (bytes.len() + 1);
            match op {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        bytes
    })
}

/// Markdown-shaped noise: the pieces pages are made of, in any order.
fn shaped() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop::sample::select(vec![
        "---\n",
        "title: \"A\"\n",
        "## ",
        "### Senior ",
        "(Grade 7)",
        "Reports to ",
        "[x](../y/)",
        "[y](#z)",
        "| a | b |\n",
        "|---|---|\n",
        "> ",
        "- ",
        "  ",
        "\t",
        "\r\n",
        "\n",
        "recieve ",
        "the the ",
        "`code`",
        "<!-- rolelint-disable typo -->",
        "{#id}",
        "\u{feff}",
        "é",
        "\0",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_seeds_never_panic(bytes in mutated()) {
        pipeline::pipeline(&bytes);
    }

    #[test]
    fn shaped_noise_never_panics(bytes in shaped()) {
        pipeline::pipeline(&bytes);
    }
}
