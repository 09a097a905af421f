//! The pre-commit hook for real: pre-commit runs this checkout's hook (`pre-commit run` from a
//! config naming the checkout's HEAD commit, or `pre-commit try-repo` when it has uncommitted
//! changes) in a temporary git repository holding job-family pages. pre-commit `cargo install`s
//! rolelint (a release build, minutes), so this test is ignored by a plain `cargo test`, which
//! lists it as ignored with the reason; `.ci/run` installs pre-commit and runs it with `--ignored`.
//! Run by hand: `CARGO_TARGET_DIR=$PWD/target cargo test --test precommit -- --ignored --nocapture`
//! (the shared target directory lets the install reuse the release dependencies built there).

#[path = "common/git.rs"]
mod git;

use git::git;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

const WIDGET: &str = "---\ntitle: Widget Engineer\ndescription: Builds widgets.\n---\n\n## Levels\n\n\
### Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n### Senior Widget Engineer\n\n\
The Senior Widget Engineer is a grade 7.\n";

/// A page whose link points at a level of the widget page that does not exist: only a hook
/// that reads the pages around the staged one can tell the anchor is missing.
const GADGET_BAD: &str = "---\ntitle: Gadget Engineer\ndescription: Builds gadgets.\n---\n\n## Levels\n\n\
### Gadget Engineer\n\nThe Gadget Engineer is a grade 6. Peers: [widgets](/job-families/widget/#staff-widget-engineer).\n";

/// Runs the hook on what is staged in `repo`, with pre-commit's store in `home`.
///
/// A checkout whose tracked files are as committed is named in a `.pre-commit-config.yaml` at its
/// HEAD commit and run as users run hooks (`pre-commit run`): the store installs the hook once
/// and every later run reuses it. A checkout with uncommitted changes is tried with `try-repo`,
/// which commits them into a temporary copy and installs afresh on every call (a `cargo install`
/// of rolelint each time: about 90 s in CI).
fn run_hook(repo: &Path, home: &Path) -> Output {
    let checkout = env!("CARGO_MANIFEST_DIR");
    let mut command = Command::new("pre-commit");
    match committed_head() {
        Some(rev) => {
            let config = format!("repos:\n- repo: {checkout}\n  rev: {rev}\n  hooks:\n  - id: rolelint\n");
            std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
            git(repo, &["add", ".pre-commit-config.yaml"]);
            command.arg("run");
        }
        None => {
            command.args(["try-repo", checkout, "rolelint"]);
        }
    }
    command
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The checkout's HEAD commit when its tracked files are as committed (the hook then runs with
/// `pre-commit run` and stays installed in the store), else `None` (`try-repo`).
fn committed_head() -> Option<String> {
    let checkout = env!("CARGO_MANIFEST_DIR");
    let as_committed = Command::new("git")
        .args(["diff", "--quiet", "HEAD"])
        .current_dir(checkout)
        .status()
        .is_ok_and(|s| s.success());
    Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(checkout)
        .output()
        .ok()
        .filter(|o| o.status.success() && as_committed)
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn repo_with(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for (path, body) in pages {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, body).unwrap();
    }
    dir
}

#[test]
#[ignore = "needs pre-commit and a release build (minutes): .ci/run runs it with --ignored"]
fn hook_fails_on_a_defective_page_and_passes_on_a_clean_one() {
    let version = Command::new("pre-commit").arg("--version").output();
    assert!(
        version.is_ok_and(|o| o.status.success()),
        "pre-commit is not installed: python3 -m pip install pre-commit==4.2.0"
    );
    let home = tempfile::tempdir().unwrap();

    // Defective: the staged gadget page links to a level the widget page (committed) lacks.
    let repo = repo_with(&[("job-families/widget/index.html.md", WIDGET)]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "widget"]);
    std::fs::create_dir_all(repo.path().join("job-families/gadget")).unwrap();
    std::fs::write(repo.path().join("job-families/gadget/index.html.md"), GADGET_BAD).unwrap();
    git(repo.path(), &["add", "-A"]);
    let out = run_hook(repo.path(), home.path());
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("rolelint"), "{shown}");
    assert!(shown.contains("Failed"), "{shown}");
    assert!(
        shown.contains("fragment `#staff-widget-engineer` is not an anchor of `/job-families/widget/`"),
        "the diagnostic, found with the committed widget page as context: {shown}"
    );
    assert!(shown.contains("job-families/gadget/index.html.md:10:"), "{shown}");
    assert!(
        !shown.contains("widget/index.html.md:"),
        "only the staged page is reported: {shown}"
    );

    // Clean: the link names a level that exists.
    let fixed = GADGET_BAD.replace("#staff-widget-engineer", "#senior-widget-engineer");
    std::fs::write(repo.path().join("job-families/gadget/index.html.md"), fixed).unwrap();
    git(repo.path(), &["add", "-A"]);
    let out = run_hook(repo.path(), home.path());
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("Passed"), "{shown}");

    time_one_corpus_page(home.path());
}

/// The `rolelint` binary pre-commit installed for the hook in its store `home`.
fn installed_hook(home: &Path) -> Option<std::path::PathBuf> {
    // Every file under the store, hidden or ignored ones too, symbolic links not followed.
    ignore::WalkBuilder::new(home)
        .standard_filters(false)
        .build()
        .flatten()
        .find(|entry| entry.file_type().is_some_and(|t| t.is_file()) && entry.path().ends_with("bin/rolelint"))
        .map(ignore::DirEntry::into_path)
}

/// Prints the hook's wall time on a commit touching one page of `../shared/corpus` (copied into
/// a temporary repository at test time, never committed to this project), with the binary
/// pre-commit installed in its store `home`. Not asserted.
fn time_one_corpus_page(home: &Path) {
    let corpus = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/www-gitlab-com-2022"
    ));
    if !corpus.is_dir() {
        println!("timing skipped: {} is missing", corpus.display());
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    let (pages, _) = rolelint::read::collect(&[corpus.to_path_buf()]);
    for page in &pages {
        let rel = page.strip_prefix(corpus).unwrap();
        let to = repo.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(page, to).unwrap();
    }
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "corpus"]);
    let one = pages[0].strip_prefix(corpus).unwrap();
    let mut body = std::fs::read_to_string(repo.path().join(one)).unwrap();
    body.push_str("\nOne more sentence.\n");
    std::fs::write(repo.path().join(one), body).unwrap();
    git(repo.path(), &["add", "-A"]);
    // pre-commit's time is mostly the `cargo install` of the hook. Time the hook's command
    // itself, the binary pre-commit installed, as pre-commit runs it: from the top, on the
    // staged page.
    let Some(installed) = installed_hook(home) else {
        // `try-repo` installs into a store of its own and removes it when it is done.
        assert!(
            committed_head().is_none(),
            "pre-commit installed no bin/rolelint under {}",
            home.display()
        );
        println!(
            "hook timing skipped: the checkout has uncommitted changes, so `pre-commit try-repo` ran the hook from a temporary store it has removed"
        );
        return;
    };
    let start = Instant::now();
    let out = Command::new(&installed)
        .args(["check", "--context"])
        .arg(one)
        .current_dir(repo.path())
        .output()
        .unwrap();
    // .ci/run installs the hook with a cheaper release profile to save build time: say which
    // beside the figure.
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let build = build_label(&manifest, |key| std::env::var(key).ok());
    println!(
        "hook wall time on a commit touching {} ({} corpus pages as context, {build} build): {:?}, exit {:?}",
        one.display(),
        pages.len(),
        start.elapsed(),
        out.status.code()
    );
}

/// The release build's settings, as `opt-level N, LTO X, N codegen units`: the environment's
/// `CARGO_PROFILE_RELEASE_*` overrides, else the release profile in `manifest`, else cargo's defaults.
fn build_label(manifest: &str, env: impl Fn(&str) -> Option<String>) -> String {
    let manifest: toml::Table = manifest.parse().expect("Cargo.toml parses");
    let release = manifest
        .get("profile")
        .and_then(|p| p.get("release"))
        .and_then(toml::Value::as_table);
    let setting = |key: &str, field: &str, default: &str| {
        env(&format!("CARGO_PROFILE_RELEASE_{key}")).unwrap_or_else(|| match release.and_then(|r| r.get(field)) {
            Some(toml::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => default.to_owned(),
        })
    };
    // Cargo's default is 16 codegen units for a non-incremental build.
    format!(
        "opt-level {}, LTO {}, {} codegen units",
        setting("OPT_LEVEL", "opt-level", "3"),
        setting("LTO", "lto", "false"),
        setting("CODEGEN_UNITS", "codegen-units", "16")
    )
}

#[test]
fn the_build_label_follows_the_manifest_and_the_environment() {
    let none = |_: &str| None;
    let shipped = "[profile.release]\nstrip = \"debuginfo\"\nlto = \"fat\"\ncodegen-units = 1\n";
    assert_eq!(build_label(shipped, none), "opt-level 3, LTO fat, 1 codegen units");
    assert_eq!(
        build_label("[package]\nname = \"x\"\n", none),
        "opt-level 3, LTO false, 16 codegen units"
    );
    assert_eq!(
        build_label("[profile.release]\nopt-level = 2\nlto = true\n", none),
        "opt-level 2, LTO true, 16 codegen units"
    );
    let ci = |key: &str| match key {
        "CARGO_PROFILE_RELEASE_OPT_LEVEL" => Some("1".to_owned()),
        "CARGO_PROFILE_RELEASE_LTO" => Some("false".to_owned()),
        "CARGO_PROFILE_RELEASE_CODEGEN_UNITS" => Some("16".to_owned()),
        _ => None,
    };
    assert_eq!(build_label(shipped, ci), "opt-level 1, LTO false, 16 codegen units");
}
