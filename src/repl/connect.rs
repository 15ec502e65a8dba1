//! `.connect URL`: the shell leaves the data it is on for a SPARQL server, with the headers and
//! time limit given on the command line (`claimgraph --endpoint URL` opens it there at once).

use super::{Session, Step};
use crate::error::{Error, Result};
use crate::store::Dataset;
use crate::store::remote::Endpoint;

impl Session {
    /// The server options of the command line, for `.connect`.
    pub fn with_endpoint(mut self, endpoint: Option<Endpoint>) -> Session {
        self.endpoint = endpoint;
        self
    }

    pub(super) fn connect(&mut self, args: &str) -> Result<Step> {
        let words = shlex::split(args)
            .ok_or_else(|| Error::Usage(format!("unbalanced quotes in {args:?}")))?;
        match words.as_slice() {
            [] => Ok(Step::Output(format!("on {}\n", self.describe))),
            [url] if url.starts_with("http://") || url.starts_with("https://") => {
                let endpoint = Endpoint {
                    query: url.clone(),
                    update: None,
                    graph_store: None,
                    ..self.endpoint.clone().unwrap_or_default()
                };
                let dataset = Dataset::open_endpoint(&endpoint, self.dataset.texts.roots.clone())?;
                let dialect = dataset.remote().map(|r| r.dialect().name()).unwrap_or("");
                let counts = crate::stats::stats(&dataset)?;
                self.dataset = dataset;
                self.chain = None;
                self.data_changed = true;
                self.describe = url.clone();
                Ok(Step::Output(format!(
                    "connected to {url} ({dialect}): {} quads in {} graphs\n",
                    counts.quads, counts.graphs
                )))
            }
            _ => Err(Error::Usage(
                ".connect takes the URL of a SPARQL query endpoint (http://HOST:PORT/PATH)".into(),
            )),
        }
    }
}
