//! A parsed page: front matter, headings, levels, tables, links, anchors, prose and directives.

use super::{Kept, Level, LinkKind as Kind, Table};
use crate::span::{Span, Spanned};
use serde::Serialize;
use std::sync::Arc;

/// One parsed page. `source` is the text every span points into (until [`Page::drop_source`]).
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The path as given, joined with the walked relative path.
    pub path: Arc<str>,
    /// The text all spans index (BOM removed, line endings kept).
    #[serde(skip)]
    pub source: Arc<str>,
    /// The YAML front matter, if the page has one.
    pub front_matter: FrontMatter,
    /// Every heading, in document order.
    pub headings: Vec<Heading>,
    /// The role levels the page defines.
    pub levels: Vec<Level>,
    /// GFM tables.
    pub tables: Vec<Table>,
    /// Links of every kind, outside code.
    pub links: Vec<Link>,
    /// Link targets inside the page: heading slugs, `{#id}`, `<a id>`, `<a name>`.
    pub anchors: Vec<Anchor>,
    /// Text a spell checker should read: no code, URLs, link targets, HTML, ERB or shortcodes.
    pub prose: Vec<ProseRun>,
    /// Every list item, from its marker to the end of its content (nested items and lazy
    /// continuation lines included), in document order.
    pub list_items: Vec<Span>,
    /// `<!-- rolelint-… -->` comments.
    pub directives: Vec<Directive>,
    /// What the parser could not make sense of; each becomes a diagnostic.
    pub problems: Vec<ParseProblem>,
    /// What is kept of the text once `source` is dropped.
    #[serde(skip)]
    pub kept: Kept,
}

/// The YAML block between `---` fences at the top of a page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FrontMatter {
    /// The whole block, fences included; `None` when the page has no front matter.
    pub span: Option<Span>,
    /// The mapping as JSON (`null` when absent or invalid).
    pub raw: serde_json::Value,
    /// Byte span of each top-level key's value, by key.
    pub value_spans: std::collections::BTreeMap<String, Span>,
    /// `title:`, when it is a string; on a page without front matter, its first heading when that is an H1.
    pub title: Option<Spanned<String>>,
    /// `description:`, when it is a string.
    pub description: Option<Spanned<String>>,
}

/// One ATX or setext heading.
#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub depth: u8,
    /// The heading's plain text (inline markup removed, `{#id}` removed).
    pub text: String,
    /// The whole heading line(s), without the trailing newline.
    pub span: Span,
    /// The heading's text as written, from its first to its last character.
    pub text_span: Span,
    /// The anchor id the site generator gives it: the explicit id, else the slug of `text`.
    pub anchor: String,
    /// True when the id was written as `{#id}`.
    pub explicit_id: bool,
    /// Index of the nearest enclosing heading of smaller depth.
    pub parent: Option<usize>,
    /// The heading's section: from the heading to the next heading of the same or smaller depth.
    pub section: Span,
    /// Index into `Page::levels` when this heading introduces a level.
    pub level: Option<usize>,
}

/// A link written in the page.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// How it was written.
    pub kind: LinkKind,
    /// The destination (reference links resolved), as written.
    pub target: String,
    /// Where the destination is written (the reference definition's for reference links); `None` if nowhere.
    pub target_span: Option<Span>,
    /// The link text, as plain text.
    pub text: String,
    /// The whole link.
    pub span: Span,
}

/// The ways a link can be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// `[text](target)`
    Inline,
    /// `[text][ref]`, `[text][]` or `[ref]`
    Reference,
    /// `<https://…>`
    Autolink,
    /// `<a href="…">`
    Html,
}

/// A place a fragment (`#id`) can point at.
#[derive(Clone, Debug, Serialize)]
pub struct Anchor {
    /// The id.
    pub id: String,
    /// Where it is defined.
    pub span: Span,
    /// What defines it.
    pub source: AnchorSource,
}

/// What defines an anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorSource {
    /// The slug of a heading's text.
    HeadingSlug,
    /// A `{#id}` on a heading.
    HeadingId,
    /// `<a id>`, `<a name>` or another HTML element's `id`.
    Html,
}

/// A run of prose: `text` is exactly `source[span]`.
#[derive(Clone, Debug, Serialize)]
pub struct ProseRun {
    /// The text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A `<!-- rolelint-… -->` comment.
#[derive(Clone, Debug, Serialize)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The rule ids it names; empty means every rule.
    pub rules: Vec<Spanned<String>>,
    /// The whole comment.
    pub span: Span,
}

/// The suppression comments, named as markdownlint names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectiveKind {
    /// `rolelint-disable-next-line`: the next non-blank line.
    DisableNextLine,
    /// `rolelint-disable-line`: the comment's own line.
    DisableLine,
    /// `rolelint-disable`: from here until a matching `rolelint-enable`.
    Disable,
    /// `rolelint-enable`.
    Enable,
    /// `rolelint-disable-file`: the whole page.
    DisableFile,
}

/// Something the parser could not read as intended.
#[derive(Clone, Debug, Serialize)]
pub struct ParseProblem {
    /// A kebab-case id, e.g. `invalid-front-matter`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it.
    pub help: Option<String>,
}

impl Page {
    /// Drops what only the per-page checks read (prose, list items, the front matter's values,
    /// the levels' sub-sections, parse problems, anchors its headings give), keeping what the
    /// corpus-wide checks need: headings and the other anchors, links, levels with their titles,
    /// grades and reporting lines, tables, directives.
    /// Run once the per-page checks are done, it keeps a run's memory to a page's summary.
    pub fn shed(&mut self) {
        self.prose = Vec::new();
        self.list_items = Vec::new();
        self.problems = Vec::new();
        self.front_matter.raw = serde_json::Value::Null;
        self.front_matter.value_spans = std::collections::BTreeMap::new();
        for level in &mut self.levels {
            level.sections = Vec::new();
        }
        // The corpus-wide checks read a page's anchors only as one set of ids with its headings'
        // anchors: an anchor that a heading gives already is not kept twice.
        let given: foldhash::HashSet<&str> = self.headings.iter().map(|h| h.anchor.as_str()).collect();
        self.anchors.retain(|a| !given.contains(a.id.as_str()));
        // What is kept lives until the end of the run, but it was built by pushing (spare capacity
        // in every string and list) among the parser's temporaries: a copy holds it at its exact
        // size, packed together, and lets the scattered originals go.
        *self = self.clone();
    }

    /// The source text under `span` (empty when out of range, or not kept once the source is dropped).
    pub fn text(&self, span: Span) -> &str {
        if self.kept.dropped {
            let held = || {
                let link = self.links.get(self.kept.link_of(span)?)?;
                Some(link.target.as_str())
            };
            return self.kept.span(span).or_else(held).unwrap_or_default();
        }
        self.source.get(span.range()).unwrap_or_default()
    }

    /// The source text from byte `at` on; once the source is dropped, only the text kept there
    /// (the word after a link at least).
    pub fn text_from(&self, at: usize) -> Option<&str> {
        if self.kept.dropped {
            return Some(
                u32::try_from(at)
                    .ok()
                    .and_then(|at| self.kept.rest_from(at))
                    .unwrap_or_default(),
            );
        }
        self.source.get(at..)
    }

    /// True when the page holds ERB (`<%`): templates can emit headings and ids the Markdown does not show.
    pub fn templated(&self) -> bool {
        if self.kept.dropped {
            return self.kept.templated;
        }
        self.source.contains("<%")
    }

    /// Drops the page's text after [`Page::shed`], keeping what the corpus-wide checks read of it:
    /// reporting sentences, table cells, link destinations, the word after each link, and what
    /// `reads` names (computed by the checks while the text is here). A page with suppression
    /// comments keeps its text, which suppression reads whole; returns whether the text was dropped.
    pub fn drop_source(&mut self, reads: super::Reads) -> bool {
        if self.kept.dropped {
            return true;
        }
        if !self.directives.is_empty() {
            return false;
        }
        let sentences = self.levels.iter().flat_map(|l| &l.reporting_lines).map(|r| r.sentence);
        let cells = self
            .tables
            .iter()
            .flat_map(|t| std::iter::once(&t.header).chain(&t.rows))
            .flat_map(|r| &r.cells)
            .map(|c| c.span);
        // A destination written as the link holds it is read from the link, not kept twice.
        let held = |i: usize, l: &super::Link| {
            let span = l.target_span?;
            let at = u32::try_from(i).ok()?;
            (self.source.get(span.range()) == Some(l.target.as_str())).then_some((span, at))
        };
        let targets = self
            .links
            .iter()
            .enumerate()
            .filter(|&(i, l)| held(i, l).is_none())
            .filter_map(|(_, l)| l.target_span);
        let linked = self.links.iter().enumerate().filter_map(|(i, l)| held(i, l));
        let words = self
            .links
            .iter()
            .filter(|l| matches!(l.kind, Kind::Inline | Kind::Reference))
            .filter_map(|l| {
                let end = l.span.end as usize;
                let rest = self.source.get(end..)?;
                // Every word character is alphanumeric: the glued-word check trims this further.
                let len: usize = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .map(char::len_utf8)
                    .sum();
                (len > 0).then(|| Span::new(end, end + len))
            });
        let spans = sentences.chain(cells).chain(targets);
        let kept = Kept::new(
            &self.source,
            spans,
            words,
            linked,
            reads.ladder_nodes,
            reads.title_regions,
        );
        self.kept = kept;
        self.source = Arc::from("");
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::read::SourceFile;
    use crate::span::Span;

    #[test]
    fn a_dropped_source_keeps_what_corpus_wide_checks_read() {
        let text = "# Backend Engineer\n\nSee [the handbook](/handbook/)and more. <% x %>\n\n| Level | Grade |\n|---|---|\n| Senior | 7 |\n";
        let mut page = crate::parse::parse(&SourceFile::from_text("a.md", text, false));
        page.shed();
        let cells: Vec<(Span, String)> = page
            .tables
            .iter()
            .flat_map(|t| std::iter::once(&t.header).chain(&t.rows))
            .flat_map(|r| &r.cells)
            .map(|c| (c.span, page.text(c.span).to_owned()))
            .collect();
        let link = page.links.first().cloned().unwrap();
        let destinations: Vec<(Span, String)> = page
            .links
            .iter()
            .filter_map(|l| l.target_span)
            .map(|s| (s, page.text(s).to_owned()))
            .collect();
        assert_eq!(destinations.len(), 1);
        let after = link.span.end as usize;
        assert_eq!(page.text(Span::new(after, after + 3)), "and");
        assert!(page.drop_source(super::super::Reads::default()));
        assert!(page.source.is_empty() && page.templated());
        assert_eq!(cells.len(), 4);
        for (span, written) in cells {
            assert_eq!(page.text(span), written);
        }
        assert_eq!(page.text_from(after), Some("and"));
        assert_eq!(page.text(Span::new(after, after + 3)), "and");
        assert_eq!(page.text(link.target_span.unwrap()), "/handbook/");
        // A destination written as its link holds it is read from the link.
        assert_eq!(page.kept.link_of(link.target_span.unwrap()), Some(0));
        for (span, written) in destinations {
            assert_eq!(page.text(span), written);
        }
        assert_eq!(page.text(Span::new(0, 1)), "", "other text is gone");
        let mut kept = crate::parse::parse(&SourceFile::from_text(
            "b.md",
            "<!-- rolelint-disable -->\n# T\n",
            false,
        ));
        kept.shed();
        assert!(
            !kept.drop_source(super::super::Reads::default()),
            "suppression comments need the text"
        );
    }

    #[test]
    fn a_shed_page_keeps_its_summary_at_exact_size() {
        let text = "# Backend Engineer\n\n## Levels\n\n### Senior Backend Engineer\n\nSee [the handbook](/handbook/) \
                    and [grades](#levels).\n\n<a id=\"grade-table\"></a>\n\n| Level | Grade |\n|---|---|\n| Senior | 7 |\n\n### Staff Backend Engineer\n\n#### Requirements\n\n- item\n";
        let mut page = crate::parse::parse(&SourceFile::from_text("a.md", text, false));
        let before = (page.headings.len(), page.links.len(), page.tables.len());
        let anchors: Vec<String> = page.headings.iter().map(|h| h.anchor.clone()).collect();
        let ids = |page: &super::Page| -> std::collections::BTreeSet<String> {
            let given = page.headings.iter().map(|h| h.anchor.clone());
            page.anchors.iter().map(|a| a.id.clone()).chain(given).collect()
        };
        let all_ids = ids(&page);
        assert!(page.levels.iter().any(|l| !l.sections.is_empty()));
        assert!(page.anchors.len() > anchors.len(), "{:?}", page.anchors);
        page.shed();
        assert_eq!(before, (page.headings.len(), page.links.len(), page.tables.len()));
        assert_eq!(ids(&page), all_ids);
        assert_eq!(
            page.anchors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["grade-table"],
            "only the anchor no heading gives is kept"
        );
        assert!(before.0 >= 4 && before.1 == 2, "{before:?}");
        assert_eq!(
            anchors,
            page.headings.iter().map(|h| h.anchor.clone()).collect::<Vec<_>>()
        );
        assert!(page.prose.is_empty() && page.list_items.is_empty());
        assert!(page.levels.len() == 2 && page.levels.iter().all(|l| l.sections.is_empty()));
        assert_eq!(page.headings.capacity(), page.headings.len());
        assert_eq!(page.links.capacity(), page.links.len());
        assert_eq!(page.anchors.capacity(), page.anchors.len());
        for h in &page.headings {
            assert_eq!(h.text.capacity(), h.text.len());
            assert_eq!(h.anchor.capacity(), h.anchor.len());
        }
        for l in &page.links {
            assert_eq!(l.target.capacity(), l.target.len());
            assert_eq!(l.text.capacity(), l.text.len());
        }
    }
}
