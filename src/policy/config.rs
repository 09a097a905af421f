//! `rolelint.toml`: read, validated against `grammar/config.schema.json`, its `extend` chain
//! followed (cycles are an error), and applied on top of the default policy.

use super::document::{self, Document};
use super::schema::{self, Kind, did_you_mean};
use super::select::Override;
use super::spec::ConfigFile;
use super::word_lists::WordLists;
use super::{Error, Policy, typed};
use crate::checks::{Family, registry};
use foldhash::HashSet;
use foldhash::HashSetExt;
use globset::{Glob, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The policy of the configuration file at `path`: the default policy, then every file of its
/// `extend` chain from the root-most, then the file itself.
pub fn load_config(path: &Path) -> Result<Policy, Error> {
    let chain = collect(path)?;
    let mut policy = Policy::builtin()?;
    for (doc, spec, dir) in chain.into_iter().rev() {
        policy.apply_config(&doc, spec, &dir)?;
    }
    Ok(policy)
}

type Link = (Document, ConfigFile, PathBuf);

/// Reads `path` and what it extends, leaf first. A loop with a set of the files seen, not a
/// recursion with a list: a chain of thousands of files neither overflows the stack nor is
/// compared file by file.
fn collect(path: &Path) -> Result<Vec<Link>, Error> {
    let mut out: Vec<Link> = Vec::new();
    let mut visiting: Vec<PathBuf> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut next = Some(path.to_path_buf());
    while let Some(path) = next.take() {
        let link = read_link(&path, out.last().map(|(doc, _, _)| doc), &visiting, &mut seen)?;
        visiting.push(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()));
        next = link.1.extend.as_ref().map(|extend| link.2.join(extend));
        out.push(link);
    }
    Ok(out)
}

/// Reads one file of an `extend` chain. `parent` is the file whose `extend` names `path`, so that
/// errors point at that key; `visiting` is the chain so far (`seen` holds the same files).
fn read_link(
    path: &Path,
    parent: Option<&Document>,
    visiting: &[PathBuf],
    seen: &mut HashSet<PathBuf>,
) -> Result<Link, Error> {
    let shown = display(path);
    let fail = |message: String| match parent {
        Some(doc) => doc.error_at("/extend", message),
        None => Error::file(&shown, message),
    };
    let text = crate::read::bounded::read_text(path, crate::read::bounded::CONFIG_LIMIT)
        .map_err(|e| fail(format!("cannot read {shown}: {e}")))?;
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen.insert(canonical.clone()) {
        let mut names: Vec<String> = visiting.iter().map(|p| display(p)).collect();
        names.push(display(&canonical));
        return Err(fail(format!("`extend` makes a cycle: {}", names.join(" → "))));
    }
    let doc = Document::toml(&shown, &text)?;
    schema::validate(&doc, Kind::Config)?;
    let spec: ConfigFile = typed(&doc)?;
    let dir = canonical.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok((doc, spec, dir))
}

/// A path as people read it: relative to the working directory when it is under it.
fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok().and_then(|d| std::fs::canonicalize(d).ok());
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

impl Policy {
    /// Applies one configuration file whose directory is `dir`.
    fn apply_config(&mut self, doc: &Document, spec: ConfigFile, dir: &Path) -> Result<(), Error> {
        let mut known: Vec<String> = registry::CHECKS.iter().map(|c| c.meta().id.to_owned()).collect();
        known.extend(self.rules.iter().map(|r| r.id.clone()));
        // Ids the default policy configures are known even before their check is registered.
        known.extend(self.options.keys().cloned());
        known.extend(self.severities.keys().cloned());
        known.extend(spec.rules.iter().map(|r| r.id.clone()));
        known.extend(Family::ALL.iter().map(|f| f.as_str().to_owned()));
        known.push("all".to_owned());
        let check = |pointer: &str, id: &str, at_key: bool| -> Result<(), Error> {
            if known.iter().any(|k| k == id) {
                return Ok(());
            }
            let message = format!("unknown rule or family `{id}`");
            let err = if at_key {
                doc.error_at_key(pointer, message)
            } else {
                doc.error_at(pointer, message)
            };
            Err(match did_you_mean(id, &known) {
                Some(s) => err.with_help(format!("did you mean `{s}`? `rolelint rules` lists every rule")),
                None => err.with_help("`rolelint rules` lists every rule"),
            })
        };
        for (i, id) in spec.select.iter().flatten().enumerate() {
            check(&format!("/select/{i}"), id, false)?;
        }
        for (i, id) in spec.ignore.iter().enumerate() {
            check(&format!("/ignore/{i}"), id, false)?;
        }
        for id in spec.severity.keys() {
            check(&format!("/severity/{}", document::escape(id)), id, true)?;
        }
        for id in spec.options.keys() {
            check(&format!("/options/{}", document::escape(id)), id, true)?;
        }
        let mut overrides = Vec::new();
        for (i, o) in spec.overrides.into_iter().enumerate() {
            let at = format!("/overrides/{i}");
            for (j, id) in o.select.iter().enumerate() {
                check(&format!("{at}/select/{j}"), id, false)?;
            }
            for (j, id) in o.ignore.iter().enumerate() {
                check(&format!("{at}/ignore/{j}"), id, false)?;
            }
            for id in o.severity.keys() {
                check(&format!("{at}/severity/{}", document::escape(id)), id, true)?;
            }
            let mut builder = GlobSetBuilder::new();
            for (j, g) in o.files.iter().enumerate() {
                let glob = Glob::new(g)
                    .map_err(|e| doc.error_at(&format!("{at}/files/{j}"), format!("not a valid glob: {}", e.kind())))?;
                builder.add(glob);
            }
            let files = builder
                .build()
                .map_err(|e| doc.error_at(&format!("{at}/files"), e.to_string()))?;
            overrides.push(Override {
                base: dir.to_path_buf(),
                files,
                select: o.select,
                ignore: o.ignore,
                severities: o.severity.into_iter().map(|(k, v)| (k, v.severity())).collect(),
            });
        }
        for (id, level) in spec.severity {
            self.severities.insert(id, level.severity());
        }
        self.merge_options(spec.options);
        self.apply_check_options(doc, dir)?;
        self.add_rules(doc, "/rules", spec.rules)?;
        self.vocabulary.add_words(spec.vocabulary.accept.iter().cloned());
        self.add_word_lists(doc, dir, &spec.vocabulary.vale, &spec.vocabulary.cspell)?;
        self.accept_words.extend(spec.vocabulary.accept);
        if let Some(ladder) = spec.ladder {
            if ladder.replace {
                self.ladder.ladders.clear();
            }
            self.ladder.extend(doc, "/ladder/ladders", ladder.ladders)?;
            if let Some(file) = &ladder.csv {
                let path = dir.join(file);
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    doc.error_at(
                        "/ladder/csv",
                        format!("cannot read the ladder sheet {}: {e}", display(&path)),
                    )
                })?;
                super::ladder_csv::load(&mut self.ladder, &display(&path), &text)?;
            }
        }
        if spec.select.is_some() {
            self.select = spec.select;
        }
        self.ignore.extend(spec.ignore);
        self.overrides.extend(overrides);
        self.config_files.push(doc.file.clone());
        Ok(())
    }
}

impl Policy {
    /// Reads the Vale vocabularies and cspell lists the configuration at `dir` names.
    fn add_word_lists(&mut self, doc: &Document, dir: &Path, vale: &[String], cspell: &[String]) -> Result<(), Error> {
        let mut lists = WordLists::default();
        for (key, names) in [("vale", vale), ("cspell", cspell)] {
            for (i, name) in names.iter().enumerate() {
                let path = dir.join(name);
                let read = if key == "vale" {
                    lists.read_vale(&path)
                } else {
                    lists.read_cspell(&path)
                };
                read.map_err(|e| {
                    let file = display(Path::new(&e.file));
                    doc.error_at(&format!("/vocabulary/{key}/{i}"), format!("{file} {}", e.message))
                })?;
            }
        }
        self.vocabulary.add_lists(lists);
        Ok(())
    }

    /// Fills the typed options of the built-in checks from `[options.<id>]` of the configuration at `dir`.
    fn apply_check_options(&mut self, doc: &Document, dir: &Path) -> Result<(), Error> {
        if let Some(file) = self.option_str("broken-link", "redirects").map(str::to_owned) {
            let path = dir.join(&file);
            let pointer = "/options/broken-link/redirects";
            let text = crate::read::bounded::read_text(&path, crate::read::bounded::REDIRECTS_LIMIT).map_err(|e| {
                doc.error_at(
                    pointer,
                    format!("cannot read the redirects file {}: {e}", display(&path)),
                )
            })?;
            // The parser's error quotes the offending line: for a file that is not a redirects
            // file at all (a secret a config points at), that line must not reach a CI log.
            let redirects = crate::checks::links::Redirects::parse(&text).map_err(|e| {
                let shown = e.to_string();
                let first = shown.lines().next().unwrap_or_default().to_owned();
                doc.error_at(pointer, format!("{} is not a redirects file: {first}", display(&path)))
            })?;
            self.links.redirects = Some(std::sync::Arc::new(redirects));
        }
        // The schema bounds both numbers, so the conversions only fail on values it already refused.
        let number = |key: &str| self.options("broken-link").get(key).and_then(serde_json::Value::as_f64);
        let (timeout, max_age) = (number("timeout-seconds"), number("cache-max-age-hours"));
        if let Some(seconds) = timeout {
            self.links.timeout = Duration::try_from_secs_f64(seconds).ok().filter(|d| !d.is_zero());
        }
        if let Some(hours) = max_age {
            self.links.cache_max_age = Duration::try_from_secs_f64(hours * 3600.0).ok();
        }
        if let Some(urls) = self.options("broken-link").get("site-urls").and_then(|v| v.as_array()) {
            let pointer = "/options/broken-link/site-urls";
            let mut parsed = Vec::new();
            for url in urls.iter().filter_map(serde_json::Value::as_str) {
                let site = crate::checks::links::SiteUrl::parse(url)
                    .ok_or_else(|| doc.error_at(pointer, format!("`{url}` names no host")))?;
                parsed.push(site);
            }
            self.links.site_urls = parsed;
        }
        if let Some(globs) = self
            .options("divergent-table")
            .get("canonical")
            .and_then(|v| v.as_array())
        {
            self.canonical_tables = globs.iter().filter_map(|g| g.as_str().map(str::to_owned)).collect();
        }
        Ok(())
    }
}
