//! Bad input, end to end through the binary: each case gives findings or a clear error, the exit
//! code of the contract (0 clean, 1 findings, 2 I/O failure), no panic and no hang. Inputs are
//! made at test time in temporary folders. The 50 MB page takes about 30 s of CPU in a debug
//! build, so it is `#[ignore]`d here and `.ci/run` runs it on its own
//! (`cargo test --test bad_input -- --ignored`), where it does not hold up the other tests.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;

const FRONT: &str = "---\ntitle: \"Example Writer\"\ndescription: \"Writes examples.\"\n---\n\n## Example Writer\n\n";

/// What one run gave.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `rolelint check --format concise ARGS` in `dir`; a hang fails the test at 10 minutes.
fn check(dir: &Path, args: &[&str]) -> Outcome {
    check_as(dir, "concise", args)
}

/// Runs `rolelint check --format FORMAT ARGS` in `dir`, like [`check`].
fn check_as(dir: &Path, format: &str, args: &[&str]) -> Outcome {
    check_within(dir, format, args, 600)
}

/// Runs `rolelint check --format FORMAT ARGS` in `dir`; a run past `seconds` (a hang) fails.
fn check_within(dir: &Path, format: &str, args: &[&str], seconds: u64) -> Outcome {
    let out = Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir)
        .env_remove("ROLELINT_FORMAT")
        .env_remove("COLUMNS")
        .args(["check", "--format", format])
        .args(args)
        .timeout(Duration::from_secs(seconds))
        .output()
        .unwrap();
    let outcome = Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!outcome.stderr.contains("panicked"), "panic: {}", outcome.stderr);
    assert!(outcome.code.is_some(), "killed (hang or signal): {}", outcome.stderr);
    outcome
}

fn dir_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn non_utf8_is_an_io_error_with_its_place() {
    let dir = dir_with("latin1.md", b"---\ntitle: \"Caf\xe9\"\n---\n");
    let out = check(dir.path(), &["latin1.md"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: cannot read latin1.md: not valid UTF-8 (first invalid byte at offset 15, line 2); save the file as UTF-8\n"
    );
    assert_eq!(out.stdout, "No findings in 0 files; 1 file could not be read.\n");
}

#[test]
fn binary_and_nul_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(dir.path().join("nul.md"), [FRONT.as_bytes(), b"text\0more\n"].concat()).unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        lines(&out.stderr),
        [
            "error: cannot read ./image.md: binary file (NUL byte at offset 8); rolelint reads Markdown text only",
            "error: cannot read ./nul.md: binary file (NUL byte at offset 88); rolelint reads Markdown text only",
        ]
    );
}

#[test]
fn zero_byte_and_blank_pages_get_findings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("zero.md"), b"").unwrap();
    fs::write(dir.path().join("blank.md"), b"\n \n\t\n").unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        lines(&out.stdout),
        [
            "blank.md:1:1: error[missing-title] the page has no front matter, so it has no `title`",
            "zero.md:1:1: error[missing-title] the page has no front matter, so it has no `title`",
            "Found 2 errors in 2 files.",
        ]
    );
}

#[test]
fn unterminated_front_matter_is_a_finding() {
    let dir = dir_with("open.md", b"---\ntitle: \"A\"\ndescription: \"B\"\n\n## A\n\ntext\n");
    let out = check(dir.path(), &["open.md"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains(
            "open.md:1:1: error[parse-error] unterminated-front-matter: the front matter opened by `---` on line 1 is never closed"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn invalid_yaml_is_a_finding_at_its_place() {
    let dir = dir_with("yaml.md", b"---\ntitle: [A\ndescription: \"B\"\n---\n\n## A\n\ntext\n");
    let out = check(dir.path(), &["yaml.md"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains(
            "yaml.md:3:12: error[parse-error] invalid-front-matter: front matter is not a valid YAML mapping"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn crlf_bom_and_tabs_read_like_lf() {
    let body = format!("{FRONT}Tabbed\ttext with a recieve.\n\n- item\n\t- nested\n");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lf.md"), &body).unwrap();
    let crlf = [b"\xEF\xBB\xBF".as_slice(), body.replace('\n', "\r\n").as_bytes()].concat();
    fs::write(dir.path().join("crlf.md"), crlf).unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        lines(&out.stdout),
        [
            "crlf.md:8:20: error[typo] `recieve` is a misspelling of `receive`",
            "lf.md:8:20: error[typo] `recieve` is a misspelling of `receive`",
            "Found 2 errors in 2 files.",
        ]
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut text = FRONT.to_owned();
    for depth in 0..1_000 {
        text.push_str(&"  ".repeat(depth));
        text.push_str("- item\n");
    }
    text.push('\n');
    text.push_str(&">".repeat(10_000));
    text.push_str(" a deep quote\n\n");
    for depth in 0..1_000 {
        text.push_str(&"> ".repeat(depth));
        text.push_str("- quoted item\n");
    }
    let dir = dir_with("deep.md", text.as_bytes());
    let out = check(dir.path(), &["deep.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(out.stdout, "All checks passed on 1 file.\n");
}

#[test]
fn symlink_loops_are_errors_when_named_and_skipped_when_walked() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("b.md", dir.path().join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", dir.path().join("b.md")).unwrap();
    fs::create_dir(dir.path().join("tree")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("tree/up")).unwrap();
    fs::write(dir.path().join("tree/page.md"), FRONT).unwrap();

    let named = check(dir.path(), &["a.md"]);
    assert_eq!(named.code, Some(2));
    assert_eq!(
        named.stderr,
        "error: cannot read a.md: cannot read: Too many levels of symbolic links (os error 40)\n"
    );
    // Walking never follows links, so neither the loop nor `up` is entered.
    let walked = check(dir.path(), &["tree"]);
    assert_eq!(walked.code, Some(0));
    assert_eq!(walked.stdout, "All checks passed on 1 file.\n");
}

#[test]
fn unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with("locked.md", FRONT.as_bytes());
    let locked = dir.path().join("locked.md");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let out = check(dir.path(), &["locked.md"]);
        assert_eq!(out.code, Some(2));
        assert_eq!(
            out.stderr,
            "error: cannot read locked.md: cannot read: Permission denied (os error 13)\n"
        );
    } else {
        // As root (CI), mode 000 does not stop reading; /proc/self/mem refuses a plain read even
        // to root, so it stands in for an unreadable file.
        println!("running as root: /proc/self/mem stands in for a mode-000 file");
        let out = check(dir.path(), &["/proc/self/mem"]);
        assert_eq!(out.code, Some(2));
        assert_eq!(
            out.stderr,
            "error: cannot read /proc/self/mem: cannot read: Input/output error (os error 5)\n"
        );
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = check(dir.path(), &["pipe.md"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: cannot read pipe.md: cannot read: not a regular file or directory\n"
    );
    // Walking a folder skips it.
    fs::write(dir.path().join("page.md"), FRONT).unwrap();
    assert_eq!(check(dir.path(), &["."]).code, Some(0));
}

#[test]
fn a_missing_path_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &["nowhere"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stderr, "error: cannot read nowhere: no such file or directory\n");
}

#[test]
fn a_folder_of_20000_pages() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20_000 {
        let folder = dir.path().join(format!("family-{:02}", i / 1_000));
        if i % 1_000 == 0 {
            fs::create_dir(&folder).unwrap();
        }
        let page = format!("---\ntitle: \"Role {i}\"\ndescription: \"Role {i}.\"\n---\n\n## Role {i}\n\nPlain text.\n");
        fs::write(folder.join(format!("role-{i}.md")), page).unwrap();
    }
    let out = check(dir.path(), &["."]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(out.stdout, "All checks passed on 20000 files.\n");
}

#[test]
#[ignore = "about 30 s of CPU in a debug build; .ci/run runs it on its own"]
fn bad_input_large_50_mb_page() {
    let paragraph = "The team writes clear notes about the work it ships, and reviews them together.\n\n";
    let mut text = FRONT.to_owned();
    while text.len() < 50_000_000 {
        text.push_str(paragraph);
    }
    text.push_str("A last recieve.\n");
    let dir = dir_with("big.md", text.as_bytes());
    let out = check(dir.path(), &["big.md"]);
    assert_eq!(out.code, Some(1));
    let last_line = text.lines().count();
    assert_eq!(
        lines(&out.stdout),
        [
            format!("big.md:{last_line}:8: error[typo] `recieve` is a misspelling of `receive`").as_str(),
            "Found 1 error in 1 file.",
        ]
    );
}

#[test]
fn a_100000_row_table() {
    let mut text = format!("{FRONT}| Area | Owner | Notes |\n| --- | --- | --- |\n");
    for i in 0..100_000 {
        text.push_str(&format!("| area {i} | owner {} | plain note |\n", i % 97));
    }
    let dir = dir_with("rows.md", text.as_bytes());
    let out = check(dir.path(), &["rows.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(out.stdout, "All checks passed on 1 file.\n");
}

// Safety: hostile links and policies.

#[test]
fn links_outside_the_root_are_reported_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("root/jobs")).unwrap();
    fs::create_dir(dir.path().join("outside")).unwrap();
    // A FIFO as the link target: opening it to read would block until the test's timeout.
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("outside/secret.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let page = format!(
        "{FRONT}See [passwd](../../../../etc/passwd) and [secret](../../outside/secret.md) and [root](/etc/passwd).\n"
    );
    fs::write(dir.path().join("root/jobs/index.html.md"), page).unwrap();
    let out = check(&dir.path().join("root"), &["--strict-links", "jobs"]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        lines(&out.stdout)[..3],
        [
            "jobs/index.html.md:8:5: error[broken-link] link target `../../../../etc/passwd` points outside the linted tree",
            "jobs/index.html.md:8:42: error[broken-link] link target `../../outside/secret.md` points outside the linted tree",
            "jobs/index.html.md:8:80: error[broken-link] link target `/etc/passwd` cannot be verified: no linted folder holds `etc/`",
        ]
    );
}

#[test]
fn policy_regexes_are_compiled_with_a_size_limit() {
    let dir = dir_with("page.md", FRONT.as_bytes());
    fs::write(
        dir.path().join("rolelint.toml"),
        "[[rules]]\nid = \"big-regex\"\nseverity = \"error\"\nsummary = \"x\"\ngiven = \"levels[*]\"\n\
         then = { function = \"pattern\", field = \"title\", match = \"(\\\\w{100}){100}\" }\nmessage = \"x\"\n",
    )
    .unwrap();
    let out = check(dir.path(), &["page.md"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: rolelint.toml:6:57: rules[0].then.match: not a valid regex: \
         Compiled regex exceeds size limit of 1048576 bytes.\n"
    );
}

#[test]
fn a_finding_past_column_65535_is_shown_in_a_window_and_other_files_still_report() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{FRONT}{}recieve and more\n", "widget gadget ".repeat(5_000));
    fs::write(dir.path().join("long.md"), long).unwrap();
    fs::write(dir.path().join("short.md"), format!("{FRONT}the the\n")).unwrap();
    let out = check_as(dir.path(), "human", &["."]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let stdout = lines(&out.stdout);
    let header = stdout
        .iter()
        .position(|l| l.contains("[long.md:8:70001]"))
        .expect(&out.stdout);
    // 120 bytes of context before the word, then the line's end; `…` marks what is left out.
    let excerpt = format!(" 8 | … gadget {}recieve and more", "widget gadget ".repeat(8));
    assert_eq!(stdout[header + 1], excerpt, "{}", out.stdout);
    assert!(
        stdout.iter().all(|l| l.chars().count() < 300),
        "no line is printed whole"
    );
    assert!(out.stdout.contains("[short.md:8:4]"), "{}", out.stdout);
    assert!(out.stdout.ends_with("Found 2 errors in 2 files.\n"), "{}", out.stdout);
}

#[test]
fn fourteen_thousand_findings_on_one_line_are_located_in_one_pass() {
    // Each finding's column used to be counted from the line start (and the human report scanned
    // the line for its ends once per finding): quadratic, minutes for this page.
    let dir = dir_with("long.md", format!("{FRONT}{}\n", "the the ".repeat(7_000)).as_bytes());
    for format in ["concise", "json", "human"] {
        let out = check_within(dir.path(), format, &["."], 300);
        assert_eq!(out.code, Some(1), "{format}: {}", out.stderr);
        match format {
            "concise" => {
                let stdout = lines(&out.stdout);
                assert_eq!(stdout.len(), 14_000, "{format}");
                assert_eq!(stdout[0], "long.md:8:4: error[repeated-word] `the` is repeated");
                assert_eq!(stdout[1], "long.md:8:8: error[repeated-word] `the` is repeated");
                assert_eq!(
                    stdout[13_998],
                    "long.md:8:55996: error[repeated-word] `the` is repeated"
                );
                assert_eq!(out.stdout.matches(":8:").count(), 13_999);
            }
            "json" => {
                let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
                let found = json["diagnostics"].as_array().unwrap();
                assert_eq!(found.len(), 13_999);
                let last = &found[13_998];
                let start = &last["span"]["start"];
                assert_eq!(
                    (start["line"].as_u64(), start["column"].as_u64()),
                    (Some(8), Some(55_996))
                );
            }
            _ => {
                assert!(out.stdout.contains("[long.md:8:55996]"), "{format}");
                assert!(out.stdout.ends_with("Found 13999 errors in 1 file.\n"), "{format}");
            }
        }
    }
}

/// The JSON contract of a run stopped by `args` in `dir`: exit 2, and an object with `version`,
/// `diagnostics`, `summary` and the error, on stdout (or in FILE after `-o FILE`).
fn stopped_json(dir: &Path, args: &[&str], file: Option<&str>) -> serde_json::Value {
    let out = check_as(dir, "json", args);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let text = match file {
        Some(name) => fs::read_to_string(dir.join(name)).expect("the -o file is written"),
        None => out.stdout,
    };
    let json: serde_json::Value = serde_json::from_str(&text).expect(&text);
    assert_eq!(json["version"], 1, "{json}");
    assert!(json["diagnostics"].is_array() && json["summary"].is_object(), "{json}");
    json
}

#[test]
fn json_reports_config_baseline_and_changed_since_errors() {
    let dir = dir_with("page.md", format!("{FRONT}the the\n").as_bytes());
    fs::write(dir.path().join("rolelint.toml"), "ignore = 3\n").unwrap();
    let json = stopped_json(dir.path(), &["page.md"], None);
    assert_eq!(
        json["errors"][0]["message"],
        "rolelint.toml:1:10: ignore: expected array, found a number"
    );
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));

    fs::remove_file(dir.path().join("rolelint.toml")).unwrap();
    let json = stopped_json(
        dir.path(),
        &[
            "--baseline",
            "missing.json",
            "-o",
            "report.json",
            "-f",
            "sarif=report.sarif",
            "page.md",
        ],
        Some("report.json"),
    );
    let message = json["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("--baseline: missing.json: "), "{json}");
    assert_eq!(
        json["diagnostics"][0]["rule"], "repeated-word",
        "findings are kept: {json}"
    );
    let sarif = fs::read_to_string(dir.path().join("report.sarif")).unwrap();
    assert!(sarif.contains("\"executionSuccessful\": false") && sarif.contains("--baseline: missing.json"));

    // Not a git repository.
    let json = stopped_json(dir.path(), &["--changed-since", "main", "page.md"], None);
    let message = json["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("--changed-since main: "), "{json}");
}

#[test]
fn a_title_that_is_not_text_says_what_it_is_instead_of_no_title() {
    let dir = tempfile::tempdir().unwrap();
    let page = |title: &str| format!("---\ntitle: {title}\ndescription: \"B\"\n---\n\n## A\n\ntext\n");
    fs::write(dir.path().join("a_number.md"), page("42")).unwrap();
    fs::write(dir.path().join("b_list.md"), page("[Widget, Gadget]")).unwrap();
    fs::write(dir.path().join("c_map.md"), page("{name: Widget}")).unwrap();
    fs::write(dir.path().join("d_yaml.md"), page("[Widget")).unwrap();
    fs::write(
        dir.path().join("e_bool.md"),
        "---\ntitle: \"A\"\ndescription: true\n---\n",
    )
    .unwrap();
    // Quiet: a quoted number is text; an empty title is still "no title".
    fs::write(dir.path().join("f_quoted.md"), page("\"42\"")).unwrap();
    fs::write(dir.path().join("g_empty.md"), page("")).unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        lines(&out.stdout),
        [
            "a_number.md:2:8: error[parse-error] front-matter-not-text: `title` is a number (`42`), not text",
            "b_list.md:2:8: error[parse-error] front-matter-not-text: `title` is a list (`[Widget, Gadget]`), not text",
            "c_map.md:2:8: error[parse-error] front-matter-not-text: `title` is a mapping (`{name: Widget}`), not text",
            "d_yaml.md:3:12: error[parse-error] invalid-front-matter: front matter is not a valid YAML mapping: illegal placement of ':' indicator",
            "e_bool.md:3:14: error[parse-error] front-matter-not-text: `description` is a boolean (`true`), not text",
            "g_empty.md:1:1: error[missing-title] the front matter has no `title`",
            "Found 6 errors in 7 files.",
        ]
    );
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_files_around_the_pages_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mkfifo = |path: &Path| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .unwrap()
                .success()
        )
    };
    for folder in ["walked/sub", "devnull", "config", "extended", "redirected"] {
        fs::create_dir_all(root.join(folder)).unwrap();
        fs::write(root.join(folder).join("page.md"), FRONT).unwrap();
    }
    fs::write(root.join("walked/page.md"), FRONT).unwrap();
    mkfifo(&root.join("walked/sub/.gitignore"));
    std::os::unix::fs::symlink("/dev/zero", root.join("devnull/.ignore")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("config/rolelint.toml")).unwrap();
    mkfifo(&root.join("extended/base.toml"));
    fs::write(root.join("extended/rolelint.toml"), "extend = \"base.toml\"\n").unwrap();
    fs::write(
        root.join("redirected/rolelint.toml"),
        "[options.broken-link]\nredirects = \"big.yml\"\n",
    )
    .unwrap();
    fs::write(root.join("redirected/big.yml"), "#".repeat((64 << 20) + 1)).unwrap();
    mkfifo(&root.join("pipe.json"));

    let run = |args: &[&str]| check_within(root, "concise", args, 60);
    let out = run(&["walked"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: cannot read walked/sub/.gitignore: cannot read: not a regular file (a FIFO); the folder walked/sub is not walked\n"
    );
    assert_eq!(out.stdout, "No findings in 1 file; 1 file could not be read.\n");
    let out = run(&["devnull"]);
    assert_eq!(
        out.stderr,
        "error: cannot read devnull/.ignore: cannot read: not a regular file (a device); the folder devnull is not walked\n"
    );
    let stderr = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        out.stderr
    };
    assert_eq!(
        stderr(&["config/page.md"]),
        "error: config/rolelint.toml: cannot read config/rolelint.toml: not a regular file (a device)\n"
    );
    assert!(
        stderr(&["extended/page.md"]).contains("cannot read extended/base.toml: not a regular file (a FIFO)"),
        "extend"
    );
    assert!(
        stderr(&["redirected/page.md"]).contains(
            "cannot read the redirects file redirected/big.yml: file is 67108865 bytes; the limit is 67108864 bytes"
        ),
        "redirects"
    );
    assert_eq!(
        stderr(&["--config", "pipe.json", "walked/page.md"]),
        "error: pipe.json: cannot read pipe.json: not a regular file (a FIFO)\n"
    );
    assert_eq!(
        stderr(&["--baseline", "pipe.json", "walked/page.md"]),
        "error: --baseline: pipe.json: not a regular file (a FIFO)\n"
    );
}

#[test]
fn a_5000_letter_word_is_not_searched_for_neighbours() {
    // A pseudo-random blob, as base64 gives one: the neighbour search hashed every two-letter
    // delete of it, O(n³), over ten minutes in a debug build.
    let mut state = 7u32;
    let blob: String = (0..5_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((state >> 16) % 26) as u8)
        })
        .collect();
    let dir = dir_with("blob.md", format!("{FRONT}The blob {blob} and a recieve.\n").as_bytes());
    let out = check_within(dir.path(), "concise", &["blob.md"], 120);
    assert_eq!(
        lines(&out.stdout),
        [
            "blob.md:8:5017: error[typo] `recieve` is a misspelling of `receive`",
            "Found 1 error in 1 file."
        ]
    );
}

#[test]
fn a_secret_file_named_as_config_extend_or_redirects_is_not_quoted() {
    let dir = dir_with("page.md", FRONT.as_bytes());
    let root = dir.path();
    fs::write(root.join("secret.env"), "TOKEN=hunter2-secret\nroot:x:hunter2:0:0\n").unwrap();
    let mut stderrs = Vec::new();
    let out = check(root, &["--config", "secret.env", "page.md"]);
    stderrs.push(out.stderr);
    fs::write(root.join("rolelint.toml"), "extend = \"secret.env\"\n").unwrap();
    stderrs.push(check(root, &["page.md"]).stderr);
    fs::write(
        root.join("rolelint.toml"),
        "[options.broken-link]\nredirects = \"secret.env\"\n",
    )
    .unwrap();
    let out = check(root, &["page.md"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.starts_with(
            "error: rolelint.toml:2:13: options.broken-link.redirects: secret.env is not a redirects file: "
        )
    );
    stderrs.push(out.stderr);
    for stderr in stderrs {
        assert!(stderr.starts_with("error: ") && !stderr.contains("hunter2"), "{stderr}");
    }
}

#[test]
fn write_baseline_writes_through_a_link_to_a_file_and_refuses_special_files() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
    let dir = dir_with("w.md", format!("{FRONT}the the\n").as_bytes());
    let root = dir.path();
    fs::create_dir(root.join("kept")).unwrap();
    fs::write(root.join("kept/base.json"), "old\n").unwrap();
    fs::set_permissions(root.join("kept/base.json"), fs::Permissions::from_mode(0o640)).unwrap();
    symlink("kept/base.json", root.join("link.json")).unwrap();
    symlink("kept/nothing.json", root.join("dangling.json")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("fifo.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |p: &str| fs::metadata(root.join(p)).unwrap().permissions().mode() & 0o777;

    // Through the link: the link stays, the file it points to gets the baseline and keeps its mode.
    let out = check(root, &["--write-baseline", "link.json", "w.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "rolelint: recorded 1 finding in link.json\n");
    assert!(
        fs::symlink_metadata(root.join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = fs::read_to_string(root.join("kept/base.json")).unwrap();
    assert!(written.contains("\"rule\": \"repeated-word\""), "{written}");
    assert_eq!(mode("kept/base.json"), 0o640);

    // A FIFO, a directory or a dangling link is refused and left as it was.
    for (name, why) in [
        ("fifo.json", "it is not a regular file (a FIFO); name a file"),
        ("kept", "it is not a regular file (a directory); name a file"),
        (
            "dangling.json",
            "it is a symbolic link to nothing; remove the link or create the file it points to",
        ),
    ] {
        let out = check_within(root, "concise", &["--write-baseline", name, "w.md"], 60);
        assert_eq!(out.code, Some(2), "{name}: {}", out.stderr);
        assert_eq!(
            out.stderr,
            format!("error: --write-baseline: {name}: not written: {why}\n")
        );
    }
    assert!(
        fs::symlink_metadata(root.join("fifo.json"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(fs::metadata(root.join("kept")).unwrap().is_dir());
    assert!(!root.join("kept/nothing.json").exists());

    // A new file gets an ordinary mode, never executable.
    let out = check(root, &["--write-baseline", "new.json", "w.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(mode("new.json") & 0o111, 0);
}

#[test]
fn cr_only_line_endings_keep_front_matter_lines_and_a_diff_patch_applies() {
    let page = "---\rtitle: \"Widget Engineer\"\rdescription: \"Builds widgets.\"\r---\r\r## Widget Engineer\r\rThe the widget.\r\rMore text.\r";
    let dir = dir_with("w.md", page.as_bytes());
    // The front matter is read (no missing-title) and the finding is on its own line.
    let out = check(dir.path(), &["w.md"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(
        lines(&out.stdout),
        [
            "w.md:8:4: error[repeated-word] `the` is repeated",
            "Found 1 error in 1 file."
        ]
    );
    // To `patch` and `git apply` a CR-only file is one line: the diff replaces it whole.
    let fixed = page.replace("The the", "The");
    let out = check(dir.path(), &["--diff", "w.md"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "--- a/w.md\n+++ b/w.md\n@@ -1 +1 @@\n-{page}\n\\ No newline at end of file\n+{fixed}\n\\ No newline at end of file\n"
        )
    );
    fs::write(dir.path().join("fix.patch"), &out.stdout).unwrap();
    let applied = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "fix.patch"])
        .output()
        .unwrap();
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    assert_eq!(fs::read_to_string(dir.path().join("w.md")).unwrap(), fixed);
    // `--fix` writes CR line ends back.
    fs::write(dir.path().join("w.md"), page).unwrap();
    let out = check(dir.path(), &["--fix", "w.md"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("w.md")).unwrap(), fixed);
}

#[test]
fn a_3000_file_extend_chain_is_followed_without_recursion() {
    let dir = dir_with("w.md", format!("{FRONT}the the\n").as_bytes());
    let root = dir.path();
    fs::write(root.join("rolelint.toml"), "extend = \"c1.toml\"\n").unwrap();
    for i in 1..3_000 {
        fs::write(
            root.join(format!("c{i}.toml")),
            format!("extend = \"c{}.toml\"\n", i + 1),
        )
        .unwrap();
    }
    fs::write(root.join("c3000.toml"), "[severity]\nrepeated-word = \"warning\"\n").unwrap();
    let out = check_within(root, "concise", &["w.md"], 300);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        lines(&out.stdout),
        [
            "w.md:8:4: warning[repeated-word] `the` is repeated",
            "Found 1 warning in 1 file."
        ]
    );
    // A cycle at the end of a long chain is still found.
    fs::write(root.join("c3000.toml"), "extend = \"c1.toml\"\n").unwrap();
    let out = check_within(root, "concise", &["w.md"], 300);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`extend` makes a cycle: rolelint.toml → c1.toml → c2.toml"),
        "{}",
        &out.stderr[..200]
    );
    assert!(out.stderr.contains("c3000.toml → c1.toml"));
}

#[test]
fn two_thousand_copies_of_one_table_and_ten_thousand_levels_are_linear() {
    let head = "---\ntitle: \"Widget Engineer\"\ndescription: \"Builds widgets.\"\n---\n\n## Levels\n\n";
    let table = "| Level | Grade |\n|---|---|\n| Widget Engineer | 5 |\n| Senior Widget Engineer | 6 |\n\n";
    let dir = dir_with("tables.md", format!("{head}{}", table.repeat(2_000)).as_bytes());
    let out = check_within(dir.path(), "concise", &["tables.md"], 300);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let found = lines(&out.stdout);
    assert_eq!(found.len(), 3_999);
    assert_eq!(
        found[0],
        "tables.md:15:1: warning[duplicate-level] level `Widget Engineer` is already defined on this page"
    );
    assert_eq!(found[3_998], "Found 3998 warnings in 1 file.");
    assert!(found.iter().take(3_998).all(|l| l.contains("warning[duplicate-level]")));

    // Every rung of one track, 2,500 times: the seniority and ladder comparisons of each level
    // with every other were quadratic. The Staff rung is graded below the ladder each time.
    let ladder = "### Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n\
                  ### Senior Widget Engineer\n\nThe Senior Widget Engineer is a grade 7.\n\n\
                  ### Staff Widget Engineer\n\nThe Staff Widget Engineer is a grade 6.\n\n\
                  ### Principal Widget Engineer\n\nThe Principal Widget Engineer is a grade 9.\n\n";
    fs::write(dir.path().join("levels.md"), format!("{head}{}", ladder.repeat(2_500))).unwrap();
    let out = check_within(dir.path(), "concise", &["levels.md"], 300);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let ladder = out
        .stdout
        .lines()
        .filter(|l| l.contains("error[grade-mismatch]"))
        .count();
    assert_eq!(ladder, 2_500);
    assert_eq!(
        out.stdout.lines().next(),
        Some(
            "levels.md:18:38: error[grade-mismatch] `Staff Widget Engineer` is grade 6, but the ladder gives staff levels grade 8"
        )
    );
    assert!(
        out.stdout.ends_with("Found 2500 errors and 9996 warnings in 1 file.\n"),
        "{}",
        &out.stdout[out.stdout.len().saturating_sub(300)..]
    );
}

#[test]
fn twenty_thousand_invalid_ladder_rows_stop_at_the_first() {
    let rows: Vec<String> = (0..20_000)
        .map(|i| format!("{{level=\"senior\",title=\"^W{i}$\",grade=\"7\"}}"))
        .collect();
    let config = format!(
        "[[ladder.ladders]]\nname = \"default\"\nrows = [\n{}\n]\n",
        rows.join(",\n")
    );
    let dir = dir_with("rolelint.toml", config.as_bytes());
    fs::write(dir.path().join("w.md"), format!("{FRONT}text\n")).unwrap();
    let out = check_within(dir.path(), "concise", &["w.md"], 300);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: rolelint.toml:4:36: ladder.ladders[0].rows[0].grade: expected integer, found a string\n"
    );
}

#[test]
fn after_a_refused_fix_the_report_is_of_the_file_on_disk() {
    let dir = dir_with("real.md", format!("{FRONT}the the\n").as_bytes());
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    fs::write(dir.path().join("other.md"), format!("{FRONT}a a\n")).unwrap();
    let out = check(dir.path(), &["--fix", "link.md", "other.md"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: link.md: not fixed: it is a symbolic link\n"),
        "{}",
        out.stderr
    );
    // The refused page keeps its finding (it was "All checks passed"); the written one is fixed.
    assert_eq!(
        lines(&out.stdout),
        [
            "link.md:8:4: error[repeated-word] `the` is repeated",
            "Found 1 error in 2 files."
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("real.md")).unwrap(),
        format!("{FRONT}the the\n")
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("other.md")).unwrap(),
        format!("{FRONT}a\n")
    );
}

#[test]
fn a_page_whose_name_is_not_utf8_is_reported_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = dir_with("good.md", format!("{FRONT}text\n").as_bytes());
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    fs::write(dir.path().join(name), format!("{FRONT}the the\n")).unwrap();
    for args in [&["."][..], &["--fix", "."][..]] {
        let out = check(dir.path(), args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("caf\u{fffd}.md: cannot read: the file name is not valid UTF-8; rename the file to lint it"),
            "{}",
            out.stderr
        );
    }
    // Nothing was written under another name, and the page is as it was.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    assert_eq!(
        fs::read(dir.path().join(name)).unwrap(),
        format!("{FRONT}the the\n").as_bytes()
    );
}
