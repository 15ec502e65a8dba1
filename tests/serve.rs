//! `claimgraph serve`'s request handler called in-process, without sockets, on the bundled
//! corpus: the SPARQL 1.1 Protocol's three ways to send a query, each results and graph format
//! by content negotiation (q-values, 406), errors as one line (400), the request's dataset
//! (default-graph-uri, named-graph-uri), the Graph Store Protocol's reads, and the safety
//! defaults: read-only, the token on every write route, the row limit, the timeout, CORS and
//! the body cap.

use claimgraph::serve::safety::{Policy, Token};
use claimgraph::serve::{DEFAULT_BODY_LIMIT, Request, Response, Server};
use claimgraph::store::{DataOptions, Dataset};
use std::sync::OnceLock;
use std::time::Duration;

/// A graph of the corpus: the Afghan delegation's counter-narrative.
const GRAPH: &str = "https://claimgraph.org/id/graph/istanbul/afghan-counter-narrative";
const SPEAKERS: &str =
    "SELECT DISTINCT ?who WHERE { ?s a cg:Statement ; cg:speaker ?who } ORDER BY ?who";

fn corpus() -> Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::open(&DataOptions::default()).unwrap())
        .clone()
}

fn policy() -> Policy {
    Policy {
        body_limit: DEFAULT_BODY_LIMIT,
        ..Policy::default()
    }
}

fn server() -> Server {
    Server::new(corpus(), policy())
}

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn get(query: &str, accept: Option<&str>) -> Response {
    let mut request = Request::new("GET", &format!("/query?query={}", enc(query)));
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    server().handle(&request)
}

#[track_caller]
fn expect(response: &Response, status: u16, media: &str) {
    assert_eq!(response.status, status, "{}", response.text());
    let got = response.get("content-type").unwrap_or_default();
    assert!(got.starts_with(media), "content-type {got}, not {media}");
}

#[test]
fn each_results_format_is_chosen_by_accept() {
    let cases = [
        (
            None,
            "application/sparql-results+json",
            "\"vars\":[\"who\"]",
        ),
        (
            Some("application/sparql-results+xml"),
            "application/sparql-results+xml",
            "<variable name=\"who\"/>",
        ),
        (Some("text/csv"), "text/csv", "who\r\n"),
        (
            Some("text/tab-separated-values"),
            "text/tab-separated-values",
            "?who\n",
        ),
        (Some("application/json"), "application/json", "\"bindings\""),
    ];
    for (accept, media, needle) in cases {
        let response = get(SPEAKERS, accept);
        expect(&response, 200, media);
        assert!(
            response.text().contains(needle),
            "{media}: {}",
            response.text()
        );
        assert!(
            response.text().contains("actor/"),
            "{media}: no speaker in {}",
            response.text()
        );
    }
}

#[test]
fn q_values_pick_the_preferred_format_and_nothing_acceptable_is_406() {
    let response = get(
        SPEAKERS,
        Some("text/csv;q=0.5, application/sparql-results+xml;q=0.9"),
    );
    expect(&response, 200, "application/sparql-results+xml");
    let response = get(SPEAKERS, Some("text/*;q=0.2, */*;q=0.1"));
    expect(&response, 200, "text/csv");
    let response = get(SPEAKERS, Some("text/html"));
    expect(&response, 406, "text/plain");
    assert!(response.text().contains("text/html"), "{}", response.text());
    // A graph answer asked for in a results format only: 406 too.
    let construct =
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <".to_owned() + GRAPH + "> { ?s ?p ?o } }";
    expect(&get(&construct, Some("text/csv")), 406, "text/plain");
}

#[test]
fn graphs_come_in_each_rdf_format() {
    let construct = format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}");
    let cases = [
        (None, "text/turtle", "cg:counterAccuses"),
        (
            Some("application/n-triples"),
            "application/n-triples",
            "<https://claimgraph.org/ns#counterAccuses>",
        ),
        (
            Some("application/rdf+xml"),
            "application/rdf+xml",
            "<rdf:RDF",
        ),
        (
            Some("application/trig, text/turtle;q=0.1"),
            "application/trig",
            "counterAccuses",
        ),
    ];
    for (accept, media, needle) in cases {
        let response = get(&construct, accept);
        expect(&response, 200, media);
        assert!(
            response.text().contains(needle),
            "{media}: {}",
            response.text()
        );
    }
}

#[test]
fn form_post_and_direct_post_answer_as_get_does() {
    let by_get = get(SPEAKERS, None);
    let form = Request::new("POST", "/query")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("query={}", enc(SPEAKERS)));
    let direct = Request::new("POST", "/query")
        .header("Content-Type", "application/sparql-query; charset=utf-8")
        .body(SPEAKERS);
    for request in [form, direct] {
        let response = server().handle(&request);
        expect(&response, 200, "application/sparql-results+json");
        assert_eq!(response.body, by_get.body);
    }
    let other = Request::new("POST", "/query")
        .header("Content-Type", "text/plain")
        .body(SPEAKERS);
    expect(&server().handle(&other), 415, "text/plain");
    let twice = Request::new("GET", &format!("/query?query={0}&query={0}", enc(SPEAKERS)));
    expect(&server().handle(&twice), 400, "text/plain");
}

#[test]
fn a_bad_query_is_400_with_one_line_saying_where() {
    let response = get("SELECT ?x WHERE { ?x ?y }", None);
    expect(&response, 400, "text/plain");
    let text = response.text();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("<query>:1:"), "{text}");
    let response = get("INSERT DATA { <a:b> <a:c> <a:d> }", None);
    expect(&response, 400, "text/plain");
}

fn count(response: &Response) -> usize {
    let text = response.text();
    let n = text
        .lines()
        .nth(1)
        .unwrap_or_else(|| panic!("no row in {text}"));
    n.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {text}"))
}

#[test]
fn default_graph_uri_and_named_graph_uri_set_the_dataset() {
    let all = count(&get(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        Some("text/csv"),
    ));
    let one = Request::new(
        "GET",
        &format!(
            "/query?query={}&default-graph-uri={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
            enc(GRAPH)
        ),
    )
    .header("Accept", "text/csv");
    let in_graph = count(&server().handle(&one));
    let stored = server().handle(
        &Request::new("GET", &format!("/store?graph={}", enc(GRAPH)))
            .header("Accept", "application/n-triples"),
    );
    expect(&stored, 200, "application/n-triples");
    assert_eq!(in_graph, stored.text().lines().count());
    assert!(0 < in_graph && in_graph < all, "{in_graph} of {all}");

    let named = Request::new(
        "GET",
        &format!(
            "/query?query={}&named-graph-uri={}",
            enc("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
            enc(GRAPH)
        ),
    )
    .header("Accept", "text/tab-separated-values");
    assert_eq!(server().handle(&named).text(), format!("?g\n<{GRAPH}>\n"));
    let bad = Request::new(
        "GET",
        &format!(
            "/query?query={}&default-graph-uri=not%20an%20iri",
            enc(SPEAKERS)
        ),
    );
    expect(&server().handle(&bad), 400, "text/plain");
}

#[test]
fn the_graph_store_reads_graphs_and_says_which_is_missing() {
    let missing = server().handle(&Request::new("GET", "/store?graph=urn%3Ax%3Anone"));
    expect(&missing, 404, "text/plain");
    let whole = |request: Request| server().handle(&request).finish().unwrap();
    let default = whole(Request::new("GET", "/store?default").header("Accept", "text/turtle"));
    expect(&default, 200, "text/turtle");
    assert!(
        default.text().contains("cg:Source"),
        "the ontology lives in the default graph"
    );
    let all = whole(Request::new("GET", "/store").header("Accept", "application/n-quads"));
    expect(&all, 200, "application/n-quads");
    assert!(all.text().contains(&format!("<{GRAPH}> .")));
}

#[test]
fn without_a_query_get_describes_the_service() {
    let response = server().handle(&Request::new("GET", "/query").header("Host", "127.0.0.1:7878"));
    expect(&response, 200, "text/turtle");
    let text = response.text();
    assert!(
        text.contains("sd:Service") || text.contains("sparql-service-description#Service"),
        "{text}"
    );
    assert!(text.contains("<http://127.0.0.1:7878/query>"), "{text}");
    assert!(
        !text.contains("SPARQL11Update"),
        "a read-only server offers no update: {text}"
    );
    let forged = server().handle(
        &Request::new("GET", "/query").header("Host", "x/query> a <urn:x:Injected> . <urn:y"),
    );
    expect(&forged, 200, "text/turtle");
    assert!(!forged.text().contains("Injected"), "{}", forged.text());
}

fn update(token: Option<&str>) -> Request {
    let request = Request::new("POST", "/update")
        .header("Content-Type", "application/sparql-update")
        .body("INSERT DATA { GRAPH <urn:x:new> { <urn:x:s> <urn:x:p> \"added\" } }");
    match token {
        Some(t) => request.header("Authorization", &format!("Bearer {t}")),
        None => request,
    }
}

fn gsp_put(token: Option<&str>) -> Request {
    let request = Request::new("PUT", "/store?graph=urn%3Ax%3Aput")
        .header("Content-Type", "text/turtle")
        .body("<urn:x:a> <urn:x:b> <urn:x:c> .");
    match token {
        Some(t) => request.header("Authorization", &format!("Bearer {t}")),
        None => request,
    }
}

#[test]
fn a_default_server_refuses_every_write() {
    for request in [update(None), update(Some("anything")), gsp_put(None)] {
        let response = server().handle(&request);
        expect(&response, 403, "text/plain");
        assert!(response.text().contains("read-only"), "{}", response.text());
    }
    let delete = Request::new("DELETE", &format!("/store?graph={}", enc(GRAPH)));
    expect(&server().handle(&delete), 403, "text/plain");
    let still = server().handle(&Request::new(
        "GET",
        &format!("/store?graph={}", enc(GRAPH)),
    ));
    expect(&still, 200, "text/turtle");
}

#[test]
fn writes_need_the_token_on_every_route() {
    let dataset = Dataset::open(&DataOptions::default()).unwrap();
    let server = Server::new(
        dataset,
        Policy {
            allow_update: true,
            token: Some(Token::new("right-token").unwrap()),
            ..policy()
        },
    );
    for bad in [None, Some("wrong-token"), Some("right-toke")] {
        let response = server.handle(&update(bad));
        expect(&response, 401, "text/plain");
        assert!(response.get("www-authenticate").is_some());
        expect(&server.handle(&gsp_put(bad)), 401, "text/plain");
    }
    let ask = |graph: &str| {
        let query = format!("ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
        server
            .handle(&Request::new(
                "GET",
                &format!("/query?query={}", enc(&query)),
            ))
            .text()
    };
    assert!(ask("urn:x:new").contains("false"));
    assert_eq!(server.handle(&update(Some("right-token"))).status, 204);
    assert!(ask("urn:x:new").contains("true"));
    assert_eq!(server.handle(&gsp_put(Some("right-token"))).status, 201);
    assert_eq!(server.handle(&gsp_put(Some("right-token"))).status, 204);
    assert!(ask("urn:x:put").contains("true"));
    let delete = Request::new("DELETE", "/store?graph=urn%3Ax%3Aput")
        .header("Authorization", "Bearer right-token");
    assert_eq!(server.handle(&delete).status, 204);
    assert!(ask("urn:x:put").contains("false"));
}

#[test]
fn more_rows_than_the_limit_is_an_error_not_a_short_answer() {
    let server = Server::new(
        corpus(),
        Policy {
            max_rows: Some(2),
            ..policy()
        },
    );
    let over = Request::new("GET", &format!("/query?query={}", enc(SPEAKERS)));
    let response = server.handle(&over);
    expect(&response, 422, "text/plain");
    assert!(
        response.text().contains("more than the limit of 2"),
        "{}",
        response.text()
    );
    let limited = format!("{SPEAKERS} LIMIT 2");
    let response = server.handle(&Request::new(
        "GET",
        &format!("/query?query={}", enc(&limited)),
    ));
    expect(&response, 200, "application/sparql-results+json");
}

#[test]
fn a_query_that_never_reads_the_store_is_stopped_at_the_timeout() {
    let ten = "VALUES ?x { 0 1 2 3 4 5 6 7 8 9 }";
    let slow = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .map(|v| ten.replace("?x", &format!("?{v}")))
            .join(" ")
    );
    let server = Server::new(
        corpus(),
        Policy {
            timeout: Some(Duration::from_millis(200)),
            ..policy()
        },
    );
    let response = server.handle(&Request::new(
        "GET",
        &format!("/query?query={}", enc(&slow)),
    ));
    expect(&response, 503, "text/plain");
    assert!(
        response.text().contains("ran longer than"),
        "{}",
        response.text()
    );
}

#[test]
fn chains_why_and_graph_dumps_are_stopped_at_the_timeout_too() {
    let with_limit = |limit| {
        Server::new(
            corpus(),
            Policy {
                timeout: Some(limit),
                ..policy()
            },
        )
    };
    let routes = [
        "/api/chain?all",
        "/api/mutual",
        "/api/why?act=stmt%3Atarar-talks-failed",
        "/store",
    ];
    for route in routes {
        // No answer is ready within a nanosecond: each route reports the limit.
        let response = with_limit(Duration::from_nanos(1)).handle(&Request::new("GET", route));
        expect(&response, 503, "text/plain");
        assert!(
            response.text().contains("ran longer than"),
            "{route}: {}",
            response.text()
        );
        // Under a generous limit the same route answers in full.
        let response = with_limit(Duration::from_secs(300)).handle(&Request::new("GET", route));
        assert_eq!(response.status, 200, "{route}: {}", response.text());
    }
}

#[test]
fn cors_headers_only_for_the_origin_allowed() {
    let from = |origin: &str| {
        Request::new("GET", &format!("/query?query={}", enc("ASK {}"))).header("Origin", origin)
    };
    let closed = server().handle(&from("https://a.example"));
    assert_eq!(closed.get("access-control-allow-origin"), None);
    let open = Server::new(
        corpus(),
        Policy {
            cors: Some("https://a.example".into()),
            ..policy()
        },
    );
    let allowed = open.handle(&from("https://a.example"));
    assert_eq!(
        allowed.get("access-control-allow-origin"),
        Some("https://a.example")
    );
    assert_eq!(
        open.handle(&from("https://b.example"))
            .get("access-control-allow-origin"),
        None
    );
    let preflight =
        open.handle(&Request::new("OPTIONS", "/query").header("Origin", "https://a.example"));
    assert_eq!(preflight.status, 204);
    assert!(preflight.get("access-control-allow-methods").is_some());
    let closed_preflight =
        server().handle(&Request::new("OPTIONS", "/query").header("Origin", "https://a.example"));
    assert_eq!(closed_preflight.get("access-control-allow-methods"), None);
}

#[test]
fn a_body_over_the_cap_is_413() {
    let server = Server::new(
        corpus(),
        Policy {
            body_limit: 64,
            ..policy()
        },
    );
    let big = Request::new("POST", "/query")
        .header("Content-Type", "application/sparql-query")
        .body(format!("ASK {{}} # {}", "x".repeat(100)));
    expect(&server.handle(&big), 413, "text/plain");
    let small = Request::new("POST", "/query")
        .header("Content-Type", "application/sparql-query")
        .body("ASK {}");
    expect(
        &server.handle(&small),
        200,
        "application/sparql-results+json",
    );
}

#[test]
fn the_page_and_its_assets_are_served_and_unknown_paths_are_404() {
    let page = server().handle(&Request::new("GET", "/"));
    expect(&page, 200, "text/html");
    assert!(page.text().contains("/assets/app.js"));
    assert!(page.get("content-security-policy").is_some());
    expect(
        &server().handle(&Request::new("GET", "/assets/app.js")),
        200,
        "text/javascript",
    );
    expect(
        &server().handle(&Request::new("GET", "/assets/app.css")),
        200,
        "text/css",
    );
    expect(
        &server().handle(&Request::new("GET", "/nothing")),
        404,
        "text/plain",
    );
    expect(
        &server().handle(&Request::new("DELETE", "/query")),
        405,
        "text/plain",
    );
}

#[test]
fn the_api_finds_names_and_explains_a_link_with_its_quote() {
    let found = server().handle(&Request::new("GET", "/api/search?q=TARAR"));
    expect(&found, 200, "application/json");
    assert!(
        found.text().contains("actor/attaullah-tarar"),
        "{}",
        found.text()
    );
    assert!(
        found.text().contains("statement/tarar-talks-failed"),
        "{}",
        found.text()
    );
    let why = server().handle(&Request::new(
        "GET",
        "/api/why?link=stmt%3Atarar-talks-failed&link=stmt%3Aafghan-delegation-counter-narrative",
    ));
    expect(&why, 200, "application/json");
    let answer: serde_json::Value = serde_json::from_slice(&why.body).unwrap();
    let quote = &answer["grounds"][0]["quotes"][0];
    assert!(
        quote["quoted"]
            .as_str()
            .unwrap()
            .contains("counter-narrative"),
        "{answer}"
    );
    assert!(quote["start"].as_u64().unwrap() < quote["end"].as_u64().unwrap());
    let triple = server().handle(&Request::new(
        "GET",
        "/api/why?s=stmt%3Aafghan-delegation-counter-narrative&p=cg%3AcounterAccuses",
    ));
    expect(&triple, 200, "application/json");
    let answer: serde_json::Value = serde_json::from_slice(&triple.body).unwrap();
    assert_eq!(answer["grounds"].as_array().unwrap().len(), 1, "{answer}");
    assert_eq!(
        answer["grounds"][0]["facts"][0]["object"],
        "https://claimgraph.org/id/statement/tarar-talks-failed"
    );
    let unknown = server().handle(&Request::new("GET", "/api/chain?from=no-such-act-anywhere"));
    expect(&unknown, 404, "text/plain");
    let nothing = server().handle(&Request::new("GET", "/api/chain"));
    expect(&nothing, 400, "text/plain");
}

#[test]
fn the_api_runs_saved_queries_with_their_variables_and_draws_the_timeline() {
    let run = server().handle(&Request::new(
        "GET",
        "/api/run?name=who-is&bind=name%3DKabul",
    ));
    expect(&run, 200, "application/sparql-results+json");
    assert!(
        run.text().contains("afghan-taliban-government"),
        "{}",
        run.text()
    );
    let bad = server().handle(&Request::new(
        "GET",
        "/api/run?name=who-is&bind=no-equals-sign",
    ));
    expect(&bad, 400, "text/plain");
    let unknown = server().handle(&Request::new("GET", "/api/run?name=no-such-query"));
    assert!((400..500).contains(&unknown.status), "{}", unknown.text());
    let svg = server().handle(&Request::new(
        "GET",
        "/api/timeline.svg?between=Pakistan&between=Kabul",
    ));
    expect(&svg, 200, "image/svg+xml");
    assert!(svg.text().contains("<svg"), "{}", svg.text());
    let one = server().handle(&Request::new("GET", "/api/timeline.svg?between=Pakistan"));
    expect(&one, 400, "text/plain");
}

#[test]
fn hostile_requests_get_a_client_error_and_one_line() {
    let form = |body: &[u8]| {
        Request::new("POST", "/query")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.to_vec())
    };
    let cases = [
        Request::new("GET", "/query?query=%ZZ%"),
        Request::new("GET", "/query?query=ASK%20%7B%7D&union-default-graph=maybe"),
        Request::new("GET", &format!("/query?query={}", enc(&"{".repeat(10_000)))),
        Request::new("GET", "/query?query=ASK%20%7B%7D")
            .header("Accept", &"x/y;q=oops, ".repeat(1000)),
        form(b"query=\xff\xfe"),
        form(b""),
        Request::new("POST", "/query").body("ASK {}"),
        Request::new("BREW", "/query"),
        Request::new("GET", "/store?graph=%20not%20an%20iri"),
        Request::new("GET", "/store?graph=urn%3Ax&default"),
        Request::new(
            "GET",
            "/api/chain?from=stmt%3Atarar-talks-failed&max_depth=-1",
        ),
        Request::new("GET", "/api/why?link=only-one"),
        // Ontology terms have no source: nothing to prove is "not found", not a server fault.
        Request::new("GET", "/api/why?act=cg%3AStatement"),
        Request::new("GET", "/api/search?q=a"),
        Request::new(
            "GET",
            "/api/timeline.svg?between=Pakistan&between=Kabul&by=sideways",
        ),
        Request::new("GET", "/api/run?name=..%2F..%2Fetc%2Fpasswd"),
        Request::new("GET", "/assets/../../Cargo.toml"),
    ];
    for request in cases {
        let response = server().handle(&request);
        assert!(
            (400..500).contains(&response.status),
            "{} {}?{}: {} {}",
            request.method,
            request.path,
            request.query.chars().take(60).collect::<String>(),
            response.status,
            response.text()
        );
        assert_eq!(response.text().lines().count(), 1, "{}", response.text());
    }
}

/// `why` on a generated archive finds each act's quote: the generator types its selectors as
/// the corpus does (it did not, and every /api/why on generated data was an error).
#[test]
fn why_finds_the_quotes_of_a_generated_archive() {
    let mut nquads = Vec::new();
    claimgraph::generate::write(&mut nquads, claimgraph::generate::Shape::new(20)).unwrap();
    let text = String::from_utf8(nquads).unwrap();
    let dataset = Dataset::in_memory(Default::default()).unwrap();
    let input = claimgraph::corpus::Input::text(
        "<generated>",
        oxigraph::io::RdfFormat::NQuads,
        "http://example.org/",
        &text,
    );
    dataset.load(&[input], false).unwrap();
    let response = Server::new(dataset, policy()).handle(&Request::new(
        "GET",
        "/api/why?act=https%3A%2F%2Fclaimgraph.org%2Fid%2Fstatement%2Fgenerated-7",
    ));
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(
        response.text().contains("words of statement 7"),
        "{}",
        response.text()
    );
}
