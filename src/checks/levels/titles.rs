//! Role titles as the level and reporting checks compare them: a normalised key ("Sr. Manager,
//! Widgets & Gears" and "senior manager of widgets and gears" are one title), the family phrase of a
//! title (what is left without its ladder and management words), and where a level's grade is written.

use crate::model::GradeSource;

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

/// Calls `f` with each token of a title, in order: lowercase runs of letters and digits, `&` read as
/// `and`, `Sr`/`Jr`/`VP` spelled out; text in parentheses is dropped (the parentheses separate
/// nothing: `a(b)c` is `ac`) and punctuation separates tokens.
///
/// Hot: the level and reporting checks key every title and manager with it, so it reuses one buffer
/// instead of building the lowered text and a `String` per token.
fn for_each_token(title: &str, mut f: impl FnMut(&str)) {
    fn emit(word: &mut String, f: &mut impl FnMut(&str)) {
        match word.as_str() {
            "" => return,
            "sr" => f("senior"),
            "jr" => f("junior"),
            "vp" => {
                f("vice");
                f("president");
            }
            other => f(other),
        }
        word.clear();
    }
    let mut word = String::new();
    let mut depth = 0u32;
    for c in title.chars() {
        // Most titles are ASCII: lowercasing a byte needs none of `char::to_lowercase`'s tables.
        if c.is_ascii_alphanumeric() && depth == 0 {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => {
                emit(&mut word, &mut f);
                f("and");
            }
            // A letter may lowercase to several characters, not all of them letters (`İ` gives `i` and a
            // combining dot): those split the word as any other non-letter does.
            _ if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    if lower.is_alphanumeric() {
                        word.push(lower);
                    } else {
                        emit(&mut word, &mut f);
                    }
                }
            }
            _ => emit(&mut word, &mut f),
        }
    }
    emit(&mut word, &mut f);
}

/// The tokens of `title` that `keep` admits, joined by single spaces.
fn joined_tokens(title: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(title.len());
    for_each_token(title, |t| {
        if keep(t) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
    });
    out
}

/// The key two spellings of one title share: case, `&`/`and`, `Sr.`/`Senior`, `VP`/`Vice
/// President`, `Director, X`/`Director of X`, parentheses ("(Intermediate)") and the word
/// "Intermediate" do not matter.
pub fn title_key(title: &str) -> String {
    joined_tokens(title, |t| !FILLER.contains(&t) && t != "intermediate")
}

/// The family phrase of a title: its key without ladder and management words ("Senior Manager,
/// Widget Engineering" → "widget engineering"). Empty for a bare "Senior Manager".
pub fn family_phrase(title: &str) -> String {
    joined_tokens(title, |t| !FILLER.contains(&t) && !RANK_WORDS.contains(&t))
}

/// True for a ladder or management word ("senior", "director", "president"), lowercase.
pub fn is_rank_word(word: &str) -> bool {
    RANK_WORDS.contains(&word)
}

/// The ladder and management words, lowercase.
pub const RANK_WORD_LIST: &[&str] = RANK_WORDS;

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

    /// The tokens as first written: lowered text built whole, then split; the oracle for the
    /// one-pass [`for_each_token`].
    fn tokens_by_words(title: &str) -> Vec<String> {
        let mut outside = String::new();
        let mut depth = 0u32;
        for c in title.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        let w = crate::parse::levels::title::words(&outside.replace('&', " and "));
        let mut out = Vec::new();
        for raw in w.split(|c: char| !c.is_alphanumeric()) {
            match raw {
                "" => {}
                "sr" => out.push("senior".to_owned()),
                "jr" => out.push("junior".to_owned()),
                "vp" => out.extend(["vice".to_owned(), "president".to_owned()]),
                other => out.push(other.to_owned()),
            }
        }
        out
    }

    fn tokens(title: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(title, |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn tokens_match_the_lowered_text_split() {
        for title in [
            "Sr. VP, R&D (Intermediate) of GitLab",
            "a(b)c",
            "İstanbul Jr-Manager",
            "ΟΔΟΣ Manager",
            "x ((y) z) w",
            "",
        ] {
            assert_eq!(tokens(title), tokens_by_words(title), "{title}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_match_on_any_text(title in "[a-zA-Z &(),.\\-'/İΣσ0-9\\*_:ÄßǅⅣ]{0,24}") {
            proptest::prop_assert_eq!(tokens(&title), tokens_by_words(&title));
        }
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
