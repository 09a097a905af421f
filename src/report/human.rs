//! `--format human`: miette's graphical report of each finding, then one summary line.
//!
//! Theme: Unicode box drawing only when the CLI writes to a terminal; everywhere else (CI logs,
//! files, snapshots) ASCII, because log viewers and `grep` handle it whatever their encoding and
//! font. Colour is a separate choice (`--color`, `NO_COLOR`), made by the CLI.

use super::page_source::PageSource;
use super::{ReportOptions, Reporter, SourceMap, Summary, ordered, rule_url};

/// How many lines apart a related place in the same file may be and still share the finding's snippet.
const NEAR_LINES: u32 = 6;
/// Lines of context miette shows around a snippet's labels (its default).
const SNIPPET_CONTEXT: usize = 1;
/// Findings shaped, then rendered in parallel, at a time: enough to share among threads, few
/// enough that a large run's report is never held whole.
const RENDER_BATCH: usize = 512;
use crate::Run;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Span;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use rayon::prelude::*;
use std::fmt;
use std::io;

/// The miette-based human report.
#[derive(Debug, Clone)]
pub struct Human {
    options: ReportOptions,
}

impl Human {
    /// A human reporter with these options.
    pub fn new(options: ReportOptions) -> Self {
        Human { options }
    }

    fn handler(&self) -> GraphicalReportHandler {
        handler(&self.options)
    }
}

fn handler(options: &ReportOptions) -> GraphicalReportHandler {
    let theme = match (options.color, options.unicode) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::ascii(),
        (false, true) => GraphicalTheme::unicode_nocolor(),
        (false, false) => GraphicalTheme::none(),
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(options.links)
        .with_width(options.width)
}

impl Reporter for Human {
    fn report(&self, run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
        let handler = self.handler();
        let sources = SourceMap::new(run);
        // Findings are shaped on this thread, a batch at a time, from pages read back ahead on
        // several, and rendered by several: miette's rendering made the default report of a
        // large tree a second slower than the concise one (46,800 findings).
        for batch in ordered(run).chunks(RENDER_BATCH) {
            // The pages the batch shows are read back on several threads first.
            sources.prefetch(
                batch
                    .iter()
                    .flat_map(|d| std::iter::once(&*d.path).chain(d.related.iter().map(|r| &*r.path))),
            );
            let findings: Vec<Finding> = batch.iter().map(|d| Finding::from_diagnostic(d, &sources)).collect();
            let texts: Vec<Result<String, fmt::Error>> =
                findings.par_iter().map(|finding| render(&handler, finding)).collect();
            for text in texts {
                let text = text.map_err(|fmt::Error| io::Error::other("formatter error"))?;
                out.write_all(text.as_bytes())?;
                writeln!(out)?;
            }
        }
        if self.options.read_errors {
            write!(out, "{}", render_read_errors(run, &self.options))?;
        }
        writeln!(out, "{}", Summary::of(run).sentence())
    }
}

/// The files of `run` that could not be read, as miette errors naming each file.
pub fn render_read_errors(run: &Run, options: &ReportOptions) -> String {
    let handler = handler(options);
    let mut text = String::new();
    for error in &run.errors {
        let finding = Finding {
            message: format!("cannot read {}: {}", error.path, error.kind),
            code: None,
            url: None,
            severity: miette::Severity::Error,
            source: None,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        };
        text.push_str(&Rendered(&handler, &finding).to_string());
        text.push('\n');
    }
    text
}

/// One finding rendered through `handler`.
fn render(handler: &GraphicalReportHandler, finding: &Finding) -> Result<String, fmt::Error> {
    let mut text = String::new();
    handler.render_report(&mut text, finding)?;
    Ok(text)
}

/// Renders one miette diagnostic through a handler, as `Display`.
struct Rendered<'a>(&'a GraphicalReportHandler, &'a Finding);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self.0, self.1)?)
    }
}

/// A finding shaped the way miette wants it.
#[derive(Debug)]
struct Finding {
    message: String,
    code: Option<String>,
    url: Option<String>,
    severity: miette::Severity,
    source: Option<PageSource>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Finding>,
}

impl Finding {
    fn from_diagnostic(d: &Diagnostic, sources: &SourceMap<'_>) -> Self {
        // `cover`: the file range the snippet's labels span, all shown in it.
        let snippet = |path: &str, span: Span, cover: std::ops::Range<usize>| {
            let (at, _) = sources.locate(path, span);
            sources.source(path).map(|s| {
                let line = sources.line_range(path, span.start as usize);
                let len = s.text.len();
                // miette shows one line of context around the labels; two more keep the window's
                // edges out of its sight.
                let lines = (cover.end <= len)
                    .then(|| sources.lines_around(path, cover, SNIPPET_CONTEXT + 2))
                    .flatten();
                PageSource::around(
                    sources.shown(&s.path),
                    s.text.clone(),
                    offsets(span),
                    line,
                    (at.line, at.column),
                    lines,
                )
            })
        };
        let near = |r: &crate::diagnostic::Related| {
            let (primary, _) = sources.locate(&d.path, d.span);
            let (other, _) = sources.locate(&r.path, r.span);
            r.path == d.path && primary.line.abs_diff(other.line) <= NEAR_LINES
        };
        let mut cover = d.span.start as usize..d.span.end as usize;
        for r in d.related.iter().filter(|r| near(r)) {
            cover = cover.start.min(r.span.start as usize)..cover.end.max(r.span.end as usize);
        }
        let source = snippet(&d.path, d.span, cover);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.clone(),
            within(d.span, &source),
        )];
        let mut related = Vec::new();
        for r in &d.related {
            // A nearby place in the same file is a second label on one snippet; a distant one gets
            // its own snippet, so the output never prints every line in between.
            let shown = source.as_ref().and_then(|s| s.place(offsets(r.span)));
            if near(r)
                && let Some(place) = shown
            {
                labels.push(LabeledSpan::new_with_span(Some(r.message.clone()), place));
                continue;
            }
            let other = snippet(&r.path, r.span, r.span.start as usize..r.span.end as usize);
            let message = if other.is_some() {
                r.message.clone()
            } else {
                let (start, _) = sources.locate(&r.path, r.span);
                format!(
                    "{} ({}:{}:{})",
                    r.message,
                    sources.shown(&r.path),
                    start.line,
                    start.column
                )
            };
            related.push(Finding {
                message,
                code: None,
                url: None,
                severity: miette::Severity::Advice,
                labels: match other {
                    Some(_) => vec![LabeledSpan::new_with_span(None, within(r.span, &other))],
                    None => Vec::new(),
                },
                source: other,
                help: None,
                related: Vec::new(),
            });
        }
        let message = match &source {
            Some(_) => d.message.clone(),
            // Without a source miette prints no location, so the message carries it.
            None => {
                let (start, _) = sources.locate(&d.path, d.span);
                format!(
                    "{}:{}:{}: {}",
                    sources.shown(&d.path),
                    start.line,
                    start.column,
                    d.message
                )
            }
        };
        Finding {
            message,
            code: Some(format!("{}[{}]", d.severity.as_str(), d.rule)),
            url: Some(rule_url(&d.rule)),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            source,
            labels,
            help: Some(footer(d)),
            related,
        }
    }
}

/// `span` as miette's (offset, length) in `source`, clamped to the text so a stale span still
/// shows a snippet.
fn within(span: Span, source: &Option<PageSource>) -> (usize, usize) {
    match source {
        Some(source) => source.place(offsets(span)).unwrap_or((0, 0)),
        None => offsets(span),
    }
}

/// `span` as (offset, length) in the file.
fn offsets(span: Span) -> (usize, usize) {
    (span.start as usize, span.end.saturating_sub(span.start) as usize)
}

/// Help, fix, policy and how to suppress: everything after the snippet, in that order.
fn footer(d: &Diagnostic) -> String {
    let mut lines = Vec::new();
    if let Some(help) = &d.help {
        lines.push(help.clone());
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "`rolelint check --fix` applies it",
            Applicability::Unsafe => "unsafe, applied only with --unsafe-fixes",
        };
        lines.push(format!("fix: {} ({how})", fix.description));
    }
    if let Some(policy) = &d.policy {
        lines.push(format!("policy: {policy}"));
    }
    lines.push(format!(
        "to suppress: <!-- rolelint-disable-next-line {} --> on the line before",
        d.rule
    ));
    lines.join("\n")
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

impl miette::Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url.as_ref().map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}
