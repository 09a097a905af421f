//! The editor configurations of `docs/editors.md`, run in the real editors, headless: Neovim (each
//! configuration the installed version supports) and Emacs with eglot. Both are `#[ignore]`d in a
//! plain `cargo test` because they need the editor; `.ci/run` installs Neovim and runs its test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A made-up page with two findings on line 6: a repeated word and a misspelling.
const PAGE: &str = "---\ntitle: Widget Engineer\ndescription: Builds widgets.\n---\n\n\
The the widget engineers recieve gadgets.\n";

/// What each editor must show for [`PAGE`]: line:column (1-based) and rule.
const EXPECTED: [(&str, &str); 2] = [("6:4", "repeated-word"), ("6:26", "typo")];

/// The fenced block of `docs/editors.md` whose first line is `marker`.
fn snippet(marker: &str) -> String {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/editors.md")).unwrap();
    let start = docs
        .find(marker)
        .unwrap_or_else(|| panic!("no `{marker}` block in docs/editors.md"));
    let end = docs[start..].find("\n```").unwrap() + start;
    docs[start..end].to_owned()
}

/// A repository (`.git`) with the page under both page names, and `rolelint` on `PATH`.
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for name in ["widget.html.md.erb", "gadget.md"] {
        std::fs::write(dir.path().join(name), PAGE).unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_rolelint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    (dir, path.to_string_lossy().into_owned())
}

/// Runs `command` to its end (killed after two minutes) and gives the file it wrote to `$OUT`.
fn run(mut command: Command, dir: &Path) -> String {
    let out = dir.join("out.txt");
    let _ = std::fs::remove_file(&out);
    let mut child = command
        .env("OUT", &out)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the editor did not end within two minutes: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(&out).unwrap_or_else(|_| panic!("the editor wrote no {}", out.display()))
}

/// Checks the `line:col rule message` lines an editor wrote against [`EXPECTED`].
fn assert_findings(output: &str, what: &str) {
    let lines: Vec<&str> = output.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), EXPECTED.len(), "{what}:\n{output}");
    for (line, (at, rule)) in lines.iter().zip(EXPECTED) {
        assert!(
            line.starts_with(&format!("{at} {rule} ")),
            "{what}: `{line}`, want {at} {rule}\n{output}"
        );
    }
    assert!(lines[1].contains("recieve"), "{what}: {output}");
}

/// Neovim's `major.minor`.
fn nvim_version() -> (u32, u32) {
    let out = Command::new("nvim")
        .arg("--version")
        .output()
        .expect("nvim on PATH (apt-get install neovim)");
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.lines().next().unwrap().trim_start_matches("NVIM v").to_owned();
    let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// Waits for diagnostics on the current buffer and writes them to `$OUT`, one a line.
const NVIM_CHECK: &str = r#"
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, tostring(d.code), (d.message:gsub("\n.*", ""))))
end
local f = io.open(os.getenv("OUT"), "w")
f:write(table.concat(lines, "\n") .. "\n")
f:close()
vim.cmd("qa!")
"#;

#[test]
#[ignore = "needs Neovim: apt-get install neovim (.ci/run does)"]
fn neovim_shows_the_findings_of_md_and_md_erb_pages_with_each_documented_configuration() {
    let version = nvim_version();
    let mut configs = vec!["-- rolelint: Neovim 0.7"];
    if version >= (0, 10) {
        configs.push("-- rolelint: Neovim 0.10");
    }
    if version >= (0, 11) {
        configs.push("-- rolelint: Neovim 0.11");
    }
    let (dir, path) = workspace();
    let check = dir.path().join("check.lua");
    std::fs::write(&check, NVIM_CHECK).unwrap();
    for marker in configs {
        let init: PathBuf = dir.path().join("init.lua");
        std::fs::write(&init, snippet(marker)).unwrap();
        for page in ["widget.html.md.erb", "gadget.md"] {
            let mut nvim = Command::new("nvim");
            nvim.args(["--headless", "-i", "NONE", "-u"])
                .arg(&init)
                .arg(page)
                .arg("-c")
                .arg(format!("luafile {}", check.display()))
                .env("PATH", &path);
            let output = run(nvim, dir.path());
            assert_findings(&output, &format!("Neovim {version:?}, `{marker}`, {page}"));
        }
    }
}

/// Opens the page given on the command line, waits for eglot's diagnostics and writes them.
const EMACS_CHECK: &str = r#"
(package-initialize)
(require 'markdown-mode)
(load (expand-file-name "init.el"))
(find-file (car command-line-args-left))
(setq command-line-args-left nil)
;; eglot-ensure connects after the current command; batch mode runs no command loop.
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 60)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)))
(let ((lines (mapcar (lambda (d)
                       (save-excursion
                         (goto-char (flymake-diagnostic-beg d))
                         (format "%d:%d %s\n" (line-number-at-pos) (1+ (current-column))
                                 (replace-regexp-in-string "\\`rolelint \\[\\([^]]+\\)\\]:" "\\1"
                                   (car (split-string (flymake-diagnostic-text d) "\n"))))))
                     (sort (flymake-diagnostics)
                           (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
  (with-temp-file (getenv "OUT") (dolist (l lines) (insert l))))
(kill-emacs 0)
"#;

#[test]
#[ignore = "needs Emacs with eglot: apt-get install emacs-nox elpa-eglot elpa-markdown-mode"]
fn emacs_eglot_shows_the_findings_of_md_and_md_erb_pages() {
    let (dir, path) = workspace();
    std::fs::write(dir.path().join("init.el"), snippet(";; rolelint: eglot")).unwrap();
    std::fs::write(dir.path().join("check.el"), EMACS_CHECK).unwrap();
    for page in ["widget.html.md.erb", "gadget.md"] {
        let mut emacs = Command::new("emacs");
        emacs.args(["--batch", "-l", "check.el", page]).env("PATH", &path);
        let output = run(emacs, dir.path());
        assert_findings(&output, &format!("Emacs, {page}"));
    }
}
