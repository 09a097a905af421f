//! `unknown-ladder-node`: a node of a Mermaid career-ladder graph that names no level of the linted pages.

use super::titles::{family_phrase, title_key};
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::model::Handbook;
use crate::parse::levels::title::names_role;
use crate::parse::mermaid::page_nodes;
use foldhash::HashSet;
use foldhash::HashSetExt;
use std::collections::BTreeSet;

declare_check! {
    /// ## What it does
    /// Reads the Mermaid career-ladder graphs of a page (a ` ```mermaid ` block whose diagram is
    /// `graph` or `flowchart`) and flags a node whose label is a role title that is not the title of
    /// any level or page among the linted pages. Titles are compared as the other title checks
    /// compare them (case, `&`/`and`, `Sr.`/`Senior`, `VP`/`Vice President`, parenthesised level
    /// names), and word order does not matter ("Security Engineer, Widget Quality" is "Widget Quality Security
    /// Engineer"). Labels that name no role ("Start", "IC track") or with markup are skipped, and so
    /// are nodes of a family no linted page defines (the graph points to another handbook). Each
    /// unknown title is reported once per page.
    /// ## Why is this bad?
    /// The graph is the page's picture of the ladder. A node left from a renamed or removed level
    /// sends readers to a role that does not exist, or leaves out the one that does.
    /// ## Example
    /// ` A[Widget Analyst] --> B[Senior Widget Analist] ` on a page whose levels are `Widget Analyst`
    /// and `Senior Widget Analyst`.
    ///
    /// Use instead: ` A[Widget Analyst] --> B[Senior Widget Analyst] `.
    pub struct UnknownLadderNode { id: "unknown-ladder-node", family: Levels, severity: Warning,
        summary: "a node of a Mermaid career-ladder graph names no level of the linted pages", fixable: false }
}

impl Check for UnknownLadderNode {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        let mut known: Option<Known> = None;
        for page in &handbook.pages {
            let nodes = page_nodes(page);
            // A node is usually written once per edge: one finding per title and page.
            let mut seen = HashSet::new();
            for label in nodes.iter() {
                let family = word_set(&family_phrase(&label.value));
                if !names_role(&label.value) || family.is_empty() {
                    continue;
                }
                // Built on the first graph: most handbooks have none.
                let known = known.get_or_insert_with(|| Known::new(handbook));
                let title = word_set(&title_key(&label.value));
                // A family no linted page defines is another handbook's business.
                if known.titles.contains(&title) || !known.families.contains(&family) || !seen.insert(title) {
                    continue;
                }
                let levels: Vec<&str> = page.levels.iter().map(|l| l.title.as_str()).take(4).collect();
                let help = if levels.is_empty() {
                    "name the node as the level's heading names it, or remove the node".to_owned()
                } else {
                    format!(
                        "name the node as a level's heading names it (this page has `{}`), or remove the node if the level is gone",
                        levels.join("`, `")
                    )
                };
                cx.report(
                    &Self::META,
                    &page.path,
                    label.span,
                    format!(
                        "the career-ladder node `{}` names no level of the linted pages",
                        label.value
                    ),
                )
                .set_label("no level has this title")
                .set_help(help)
                .set_key(format!("node={}", label.value));
            }
        }
    }
}

/// The titles and the family phrases of every level and page title, as word sets: a graph may write
/// "Security Engineer, Application Security" for the level "Application Security Engineer".
struct Known {
    titles: HashSet<String>,
    families: HashSet<String>,
}

impl Known {
    fn new(handbook: &Handbook) -> Self {
        let mut known = Known {
            titles: HashSet::new(),
            families: HashSet::new(),
        };
        for page in &handbook.pages {
            let levels = page.levels.iter().map(|l| l.title.as_str());
            let front = page.front_matter.title.as_ref().map(|t| t.value.as_str());
            for title in levels.chain(front) {
                known.titles.insert(word_set(&title_key(title)));
                known.families.insert(word_set(&family_phrase(title)));
            }
        }
        known
    }
}

/// The distinct words of a key, sorted and joined by spaces.
fn word_set(key: &str) -> String {
    let words: BTreeSet<&str> = key.split(' ').filter(|w| !w.is_empty() && *w != "and").collect();
    words.into_iter().collect::<Vec<_>>().join(" ")
}
