//! What the server allows, and the checks every route makes: read-only unless updates were
//! allowed and a bearer token given (read from a file or the environment, never from the
//! command line, compared in constant time), time and row limits on queries, the request-body
//! cap, and CORS headers only for the one origin named.

use super::{Request, Response};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Duration;

/// What the server allows and the limits of each request.
#[derive(Clone, Default)]
pub struct Policy {
    /// Updates (`/update`) and Graph Store writes are accepted, with the token.
    pub allow_update: bool,
    /// The token writes must carry (`Authorization: Bearer ...`).
    pub token: Option<Token>,
    /// A query still running after this is stopped and answered with an error.
    pub timeout: Option<Duration>,
    /// An answer with more rows is an error, never a shortened answer.
    pub max_rows: Option<usize>,
    /// The origin browsers may call from (`*` for any); no CORS headers without it.
    pub cors: Option<String>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl std::fmt::Debug for Policy {
    // The token never appears in logs or panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("allow_update", &self.allow_update)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("timeout", &self.timeout)
            .field("max_rows", &self.max_rows)
            .field("cors", &self.cors)
            .field("body_limit", &self.body_limit)
            .finish()
    }
}

/// A secret kept as its SHA-256 digest: comparing two digests of fixed length byte by byte
/// without stopping early takes the same time whatever the guess, and says nothing of length.
#[derive(Clone)]
pub struct Token([u8; 32]);

impl Token {
    pub fn new(secret: &str) -> Result<Token> {
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(Error::Usage("the update token is empty".into()));
        }
        if secret.chars().any(|c| c.is_control() || c == ' ') {
            return Err(Error::Usage(
                "the update token holds spaces or control characters; a bearer token cannot".into(),
            ));
        }
        Ok(Token(Sha256::digest(secret.as_bytes()).into()))
    }

    /// Reads the token from a file (its first line).
    pub fn from_file(path: &Path) -> Result<Token> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Token::new(text.lines().next().unwrap_or_default())
            .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))
    }

    /// Reads the token from an environment variable.
    pub fn from_env(name: &str) -> Result<Token> {
        let value = std::env::var(name).map_err(|_| {
            Error::Usage(format!(
                "the environment variable {name} is not set (or not UTF-8)"
            ))
        })?;
        Token::new(&value).map_err(|e| Error::Usage(format!("${name}: {e}")))
    }

    /// Whether `offered` is the token, in time that does not depend on where they differ.
    pub fn matches(&self, offered: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(offered.as_bytes()).into();
        let difference = digest
            .iter()
            .zip(self.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(difference) == 0
    }
}

impl Policy {
    /// The policy's own consistency: updates need a token.
    pub fn check(&self) -> Result<()> {
        if self.allow_update && self.token.is_none() {
            return Err(Error::Usage(
                "--allow-update needs a token: --token-file FILE or --token-env VAR (never on the command line)".into(),
            ));
        }
        if !self.allow_update && self.token.is_some() {
            return Err(Error::Usage(
                "a token was given without --allow-update: the server would stay read-only".into(),
            ));
        }
        Ok(())
    }

    /// Lets a write through, or says why not: 403 on a read-only server, 401 without the
    /// right bearer token. Every write route calls it first.
    pub fn authorize_write(&self, request: &Request) -> std::result::Result<(), Response> {
        if !self.allow_update {
            return Err(Response::error(
                403,
                "this server is read-only: updates need `serve --allow-update` with a token",
            ));
        }
        let offered = request.get("authorization").and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        });
        match (&self.token, offered) {
            (Some(token), Some(offered)) if token.matches(offered.trim()) => Ok(()),
            _ => Err(Response::error(
                401,
                "updates need the server's token: Authorization: Bearer TOKEN",
            )
            .with("www-authenticate", "Bearer realm=\"claimgraph\"")),
        }
    }

    /// Adds the CORS headers when an origin was allowed and the request comes from it.
    pub fn with_cors(&self, request: &Request, response: Response) -> Response {
        match (&self.cors, request.get("origin")) {
            (Some(allowed), Some(origin)) if allowed == "*" || allowed == origin => response
                .with("access-control-allow-origin", allowed)
                .with("vary", "Origin"),
            _ => response,
        }
    }

    /// Answers a CORS preflight: the methods and headers allowed, when CORS is on.
    pub fn preflight(&self, request: &Request) -> Response {
        let response = Response::new(204, "text/plain", Vec::new())
            .with("allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        match (&self.cors, request.get("origin")) {
            (Some(allowed), Some(origin)) if allowed == "*" || allowed == origin => response
                .with(
                    "access-control-allow-methods",
                    "GET, HEAD, POST, PUT, DELETE, OPTIONS",
                )
                .with(
                    "access-control-allow-headers",
                    "Accept, Authorization, Content-Type",
                )
                .with("access-control-max-age", "600"),
            _ => response,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_matches_itself_only() {
        let token = Token::new("s3cret-token").unwrap();
        assert!(token.matches("s3cret-token"));
        assert!(!token.matches("s3cret-tokeN"));
        assert!(!token.matches("s3cret-token-and-more"));
        assert!(!token.matches(""));
        assert!(Token::new("  ").is_err());
        assert!(Token::new("two words").is_err());
    }

    #[test]
    fn updates_without_a_token_are_a_usage_error() {
        let policy = Policy {
            allow_update: true,
            ..Policy::default()
        };
        assert!(policy.check().is_err());
    }
}
