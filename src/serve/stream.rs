//! Answers sent while they are written: the work (a query, a graph dump) runs on a thread of its
//! own and writes into a [`Pipe`], which hands the bytes to the connection a chunk at a time
//! through a bounded channel, so an answer of any size holds only a few chunks in memory. The
//! connection reads them through a [`Stream`].
//!
//! The status is chosen when the first chunk is full (or the answer is done): an error before
//! that is an ordinary error answer (a 503 at the time limit, a 406, a 422 at the row limit).
//! After it the status has gone out as 200, so an error ends the answer as a read error: the
//! HTTP library then closes the connection without the last chunk of the chunked body, which
//! every client reports as an incomplete answer. The time limit covers the whole answer,
//! sending included.

use super::{Response, protocol};
use crate::query::watch::{self, Watch};
use crate::store::Dataset;
use oxigraph::sparql::CancellationToken;
use std::io::{self, Cursor, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::Duration;

/// Bytes gathered before they go to the connection as one piece.
const CHUNK: usize = 64 << 10;

/// Pieces written ahead of the client, waiting for it to read them.
const AHEAD: usize = 4;

/// The most bytes of one answer held in memory at once: the pieces waiting, the one the work
/// is handing over and the one being sent. A piece may pass [`CHUNK`] by the serializer's last
/// write, which for rows of ordinary terms is well under a kilobyte.
pub const MOST_HELD: u64 = ((AHEAD + 2) * CHUNK) as u64;

/// What the work hands to the connection.
enum Piece {
    /// The content type, before any byte.
    Media(String),
    Bytes(Vec<u8>),
    /// The last bytes, or why the answer stopped.
    Last(Result<Vec<u8>, Response>),
}

/// Where the work writes its answer. Writing blocks while the client is [`AHEAD`] pieces
/// behind, and fails once the connection has given up.
pub struct Pipe {
    send: SyncSender<Piece>,
    buffer: Vec<u8>,
    produced: Arc<AtomicU64>,
}

impl Pipe {
    /// Sets the answer's content type; call it before writing.
    pub fn media(&mut self, media: &str) {
        // A connection gone already is noticed at the next write.
        let _ = self.send.send(Piece::Media(media.to_owned()));
    }

    fn finish(mut self, outcome: Result<(), Response>) {
        let last = outcome.map(|()| std::mem::take(&mut self.buffer));
        if let Ok(bytes) = &last {
            self.produced
                .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
        let _ = self.send.send(Piece::Last(last));
    }
}

impl Write for Pipe {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            let full = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
            self.produced
                .fetch_add(full.len() as u64, Ordering::Relaxed);
            self.send.send(Piece::Bytes(full)).map_err(|_| {
                io::Error::new(io::ErrorKind::BrokenPipe, "the client stopped reading")
            })?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The rest of an answer still being written, after the first piece the response holds.
/// Reading waits for the work under the server's limits; an answer stopped midway is a read
/// error, never a shorter answer. Dropping it stops the work at its next read of the store.
pub struct Stream {
    wait: Receiver<Piece>,
    watch: Watch,
    current: Cursor<Vec<u8>>,
    done: bool,
    /// Bytes handed to the connection, the first piece included.
    sent: u64,
    produced: Arc<AtomicU64>,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("sent", &self.sent)
            .field("done", &self.done)
            .finish()
    }
}

impl Stream {
    /// The bytes the work has handed over so far, the response's first piece included: read
    /// or waiting to be. At most [`MOST_HELD`] more than the client has read.
    pub fn produced(&self) -> u64 {
        self.produced.load(Ordering::Relaxed)
    }

    /// The read error that ends an answer stopped midway.
    fn cut(&self, kind: io::ErrorKind, why: &Response) -> io::Error {
        let why = why.text();
        io::Error::new(
            kind,
            format!(
                "the answer was cut after {} bytes, so the client has an incomplete one: {}",
                self.sent,
                why.trim_end()
            ),
        )
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.current.read(buf)?;
            if n > 0 || self.done || buf.is_empty() {
                self.sent += n as u64;
                return Ok(n);
            }
            match self.watch.wait(&self.wait) {
                Ok(Piece::Bytes(bytes)) => self.current = Cursor::new(bytes),
                Ok(Piece::Last(Ok(bytes))) => {
                    self.current = Cursor::new(bytes);
                    self.done = true;
                }
                Ok(Piece::Last(Err(why))) => return Err(self.cut(io::ErrorKind::Other, &why)),
                Ok(Piece::Media(_)) => {}
                Err(e) => {
                    let kind = match e {
                        crate::Error::Timeout { .. } => io::ErrorKind::TimedOut,
                        _ => io::ErrorKind::Other,
                    };
                    return Err(self.cut(kind, &protocol::from_error(&e)));
                }
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // A client gone midway, or an answer read to its end: either way the work may stop.
        self.watch.token().cancel();
    }
}

/// Runs `work` on a thread of its own over `dataset`, writing into a pipe, and answers with
/// what it writes: an error answer when it fails before its first chunk (or at the time limit
/// before it), otherwise 200 with the first chunk and the rest as a [`Stream`].
pub(super) fn respond<F>(dataset: &Dataset, timeout: Option<Duration>, work: F) -> Response
where
    F: FnOnce(&Dataset, &mut Pipe) -> Result<(), Response> + Send + 'static,
{
    let (send, wait) = mpsc::sync_channel(AHEAD);
    let token = CancellationToken::new();
    let watch = Watch::start(timeout, token.clone());
    let produced = Arc::new(AtomicU64::new(0));
    let mut pipe = Pipe {
        send,
        buffer: Vec::with_capacity(CHUNK),
        produced: produced.clone(),
    };
    let started = watch::spawn(dataset, token, move |dataset| {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(dataset, &mut pipe)))
                .unwrap_or_else(|payload| {
                    Err(protocol::from_error(&crate::store::stopped(payload)))
                });
        pipe.finish(outcome);
    });
    if let Err(e) = started {
        return protocol::from_error(&e);
    }
    let mut media = "application/octet-stream".to_owned();
    loop {
        match watch.wait(&wait) {
            Ok(Piece::Media(m)) => media = m,
            Ok(Piece::Last(Ok(body))) => return Response::new(200, &media, body),
            Ok(Piece::Last(Err(why))) => return why,
            Ok(Piece::Bytes(first)) => {
                let sent = first.len() as u64;
                let mut response = Response::new(200, &media, first);
                response.rest = Some(Box::new(Stream {
                    wait,
                    watch,
                    current: Cursor::new(Vec::new()),
                    done: false,
                    sent,
                    produced,
                }));
                return response;
            }
            Err(e) => return protocol::from_error(&e),
        }
    }
}
