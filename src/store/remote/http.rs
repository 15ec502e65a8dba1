//! The HTTP side of the remote backend: one blocking client (ureq, no async runtime), requests
//! by form POST or the Graph Store Protocol, and every way a server can fail turned into one
//! line: refused, timed out, an HTTP error with the server's first line of explanation, an answer
//! that is not SPARQL, and an answer that the server cut short while still saying 200 OK.

use crate::error::{Error, Result};
use std::io::Read;
use std::time::Duration;

/// A client for one server, with the headers every request carries (credentials, say).
pub struct Client {
    agent: ureq::Agent,
    headers: Vec<(String, String)>,
    timeout: Duration,
}

/// A successful answer: its media type (lowercase, without parameters), the headers that tell
/// an incomplete answer, and the body as a stream.
pub struct Reply {
    pub media_type: String,
    pub server: Option<String>,
    pub body: Box<dyn Read + Send>,
}

impl Client {
    /// `timeout` bounds connecting and waiting for the answer to begin (the body of a long
    /// answer may take longer to read).
    pub fn new(headers: Vec<(String, String)>, timeout: Duration) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(timeout.min(Duration::from_secs(30))))
            .timeout_recv_response(Some(timeout))
            .user_agent(concat!("claimgraph/", env!("CARGO_PKG_VERSION")))
            .max_redirects(3)
            .build()
            .new_agent();
        Client {
            agent,
            headers,
            timeout,
        }
    }

    /// POSTs an HTML form (`application/x-www-form-urlencoded`), as the SPARQL 1.1 Protocol
    /// says for queries and updates; `accept` is the Accept header.
    pub fn post_form(&self, url: &str, form: &[(&str, &str)], accept: &str) -> Result<Reply> {
        let mut request = self.agent.post(url).header("Accept", accept);
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let response = request
            .send_form(form.iter().copied())
            .map_err(|e| self.transport_error(url, e))?;
        self.reply(url, response)
    }

    /// A Graph Store Protocol request: `method` (PUT, POST, DELETE, GET) on `url` with the
    /// query parameters `params` and, for PUT and POST, a body of `content_type`.
    pub fn graph_store(
        &self,
        method: &str,
        url: &str,
        params: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
        accept: &str,
    ) -> Result<Reply> {
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(with_params(url, params))
            .header("Accept", accept);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let result = match body {
            Some((content_type, bytes)) => {
                let request = builder
                    .header("Content-Type", content_type)
                    .body(bytes)
                    .map_err(|e| bad_url(url, &e.to_string()))?;
                self.agent.run(request)
            }
            None => {
                let request = builder.body(()).map_err(|e| bad_url(url, &e.to_string()))?;
                self.agent.run(request)
            }
        };
        let response = result.map_err(|e| self.transport_error(url, e))?;
        self.reply(url, response)
    }

    fn reply(&self, url: &str, response: ureq::http::Response<ureq::Body>) -> Result<Reply> {
        let status = response.status();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let media_type = header("content-type")
            .and_then(|c| c.split(';').next().map(|m| m.trim().to_ascii_lowercase()))
            .unwrap_or_default();
        let server = header("server");
        let max_rows = header("x-sparql-maxrows");
        let sql_state = header("x-sql-state");
        let sql_message = header("x-sql-message");
        let body = response.into_body().into_reader();
        if !status.is_success() {
            return Err(http_error(url, status, body));
        }
        // Virtuoso answers 200 OK with the rows it had when it hit a limit, and says so only in
        // these headers: such an answer is not the answer, so it is an error, never a result.
        if let Some(rows) = max_rows {
            return Err(Error::Endpoint {
                url: url.to_owned(),
                message: format!(
                    "the server cut the answer at {} rows (X-SPARQL-MaxRows), so it is incomplete",
                    rows.trim()
                ),
                hint: Some(
                    "raise the server's row limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini), or narrow the query",
                ),
            });
        }
        if let Some(state) = sql_state.filter(|s| !s.trim().is_empty()) {
            let detail = sql_message
                .map(|m| format!(": {}", m.trim()))
                .unwrap_or_default();
            let timeout = state.trim() == "S1TAT";
            return Err(Error::Endpoint {
                url: url.to_owned(),
                message: format!(
                    "the server sent a partial answer (X-SQL-State {}{detail}){}",
                    state.trim(),
                    if timeout {
                        ", stopped at its time limit"
                    } else {
                        ""
                    }
                ),
                hint: Some(
                    "raise the server's time limit (Virtuoso: MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini), or narrow the query",
                ),
            });
        }
        Ok(Reply {
            media_type,
            server,
            body: Box::new(body),
        })
    }

    fn transport_error(&self, url: &str, e: ureq::Error) -> Error {
        let (message, hint) = match &e {
            ureq::Error::Timeout(_) => (
                format!(
                    "no answer within {} s",
                    self.timeout
                        .as_secs_f64()
                        .to_string()
                        .trim_end_matches(".0")
                ),
                Some("raise --endpoint-timeout, or narrow the query"),
            ),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => (
                "connection refused".to_owned(),
                Some("is the server running, and listening at that host and port?"),
            ),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => (
                format!("no answer within {} s", self.timeout.as_secs_f64()),
                Some("raise --endpoint-timeout, or narrow the query"),
            ),
            ureq::Error::HostNotFound => (
                "host not found".to_owned(),
                Some("check the host name in the URL"),
            ),
            ureq::Error::BadUri(m) => return bad_url(url, m),
            ureq::Error::Http(m) => return bad_url(url, &m.to_string()),
            other => (other.to_string(), None),
        };
        Error::Endpoint {
            url: url.to_owned(),
            message,
            hint,
        }
    }
}

fn bad_url(url: &str, message: &str) -> Error {
    let https = url.starts_with("https:");
    Error::Endpoint {
        url: url.to_owned(),
        message: if https && !cfg!(feature = "tls") {
            "https needs TLS, which this claimgraph was built without".to_owned()
        } else {
            format!("not a usable URL: {message}")
        },
        hint: Some(if https && !cfg!(feature = "tls") {
            "rebuild with `cargo build --release --features tls`, or use http:// on a trusted network"
        } else {
            "write the endpoint as http://HOST:PORT/PATH"
        }),
    }
}

/// An HTTP error status, with the first line of what the server said about it.
fn http_error(url: &str, status: ureq::http::StatusCode, body: impl Read) -> Error {
    let mut text = Vec::new();
    let _ = body.take(8192).read_to_end(&mut text);
    let text = String::from_utf8_lossy(&text);
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('<'))
        .unwrap_or_default();
    let mut first: String = first.chars().take(300).collect();
    if !first.is_empty() {
        first.insert_str(0, ": ");
    }
    let hint = match status.as_u16() {
        401 | 403 => Some(
            "the server wants credentials or more rights: pass them with --header-file FILE or --auth-env VAR",
        ),
        404 => Some(
            "check the endpoint's path (Oxigraph server: /query, Virtuoso: /sparql, Graph Store: /store or /sparql-graph-crud)",
        ),
        405 => Some("this URL does not take that request; check --endpoint and --graph-store"),
        _ => None,
    };
    Error::Endpoint {
        url: url.to_owned(),
        message: format!(
            "HTTP {} {}{first}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .replace("  ", " "),
        hint,
    }
}

/// `url` with `params` appended to its query string, percent-encoded.
pub fn with_params(url: &str, params: &[(&str, &str)]) -> String {
    if params.is_empty() {
        return url.to_owned();
    }
    let mut out = url.to_owned();
    for (i, (name, value)) in params.iter().enumerate() {
        out.push(if i == 0 && !url.contains('?') {
            '?'
        } else {
            '&'
        });
        out.push_str(&percent_encode(name));
        if !value.is_empty() {
            out.push('=');
            out.push_str(&percent_encode(value));
        }
    }
    out
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Replaces every occurrence of a pattern by a replacement of the same length in a stream, so
/// that the answer is read as it arrives. Used for Virtuoso's blank node labels
/// (`nodeID://b1`), which are not valid labels for a SPARQL results parser.
pub struct Replace<R> {
    inner: R,
    from: &'static [u8],
    to: &'static [u8],
    buffer: Vec<u8>,
    start: usize,
    done: bool,
}

impl<R: Read> Replace<R> {
    pub fn new(inner: R, from: &'static [u8], to: &'static [u8]) -> Self {
        assert_eq!(from.len(), to.len(), "a replacement keeps the length");
        Replace {
            inner,
            from,
            to,
            buffer: Vec::new(),
            start: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Replace<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            // Bytes before the last `from.len() - 1` are final: no match can start among them
            // and end in bytes not read yet.
            let keep = if self.done { 0 } else { self.from.len() - 1 };
            let ready = self.buffer.len().saturating_sub(keep);
            if ready > self.start {
                let n = (ready - self.start).min(out.len());
                out[..n].copy_from_slice(&self.buffer[self.start..self.start + n]);
                self.start += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            self.buffer.drain(..self.start);
            self.start = 0;
            let before = self.buffer.len();
            let mut chunk = [0u8; 16384];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                self.done = true;
            }
            self.buffer.extend_from_slice(&chunk[..n]);
            // Rewrite matches that may begin in the carried-over tail.
            let from_index = before.saturating_sub(self.from.len() - 1);
            let mut i = from_index;
            while i + self.from.len() <= self.buffer.len() {
                if &self.buffer[i..i + self.from.len()] == self.from {
                    self.buffer[i..i + self.from.len()].copy_from_slice(self.to);
                    i += self.from.len();
                } else {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_across_reads() {
        // A reader that hands out three bytes at a time, so matches straddle reads.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(3).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = b"{\"value\":\"nodeID://b1\"},{\"value\":\"nodeID://b22\"} nodeID:/";
        let mut out = String::new();
        Replace::new(Slow(text), b"nodeID://", b"nodeID___")
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(
            out,
            "{\"value\":\"nodeID___b1\"},{\"value\":\"nodeID___b22\"} nodeID:/"
        );
    }

    #[test]
    fn parameters_are_percent_encoded() {
        assert_eq!(
            with_params(
                "http://h/store",
                &[("graph", "https://x.org/g/a b#c"), ("default", "")]
            ),
            "http://h/store?graph=https%3A%2F%2Fx.org%2Fg%2Fa%20b%23c&default"
        );
    }
}
