//! Mermaid career-ladder graphs (` ```mermaid ` fences whose diagram is `graph` or `flowchart`):
//! page text → the node labels, with their spans.

use crate::span::{Span, Spanned};

/// Node shapes, longest opener first: `A[[x]]`, `A[(x)]`, `A([x])`, `A((x))`, `A{{x}}`, `A[x]`, `A(x)`, `A{x}`.
const SHAPES: &[(&str, &str)] = &[
    ("[[", "]]"),
    ("[(", ")]"),
    ("([", "])"),
    ("((", "))"),
    ("{{", "}}"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
];

/// The node labels of `page`'s flowcharts: read from its text, or kept from it once it is dropped.
pub fn page_nodes(page: &crate::model::Page) -> std::borrow::Cow<'_, [Spanned<String>]> {
    if page.kept.dropped {
        std::borrow::Cow::Borrowed(&page.kept.ladder_nodes)
    } else if page.source.contains("mermaid") {
        std::borrow::Cow::Owned(node_labels(&page.source))
    } else {
        std::borrow::Cow::Borrowed(&[])
    }
}

/// Every node label of every flowchart in `text`, in document order. Labels are trimmed, quotes
/// removed; a label with markup (`<br>`, `**`) or no letters is skipped.
pub fn node_labels(text: &str) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize, bool)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let trimmed = body.trim_start_matches(' ');
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match fence {
            None => {
                for c in ['`', '~'] {
                    let n = run(c);
                    if indent <= 3 && n >= 3 {
                        let info = trimmed.get(n..).unwrap_or_default().trim();
                        let mermaid = info.split_whitespace().next() == Some("mermaid");
                        fence = Some((c, n, mermaid));
                    }
                }
            }
            Some((c, n, mermaid)) => {
                if indent <= 3 && run(c) >= n && trimmed.trim_start_matches(c).trim().is_empty() {
                    fence = None;
                } else if mermaid {
                    let head = trimmed.trim_start();
                    // The diagram's kind line and blank lines hold no nodes.
                    if !(head.is_empty() || head.starts_with("graph") || head.starts_with("flowchart")) {
                        labels_of_line(body, start, &mut out);
                    }
                }
            }
        }
    }
    // Only flowcharts are career ladders: drop the labels of other diagrams.
    retain_flowcharts(text, &mut out);
    out
}

fn labels_of_line(line: &str, start: usize, out: &mut Vec<Spanned<String>>) {
    // `%%` starts a comment.
    let line = line.split("%%").next().unwrap_or_default();
    let bytes = line.as_bytes();
    let at = |k: usize| bytes.get(k).copied().unwrap_or(b' ');
    let is_id = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let prev = i.checked_sub(1).map_or(b' ', at);
        if !is_id(at(i)) || is_id(prev) || prev == b'|' {
            i += 1;
            continue;
        }
        let id_end = (i..bytes.len()).find(|&j| !is_id(at(j))).unwrap_or(bytes.len());
        let rest = line.get(id_end..).unwrap_or_default();
        let Some((open, close)) = SHAPES.iter().find(|(o, _)| rest.starts_with(o)) else {
            i = id_end.max(i + 1);
            continue;
        };
        let label_start = id_end + open.len();
        let Some(len) = line.get(label_start..).and_then(|r| r.find(close)) else {
            break;
        };
        let raw = line.get(label_start..label_start + len).unwrap_or_default();
        let inner = raw.trim();
        let inner = inner
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(inner)
            .trim();
        let lead = raw.find(inner).unwrap_or(0);
        if inner.chars().any(char::is_alphabetic) && !inner.contains(['<', '*', '`', '"']) {
            let s = start + label_start + lead;
            out.push(Spanned::new(inner.to_owned(), Span::new(s, s + inner.len())));
        }
        i = label_start + len + close.len();
    }
}

/// Keeps the labels that lie in a fence whose first non-blank line opens a `graph` or `flowchart`.
fn retain_flowcharts(text: &str, labels: &mut Vec<Spanned<String>>) {
    let mut flowchart_blocks: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, bool, bool)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        match open {
            None if t.starts_with("```mermaid") || t.starts_with("~~~mermaid") || t == "``` mermaid" => {
                open = Some((start, false, false));
            }
            Some((s, seen, flow)) => {
                if t.starts_with("```") || t.starts_with("~~~") {
                    if flow {
                        flowchart_blocks.push((s, start));
                    }
                    open = None;
                } else if !seen && !t.is_empty() {
                    let flow = t.starts_with("graph") || t.starts_with("flowchart");
                    open = Some((s, true, flow));
                }
            }
            None => {}
        }
    }
    labels.retain(|l| {
        let at = l.span.start as usize;
        flowchart_blocks.iter().any(|&(s, e)| s <= at && at < e)
    });
}

#[cfg(test)]
mod tests {
    use super::node_labels;

    #[test]
    fn reads_the_labels_of_flowchart_nodes() {
        let text = "x\n```mermaid\ngraph LR\n  A[Widget Analyst] --> B(\"Senior Widget Analyst\")\n  B -->|promotion| C{{Staff Widget Analyst}} %% C[Not this]\n```\n";
        let labels: Vec<String> = node_labels(text).into_iter().map(|l| l.value).collect();
        assert_eq!(
            labels,
            ["Widget Analyst", "Senior Widget Analyst", "Staff Widget Analyst"]
        );
        for l in node_labels(text) {
            assert_eq!(text.get(l.span.range()), Some(l.value.as_str()));
        }
    }

    #[test]
    fn ignores_other_diagrams_and_other_code() {
        let text = "```mermaid\nsequenceDiagram\n  A[Widget Analyst]\n```\n```rust\nA[Widget Analyst]\n```\n";
        assert!(node_labels(text).is_empty());
    }
}
