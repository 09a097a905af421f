//! The domain sentences, read with nom from plain text: grade claims ("The role is a grade 6.",
//! "is a job grade level 11", "perform at a Grade 10 level") and reporting lines ("This position reports
//! to the VP of Product Management."). Offsets are into the plain text; the caller maps them to source.

use super::plain::sub_offset;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Broken wording of a statement that was still understood: where, what to write instead, what is
/// wrong, and whether the replacement is certain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The bytes to replace (empty for an insertion).
    pub range: Range<usize>,
    /// What to write there.
    pub replacement: String,
    /// What is wrong, for the message ("`grade #9` has a `#` before the number").
    pub problem: String,
    /// True when the replacement is the only reading.
    pub certain: bool,
}

/// A grade found in plain text.
#[derive(Debug, PartialEq, Eq)]
pub struct GradeHit {
    /// The grade.
    pub value: u8,
    /// Where the number is.
    pub number: Range<usize>,
    /// True for a claim ("X is a grade 7"), false for a mention in prose ("at a Grade 10 level").
    pub claim: bool,
    /// For a claim, what the sentence says has the grade ("The Senior Widget Engineer"), trimmed.
    pub subject: Option<Range<usize>>,
    /// The wording to fix, when the sentence only almost states a grade ("grade #9", "is a 9").
    pub repair: Option<Repair>,
}

fn grade_number(i: &str) -> IResult<&str, &str> {
    let (rest, n) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)?;
    // "9.5", "10%" and "123" are not grades.
    let next = rest.chars().next();
    let after = rest.get(1..).and_then(|s| s.chars().next());
    if next.is_some_and(|c| c.is_ascii_digit() || c == '%')
        || (matches!(next, Some('.' | ',')) && after.is_some_and(|c| c.is_ascii_digit()))
    {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    Ok((rest, n))
}

/// `is a [job] grade [level] N`, `is a job grade N`, `is a N` (the last only counts in a Job Grade
/// section). Returns the number and whether the word "grade" was present.
fn grade_claim(i: &str) -> IResult<&str, (&str, bool)> {
    let (i, _) = (tag_no_case("is"), space1).parse(i)?;
    let (i, _) = opt((alt((tag_no_case("an"), tag_no_case("a"), tag_no_case("at"))), space1)).parse(i)?;
    let (i, _) = opt((tag_no_case("job"), space1)).parse(i)?;
    let (i, keyword) = opt((tag_no_case("grade"), opt(char(':')), space0)).parse(i)?;
    let (i, _) = opt((tag_no_case("level"), space1)).parse(i)?;
    // "grade #9": the template's `#` left before the number (a near-miss, repaired by the caller).
    let (i, _) = opt(char('#')).parse(i)?;
    let (i, n) = grade_number(i)?;
    Ok((i, (n, keyword.is_some())))
}

/// The repair of a claim's number at `start` in `text`: a `#` before it is deleted; a claim without
/// the word "grade" ("The Widget Analyst is a 7.") gets it.
fn claim_repair(text: &str, start: usize, keyword: bool) -> Option<Repair> {
    let before = text.get(..start)?;
    if before.ends_with('#') {
        let n = text
            .get(start..)
            .map(|r| r.chars().take_while(char::is_ascii_digit).collect::<String>())?;
        return Some(Repair {
            range: start - 1..start,
            replacement: String::new(),
            problem: format!("`#{n}` keeps the template's `#` before the grade number"),
            certain: true,
        });
    }
    // "is a level 11": the word goes before "level" ("is a grade level 11").
    let trimmed = before.trim_end();
    let at = if trimmed.len() >= 5
        && trimmed
            .get(trimmed.len() - 5..)
            .is_some_and(|w| w.eq_ignore_ascii_case("level"))
    {
        trimmed.len() - 5
    } else {
        start
    };
    (!keyword).then(|| Repair {
        range: at..at,
        replacement: "grade ".to_owned(),
        problem: "the sentence states the number without the word \"grade\"".to_owned(),
        certain: true,
    })
}

/// `[Job] Grade[:] N` at the start of a block (a Job Grade section that just states the number).
fn grade_label(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    let (i, _) = opt((tag_no_case("job"), space1)).parse(i)?;
    let (i, _) = (tag_no_case("grade"), opt(char(':')), space0).parse(i)?;
    grade_number(i)
}

/// True when `text` holds `word` (lowercase ASCII letters) in any letter case, as the regex
/// `(?i)word` would find it (no other character case-folds to these letters: see the test
/// `literal_checks_match_the_case_insensitive_regex`). The search runs for `word[key]`, a letter
/// rarer than the first in English text. A literal pre-check runs for every block, and a regex
/// search costs several hundred instructions before it looks at a byte.
fn holds_word(text: &str, word: &[u8], key: usize) -> bool {
    let b = text.as_bytes();
    let Some(&k) = word.get(key) else { return false };
    memchr::memchr2_iter(k, k.to_ascii_uppercase(), b).any(|at| {
        at.checked_sub(key)
            .and_then(|from| b.get(from..from + word.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// `(?i)grade`, literally.
fn holds_grade(text: &str) -> bool {
    holds_word(text, b"grade", 0)
}

/// `(?i)report`, literally.
pub(crate) fn holds_report(text: &str) -> bool {
    holds_word(text, b"report", 2)
}

static IS: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"(?i)\bis\s"));
static MENTION: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"(?i)\bgrade\s*:?\s*#?(\d{1,2})\b"));

/// Every grade in `text`. `in_grade_section` accepts the bare forms "is a 8" and "Grade: 8".
pub fn grades(text: &str, in_grade_section: bool) -> Vec<GradeHit> {
    let mut hits = Vec::new();
    // Hot: runs for every block. Every hit is an ASCII number (`grade_number`), and outside a Job
    // Grade section every hit holds the word "grade" (MENTION, or nom's `tag_no_case`, which matches
    // only ASCII letters there: see the test `nom_needles_are_ascii_only`).
    if (!in_grade_section && !holds_grade(text)) || !text.bytes().any(|b| b.is_ascii_digit()) {
        return hits;
    }
    for m in IS.find_iter(text) {
        let Some(at) = text.get(m.start()..) else { continue };
        if let Ok((_, (n, keyword))) = grade_claim(at)
            && (keyword || in_grade_section)
            && let Ok(value) = n.parse()
            && let Some(start) = sub_offset(text, n)
        {
            let subject = subject_before(text, m.start());
            hits.push(GradeHit {
                value,
                number: start..start + n.len(),
                claim: true,
                // Only a sentence with a subject ("X is a 7") reads as a statement to repair.
                repair: subject.as_ref().and_then(|_| claim_repair(text, start, keyword)),
                subject,
            });
        }
    }
    if hits.is_empty()
        && in_grade_section
        && let Ok((_, n)) = grade_label(text)
        && let Ok(value) = n.parse()
        && let Some(start) = sub_offset(text, n)
    {
        hits.push(GradeHit {
            value,
            number: start..start + n.len(),
            claim: true,
            subject: None,
            repair: None,
        });
    }
    for c in MENTION.captures_iter(text) {
        let Some(n) = c.get(1) else { continue };
        if hits.iter().any(|h| h.number.start == n.start()) {
            continue;
        }
        if grade_number(n.as_str()).is_err()
            || text.get(n.end()..).is_some_and(|r| {
                r.starts_with(['.', ',']) && r.get(1..).is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit()))
            })
        {
            continue;
        }
        if let Ok(value) = n.as_str().parse() {
            hits.push(GradeHit {
                value,
                number: n.range(),
                claim: false,
                subject: None,
                repair: claim_repair(text, n.start(), true),
            });
        }
    }
    hits.sort_by_key(|h| h.number.start);
    hits
}

/// The words of the sentence before `at` (the subject of "… is a grade N"), when there are any.
fn subject_before(text: &str, at: usize) -> Option<Range<usize>> {
    let mut from = at.saturating_sub(MAX_TITLE);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at)?;
    let mut start = from;
    for (i, c) in head.char_indices() {
        let ends = match c {
            '!' | '?' | ';' | '\n' | ':' => true,
            // "Sr. Director is a grade 11": an abbreviation's period does not end the subject.
            '.' => {
                let word_start = head.get(..i).map_or(0, |h| h.rfind([' ', '\n']).map_or(0, |p| p + 1));
                let word = head.get(word_start..i).unwrap_or_default().to_ascii_lowercase();
                !ABBREVIATIONS.contains(&word.as_str())
            }
            _ => false,
        };
        if ends && head.get(i + 1..).is_some_and(|r| r.starts_with([' ', '\n'])) {
            start = from + i + 1;
        }
    }
    let subject = text.get(start..at)?;
    let lead = subject.len() - subject.trim_start().len();
    let trimmed = subject.trim();
    (!trimmed.is_empty()).then_some(start + lead..start + lead + trimmed.len())
}

/// Words that may sit between the capitalised words of a title ("Manager of Widgets and Gears").
const TITLE_JOINERS: &[&str] = &["of", "and", "&", "for", "the", "-", "–"];

/// The part of a claim's subject that is written as a role title: the last clause (after ", and",
/// ", while", …), without its article and a trailing "role"/"position", when every word of it is
/// capitalised or a joiner ("The Senior Widget Analyst" → "Senior Widget Analyst"; "Each person in
/// this role" → none). Offsets are into `text`.
pub fn titled_subject(text: &str, subject: Range<usize>) -> Option<Range<usize>> {
    let raw = text.get(subject.clone())?;
    // A later clause of the sentence: ", and the Widget Analyst reports to …".
    let mut from = 0;
    for (i, _) in raw.match_indices(", ") {
        let rest = raw.get(i + 2..).unwrap_or_default();
        if rest.starts_with(|c: char| c.is_lowercase()) {
            from = i + 2 + rest.find(' ').map_or(rest.len(), |p| p + 1);
        }
    }
    let mut start = subject.start + from;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = from;
    for w in raw.get(from..)?.split(' ') {
        if !w.is_empty() {
            words.push((subject.start + at, w));
        }
        at += w.len() + 1;
    }
    if let Some(&(_, first)) = words.first()
        && ["the", "a", "an", "our"].contains(&first.to_lowercase().as_str())
    {
        words.remove(0);
    }
    while let Some(&(_, last)) = words.last()
        && ["role", "position", "job"].contains(&last.to_lowercase().as_str())
    {
        words.pop();
    }
    let (&(first_at, first), &(last_at, last)) = (words.first()?, words.last()?);
    start = start.max(first_at);
    if ["this", "that", "each", "every", "any", "all", "their", "his", "her"].contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let mut depth = 0i32;
    for &(_, w) in &words {
        let open = depth > 0 || w.starts_with('(');
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        if open || TITLE_JOINERS.contains(&w) {
            continue;
        }
        if !w.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
    }
    if TITLE_JOINERS.contains(&last) {
        return None;
    }
    let end = last_at + last.trim_end_matches([',', ':']).len();
    (start < end).then_some(start..end)
}

/// A reporting line found in plain text.
#[derive(Debug, PartialEq, Eq)]
pub struct ReportHit {
    /// The manager's title, cleaned.
    pub manager: String,
    /// Where the cleaned title is.
    pub manager_range: Range<usize>,
    /// The sentence that states it.
    pub sentence: Range<usize>,
    /// The role title before the verb ("Widget Analyst" in "The Widget Analyst reports to …").
    pub subject: Option<Range<usize>>,
    /// The wording to fix, when the sentence only almost states a reporting line ("reports the
    /// Manager", "reports intot the Manager", "reports to to the Manager").
    pub repair: Option<Repair>,
}

/// `reports to`, `will report to`, `reporting directly to`, … up to and including `to` and blanks.
fn report_verb(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            tag_no_case("reports"),
            tag_no_case("reporting"),
            recognize((
                alt((
                    tag_no_case("will"),
                    tag_no_case("would"),
                    tag_no_case("shall"),
                    tag_no_case("should"),
                )),
                space1,
                tag_no_case("report"),
            )),
        )),
        space1,
        opt((tag_no_case("directly"), space1)),
        opt((tag_no_case("either"), space1)),
        alt((tag_no_case("into"), tag_no_case("to"))),
        space1,
    ))
    .parse(i)
}

/// The article before a manager's title.
fn article(i: &str) -> IResult<&str, &str> {
    recognize((
        opt((tag_no_case("either"), space1)),
        alt((
            tag_no_case("the"),
            tag_no_case("an"),
            tag_no_case("a"),
            tag_no_case("our"),
        )),
        space1,
    ))
    .parse(i)
}

static REPORT: LazyLock<Regex> =
    LazyLock::new(|| crate::parse::fixed_regex(r"(?i)\b(?:reports|reporting|will|would|shall|should)\s"));
/// A title's trailing "at Company" clause (what `reports to the VP at Acme` names is the VP).
static AT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| crate::parse::fixed_regex(r"\s+at\s+[A-Z][\w&.-]*$"));

/// `title` without what trails a manager's title, again and again until none is left: a
/// parenthesis, ` role`, ` position`, an ` at Company` clause, spaces and punctuation ("VP of
/// Sales (EMEA)." → "VP of Sales").
///
/// This was one regex, `(?:\s*\([^()]*\)|\s+role|\s+at\s+[A-Z][\w&.-]*|\s+position|[\s.,:;!?]+)$`,
/// replaced until nothing changed; its lazy DFA built states for most titles it saw (x1: 9.7 M
/// instructions for 281 calls; one page: 8.7 M of 36.8 M). Each branch is cut here as the regex
/// cut it: the match that starts leftmost, which ends at the title's end whatever the branch (a
/// test compares the two on generated titles and on every line of the real pages).
fn without_trailers(mut title: &str) -> &str {
    while let Some(start) = trailer_start(title) {
        title = title.get(..start).unwrap_or_default();
    }
    title
}

/// Where the leftmost trailer of `title` starts (see [`without_trailers`]).
fn trailer_start(title: &str) -> Option<usize> {
    let punctuation = title.len()
        - title
            .trim_end_matches(|c: char| c.is_whitespace() || ".,:;!?".contains(c))
            .len();
    let punctuation = (punctuation > 0).then(|| title.len() - punctuation);
    let parenthesis = title.strip_suffix(')').and_then(|inside| {
        let open = inside.rfind(['(', ')'])?;
        (inside.get(open..)?.starts_with('(')).then(|| spaces_before(title, open))
    });
    let word = |word: &str| {
        let before = title.strip_suffix(word)?.len();
        let start = spaces_before(title, before);
        (start < before).then_some(start)
    };
    // `\s` is Unicode White_Space, which `char::is_whitespace` is too; `\w` is the regex's own
    // class, so the rare title that may hold the clause asks the regex.
    let may_hold_at = title.match_indices("at").any(|(i, _)| {
        title
            .get(i + 2..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_whitespace)
    });
    let at = may_hold_at.then(|| AT_CLAUSE.find(title).map(|m| m.start())).flatten();
    [punctuation, parenthesis, word("role"), word("position"), at]
        .into_iter()
        .flatten()
        .min()
}

/// The start of the whitespace that ends `title[..at]` (`at` itself when none does).
fn spaces_before(title: &str, at: usize) -> usize {
    let before = title.get(..at).unwrap_or_default();
    before.trim_end_matches(char::is_whitespace).len()
}

const ABBREVIATIONS: &[&str] = &[
    "sr", "jr", "st", "mr", "ms", "mrs", "dr", "vs", "inc", "co", "e.g", "i.e", "etc", "no",
];

/// Where the manager's title ends: a sentence end, `;`, or a clause that starts a new thought.
fn clause_end(s: &str) -> usize {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        if i > MAX_TITLE {
            // No title is this long; stop here so a huge paragraph costs linear time.
            return i;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' | '\n' => return i,
            '.' | '!' | '?' => {
                let next = s.get(i + 1..).and_then(|r| r.chars().next());
                if next.is_none_or(char::is_whitespace) {
                    let word_start = s.get(..i).map_or(0, |h| h.rfind(' ').map_or(0, |p| p + 1));
                    let word = s.get(word_start..i).unwrap_or_default().to_ascii_lowercase();
                    if !ABBREVIATIONS.contains(&word.as_str()) {
                        return i;
                    }
                }
            }
            ',' if depth <= 0 => {
                let rest = s.get(i + 1..).unwrap_or_default().trim_start();
                if rest.starts_with(|c: char| c.is_lowercase()) && !rest.starts_with("or ") {
                    return i;
                }
            }
            ' ' if depth <= 0 => {
                let rest = s.get(i + 1..).unwrap_or_default();
                for word in [
                    "and ", "who ", "with ", "which ", "while ", "in ", "on ", "to ", "for ", "as ",
                ] {
                    if rest.starts_with(word)
                        && rest
                            .get(word.len()..)
                            .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
                    {
                        return i;
                    }
                }
                if rest.starts_with("with ") || rest.starts_with("who ") {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// Longest manager title accepted, in bytes.
const MAX_TITLE: usize = 120;
/// How far back a reporting sentence may start.
const MAX_SENTENCE_HEAD: usize = 600;

fn sentence_start(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(MAX_SENTENCE_HEAD);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at).unwrap_or_default();
    let mut start = from;
    for (i, c) in head.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';' | '\n') && head.get(i + 1..).is_some_and(|r| r.starts_with([' ', '\n'])) {
            start = from + i + 1;
        }
    }
    start + text.get(start..).map_or(0, |r| r.len() - r.trim_start().len())
}

/// Words that may follow "reports" before an article and are not a garbled "to" ("reports on the").
const NOT_TO: &[&str] = &[
    "on", "of", "in", "at", "so", "do", "go", "no", "onto", "unto", "and", "or", "a", "i",
];

/// A reporting verb with its preposition garbled or missing: "reports intot the", "reports ot the",
/// "reports the" (then an article and a capitalised title). Returns the text after the
/// preposition's place and the repair, both at `at` in `text`.
fn near_verb(text: &str, at: usize) -> Option<(&str, Repair)> {
    let rest = text.get(at..)?;
    let (after_verb, _) = (tag_no_case::<&str, &str, nom::error::Error<&str>>("reports"), space1)
        .parse(rest)
        .ok()?;
    let verb_end = text.len() - after_verb.len();
    let is_title_next = |r: &str| {
        article(r)
            .ok()
            .is_some_and(|(t, _)| t.starts_with(|c: char| c.is_uppercase()))
    };
    if is_title_next(after_verb) {
        return Some((
            after_verb,
            Repair {
                range: verb_end..verb_end,
                replacement: "to ".to_owned(),
                problem: "the reporting sentence lacks \"to\" after \"reports\"".to_owned(),
                certain: true,
            },
        ));
    }
    let word: String = after_verb.chars().take_while(char::is_ascii_lowercase).collect();
    let after_word = after_verb.get(word.len()..)?;
    let next = after_word.trim_start_matches(' ');
    if word.is_empty() || word.len() > 6 || NOT_TO.contains(&word.as_str()) || next.len() == after_word.len() {
        return None;
    }
    let near = |w: &str| strsim::damerau_levenshtein(&word, w) <= 1;
    if !(near("to") || near("into")) || !is_title_next(next) {
        return None;
    }
    let into = near("into") && !near("to");
    Some((
        next,
        Repair {
            range: verb_end..verb_end + word.len(),
            replacement: if into { "into" } else { "to" }.to_owned(),
            problem: format!("\"reports {word}\" is not \"reports to\""),
            // "intot" may be meant as "into" or "to"; either reads right, so the fix is a guess.
            certain: false,
        },
    ))
}

/// A word doubled right after the verb or the article ("reports to to the", "to the the"):
/// returns the text after the second copy and the repair deleting it.
fn doubled<'t>(text: &'t str, rest: &'t str) -> Option<(&'t str, Repair)> {
    let start = text.len() - rest.len();
    let head = text.get(..start)?.trim_end_matches(' ');
    let last = head.rsplit(' ').next()?;
    if last.is_empty() || !last.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let again = rest.get(..last.len())?;
    let after = rest.get(last.len()..)?;
    if !again.eq_ignore_ascii_case(last) || !after.starts_with(' ') {
        return None;
    }
    let after_blank = after.trim_start_matches(' ');
    let end = text.len() - after_blank.len();
    Some((
        after_blank,
        Repair {
            range: start..end,
            replacement: String::new(),
            problem: format!("\"{last}\" is written twice in the reporting sentence"),
            certain: true,
        },
    ))
}

/// Every reporting line in `text`.
pub fn reports(text: &str) -> Vec<ReportHit> {
    let mut out = Vec::new();
    // Hot: runs for every paragraph. Every verb `report_verb` accepts holds "report" (in ASCII
    // letters: see the test `nom_needles_are_ascii_only`).
    if !holds_report(text) {
        return out;
    }
    for m in REPORT.find_iter(text) {
        let Some(at) = text.get(m.start()..) else { continue };
        let (rest, mut repair) = match report_verb(at) {
            Ok((rest, _)) => (rest, None),
            Err(_) => match near_verb(text, m.start()) {
                Some((rest, repair)) => (rest, Some(repair)),
                None => continue,
            },
        };
        let rest = match article(rest) {
            Ok((r, _)) => r,
            Err(_) => rest,
        };
        let rest = match doubled(text, rest) {
            Some((r, fix)) => {
                repair = repair.or(Some(fix));
                article(r).map_or(r, |(r, _)| r)
            }
            None => rest,
        };
        if !rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        let end = clause_end(rest);
        let title = without_trailers(rest.get(..end).unwrap_or_default());
        // "reports to TBD" states no manager: the placeholder check reports it, and the level
        // still misses its reporting line.
        if title.is_empty() || title.len() > MAX_TITLE || !super::placeholder::find(title).is_empty() {
            continue;
        }
        let (Some(start), Some(rest_at)) = (sub_offset(text, title), sub_offset(text, rest)) else {
            continue;
        };
        let sentence_end = rest_at + end;
        let sentence_end = if text.get(sentence_end..).is_some_and(|r| r.starts_with('.')) {
            sentence_end + 1
        } else {
            sentence_end
        };
        out.push(ReportHit {
            manager: title.to_string(),
            manager_range: start..start + title.len(),
            sentence: sentence_start(text, m.start())..sentence_end,
            subject: subject_before(text, m.start()).and_then(|r| titled_subject(text, r)),
            repair,
        });
    }
    out
}

/// Compiles this module's patterns now (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&IS);
    LazyLock::force(&MENTION);
    LazyLock::force(&REPORT);
    LazyLock::force(&AT_CLAUSE);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// nom's `tag_no_case` compares lowercased characters; the literal pre-checks are exact only
    /// because no character but an ASCII letter lowercases to a letter of "grade" or "report".
    #[test]
    fn nom_needles_are_ascii_only() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert!(!c.to_lowercase().any(|l| "gradeport".contains(l)), "{c:?}");
        }
        assert!(grades("The Baker is a GRADE 7.", false).len() == 1);
        assert!(grades("The Baker is a 7.", false).is_empty());
        assert!(reports("It REPORTS TO the Head Baker.").len() == 1);
    }

    #[test]
    fn literal_checks_match_the_case_insensitive_regex() {
        let others: String = ('\u{80}'..=char::MAX).collect();
        assert!(crate::parse::fixed_regex("(?i)[gradeport]").find(&others).is_none());
        let grade = crate::parse::fixed_regex("(?i)grade");
        let report = crate::parse::fixed_regex("(?i)report");
        for text in [
            "", "g", "grad", "grade", "GRADE", "gRaDe 7", "upgraded", "ggrade", "gr ade", "report", "REPORTS",
            "re port", "repor", "pport", "rEpOrT", "p", "rep", "xreportx", "ré", "gradé", "éreport",
        ] {
            assert_eq!(holds_grade(text), grade.is_match(text), "{text}");
            assert_eq!(holds_report(text), report.is_match(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn literal_checks_agree_with_the_regex_on_any_text(text in "[gradeportGRADEPORT xé]{0,12}") {
            let grade = crate::parse::fixed_regex("(?i)grade");
            let report = crate::parse::fixed_regex("(?i)report");
            proptest::prop_assert_eq!(holds_grade(&text), grade.is_match(&text));
            proptest::prop_assert_eq!(holds_report(&text), report.is_match(&text));
        }
    }

    /// The trailers stripped by the regex that [`without_trailers`] replaces, replaced until
    /// nothing changes: what it must equal.
    fn stripped_by_regex_alone(mut title: &str) -> &str {
        static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
            crate::parse::fixed_regex(r"(?:\s*\([^()]*\)|\s+role|\s+at\s+[A-Z][\w&.-]*|\s+position|[\s.,:;!?]+)$")
        });
        loop {
            let trimmed = TRAILER.replace(title, "");
            if trimmed.len() == title.len() {
                return title;
            }
            title = title.get(..trimmed.len()).unwrap_or_default();
        }
    }

    #[test]
    fn trailers_are_stripped_again_and_again() {
        for (title, stripped) in [
            ("VP of Sales (EMEA).", "VP of Sales"),
            ("Engineering Manager role", "Engineering Manager"),
            ("Director at Widget&Co.", "Director"),
            ("Head of People position ;", "Head of People"),
            ("Director of Data Strategy", "Director of Data Strategy"),
            ("Manager at\u{a0}Acme", "Manager"),
            ("Chief of Staff (interim) (acting)", "Chief of Staff"),
            ("", ""),
        ] {
            assert_eq!(without_trailers(title), stripped, "{title}");
            assert_eq!(stripped_by_regex_alone(title), stripped, "{title}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trailers_are_cut_as_the_regex_cut_them_on_any_title(
            title in "([A-Za-z\u{e9}&.,:;!?()\\-]|\\([a-z ]{0,3}\\)| at [A-Z]|at|role|position| |\u{a0}|\u{2003}|\\t){0,14}"
        ) {
            proptest::prop_assert_eq!(without_trailers(&title), stripped_by_regex_alone(&title));
        }
    }

    #[test]
    fn trailers_are_cut_as_the_regex_cut_them_on_every_corpus_line() {
        // Every line of the real pages from each of its first spaces on, cut as long as a title
        // may be: `reports` cuts titles that end anywhere in a sentence.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let mut compared = 0;
        for dir in ["corpus", "corpus-2024", "seeds"] {
            for path in crate::read::collect(&[root.join(dir)]).0 {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for line in text.lines() {
                    for (i, _) in line.match_indices(' ').take(40) {
                        let rest = line.get(i + 1..).unwrap_or_default();
                        for end in [rest.len(), rest.floor_char_boundary(MAX_TITLE)] {
                            let title = rest.get(..end).unwrap_or_default();
                            assert_eq!(without_trailers(title), stripped_by_regex_alone(title), "{title}");
                            compared += 1;
                        }
                    }
                }
            }
        }
        // A checkout without ../shared beside it has nothing to compare.
        if root.exists() {
            assert!(compared > 10_000, "only {compared} titles compared");
        }
    }

    fn values(text: &str, section: bool) -> Vec<(u8, bool)> {
        grades(text, section).into_iter().map(|h| (h.value, h.claim)).collect()
    }

    #[test]
    fn grade_claims() {
        assert_eq!(values("The role is a grade 6.", false), [(6, true)]);
        assert_eq!(values("The Widget Maker is a Grade 11.", false), [(11, true)]);
        assert_eq!(values("The Head Chef is a job grade level 10.", false), [(10, true)]);
        assert_eq!(values("The Head Chef is a job grade 12.", false), [(12, true)]);
        assert_eq!(values("The Fry Cook is a grade 6 job.", false), [(6, true)]);
        let hits = grades("Our baker is a grade 7.", false);
        assert_eq!(&"Our baker is a grade 7."[hits[0].number.clone()], "7");
    }

    #[test]
    fn claim_subjects() {
        let subject = |text: &str| {
            grades(text, false)
                .first()
                .and_then(|h| h.subject.clone())
                .map(|r| text[r].to_string())
        };
        assert_eq!(
            subject("The Senior Baker is a grade 7.").as_deref(),
            Some("The Senior Baker")
        );
        assert_eq!(
            subject("Bakes bread. The Sr. Head Baker is a grade 9.").as_deref(),
            Some("The Sr. Head Baker")
        );
        assert_eq!(subject("Grade: is a grade 7").as_deref(), None);
        assert_eq!(subject("Bakers perform at a Grade 10 level."), None);
    }

    fn repaired(text: &str, section: bool) -> Option<String> {
        let hit = grades(text, section).into_iter().next()?;
        let r = hit.repair?;
        Some(format!(
            "{}{}{}",
            &text[..r.range.start],
            r.replacement,
            &text[r.range.end..]
        ))
    }

    fn line_repaired(text: &str) -> Option<String> {
        let hit = reports(text).into_iter().next()?;
        let r = hit.repair?;
        Some(format!(
            "{}{}{}",
            &text[..r.range.start],
            r.replacement,
            &text[r.range.end..]
        ))
    }

    #[test]
    fn near_miss_grades() {
        assert_eq!(values("The Baker is a grade #9.", false), [(9, true)]);
        assert_eq!(
            repaired("The Baker is a grade #9.", false).as_deref(),
            Some("The Baker is a grade 9.")
        );
        assert_eq!(
            repaired("The Baker is a 7.", true).as_deref(),
            Some("The Baker is a grade 7.")
        );
        assert_eq!(
            repaired("The Baker is a level 11.", true).as_deref(),
            Some("The Baker is a grade level 11.")
        );
        assert_eq!(repaired("The Baker is a grade 7.", true), None);
        assert_eq!(repaired("Grade: 9", true), None);
        assert_eq!(repaired("The Baker is a 7.", false), None);
    }

    #[test]
    fn near_miss_reporting_lines() {
        assert_eq!(
            line_repaired("The Baker reports the Head Chef.").as_deref(),
            Some("The Baker reports to the Head Chef.")
        );
        assert_eq!(
            line_repaired("The Baker reports intot the Head Chef.").as_deref(),
            Some("The Baker reports into the Head Chef.")
        );
        assert_eq!(
            line_repaired("The Baker reports ot the Head Chef.").as_deref(),
            Some("The Baker reports to the Head Chef.")
        );
        assert_eq!(
            line_repaired("The Baker reports to to the Head Chef.").as_deref(),
            Some("The Baker reports to the Head Chef.")
        );
        assert_eq!(
            line_repaired("The Baker reports to the the Head Chef.").as_deref(),
            Some("The Baker reports to the Head Chef.")
        );
        assert_eq!(
            managers("The Baker reports on the Quarterly Numbers."),
            Vec::<String>::new()
        );
        assert_eq!(managers("The Baker reports the results."), Vec::<String>::new());
        assert_eq!(line_repaired("The Baker reports to the Head Chef."), None);
    }

    #[test]
    fn bare_numbers_only_in_grade_sections() {
        assert_eq!(values("The Fry Cook is a 8.", false), []);
        assert_eq!(values("The Fry Cook is a 8.", true), [(8, true)]);
        assert_eq!(values("Grade: 9", true), [(9, true)]);
        assert_eq!(values("Grade: 9", false), [(9, false)]);
    }

    #[test]
    fn prose_mentions_and_non_grades() {
        assert_eq!(
            values("expected to perform at a Grade 10 (Director) level", false),
            [(10, false)]
        );
        assert_eq!(values("The pricing lead is a grade 9.5.", false), []);
        assert_eq!(values("an upgrade 7 times; grades apply; is a 2022 hire", false), []);
        assert_eq!(values("this is a 100% match", true), []);
    }

    fn managers(text: &str) -> Vec<String> {
        reports(text).into_iter().map(|r| r.manager).collect()
    }

    #[test]
    fn reporting_lines() {
        assert_eq!(
            managers("This position reports to the VP of Widgets."),
            ["VP of Widgets"]
        );
        assert_eq!(managers("The Baker reports into the Head of Ovens."), ["Head of Ovens"]);
        assert_eq!(
            managers("The Baker will report to a Head of Ovens (or above)."),
            ["Head of Ovens"]
        );
        assert_eq!(
            managers("This position reports to the Vice President of Ovens & Quality at Acme."),
            ["Vice President of Ovens & Quality"]
        );
        assert_eq!(
            managers("This position reports to the Manager, Pastry role at Acme"),
            ["Manager, Pastry"]
        );
        assert_eq!(
            managers("It reports to the Sr. Director of Baking."),
            ["Sr. Director of Baking"]
        );
        assert_eq!(
            managers("The VP reports to the Chief Baking Officer (CBO), and Directors report to the VP."),
            ["Chief Baking Officer"]
        );
        assert_eq!(
            managers("reports to the Manager, Ovens or Senior Manager, Ovens"),
            ["Manager, Ovens or Senior Manager, Ovens"]
        );
        assert_eq!(
            managers("The baker reports directly to the Head Chef and works closely with the team."),
            ["Head Chef"]
        );
        assert_eq!(
            managers("This role reports either to a Head of Ovens, a Chief Baker or the Owner."),
            ["Head of Ovens"]
        );
    }

    #[test]
    fn not_reporting_lines() {
        assert_eq!(managers("This position reports to TBD."), Vec::<String>::new());
        assert_eq!(
            managers("This role will report to and collaborate with a Manager."),
            Vec::<String>::new()
        );
        assert_eq!(managers("team members who report to them"), Vec::<String>::new());
        assert_eq!(
            managers("Track and provide reporting and measurements"),
            Vec::<String>::new()
        );
    }

    fn report_subject(text: &str) -> Option<&str> {
        reports(text).first()?.subject.clone().map(|r| &text[r])
    }

    #[test]
    fn reporting_subjects() {
        assert_eq!(
            report_subject("The Senior Baker reports to the Head Chef."),
            Some("Senior Baker")
        );
        assert_eq!(
            report_subject("The Head of Ovens role reports to the Chef."),
            Some("Head of Ovens")
        );
        assert_eq!(
            report_subject("The Chef reports to the Owner, and the Baker reports to the Chef.").map(str::len),
            Some(4)
        );
        assert_eq!(report_subject("This position reports to the Head Chef."), None);
        assert_eq!(
            report_subject("Each person in this role reports to the Head Chef."),
            None
        );
        assert_eq!(report_subject("Bakers who knead reports to the Head Chef."), None);
        let text = "The Chef reports to the Owner, and the Fry Cook reports to the Chef.";
        let second = &reports(text)[1];
        assert_eq!(&text[second.subject.clone().unwrap()], "Fry Cook");
    }

    #[test]
    fn reporting_spans() {
        let text = "Intro. This position reports to the VP of Widgets. Next.";
        let r = &reports(text)[0];
        assert_eq!(&text[r.manager_range.clone()], "VP of Widgets");
        assert_eq!(&text[r.sentence.clone()], "This position reports to the VP of Widgets.");
    }
}
