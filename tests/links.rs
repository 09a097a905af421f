//! `broken-link` on its fixtures, the five seeds and the development corpus.

#[path = "links/extract.rs"]
mod extract;

use rolelint::checks::links::{BrokenLink, LinkOptions, Redirects, SiteUrl};
use rolelint::checks::{Check, Cx};
use rolelint::diagnostic::Diagnostic;
use rolelint::model::Handbook;
use rolelint::policy::Policy;
use rolelint::span::LineIndex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/www-gitlab-com-2022");
const CORPUS_REDIRECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/redirects.yml");
const FIXTURES: &str = "fixtures/checks/broken-link";

/// One finding as the tests compare it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    path: String,
    line: u32,
    column: u32,
    message: String,
}

struct Outcome {
    found: Vec<Found>,
    diagnostics: Vec<Diagnostic>,
    counters: BTreeMap<&'static str, u64>,
}

fn lint(roots: &[PathBuf], options: LinkOptions) -> Outcome {
    let (paths, errors) = rolelint::read::collect(roots);
    assert!(errors.is_empty(), "{errors:?}");
    let sources: Vec<_> = paths.iter().map(|p| rolelint::read::load(p).unwrap()).collect();
    let pages = sources.iter().map(|s| extract::page(&s.path, &s.text)).collect();
    let handbook = Handbook::new(pages);
    let policy = Policy {
        links: LinkOptions {
            roots: roots.iter().map(|r| r.display().to_string()).collect(),
            ..options
        },
        ..Policy::default()
    };
    let mut cx = Cx::new(&policy);
    for page in &handbook.pages {
        BrokenLink.check_page(page, &mut cx);
    }
    BrokenLink.check_handbook(&handbook, &mut cx);
    let counters = cx.counters().clone();
    let mut diagnostics = cx.into_diagnostics();
    rolelint::diagnostic::sort(&mut diagnostics);
    let found = diagnostics
        .iter()
        .map(|d| {
            let text = sources
                .iter()
                .find(|s| s.path == d.path)
                .map(|s| s.text.clone())
                .unwrap();
            let pos = LineIndex::new(&text).position(&text, d.span.start as usize);
            Found {
                path: d.path.to_string(),
                line: pos.line,
                column: pos.column,
                message: d.message.clone(),
            }
        })
        .collect();
    Outcome {
        found,
        diagnostics,
        counters,
    }
}

fn fixture_options() -> LinkOptions {
    let text = std::fs::read_to_string(format!("{FIXTURES}/redirects.yml")).unwrap();
    LinkOptions {
        strict: false,
        redirects: Some(Arc::new(Redirects::parse(&text).unwrap())),
        ..LinkOptions::default()
    }
}

fn lines_for(found: &[Found], path: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.path == path)
        .map(|f| format!("{}:{} broken-link", f.line, f.column))
        .collect()
}

#[test]
fn fixtures_match_their_expected_files() {
    let out = lint(&[PathBuf::from(FIXTURES)], fixture_options());
    for f in &out.found {
        let expected = Path::new(&f.path).with_extension("expected");
        assert!(expected.exists(), "finding in a page without an .expected file: {f:?}");
    }
    for page in ["fail.md", "site/fail.md"] {
        let path = format!("{FIXTURES}/{page}");
        let expected = std::fs::read_to_string(Path::new(&path).with_extension("expected")).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(lines_for(&out.found, &path), expected, "{path}");
    }
}

#[test]
fn fixture_messages_are_exact() {
    let out = lint(&[PathBuf::from(FIXTURES)], fixture_options());
    let got: Vec<String> = out
        .found
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f.path.trim_start_matches(FIXTURES),
                f.line,
                f.column,
                f.message
            )
        })
        .collect();
    insta::assert_snapshot!("fixture_messages", got.join("\n"));
}

#[test]
fn fixture_fixes_and_help() {
    let out = lint(&[PathBuf::from(FIXTURES)], fixture_options());
    let got: Vec<String> = out
        .diagnostics
        .iter()
        .map(|d| {
            let fix = d.fix.as_ref().map(|f| {
                let e = &f.edits[0];
                format!("fix {}..{} `{}`", e.span.start, e.span.end, e.replacement)
            });
            let related: Vec<String> = d
                .related
                .iter()
                .map(|r| format!("{}@{}", r.path, r.span.start))
                .collect();
            format!(
                "{}@{} key={} help={:?} {} related={:?}",
                d.path.trim_start_matches(FIXTURES),
                d.span.start,
                d.key,
                d.help,
                fix.unwrap_or_default(),
                related
            )
        })
        .collect();
    insta::assert_snapshot!("fixture_details", got.join("\n"));
}

#[test]
fn strict_links_reports_unverifiable_links() {
    let lax = lint(&[PathBuf::from(FIXTURES)], fixture_options());
    let strict = lint(
        &[PathBuf::from(FIXTURES)],
        LinkOptions {
            strict: true,
            ..fixture_options()
        },
    );
    let unverifiable = lax.counters.get("broken-link.unverifiable").copied().unwrap_or(0);
    assert_eq!(unverifiable, 6);
    assert_eq!(strict.found.len(), lax.found.len() + 6);
    assert!(
        strict
            .found
            .iter()
            .any(|f| f.message
                == "link target `/handbook/values/` cannot be verified: no linted folder holds `handbook/`")
    );
}

#[test]
fn without_redirects_a_moved_page_is_missing() {
    let out = lint(&[PathBuf::from(FIXTURES)], LinkOptions::default());
    assert!(out.found.iter().any(|f| f.line == 9
        && f.path.ends_with("site/fail.md")
        && f.message == "link target `/job-families/engineering/widget-engineer-old/` does not exist"));
}

fn seed_paths() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    seeds.sort();
    seeds
}

#[test]
fn seeds_have_exactly_their_link_defects() {
    let out = lint(&seed_paths(), LinkOptions::default());
    let got: Vec<String> = out
        .found
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                &Path::new(&f.path).file_name().unwrap().to_string_lossy()[..3],
                f.line,
                f.column,
                f.message
            )
        })
        .collect();
    insta::assert_snapshot!("seeds", got.join("\n"));
}

#[test]
fn corpus_counts() {
    let text = std::fs::read_to_string(CORPUS_REDIRECTS).unwrap();
    let options = LinkOptions {
        strict: false,
        redirects: Some(Arc::new(Redirects::parse(&text).unwrap())),
        ..LinkOptions::default()
    };
    let out = lint(&[PathBuf::from(CORPUS)], options);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for f in &out.found {
        *kinds.entry(kind_of(&f.message)).or_default() += 1;
    }
    let listing: Vec<String> = out
        .found
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f.path.split("www-gitlab-com-2022/").last().unwrap(),
                f.line,
                f.column,
                f.message
            )
        })
        .collect();
    let summary = format!("{kinds:#?}\n{:#?}\n{}", out.counters, listing.join("\n"));
    insta::assert_snapshot!("corpus", summary);
}

/// The message with its quoted parts blanked: one entry per kind of finding.
fn kind_of(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
            if quoted {
                out.push('…');
            }
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// The corpus README: 32 of 179 site-absolute `/job-families/` links do not resolve (no redirects
/// applied), 2 of them into divisions absent from the corpus.
#[test]
fn corpus_job_family_links_against_the_readme() {
    let count = |options: LinkOptions| {
        let out = lint(
            &[PathBuf::from(CORPUS)],
            LinkOptions {
                strict: true,
                ..options
            },
        );
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for f in out.found.iter().filter(|f| f.message.contains("`/job-families/")) {
            *kinds.entry(kind_of(&f.message)).or_default() += 1;
        }
        kinds
    };
    let redirects = Redirects::parse(&std::fs::read_to_string(CORPUS_REDIRECTS).unwrap()).unwrap();
    let plain = count(LinkOptions::default());
    let redirected = count(LinkOptions {
        redirects: Some(Arc::new(redirects)),
        ..LinkOptions::default()
    });
    insta::assert_snapshot!(
        "corpus_job_families",
        format!("without redirects: {plain:#?}\nwith redirects: {redirected:#?}")
    );
}

proptest::proptest! {
    /// Any target and any text after a link: no panic, whatever the bytes.
    #[test]
    fn arbitrary_targets_never_panic(target in "[\\PC]{0,40}", tail in "[\\PC]{0,4}") {
        let text = format!("# T\n\n[x]({target}){tail} <a href=\"{target}\">y</a>\n");
        let pages = vec![extract::page("a/b/page.md", &text), extract::page("a/c/index.md", "# C\n")];
        let handbook = Handbook::new(pages);
        let policy = Policy { links: LinkOptions { strict: true, ..LinkOptions::default() }, ..Policy::default() };
        let mut cx = Cx::new(&policy);
        BrokenLink.check_handbook(&handbook, &mut cx);
    }
}

/// With no configuration, the site's `redirects.yml` beside the linted tree is found and honoured:
/// the corpus's 6 links to moved pages are not reported.
#[test]
fn redirects_file_beside_the_tree_is_found_without_configuration() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let count = |paths: Vec<PathBuf>| {
        let run = rolelint::lint(&rolelint::Settings {
            paths,
            select: vec!["broken-link".into()],
            ..Default::default()
        });
        assert!(run.config_errors.is_empty());
        run.diagnostics.len()
    };
    assert_eq!(count(vec![corpus.clone()]), 76);
    // A tree without one beside it gets no redirects: the moved pages are reported.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("site");
    copy_tree(&corpus.join("www-gitlab-com-2022"), &copy);
    assert_eq!(count(vec![copy]), 82);
}

/// A redirects file found with no configuration that does not parse is an error naming it.
#[test]
fn unparsable_discovered_redirects_file_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("redirects.yml"), "sources: [unclosed\n").unwrap();
    std::fs::write(dir.path().join("page.md"), "---\ntitle: A\n---\n\n[x](/a/)\n").unwrap();
    let run = rolelint::lint(&rolelint::Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let errors: Vec<String> = run.config_errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("redirects.yml"), "{errors:?}");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Findings of `broken-link` on in-memory pages, linted as if `roots` had been named.
fn messages_with_roots(pages: &[(&str, &str)], roots: &[&str]) -> Vec<String> {
    let handbook = Handbook::new(pages.iter().map(|(p, t)| extract::page(p, t)).collect());
    let policy = Policy {
        links: LinkOptions {
            roots: roots.iter().map(|r| (*r).to_owned()).collect(),
            ..LinkOptions::default()
        },
        ..Policy::default()
    };
    let mut cx = Cx::new(&policy);
    BrokenLink.check_handbook(&handbook, &mut cx);
    let mut out: Vec<String> = cx
        .into_diagnostics()
        .iter()
        .map(|d| format!("{} {} | {}", d.path, d.message, d.help.clone().unwrap_or_default()))
        .collect();
    out.sort();
    out
}

/// A linted site root (or section folder) makes a missing division a broken link; a sub-folder
/// linted alone keeps links out of it unverifiable.
#[test]
fn a_linted_section_makes_absent_folders_missing() {
    let pages = [
        (
            "w/site/job-families/engineering/widget.md",
            "# Widget\n\n[Finance](/job-families/finance/analyst/) and [Gadget](/job-families/engineering/gadget/).\n",
        ),
        (
            "w/site/job-families/design/index.md",
            "# Design\n\n[Widget](/job-families/engineering/widget/)\n",
        ),
    ];
    let finance = "w/site/job-families/engineering/widget.md link target `/job-families/finance/analyst/` does not exist \
                   | no linted page lies under `/job-families/finance/`, and its section was linted whole; if that part \
                   of the site lives elsewhere, lint it too or add a redirect";
    let gadget =
        "w/site/job-families/engineering/widget.md link target `/job-families/engineering/gadget/` does not exist | ";
    assert_eq!(messages_with_roots(&pages, &["w/site"]), [gadget, finance]);
    assert_eq!(
        messages_with_roots(&pages, &["w/./site/job-families/"]),
        [gadget, finance]
    );
    // Only the sub-folder: the finance division may exist beside it, unread.
    assert_eq!(
        messages_with_roots(&pages[..1], &["w/site/job-families/engineering"]),
        [gadget]
    );
    // No linted path known (a library caller): as before, unverifiable.
    assert_eq!(messages_with_roots(&pages, &[]), [gadget]);
}

/// Two handbooks linted in one run (two years of one site) each resolve a site-root link in their
/// own tree: the same text linked the same way on both is not "another target", nor is a relative
/// link written alike that leads to each page's own parent. A text written to another page of the
/// same site still is.
#[test]
fn links_written_alike_are_one_target_across_sites_and_folders() {
    let pages = [
        ("w/old/job-families/expert/coach/index.md", "# Coach\n"),
        ("w/old/job-families/sales/index.md", "# Sales\n"),
        (
            "w/old/job-families/sales/rep/index.md",
            "# Rep\n\nSee [Merge Request Coach](/job-families/expert/coach/) and [Family Overview](../).\n",
        ),
        ("w/new/content/job-families/expert/coach.md", "# Coach\n"),
        ("w/new/content/job-families/expert/mentor.md", "# Mentor\n"),
        ("w/new/content/job-families/legal/_index.md", "# Legal\n"),
        (
            "w/new/content/job-families/legal/counsel.md",
            "# Counsel\n\nSee [Merge Request Coach](/job-families/expert/coach/) and [Family Overview](../).\n",
        ),
        (
            "w/new/content/job-families/legal/paralegal.md",
            "# Paralegal\n\nSee [Merge Request Coach](/job-families/expert/coach/).\n",
        ),
    ];
    assert_eq!(messages_with_roots(&pages, &["w/old", "w/new"]), Vec::<String>::new());
    // The same text written to another page of the new site: one slip against its two pages (the
    // old site's page is another handbook's evidence).
    let mut drifted = pages.to_vec();
    drifted.push((
        "w/new/content/job-families/legal/clerk.md",
        "# Clerk\n\nSee [Merge Request Coach](/job-families/expert/mentor/).\n",
    ));
    assert_eq!(
        messages_with_roots(&drifted, &["w/old", "w/new"]),
        [
            "w/new/content/job-families/legal/clerk.md link text `Merge Request Coach` points to \
          `/job-families/expert/mentor/` here but to `/job-families/expert/coach/` on 2 other pages | one text should name one page: link both to the right one"
        ]
    );
}

/// Two handbooks linted in one run, each consistent in itself, link one text to different pages
/// (the newer one renamed the page): each site is judged apart, so neither is reported. A slip
/// inside one of them still is, counted against that site's pages only; a page whose links name
/// no site is judged with the site whose folder holds it, and pages in no site among themselves.
#[test]
fn each_handbook_of_a_run_is_judged_apart() {
    let pages = [
        ("w/old/job-families/careers/index.md", "# Careers\n"),
        ("w/old/job-families/growth/index.md", "# Growth\n"),
        (
            "w/old/job-families/sales/rep/index.md",
            "# Rep\n\nSee [Career Development](/job-families/careers/).\n",
        ),
        (
            "w/old/job-families/sales/lead/index.md",
            "# Lead\n\nSee [Career Development](/job-families/careers/).\n",
        ),
        ("w/new/content/job-families/careers.md", "# Careers\n"),
        ("w/new/content/job-families/growth.md", "# Growth\n"),
        (
            "w/new/content/job-families/sales/rep.md",
            "# Rep\n\nSee [Career Development](/job-families/growth/).\n",
        ),
        (
            "w/new/content/job-families/sales/lead.md",
            "# Lead\n\nSee [Career Development](/job-families/growth/).\n",
        ),
    ];
    assert_eq!(messages_with_roots(&pages, &["w/old", "w/new"]), Vec::<String>::new());
    // A third page of the new site keeps the old target, by a relative link (no site-root link
    // names its site): one slip against the new site's two pages.
    let mut drifted = pages.to_vec();
    drifted.push((
        "w/new/content/job-families/sales/clerk.md",
        "# Clerk\n\nSee [Career Development](../careers/).\n",
    ));
    assert_eq!(
        messages_with_roots(&drifted, &["w/old", "w/new"]),
        [
            "w/new/content/job-families/sales/clerk.md link text `Career Development` points to `../careers/` \
             here but to `/job-families/growth/` on 2 other pages | one text should name one page: link both to the right one"
        ]
    );
    // Two notes beside the sites, in neither, link the text to each site's page: judged between
    // themselves (a tie: both reported, each against the other only), not against the sites.
    let mut notes = pages.to_vec();
    notes.push((
        "w/notes/a.md",
        "# A\n\nSee [Career Development](../old/job-families/careers/index.md).\n",
    ));
    notes.push((
        "w/notes/b.md",
        "# B\n\nSee [Career Development](../new/content/job-families/growth.md).\n",
    ));
    assert_eq!(
        messages_with_roots(&notes, &["w"]),
        [
            "w/notes/a.md link text `Career Development` points to `../old/job-families/careers/index.md` here but to \
             `../new/content/job-families/growth.md` on 1 other page | one text should name one page: link both to the right one",
            "w/notes/b.md link text `Career Development` points to `../new/content/job-families/growth.md` here but to \
             `../old/job-families/careers/index.md` on 1 other page | one text should name one page: link both to the right one"
        ]
    );
    // Linted alone, each handbook is clean, and the new one with the slip has the same finding.
    assert_eq!(messages_with_roots(&pages[..4], &["w/old"]), Vec::<String>::new());
    assert_eq!(
        messages_with_roots(&drifted[4..], &["w/new"]),
        messages_with_roots(&drifted, &["w/old", "w/new"])
    );
}

/// One site built from two source trees (the job families in `source/`, the handbook in
/// `sites/handbook/source/`): the folders its links resolve from hold different sections, so they
/// are one site and its pages are compared with each other.
#[test]
fn one_site_in_two_source_trees_is_one_site() {
    let pages = [
        ("w/source/job-families/careers/index.md", "# Careers\n"),
        ("w/source/job-families/growth/index.md", "# Growth\n"),
        (
            "w/source/job-families/sales/rep/index.md",
            "# Rep\n\nSee [Career Development](/job-families/careers/).\n",
        ),
        (
            "w/source/job-families/sales/lead/index.md",
            "# Lead\n\nSee [Career Development](/job-families/careers/).\n",
        ),
        ("w/sites/handbook/source/handbook/people/index.md", "# People\n"),
        (
            "w/sites/handbook/source/handbook/hiring/index.md",
            "# Hiring\n\nSee [Career Development](/job-families/growth/) and the [People](/handbook/people/) team.\n",
        ),
    ];
    assert_eq!(
        messages_with_roots(&pages, &["w"]),
        [
            "w/sites/handbook/source/handbook/hiring/index.md link text `Career Development` points to \
             `/job-families/growth/` here but to `/job-families/careers/` on 2 other pages | one text should name one page: link both to the right one"
        ]
    );
}

/// Two handbooks in one run spell an unlinted path differently (the newer one lowercased it): no
/// case collision between them. Inside one handbook the two spellings still collide.
#[test]
fn case_collisions_stay_inside_one_site() {
    let pages = [
        ("w/old/job-families/sales/index.md", "# Sales\n"),
        (
            "w/old/job-families/sales/rep/index.md",
            "# Rep\n\n[Sales](/job-families/sales/) and the [competencies](/handbook/product/CDF-competencies/).\n",
        ),
        ("w/new/content/job-families/sales/_index.md", "# Sales\n"),
        (
            "w/new/content/job-families/sales/rep.md",
            "# Rep\n\n[Sales](/job-families/sales/) and the [competencies](/handbook/product/cdf-competencies/).\n",
        ),
    ];
    assert_eq!(messages_with_roots(&pages, &["w/old", "w/new"]), Vec::<String>::new());
    let mut mixed = pages.to_vec();
    mixed.push((
        "w/new/content/job-families/sales/lead.md",
        "# Lead\n\n[Sales](/job-families/sales/) and the [competencies](/handbook/product/CDF-competencies/).\n",
    ));
    assert_eq!(
        messages_with_roots(&mixed, &["w/old", "w/new"]),
        [
            "w/new/content/job-families/sales/lead.md link targets `/handbook/product/CDF-competencies/` and \
             `/handbook/product/cdf-competencies/` differ only in letter case; at most one is right | site paths are lower case by convention"
        ]
    );
}

/// Findings on in-memory pages with the given link options (roots set to `w`).
fn messages_with(pages: &[(&str, &str)], options: LinkOptions) -> Vec<String> {
    let handbook = Handbook::new(pages.iter().map(|(p, t)| extract::page(p, t)).collect());
    let policy = Policy {
        links: LinkOptions {
            roots: vec!["w".into()],
            ..options
        },
        ..Policy::default()
    };
    let mut cx = Cx::new(&policy);
    BrokenLink.check_handbook(&handbook, &mut cx);
    let mut out: Vec<String> = cx.into_diagnostics().iter().map(|d| d.message.clone()).collect();
    out.sort();
    out
}

const TARGETS: [(&str, &str); 4] = [
    ("w/job-families/a/one.md", "# One\n"),
    ("w/job-families/a/two.md", "# Two\n"),
    ("w/job-families/b/three.md", "# Three\n"),
    ("w/job-families/b/four.md", "# Four\n"),
];

fn with_page(text: &str) -> Vec<(&str, &str)> {
    let mut pages = TARGETS.to_vec();
    pages.push(("w/job-families/b/index.md", text));
    pages
}

/// A host is the site's own only when its links lead to three or more linted pages and two in
/// three of its judgeable links resolve; anything less stays external, whatever its paths.
#[test]
fn inferring_the_site_url_never_makes_a_foreign_site_local() {
    let own = "[1](https://w.example.com/job-families/a/one/) [2](https://w.example.com/job-families/a/two/) \
               [3](https://W.example.com/job-families/b/three/#x) [4](https://w.example.com/handbook/any/) \
               [5](https://w.example.com/job-families/a/gone/)\n";
    assert_eq!(
        messages_with(&with_page(own), LinkOptions::default()),
        [
            "fragment `#x` is not an anchor of `https://W.example.com/job-families/b/three/`",
            "link target `https://w.example.com/job-families/a/gone/` does not exist",
        ]
    );
    // Two pages only: too few to tell.
    let few = "[1](https://f.example.org/job-families/a/one/) [2](https://f.example.org/job-families/a/one/) \
               [3](https://f.example.org/job-families/a/two/) [4](https://f.example.org/job-families/a/gone/)\n";
    assert!(messages_with(&with_page(few), LinkOptions::default()).is_empty());
    // Three pages, but as many paths that fail: a site with a similar layout, not this one.
    let similar = "[1](https://f.example.org/job-families/a/one/) [2](https://f.example.org/job-families/a/two/) \
                   [3](https://f.example.org/job-families/b/four/) [4](https://f.example.org/job-families/a/x/) \
                   [5](https://f.example.org/job-families/a/y/) [6](https://f.example.org/job-families/b/z/)\n";
    assert!(messages_with(&with_page(similar), LinkOptions::default()).is_empty());
    // Links into sections no linted folder holds never count.
    let foreign = "[1](https://docs.example.org/ee/one/) [2](https://docs.example.org/ee/two/) \
                   [3](https://docs.example.org/ee/three/)\n";
    assert!(messages_with(&with_page(foreign), LinkOptions::default()).is_empty());
}

/// `site-urls` replaces the inference: its host is checked from the first link, another is not.
#[test]
fn configured_site_urls_override_the_inference() {
    let text = "[1](https://w.example.com/job-families/a/one/) [2](https://w.example.com/job-families/a/two/) \
                [3](https://w.example.com/job-families/b/four/) [4](https://w.example.com/job-families/a/gone/) \
                [5](https://docs.example.net/guide/job-families/a/lost/)\n";
    let options = LinkOptions {
        site_urls: vec![SiteUrl::parse("https://docs.example.net/guide/").unwrap()],
        ..LinkOptions::default()
    };
    assert_eq!(
        messages_with(&with_page(text), options),
        ["link target `https://docs.example.net/guide/job-families/a/lost/` does not exist"]
    );
}

/// The site URL is read from Hugo's configuration above the linted tree and from `rolelint.toml`.
#[test]
fn site_url_from_hugo_config_and_rolelint_toml() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let section = site.join("content/job-families/widgets");
    std::fs::create_dir_all(&section).unwrap();
    std::fs::write(site.join("hugo.toml"), "baseURL = \"https://handbook.example.com/\"\n").unwrap();
    std::fs::write(section.join("_index.md"), "---\ntitle: Widgets\n---\n\n# Widgets\n").unwrap();
    std::fs::write(
        section.join("engineer.md"),
        "---\ntitle: Widget Engineer\n---\n\n[family](https://handbook.example.com/job-families/widgets/) \
         [lead](https://handbook.example.com/job-families/widgets/lead/) \
         [other](https://gadgets.example.com/job-families/widgets/lead/)\n",
    )
    .unwrap();
    let messages = |paths: Vec<PathBuf>| {
        let run = rolelint::lint(&rolelint::Settings {
            paths,
            select: vec!["broken-link".into()],
            ..Default::default()
        });
        assert!(run.config_errors.is_empty(), "{:?}", run.config_errors);
        run.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
    };
    let lead = "link target `https://handbook.example.com/job-families/widgets/lead/` does not exist";
    assert_eq!(messages(vec![site.join("content")]), [lead]);
    std::fs::write(
        site.join("content/rolelint.toml"),
        "[options.broken-link]\nsite-urls = [\"https://gadgets.example.com\"]\n",
    )
    .unwrap();
    assert_eq!(
        messages(vec![site.join("content")]),
        ["link target `https://gadgets.example.com/job-families/widgets/lead/` does not exist"]
    );
}
