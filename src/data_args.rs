//! The data options every command and the shell's start take (`--data`, `--store`, `--texts`,
//! and the SPARQL server ones: `--endpoint`, `--update-endpoint`, `--graph-store`, headers, and
//! the server's time limit), and the server they describe.

use crate::error::{Error, Result};
use crate::store::remote::Endpoint;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which data to work on; accepted before or after the command name.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Load RDF from this file or folder instead of the bundled corpus (repeatable). Folders are
    /// searched recursively; the format comes from the extension: .ttl .trig .nt .nq .rdf .owl .jsonld
    #[arg(long, value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,

    /// Load the bundled corpus as well as --data.
    #[arg(long, global = true)]
    pub with_corpus: bool,

    /// Use the on-disk store in DIR instead of loading data in memory (needs the `rocksdb`
    /// feature; create one with `claimgraph load --store DIR`).
    #[arg(long, value_name = "DIR", global = true)]
    pub store: Option<PathBuf>,

    /// Print nothing but the answer and errors: no progress bars, no summary lines on standard
    /// error.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Include the proposals of `claimgraph ingest` that wait for review (the workspace's
    /// drafts); without it, answers come from curated data only.
    #[arg(long, global = true)]
    pub drafts: bool,

    /// Read the data from this SPARQL server (its query endpoint) instead of loading it; `push`
    /// loads a server. Oxigraph server: http://HOST:7878/query; Virtuoso: http://HOST:8890/sparql.
    #[arg(
        long,
        value_name = "URL",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub endpoint: Option<String>,

    /// The server's SPARQL Update endpoint [default: Oxigraph server's /update beside /query,
    /// the query endpoint elsewhere].
    #[arg(
        long,
        value_name = "URL",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub update_endpoint: Option<String>,

    /// The server's Graph Store Protocol endpoint, which `push` uses when there is one
    /// [default: Oxigraph server's /store; none elsewhere].
    #[arg(
        long,
        value_name = "URL",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub graph_store: Option<String>,

    /// A header sent with every request, as 'NAME: VALUE' (repeatable). Keep secrets out of the
    /// command line: use --header-file or --auth-env for them.
    #[arg(
        long,
        value_name = "NAME: VALUE",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub header: Vec<String>,

    /// Read headers ('NAME: VALUE' lines, such as an Authorization header) from FILE.
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub header_file: Option<PathBuf>,

    /// Send the value of the environment variable VAR as the Authorization header ("Bearer
    /// TOKEN", "Basic ..."; a value without a scheme is sent as a bearer token).
    #[arg(
        long,
        value_name = "VAR",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub auth_env: Option<String>,

    /// How long to wait for the server to connect and begin its answer [default: 600].
    #[arg(
        long,
        value_name = "SECONDS",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub endpoint_timeout: Option<f64>,

    /// Look for source texts (cg:textFile) in DIR (repeatable): a server holds none, so `check`
    /// over --endpoint reads them here (the bundled texts are found without it).
    #[arg(
        long,
        value_name = "DIR",
        global = true,
        help_heading = "SPARQL server"
    )]
    pub texts: Vec<PathBuf>,
}

/// The server the endpoint options describe, if any, with its headers read from the file or
/// the environment variable they name.
pub fn endpoint(args: &DataArgs) -> Result<Option<Endpoint>> {
    let Some(query) = &args.endpoint else {
        for (given, flag) in [
            (args.update_endpoint.is_some(), "--update-endpoint"),
            (args.graph_store.is_some(), "--graph-store"),
            (!args.header.is_empty(), "--header"),
            (args.header_file.is_some(), "--header-file"),
            (args.auth_env.is_some(), "--auth-env"),
            (args.endpoint_timeout.is_some(), "--endpoint-timeout"),
        ] {
            if given {
                return Err(Error::Usage(format!(
                    "{flag} goes with --endpoint URL, the server's query endpoint"
                )));
            }
        }
        return Ok(None);
    };
    let mut headers = Vec::new();
    for h in &args.header {
        headers.push(header(h, "--header")?);
    }
    if let Some(file) = &args.header_file {
        headers.extend(header_file(file)?);
    }
    if let Some(var) = &args.auth_env {
        let value = std::env::var(var).map_err(|_| {
            Error::Usage(format!(
                "--auth-env {var}: the environment variable {var} is not set"
            ))
        })?;
        let value = value.trim();
        let value = if value.contains(' ') {
            value.to_owned()
        } else {
            format!("Bearer {value}")
        };
        headers.push(("Authorization".to_owned(), value));
    }
    let timeout = match args.endpoint_timeout {
        Some(s) if !(s.is_finite() && s > 0.0) => {
            return Err(Error::Usage(format!(
                "--endpoint-timeout {s}: give a positive number of seconds"
            )));
        }
        other => other.map(Duration::from_secs_f64),
    };
    for (url, flag) in [
        (Some(query), "--endpoint"),
        (args.update_endpoint.as_ref(), "--update-endpoint"),
        (args.graph_store.as_ref(), "--graph-store"),
    ] {
        if let Some(url) = url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::Usage(format!(
                    "{flag} {url}: give an http:// or https:// URL"
                )));
            }
            if url.starts_with("https://") && !cfg!(feature = "tls") {
                return Err(Error::Endpoint {
                    url: url.clone(),
                    message: "https needs TLS, which this claimgraph was built without".into(),
                    hint: Some(
                        "rebuild with `cargo build --release --features tls`, or use http:// on a trusted network",
                    ),
                });
            }
        }
    }
    Ok(Some(Endpoint {
        query: query.clone(),
        update: args.update_endpoint.clone(),
        graph_store: args.graph_store.clone(),
        headers,
        timeout,
    }))
}

/// `NAME: VALUE`.
fn header(text: &str, origin: &str) -> Result<(String, String)> {
    let (name, value) = text
        .split_once(':')
        .filter(|(n, _)| {
            !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_graphic() && b != b':')
        })
        .ok_or_else(|| {
            Error::Usage(format!(
                "{origin}: expected a header as 'NAME: VALUE', as 'Authorization: Bearer ...'"
            ))
        })?;
    Ok((name.trim().to_owned(), value.trim().to_owned()))
}

/// Headers from a file, one `NAME: VALUE` a line; blank lines and `#` comments are skipped.
fn header_file(path: &Path) -> Result<Vec<(String, String)>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let origin = path.display().to_string();
    let text = crate::error::text_from_utf8(bytes, &origin)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| header(l, &format!("{origin}:{}", i + 1)))
        .collect()
}
