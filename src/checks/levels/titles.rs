//! Role titles as the level and reporting checks compare them: a normalised key ("Sr. Manager,
//! Widgets & Gears" and "senior manager of widgets and gears" are one title), the family phrase of a
//! title (what is left without its ladder and management words), and where a level's grade is written.

use crate::model::GradeSource;
use crate::parse::levels::title::words;

/// Ladder and management words: removed from a title, they leave its family phrase.
const RANK_WORDS: &[&str] = &[
    "intern",
    "junior",
    "jr",
    "associate",
    "intermediate",
    "senior",
    "sr",
    "staff",
    "principal",
    "distinguished",
    "fellow",
    "manager",
    "managers",
    "director",
    "directors",
    "vice",
    "president",
    "vp",
    "svp",
    "evp",
    "executive",
    "chief",
    "group",
];

/// Words that carry no meaning in a title key.
const FILLER: &[&str] = &["the", "of", "a", "an", "our", "at", "gitlab"];

/// The tokens of a title: lowercase words, `&` read as `and`, `Sr`/`VP` spelled out, text in
/// parentheses and punctuation dropped.
fn tokens(title: &str) -> Vec<String> {
    let mut outside = String::with_capacity(title.len());
    let mut depth = 0u32;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let w = words(&outside.replace('&', " and "));
    let mut out = Vec::new();
    for raw in w.split(|c: char| !c.is_alphanumeric()) {
        match raw {
            "" => {}
            "sr" => out.push("senior".to_owned()),
            "jr" => out.push("junior".to_owned()),
            "vp" => {
                out.push("vice".to_owned());
                out.push("president".to_owned());
            }
            other => out.push(other.to_owned()),
        }
    }
    out
}

/// The key two spellings of one title share: case, `&`/`and`, `Sr.`/`Senior`, `VP`/`Vice
/// President`, `Director, X`/`Director of X`, parentheses ("(Intermediate)") and the word
/// "Intermediate" do not matter.
pub fn title_key(title: &str) -> String {
    tokens(title)
        .into_iter()
        .filter(|t| !FILLER.contains(&t.as_str()) && t != "intermediate")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The family phrase of a title: its key without ladder and management words ("Senior Manager,
/// Widget Engineering" → "widget engineering"). Empty for a bare "Senior Manager".
pub fn family_phrase(title: &str) -> String {
    tokens(title)
        .into_iter()
        .filter(|t| !FILLER.contains(&t.as_str()) && !RANK_WORDS.contains(&t.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a grade statement is written, for messages ("its Job Grade sentence").
pub fn source_text(source: GradeSource) -> &'static str {
    match source {
        GradeSource::Sentence => "a grade sentence",
        GradeSource::Prose => "prose",
        GradeSource::Table => "a grade table",
        GradeSource::Heading => "its heading",
        GradeSource::FrontMatter => "the front matter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_spelling() {
        assert_eq!(
            title_key("Sr. Manager, Widgets & Gears"),
            "senior manager widgets and gears"
        );
        assert_eq!(
            title_key("Senior Manager of Widgets and Gears"),
            "senior manager widgets and gears"
        );
        assert_eq!(title_key("VP of Baking"), title_key("Vice President, Baking"));
        assert_eq!(title_key("Widget Engineer (Intermediate)"), "widget engineer");
        assert_eq!(title_key("Intermediate Widget Engineer"), "widget engineer");
        assert_eq!(title_key("the Head Baker at GitLab"), "head baker");
    }

    #[test]
    fn family_phrases() {
        assert_eq!(
            family_phrase("Senior Manager, Widget Engineering"),
            "widget engineering"
        );
        assert_eq!(family_phrase("Staff Widget Engineer"), "widget engineer");
        assert_eq!(family_phrase("Senior Manager"), "");
        assert_eq!(family_phrase("VP of Baking"), "baking");
    }
}
