//! `rolelint rules` and `rolelint rule ID`: the rule table and each rule's explanation.
//! Declarative rules come from the policy in force in the working directory.

use super::ExitStatus;
use super::args::{ListFormat, RuleArgs, RulesArgs};
use rolelint::checks::registry::{RuleInfo, catalog};
use rolelint::policy::{Resolver, schema::did_you_mean};

/// Every rule under the working directory's policy, or the exit status after printing why not.
fn rules() -> Result<Vec<RuleInfo>, ExitStatus> {
    let mut resolver = Resolver::new(None);
    match resolver.policy_for_cwd() {
        Some(policy) => Ok(catalog(&policy)),
        None => {
            for e in resolver.into_errors() {
                eprintln!("{:?}", miette::Report::new(e));
            }
            Err(ExitStatus::Error)
        }
    }
}

fn json(value: &impl serde::Serialize) -> ExitStatus {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            super::print_out(&text);
            ExitStatus::Success
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitStatus::Error
        }
    }
}

/// Runs `rolelint rules`.
pub fn list(args: RulesArgs) -> ExitStatus {
    let all = match rules() {
        Ok(all) => all,
        Err(status) => return status,
    };
    if let ListFormat::Json = args.format {
        return json(&all);
    }
    let width = |f: fn(&RuleInfo) -> usize, title: &str| all.iter().map(f).max().unwrap_or(0).max(title.len());
    let id_w = width(|r| r.id.len(), "ID");
    let fam_w = width(|r| r.family.as_str().len(), "FAMILY");
    let sev_w = width(|r| r.severity.as_str().len(), "SEVERITY");
    super::print_out(&format!(
        "{:id_w$}  {:fam_w$}  {:sev_w$}  FIX  SUMMARY",
        "ID", "FAMILY", "SEVERITY"
    ));
    for r in &all {
        let fix = if r.fixable { "yes" } else { "" };
        super::print_out(&format!(
            "{:id_w$}  {:fam_w$}  {:sev_w$}  {fix:3}  {}",
            r.id,
            r.family.as_str(),
            r.severity.as_str(),
            r.summary
        ));
    }
    ExitStatus::Success
}

fn explanation(r: &RuleInfo) -> String {
    let mut text = format!(
        "# {}\n\n{} · {} · {}\n",
        r.id,
        r.family.as_str(),
        r.severity.as_str(),
        if r.fixable { "fixable" } else { "not fixable" }
    );
    if let Some(source) = &r.source {
        text.push_str(&format!("Declared in {source}\n"));
    }
    text.push('\n');
    text.push_str(r.explanation.trim_end());
    text
}

/// Runs `rolelint rule`.
pub fn explain(args: RuleArgs) -> ExitStatus {
    let all = match rules() {
        Ok(all) => all,
        Err(status) => return status,
    };
    let chosen: Vec<&RuleInfo> = match (&args.id, args.all) {
        (_, true) => all.iter().collect(),
        (Some(id), false) => match all.iter().find(|r| &r.id == id) {
            Some(r) => vec![r],
            None => {
                let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
                eprintln!("error: unknown rule `{id}`");
                if let Some(s) = did_you_mean(id, &ids) {
                    eprintln!("  help: did you mean `{s}`?");
                }
                eprintln!("  `rolelint rules` lists every rule");
                return ExitStatus::Error;
            }
        },
        (None, false) => return ExitStatus::Error,
    };
    match args.format {
        ListFormat::Json if args.all => json(&chosen),
        ListFormat::Json => json(&chosen.first()),
        ListFormat::Table => {
            let texts: Vec<String> = chosen.iter().map(|r| explanation(r)).collect();
            super::print_out(&texts.join("\n\n"));
            ExitStatus::Success
        }
    }
}
