//! The exit-code contract: 0 clean, 1 findings that fail the run, 2 usage, config or I/O failure.

use crate::Run;
use crate::report::Summary;

/// How a run ended, as the exit-code contract defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: no error-severity findings (and warnings within `--max-warnings`).
    Success,
    /// 1: error findings, or more warnings than `--max-warnings`.
    Failure,
    /// 2: usage, configuration or I/O failure.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

/// What makes findings fail a run (`--exit-zero`, `--max-warnings`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExitPolicy {
    /// Exit 0 even with error findings or too many warnings (I/O failures still exit 2).
    pub exit_zero: bool,
    /// Fail when there are more warnings than this.
    pub max_warnings: Option<usize>,
}

/// The exit status of `run` under `policy`. Unreadable files always give 2: a run that skipped
/// files must not pass.
pub fn exit_status(run: &Run, policy: &ExitPolicy) -> ExitStatus {
    let summary = Summary::of(run);
    if summary.unreadable > 0 {
        ExitStatus::Error
    } else if policy.exit_zero {
        ExitStatus::Success
    } else if summary.errors > 0 || policy.max_warnings.is_some_and(|max| summary.warnings > max) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Which severities fail the run, so that reports carrying a verdict (JUnit) agree with the
/// exit code: errors fail unless `--exit-zero`; warnings only past `--max-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failing {
    /// Error findings fail the run.
    pub errors: bool,
    /// Warning findings fail the run.
    pub warnings: bool,
}

impl Default for Failing {
    /// The default exit policy: errors fail, warnings do not.
    fn default() -> Self {
        Failing {
            errors: true,
            warnings: false,
        }
    }
}

impl Failing {
    /// What fails `run` under `policy`.
    pub fn of(run: &Run, policy: &ExitPolicy) -> Self {
        let warnings = Summary::of(run).warnings;
        Failing {
            errors: !policy.exit_zero,
            warnings: !policy.exit_zero && policy.max_warnings.is_some_and(|max| warnings > max),
        }
    }

    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: crate::diagnostic::Severity) -> bool {
        use crate::diagnostic::Severity;
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => false,
        }
    }
}
