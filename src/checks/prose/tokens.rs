//! Words of a prose text, with their byte offsets: what the prose checks read.
//!
//! The text is cut at whitespace into chunks. A chunk that is not prose (a URL, an e-mail or
//! `@handle`, a `#channel`, a path, a file name, a shortcode or template tag) becomes one opaque
//! token; any other chunk yields its alphanumeric pieces (`cross-functional` → `cross`,
//! `functional`), each with the apostrophes inside it (`doesn't`).

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and inner apostrophes) only.
    Word,
    /// Letters and digits (`FY26`, `3rd`) or digits only.
    Number,
    /// A whole chunk that is not prose: URL, path, handle, file name, template tag.
    Opaque,
}

/// One token of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Byte offset of its first character in the text.
    pub start: usize,
    /// What it is.
    pub kind: Kind,
    /// True when it opens a sentence (nothing or `.`, `!`, `?`, `:` or an opening quote before it).
    pub sentence_start: bool,
}

impl Token<'_> {
    /// Byte offset one past its last character.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Marks inside a chunk that make it something other than prose.
const NOT_PROSE: &[&str] = &[
    "://", "www.", "@", "\\", "{{", "}}", "{%", "%}", "<%", "%>", "`", "<", ">", "=", "_",
];

/// The tokens of `text`, in order.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// Where the tokenizer writes: a list of tokens, or any store that can take one and forget the
/// last ones.
pub(crate) trait Sink<'a> {
    /// Appends the token `text`, which starts at byte `start` of the tokenized text.
    fn push(&mut self, text: &'a str, start: usize, kind: Kind, sentence_start: bool);
    /// How many tokens it holds.
    fn len(&self) -> usize;
    /// Forgets the tokens after the first `len`.
    fn truncate(&mut self, len: usize);
}

impl<'a> Sink<'a> for Vec<Token<'a>> {
    fn push(&mut self, text: &'a str, start: usize, kind: Kind, sentence_start: bool) {
        Vec::push(
            self,
            Token {
                text,
                start,
                kind,
                sentence_start,
            },
        );
    }

    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn truncate(&mut self, len: usize) {
        Vec::truncate(self, len);
    }
}

/// The offset of the first byte at or after `pos` that is not a space (ASCII or Unicode), or
/// `None` at the end of `text`. Bytes are classed through a table; only a byte that starts a
/// multi-byte character (which may be a Unicode space) is decoded.
fn skip_spaces(text: &str, mut pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        let &byte = bytes.get(pos)?;
        let class = BYTE_CLASS[usize::from(byte)];
        let width = if class & ASCII_SPACE != 0 {
            1
        } else if class & MULTI_BYTE != 0 {
            unicode_space_at(text, pos)
        } else {
            0
        };
        if width == 0 {
            return Some(pos);
        }
        pos += width;
    }
}

/// The tokens of `text`, in order, appended to `tokens` (a buffer the caller reuses).
pub(crate) fn tokenize_into<'a>(text: &'a str, tokens: &mut impl Sink<'a>) {
    // Hot: every prose run of every page. One pass over the bytes finds each chunk's end and cuts
    // its pieces as if it were plain ASCII (most chunks are); a chunk that turns out to be opaque or
    // to hold other characters has those pieces dropped and is cut again, as before.
    let bytes = text.as_bytes();
    let mut last_mark: Option<char> = None;
    let mut pos = 0;
    loop {
        let Some(start) = skip_spaces(text, pos) else {
            return;
        };
        pos = start;
        let chunk_start = pos;
        let (cut_before, mark_before) = (tokens.len(), last_mark);
        // The class bits of the chunk's bytes outside words (letters and digits have none of
        // the bits read below).
        let mut flags = 0;
        while let Some(&byte) = bytes.get(pos) {
            let class = BYTE_CLASS[usize::from(byte)];
            if class & ALNUM != 0 {
                let start = pos;
                let (mut seen, mut prev) = (class, byte);
                pos += 1;
                // Past the chunk's end lies whitespace, which is no letter: the look-ahead of an
                // inner apostrophe cannot see the next chunk.
                while let Some(&next) = bytes.get(pos) {
                    let next_class = BYTE_CLASS[usize::from(next)];
                    let inner_apostrophe = next == b'\''
                        && prev.is_ascii_alphabetic()
                        && bytes.get(pos + 1).is_some_and(u8::is_ascii_alphabetic);
                    if next_class & ALNUM == 0 && !inner_apostrophe {
                        break;
                    }
                    seen |= next_class;
                    prev = next;
                    pos += 1;
                }
                let kind = if seen & DIGIT != 0 { Kind::Number } else { Kind::Word };
                let piece = text.get(start..pos).unwrap_or_default();
                tokens.push(piece, start, kind, opens_sentence(last_mark));
                last_mark = Some(char::from(prev));
                continue;
            }
            if class & ASCII_SPACE != 0 || (class & MULTI_BYTE != 0 && unicode_space_at(text, pos) > 0) {
                break;
            }
            flags |= class;
            last_mark = Some(char::from(byte));
            pos += 1;
        }
        let chunk = text.get(chunk_start..pos).unwrap_or_default();
        // Most chunks are plain words: none of the bytes any rule of `is_opaque` looks for.
        if flags & MARK != 0 && is_opaque(chunk) {
            tokens.truncate(cut_before);
            tokens.push(chunk, chunk_start, Kind::Opaque, opens_sentence(mark_before));
            last_mark = chunk.chars().last();
        } else if flags & NON_ASCII != 0 {
            tokens.truncate(cut_before);
            last_mark = pieces(chunk, chunk_start, mark_before, tokens);
        }
    }
}

/// [`tokenize_into`] as two passes: chunks first, then the pieces of each; the reference the
/// one-pass cut is tested against.
#[cfg(test)]
fn tokenize_two_pass<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    let mut last_mark: Option<char> = None;
    for (chunk_start, chunk, flags) in flagged_chunks(text) {
        // Most chunks are plain words: none of the bytes any rule of `is_opaque` looks for.
        if flags & MARK != 0 && is_opaque(chunk) {
            tokens.push(Token {
                text: chunk,
                start: chunk_start,
                kind: Kind::Opaque,
                sentence_start: opens_sentence(last_mark),
            });
            last_mark = chunk.chars().last();
            continue;
        }
        if flags & NON_ASCII == 0 {
            last_mark = ascii_pieces(chunk, chunk_start, last_mark, tokens);
            continue;
        }
        last_mark = pieces(chunk, chunk_start, last_mark, tokens);
    }
}

/// The alphanumeric pieces of a chunk (inner apostrophes kept), appended to `tokens`; returns the
/// last character seen, which decides whether the next token opens a sentence.
fn pieces<'a>(
    chunk: &'a str,
    chunk_start: usize,
    mut last_mark: Option<char>,
    tokens: &mut impl Sink<'a>,
) -> Option<char> {
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            last_mark = Some(c);
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut has_digit = c.is_numeric();
        let mut prev = c;
        while let Some(&(j, d)) = chars.peek() {
            let inner_apostrophe =
                is_apostrophe(d) && prev.is_alphabetic() && chunk.get(j + d.len_utf8()..).is_some_and(starts_alpha);
            if !(d.is_alphanumeric() || inner_apostrophe) {
                break;
            }
            has_digit |= d.is_numeric();
            end = j + d.len_utf8();
            prev = d;
            chars.next();
        }
        let kind = if has_digit { Kind::Number } else { Kind::Word };
        tokens.push(
            chunk.get(i..end).unwrap_or_default(),
            chunk_start + i,
            kind,
            opens_sentence(last_mark),
        );
        last_mark = Some(prev);
    }
    last_mark
}

#[cfg(test)]
/// The pieces of an ASCII chunk, exactly as [`pieces`] cuts them, byte by byte:
/// most prose is ASCII, and decoding characters was the tokenizer's main cost. Returns the last mark.
fn ascii_pieces<'a>(
    chunk: &'a str,
    chunk_start: usize,
    mut last_mark: Option<char>,
    tokens: &mut Vec<Token<'a>>,
) -> Option<char> {
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        i += 1;
        if !c.is_ascii_alphanumeric() {
            last_mark = Some(char::from(c));
            continue;
        }
        let start = i - 1;
        let mut has_digit = c.is_ascii_digit();
        let mut prev = c;
        while let Some(&d) = bytes.get(i) {
            let inner_apostrophe =
                d == b'\'' && prev.is_ascii_alphabetic() && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
            if !(d.is_ascii_alphanumeric() || inner_apostrophe) {
                break;
            }
            has_digit |= d.is_ascii_digit();
            prev = d;
            i += 1;
        }
        tokens.push(Token {
            text: chunk.get(start..i).unwrap_or_default(),
            start: chunk_start + start,
            kind: if has_digit { Kind::Number } else { Kind::Word },
            sentence_start: opens_sentence(last_mark),
        });
        last_mark = Some(char::from(prev));
    }
    last_mark
}

/// Whitespace-separated chunks with their byte offsets.
#[cfg(test)]
pub(crate) fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    flagged_chunks(text).map(|(start, chunk, _)| (start, chunk))
}

#[cfg(test)]
/// [`chunks`], each with the [`BYTE_CLASS`] bits of its bytes ORed together: what the tokenizer
/// would otherwise learn by reading each chunk again.
fn flagged_chunks(text: &str) -> impl Iterator<Item = (usize, &str, u8)> {
    // Hot: every prose run of every page. Bytes are classed through a table; only a byte that
    // starts a multi-byte character (which may be a Unicode space) is decoded.
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        pos = skip_spaces(text, pos)?;
        let start = pos;
        let mut flags = 0;
        while let Some(&byte) = bytes.get(pos) {
            let class = BYTE_CLASS[usize::from(byte)];
            if class & ASCII_SPACE != 0 || (class & MULTI_BYTE != 0 && unicode_space_at(text, pos) > 0) {
                break;
            }
            flags |= class;
            pos += 1;
        }
        text.get(start..pos).map(|chunk| (start, chunk, flags))
    })
}

/// [`BYTE_CLASS`] bit of an ASCII whitespace byte (as `char::is_whitespace` judges).
const ASCII_SPACE: u8 = 1;
/// [`BYTE_CLASS`] bit of the first byte of a multi-byte character.
const MULTI_BYTE: u8 = 2;
/// [`BYTE_CLASS`] bit of any byte outside ASCII.
const NON_ASCII: u8 = 4;
/// [`BYTE_CLASS`] bit of a byte some rule of [`is_opaque`] looks for.
const MARK: u8 = 8;
/// [`BYTE_CLASS`] bit of an ASCII letter or digit.
const ALNUM: u8 = 16;
/// [`BYTE_CLASS`] bit of an ASCII digit.
const DIGIT: u8 = 32;

/// The class bits of each byte.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let marks = b"#/~@{}<>\\`$%=_.:";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = MARK;
        i += 1;
    }
    let mut b = 0;
    while b < 256 {
        table[b] |= match b {
            0x09..=0x0d | 0x20 => ASCII_SPACE,
            0x30..=0x39 => ALNUM | DIGIT,
            0x41..=0x5a | 0x61..=0x7a => ALNUM,
            0x80..=0xbf => NON_ASCII,
            0xc0..=0xff => NON_ASCII | MULTI_BYTE,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The width of the character at byte `pos` of `text` when it is whitespace, else 0.
fn unicode_space_at(text: &str, pos: usize) -> usize {
    let c = text.get(pos..).and_then(|rest| rest.chars().next());
    c.filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn starts_alpha(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

fn opens_sentence(last_mark: Option<char>) -> bool {
    match last_mark {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '"' | '\u{201c}' | '\u{2022}'),
    }
}

/// True when a chunk is not prose: the typo check must not read it as words.
fn is_opaque(chunk: &str) -> bool {
    // Most chunks are plain words: none of the bytes any rule below looks for.
    if !chunk.bytes().any(|b| BYTE_CLASS[usize::from(b)] & MARK != 0) {
        return false;
    }
    let core = chunk
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !"#/~@{<\\`$".contains(c))
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !"}>/%`".contains(c));
    // Every rule below needs a mark byte inside the core: a word with only its trailing full
    // stop or colon (most chunks that reach here) is prose.
    if !core.bytes().any(|b| BYTE_CLASS[usize::from(b)] & MARK != 0) {
        return false;
    }
    if NOT_PROSE.iter().any(|mark| core.contains(mark)) {
        return true;
    }
    if core.starts_with(['#', '/', '~', '$']) {
        return true;
    }
    // A dot or colon between two alphanumerics: a file name, a domain, `e.g`, `key:value`.
    let mut chars = core.chars();
    let (mut a, mut b) = (chars.next(), chars.next());
    for c in chars {
        if matches!(b, Some('.' | ':')) && a.is_some_and(char::is_alphanumeric) && c.is_alphanumeric() {
            return true;
        }
        (a, b) = (b, Some(c));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, usize, Kind)> {
        tokenize(text).into_iter().map(|t| (t.text, t.start, t.kind)).collect()
    }

    #[test]
    fn splits_words_and_keeps_offsets() {
        assert_eq!(
            words("cross-functional teams’ doesn’t, FY26!"),
            vec![
                ("cross", 0, Kind::Word),
                ("functional", 6, Kind::Word),
                ("teams", 17, Kind::Word),
                ("doesn’t", 26, Kind::Word),
                ("FY26", 37, Kind::Number),
            ]
        );
    }

    #[test]
    fn urls_paths_handles_and_files_are_opaque() {
        let kinds: Vec<Kind> = tokenize("see https://x.io/a, /handbook/x, @someone #chan file.md e.g. it")
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Word,
                Kind::Opaque,
                Kind::Opaque,
                Kind::Opaque,
                Kind::Opaque,
                Kind::Opaque,
                Kind::Opaque,
                Kind::Word
            ]
        );
    }

    #[test]
    fn sentence_starts() {
        let starts: Vec<bool> = tokenize("One two. Three: four (five)")
            .iter()
            .map(|t| t.sentence_start)
            .collect();
        assert_eq!(starts, vec![true, false, true, true, false]);
    }

    #[test]
    fn the_ascii_fast_path_cuts_as_the_general_one() {
        let samples = [
            "don't",
            "it's'",
            "'tis",
            "a'b'c",
            "x''y",
            "FY26's",
            "3rd-party",
            "(well)",
            "e.g.",
            "end.",
            "a1b2",
            "O'Neil!",
            "ab'",
            "'",
            "word?\"",
            "--",
            "a-b-c",
            "x:y",
            "A.B",
        ];
        for chunk in samples {
            for last in [None, Some('.'), Some('a')] {
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                let fast_last = ascii_pieces(chunk, 7, last, &mut fast);
                let general_last = pieces(chunk, 7, last, &mut general);
                assert_eq!((fast, fast_last), (general, general_last), "{chunk}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn chunks_are_what_splitting_at_whitespace_gives(text in "[a b\t\n\u{a0}\u{2003}\u{b}\u{85}é.]{0,24}") {
            let expected: Vec<&str> = text.split(char::is_whitespace).filter(|c| !c.is_empty()).collect();
            let found: Vec<&str> = chunks(&text).map(|(_, c)| c).collect();
            proptest::prop_assert_eq!(&found, &expected);
            for (start, chunk) in chunks(&text) {
                proptest::prop_assert_eq!(text.get(start..start + chunk.len()), Some(chunk));
            }
        }

        #[test]
        fn chunk_flags_say_what_rereading_the_chunk_would(text in "[a Z.#/_:\u{a0}\u{2003}é’1]{0,24}") {
            for (_, chunk, flags) in flagged_chunks(&text) {
                proptest::prop_assert_eq!(flags & NON_ASCII == 0, chunk.is_ascii());
                proptest::prop_assert_eq!(flags & MARK != 0, chunk.bytes().any(|b| b"#/~@{}<>\\`$%=_.:".contains(&b)));
            }
        }
    }

    /// [`is_opaque`] without its early exits.
    fn is_opaque_plain(chunk: &str) -> bool {
        let core = chunk
            .trim_start_matches(|c: char| !c.is_alphanumeric() && !"#/~@{<\\`$".contains(c))
            .trim_end_matches(|c: char| !c.is_alphanumeric() && !"}>/%`".contains(c));
        if core.is_empty() {
            return false;
        }
        if NOT_PROSE.iter().any(|mark| core.contains(mark)) || core.starts_with(['#', '/', '~', '$']) {
            return true;
        }
        let chars: Vec<char> = core.chars().collect();
        chars
            .windows(3)
            .any(|w| matches!(w, [a, '.' | ':', c] if a.is_alphanumeric() && c.is_alphanumeric()))
    }

    proptest::proptest! {
        #[test]
        fn the_early_exits_of_is_opaque_change_nothing(chunk in "[aZ1.:,;!?()\"'#/~@{}<>\\\\`$%=_é]{0,8}") {
            proptest::prop_assert_eq!(is_opaque(&chunk), is_opaque_plain(&chunk), "{}", chunk);
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_cuts_as_two_passes(text in "([aZ1'’ .:,!?\"(#/@_`é\u{a0}\u{2003}\n-]{0,5}[ \n]?){0,10}") {
            let mut two = Vec::new();
            tokenize_two_pass(&text, &mut two);
            proptest::prop_assert_eq!(tokenize(&text), two);
        }
    }

    #[test]
    fn multibyte_whitespace_keeps_offsets() {
        let text = "a\u{a0}bb\u{2003}ccc";
        let toks = tokenize(text);
        for t in toks {
            assert_eq!(&text[t.start..t.end()], t.text);
        }
    }
}
