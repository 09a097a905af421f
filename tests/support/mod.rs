//! Test-only stand-ins for the parser: prose runs from pulldown-cmark and the front matter's
//! `title` and `description`, enough to run the prose checks before `src/parse` fills them.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use rolelint::checks::{Check, Cx};
use rolelint::diagnostic::Diagnostic;
use rolelint::model::{Handbook, Page, ProseRun};
use rolelint::policy::Policy;
use rolelint::read::SourceFile;
use rolelint::span::{LineIndex, Span, Spanned};

/// A page parsed by the stub parser, with prose and front matter filled in here.
pub fn page(path: &str, text: &str) -> Page {
    let source = SourceFile::from_text(path, text, false);
    let mut page = rolelint::parse::parse(&source);
    page.prose = prose_runs(text);
    page.front_matter.title = front_matter_value(text, "title");
    page.front_matter.description = front_matter_value(text, "description");
    page
}

/// Runs of plain text outside code, HTML, front matter, images and autolinks. Text events split only
/// by a soft line break are joined, so a run can cross a line (`text == source[span]` always holds).
pub fn prose_runs(source: &str) -> Vec<ProseRun> {
    // pulldown-cmark takes any `---` … `---` stretch for a metadata block, even mid-page; so the
    // leading front matter is cut off here and the rest parsed as plain CommonMark + GFM.
    let body_start = front_matter_end(source);
    let body = &source[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES;
    let mut skip = 0usize;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    // True right after a text event, or after a soft break that follows one: the next text joins the run.
    let mut joinable = false;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock | Tag::Image { .. }) => skip += 1,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock | TagEnd::Image) => {
                skip = skip.saturating_sub(1)
            }
            Event::End(TagEnd::Link) if skip > 0 && is_autolink(source, range.start) => skip -= 1,
            Event::Text(text) if skip == 0 && source.get(range.clone()) == Some(&*text) => {
                match runs.last_mut() {
                    Some(last) if joinable => last.1 = range.end,
                    _ => runs.push((range.start, range.end)),
                }
                joinable = true;
                continue;
            }
            Event::SoftBreak if joinable => continue,
            _ => {}
        }
        joinable = false;
    }
    runs.into_iter()
        .flat_map(|(start, end)| without_templates(source, start, end))
        .filter(|&(start, end)| !source[start..end].trim().is_empty())
        .map(|(start, end)| ProseRun {
            text: source[start..end].to_owned(),
            span: Span::new(start, end),
        })
        .collect()
}

/// ERB tags and shortcodes are text to CommonMark; cut them out of a run.
fn without_templates(source: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    static TEMPLATE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?s)<%.*?%>|\{\{.*?\}\}|\{%.*?%\}").unwrap());
    let mut out = Vec::new();
    let mut at = start;
    for m in TEMPLATE.find_iter(&source[start..end]) {
        out.push((at, start + m.start()));
        at = start + m.end();
    }
    out.push((at, end));
    out
}

/// Byte offset just past the leading `---` block (0 when the page has none).
fn front_matter_end(source: &str) -> usize {
    let Some(body) = source.strip_prefix("---\n") else {
        return 0;
    };
    body.find("\n---").map_or(0, |end| {
        let after = 4 + end + 4;
        after + usize::from(source[after..].starts_with('\n'))
    })
}

fn is_autolink(source: &str, start: usize) -> bool {
    source.get(start..).is_some_and(|s| s.starts_with('<'))
}

/// `key:` of the leading `---` block: a plain value to the end of its line, or a double-quoted
/// value to its closing quote (line breaks folded to spaces). The span covers the value as written.
pub fn front_matter_value(source: &str, key: &str) -> Option<Spanned<String>> {
    let body = source.strip_prefix("---\n")?;
    let end = body.find("\n---")?;
    let block = &body[..end];
    let mut offset = 4;
    for line in block.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let lead = rest.len() - rest.trim_start().len();
            let start = offset + key.len() + 1 + lead;
            let after = &source[start..];
            if let Some(inner) = after.strip_prefix('"') {
                let close = inner.find('"')?;
                let raw = &inner[..close];
                let value = raw.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
                return Some(Spanned::new(value, Span::new(start, start + close + 2)));
            }
            let value = after.lines().next().unwrap_or_default().trim_end();
            return Some(Spanned::new(value.to_owned(), Span::new(start, start + value.len())));
        }
        offset += line.len();
    }
    None
}

/// One finding as `line:col rule`, plus its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub rule: String,
    pub message: String,
    pub fix: Option<String>,
}

/// Runs the prose checks over `pages` as one handbook and returns every finding, sorted.
pub fn lint(pages: Vec<Page>) -> Vec<Found> {
    lint_with(&Policy::default(), pages)
}

/// Runs the prose checks under `policy`.
pub fn lint_with(policy: &Policy, pages: Vec<Page>) -> Vec<Found> {
    let mut cx = Cx::new(policy);
    let typo = rolelint::checks::prose::Typo;
    let repeated = rolelint::checks::prose::RepeatedWord;
    for page in &pages {
        repeated.check_page(page, &mut cx);
        typo.check_page(page, &mut cx);
    }
    let handbook = Handbook::new(pages);
    typo.check_handbook(&handbook, &mut cx);
    repeated.check_handbook(&handbook, &mut cx);
    let mut diagnostics = cx.into_diagnostics();
    rolelint::diagnostic::sort(&mut diagnostics);
    diagnostics.iter().map(|d| found(&handbook, d)).collect()
}

fn found(handbook: &Handbook, d: &Diagnostic) -> Found {
    let page = handbook
        .pages
        .iter()
        .find(|p| p.path == d.path)
        .expect("diagnostic on a linted page");
    let index = LineIndex::new(&page.source);
    let position = index.position(&page.source, d.span.start as usize);
    Found {
        path: d.path.to_string(),
        line: position.line,
        column: position.column,
        rule: d.rule.to_string(),
        message: d.message.clone(),
        fix: d
            .fix
            .as_ref()
            .and_then(|f| f.edits.first())
            .map(|e| e.replacement.clone()),
    }
}

/// The word a finding points at.
pub fn word_at(pages_text: &str, found: &Found) -> String {
    let line = pages_text.lines().nth(found.line as usize - 1).unwrap_or_default();
    line.chars()
        .skip(found.column as usize - 1)
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
        .collect()
}
