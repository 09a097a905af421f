//! The `typo` check's real-word errors in role titles: "Direct, Widget Engineering", "Senior Sails
//! Representative", "Vice Present of Widgets". Every word is English, so no word list sees them;
//! the role vocabulary of the linted pages does (ladder words, the words of the page's title, slug
//! and other level titles). Called from [`super::Typo`], whose id it reports under.

use super::Typo;
use crate::checks::Cx;
use crate::checks::levels::titles::{RANK_WORD_LIST, is_rank_word};
use crate::diagnostic::{Applicability, Fix};
use crate::model::TitleRegion;
use crate::model::{GradeSource, Handbook, Page};
use crate::parse::levels::title::names_role;
use crate::parse::mermaid::page_nodes;
use crate::policy::vocabulary::Vocabulary;
use crate::span::{Span, Spanned};
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Shortest word read: shorter ones ("Lead", "Data") have too many real neighbours.
const MIN_CHARS: usize = 5;
/// Ladder words that head a title ("Director, Widgets", "Widget Manager"): a title has one.
const HEADS: &[&str] = &[
    "manager",
    "managers",
    "director",
    "directors",
    "president",
    "officer",
    "vp",
    "svp",
    "evp",
];
/// Endings that make a person of an activity ("Research" → "Researcher"): both are titles' words.
const AGENT: &[&str] = &["r", "er", "or", "ist", "ian", "ant"];
/// Endings that make another form of the same word, not another word ("Operation" → "Operations").
const INFLECTIONS: &[&str] = &[
    "s", "es", "ed", "ing", "ion", "ions", "al", "ly", "ment", "ments", "ic", "ics",
];

/// Reports the real-word errors in the titles of every page.
pub(super) fn check(handbook: &Handbook, cx: &mut Cx<'_>) {
    let df = title_frequencies(handbook);
    let vocabulary = &cx.policy.vocabulary;
    // Pages are judged apart (this runs at the end of the run, on its critical path), and their
    // findings are reported in page order as before.
    let found: Vec<(Arc<str>, Span, String, String)> = handbook
        .pages
        .par_iter()
        .flat_map_iter(|page| page_slips(page, &df, vocabulary))
        .collect();
    for (path, span, word, correction) in found {
        let fixed = match_case(&word, &correction);
        let diagnostic = cx.report(
            &Typo::META,
            &path,
            span,
            format!("`{word}` in a role title looks like a slip for `{fixed}`"),
        );
        diagnostic.help = Some(format!(
            "`{word}` is an English word, but no role title of the linted pages uses it, while `{fixed}` is a ladder \
             word or a word of this page's titles; write `{fixed}`, or add `{word}` to `[vocabulary] accept` if the title is right"
        ));
        diagnostic.key = format!("title-word={}", word.to_lowercase());
        diagnostic.label = Some(format!("did you mean `{fixed}`?"));
        let mut fix = Fix::replace(span, fixed.clone(), format!("replace `{word}` with `{fixed}`"));
        fix.applicability = Applicability::Unsafe;
        diagnostic.fix = Some(fix);
    }
}

/// The slips in the titles of `page`: where, the word and its correction.
fn page_slips(
    page: &Page,
    df: &HashMap<String, u32>,
    vocabulary: &Vocabulary,
) -> Vec<(Arc<str>, Span, String, String)> {
    let mut found = Vec::new();
    let titles = page_titles(page);
    let title_words: Vec<BTreeSet<String>> = titles.iter().map(|t| words_of(t)).collect();
    let mut seen: HashSet<usize> = HashSet::default();
    for region in regions(page).iter() {
        let text = page.text(region.span);
        let words: Vec<(usize, &str)> = title_case_words(text)
            .into_iter()
            .filter(|(_, w)| !matches!(*w, "The" | "A" | "An"))
            .collect();
        for (k, &(offset, word)) in words.iter().enumerate() {
            let start = region.span.start as usize + offset;
            if !seen.insert(start) {
                continue;
            }
            let lower = word.to_ascii_lowercase();
            let context = Context {
                other_has_head: words
                    .iter()
                    .enumerate()
                    .any(|(j, (_, w))| j != k && HEADS.iter().any(|h| h.eq_ignore_ascii_case(w))),
                first: k == 0,
            };
            if let Some(correction) = judge(&lower, &context, region, &title_words, df, vocabulary) {
                found.push((
                    page.path.clone(),
                    Span::new(start, start + word.len()),
                    word.to_owned(),
                    correction,
                ));
            }
        }
    }
    found
}

/// The correction of `lower` when it is a real word that no title needs, one or two edits from a
/// word the page's titles or the ladder do need.
fn judge(
    lower: &str,
    context: &Context,
    region: &TitleRegion,
    title_words: &[BTreeSet<String>],
    df: &HashMap<String, u32>,
    vocabulary: &Vocabulary,
) -> Option<String> {
    // Most title words are rank words or used by other titles: those cheap tests come before the
    // vocabulary's lookups.
    if lower.len() < MIN_CHARS || is_rank_word(lower) {
        return None;
    }
    let own = |i: usize| region.own_title == Some(i);
    let elsewhere_on_page = title_words
        .iter()
        .enumerate()
        .any(|(i, w)| !own(i) && w.contains(lower));
    let own_uses = usize::from(
        region
            .own_title
            .and_then(|i| title_words.get(i))
            .is_some_and(|w| w.contains(lower)),
    );
    if elsewhere_on_page || df.get(lower).copied().unwrap_or(0) as usize > own_uses {
        return None;
    }
    // Unknown words are the prose check's; accepted terms are right by configuration.
    if !vocabulary.is_known(lower) || vocabulary.is_term(lower) {
        return None;
    }
    let needed = title_words
        .iter()
        .enumerate()
        .filter(|(i, _)| !own(*i))
        .flat_map(|(_, w)| w.iter().map(String::as_str))
        .filter(|w| w.len() >= 4 && !is_rank_word(w));
    // The ladder's words, and "officer" of its Chief level (a chief officer).
    let ladder = RANK_WORD_LIST
        .iter()
        .copied()
        .chain(["officer"])
        .filter(|w| w.len() >= 4);
    let mut best: Option<(usize, &str)> = None;
    for v in ladder.chain(needed) {
        if v == lower || v.as_bytes().first() != lower.as_bytes().first() || inflected(lower, v, INFLECTIONS) {
            continue;
        }
        let fits = if HEADS.contains(&v) {
            // A title has one head: "Public Sector Manager" needs no second.
            !context.other_has_head
        } else if RANK_WORD_LIST.contains(&v) {
            // Seniority opens a title: "Principle Security Engineer", not "Public Sector Engineer".
            context.first
        } else {
            !inflected(lower, v, AGENT)
        };
        if !fits {
            continue;
        }
        let max = if lower.len() >= 5 && v.len() >= 5 { 2 } else { 1 };
        let Some(d) = distance(lower, v, max) else { continue };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, v));
        }
    }
    best.map(|(_, v)| v.to_owned())
}

/// True when one word is the other plus one of `endings` ("operation", "operations"), a final `e`
/// dropped ("manage", "managing").
fn inflected(a: &str, b: &str, endings: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|rest| endings.contains(&rest))
        || short
            .strip_suffix('e')
            .is_some_and(|stem| long.strip_prefix(stem).is_some_and(|rest| endings.contains(&rest)))
}

/// Where a word stands in its title.
struct Context {
    /// True when another title-case word of the title is a head (`Manager`, `Director`…).
    other_has_head: bool,
    /// True when it opens the title (after an article).
    first: bool,
}

/// Levenshtein distance of two ASCII words, when it is at most `max`.
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur.fill(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(usize::MAX) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX) + 1;
            let ins = cur.get(j).copied().unwrap_or(usize::MAX) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|&d| d <= max)
}

/// The page's titles: its levels', its own (front matter or H1) and its slug's words.
fn page_titles(page: &Page) -> Vec<String> {
    let mut titles: Vec<String> = page.levels.iter().map(|l| l.title.clone()).collect();
    if let Some(t) = &page.front_matter.title {
        titles.push(t.value.clone());
    }
    titles.push(slug_words(&page.path));
    titles
}

/// The words of a page's slug: its file name, or its folder's for an `index.*` page.
fn slug_words(path: &str) -> String {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = if stem == "index" || stem == "_index" {
        parts.next().unwrap_or_default()
    } else {
        stem
    };
    stem.replace(['-', '_'], " ")
}

/// In how many distinct role titles of the linted pages each word occurs.
fn title_frequencies(handbook: &Handbook) -> HashMap<String, u32> {
    let mut distinct: HashSet<String> = HashSet::default();
    for page in &handbook.pages {
        let levels = page.levels.iter().map(|l| l.title.as_str());
        let front = page.front_matter.title.as_ref().map(|t| t.value.as_str());
        for title in levels.chain(front) {
            distinct.insert(title.trim().to_lowercase());
        }
    }
    let mut df: HashMap<String, u32> = HashMap::default();
    for title in &distinct {
        for w in words_of(title) {
            *df.entry(w).or_insert(0) += 1;
        }
    }
    df
}

/// The lowercase words of a title.
fn words_of(title: &str) -> BTreeSet<String> {
    title
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Where a page writes role titles: its title, level titles, headings that name a role, reporting
/// lines, the subjects of grade sentences, grade-table rows and career-ladder graph nodes. Prose
/// is not read: "present" and "office" are right there.
fn regions(page: &Page) -> Cow<'_, [TitleRegion]> {
    if page.kept.dropped {
        Cow::Borrowed(&page.kept.title_regions)
    } else {
        Cow::Owned(regions_written(page, &page_nodes(page)))
    }
}

/// [`regions`] worked out from the page's text (still there: a dropped page keeps what this
/// returns) and its ladder graphs' `nodes`.
pub(crate) fn regions_written(page: &Page, nodes: &[Spanned<String>]) -> Vec<TitleRegion> {
    let mut out = Vec::new();
    let levels = page.levels.len();
    for (i, level) in page.levels.iter().enumerate() {
        out.push(TitleRegion {
            span: level.title_span,
            own_title: Some(i),
        });
        for line in &level.reporting_lines {
            out.push(TitleRegion {
                span: line.span,
                own_title: Some(i),
            });
        }
        for grade in level.grades.iter().filter(|g| g.source == GradeSource::Sentence) {
            let start = page
                .source
                .get(..grade.span.start as usize)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            out.push(TitleRegion {
                span: Span::new(start, grade.span.start as usize),
                own_title: Some(i),
            });
        }
    }
    if let Some(t) = &page.front_matter.title {
        out.push(TitleRegion {
            span: t.span,
            own_title: Some(levels),
        });
    }
    for h in &page.headings {
        if h.level.is_none() && names_role(&h.text) {
            out.push(TitleRegion {
                span: h.text_span,
                own_title: None,
            });
        }
    }
    // A level's body repeats its title: that title cannot vouch for the words written under it.
    for region in &mut out {
        if region.own_title.is_none() {
            region.own_title = page.levels.iter().position(|l| l.body.contains(region.span));
        }
    }
    for table in &page.tables {
        let grade_table = table
            .header
            .cells
            .iter()
            .any(|c| c.text.to_lowercase().contains("grade"));
        if grade_table {
            for row in &table.rows {
                out.push(TitleRegion {
                    span: row.span,
                    own_title: None,
                });
            }
        }
    }
    out.extend(nodes.iter().map(|l| TitleRegion {
        span: l.span,
        own_title: None,
    }));
    out
}

/// The words of `text` written in title case ("Sails", not "sails", "SAILS" or "iSails"), with their
/// byte offsets; words glued to digits, `_` or `/` (anchors, paths) are skipped.
fn title_case_words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if !b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let end = (i..bytes.len())
            .find(|&j| !bytes.get(j).is_some_and(u8::is_ascii_alphabetic))
            .unwrap_or(bytes.len());
        let glued = |k: Option<usize>| {
            k.and_then(|k| bytes.get(k))
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'_' | b'/' | b'-' | b'#' | b'\'' | b'.' | b'@'))
        };
        let word = text.get(i..end).unwrap_or_default();
        let title_case = b.is_ascii_uppercase() && word.bytes().skip(1).all(|c| c.is_ascii_lowercase());
        if title_case && !glued(i.checked_sub(1)) && !glued(Some(end)) {
            out.push((i, word));
        }
        i = end;
    }
    out
}

/// `correction` in the case of `word` (title case or all capitals).
fn match_case(word: &str, correction: &str) -> String {
    if word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return correction.to_ascii_uppercase();
    }
    crate::checks::registry::capitalised(correction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_small_distances_only() {
        assert_eq!(distance("sails", "sales", 2), Some(2));
        assert_eq!(distance("present", "president", 2), Some(2));
        assert_eq!(distance("office", "officer", 2), Some(1));
        assert_eq!(distance("widget", "sprocket", 2), None);
    }

    #[test]
    fn inflections_are_not_slips() {
        assert!(inflected("operation", "operations", INFLECTIONS));
        assert!(inflected("manage", "managed", INFLECTIONS));
        assert!(!inflected("office", "officer", INFLECTIONS));
        assert!(!inflected("direct", "director", INFLECTIONS));
        assert!(inflected("research", "researcher", AGENT));
    }

    #[test]
    fn reads_title_case_words_outside_anchors() {
        let words: Vec<&str> = title_case_words("[Senior Sails](#senior-sails) Rep2 SDR iPad")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(words, ["Senior", "Sails"]);
    }
}
