//! Findings across links: targets that differ only in letter case, and one link text that points to
//! different pages on different pages.

use super::options::LINK_RULES;
use crate::model::Handbook;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// What became of one site-root or relative link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// It leads to this page (index in the handbook).
    Resolved(u32),
    /// It was reported as broken.
    Broken,
    /// Its tree is not among the linted files.
    Unverifiable,
}

/// One site-root or relative link, after resolution. A large tree holds one for nearly every
/// link while the corpus-wide checks run, so the indices are 32-bit.
#[derive(Clone, Debug)]
pub(crate) struct LinkRecord {
    /// The page holding the link.
    pub page: u32,
    /// The link's index in that page.
    pub link: u32,
    /// The normalised path it was looked up as (`site:/x` when no linted folder holds it).
    pub key: std::sync::Arc<str>,
    /// What became of it.
    pub status: Status,
}

/// A cross-link finding: report `records[at]` with `records[other]` as the related place.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    /// The record to report.
    pub at: usize,
    /// The record that contradicts it.
    pub other: usize,
    /// For text findings: how many other pages use the text for another target.
    pub other_pages: usize,
}

/// Links whose targets differ from another link's only in letter case, where no spelling resolves:
/// the spellings with capitals are reported (all of them when every spelling has capitals). Each
/// site of the run is judged apart (see [`Sites`]): one handbook may spell a path another no longer
/// uses.
pub(crate) fn case_collisions(records: &[LinkRecord], sites: &Sites<'_>) -> Vec<Pair> {
    let mut groups: BTreeMap<String, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        let key = r.key.trim_end_matches('/');
        groups
            .entry(key.to_lowercase())
            .or_default()
            .entry(key)
            .or_default()
            .push(i);
    }
    let mut pairs = Vec::new();
    for variants in groups.values().filter(|v| v.len() > 1) {
        sites.for_each_part(variants, records, |part| collisions(part, records, &mut pairs));
    }
    pairs
}

/// The links of one path's spellings (all on pages of one site) that [`case_collisions`] reports.
fn collisions(variants: &BTreeMap<&str, Vec<usize>>, records: &[LinkRecord], pairs: &mut Vec<Pair>) {
    let any_resolved = variants
        .values()
        .flatten()
        .any(|&i| matches!(records.get(i).map(|r| r.status), Some(Status::Resolved(_))));
    if any_resolved {
        // The others are already reported: "exists only as …" or "does not exist".
        return;
    }
    let lowercase = variants.keys().find(|k| !k.chars().any(char::is_uppercase));
    for (&spelling, at) in variants {
        let reported = lowercase.is_none_or(|_| spelling.chars().any(char::is_uppercase));
        let other = lowercase
            .filter(|&&l| l != spelling)
            .or_else(|| variants.keys().find(|&&k| k != spelling))
            .and_then(|k| variants.get(k))
            .and_then(|v| v.first());
        let (true, Some(&other)) = (reported, other) else {
            continue;
        };
        pairs.extend(
            at.iter()
                .filter(|&&i| records.get(i).is_some_and(|r| r.status != Status::Broken))
                .map(|&at| Pair {
                    at,
                    other,
                    other_pages: 0,
                }),
        );
    }
}

/// Links whose title-like text points elsewhere on other pages. The target most pages use wins and
/// the others are reported; on a tie every side is reported. Links with a `#fragment` name a
/// section, and departments share section titles ("Handbook Update Frequency"), so they are left out.
/// Links written alike lead to one destination, whatever each resolves to from its own page: two
/// handbooks linted together (one per year, or per company) each resolve `/job-families/x/` in their
/// own site, and a relative `../` leads to each page's own parent; neither is a slip.
/// Each site of the run is judged apart (see [`Sites`]): one handbook may have renamed a page the
/// other still links to, and each is consistent in itself.
pub(crate) fn divergent_texts(handbook: &Handbook, records: &[LinkRecord], sites: &Sites<'_>) -> Vec<Pair> {
    // Each record's text, target and link as written, worked out by several threads (string work
    // on every link of the tree), then grouped in record order: text → destination → records.
    let keyed: Vec<Option<(String, Written)>> = records
        .par_iter()
        .map(|r| {
            let link = handbook.pages.get(r.page as usize)?.links.get(r.link as usize)?;
            let text = link.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if r.status == Status::Broken || link.target.contains('#') || !looks_like_title(&text) {
                return None;
            }
            let target = match r.status {
                Status::Resolved(page) => format!("page:{page}"),
                _ => r.key.trim_end_matches('/').to_lowercase(),
            };
            let written = link.target.trim().trim_end_matches('/').to_lowercase();
            Some((text.to_lowercase(), Written { target, written }))
        })
        .collect();
    let mut by_text: BTreeMap<String, Vec<(Written, usize)>> = BTreeMap::new();
    for (i, (text, written)) in keyed.into_iter().enumerate().filter_map(|(i, k)| Some((i, k?))) {
        by_text.entry(text).or_default().push((written, i));
    }
    let groups: Vec<BTreeMap<String, Vec<usize>>> = by_text.into_values().map(destinations).collect();
    let mut pairs = Vec::new();
    for targets in groups.iter().filter(|t| t.len() > 1) {
        sites.for_each_part(targets, records, |part| contradictions(part, records, &mut pairs));
    }
    pairs
}

/// The sites of a run, for the checks that compare one page's choices with another's: when one run
/// lints several handbooks (two years of one site, or two companies'), each is judged apart. A
/// site root is the outermost folder that pages' site-root links resolve from (a folder inside
/// another such folder is part of it: a link resolved from a nearer folder that happens to hold
/// its first segment), and it is a handbook of its own only when another root holds a section of
/// the same name (both hold `job-families/`): one site built from two source trees
/// (`source/job-families/`, `sites/handbook/source/handbook/`) stays one. A page belongs to the
/// site holding the folder its own links resolve from, else the one holding the page itself;
/// pages in no such site are judged among themselves. Found when first asked, since that reads
/// every page's links.
pub(crate) struct Sites<'a> {
    handbook: &'a Handbook,
    site_of: &'a (dyn Fn(u32) -> Option<String> + Sync),
    sections: &'a (dyn Fn(&str) -> Vec<String> + Sync),
    /// Each page's site (an index into the sites found); empty when the run holds fewer than two.
    of_page: OnceLock<Vec<Option<usize>>>,
}

impl<'a> Sites<'a> {
    /// The sites of `handbook`'s pages; `site_of` names the folder a page's site-root links resolve
    /// from (`None` when none does), `sections` the linted folders directly inside a folder.
    pub(crate) fn new(
        handbook: &'a Handbook,
        site_of: &'a (dyn Fn(u32) -> Option<String> + Sync),
        sections: &'a (dyn Fn(&str) -> Vec<String> + Sync),
    ) -> Self {
        Sites {
            handbook,
            site_of,
            sections,
            of_page: OnceLock::new(),
        }
    }

    fn of_page(&self) -> &[Option<usize>] {
        self.of_page.get_or_init(|| {
            let own: Vec<Option<String>> = (0..self.handbook.pages.len())
                .into_par_iter()
                .map(|p| u32::try_from(p).ok().and_then(self.site_of))
                .collect();
            let named: BTreeSet<&str> = own.iter().flatten().map(String::as_str).collect();
            let outermost: Vec<&str> = named
                .iter()
                .copied()
                .filter(|site| {
                    !named
                        .iter()
                        .any(|other| other != site && super::paths::is_within(site, other))
                })
                .collect();
            let sections: Vec<BTreeSet<String>> = outermost
                .iter()
                .map(|root| (self.sections)(root).into_iter().collect())
                .collect();
            // Two roots are two handbooks when they hold a section of one name.
            let roots: Vec<&str> = outermost
                .iter()
                .zip(&sections)
                .enumerate()
                .filter(|(i, (_, mine))| {
                    sections
                        .iter()
                        .enumerate()
                        .any(|(j, theirs)| j != *i && !mine.is_disjoint(theirs))
                })
                .map(|(_, (root, _))| *root)
                .collect();
            if roots.len() < 2 {
                return Vec::new();
            }
            own.iter()
                .zip(&self.handbook.pages)
                .map(|(site, page)| {
                    let path = match site {
                        Some(site) => std::borrow::Cow::Borrowed(site.as_str()),
                        None => std::borrow::Cow::Owned(super::paths::normalize(&page.path)),
                    };
                    roots.iter().position(|root| super::paths::is_within(&path, root))
                })
                .collect()
        })
    }

    /// Calls `judge` on records grouped by key (a destination, a spelling): on each site's share
    /// of them that still holds two keys or more, or on them whole when they all lie in one site.
    fn for_each_part<K: Ord + Clone>(
        &self,
        groups: &BTreeMap<K, Vec<usize>>,
        records: &[LinkRecord],
        mut judge: impl FnMut(&BTreeMap<K, Vec<usize>>),
    ) {
        let of_page = self.of_page();
        if of_page.is_empty() {
            return judge(groups);
        }
        let mut parts: BTreeMap<Option<usize>, BTreeMap<K, Vec<usize>>> = BTreeMap::new();
        for (key, at) in groups {
            for &i in at {
                let Some(page) = records.get(i).map(|r| r.page as usize) else {
                    continue;
                };
                let site = of_page.get(page).copied().flatten();
                parts.entry(site).or_default().entry(key.clone()).or_default().push(i);
            }
        }
        if parts.len() < 2 {
            return judge(groups);
        }
        parts.values().filter(|part| part.len() > 1).for_each(judge);
    }
}

/// The links of one text (by destination, all on pages of one site) that contradict the rest:
/// the destination most pages use wins and the others are reported; on a tie every side is.
fn contradictions(targets: &BTreeMap<String, Vec<usize>>, records: &[LinkRecord], pairs: &mut Vec<Pair>) {
    let pages_of =
        |v: &Vec<usize>| -> BTreeSet<u32> { v.iter().filter_map(|&i| records.get(i)).map(|r| r.page).collect() };
    // Each target's pages once: a text linked from every copy of a large tree has thousands of
    // links, and each used to gather the other targets' pages again.
    let pages: BTreeMap<&String, BTreeSet<u32>> = targets.iter().map(|(t, v)| (t, pages_of(v))).collect();
    let all_pages: BTreeSet<u32> = pages.values().flatten().copied().collect();
    if all_pages.len() < 2 {
        return;
    }
    let best = pages.values().map(BTreeSet::len).max().unwrap_or(0);
    let winners: Vec<&String> = pages.iter().filter(|(_, p)| p.len() == best).map(|(t, _)| *t).collect();
    let majority = (winners.len() == 1).then(|| winners.first().copied()).flatten();
    for (target, at) in targets {
        if majority == Some(target) {
            continue;
        }
        let other_target = majority.unwrap_or_else(|| targets.keys().find(|&t| t != target).unwrap_or(target));
        let Some(&other) = targets.get(other_target).and_then(|v| v.first()) else {
            continue;
        };
        // The pages linking the text to another target.
        let elsewhere: BTreeSet<u32> = pages
            .iter()
            .filter(|(t, _)| **t != target)
            .flat_map(|(_, p)| p.iter().copied())
            .collect();
        for &i in at {
            let Some(here) = records.get(i).map(|r| r.page) else {
                continue;
            };
            let other_pages = elsewhere.len() - usize::from(elsewhere.contains(&here));
            if other_pages > 0 {
                pairs.push(Pair {
                    at: i,
                    other,
                    other_pages,
                });
            }
        }
    }
}

/// Where one link leads, and the link as written.
struct Written {
    /// The page it resolves to (`page:N`), else its normalised lookup path.
    target: String,
    /// Its destination as written (lowercase, without a trailing `/`).
    written: String,
}

/// The records of one link text by destination: links resolving to one page, or written alike,
/// share a destination, named by the least of its targets (so the grouping is the same on every
/// run); each destination's records stay in record order.
fn destinations(links: Vec<(Written, usize)>) -> BTreeMap<String, Vec<usize>> {
    // Union-find over targets: each target names the class it joined (itself when it leads one).
    let mut joined: BTreeMap<&str, &str> = BTreeMap::new();
    fn lead<'a>(joined: &BTreeMap<&'a str, &'a str>, mut t: &'a str) -> &'a str {
        while let Some(&up) = joined.get(t).filter(|&&up| up != t) {
            t = up;
        }
        t
    }
    let mut first_written: BTreeMap<&str, &str> = BTreeMap::new();
    for (link, _) in &links {
        joined.entry(&link.target).or_insert(&link.target);
        let other = *first_written.entry(&link.written).or_insert(&link.target);
        let (a, b) = (lead(&joined, &link.target), lead(&joined, other));
        if a != b {
            let (least, most) = if a < b { (a, b) } else { (b, a) };
            joined.insert(most, least);
        }
    }
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (link, i) in &links {
        out.entry(lead(&joined, &link.target).to_owned()).or_default().push(*i);
    }
    out
}

/// Words a title leaves in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with",
];

/// True for texts written like a page title ("Backend Engineer Job Family"), not a phrase ("team page").
pub(crate) fn looks_like_title(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 10 || LINK_RULES.generic_texts.iter().any(|g| g.eq_ignore_ascii_case(text)) {
        return false;
    }
    let mut capitalised = 0;
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word)) {
            continue;
        }
        match word.chars().next() {
            Some(c) if c.is_uppercase() || c.is_ascii_digit() => capitalised += 1,
            _ => return false,
        }
    }
    capitalised >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_two_indices_a_shared_key_and_a_status() {
        // One per link of the tree lives through the cross-link passes: 48 bytes with `usize` indices.
        assert_eq!(std::mem::size_of::<LinkRecord>(), 32);
    }

    fn rec(page: u32, key: &str, status: Status) -> LinkRecord {
        LinkRecord {
            page,
            link: 0,
            key: key.into(),
            status,
        }
    }

    #[test]
    fn titles_are_capitalised_phrases() {
        assert!(looks_like_title("Backend Engineer Job Family"));
        assert!(looks_like_title("Vice President of Sales"));
        assert!(!looks_like_title("team page"));
        assert!(!looks_like_title("Here"));
        assert!(!looks_like_title("Job Grades"));
        assert!(!looks_like_title("See the handbook"));
    }

    #[test]
    fn case_collisions_report_the_capitalised_spelling() {
        let records = [
            rec(0, "site:/h/a-b", Status::Unverifiable),
            rec(1, "site:/h/A-b/", Status::Unverifiable),
            rec(1, "site:/h/other", Status::Unverifiable),
        ];
        let handbook = Handbook::new(Vec::new());
        let no_site = |_: u32| None;
        let no_sections = |_: &str| Vec::new();
        let sites = Sites::new(&handbook, &no_site, &no_sections);
        let pairs = case_collisions(&records, &sites);
        assert_eq!(
            pairs,
            [Pair {
                at: 1,
                other: 0,
                other_pages: 0
            }]
        );
        let resolved = [rec(0, "x/a", Status::Resolved(3)), rec(1, "x/A", Status::Broken)];
        assert!(case_collisions(&resolved, &sites).is_empty());
    }
}
