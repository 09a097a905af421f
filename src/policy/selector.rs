//! Selectors of declarative rules: a small JSONPath-like path into the serialized page model,
//! e.g. `front_matter`, `levels[*]`, `levels[*].sections[*]`, `tables[0]`; `$` is the page itself.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::digit1;
use nom::combinator::{all_consuming, map, map_res, opt, recognize, value};
use nom::multi::separated_list1;
use nom::sequence::{delimited, pair};
use nom::{IResult, Parser};

/// A parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    /// The steps from the page root.
    pub steps: Vec<Step>,
}

/// One `.field[index]` step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The object field.
    pub field: String,
    /// What to take from the field's value.
    pub index: Index,
}

/// The bracket part of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Index {
    /// No brackets: the value itself.
    Whole,
    /// `[*]`: every element.
    All,
    /// `[n]`: one element.
    At(usize),
}

fn ident(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(|c: char| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
    ))
    .parse(i)
}

fn index(i: &str) -> IResult<&str, Index> {
    delimited(
        tag("["),
        alt((
            value(Index::All, tag("*")),
            map_res(digit1, |d: &str| d.parse().map(Index::At)),
        )),
        tag("]"),
    )
    .parse(i)
}

fn step(i: &str) -> IResult<&str, Step> {
    map(pair(ident, opt(index)), |(field, index)| Step {
        field: field.to_owned(),
        index: index.unwrap_or(Index::Whole),
    })
    .parse(i)
}

impl Selector {
    /// Parses `text`; `None` when it is not a selector.
    pub fn parse(text: &str) -> Option<Selector> {
        let text = text.trim();
        if text == "$" {
            return Some(Selector { steps: Vec::new() });
        }
        let (_, steps) = all_consuming(separated_list1(tag("."), step)).parse(text).ok()?;
        Some(Selector { steps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_with_indices() {
        let s = Selector::parse("levels[*].sections[2]").unwrap();
        assert_eq!(
            s.steps,
            vec![
                Step {
                    field: "levels".into(),
                    index: Index::All
                },
                Step {
                    field: "sections".into(),
                    index: Index::At(2)
                }
            ]
        );
        assert_eq!(Selector::parse("front_matter").unwrap().steps[0].index, Index::Whole);
        assert_eq!(Selector::parse("$").unwrap().steps, vec![]);
    }

    #[test]
    fn rejects_junk() {
        for bad in ["", "levels[", "levels[x]", ".levels", "levels..x", "1abc"] {
            assert_eq!(Selector::parse(bad), None, "{bad}");
        }
    }
}
