//! `--format X`, `--format X=FILE` and `--output-file`: which report goes where.

use super::Format;
use std::path::{Path, PathBuf};

/// Where one report is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file (created or truncated).
    File(PathBuf),
}

/// One report to write: a format and its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The format.
    pub format: Format,
    /// Where it goes.
    pub destination: Destination,
}

/// A `--format` / `--output-file` combination that cannot work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    /// An unknown format name.
    #[error("unknown format `{0}`; expected one of: {list}", list = format_list())]
    UnknownFormat(String),
    /// `X=` without a file name.
    #[error("`--format {0}=` needs a file name after `=`")]
    EmptyFile(String),
    /// Two formats without `=FILE` would both write to the same place.
    #[error("only one --format may go to {0}; give the others a file with FORMAT=FILE")]
    TwoUnnamed(String),
    /// Two reports to the same file.
    #[error("two reports would be written to {0}")]
    SameFile(String),
}

fn format_list() -> String {
    Format::ALL.map(Format::name).join(", ")
}

/// Plans the reports of one run. `X` alone goes to `output_file` (or stdout); `X=FILE` to FILE.
/// With no `--format` at all, `human` goes to `output_file` (or stdout).
pub fn parse_outputs(formats: &[String], output_file: Option<&Path>) -> Result<Vec<Output>, UsageError> {
    let unnamed = || match output_file {
        Some(file) => Destination::File(file.to_path_buf()),
        None => Destination::Stdout,
    };
    let mut outputs: Vec<Output> = Vec::new();
    let mut named: Vec<bool> = Vec::new();
    for spec in formats {
        let (name, destination, is_named) = match spec.split_once('=') {
            Some((name, file)) if file.trim().is_empty() => return Err(UsageError::EmptyFile(name.to_owned())),
            Some((name, file)) => (name, Destination::File(PathBuf::from(file)), true),
            None => (spec.as_str(), unnamed(), false),
        };
        let name = name.trim().to_ascii_lowercase();
        let format = Format::from_name(&name).ok_or(UsageError::UnknownFormat(name))?;
        if let Some(i) = outputs.iter().position(|o| o.destination == destination) {
            let both_unnamed = !is_named && !named.get(i).copied().unwrap_or(false);
            return Err(match destination {
                Destination::Stdout => UsageError::TwoUnnamed("stdout".to_owned()),
                Destination::File(path) if both_unnamed => UsageError::TwoUnnamed(path.display().to_string()),
                Destination::File(path) => UsageError::SameFile(path.display().to_string()),
            });
        }
        outputs.push(Output { format, destination });
        named.push(is_named);
    }
    if outputs.is_empty() {
        outputs.push(Output {
            format: Format::Human,
            destination: unnamed(),
        });
    }
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(formats: &[&str], out: Option<&str>) -> Result<Vec<Output>, UsageError> {
        let formats: Vec<String> = formats.iter().map(|s| s.to_string()).collect();
        parse_outputs(&formats, out.map(Path::new))
    }

    #[test]
    fn default_is_human_on_stdout() {
        assert_eq!(
            plan(&[], None).unwrap(),
            vec![Output {
                format: Format::Human,
                destination: Destination::Stdout
            }]
        );
    }

    #[test]
    fn named_files_and_one_unnamed() {
        let outputs = plan(&["human", "gitlab=gl.json", "junit=j.xml"], None).unwrap();
        assert_eq!(outputs.len(), 3);
        assert_eq!(outputs[1].destination, Destination::File("gl.json".into()));
        let outputs = plan(&["json"], Some("r.json")).unwrap();
        assert_eq!(outputs[0].destination, Destination::File("r.json".into()));
    }

    #[test]
    fn usage_errors() {
        assert_eq!(
            plan(&["xml"], None).unwrap_err(),
            UsageError::UnknownFormat("xml".into())
        );
        assert!(
            plan(&["xml"], None)
                .unwrap_err()
                .to_string()
                .contains("human, concise, json")
        );
        assert_eq!(
            plan(&["json="], None).unwrap_err(),
            UsageError::EmptyFile("json".into())
        );
        assert_eq!(
            plan(&["human", "json"], None).unwrap_err(),
            UsageError::TwoUnnamed("stdout".into())
        );
        assert_eq!(
            plan(&["json=a", "sarif=a"], None).unwrap_err(),
            UsageError::SameFile("a".into())
        );
    }
}
