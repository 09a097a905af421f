//! Git in a temporary repository, as the command-line tests that need one run it.

use std::path::Path;
use std::process::Command;

/// Runs `git ARGS` in `dir` with a fixed identity; panics with git's message when it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=rolelint", "-c", "user.email=rolelint@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
