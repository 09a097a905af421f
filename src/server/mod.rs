//! `rolelint server`: a Language Server over stdio (lsp-server, synchronous, no async runtime).
//!
//! Diagnostics are published on open, change (full sync) and save, once per batch of queued
//! messages; a finding's fix is offered as a quick-fix code action; hovering a finding, or a rule
//! id in a suppression comment, shows the rule's explanation.
//! The workspace root (`rootUri` or the first workspace folder) is read once as context for the
//! cross-page checks, and each saved file is re-read. Only buffers named like pages (`*.md`,
//! `*.markdown`, `*.md.erb`) are linted, so a client may attach the server to every `eruby` buffer.

mod convert;
mod hover;
pub mod position;
mod transport;
mod uri;
mod workspace;

use convert::Ranges;
use foldhash::HashMap;
use foldhash::HashMapExt;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit as ExitNotification,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _, Shutdown};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, HoverParams, HoverProviderCapability,
    InitializeParams, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use position::{Encoding, Text};
use std::path::PathBuf;
use workspace::{Doc, Workspace};

/// Why the server stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The client broke the protocol or went away.
    #[error("protocol: {0}")]
    Protocol(String),
}

impl From<lsp_server::ProtocolError> for ServerError {
    fn from(e: lsp_server::ProtocolError) -> Self {
        ServerError::Protocol(e.to_string())
    }
}

/// How the client ended the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `shutdown`, then `exit`: exit code 0.
    Clean,
    /// `exit` (or the end of input) without `shutdown` first: exit code 1, as the LSP asks.
    WithoutShutdown,
}

/// Serves one client on stdin/stdout until it sends `exit`; `config` replaces discovery.
pub fn serve_stdio(config: Option<PathBuf>) -> Result<Exit, ServerError> {
    let (connection, io) = transport::stdio();
    let exit = serve(&connection, config);
    drop(connection);
    io.join();
    exit
}

/// Serves one client on `connection`: the handshake, then messages until `exit`.
///
/// Messages are taken in batches of all that is queued: changes only store the new text, and the
/// open buffers are linted and published once per batch, so a burst of edits is answered once,
/// for the newest version. A request is answered after the changes queued before it are linted.
pub fn serve(connection: &Connection, config: Option<PathBuf>) -> Result<Exit, ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| ServerError::Protocol(format!("initialize: {e}")))?;
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "rolelint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| ServerError::Protocol(e.to_string()))?;
    connection.initialize_finish(id, result)?;

    let settings = crate::Settings {
        config,
        ..crate::Settings::default()
    };
    let mut server = Server {
        connection,
        workspace: Workspace::new(root(&params).as_deref(), settings),
        encoding,
        dirty: false,
        published: HashMap::new(),
    };
    let mut shut_down = false;
    while let Ok(first) = connection.receiver.recv() {
        let mut next = Some(first);
        while let Some(message) = next {
            match message {
                Message::Request(request) if shut_down => {
                    let message = "the server is shut down: only `exit` is expected".to_owned();
                    server.send(Response::new_err(request.id, ErrorCode::InvalidRequest as i32, message).into());
                }
                Message::Request(request) if request.method == Shutdown::METHOD => {
                    server.publish_if_dirty();
                    server.send(Response::new_ok(request.id, ()).into());
                    shut_down = true;
                }
                Message::Request(request) => {
                    server.publish_if_dirty();
                    server.request(request);
                }
                Message::Notification(note) if note.method == ExitNotification::METHOD => {
                    return Ok(if shut_down { Exit::Clean } else { Exit::WithoutShutdown });
                }
                Message::Notification(note) => server.notification(note),
                Message::Response(_) => {}
            }
            // Editors send a change per keystroke: after a change, wait a moment for the next one
            // so that a burst is linted and published once, for its newest version.
            next = connection.receiver.try_recv().ok().or_else(|| {
                server
                    .dirty
                    .then(|| connection.receiver.recv_timeout(DEBOUNCE).ok())
                    .flatten()
            });
        }
        server.publish_if_dirty();
    }
    Ok(if shut_down { Exit::Clean } else { Exit::WithoutShutdown })
}

/// How long a change waits for the next one before the buffer is linted.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(50);

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The workspace root: the first workspace folder, else `rootUri`.
fn root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| uri::to_path(&f.uri));
    #[allow(deprecated)] // rootUri is deprecated in favour of workspaceFolders, but clients still send only it
    folder.or_else(|| params.root_uri.as_ref().and_then(uri::to_path))
}

struct Server<'c> {
    connection: &'c Connection,
    workspace: Workspace,
    encoding: Encoding,
    /// Buffers or disk pages changed since the last lint.
    dirty: bool,
    /// What was last published per open buffer, so an unchanged list is not sent again.
    published: HashMap<PathBuf, (i32, Vec<lsp_types::Diagnostic>)>,
}

impl Server<'_> {
    fn send(&self, message: Message) {
        // A send fails only when the client is gone; the receive loop then ends by itself.
        let _ = self.connection.sender.send(message);
    }

    /// Takes in one notification; what it changes is linted at the end of the batch.
    fn notification(&mut self, note: Notification) {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params) else {
                    return;
                };
                let Some(path) = uri::to_path(&p.text_document.uri).filter(|p| crate::read::is_page_name(p)) else {
                    return;
                };
                let doc = Doc {
                    uri: p.text_document.uri,
                    text: p.text_document.text,
                    version: p.text_document.version,
                };
                self.workspace.docs.insert(path, doc);
                self.dirty = true;
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params) else {
                    return;
                };
                let Some(path) = uri::to_path(&p.text_document.uri).filter(|p| self.workspace.docs.contains_key(p))
                else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return;
                };
                let doc = Doc {
                    uri: p.text_document.uri,
                    text: change.text,
                    version: p.text_document.version,
                };
                self.workspace.docs.insert(path, doc);
                self.dirty = true;
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(note.params) else {
                    return;
                };
                if let Some(path) = uri::to_path(&p.text_document.uri) {
                    self.workspace.refresh(&path);
                    self.dirty = true;
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params) else {
                    return;
                };
                if let Some(path) = uri::to_path(&p.text_document.uri) {
                    self.workspace.docs.remove(&path);
                    self.workspace.refresh(&path);
                    self.published.remove(&path);
                    self.clear(&p.text_document.uri);
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    /// Lints the open buffers when something changed, and publishes the findings of each buffer
    /// whose version or findings differ from what was last sent (cross-page findings on one
    /// buffer can change when another is edited).
    fn publish_if_dirty(&mut self) {
        if !std::mem::take(&mut self.dirty) {
            return;
        }
        self.workspace.lint();
        let ranges = Ranges::new(&self.workspace, self.encoding);
        let mut sent = Vec::new();
        for (path, doc) in &self.workspace.docs {
            let diagnostics: Vec<lsp_types::Diagnostic> = self
                .workspace
                .findings
                .get(path)
                .map(|list| list.iter().map(|d| ranges.diagnostic(d)).collect())
                .unwrap_or_default();
            if self
                .published
                .get(path)
                .is_some_and(|(version, last)| *version == doc.version && *last == diagnostics)
            {
                continue;
            }
            let params = PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics.clone(), Some(doc.version));
            self.send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into());
            sent.push((path.clone(), (doc.version, diagnostics)));
        }
        self.published.extend(sent);
    }

    fn clear(&self, uri: &lsp_types::Uri) {
        let params = PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None);
        self.send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into());
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            CodeActionRequest::METHOD => serde_json::from_value(request.params)
                .map(|p| serde_json::to_value(self.code_actions(&p)))
                .map_err(|e| e.to_string()),
            HoverRequest::METHOD => serde_json::from_value(request.params)
                .map(|p| serde_json::to_value(self.hover(&p)))
                .map_err(|e| e.to_string()),
            other => {
                let message = format!("rolelint does not handle {other}");
                self.send(Response::new_err(id, ErrorCode::MethodNotFound as i32, message).into());
                return;
            }
        };
        let response = match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
            Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e),
        };
        self.send(response.into());
    }

    /// Quick fixes of the findings whose range touches the requested one.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(path) = uri::to_path(&p.text_document.uri) else {
            return Vec::new();
        };
        let ranges = Ranges::new(&self.workspace, self.encoding);
        let touches = |r: lsp_types::Range| r.start <= p.range.end && p.range.start <= r.end;
        self.workspace
            .findings
            .get(&path)
            .into_iter()
            .flatten()
            .filter(|d| touches(ranges.range(&path, d.span)))
            .filter_map(|d| ranges.code_action(&p.text_document.uri, d))
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn hover(&self, p: &HoverParams) -> Option<lsp_types::Hover> {
        let at = &p.text_document_position_params;
        let path = uri::to_path(&at.text_document.uri)?;
        let text = self.workspace.text_of(&path)?;
        let offset = Text::new(text, self.encoding).offset(at.position);
        let config = self.workspace.settings.config.as_deref();
        if let Some(hover) = hover::rule_at(&path, text, offset, config) {
            return Some(hover);
        }
        let ranges = Ranges::new(&self.workspace, self.encoding);
        let under: Vec<_> = self
            .workspace
            .findings
            .get(&path)?
            .iter()
            .map(|d| (d, ranges.range(&path, d.span)))
            .filter(|(_, r)| r.start <= at.position && at.position <= r.end)
            .collect();
        hover::findings(&path, &under, config)
    }
}
