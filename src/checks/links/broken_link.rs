//! `broken-link`: internal links that lead nowhere, and link syntax that breaks a link.

use super::cross::{self, LinkRecord, Status};
use super::own_site::{self, SiteUrl};
use super::resolve::{Resolution, Resolver};
use super::site::SiteIndex;
use super::syntax;
use super::target::Target;
use crate::checks::similarity::similarity_at_least;
use crate::checks::{Check, CheckMeta, Cx};
use crate::declare_check;
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::model::{Handbook, Link, LinkKind, Page};
use crate::span::Span;
use foldhash::HashMapExt;
use rayon::prelude::*;

declare_check! {
    /// ## What it does
    /// Flags internal links that lead nowhere among the linted pages: relative paths, site-root paths
    /// (`/job-families/…`, resolved from the nearest folder above the page that holds the first
    /// segment, trying `x.md`, `x/index.md`, `x/_index.md`, `x/index.html.md`,
    /// `x/index.html.md.erb`, `x.html.md`), and `#fragments` missing from the target page's anchors.
    /// A redirects file named in the configuration is honoured. It also flags a target that exists
    /// only with other letter case, two targets that differ only in letter case, a link glued to the
    /// next word, an empty target, doubled parentheses, a site path without its leading slash, and a
    /// title-like link text that points to different pages on different pages (links written alike
    /// count as one target: each handbook of a run resolves `/x/` in its own site, each page `../`
    /// in its own folder). When one run lints several handbooks (site roots, the outermost folders
    /// site-root links resolve from, that hold a section of one name), these two comparisons
    /// between pages stay inside each, as if each were linted alone.
    ///
    /// Link syntax that did not become a link is flagged where CommonMark leaves it as literal text:
    /// `[text] (/x)` (a space before `(`), `text](/x)` (the `[` lost), `[text](/a b)` (spaces in the
    /// target), `(text)[/x]` (swapped), `[text][/x/]` (a path as a reference label) and
    /// `[text](/x` (never closed). The target must read as one (a path, `#fragment` or URL), so
    /// `[1] (2019)` and `f(x)[i]` are left alone; a fix is offered where the intent is plain.
    ///
    /// A full URL to the site itself (`https://handbook.example.com/job-families/…`) is checked as the
    /// site-root path it names. The site's URL is `site-urls` (below), else Hugo's `baseURL`
    /// (`hugo.toml|yaml|json`, `config.*`) or Jekyll's `url` (`_config.yml`) above the linted tree,
    /// else inferred: a host whose links lead to three or more linted pages, and resolve for at least
    /// two in three of those whose section is linted. Other hosts stay external.
    ///
    /// A link whose folder holds no linted page cannot be verified: it is counted in the summary and
    /// reported only with `--strict-links`. When the section folder a site-root link starts with
    /// (`job-families/`) was linted whole (the site root, the section or a folder above them was
    /// named), a missing folder below it is broken instead: `/job-families/widgets/…` with no
    /// `widgets/`. External `http(s)` links are fetched only with `--online`.
    /// ## Why is this bad?
    /// Candidates and interviewers follow these links to the neighbouring roles, the grade table and
    /// the hiring process. A dead link hides that information, and a link to the wrong role misleads.
    /// ## Example
    /// `See the [Backend Engineer](/job-families/engineering/backend-enginer/)and the ladder.`
    ///
    /// Use instead:
    /// `See the [Backend Engineer](/job-families/engineering/backend-engineer/) and the ladder.`
    ///
    /// ## Options
    /// - `--strict-links`: also report links that cannot be verified (see above, and below).
    /// - `[options.broken-link] redirects = "redirects.yml"`: a redirects file; a link to a redirect
    ///   source is not broken when its target exists.
    /// - `[options.broken-link] site-urls = ["https://handbook.example.com"]`: the URLs the site is
    ///   published at (with the path it lives under, if any); replaces the configuration files and
    ///   the inference above.
    /// - `--online` (off by default): also check external `http(s)` links. Each distinct URL (its
    ///   `#fragment` removed) is asked once, by 8 requests at a time, with `HEAD`, or `GET` when the
    ///   server refuses `HEAD` (400, 403, 405, 501); no other method is ever sent. Up to 5 redirects
    ///   are followed. Timeouts, connection failures, 408, 429 and 5xx are retried twice, with a
    ///   growing pause. A status of 400 or more, an unknown host, a failed connection or too many
    ///   redirects is reported at every link to the URL (`answered 404 Not Found`). 401, 403, 429
    ///   and timeouts mean the site refused or delayed a robot, not that the page is gone: they are
    ///   counted as unverified and reported only with `--strict-links`.
    /// - `[options.broken-link] timeout-seconds = 10`: the budget of one request with `--online`.
    /// - `[options.broken-link] cache-max-age-hours = 24`: how long a passing answer is reused.
    ///   Passing answers are cached in `.rolelint-cache/links.json` (or `--cache-dir DIR`), written
    ///   atomically at the end of the run; broken and unverified links are asked again every run,
    ///   so a repair shows at once. A corrupt cache is ignored.
    pub struct BrokenLink { id: "broken-link", family: Links, severity: Error,
        summary: "an internal link or fragment leads nowhere, or link syntax breaks the link", fixable: true }
}

impl Check for BrokenLink {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn check_page(&self, page: &Page, cx: &mut Cx<'_>) {
        let body_start = page.front_matter.span.map_or(0, |s| s.end as usize);
        let markdown_links: Vec<Span> = page
            .links
            .iter()
            .filter(|l| l.kind != LinkKind::Html)
            .map(|l| l.span)
            .collect();
        for remnant in super::remnants::find_in_page(&page.source, body_start, &markdown_links) {
            let written = page.text(remnant.span);
            let shown: String = if written.chars().count() > 60 {
                written.chars().take(57).chain("...".chars()).collect()
            } else {
                written.to_owned()
            };
            let reason = remnant.reason;
            let d = report(cx, page, remnant.span, format!("`{shown}` is not a link: {reason}"));
            d.label = Some("shown as literal text".into());
            d.key = format!("remnant={written}");
            let fixed = remnant.fixed.or_else(|| {
                super::remnants::fragment_fix(written, |a| {
                    page.headings.iter().any(|h| h.anchor == a) || page.anchors.iter().any(|x| x.id == a)
                })
            });
            match fixed {
                Some(fixed) => {
                    d.help = Some(format!("write `{fixed}`"));
                    let mut fix = Fix::replace(remnant.span, fixed.clone(), format!("write `{fixed}`"));
                    // Reading spaces as hyphens is a guess, even when it finds an anchor.
                    if reason.contains("spaces") {
                        fix.applicability = crate::diagnostic::Applicability::Unsafe;
                    }
                    d.fix = Some(fix);
                }
                None => {
                    d.help = Some("write the link as `[text](target)`".into());
                }
            }
        }
    }

    fn check_handbook(&self, handbook: &Handbook, cx: &mut Cx<'_>) {
        let index = SiteIndex::new(handbook);
        let roots: Vec<String> = cx
            .policy
            .links
            .roots
            .iter()
            .map(|r| super::paths::normalize(r))
            .collect();
        let resolver = Resolver {
            index: &index,
            redirects: cx.policy.links.redirects.as_deref(),
            roots: &roots,
            memo: Default::default(),
        };
        let site_urls = if cx.policy.links.site_urls.is_empty() {
            own_site::infer(handbook, &resolver)
        } else {
            cx.policy.links.site_urls.clone()
        };
        let site_urls = site_urls.as_slice();
        // Pages resolve their links independently, so they do it in parallel, each into its own
        // context; merged in page order, findings and counters come out as from one pass.
        let policy = cx.policy;
        // Pages go in chunks, and each chunk's keys are interned before the next is resolved: many
        // links share a target, so the records of a large tree hold each key once, not once per link.
        let mut records = Vec::new();
        let mut keys: foldhash::HashMap<String, std::sync::Arc<str>> = foldhash::HashMap::new();
        for (chunk, pages) in handbook.pages.chunks(RECORD_CHUNK).enumerate() {
            let per_page: Vec<(Cx<'_>, Vec<_>)> = pages
                .par_iter()
                .enumerate()
                .map(|(i, page)| {
                    let pi = chunk * RECORD_CHUNK + i;
                    let mut page_cx = Cx::new(policy);
                    let records = page
                        .links
                        .iter()
                        .enumerate()
                        .filter_map(|(li, link)| {
                            let (status, key) = check_link(&resolver, site_urls, pi, page, link, &mut page_cx)?;
                            Some((u32::try_from(li).ok()?, status, key))
                        })
                        .collect();
                    (page_cx, records)
                })
                .collect();
            for ((page_cx, page_records), i) in per_page.into_iter().zip(0..) {
                merge(cx, page_cx);
                let Ok(page) = u32::try_from(chunk * RECORD_CHUNK + i) else {
                    continue;
                };
                records.extend(page_records.into_iter().map(|(link, status, key)| {
                    LinkRecord {
                        page,
                        link,
                        key: keys
                            .entry(key)
                            .or_insert_with_key(|k| std::sync::Arc::from(k.as_str()))
                            .clone(),
                        status,
                    }
                }));
            }
        }
        drop(keys);
        let site_of = |page: u32| {
            let pi = page as usize;
            page_site(&resolver, pi, handbook.pages.get(pi)?)
        };
        let sections = |dir: &str| index.sub_folders(dir).into_iter().map(str::to_owned).collect();
        let sites = cross::Sites::new(handbook, &site_of, &sections);
        report_case_collisions(handbook, &records, &sites, cx);
        report_divergent_texts(handbook, &records, &sites, cx);
        if cx.policy.links.online {
            super::online::check_external(handbook, cx);
        }
    }
}

/// Pages resolved together before their records' keys are interned.
const RECORD_CHUNK: usize = 512;

/// Moves the findings and counts of `from` into `cx`, after those already there.
fn merge(cx: &mut Cx<'_>, mut from: Cx<'_>) {
    cx.add_page_counters(from.take_page_counters());
    for (&name, &n) in from.counters() {
        for _ in 0..n {
            cx.count(name);
        }
    }
    for d in from.into_diagnostics() {
        cx.push(d);
    }
}

/// Counters this check adds to the run summary.
pub(crate) mod counter {
    /// Site-root or relative links whose tree is not among the linted files.
    pub const UNVERIFIABLE: &str = "broken-link.unverifiable";
    /// `http(s)` links, not fetched offline.
    pub const EXTERNAL: &str = "broken-link.external";
    /// With `--online`: distinct external URLs verified (passing or broken), fetched or cached.
    pub const EXTERNAL_CHECKED: &str = "broken-link.external-checked";
    /// With `--online`: distinct external URLs answered from the on-disk cache.
    pub const EXTERNAL_CACHED: &str = "broken-link.external-cached";
    /// With `--online`: distinct external URLs that refused or delayed the check (401, 403, 429,
    /// timeout); reported only with `--strict-links`.
    pub const EXTERNAL_UNVERIFIED: &str = "broken-link.external-unverified";
    /// Internal links that resolved to a linted page.
    pub const RESOLVED: &str = "broken-link.resolved";
}

/// Checks one link; for a site-root or relative link, returns its status and the path it was
/// looked up as.
fn check_link(
    resolver: &Resolver<'_>,
    site_urls: &[SiteUrl],
    pi: usize,
    page: &Page,
    link: &Link,
    cx: &mut Cx<'_>,
) -> Option<(Status, String)> {
    if let Some(word) = syntax::glued_word(page, link) {
        let glued = page.text(word).to_owned();
        let d = report(cx, page, word, format!("link is glued to the next word `{glued}`"));
        d.label = Some("no space after the link".into());
        d.fix = Some(Fix::replace(
            Span::new(word.start as usize, word.start as usize),
            " ",
            "insert a space",
        ));
        d.key = format!("glued={glued}");
    }
    let t = link.target.as_str();
    let target = Target::classify(t);
    match &target {
        Target::Empty => {
            let d = report(cx, page, link.span, format!("link `{}` has an empty target", link.text));
            d.help = Some("link to the page meant, or remove the link and keep its text".into());
            d.key = format!("empty={}", link.text);
            None
        }
        Target::Doubled { inner } => {
            let d = report(
                cx,
                page,
                link.span,
                format!("link target `{t}` is wrapped in doubled parentheses"),
            );
            if let Some(span) = syntax::target_span_holding(page, link, t) {
                d.fix = Some(Fix::replace(span, inner.clone(), "remove the extra parentheses"));
            }
            d.key = format!("target={t}");
            None
        }
        Target::External => {
            // A full URL to the linted site itself is a site-root link.
            if let Some(path) = own_site::site_path(site_urls, t)
                && let site_target @ Target::SiteRoot(_) = Target::classify(&path)
            {
                let origin = t.trim().strip_suffix(path.as_str()).unwrap_or_default();
                let (resolution, _) = resolver.resolve(pi, &site_target)?;
                report_resolution(resolver, page, link, resolution, origin, cx);
                // Kept out of the cross-page comparisons: a full URL is often the deliberate choice
                // beside a site path (a team page here, the job family there).
                return None;
            }
            cx.count_on(counter::EXTERNAL, &page.path);
            None
        }
        Target::OtherScheme | Target::Templated => None,
        Target::SameDoc { fragment } => {
            if !resolver.index.is_templated(pi) && !resolver.index.has_anchor(pi, fragment) {
                let d = report(
                    cx,
                    page,
                    link.span,
                    format!("fragment `#{fragment}` is not an anchor on this page"),
                );
                d.help = did_you_mean(resolver, pi, fragment);
                d.key = format!("fragment=#{fragment}");
            }
            None
        }
        Target::SiteRoot(_) | Target::Relative(_) => {
            let (resolution, key) = resolver.resolve(pi, &target)?;
            if let Target::Relative(pt) = &target
                && !matches!(resolution, Resolution::Page { .. })
                && missing_slash(resolver, pi, &pt.path)
            {
                let d = report(
                    cx,
                    page,
                    link.span,
                    format!("link target `{t}` is missing its leading slash"),
                );
                if let Some(span) = syntax::target_span_holding(page, link, t) {
                    d.fix = Some(Fix::replace(
                        Span::new(span.start as usize, span.start as usize),
                        "/",
                        "insert `/`",
                    ));
                }
                d.key = format!("target={t}");
                return Some((Status::Broken, key));
            }
            Some((report_resolution(resolver, page, link, resolution, "", cx), key))
        }
    }
}

/// True when the unresolved relative `path` is a site-root path written without its slash.
fn missing_slash(resolver: &Resolver<'_>, pi: usize, path: &str) -> bool {
    let dir = super::paths::parent(resolver.index.page_path(pi));
    let slashed = super::target::PathTarget {
        path: format!("/{path}"),
        fragment: None,
    };
    let resolves = matches!(resolver.site_root(dir, &slashed, 0).0, Resolution::Page { .. });
    syntax::lacks_leading_slash(path, resolves)
}

/// Reports what `res` says of `link`; `origin` is the `https://host` the target was written with
/// when it is a full URL to the site itself (`""` otherwise).
fn report_resolution(
    resolver: &Resolver<'_>,
    page: &Page,
    link: &Link,
    res: Resolution,
    origin: &str,
    cx: &mut Cx<'_>,
) -> Status {
    let t = link.target.as_str();
    let (message, help, fix) = match res {
        Resolution::Page {
            page: to,
            missing_fragment: None,
        } => {
            cx.count_on(counter::RESOLVED, &page.path);
            // Past 2^32 pages (more than memory holds) the page is not named, only counted as reached.
            return u32::try_from(to).map_or(Status::Unverifiable, Status::Resolved);
        }
        Resolution::Offsite => {
            cx.count_on(counter::RESOLVED, &page.path);
            return Status::Unverifiable;
        }
        Resolution::Page {
            page: to,
            missing_fragment: Some(fragment),
        } => {
            let message = format!("fragment `#{fragment}` is not an anchor of `{}`", target_path(t));
            (message, did_you_mean(resolver, to, &fragment), None)
        }
        Resolution::OtherCase { corrected, .. } => {
            let written = link.target.replacen(target_path(t), &format!("{origin}{corrected}"), 1);
            let message = format!("link target `{t}` exists only as `{written}` (letter case differs)");
            let fix = syntax::target_span_holding(page, link, t)
                .map(|span| Fix::replace(span, written.clone(), format!("write `{written}`")));
            (
                message,
                Some("site paths are case-sensitive once published".to_owned()),
                fix,
            )
        }
        Resolution::Folder => (
            format!("link target `{t}` is a folder with no index page"),
            Some("link to a page in that folder".to_owned()),
            None,
        ),
        Resolution::Missing { suggestion } => (
            format!("link target `{t}` does not exist"),
            suggestion.map(|s| format!("did you mean `{s}`?")),
            None,
        ),
        Resolution::AbsentFolder { folder, suggestion } => {
            let absent = format!("no linted page lies under `{folder}`, and its section was linted whole");
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`? ({absent})"),
                None => format!("{absent}; if that part of the site lives elsewhere, lint it too or add a redirect"),
            };
            (format!("link target `{t}` does not exist"), Some(help), None)
        }
        Resolution::RedirectMissing { to } => (
            format!("link target `{t}` redirects to `{to}`, which does not exist"),
            None,
            None,
        ),
        Resolution::Outside => (format!("link target `{t}` points outside the linted tree"), None, None),
        Resolution::Unverifiable { why } => {
            cx.count_on(counter::UNVERIFIABLE, &page.path);
            if cx.policy.links.strict {
                let d = report(
                    cx,
                    page,
                    link.span,
                    format!("link target `{t}` cannot be verified: {why}"),
                );
                d.key = format!("target={t}");
            }
            return Status::Unverifiable;
        }
    };
    let d = report(cx, page, link.span, message);
    d.help = help;
    d.fix = fix;
    d.key = format!("target={t}");
    Status::Broken
}

fn report_case_collisions(handbook: &Handbook, records: &[LinkRecord], sites: &cross::Sites<'_>, cx: &mut Cx<'_>) {
    for pair in cross::case_collisions(records, sites) {
        let (Some((page, link)), Some((other_page, other_link))) = (
            locate(handbook, records, pair.at),
            locate(handbook, records, pair.other),
        ) else {
            continue;
        };
        let (t, o) = (&link.target, &other_link.target);
        let message = format!("link targets `{t}` and `{o}` differ only in letter case; at most one is right");
        let d = report(cx, page, link.span, message);
        d.related.push(related(other_page, other_link, "the other spelling"));
        d.help = Some("site paths are lower case by convention".into());
        d.key = format!("target={t}");
    }
}

/// The root of the site page `pi` belongs to: the outermost folder its site-root links resolve
/// from (a page's links may resolve from nested folders; the outermost is the site).
fn page_site(resolver: &Resolver<'_>, pi: usize, page: &Page) -> Option<String> {
    page.links
        .iter()
        .filter_map(|link| match Target::classify(&link.target) {
            Target::SiteRoot(t) => resolver.site_base_of(pi, &t),
            _ => None,
        })
        .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
}

fn report_divergent_texts(handbook: &Handbook, records: &[LinkRecord], sites: &cross::Sites<'_>, cx: &mut Cx<'_>) {
    for pair in cross::divergent_texts(handbook, records, sites) {
        let (Some((page, link)), Some((other_page, other_link))) = (
            locate(handbook, records, pair.at),
            locate(handbook, records, pair.other),
        ) else {
            continue;
        };
        let n = pair.other_pages;
        let pages = if n == 1 { "page" } else { "pages" };
        let text = link.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let message = format!(
            "link text `{text}` points to `{}` here but to `{}` on {n} other {pages}",
            link.target, other_link.target
        );
        let d = report(cx, page, link.span, message);
        d.related
            .push(related(other_page, other_link, "the same text, another target"));
        d.help = Some("one text should name one page: link both to the right one".into());
        d.key = format!("text={text}");
    }
}

fn locate<'h>(handbook: &'h Handbook, records: &[LinkRecord], i: usize) -> Option<(&'h Page, &'h Link)> {
    let r = records.get(i)?;
    let page = handbook.pages.get(r.page as usize)?;
    Some((page, page.links.get(r.link as usize)?))
}

fn related(page: &Page, link: &Link, message: &str) -> Related {
    Related {
        path: page.path.clone(),
        span: link.span,
        message: message.into(),
    }
}

fn report<'c>(cx: &'c mut Cx<'_>, page: &Page, span: Span, message: String) -> &'c mut Diagnostic {
    cx.report(&BrokenLink::META, &page.path, span, message)
}

/// "did you mean" over page `i`'s anchors: a case-insensitive match, else the closest by edit distance.
fn did_you_mean(resolver: &Resolver<'_>, i: usize, fragment: &str) -> Option<String> {
    let anchors = resolver.index.anchors_of(i);
    let lower = fragment.to_lowercase();
    let best = anchors.iter().find(|a| a.to_lowercase() == lower).copied().or_else(|| {
        anchors
            .iter()
            .filter_map(|a| similarity_at_least(&lower, a, 0.75).map(|score| (score, *a)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, a)| a)
    });
    if let Some(a) = best {
        return Some(format!("did you mean `#{a}`?"));
    }
    // No anchor is close: name the page's sections, so the reader can pick the one meant.
    let sections = resolver.index.section_anchors(i);
    let (shown, rest) = sections.split_at(sections.len().min(SECTIONS_SHOWN));
    let mut named = shown.iter().map(|a| format!("`#{a}`")).collect::<Vec<_>>().join(", ");
    if shown.is_empty() {
        return Some(
            "no heading or anchor of that page has a close id: link to the page without a fragment".to_owned(),
        );
    }
    if !rest.is_empty() {
        named.push_str(&format!(" and {} more", rest.len()));
    }
    Some(format!(
        "no anchor has a close id; the page's sections are {named}: link to one of them, or to the page without a fragment"
    ))
}

/// How many of a page's sections a missing fragment's help names.
const SECTIONS_SHOWN: usize = 5;

/// The path part of a written target (before `?` and `#`).
fn target_path(t: &str) -> &str {
    let end = t.find(['?', '#']).unwrap_or(t.len());
    t.get(..end).unwrap_or(t)
}
