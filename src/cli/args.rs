//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A policy-as-code linter for job-family pages.
#[derive(Debug, Parser)]
#[command(name = "rolelint", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  rolelint check handbook/job-families/          lint every page under a folder
  rolelint check --format concise page.md        one line per finding
  rolelint check --format json --output-file r.json .
  rolelint check --diff .                        show what --fix would change
  rolelint check --fix .                         apply safe fixes, report the rest
  rolelint check --format human --format gitlab=gl-code-quality.json --format junit=junit.xml .
  cat page.md | rolelint check --stdin-filename job-families/x/index.html.md
  rolelint check --context job-families/a/index.html.md   lint one page, the tree around it as context
  rolelint check --changed-since origin/main .   only what a merge request changes (and breaks)
  rolelint check --write-baseline .rolelint-baseline.json .   adopt on a legacy handbook
  rolelint check --baseline .rolelint-baseline.json .         then fail on new findings only
  rolelint ladder -o ladder.html handbook/       the job architecture as one HTML page
  rolelint server                                a Language Server over stdio, for editors
  rolelint parse --format json page.md           print the parsed model
  rolelint rules                                 list every rule
  rolelint rule grade-mismatch                   explain one rule";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint pages and report findings.
    Check(Box<CheckArgs>),
    /// Print the parsed model of pages.
    Parse(ParseArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain one rule (or all with --all).
    Rule(RuleArgs),
    /// Run a Language Server (LSP) over stdio, for editors.
    Server(ServerArgs),
    /// Report the job architecture: grade matrices per ladder, reporting lines, outliers.
    Ladder(LadderArgs),
}

/// Arguments of `rolelint ladder`.
#[derive(Debug, Args)]
pub struct LadderArgs {
    /// Files and directories to read (as for `check`). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format: html (the default with --output-file), csv (the default on stdout), json.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub format: Option<LadderFormat>,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Use this configuration file instead of discovering rolelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run only these rules (ids or families, comma separated) for the outlier marks.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not run these rules (ids or families, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// The site's base URL (e.g. https://handbook.example.com): levels link to their page and
    /// heading there instead of to the file.
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

/// Output of `rolelint ladder`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LadderFormat {
    /// One self-contained page: matrices, reporting lines, filters.
    Html,
    /// One row per level, for spreadsheets.
    Csv,
    /// One object per level plus the reporting graph (grammar/ladder.schema.json).
    Json,
}

/// Arguments of `rolelint server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Use this configuration file instead of discovering rolelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `rolelint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to lint (directories are walked, honouring .gitignore). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format: human (default), concise, json, sarif, gitlab, junit, github, markdown.
    /// FORMAT alone writes to stdout (or --output-file); repeat as FORMAT=FILE to write several
    /// reports in one run.
    #[arg(long, short = 'f', value_name = "FORMAT[=FILE]", env = "ROLELINT_FORMAT")]
    pub format: Vec<String>,
    /// Write the (single, unnamed) report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Use this configuration file instead of discovering rolelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Lint standard input as if it were the file at PATH.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Run only these rules (ids or families, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not run these rules (ids or families, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Exit 0 even when there are error findings (usage and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Report links whose target tree is not among the linted files.
    #[arg(long)]
    pub strict_links: bool,
    /// Also fetch external http(s) links: HEAD (GET when HEAD is refused), nothing else; with
    /// timeouts, retries and an on-disk cache of passing links. Off by default.
    #[arg(long)]
    pub online: bool,
    /// Where --online keeps its cache (links.json). Default: .rolelint-cache
    #[arg(long, value_name = "DIR", env = "ROLELINT_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// When to use colour in human output (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Read the pages around the given files as context for cross-page checks, and report only
    /// on the given files. `--context` alone takes the nearest directory with a rolelint.toml,
    /// else the git top level; `--context=DIR` names it. On by default with --stdin-filename.
    #[arg(long, value_name = "DIR", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub context: Option<String>,
    /// Report on pages changed since the merge base with REF (as `git diff REF...HEAD`, plus
    /// uncommitted changes), with the whole tree as context, and on findings the change caused
    /// on unchanged pages.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Do not report findings recorded in this baseline file; list its stale entries.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding in this baseline file, report nothing and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    // Fixes (src/cli/fix.rs, src/fix/).
    /// Apply safe fixes to the linted pages (atomic writes; symlinks are not written), then
    /// report what remains. With --stdin-filename, print the fixed buffer to stdout instead.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print a unified diff of what --fix would change and write nothing;
    /// exit 1 when there is something to fix, 0 when not.
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, apply fixes marked unsafe too.
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// Arguments of `rolelint parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to parse.
    pub paths: Vec<PathBuf>,
    /// How to print the model.
    #[arg(long, value_enum, default_value_t = ParseFormat::Pretty)]
    pub format: ParseFormat,
    /// Parse standard input as if it were the file at PATH.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// Output of `rolelint parse`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ParseFormat {
    /// The model as JSON: one object for one file, an array for several.
    Json,
    /// A short outline for people: levels with grade and reporting line.
    Pretty,
}

/// Arguments of `rolelint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Table for people, JSON for tools.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Arguments of `rolelint rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule id.
    #[arg(required_unless_present = "all")]
    pub id: Option<String>,
    /// Explain every rule.
    #[arg(long)]
    pub all: bool,
    /// Markdown for people, JSON for docs sites.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output of `rolelint rules` and `rolelint rule`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// For people.
    Table,
    /// For tools.
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
