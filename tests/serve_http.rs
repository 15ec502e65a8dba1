//! `claimgraph serve` as a process on 127.0.0.1 and a free port, read by claimgraph's own
//! `--endpoint` client: every saved query, a chain and a `why` through the server give what
//! the embedded store gives; the JSON API's chain is byte for byte `chain --format json`; a
//! second server on the same port says why it cannot listen and exits non-zero; `push` loads
//! the server only with its token.

mod common;
use common::*;
mod serving;
use serving::Serve;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn through(serve: &Serve, args: &[&str]) -> Run {
    let endpoint = serve.url("/query");
    let mut all = vec!["--endpoint", endpoint.as_str()];
    all.extend_from_slice(args);
    run_in(&repo(), &all, None)
}

fn local(args: &[&str]) -> Run {
    run_in(&repo(), args, None)
}

fn saved_queries() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("queries"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "rq")
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_endpoint_client_reads_serve_as_it_reads_the_local_store() {
    let serve = Serve::start(bin(), &repo(), &[]);
    let names = saved_queries();
    assert!(names.len() > 10, "{names:?}");
    for name in &names {
        let expected = local(&["run", name, "--format", "tsv"]);
        let got = through(&serve, &["run", name, "--format", "tsv"]);
        expected.expect_ok();
        got.expect_ok();
        assert_same_text(&expected.stdout, &got.stdout);
    }
    let query =
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    for extra in [&[][..], &["--no-union"][..]] {
        let mut args = vec!["query", query, "--format", "csv"];
        args.extend_from_slice(extra);
        assert_same_text(
            &local(&args).expect_ok().stdout,
            &through(&serve, &args).expect_ok().stdout,
        );
    }
    let chain = ["chain", "--from", "stmt:tarar-talks-failed"];
    assert_same_text(
        &local(&chain).expect_ok().stdout,
        &through(&serve, &chain).expect_ok().stdout,
    );
    let stats = ["stats"];
    assert_same_text(
        &local(&stats).expect_ok().stdout,
        &through(&serve, &stats).expect_ok().stdout,
    );
}

#[test]
fn the_json_api_answers_as_the_command_line_does() {
    let serve = Serve::start(bin(), &repo(), &[]);
    let cases = [
        (
            "/api/chain?from=stmt%3Atarar-talks-failed",
            vec![
                "chain",
                "--from",
                "stmt:tarar-talks-failed",
                "--format",
                "json",
            ],
        ),
        (
            "/api/chain?between=Pakistan&between=Afghanistan",
            vec![
                "chain",
                "--between",
                "Pakistan",
                "Afghanistan",
                "--format",
                "json",
            ],
        ),
        (
            "/api/chain.svg?from=stmt%3Atarar-talks-failed",
            vec![
                "chain",
                "--from",
                "stmt:tarar-talks-failed",
                "--format",
                "svg",
            ],
        ),
        ("/api/mutual", vec!["mutual", "--format", "json"]),
        ("/api/queries", vec!["queries", "--format", "json"]),
        (
            "/api/run?name=who-is&bind=name%3DKabul",
            vec!["run", "who-is", "--bind", "name=Kabul", "--format", "json"],
        ),
        (
            "/api/timeline.svg?between=Pakistan&between=Kabul",
            vec!["plot", "timeline", "--between", "Pakistan", "Kabul"],
        ),
        (
            "/api/events?actor=tarar",
            vec!["events", "--actor", "tarar", "--format", "jsonl"],
        ),
    ];
    for (path, args) in cases {
        let expected = local(&args);
        expected.expect_ok();
        assert!(
            expected.stdout.len() > 100,
            "{args:?} says little: {}",
            expected.stdout
        );
        assert_same_text(&expected.stdout, &serve.get(path));
    }
}

#[test]
fn the_search_finds_what_claimgraph_search_finds_in_the_same_order() {
    let serve = Serve::start(bin(), &repo(), &[]);
    for text in ["tarrar", "Istanbul dialogue", "kabol"] {
        let cli = local(&["search", text, "--limit", "25", "--format", "json"]);
        let cli: serde_json::Value = serde_json::from_str(&cli.expect_ok().stdout).unwrap();
        let expected: Vec<&str> = cli["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["entity"]["value"].as_str().unwrap())
            .collect();
        let api: serde_json::Value =
            serde_json::from_str(&serve.get(&format!("/api/search?q={}", text.replace(' ', "+"))))
                .unwrap();
        let got: Vec<&str> = api
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["iri"].as_str().unwrap())
            .collect();
        assert!(!expected.is_empty(), "{text}: nothing found");
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn a_second_server_on_the_same_port_says_why_and_fails() {
    let serve = Serve::start(bin(), &repo(), &[]);
    let bind = format!("127.0.0.1:{}", serve.port);
    local(&["serve", "--bind", &bind]).expect_error(2, "cannot listen on");
    local(&["serve", "--allow-update"]).expect_error(2, "--allow-update needs a token");
    local(&[
        "serve",
        "--allow-update",
        "--token-env",
        "CLAIMGRAPH_NO_SUCH_VARIABLE",
    ])
    .expect_error(2, "CLAIMGRAPH_NO_SUCH_VARIABLE is not set");
}

#[test]
fn push_loads_the_server_only_with_its_token() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.nq", b"");
    let serve = Serve::start(
        bin(),
        &repo(),
        &[
            "--data",
            &empty,
            "--allow-update",
            "--token-env",
            "CLAIMGRAPH_TEST_TOKEN",
        ],
    );
    let wrong = write(
        dir.path(),
        "wrong",
        b"Authorization: Bearer not-the-token\n",
    );
    let right = write(
        dir.path(),
        "right",
        b"Authorization: Bearer token-for-the-test\n",
    );
    let endpoint = serve.url("/query");
    let push = |headers: &str| {
        run_in(
            &repo(),
            &["--endpoint", &endpoint, "--header-file", headers, "push"],
            None,
        )
    };
    let refused = push(&wrong);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(refused.stderr.contains("401"), "{}", refused.stderr);
    push(&right).expect_ok();
    let expected = local(&["stats"]);
    let got = through(&serve, &["stats"]);
    assert_same_text(&expected.expect_ok().stdout, &got.expect_ok().stdout);
}

#[test]
fn the_limits_hold_over_the_wire() {
    let serve = Serve::start(
        bin(),
        &repo(),
        &[
            "--max-body",
            "1000",
            "--max-rows",
            "2",
            "--cors",
            "https://a.example",
            "--timeout",
            "0.3",
        ],
    );
    let post = |body: String| {
        ureq::post(&serve.url("/query"))
            .config()
            .http_status_as_error(false)
            .build()
            .header("Content-Type", "application/sparql-query")
            .header("Origin", "https://a.example")
            .send(body)
            .unwrap()
    };
    let big = post(format!("ASK {{}} # {}", "x".repeat(2000)));
    assert_eq!(big.status(), 413);
    let rows = post("SELECT ?s WHERE { ?s a cg:Statement }".to_owned());
    assert_eq!(rows.status(), 422);
    let ok = post("SELECT ?s WHERE { ?s a cg:Statement } LIMIT 2".to_owned());
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("https://a.example")
    );
    let ten = "VALUES ?x { 0 1 2 3 4 5 6 7 8 9 }";
    let slow = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .map(|v| ten.replace("?x", &format!("?{v}")))
            .join(" ")
    );
    let mut stopped = post(slow);
    assert_eq!(stopped.status(), 503);
    let text = stopped.body_mut().read_to_string().unwrap();
    assert!(text.contains("ran longer than"), "{text}");
}
