//! Work under watch: a query, or any answer that reads the store (a chain, `why`, a graph dump),
//! runs on a thread of its own while the caller waits for it, and stops at a time limit, on
//! cancellation, or when the process outgrows its memory budget.

use super::limits;
use crate::error::{Error, Result};
use crate::store::Dataset;
use oxigraph::sparql::CancellationToken;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs `work` on a thread with a large stack (the parser and evaluator recurse once per level
/// of a query), over `dataset` made to stop reading once `token` is cancelled, and waits for its
/// result. At the time limit, on cancellation from elsewhere, or over the memory budget, the
/// token is cancelled (so the thread stops at its next read of the store) and the caller gets
/// the error at once.
pub fn watched<T, F>(
    dataset: &Dataset,
    timeout: Option<Duration>,
    token: CancellationToken,
    work: F,
) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&Dataset) -> Result<T> + Send + 'static,
{
    let (done, wait) = mpsc::channel();
    let watch = Watch::start(timeout, token.clone());
    spawn(dataset, token, move |dataset| {
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(dataset)))
            .unwrap_or_else(|payload| Err(crate::store::stopped(payload)));
        // The receiver may have given up already; then nobody needs the answer.
        let _ = done.send(answer);
    })?;
    watch.wait(&wait)?
}

/// Starts `work` on a thread with the large stack queries need, over `dataset` made to stop
/// reading once `token` is cancelled. The work reports through channels of its own, which the
/// caller waits on with a [`Watch`].
pub fn spawn<F>(dataset: &Dataset, token: CancellationToken, work: F) -> Result<()>
where
    F: FnOnce(&Dataset) + Send + 'static,
{
    let dataset = dataset.cancellable(token);
    std::thread::Builder::new()
        .name("query".into())
        .stack_size(limits::STACK_BYTES)
        .spawn(move || work(&dataset))
        .map(drop)
        .map_err(|e| Error::Internal(format!("no thread for the query: {e}")))
}

/// The limits of one piece of work, from its start: waits on what the work sends and stops it
/// (cancels its token) at its time limit, on cancellation from elsewhere, or when the process
/// has grown by more than the memory budget. A server streaming an answer waits on each of
/// its chunks with the same watch, so the limit covers the whole answer.
pub struct Watch {
    started: Instant,
    timeout: Option<Duration>,
    token: CancellationToken,
    memory: Option<limits::MemoryWatch>,
}

impl Watch {
    pub fn start(timeout: Option<Duration>, token: CancellationToken) -> Watch {
        Watch {
            started: Instant::now(),
            timeout,
            token,
            memory: limits::MemoryWatch::start(),
        }
    }

    /// The token the work stops on.
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }

    /// Waits for the next thing the work sends, or stops it.
    pub fn wait<T>(&self, wait: &mpsc::Receiver<T>) -> Result<T> {
        // Wake up often enough to notice a cancellation from elsewhere promptly.
        let tick = Duration::from_millis(20);
        loop {
            let wait_for = match self.timeout {
                Some(limit) => match limit.checked_sub(self.started.elapsed()) {
                    Some(left) => left.min(tick),
                    None => {
                        self.token.cancel();
                        return Err(Error::Timeout {
                            seconds: limit.as_secs_f64(),
                        });
                    }
                },
                None => tick,
            };
            match wait.recv_timeout(wait_for) {
                Ok(answer) => return Ok(answer),
                Err(mpsc::RecvTimeoutError::Timeout) if self.token.is_cancelled() => {
                    return Err(Error::Cancelled);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some((watch, grown)) = self.memory.and_then(|m| Some((m, m.exceeded()?)))
                    {
                        self.token.cancel();
                        return Err(over_budget(watch, grown));
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::Internal(
                        "the query thread stopped without an answer".into(),
                    ));
                }
            }
        }
    }
}

fn over_budget(watch: limits::MemoryWatch, grown: u64) -> Error {
    Error::Limit {
        what: format!(
            "query stopped: it took {} MiB of memory, over its budget of {} MiB",
            grown >> 20,
            watch.budget >> 20
        ),
        hint: "narrow the query (OPTIONALs or groups that share no variable multiply their rows), or set CLAIMGRAPH_QUERY_MEMORY to a budget in MiB; the default is half the memory available",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::QuadPattern;
    use oxigraph::model::{GraphName, NamedNode, Quad};

    fn dataset_of(n: usize) -> Dataset {
        let dataset = Dataset::in_memory(Default::default()).unwrap();
        let p = NamedNode::new_unchecked("http://example.org/p");
        let quads: Vec<Quad> = (0..n)
            .map(|i| {
                let s = NamedNode::new_unchecked(format!("http://example.org/s{i}"));
                Quad::new(s, p.clone(), p.clone(), GraphName::DefaultGraph)
            })
            .collect();
        dataset.insert(&quads).unwrap();
        dataset
    }

    #[test]
    fn work_that_keeps_reading_stops_at_the_time_limit() {
        let (ended, end) = mpsc::channel();
        let endless = move |dataset: &Dataset| -> Result<()> {
            let outcome: Result<()> = (|| loop {
                for quad in dataset.quads(&QuadPattern::default())? {
                    quad?;
                }
            })();
            ended.send(outcome).unwrap();
            Ok(())
        };
        let limit = Some(Duration::from_millis(50));
        let answer = watched(&dataset_of(100), limit, CancellationToken::new(), endless);
        assert!(matches!(answer, Err(Error::Timeout { .. })));
        // The work itself stopped, at its next read, with the cancellation.
        let outcome = end.recv_timeout(Duration::from_secs(30)).unwrap();
        assert!(matches!(outcome, Err(Error::Cancelled)), "{outcome:?}");
    }

    #[test]
    fn work_that_finishes_in_time_gives_its_answer() {
        let count = |dataset: &Dataset| dataset.quads(&QuadPattern::default())?.count_ok();
        let limit = Some(Duration::from_secs(60));
        let answer = watched(&dataset_of(10), limit, CancellationToken::new(), count);
        assert_eq!(answer.unwrap(), 10);
    }

    #[test]
    fn a_cancelled_dataset_refuses_every_read() {
        let token = CancellationToken::new();
        let dataset = dataset_of(3).cancellable(token.clone());
        assert_eq!(dataset.len().unwrap(), 3);
        token.cancel();
        assert!(matches!(dataset.len(), Err(Error::Cancelled)));
        assert!(matches!(dataset.graph_names(), Err(Error::Cancelled)));
        assert!(dataset.quads(&QuadPattern::default()).is_err());
        let select = spargebra::SparqlParser::new()
            .parse_query("SELECT * WHERE { ?s ?p ?o }")
            .unwrap();
        assert!(
            dataset
                .select_each(select.clone(), true, &mut |_| Ok(()))
                .is_err()
        );
        assert!(
            dataset
                .evaluate(select, true, CancellationToken::new())
                .is_err()
        );
    }

    /// Counts the items of a stream of results, stopping at the first error.
    trait CountOk {
        fn count_ok(self) -> Result<usize>;
    }

    impl<I: Iterator<Item = Result<Quad>>> CountOk for I {
        fn count_ok(self) -> Result<usize> {
            self.map(|q| q.map(|_| 1)).sum()
        }
    }
}
