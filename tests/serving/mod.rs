//! `claimgraph serve` started for a test on 127.0.0.1 and a free port, stopped when dropped
//! (pass or fail); shared by the tests that speak to it over HTTP.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free port on loopback, as the system hands one out.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something listens on `port`, or panics after two minutes.
pub fn wait_for(port: u16, child: &mut Child, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} stopped at start: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{what} never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running server.
pub struct Serve {
    child: Child,
    pub port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Starts `bin serve --bind 127.0.0.1:PORT EXTRA...` in `dir`.
    pub fn start(bin: &str, dir: &Path, extra: &[&str]) -> Serve {
        let port = free_port();
        let bind = format!("127.0.0.1:{port}");
        let mut args = vec!["serve", "--bind", &bind];
        args.extend_from_slice(extra);
        let child = Command::new(bin)
            .args(&args)
            .current_dir(dir)
            .env("CLAIMGRAPH_TEST_TOKEN", "token-for-the-test")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut serve = Serve { child, port };
        wait_for(port, &mut serve.child, "serve");
        serve
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn get(&self, path: &str) -> String {
        ureq::get(&self.url(path))
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap()
    }
}
