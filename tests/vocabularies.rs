//! Vocabularies a handbook already keeps for Vale and cspell, named in `rolelint.toml` under
//! `[vocabulary]` and used by `typo` as accept and reject lists.

#[path = "common/text.rs"]
mod text;
use rolelint::span::LineIndex;
use rolelint::{Settings, lint};
use text::tree;

const PAGE: &str = "---\ntitle: \"Widget Planner\"\ndescription: \"Plans widget travel.\"\n---\n\n\
## Widget Planner\n\nThe planner checks each itinarary and will recieve every request.\n\
We utilise the wrokflow and leverage the Gadgetron tools.\n";

/// `line:column message` of every `typo` finding under `dir`, and the config errors.
fn typos(dir: &tempfile::TempDir) -> (Vec<String>, Vec<String>) {
    let run = lint(&Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let index = LineIndex::new(PAGE);
    let found = run
        .diagnostics
        .iter()
        .filter(|d| &*d.rule == "typo")
        .map(|d| {
            let at = index.position(PAGE, d.span.start as usize);
            format!("{}:{} {}", at.line, at.column, d.message)
        })
        .collect();
    let errors = run
        .config_errors
        .iter()
        .map(|e| format!("{} {}", e.key, e.message))
        .collect();
    (found, errors)
}

#[test]
fn without_lists_the_page_has_three_misspellings() {
    let dir = tree(&[("page.md", PAGE)]);
    assert_eq!(
        typos(&dir),
        (
            vec![
                "8:25 `itinarary` looks like a misspelling of `itinerary`".to_owned(),
                "8:44 `recieve` is a misspelling of `receive`".to_owned(),
                "9:16 `wrokflow` is a misspelling of `workflow`".to_owned(),
            ],
            vec![]
        )
    );
}

#[test]
fn vale_and_cspell_lists_accept_and_reject_words() {
    let dir = tree(&[
        ("page.md", PAGE),
        (
            "rolelint.toml",
            "[vocabulary]\nvale = [\"styles/config/vocabularies/Handbook\"]\ncspell = [\"cspell.json\"]\n",
        ),
        // Vale entries are whole-word regular expressions.
        (
            "styles/config/vocabularies/Handbook/accept.txt",
            "# team terms\n[Ii]tinarary\nGadgetron\n",
        ),
        ("styles/config/vocabularies/Handbook/reject.txt", "utilise\n"),
        (
            "cspell.json",
            "{\n  // the team's words\n  \"words\": [\"recieve\"],\n  \"flagWords\": [\"wrokflow->workflow\"],\n  \
             \"dictionaryDefinitions\": [{ \"name\": \"team\", \"path\": \"./words/team.txt\" }]\n}\n",
        ),
        ("words/team.txt", "# forbidden\n!leverage\n"),
    ]);
    let (found, errors) = typos(&dir);
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(
        found,
        [
            "9:4 `utilise` is rejected by the team's vocabulary",
            "9:16 `wrokflow` is a misspelling of `workflow`",
            "9:29 `leverage` is rejected by the team's vocabulary",
        ]
    );
}

#[test]
fn the_reject_help_names_the_list() {
    let dir = tree(&[
        ("page.md", PAGE),
        ("rolelint.toml", "[vocabulary]\ncspell = [\"team.txt\"]\n"),
        ("team.txt", "!utilise\n"),
    ]);
    let run = lint(&Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let rejected = run
        .diagnostics
        .iter()
        .find(|d| d.message.contains("utilise"))
        .expect("utilise is reported");
    let help = rejected.help.as_deref().unwrap_or_default();
    assert!(help.contains("team.txt") && help.contains("[vocabulary]"), "{help}");
    assert!(rejected.fix.is_none(), "no correction is known");
}

#[test]
fn a_missing_or_broken_list_is_a_config_error_at_its_key() {
    let dir = tree(&[
        ("page.md", PAGE),
        (
            "rolelint.toml",
            "[vocabulary]\nvale = [\"styles/config/vocabularies/Nope\"]\n",
        ),
    ]);
    let (_, errors) = typos(&dir);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("vocabulary.vale[0] "), "{errors:?}");
    assert!(errors[0].ends_with("is not a Vale vocabulary: it holds neither accept.txt nor reject.txt"));

    let dir = tree(&[
        ("page.md", PAGE),
        ("rolelint.toml", "[vocabulary]\nvale = [\"vocab\"]\n"),
        ("vocab/accept.txt", "fine\n[broken\n"),
    ]);
    let (_, errors) = typos(&dir);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("accept.txt:2 `[broken` is not a regular expression"),
        "{errors:?}"
    );
}

#[test]
fn the_readme_example_reads_the_lists_it_names() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .find("### Vale and cspell vocabularies")
        .expect("the README documents the vocabularies");
    let start = section + readme[section..].find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tree(&[
        ("page.md", PAGE),
        ("rolelint.toml", &readme[start..end]),
        ("styles/config/vocabularies/Handbook/accept.txt", "itinarary\n"),
        ("cspell.json", "{ \"words\": [\"recieve\"] }\n"),
        ("dictionaries/team.txt", "!leverage\n"),
    ]);
    let (found, errors) = typos(&dir);
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(
        found,
        [
            "9:16 `wrokflow` is a misspelling of `workflow`",
            "9:29 `leverage` is rejected by the team's vocabulary",
        ]
    );
}
