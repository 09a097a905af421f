//! Rule metadata for reports: what SARIF's rule table and the docs links say about a rule id.

use crate::checks::registry;
use crate::diagnostic::Severity;
use std::borrow::Cow;

/// What a report says about one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// The rule id.
    pub id: String,
    /// One line: what it flags.
    pub summary: Cow<'static, str>,
    /// The full explanation in Markdown.
    pub explain: Cow<'static, str>,
    /// Its severity unless configured otherwise (`None` when not known).
    pub default_severity: Option<Severity>,
}

impl RuleDoc {
    /// The generic entry for a rule no catalog knows (declarative rules, parse problems).
    pub fn generic(id: &str) -> Self {
        RuleDoc {
            id: id.to_owned(),
            summary: Cow::Owned(format!("rolelint rule `{id}`")),
            explain: Cow::Owned(format!(
                "`{id}` is reported by rolelint; it is declared in a policy file or by rolelint itself. \
                 Run `rolelint rule {id}` for details."
            )),
            default_severity: None,
        }
    }
}

/// Looks up rule metadata by id.
pub trait RuleCatalog: Send + Sync {
    /// The metadata of rule `id`, when this catalog knows it.
    fn lookup(&self, id: &str) -> Option<RuleDoc>;

    /// The metadata of rule `id`, or a generic entry.
    fn describe(&self, id: &str) -> RuleDoc {
        self.lookup(id).unwrap_or_else(|| RuleDoc::generic(id))
    }
}

/// The built-in checks of [`registry::CHECKS`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BuiltinRules;

impl RuleCatalog for BuiltinRules {
    fn lookup(&self, id: &str) -> Option<RuleDoc> {
        let meta = registry::find(id)?.meta();
        Some(RuleDoc {
            id: meta.id.to_owned(),
            summary: Cow::Borrowed(meta.summary),
            explain: Cow::Owned(meta.explanation()),
            default_severity: Some(meta.default_severity),
        })
    }
}

impl<F> RuleCatalog for F
where
    F: Fn(&str) -> Option<RuleDoc> + Send + Sync,
{
    fn lookup(&self, id: &str) -> Option<RuleDoc> {
        self(id)
    }
}
