//! `claimgraph serve`: the graph over HTTP. This file owns the request and response types the
//! handler works on (plain data, so tests call [`Server::handle`] in-process without sockets),
//! the routing, and the listening loop on oxhttp (bounded connections, a request-body cap).
//!
//! - `protocol.rs`: the SPARQL 1.1 Protocol (queries, updates, the service description) and
//!   content negotiation;
//! - `graph_store.rs`: the Graph Store Protocol (reading graphs; writes behind the token);
//! - `safety.rs`: what the server allows: bind address, updates, the bearer token, CORS;
//! - `api.rs`: claimgraph's own answers as JSON (chains, mutual accusations, why, acts);
//! - `page.rs`: the web page at `/` and its embedded assets;
//! - `stream.rs`: answers sent while they are written (queries, graph dumps).

mod api;
mod graph_store;
mod page;
mod protocol;
pub mod safety;
pub mod stream;

use crate::error::{Error, Result};
use crate::query::watch;
use crate::store::Dataset;
pub use safety::Policy;
use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;

/// A request as the handler sees it: the method, the path, the raw query string, the headers
/// (names lower-cased) and the whole body.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A request for `target` (a path with an optional `?query`), without headers or body.
    pub fn new(method: &str, target: &str) -> Request {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Request {
            method: method.to_owned(),
            path: path.to_owned(),
            query: query.to_owned(),
            ..Request::default()
        }
    }

    /// Adds a header (the name is compared without regard to case).
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// The first value of a header.
    pub fn get(&self, name: &str) -> Option<&str> {
        first_header(&self.headers, name)
    }

    /// The decoded parameters of the query string, in order.
    pub fn params(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }
}

/// The first value of a header among `headers` (names compared without case).
fn first_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A response: status, headers and the body; a large answer (a query's, a graph dump) holds
/// its first piece in `body` and the rest in `rest`, still being written.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub rest: Option<Box<stream::Stream>>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            rest: None,
        }
    }

    /// An error answer: one line of plain text saying what was wrong.
    pub fn error(status: u16, message: impl AsRef<str>) -> Response {
        let line = message.as_ref().replace(['\n', '\r'], " ");
        Response::new(status, "text/plain; charset=utf-8", format!("{line}\n"))
    }

    pub fn with(mut self, name: &str, value: &str) -> Response {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// The first value of a header.
    pub fn get(&self, name: &str) -> Option<&str> {
        first_header(&self.headers, name)
    }

    /// The body held, as text: for a streamed answer, only its first piece (see [`Self::finish`]).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The response with its whole body, the rest of a streamed answer read to its end; an
    /// error when the answer was cut (at the time limit, or by an error in the data).
    pub fn finish(mut self) -> std::io::Result<Response> {
        if let Some(mut rest) = self.rest.take() {
            rest.read_to_end(&mut self.body)?;
        }
        Ok(self)
    }
}

/// How to serve: where to listen and the limits of every request.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub policy: Policy,
    /// Connections served at once; further ones wait to be accepted.
    pub max_connections: usize,
}

/// The largest request body read, by default (queries, forms, graphs to store).
pub const DEFAULT_BODY_LIMIT: usize = 16 << 20;

/// The data and what the server allows; [`Server::handle`] answers one request.
pub struct Server {
    dataset: Dataset,
    policy: Policy,
}

impl Server {
    pub fn new(dataset: Dataset, policy: Policy) -> Server {
        Server { dataset, policy }
    }

    /// Answers one request: every failure is a status and one line of text, except a failure
    /// after a streamed answer's first piece, which is an error reading its `rest` (see
    /// [`stream`]).
    pub fn handle(&self, request: &Request) -> Response {
        if request.body.len() > self.policy.body_limit {
            return Response::error(
                413,
                format!(
                    "the request body is larger than the limit of {} bytes",
                    self.policy.body_limit
                ),
            );
        }
        let response = if request.method == "OPTIONS" {
            self.policy.preflight(request)
        } else {
            self.route(request)
        };
        let mut response = self.policy.with_cors(request, response);
        if request.method == "HEAD" {
            // The headers a GET would send, without its body; dropping the rest stops its work.
            response.body.clear();
            response.rest = None;
        }
        response
    }

    fn route(&self, request: &Request) -> Response {
        let method = request.method.as_str();
        match (method, request.path.as_str()) {
            ("GET" | "HEAD", "/") => page::index(),
            ("GET" | "HEAD", path) if path.starts_with("/assets/") => page::asset(path),
            ("GET" | "HEAD" | "POST", "/query" | "/sparql") => {
                protocol::query(&self.dataset, &self.policy, request)
            }
            ("POST", "/update") => protocol::update(&self.dataset, &self.policy, request),
            (_, "/update") => method_not_allowed("POST"),
            ("GET" | "HEAD", "/store") => graph_store::read(&self.dataset, &self.policy, request),
            ("PUT" | "POST" | "DELETE", "/store") => {
                graph_store::write(&self.dataset, &self.policy, request)
            }
            (_, "/query" | "/sparql") => method_not_allowed("GET, POST"),
            ("GET" | "HEAD", path) if path.starts_with("/api/") => self.timed(request, api::answer),
            _ => Response::error(404, format!("nothing at {}", request.path)),
        }
    }
}

impl Server {
    /// Runs an answer that reads the store (a chain, `why`) under the server's time limit: at
    /// the limit the client gets the 503 of a timed-out query and the work stops at its next
    /// read of the store. Streamed answers (queries, graph dumps) carry their limit themselves
    /// (`stream::respond`).
    fn timed(
        &self,
        request: &Request,
        answer: fn(&Dataset, &Policy, &Request) -> Response,
    ) -> Response {
        if self.policy.timeout.is_none() {
            return answer(&self.dataset, &self.policy, request);
        }
        let (policy, request) = (self.policy.clone(), request.clone());
        let work = move |dataset: &Dataset| Ok(answer(dataset, &policy, &request));
        watch::watched(&self.dataset, self.policy.timeout, Default::default(), work)
            .unwrap_or_else(|e| protocol::from_error(&e))
    }
}

fn method_not_allowed(allowed: &str) -> Response {
    Response::error(405, format!("this route takes {allowed}")).with("allow", allowed)
}

/// Serves until the process is stopped. A server that cannot listen says why and returns an
/// error (the exit code is then non-zero).
pub fn run(dataset: Dataset, config: Config) -> Result<()> {
    let body_limit = config.policy.body_limit;
    let server = std::sync::Arc::new(Server::new(dataset, config.policy.clone()));
    let listening = oxhttp::Server::new(move |request| {
        let response = match read_request(request, body_limit) {
            // A bug in one answer must not take the connection's thread down without a word.
            Ok(request) => {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.handle(&request)))
                    .unwrap_or_else(|_| Response::error(500, "internal error: please report it"))
            }
            Err(response) => response,
        };
        into_oxhttp(response)
    })
    .bind(config.bind)
    .with_server_name(concat!("claimgraph/", env!("CARGO_PKG_VERSION")))
    .map_err(|e| Error::Internal(e.to_string()))?
    // A client that stops sending or reading mid-request frees its connection after this.
    .with_global_timeout(Duration::from_secs(60))
    .with_max_concurrent_connections(config.max_connections)
    .spawn()
    .map_err(|e| Error::Usage(bind_failure(config.bind, &e)))?;
    if !config.bind.ip().is_loopback() {
        eprintln!(
            "claimgraph: listening on {}, which other machines can reach{}",
            config.bind,
            if config.policy.allow_update {
                "; writes need the token"
            } else {
                ""
            }
        );
    }
    eprintln!(
        "claimgraph: serving http://{}/ (SPARQL at /query{}); Ctrl-C stops",
        config.bind,
        if config.policy.allow_update {
            ", updates at /update with the token"
        } else {
            ", read-only"
        }
    );
    listening
        .join()
        .map_err(|e| Error::Internal(format!("the server stopped: {e}")))
}

/// Why the server could not listen, in the user's terms.
fn bind_failure(addr: SocketAddr, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::AddrInUse => "the address is in use (another server on that port?)",
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (ports below 1024 need privileges)"
        }
        std::io::ErrorKind::AddrNotAvailable => "this machine has no such address",
        _ => "",
    };
    if why.is_empty() {
        format!("cannot listen on {addr}: {e}")
    } else {
        format!("cannot listen on {addr}: {why} ({e})")
    }
}

/// Reads an oxhttp request, refusing a body over the limit before reading it all.
fn read_request(
    request: &mut oxhttp::model::Request<oxhttp::model::Body>,
    limit: usize,
) -> std::result::Result<Request, Response> {
    let too_large = || {
        Response::error(
            413,
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    };
    if request.body().len().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .body_mut()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Response::error(400, format!("the request body could not be read: {e}")))?;
    if body.len() > limit {
        return Err(too_large());
    }
    let headers = request
        .headers()
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    Ok(Request {
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        query: request.uri().query().unwrap_or_default().to_owned(),
        headers,
        body,
    })
}

fn into_oxhttp(response: Response) -> oxhttp::model::Response<oxhttp::model::Body> {
    let mut builder = oxhttp::model::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body = match response.rest {
        // Sent with chunked transfer encoding; a read error cuts it before its last chunk.
        Some(rest) => {
            oxhttp::model::Body::from_read(std::io::Cursor::new(response.body).chain(rest))
        }
        None => oxhttp::model::Body::from(response.body),
    };
    builder.body(body).unwrap_or_else(|e| {
        let mut fallback = oxhttp::model::Response::new(oxhttp::model::Body::from(format!(
            "the response could not be built: {e}\n"
        )));
        *fallback.status_mut() = oxhttp::model::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}
