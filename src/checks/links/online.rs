//! `--online`: the external `http(s)` links of every page, each distinct URL asked once (HEAD or
//! GET only) by a small pool of threads, passing answers cached on disk, findings at every link.

use super::broken_link::{BrokenLink, counter};
use super::cache::{self, Cache};
use super::fetch::{self, Answer, FetchConfig, MAX_REDIRECTS};
use super::target::Target;
use crate::checks::Cx;
use crate::model::Handbook;
use crate::policy::{Policy, Selection};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// Requests in flight at once: enough to hide latency, few enough not to hammer one site.
const WORKERS: usize = 8;
/// Budget of one request unless `timeout-seconds` says otherwise.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a passing answer is reused unless `cache-max-age-hours` says otherwise.
pub(crate) const DEFAULT_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// Wait before the first retry of a transient failure.
const BACKOFF: Duration = Duration::from_millis(250);

/// What a URL's answer means for its links.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verdict {
    /// It answered with this success or redirect status.
    Passed(u16),
    /// It is broken; the text says how (`answered 404 Not Found`).
    Broken(String),
    /// It refused or delayed the check (401, 403, 429, a timeout): not reported unless strict.
    Unverified(String),
}

/// True when `broken-link` runs on at least one page (of `policies`, in page order): otherwise
/// `--online` would fetch links only to drop the findings.
pub fn wanted(handbook: &Handbook, policies: &[Arc<Policy>], selection: &Selection) -> bool {
    let m = &BrokenLink::META;
    handbook.pages.iter().zip(policies).any(|(page, policy)| {
        let file = crate::read::absolute_unresolved(Path::new(&*page.path));
        policy
            .effective_severity(m.id, m.family, m.default_severity, &file, selection)
            .is_some()
    })
}

/// Fetches the external links of `handbook` and reports the broken ones through `cx`.
pub(crate) fn check_external(handbook: &Handbook, cx: &mut Cx<'_>) {
    let options = &cx.policy.links;
    let strict = options.strict;
    let config = FetchConfig {
        timeout: options.timeout.unwrap_or(DEFAULT_TIMEOUT),
        backoff: BACKOFF,
    };
    let dir = options
        .cache_dir
        .clone()
        .unwrap_or_else(|| Path::new(cache::DEFAULT_DIR).to_path_buf());
    let links = external_links(handbook);
    if links.is_empty() {
        return;
    }
    let mut cache = Cache::load(&dir, options.cache_max_age.unwrap_or(DEFAULT_MAX_AGE));
    let mut verdicts: BTreeMap<&str, Verdict> = BTreeMap::new();
    let mut ask = Vec::new();
    for url in links.keys() {
        match cache.get(url) {
            Some(entry) => {
                cx.count(counter::EXTERNAL_CACHED);
                verdicts.insert(url, Verdict::Passed(entry.status));
            }
            None => ask.push(url.as_str()),
        }
    }
    for (url, answer) in ask.iter().zip(ask_all(&ask, config)) {
        let verdict = verdict(&answer, config.timeout);
        cache.record(
            url,
            if let Verdict::Passed(s) = verdict {
                Some(s)
            } else {
                None
            },
        );
        verdicts.insert(url, verdict);
    }
    // A cache that cannot be written only costs the next run some requests.
    let _ = cache.save();

    for (url, at) in &links {
        let Some(verdict) = verdicts.get(url.as_str()) else {
            continue;
        };
        let (message, help) = match verdict {
            Verdict::Passed(_) => {
                cx.count(counter::EXTERNAL_CHECKED);
                continue;
            }
            Verdict::Broken(how) => {
                cx.count(counter::EXTERNAL_CHECKED);
                (format!("`{url}` {how}"), None)
            }
            Verdict::Unverified(why) => {
                cx.count(counter::EXTERNAL_UNVERIFIED);
                if !strict {
                    continue;
                }
                let help = "the site refused or delayed an automated check; open the link in a browser";
                (format!("`{url}` could not be verified: {why}"), Some(help.to_owned()))
            }
        };
        for &(pi, li) in at {
            let Some((page, link)) = handbook.pages.get(pi).and_then(|p| Some((p, p.links.get(li)?))) else {
                continue;
            };
            let d = cx.report(&BrokenLink::META, &page.path, link.span, message.clone());
            d.help.clone_from(&help);
            d.key = format!("url={url}");
        }
    }
}

/// Every distinct external URL (fragment removed), sorted, with the (page, link) indices that
/// name it.
fn external_links(handbook: &Handbook) -> BTreeMap<String, Vec<(usize, usize)>> {
    let mut links: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (pi, page) in handbook.pages.iter().enumerate() {
        for (li, link) in page.links.iter().enumerate() {
            if Target::classify(&link.target) == Target::External {
                links.entry(url_of(&link.target)).or_default().push((pi, li));
            }
        }
    }
    links
}

/// The URL to fetch for an external target: without its fragment (never sent to a server), and
/// with `https:` before a scheme-relative `//host/…`.
fn url_of(target: &str) -> String {
    let t = target.trim();
    let t = t.split_once('#').map_or(t, |(url, _)| url);
    if t.starts_with("//") {
        format!("https:{t}")
    } else {
        t.to_owned()
    }
}

/// Asks every URL with at most [`WORKERS`] threads; answers in the order of `urls`.
fn ask_all(urls: &[&str], config: FetchConfig) -> Vec<Answer> {
    let agent = fetch::agent(config);
    let next = AtomicUsize::new(0);
    let mut answers: Vec<Option<Answer>> = vec![None; urls.len()];
    thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS.min(urls.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break };
                        out.push((i, fetch::check(&agent, config, url)));
                    }
                    out
                })
            })
            .collect();
        for worker in workers {
            for (i, answer) in worker.join().unwrap_or_default() {
                if let Some(slot) = answers.get_mut(i) {
                    *slot = Some(answer);
                }
            }
        }
    });
    answers
        .into_iter()
        .map(|a| a.unwrap_or_else(|| Answer::Failed("the check stopped unexpectedly".to_owned())))
        .collect()
}

/// What `answer` means. 401, 403 and 429 say the site refuses robots, not that the page is gone;
/// a timeout says it is slow. Both are "could not be verified".
fn verdict(answer: &Answer, timeout: Duration) -> Verdict {
    let answered = |s: u16| format!("answered {}", fetch::status_text(s));
    match answer {
        Answer::Status(s) if *s < 400 => Verdict::Passed(*s),
        Answer::Status(s @ (401 | 403 | 429)) => Verdict::Unverified(answered(*s)),
        Answer::Status(s) => Verdict::Broken(answered(*s)),
        Answer::Timeout => Verdict::Unverified(format!("no answer within {} s", timeout.as_secs_f64())),
        Answer::HostNotFound => Verdict::Broken("could not be reached: host not found".to_owned()),
        Answer::TooManyRedirects => Verdict::Broken(format!("redirects more than {MAX_REDIRECTS} times")),
        Answer::BadUrl(why) => Verdict::Broken(format!("is not a valid URL: {why}")),
        Answer::Failed(why) => Verdict::Broken(format!("could not be reached: {why}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_fragment_and_gain_a_scheme() {
        assert_eq!(url_of(" https://a.test/x#part "), "https://a.test/x");
        assert_eq!(url_of("//cdn.a.test/x"), "https://cdn.a.test/x");
        assert_eq!(url_of("http://a.test/?q=1"), "http://a.test/?q=1");
    }

    #[test]
    fn verdicts() {
        let t = Duration::from_millis(1500);
        assert_eq!(verdict(&Answer::Status(301), t), Verdict::Passed(301));
        assert_eq!(
            verdict(&Answer::Status(404), t),
            Verdict::Broken("answered 404 Not Found".into())
        );
        assert_eq!(
            verdict(&Answer::Status(403), t),
            Verdict::Unverified("answered 403 Forbidden".into())
        );
        assert_eq!(
            verdict(&Answer::Timeout, t),
            Verdict::Unverified("no answer within 1.5 s".into())
        );
        assert_eq!(
            verdict(&Answer::HostNotFound, t),
            Verdict::Broken("could not be reached: host not found".into())
        );
    }
}
