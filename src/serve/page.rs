//! The web page at `/`: one HTML file, one script and one style sheet, embedded in the binary
//! so the page needs nothing from the network. It calls the JSON answers of `/api/` and the
//! SPARQL endpoint; it has no build step.

use super::Response;

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

pub(super) fn index() -> Response {
    Response::new(200, "text/html; charset=utf-8", INDEX)
        // The page loads only its own assets and talks only to this server.
        .with(
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
        )
}

pub(super) fn asset(path: &str) -> Response {
    match path {
        "/assets/app.js" => Response::new(200, "text/javascript; charset=utf-8", SCRIPT),
        "/assets/app.css" => Response::new(200, "text/css; charset=utf-8", STYLE),
        _ => Response::error(404, format!("nothing at {path}")),
    }
}
