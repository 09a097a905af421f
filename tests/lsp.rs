//! `rolelint server` spoken to over stdio as an editor would: Content-Length framed JSON-RPC.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Our own pages: two copies of a table on disk, and a third copy that differs in one cell and
/// holds a broken same-page fragment after non-ASCII text (so UTF-16 columns differ from chars).
const COPY: &str = "# Release stages\n\n| Stage | Owner |\n| --- | --- |\n| Draft | Product |\n| Review | Zoë Park |\n";
const OPEN: &str = "---\ntitle: Stages\ndescription: Stages of a release.\n---\n\n# Release stages\n\n\
Zoë 😀 reads [the stages](#release-stagse).\n\n| Stage | Owner |\n| --- | --- |\n| Draft | Product |\n| Review | Zoe Park |\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rolelint"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap()];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 1,
        };
        let uri = uri(root);
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri, "capabilities": capabilities }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "rolelint");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id)
    }

    /// The next message that `pick` accepts (others are skipped); a guard, not a timing assertion.
    fn wait(&mut self, pick: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answered within a minute");
            if pick(&m) {
                return m;
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }

    fn shutdown(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "server exited with {status}");
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), COPY).unwrap();
    std::fs::write(dir.path().join("b.md"), COPY).unwrap();
    std::fs::write(dir.path().join("c.md"), "stale text on disk\n").unwrap();
    dir
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
}

fn by_rule<'v>(diagnostics: &'v Value, rule: &str) -> &'v Value {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics:#}"))
}

#[test]
fn diagnostics_code_action_and_hover_over_stdio() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&root, json!({}));
    let c = uri(&root.join("c.md"));
    open(&mut client, &c, OPEN);
    let published = client.diagnostics_for(&c);
    let diagnostics = &published["params"]["diagnostics"];
    assert_eq!(published["params"]["version"], 1);
    let rules: Vec<&str> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["broken-link", "divergent-table"],
        "the buffer, not the stale disk copy"
    );

    // Line 8 of the page: `Zoë 😀 reads [the stages](#release-stagse).` The link starts after 12
    // characters, 13 UTF-16 code units (the emoji is a surrogate pair).
    let link = by_rule(diagnostics, "broken-link");
    assert_eq!(
        link["range"],
        json!({ "start": { "line": 7, "character": 13 }, "end": { "line": 7, "character": 42 } })
    );
    assert_eq!(link["severity"], 1);
    assert_eq!(link["source"], "rolelint");
    assert!(link["message"].as_str().unwrap().contains("#release-stagse"));

    // The third copy of the table differs; the two on disk are the majority (cross-page context).
    let cell = by_rule(diagnostics, "divergent-table");
    assert_eq!(
        cell["range"],
        json!({ "start": { "line": 12, "character": 11 }, "end": { "line": 12, "character": 19 } })
    );
    let related = cell["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["location"]["uri"], uri(&root.join("a.md")));
    assert_eq!(
        related[0]["location"]["range"],
        json!({ "start": { "line": 5, "character": 11 }, "end": { "line": 5, "character": 19 } })
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": c },
            "range": { "start": { "line": 12, "character": 14 }, "end": { "line": 12, "character": 14 } },
            "context": { "diagnostics": [cell] }
        }),
    );
    let actions = actions["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][&c],
        json!([{ "range": { "start": { "line": 12, "character": 11 }, "end": { "line": 12, "character": 19 } },
                 "newText": "Zoë Park" }])
    );

    // Fixing the cell in the buffer clears that finding.
    let fixed = OPEN.replace("Zoe Park", "Zoë Park");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": c, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let published = client.diagnostics_for(&c);
    assert_eq!(published["params"]["version"], 2);
    let rules: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["broken-link"]);

    // Hover on a rule id in a suppression comment explains the rule.
    let commented = format!("{fixed}\n<!-- rolelint-disable-next-line broken-link -->\n");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": c, "version": 3 }, "contentChanges": [{ "text": commented }] }),
    );
    client.diagnostics_for(&c);
    let line = u32::try_from(commented.lines().count() - 1).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": c }, "position": { "line": line, "character": 40 } }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**broken-link** (links, error by default)"), "{text}");
    assert!(text.contains("## What it does"), "{text}");
    let outside = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": c }, "position": { "line": 0, "character": 1 } }),
    );
    assert_eq!(outside["result"], Value::Null);

    client.shutdown();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(
        &root,
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
    );
    let c = uri(&root.join("c.md"));
    open(&mut client, &c, OPEN);
    let published = client.diagnostics_for(&c);
    let link = by_rule(&published["params"]["diagnostics"], "broken-link");
    // `Zoë 😀 reads ` is 16 bytes.
    assert_eq!(link["range"]["start"], json!({ "line": 7, "character": 16 }));
    client.shutdown();
}

#[test]
fn the_reused_context_follows_pages_changed_on_disk() {
    // The server parses the pages that are not open once and reuses them while buffers change;
    // a page closed after it changed on disk must be read again, not served from that cache.
    let dir = tempfile::tempdir().unwrap();
    let page = |body: &str| format!("---\ntitle: Widget Baker\ndescription: Bakes widgets.\n---\n\n{body}\n");
    let linking = page("See [the stages](b.md#stages).");
    std::fs::write(dir.path().join("a.md"), &linking).unwrap();
    std::fs::write(dir.path().join("b.md"), page("## Stages\n\nDraft, then review.")).unwrap();
    let (a, b) = (uri(&dir.path().join("a.md")), uri(&dir.path().join("b.md")));
    let mut client = Client::start(dir.path(), json!({}));
    open(&mut client, &a, &linking);
    let broken = |d: &Value| {
        d.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "broken-link")
            .count()
    };
    assert_eq!(broken(&client.diagnostics_for(&a)["params"]["diagnostics"]), 0);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": a, "version": 2 }, "contentChanges": [{ "text": format!("{linking}\nMore.\n") }] }),
    );
    let unchanged = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == a && m["params"]["version"] == 2
    });
    assert_eq!(broken(&unchanged["params"]["diagnostics"]), 0);

    let renamed = page("## Phases\n\nDraft, then review.");
    std::fs::write(dir.path().join("b.md"), &renamed).unwrap();
    open(&mut client, &b, &renamed);
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": b } }));
    let after = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == a
            && m["params"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
            && broken(&m["params"]["diagnostics"]) == 1
    });
    let link = by_rule(&after["params"]["diagnostics"], "broken-link");
    assert!(link["message"].as_str().unwrap().contains("#stages"), "{link:#}");
    client.shutdown();
}

/// Prints the time from didChange to publishDiagnostics on the corpus (run with --ignored).
#[test]
#[ignore = "a measurement, not a test: cargo test --release --test lsp -- --ignored --nocapture"]
fn bench_did_change_to_publish_on_the_corpus() {
    let corpus = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/www-gitlab-com-2022"
    ))
    .canonicalize()
    .unwrap();
    let (pages, _) = rolelint::read::collect(std::slice::from_ref(&corpus));
    let page = pages[0].clone();
    let text = std::fs::read_to_string(&page).unwrap();
    let mut client = Client::start(&corpus, json!({}));
    let u = uri(&page);
    open(&mut client, &u, &text);
    client.diagnostics_for(&u);
    let mut times = Vec::new();
    for version in 2..12 {
        let edited = format!("{text}\nEdit {version}.\n");
        let start = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": version }, "contentChanges": [{ "text": edited }] }),
        );
        client.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version);
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "didChange -> publishDiagnostics on {} ({} context pages): median {:?}, min {:?}, max {:?}",
        page.display(),
        pages.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    client.shutdown();
}
