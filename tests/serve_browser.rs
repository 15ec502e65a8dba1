//! The web page of `claimgraph serve` in a real headless browser (Debian's chromium, driven
//! through chromium-driver's WebDriver protocol, spoken here with ureq and JSON): search an act
//! by typing and pressing Enter, open its chain, click a hop and read the quote that states the
//! link highlighted in its sentence, then ask why for the act. Screenshots of each step are
//! saved in the target folder's tmp/serve-browser/ as artifacts.
//!
//! Needs `chromium` and `chromedriver` on PATH (Debian: chromium, chromium-driver); `.ci/setup`
//! installs both.

mod common;
mod serving;
use common::*;
use serde_json::{Value, json};
use serving::{Serve, free_port, wait_for};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The W3C WebDriver name of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session, closed with its driver when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn send(method: &str, url: &str, body: Option<Value>) -> Value {
    let response = match method {
        "GET" => ureq::get(url)
            .config()
            .http_status_as_error(false)
            .build()
            .call(),
        _ => ureq::post(url)
            .config()
            .http_status_as_error(false)
            .build()
            .header("Content-Type", "application/json")
            .send(body.unwrap_or_else(|| json!({})).to_string()),
    };
    let text = response.unwrap().into_body().read_to_string().unwrap();
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{url}: {text}"));
    value["value"].clone()
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver on PATH (Debian: chromium-driver)");
        wait_for(port, &mut driver, "chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1100,1400"]
            }
        }}});
        let created = send("POST", &format!("{base}/session"), Some(capabilities));
        let session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_owned();
        Browser {
            driver,
            base,
            session,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    fn open(&self, url: &str) {
        send("POST", &self.url("/url"), Some(json!({ "url": url })));
    }

    /// The element a CSS selector finds, waiting up to a minute for it to appear.
    fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let found = send(
                "POST",
                &self.url("/element"),
                Some(json!({"using": "css selector", "value": css})),
            );
            if let Some(id) = found[ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{css} never appeared: {found}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        send("POST", &self.url(&format!("/element/{id}/click")), None);
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        send(
            "POST",
            &self.url(&format!("/element/{id}/value")),
            Some(json!({ "text": text })),
        );
    }

    /// Runs a script in the page and returns its value.
    fn script(&self, body: &str) -> Value {
        send(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({ "script": body, "args": [] })),
        )
    }

    /// Waits up to a minute for a script to return true.
    fn until(&self, body: &str) {
        let started = Instant::now();
        while self.script(body) != json!(true) {
            assert!(started.elapsed() < Duration::from_secs(60), "never: {body}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        send("GET", &self.url(&format!("/element/{id}/text")), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Saves a screenshot as an artifact of the test run.
    fn screenshot(&self, name: &str) {
        let png = send("GET", &self.url("/screenshot"), None);
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-browser");
        std::fs::create_dir_all(&dir).unwrap();
        let bytes = base64(png.as_str().unwrap());
        assert!(bytes.starts_with(b"\x89PNG"), "{name} is not a PNG");
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }
}

/// Decodes standard base64 (the screenshot's encoding).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

const ACT: &str = "https://claimgraph.org/id/statement/tarar-talks-failed";
const ANSWER: &str = "https://claimgraph.org/id/statement/afghan-delegation-counter-narrative";

#[test]
fn a_reader_follows_a_chain_to_the_words_of_the_source() {
    let serve = Serve::start(bin(), &repo(), &[]);
    let browser = Browser::start();
    browser.open(&serve.url("/"));
    // Typed and submitted with the Enter key: the search needs no mouse.
    browser.type_into("#search", "istanbul dialogue failed\u{E007}");
    browser.click(&format!("button.result[data-iri=\"{ACT}\"]"));
    browser.find(&format!("button.hop[data-act=\"{ANSWER}\"]"));
    browser.screenshot("1-chain");
    let chain = browser.text("#chain");
    assert!(chain.contains("counter-accuses"), "{chain}");
    // The chain as a picture, opened from the keyboard-reachable disclosure.
    browser.click("#chain-picture-box summary");
    browser.until(
        "const i = document.querySelector('#chain-picture img'); return !!i && i.complete && i.naturalWidth > 0;",
    );

    browser.click(&format!("button.hop[data-act=\"{ANSWER}\"]"));
    let marked = browser.text("#why blockquote mark");
    assert!(
        marked.contains("presented a counter-narrative"),
        "the quote that states the link: {marked}"
    );
    browser.screenshot("2-why-link");

    browser.click("#why-act");
    let started = Instant::now();
    while !browser.text("#why-target").contains("tarar-talks-failed")
        || browser.text("#why-target").contains("link")
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "why never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let grounds = browser.text("#why");
    assert!(grounds.contains("Attaullah Tarar, announced"), "{grounds}");
    browser.screenshot("3-why-act");

    browser.type_into("#party-a", "Pakistan");
    browser.type_into("#party-b", "Kabul\u{E007}");
    browser.until(
        "const i = document.querySelector('#timeline img'); return !!i && i.complete && i.naturalWidth > 0;",
    );
    browser.screenshot("4-timeline");

    browser.until("return document.querySelectorAll('#saved option').length > 10;");
    browser.script("const s = document.getElementById('saved'); s.value = 'who-is'; s.dispatchEvent(new Event('change'));");
    browser.type_into("#saved-binds input", "Kabul\u{E007}");
    browser.find("#saved-result table td");
    let rows = browser.text("#saved-result table");
    assert!(rows.contains("afghan-taliban-government"), "{rows}");
    browser.screenshot("5-saved-query");

    // At a phone's width the page is one column: nothing wider than the window but the tables
    // and pictures, which scroll inside their own boxes.
    send(
        "POST",
        &browser.url("/window/rect"),
        Some(json!({"width": 420, "height": 900})),
    );
    browser.until("return document.documentElement.scrollWidth <= window.innerWidth;");
    browser.click(&format!("button.result[data-iri=\"{ACT}\"]"));
    browser.screenshot("6-phone-width");
}

/// A page of another site: a blank HTML page served on a port of its own, to any request.
fn another_site() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let page = "<!doctype html><title>another site</title><p>another site</p>";
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = std::io::Write::write_all(&mut stream, response.as_bytes());
        }
    });
    port
}

/// Cross-origin writes as a browser makes them, from a page of another site allowed with
/// `--cors`. POST writes (an update, adding to a graph) pass the preflight, which allows the
/// Authorization header; PUT and DELETE are refused by the browser, because the HTTP library
/// drops `Access-Control-Allow-Methods` from the preflight answer (see README "Serving the
/// graph"). If they ever pass, the README must say so.
#[test]
fn a_page_of_the_allowed_origin_writes_by_post_but_not_by_put_or_delete() {
    let site = format!("http://127.0.0.1:{}", another_site());
    let serve = Serve::start(
        bin(),
        &repo(),
        &[
            "--cors",
            &site,
            "--allow-update",
            "--token-env",
            "CLAIMGRAPH_TEST_TOKEN",
        ],
    );
    let browser = Browser::start();
    browser.open(&format!("{site}/"));
    let write = |method: &str, path: &str, content_type: &str, body: &str| {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             fetch('{}', {{ method: '{method}', headers: {{
                 'Authorization': 'Bearer token-for-the-test', 'Content-Type': '{content_type}' }},
                 body: {body:?} }})
               .then(r => done('status ' + r.status), e => done('refused: ' + e));",
            serve.url(path)
        );
        send(
            "POST",
            &browser.url("/execute/async"),
            Some(json!({ "script": script, "args": [] })),
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    };
    let update = "update=INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> \"o\" } }";
    let form = "application/x-www-form-urlencoded";
    assert_eq!(write("POST", "/update", form, update), "status 204");
    let turtle = "<urn:x:s> <urn:x:p> \"more\" .";
    let graph = "/store?graph=urn%3Ax%3Ag";
    assert_eq!(write("POST", graph, "text/turtle", turtle), "status 204");
    let put = write("PUT", graph, "text/turtle", turtle);
    assert!(
        put.starts_with("refused"),
        "PUT passed the preflight: {put}"
    );
    let delete = write("DELETE", graph, "text/turtle", "");
    assert!(delete.starts_with("refused"), "DELETE passed: {delete}");
    // The same PUT from the server's own origin (no CORS involved) is accepted: the refusal
    // above is the preflight's.
    browser.open(&serve.url("/nothing-here"));
    assert_eq!(write("PUT", graph, "text/turtle", turtle), "status 204");
}
