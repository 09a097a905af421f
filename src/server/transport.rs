//! The stdio transport: `Content-Length` framing read with a cap, so that no header can make the
//! server allocate what it was told, and no bad frame or body stops it.
//!
//! lsp-server's own reader allocates the announced length up front (a `Content-Length` of 2^64-1
//! panics, 2^40 aborts) and ends the connection on the first malformed message; this one skips
//! what it cannot read, answers JSON-RPC's parse error where the protocol asks for one, and finds
//! the next header.

use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

/// The largest message body read; a larger one is skipped (64 MiB: an open page of that size is
/// no handbook page).
pub const MAX_BODY: u64 = 64 << 20;

/// Header lines are read in chunks of this many bytes, so a line without an end is no risk either.
const MAX_HEADER_LINE: u64 = 64 << 10;

/// What one read from the stream gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// The body of a well-framed message.
    Body(Vec<u8>),
    /// A frame that cannot be read, and why; reading goes on at the next header.
    Skipped(String),
    /// The stream ended.
    End,
}

/// The thread that writes the server's messages to stdout.
pub struct Io {
    writer: JoinHandle<()>,
}

impl Io {
    /// Waits until every message sent has been written (the writer ends when the server's side
    /// of the connection is dropped). The reader is not waited for: after `exit` or the end of
    /// input it has ended, and after a failed handshake it may be blocked on stdin for good.
    pub fn join(self) {
        // The writer only ends by returning; a panic there has been printed already.
        let _ = self.writer.join();
    }
}

/// A connection over stdin/stdout.
pub fn stdio() -> (Connection, Io) {
    let (server, io) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = io;
    let writer = thread::spawn(move || {
        for message in from_server {
            // The lock is taken per message so that the reader's error answers never interleave.
            if message.write(&mut io::stdout().lock()).is_err() {
                return;
            }
        }
    });
    thread::spawn(move || {
        let mut input = io::stdin().lock();
        loop {
            let body = match read_frame(&mut input) {
                Ok(Frame::Body(body)) => body,
                Ok(Frame::Skipped(why)) => {
                    log(&why);
                    continue;
                }
                Ok(Frame::End) | Err(_) => return,
            };
            match decode(&body) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        return;
                    }
                }
                Err(answer) => {
                    log(&answer.why);
                    if let Some(reply) = answer.reply {
                        let _ = write_raw(&mut io::stdout().lock(), &reply);
                    }
                }
            }
        }
    });
    (server, Io { writer })
}

/// Reads the next frame: headers up to an empty line, then `Content-Length` bytes of body.
///
/// A header line that is no header (the rest of a skipped body, say) is passed over, and a
/// `Content-Length` met inside it still counts, which is how reading finds its feet again.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<u64, String>> = None;
    let mut junk = false;
    loop {
        let mut line = Vec::new();
        let n = input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Frame::End);
        }
        if !line.ends_with(b"\n") {
            if (n as u64) < MAX_HEADER_LINE {
                return Ok(Frame::End);
            }
            junk = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() || junk {
                break;
            }
            continue;
        }
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.rfind("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<u64>()
                    .map_err(|_| format!("`Content-Length: {}` is not a byte count", cut(value))),
            );
            junk |= at > 0;
        } else if !text.contains(':') {
            junk = true;
        }
    }
    let length = match length {
        None => return Ok(Frame::Skipped("a message without `Content-Length`".to_owned())),
        Some(Err(why)) => return Ok(Frame::Skipped(why)),
        Some(Ok(length)) => length,
    };
    if length > MAX_BODY {
        // Not drained: a lying header would swallow the messages after it. Whatever body does
        // follow is passed over as header lines until the next `Content-Length`.
        return Ok(Frame::Skipped(format!(
            "`Content-Length: {length}` is over the {MAX_BODY}-byte limit"
        )));
    }
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    Ok(Frame::Body(body))
}

/// Why a body is no message, and the JSON-RPC error to answer with, if any.
#[derive(Debug)]
pub struct Undecodable {
    /// For the server's log.
    pub why: String,
    /// The answer's JSON text (a parse error has id `null`; a request keeps its id).
    pub reply: Option<String>,
}

/// The message in `body`, or what to say about it.
pub fn decode(body: &[u8]) -> Result<Message, Undecodable> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| Undecodable {
        why: format!("not JSON: {e}"),
        reply: Some(error_reply(
            &serde_json::Value::Null,
            -32700,
            &format!("parse error: {e}"),
        )),
    })?;
    let id = value.get("id").cloned();
    serde_json::from_value::<Message>(value).map_err(|e| {
        let why = format!("not a JSON-RPC message: {e}");
        Undecodable {
            // Only a request waits for an answer; a broken notification is dropped.
            reply: id
                .filter(|id| id.is_string() || id.is_number())
                .map(|id| error_reply(&id, -32600, &why)),
            why,
        }
    })
}

fn error_reply(id: &serde_json::Value, code: i32, message: &str) -> String {
    serde_json::json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }).to_string()
}

fn write_raw(out: &mut impl Write, text: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

/// A line in the client's log of the server (LSP clients keep the server's stderr as its log).
fn log(why: &str) {
    let _ = writeln!(io::stderr().lock(), "rolelint server: skipped a message: {why}");
}

/// At most 40 characters of a header value, for a log line.
fn cut(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut input = io::BufReader::new(input);
        let mut out = Vec::new();
        loop {
            let frame = read_frame(&mut input).unwrap();
            if frame == Frame::End {
                return out;
            }
            out.push(frame);
        }
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    #[test]
    fn huge_or_broken_lengths_are_skipped_and_the_next_message_is_read() {
        let input = b"Content-Length: 18446744073709551615\r\n\r\n\
Content-Length: 1099511627776\r\n\r\n{\"a\":1}\
Content-Length: -3\r\n\r\n\
Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}";
        let got = frames(input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(&got[0], Frame::Skipped(w) if w.contains("18446744073709551615")));
        // The skipped 1 TiB frame's short body runs into the next header, which is found again.
        assert!(matches!(&got[1], Frame::Skipped(w) if w.contains("1099511627776")));
        assert!(matches!(&got[2], Frame::Skipped(w) if w.contains("`Content-Length: -3`")));
        assert_eq!(got[3], body("{}"));
    }

    #[test]
    fn a_long_line_without_an_end_is_read_in_bounded_chunks() {
        let mut input = vec![b'x'; 200_000];
        input.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\n[]");
        assert_eq!(frames(&input), [body("[]")]);
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), [], "a cut body is the end");
        assert_eq!(
            frames(b"\n\r\nContent-Length: 1\n\n1"),
            [body("1")],
            "bare LF is taken too"
        );
    }

    #[test]
    fn bodies_that_are_no_message_get_the_answers_json_rpc_asks_for() {
        let parse = decode(b"{not json").unwrap_err();
        let reply: serde_json::Value = serde_json::from_str(&parse.reply.unwrap()).unwrap();
        assert_eq!(reply["id"], serde_json::Value::Null);
        assert_eq!(reply["error"]["code"], -32700);

        let request = decode(br#"{"jsonrpc":"2.0","id":7,"method":3}"#).unwrap_err();
        let reply: serde_json::Value = serde_json::from_str(&request.reply.unwrap()).unwrap();
        assert_eq!(
            (reply["id"].as_i64(), reply["error"]["code"].as_i64()),
            (Some(7), Some(-32600))
        );

        let note = decode(br#"{"jsonrpc":"2.0","method":3}"#).unwrap_err();
        assert!(note.reply.is_none(), "nobody waits for a notification's answer");
        assert!(decode(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_ok());
    }
}
