//! Vocabularies handbook teams already keep for other spell checkers, read as accept and reject
//! lists: a Vale vocabulary (`styles/config/vocabularies/<name>/accept.txt` and `reject.txt`, one
//! case-sensitive regular expression a line) and cspell word lists (`!word` rejects a word) or
//! cspell configurations (`words`, `ignoreWords`, `flagWords`, `dictionaryDefinitions`).

use regex::Regex;
use std::path::{Path, PathBuf};

/// What a vocabulary file says about words.
#[derive(Debug, Default)]
pub struct WordLists {
    /// Plain words to accept.
    pub accept: Vec<String>,
    /// Patterns a whole word must match to be accepted (Vale entries that are regular expressions).
    pub accept_patterns: Vec<Regex>,
    /// Words to report wherever they are written, with the file that rejects them.
    pub reject: Vec<(String, String)>,
    /// Patterns a whole word is reported for, with the file.
    pub reject_patterns: Vec<(Regex, String)>,
    /// Misspellings with their corrections (cspell `flagWords` written `wrong->right`).
    pub misspellings: Vec<(String, Vec<String>)>,
}

/// A vocabulary file that could not be used: which file and why.
#[derive(Debug)]
pub struct ListError {
    /// The file, as given.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl WordLists {
    /// Reads the Vale vocabulary folder `dir`: `accept.txt` and `reject.txt`, either may be missing
    /// but not both.
    pub fn read_vale(&mut self, dir: &Path) -> Result<(), ListError> {
        let mut found = false;
        for (name, accept) in [("accept.txt", true), ("reject.txt", false)] {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            found = true;
            let text = read(&path)?;
            self.add_vale(&text, &shown(&path), accept)?;
        }
        if found {
            Ok(())
        } else {
            Err(ListError {
                file: shown(dir),
                message: "is not a Vale vocabulary: it holds neither accept.txt nor reject.txt".to_owned(),
            })
        }
    }

    /// Adds the entries of a Vale `accept.txt` (or `reject.txt` when `accept` is false) read from `file`.
    pub fn add_vale(&mut self, text: &str, file: &str, accept: bool) -> Result<(), ListError> {
        for (i, line) in text.lines().enumerate() {
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            if is_plain(entry) {
                self.add(entry, file, accept);
                continue;
            }
            // Vale matches entries as whole words, case-sensitively unless they say `(?i)`; the
            // typo check reads lowercase words, so an accept pattern is matched in any case.
            let source = if accept {
                format!("(?i)^(?:{entry})$")
            } else {
                format!("^(?:{entry})$")
            };
            let pattern = Regex::new(&source).map_err(|e| ListError {
                file: format!("{file}:{}", i + 1),
                message: format!("`{entry}` is not a regular expression: {}", first_line(&e.to_string())),
            })?;
            if accept {
                self.accept_patterns.push(pattern);
            } else {
                self.reject_patterns.push((pattern, file.to_owned()));
            }
        }
        Ok(())
    }

    /// Reads a cspell word list (`.txt`) or configuration (`.json`, `.jsonc`, `.yaml`, `.yml`).
    pub fn read_cspell(&mut self, path: &Path) -> Result<(), ListError> {
        let text = read(path)?;
        let file = shown(path);
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let value: serde_json::Value = match extension {
            "json" | "jsonc" => serde_json::from_str(&strip_json_comments(&text)).map_err(|e| ListError {
                file: file.clone(),
                message: format!("is not a cspell configuration: {e}"),
            })?,
            "yaml" | "yml" => serde_saphyr::from_str(&text).map_err(|e| ListError {
                file: file.clone(),
                message: format!("is not a cspell configuration: {}", first_line(&e.to_string())),
            })?,
            _ => {
                self.add_cspell_words(&text, &file);
                return Ok(());
            }
        };
        let strings = |key: &str| -> Vec<String> {
            value
                .get(key)
                .and_then(serde_json::Value::as_array)
                .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        for word in strings("words").into_iter().chain(strings("ignoreWords")) {
            self.add(&word, &file, true);
        }
        for entry in strings("flagWords") {
            self.add_flag(&entry, &file);
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let definitions = value.get("dictionaryDefinitions").and_then(serde_json::Value::as_array);
        for definition in definitions.into_iter().flatten() {
            if let Some(relative) = definition.get("path").and_then(serde_json::Value::as_str) {
                let list: PathBuf = base.join(relative);
                let text = read(&list)?;
                self.add_cspell_words(&text, &shown(&list));
            }
        }
        Ok(())
    }

    /// Adds the lines of a cspell word list: `#` comments, `!word` forbidden, compound markers dropped.
    pub fn add_cspell_words(&mut self, text: &str, file: &str) {
        for line in text.lines() {
            let entry = line.split('#').next().unwrap_or_default().trim();
            if let Some(forbidden) = entry.strip_prefix('!') {
                self.add_flag(forbidden, file);
            } else {
                let word = entry.trim_start_matches(['~', '+', '*']).trim_end_matches(['+', '*']);
                for word in word.split_whitespace() {
                    self.add(word, file, true);
                }
            }
        }
    }

    /// A flagged word, `wrong`, `wrong->right` or `wrong:right`.
    fn add_flag(&mut self, entry: &str, file: &str) {
        let (wrong, right) = match entry.split_once("->").or_else(|| entry.split_once(':')) {
            Some((wrong, right)) => (wrong.trim(), right.trim()),
            None => (entry.trim(), ""),
        };
        let corrections = super::vocabulary::corrections(right);
        if corrections.is_empty() {
            self.add(wrong, file, false);
        } else if !wrong.is_empty() {
            self.misspellings.push((wrong.to_lowercase(), corrections));
        }
    }

    fn add(&mut self, word: &str, file: &str, accept: bool) {
        let word = word.trim();
        if word.is_empty() {
            return;
        }
        if accept {
            self.accept.push(word.to_owned());
        } else {
            self.reject.push((word.to_lowercase(), file.to_owned()));
        }
    }
}

/// True for an entry that is a word, not a pattern: letters, digits, apostrophes, hyphens and dots.
fn is_plain(entry: &str) -> bool {
    entry
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '_'))
}

fn read(path: &Path) -> Result<String, ListError> {
    std::fs::read_to_string(path).map_err(|e| ListError {
        file: shown(path),
        message: format!("cannot be read: {e}"),
    })
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text).trim()
}

/// `//` and `/* */` comments of JSONC removed, strings left alone.
fn strip_json_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for next in chars.by_ref() {
                    if next == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for next in chars.by_ref() {
                    if last == '*' && next == '/' {
                        break;
                    }
                    last = next;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vale_entries_are_words_or_whole_word_patterns() {
        let mut lists = WordLists::default();
        lists
            .add_vale("# terms\nGadgetron\n[Ww]idgetly\n(?i)sprocketeer\n", "accept.txt", true)
            .unwrap();
        lists
            .add_vale("utilise\nleverag(e|ing)\n", "reject.txt", false)
            .unwrap();
        assert_eq!(lists.accept, ["Gadgetron"]);
        assert!(lists.accept_patterns.iter().any(|p| p.is_match("widgetly")));
        assert!(!lists.accept_patterns.iter().any(|p| p.is_match("widgetlyx")));
        assert_eq!(lists.reject, [("utilise".to_owned(), "reject.txt".to_owned())]);
        assert!(lists.reject_patterns.iter().any(|(p, _)| p.is_match("leveraging")));
        let err = lists.add_vale("ok\n[unclosed\n", "accept.txt", true).unwrap_err();
        assert_eq!(err.file, "accept.txt:2");
    }

    #[test]
    fn cspell_lists_and_comments() {
        let mut lists = WordLists::default();
        lists.add_cspell_words("# team words\nGadgetron\n!utilise\n+widgetly*\n", "words.txt");
        assert_eq!(lists.accept, ["Gadgetron", "widgetly"]);
        assert_eq!(lists.reject, [("utilise".to_owned(), "words.txt".to_owned())]);
        assert_eq!(
            strip_json_comments("{\"a\": \"http://x\" // c\n/* b */}"),
            "{\"a\": \"http://x\" \n}"
        );
    }
}
