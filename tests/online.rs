//! `--online`: external links checked against a local HTTP server on 127.0.0.1, through the
//! library and the binary. Nothing here contacts any other address.

use assert_cmd::Command;
use rolelint::span::LineIndex;
use rolelint::{Run, Settings, lint};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A tiny HTTP/1.1 server: one thread accepts, one thread per connection answers, every request
/// line is logged. Dropping it stops every thread.
struct Server {
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let flaky = Arc::new(AtomicUsize::new(0));
        let accept = {
            let (log, stop) = (log.clone(), stop.clone());
            thread::spawn(move || {
                let mut handlers = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (log, stop, flaky) = (log.clone(), stop.clone(), flaky.clone());
                            handlers.push(thread::spawn(move || answer(stream, &log, &stop, &flaky)));
                        }
                        Err(_) => thread::sleep(Duration::from_millis(5)),
                    }
                }
                for h in handlers {
                    let _ = h.join();
                }
            })
        };
        Server {
            port,
            log,
            stop,
            accept: Some(accept),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests received so far (`HEAD /ok`), sorted, and forgotten.
    fn take_log(&self) -> Vec<String> {
        let mut log = std::mem::take(&mut *self.log.lock().unwrap());
        log.sort();
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn answer(stream: TcpStream, log: &Mutex<Vec<String>>, stop: &AtomicBool, flaky: &AtomicUsize) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers, up to the blank line (HEAD and GET carry no body).
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line.trim_end() != "" {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    log.lock().unwrap().push(format!("{method} {path}"));
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/redirect") => ("301 Moved Permanently", "Location: /ok\r\n"),
        ("HEAD", "/head-refused") => ("405 Method Not Allowed", ""),
        (_, "/head-refused") => ("200 OK", ""),
        (_, "/flaky") if flaky.fetch_add(1, Ordering::SeqCst) == 0 => ("503 Service Unavailable", ""),
        (_, "/flaky") => ("200 OK", ""),
        (_, "/forbidden") => ("403 Forbidden", ""),
        (_, "/slow") => {
            for _ in 0..60 {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    let body = if method == "HEAD" { "" } else { "page\n" };
    let response = format!(
        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// A page linking to each of `urls`, one list item each (line 5 onward, column 3).
fn page_text(urls: &[String]) -> String {
    let mut text = "---\ntitle: Links out\n---\n\n".to_owned();
    for (i, url) in urls.iter().enumerate() {
        text.push_str(&format!("- [link {i}]({url})\n"));
    }
    text
}

/// A tempdir with `rolelint.toml` (a short timeout) and the pages given.
fn tree(pages: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rolelint.toml"),
        "[options.broken-link]\ntimeout-seconds = 0.5\n",
    )
    .unwrap();
    for (name, text) in pages {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn settings(dir: &Path, online: bool, strict: bool) -> Settings {
    Settings {
        paths: vec![dir.join("pages")],
        config: Some(dir.join("rolelint.toml")),
        select: vec!["broken-link".into()],
        strict_links: strict,
        online,
        cache_dir: Some(dir.join("cache")),
        ..Settings::default()
    }
}

/// Every finding as `file:line:col message`.
fn findings(run: &Run) -> Vec<String> {
    assert!(run.errors.is_empty() && run.config_errors.is_empty(), "{run:?}");
    run.diagnostics
        .iter()
        .map(|d| {
            let source = run.sources.iter().find(|s| s.path == d.path).unwrap();
            let pos = LineIndex::new(&source.text).position(&source.text, d.span.start as usize);
            let name = Path::new(&*d.path).file_name().unwrap().to_string_lossy().into_owned();
            assert_eq!(&*d.rule, "broken-link");
            format!("{name}:{}:{} {}", pos.line, pos.column, d.message)
        })
        .collect()
}

fn counter(run: &Run, name: &str) -> u64 {
    run.counters.get(name).copied().unwrap_or(0)
}

/// Two pages over the server's paths; `/ok` is linked three times (once with a fragment).
fn two_pages(server: &Server) -> tempfile::TempDir {
    let dir = tree(&[]);
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    let a = [
        "/ok",
        "/missing#part",
        "/head-refused",
        "/flaky",
        "/redirect",
        "/forbidden",
    ];
    let b = ["/ok#top", "/missing", "/ok"];
    let urls = |paths: &[&str]| paths.iter().map(|p| server.url(p)).collect::<Vec<_>>();
    std::fs::write(dir.path().join("pages/a.md"), page_text(&urls(&a))).unwrap();
    std::fs::write(dir.path().join("pages/b.md"), page_text(&urls(&b))).unwrap();
    dir
}

#[test]
fn online_reports_broken_links_asks_only_head_and_get_and_caches_passing_answers() {
    let server = Server::start();
    let dir = two_pages(&server);
    let missing = server.url("/missing");

    let run = lint(&settings(dir.path(), true, false));
    assert_eq!(
        findings(&run),
        [
            format!("a.md:6:3 `{missing}` answered 404 Not Found"),
            format!("b.md:6:3 `{missing}` answered 404 Not Found"),
        ]
    );
    assert_eq!(run.diagnostics[0].key, format!("url={missing}"));
    assert_eq!(
        server.take_log(),
        [
            "GET /forbidden",
            "GET /head-refused",
            "HEAD /flaky",
            "HEAD /flaky",
            "HEAD /forbidden",
            "HEAD /head-refused",
            "HEAD /missing",
            "HEAD /ok",
            "HEAD /ok",
            "HEAD /redirect",
        ]
    );
    assert_eq!(counter(&run, "broken-link.external"), 9);
    assert_eq!(counter(&run, "broken-link.external-checked"), 5);
    assert_eq!(counter(&run, "broken-link.external-unverified"), 1);
    assert_eq!(counter(&run, "broken-link.external-cached"), 0);

    let cache: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("cache/links.json")).unwrap()).unwrap();
    let statuses: Vec<(String, u64)> = cache["links"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(url, e)| (url.clone(), e["status"].as_u64().unwrap()))
        .collect();
    let expected: Vec<(String, u64)> = [
        ("/flaky", 200),
        ("/head-refused", 200),
        ("/ok", 200),
        ("/redirect", 200),
    ]
    .iter()
    .map(|(p, s)| (server.url(p), *s))
    .collect();
    assert_eq!(statuses, expected);
    assert_eq!(cache["version"], 1);

    // Fresh passing answers come from the cache; the broken and the unverified are asked again.
    let again = lint(&settings(dir.path(), true, true));
    assert_eq!(
        server.take_log(),
        ["GET /forbidden", "HEAD /forbidden", "HEAD /missing"]
    );
    let forbidden = server.url("/forbidden");
    assert_eq!(
        findings(&again),
        [
            format!("a.md:6:3 `{missing}` answered 404 Not Found"),
            format!("a.md:10:3 `{forbidden}` could not be verified: answered 403 Forbidden"),
            format!("b.md:6:3 `{missing}` answered 404 Not Found"),
        ]
    );
    assert_eq!(counter(&again, "broken-link.external-cached"), 4);
    assert_eq!(counter(&again, "broken-link.external-checked"), 5);
}

#[test]
fn a_slow_server_times_out_after_two_retries_and_counts_as_unverified() {
    let server = Server::start();
    let dir = tree(&[]);
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(dir.path().join("pages/slow.md"), page_text(&[server.url("/slow")])).unwrap();

    let run = lint(&settings(dir.path(), true, true));
    assert_eq!(
        findings(&run),
        [format!(
            "slow.md:5:3 `{}` could not be verified: no answer within 0.5 s",
            server.url("/slow")
        )]
    );
    assert_eq!(counter(&run, "broken-link.external-unverified"), 1);
    assert_eq!(counter(&run, "broken-link.external-checked"), 0);
    assert_eq!(server.take_log(), ["HEAD /slow", "HEAD /slow", "HEAD /slow"]);
    // Nothing passed, so nothing is cached.
    let cache = std::fs::read_to_string(dir.path().join("cache/links.json")).unwrap();
    assert_eq!(cache, "{\n  \"version\": 1,\n  \"links\": {}\n}\n");
}

#[test]
fn a_closed_port_is_a_broken_link() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/gone");
    let dir = tree(&[]);
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(
        dir.path().join("pages/closed.md"),
        page_text(std::slice::from_ref(&url)),
    )
    .unwrap();
    let run = lint(&settings(dir.path(), true, false));
    assert_eq!(
        findings(&run),
        [format!(
            "closed.md:5:3 `{url}` could not be reached: connection refused"
        )]
    );
}

#[test]
fn without_online_or_without_broken_link_no_request_is_made() {
    let server = Server::start();
    let dir = two_pages(&server);

    let run = lint(&settings(dir.path(), false, true));
    assert_eq!(findings(&run), Vec::<String>::new());
    assert_eq!(counter(&run, "broken-link.external"), 9);
    assert_eq!(counter(&run, "broken-link.external-checked"), 0);

    let mut other_rule = settings(dir.path(), true, true);
    other_rule.select = vec!["typo".into()];
    lint(&other_rule);
    let mut ignored = settings(dir.path(), true, true);
    ignored.ignore = vec!["links".into()];
    lint(&ignored);

    Command::cargo_bin("rolelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--select", "broken-link", "--format", "concise", "pages"])
        .assert()
        .code(0);
    assert_eq!(server.take_log(), Vec::<String>::new());
    assert!(!dir.path().join("cache").exists());
    assert!(!dir.path().join(".rolelint-cache").exists());
}

#[test]
fn a_corrupt_cache_is_ignored_and_rewritten() {
    let server = Server::start();
    let dir = tree(&[]);
    std::fs::create_dir_all(dir.path().join("pages")).unwrap();
    std::fs::create_dir_all(dir.path().join("cache")).unwrap();
    std::fs::write(dir.path().join("cache/links.json"), "{\"version\": 1, \"links\": [").unwrap();
    std::fs::write(dir.path().join("pages/ok.md"), page_text(&[server.url("/ok")])).unwrap();

    let run = lint(&settings(dir.path(), true, false));
    assert_eq!(findings(&run), Vec::<String>::new());
    assert_eq!(server.take_log(), ["HEAD /ok"]);
    let cache: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("cache/links.json")).unwrap()).unwrap();
    assert_eq!(cache["links"][server.url("/ok")]["status"], 200);
}

#[test]
fn the_binary_checks_online_and_keeps_its_cache_in_the_working_directory() {
    let server = Server::start();
    let dir = two_pages(&server);
    let missing = server.url("/missing");
    let bin = || {
        let mut cmd = Command::cargo_bin("rolelint").unwrap();
        cmd.current_dir(dir.path())
            .env_remove("ROLELINT_CACHE_DIR")
            .env("NO_PROXY", "127.0.0.1")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .args([
                "check",
                "--online",
                "--select",
                "broken-link",
                "--format",
                "concise",
                "pages",
            ]);
        cmd
    };
    let out = bin().assert().code(1).get_output().clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let a = PathBuf::from("pages").join("a.md");
    let b = PathBuf::from("pages").join("b.md");
    assert_eq!(
        stdout.lines().take(2).collect::<Vec<_>>(),
        [
            format!(
                "{}:6:3: error[broken-link] `{missing}` answered 404 Not Found",
                a.display()
            ),
            format!(
                "{}:6:3: error[broken-link] `{missing}` answered 404 Not Found",
                b.display()
            ),
        ]
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "rolelint: --online checked 5 external URLs (0 from the cache); 1 could not be verified \
             (refused or slow; --strict-links reports them)"
        ),
        "{stderr}"
    );
    assert_eq!(server.take_log().len(), 10);
    let cache_dir = dir.path().join(".rolelint-cache");
    assert_eq!(
        std::fs::read_to_string(cache_dir.join(".gitignore")).unwrap(),
        "# Written by rolelint.\n*\n"
    );
    assert!(cache_dir.join("links.json").is_file());

    let out = bin().assert().code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("rolelint: --online checked 5 external URLs (4 from the cache)"),
        "{stderr}"
    );
    assert_eq!(
        server.take_log(),
        ["GET /forbidden", "HEAD /forbidden", "HEAD /missing"]
    );
}

#[test]
fn the_online_options_are_validated() {
    let server = Server::start();
    let dir = tree(&[]);
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(dir.path().join("pages/ok.md"), page_text(&[server.url("/ok")])).unwrap();
    for bad in [
        "timeout-seconds = 0",
        "timeout-seconds = \"10\"",
        "cache-max-age-hours = -1",
    ] {
        std::fs::write(
            dir.path().join("rolelint.toml"),
            format!("[options.broken-link]\n{bad}\n"),
        )
        .unwrap();
        let run = lint(&settings(dir.path(), true, false));
        assert_eq!(run.config_errors.len(), 1, "{bad}");
    }
    assert_eq!(server.take_log(), Vec::<String>::new());

    // A zero maximum age never reuses an answer.
    std::fs::write(
        dir.path().join("rolelint.toml"),
        "[options.broken-link]\ntimeout-seconds = 0.5\ncache-max-age-hours = 0\n",
    )
    .unwrap();
    for _ in 0..2 {
        let run = lint(&settings(dir.path(), true, false));
        assert_eq!(counter(&run, "broken-link.external-cached"), 0);
        assert_eq!(server.take_log(), ["HEAD /ok"]);
    }
}
