//! `rolelint parse`: print the parsed model of pages (JSON for tools, an outline for people).

use super::ExitStatus;
use super::args::{ParseArgs, ParseFormat};
use rolelint::model::Page;
use rolelint::read::{self, SourceFile};
use rolelint::span::LineIndex;
use std::io::{Read, Write};

/// Runs `rolelint parse`.
pub fn run(args: ParseArgs) -> ExitStatus {
    let (paths, mut errors) = read::collect(&args.paths);
    let mut sources = Vec::new();
    for path in &paths {
        match read::load(path) {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    if let Some(name) = &args.stdin_filename {
        let mut text = String::new();
        match std::io::stdin().read_to_string(&mut text) {
            Ok(_) => {
                let (text, bom) = match text.strip_prefix('\u{feff}') {
                    Some(rest) => (rest, true),
                    None => (text.as_str(), false),
                };
                sources.push(SourceFile::from_text(name.display().to_string(), text, bom));
            }
            Err(e) => eprintln!("error: <stdin>: {e}"),
        }
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    let pages: Vec<Page> = sources.iter().map(rolelint::parse::parse).collect();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ParseFormat::Json => {
            let json = match pages.as_slice() {
                [one] if args.paths.len() + usize::from(args.stdin_filename.is_some()) <= 1 => {
                    serde_json::to_string_pretty(one)
                }
                many => serde_json::to_string_pretty(many),
            };
            match json {
                Ok(s) => writeln!(out, "{s}"),
                Err(e) => {
                    eprintln!("error: cannot serialise the model: {e}");
                    return ExitStatus::Error;
                }
            }
        }
        ParseFormat::Pretty => pages.iter().try_for_each(|p| write!(out, "{}", outline(p))),
    };
    if written.is_err() || !errors.is_empty() {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    }
}

/// A short outline of one page: title, levels with grade and reporting line, problems.
fn outline(page: &Page) -> String {
    let index = LineIndex::new(&page.source);
    let line = |offset: u32| index.position(&page.source, offset as usize);
    let mut s = format!("{}\n", page.path);
    if let Some(t) = &page.front_matter.title {
        s.push_str(&format!("  title: {}\n", t.value));
    }
    s.push_str(&format!("  levels: {}\n", page.levels.len()));
    for level in &page.levels {
        let p = line(level.span.start);
        let name = level.name.map_or("-", |n| n.as_str());
        let grade = level.grade().map_or("-".to_string(), |g| g.to_string());
        let reports = level.reports_to().unwrap_or("-");
        s.push_str(&format!(
            "    {}:{} {} [{}] grade {} · reports to {}\n",
            p.line, p.column, level.title, name, grade, reports
        ));
    }
    for problem in &page.problems {
        let p = line(problem.span.start);
        s.push_str(&format!(
            "  {}:{} {}: {}\n",
            p.line, p.column, problem.code, problem.message
        ));
    }
    s
}
