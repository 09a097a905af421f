//! One external URL → one [`Answer`]: HEAD first, GET when HEAD is refused, transient failures
//! retried with backoff. Only ever HEAD or GET: the online check must never change anything.

use std::thread;
use std::time::Duration;

/// HEAD answers after which the same URL is asked again with GET: servers that refuse the method
/// (405, 501) or that answer HEAD from bots differently than GET (400, 403).
const HEAD_REFUSED: [u16; 4] = [400, 403, 405, 501];
/// Retries after the first attempt, for transient failures only.
const RETRIES: u32 = 2;
/// Redirects followed before giving up on a URL.
pub(crate) const MAX_REDIRECTS: u32 = 5;

/// How the fetcher behaves.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FetchConfig {
    /// Budget of one request, connection and redirects included.
    pub timeout: Duration,
    /// Wait before the first retry; doubled before each further one.
    pub backoff: Duration,
}

/// What a URL answered, after retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The final HTTP status (redirects already followed).
    Status(u16),
    /// The host name does not resolve.
    HostNotFound,
    /// No answer within the timeout.
    Timeout,
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects,
    /// The URL cannot be requested as written.
    BadUrl(String),
    /// The connection or the exchange failed (refused, reset, TLS, protocol).
    Failed(String),
}

impl Answer {
    /// True when asking again may give another answer.
    fn is_transient(&self) -> bool {
        match self {
            Answer::Status(s) => *s == 408 || *s == 429 || (500..=599).contains(s),
            Answer::Timeout | Answer::Failed(_) => true,
            Answer::HostNotFound | Answer::TooManyRedirects | Answer::BadUrl(_) => false,
        }
    }
}

/// An HTTP agent set up for link checking: no status as error, capped redirects, timeouts.
pub(crate) fn agent(config: FetchConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .timeout_global(Some(config.timeout))
        .timeout_connect(Some(config.timeout))
        .user_agent(concat!("rolelint/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into()
}

/// The answer of `url`: HEAD, then GET when HEAD was refused; each with retries.
pub(crate) fn check(agent: &ureq::Agent, config: FetchConfig, url: &str) -> Answer {
    let head = with_retries(config, || request(agent, Method::Head, url));
    match head {
        Answer::Status(s) if HEAD_REFUSED.contains(&s) => with_retries(config, || request(agent, Method::Get, url)),
        other => other,
    }
}

/// The two methods the check may use.
#[derive(Clone, Copy)]
enum Method {
    Head,
    Get,
}

fn with_retries(config: FetchConfig, mut attempt: impl FnMut() -> Answer) -> Answer {
    let mut answer = attempt();
    let mut wait = config.backoff;
    for _ in 0..RETRIES {
        if !answer.is_transient() {
            break;
        }
        thread::sleep(wait);
        wait = wait.saturating_mul(2);
        answer = attempt();
    }
    answer
}

fn request(agent: &ureq::Agent, method: Method, url: &str) -> Answer {
    let result = match method {
        Method::Head => agent.head(url).call(),
        // The body is never read: dropping the response closes the connection.
        Method::Get => agent.get(url).call(),
    };
    match result {
        Ok(response) => Answer::Status(response.status().as_u16()),
        Err(e) => from_error(e),
    }
}

fn from_error(e: ureq::Error) -> Answer {
    match e {
        ureq::Error::StatusCode(s) => Answer::Status(s),
        ureq::Error::HostNotFound => Answer::HostNotFound,
        ureq::Error::Timeout(_) => Answer::Timeout,
        ureq::Error::TooManyRedirects => Answer::TooManyRedirects,
        ureq::Error::BadUri(why) => Answer::BadUrl(why),
        ureq::Error::Http(e) => Answer::BadUrl(e.to_string()),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Answer::Timeout,
        // The kind, not the OS message: `connection refused` reads the same on every platform.
        ureq::Error::Io(e) => Answer::Failed(e.kind().to_string()),
        other => Answer::Failed(other.to_string()),
    }
}

/// `404 Not Found`: the status with its standard reason, when it has one.
pub(crate) fn status_text(status: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_answers() {
        assert!(Answer::Status(503).is_transient());
        assert!(Answer::Status(429).is_transient());
        assert!(Answer::Timeout.is_transient());
        assert!(!Answer::Status(404).is_transient());
        assert!(!Answer::HostNotFound.is_transient());
    }

    #[test]
    fn retries_transient_answers_twice_at_most() {
        let config = FetchConfig {
            timeout: Duration::from_secs(1),
            backoff: Duration::ZERO,
        };
        let mut calls = 0;
        let answer = with_retries(config, || {
            calls += 1;
            Answer::Status(503)
        });
        assert_eq!((answer, calls), (Answer::Status(503), 3));
        let mut calls = 0;
        let answer = with_retries(config, || {
            calls += 1;
            Answer::Status(404)
        });
        assert_eq!((answer, calls), (Answer::Status(404), 1));
    }

    #[test]
    fn status_texts() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "599");
    }
}
