//! The cases of the bad-input suite, by kind of input: RDF files, SPARQL queries, options,
//! files written and read, the shell, and checks and chains.

use crate::harness::{Case, Expect};
use std::path::Path;

#[path = "cases/chains.rs"]
mod chains;
use chains::check_and_chain_cases;

/// Writes a file of the case's folder.
fn put(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn run(program: &str, args: &[&str]) {
    let status = std::process::Command::new(program)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "{program} {args:?}");
}

fn mkfifo(dir: &Path, name: &str) {
    run("mkfifo", &[dir.join(name).to_str().unwrap()]);
}

fn is_root() -> bool {
    let out = std::process::Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// A character device in the case's folder standing for /dev/null or /dev/full (as root, a
/// node of its own, so that even a build that replaced devices could not touch the real one);
/// otherwise a link to the real device, which a user cannot replace.
fn device(dir: &Path, name: &str, real: &str, minor: &str) {
    let path = dir.join(name);
    if is_root() {
        run("mknod", &[path.to_str().unwrap(), "c", "1", minor]);
        run("chmod", &["666", path.to_str().unwrap()]);
    } else {
        std::os::unix::fs::symlink(real, path).unwrap();
    }
}

fn mini(dir: &Path) {
    let fixture = crate::common::fixture("mini");
    put(
        dir,
        "mini/mini.trig",
        std::fs::read(fixture.join("mini.trig")).unwrap(),
    );
    put(
        dir,
        "mini/sources/mini.txt",
        std::fs::read(fixture.join("sources/mini.txt")).unwrap(),
    );
}

const RDF_OPEN: &str = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:a=\"http://a/\">\n";
const NT: &str = "<http://a/s> <http://a/p> \"o\" .\n";

fn rdfxml(doctype: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n{}{body}\n</rdf:RDF>\n",
        &RDF_OPEN[22..]
    )
}

fn laughs() -> String {
    let mut decls = String::from("<!ENTITY a \"aaaaaaaaaa\">\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        decls.push_str(&format!(
            "<!ENTITY {name} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    rdfxml(
        &format!("<!DOCTYPE rdf:RDF [\n{decls}]>"),
        "<rdf:Description rdf:about=\"http://a/s\"><a:p>&i;</a:p></rdf:Description>",
    )
}

/// `stats` on one data file written by the case.
fn load(name: &'static str, file: &'static str, bytes: Vec<u8>, expect: Expect) -> Case {
    Case::new(name, &["--data", file, "stats"], expect).setup(move |d| put(d, file, &bytes))
}

fn rdf_cases() -> Vec<Case> {
    let description = "<rdf:Description rdf:about=\"http://a/s\"><a:p>x</a:p></rdf:Description>";
    let big = "x".repeat(17 << 20);
    vec![
        load("rdfxml entity expansion", "lol.rdf", laughs().into(), Expect::Error(1, "lol.rdf:2:1: the entity &e; expands to more than 64 KiB")),
        load("rdfxml many references", "many.rdf", rdfxml(&format!("<!DOCTYPE rdf:RDF [<!ENTITY d \"{}\">]>", "x".repeat(60_000)), &format!("<rdf:Description rdf:about=\"http://a/s\"><a:p>{}</a:p></rdf:Description>", "&d;".repeat(500))).into(), Expect::Error(1, "entity references expand to more than")),
        load("rdfxml undefined entity", "undef.rdf", rdfxml("", "<rdf:Description rdf:about=\"http://a/s\"><a:p>&nope;</a:p></rdf:Description>").into(), Expect::Error(1, "undef.rdf:4:46: the entity &nope; is not declared")),
        load("rdfxml external entity", "ext.rdf", rdfxml("<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "<rdf:Description rdf:about=\"http://a/s\"><a:p>&e;</a:p></rdf:Description>").into(), Expect::Error(1, "the entity &e; is external")),
        load("rdfxml recursive entity", "rec.rdf", rdfxml("<!DOCTYPE rdf:RDF [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>", description).into(), Expect::Error(1, "refers to itself")),
        load("rdfxml parameter entity", "param.rdf", rdfxml("<!DOCTYPE rdf:RDF [<!ENTITY % p \"x\">]>", description).into(), Expect::Error(1, "parameter entities")),
        load("rdfxml single quoted entity", "single.rdf", rdfxml("<!DOCTYPE rdf:RDF [<!ENTITY s 'x'>]>", description).into(), Expect::Error(1, "single quotes")),
        load("rdfxml truncated", "trunc.rdf", format!("{RDF_OPEN}{description}\n<rdf:Description rdf:about=\"http://a/t\">\n").into(), Expect::Error(1, "trunc.rdf:5:1: the document ends before <rdf:Description>, opened at 4:1")),
        load("rdfxml empty", "empty.rdf", Vec::new(), Expect::Error(1, "empty.rdf:1:1: no element")),
        load("rdfxml prolog only", "prolog.rdf", b"<?xml version=\"1.0\"?>\n".to_vec(), Expect::Error(1, "no element")),
        load("rdfxml wrong end tag", "wrong.rdf", format!("{RDF_OPEN}<rdf:Description><a:p>x</a:q></rdf:Description></rdf:RDF>").into(), Expect::Error(1, "</a:q> does not close <a:p>, opened at 3:18")),
        load("rdfxml nul byte", "nul.rdf", format!("{RDF_OPEN}<rdf:Description><a:p>a\0b</a:p></rdf:Description></rdf:RDF>").into(), Expect::Error(1, "nul.rdf:3:24: the character U+0000 is not allowed in XML")),
        load("rdfxml big literal", "big.rdf", rdfxml("", &format!("<rdf:Description rdf:about=\"http://a/s\"><a:p>{big}</a:p></rdf:Description>")).into(), Expect::Output("quads                   1")),
        load("rdfxml with bom", "bom.rdf", [&b"\xEF\xBB\xBF"[..], rdfxml("", description).as_bytes()].concat(), Expect::Output("quads                   1")),
        load("ntriples invalid utf8", "bad.nt", b"<http://a/s> <http://a/p> \"caf\xE9\" .\n".to_vec(), Expect::Error(1, "bad.nt:1:31: not valid UTF-8")),
        load("ntriples with bom", "bom.nt", [&b"\xEF\xBB\xBF"[..], NT.as_bytes()].concat(), Expect::Output("quads                   1")),
        load("turtle with bom", "bom.ttl", b"\xEF\xBB\xBF@prefix a: <http://a/> .\na:s a:p a:o .\n".to_vec(), Expect::Output("quads                   1")),
        load("trig with bom", "bom.trig", b"\xEF\xBB\xBF<http://a/g> { <http://a/s> <http://a/p> <http://a/o> }\n".to_vec(), Expect::Output("quads                   1")),
        load("bom then syntax error keeps columns", "bomerr.ttl", b"\xEF\xBB\xBF<http://a/s> <http://a/p> .\n".to_vec(), Expect::Error(1, "bomerr.ttl:1:28: . is not a valid RDF object")),
        load("nquads literal graph name", "litg.nq", b"<http://a/s> <http://a/p> <http://a/o> \"g\" .\n".to_vec(), Expect::Error(1, "litg.nq:1:40: a literal cannot name a graph")),
        load("trig literal graph name", "litg.trig", b"\"g\" { <http://a/s> <http://a/p> <http://a/o> }\n".to_vec(), Expect::Error(1, "litg.trig:1:1: \"g\" is not a valid subject or graph name")),
        load("ntriples big literal", "big.nt", format!("<http://a/s> <http://a/p> \"{big}\" .\n").into(), Expect::Output("quads                   1")),
        load("turtle big literal", "big.ttl", format!("<http://a/s> <http://a/p> \"\"\"{big}\"\"\" .\n").into(), Expect::Output("quads                   1")),
        load("jsonld big literal", "big.jsonld", format!("{{\"@id\": \"http://a/s\", \"http://a/p\": \"{big}\"}}").into(), Expect::Output("quads                   1")),
        load("jsonld remote context", "remote.jsonld", b"{\n  \"@context\": \"http://example.org/context.jsonld\",\n  \"@id\": \"http://a/s\"\n}\n".to_vec(), Expect::Error(1, "remote.jsonld:2:15: the context http://example.org/context.jsonld is remote")),
        load("turtle deep lists", "deep.ttl", format!("<http://a/s> <http://a/p> {}<http://a/o>{} .\n", "( ".repeat(50_000), " )".repeat(50_000)).into(), Expect::Output("quads              100001")),
        load("jsonld deep objects", "deep.jsonld", format!("{{\"@id\": \"http://a/s\", \"http://a/p\": {}\"x\"{}}}", "{\"http://a/p\": ".repeat(70_000), "}".repeat(70_000)).into(), Expect::Error(1, "Max stack size")),
        load("turtle syntax error", "broken.ttl", b"@prefix a: <http://a/> .\na:s a:p\n".to_vec(), Expect::Error(1, "broken.ttl:3:")),
        Case::new("endless ntriples device", &["--data", "zero.nt", "stats"], Expect::Error(1, "zero.nt:1:1:"))
            .setup(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.nt")).unwrap()),
        Case::new("endless rdfxml device", &["--data", "zero.rdf", "stats"], Expect::Error(1, "zero.rdf:1:1: the character U+0000"))
            .setup(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.rdf")).unwrap()),
        // The position is that of the first byte that is not UTF-8, on whatever line the random
        // bytes put it (a newline comes before it now and then): the file is named either way.
        Case::new("endless random device", &["--data", "random.ttl", "stats"], Expect::Error(1, "error: random.ttl:"))
            .setup(|d| std::os::unix::fs::symlink("/dev/urandom", d.join("random.ttl")).unwrap()),
        Case::new("data folder symlink loop", &["--data", "data", "stats"], Expect::Error(1, "a symbolic link loop"))
            .setup(|d| {
                put(d, "data/a.nt", NT);
                std::os::unix::fs::symlink("..", d.join("data/up")).unwrap();
                std::os::unix::fs::symlink("..", d.join("data/again")).unwrap();
            }),
        Case::new("data folder twice linked", &["--data", "data", "stats"], Expect::Output("quads                   1"))
            .setup(|d| {
                put(d, "data/real/a.nt", NT);
                std::os::unix::fs::symlink("real", d.join("data/alias")).unwrap();
            }),
        Case::new("data folder fifo", &["--data", "data", "stats"], Expect::Error(1, "data/x.ttl: not a regular file"))
            .setup(|d| {
                put(d, "data/a.nt", NT);
                mkfifo(d, "data/x.ttl");
            })
            .timeout(20),
        Case::new("data missing", &["--data", "missing.ttl", "stats"], Expect::Error(1, "missing.ttl: no such file or directory (hint: check the path; folders are searched recursively)")),
        Case::new("data unknown extension", &["--data", "notes.txt", "stats"], Expect::Error(1, "unknown RDF file extension"))
            .setup(|d| put(d, "notes.txt", "hello")),
        Case::new("load all or nothing in the shell", &[], Expect::Error(1, "<stdin>:2: trunc.rdf:3:"))
            .setup(|d| put(d, "trunc.rdf", format!("{RDF_OPEN}<rdf:Description rdf:about=\"http://a/s\">")))
            .stdin(".mode csv\n.load trunc.rdf\n"),
    ]
}

/// `query TEXT` with more options.
fn query(name: &'static str, text: String, more: &[&str], expect: Expect) -> Case {
    let mut args = vec!["query".to_owned(), text];
    args.extend(more.iter().map(|s| s.to_string()));
    let mut case = Case::new(name, &[], expect);
    case.args = args;
    case
}

fn nested(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

/// Queries nested too deep to parse or evaluate, and one just within bounds.
fn depth_cases() -> Vec<Case> {
    vec![
        query(
            "groups 1000 deep",
            format!(
                "SELECT * WHERE {{ {} }}",
                nested("{ ", "?s ?p ?o", " }", 1000)
            ),
            &[],
            Expect::Error(
                1,
                "<query>:1:272: the query is too deep: brackets nest more than 128 deep",
            ),
        ),
        query(
            "optionals 1000 deep",
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {} }}",
                nested("OPTIONAL { ?s ?p ?o ", "", "} ", 1000)
            ),
            &[],
            Expect::Error(1, "the query is too deep"),
        ),
        query(
            "parentheses 10000 deep",
            format!("ASK {{ FILTER({}) }}", nested("(", "1", ")", 10_000)),
            &[],
            Expect::Error(1, "the query is too deep"),
        ),
        query(
            "deep query with a timeout",
            format!(
                "SELECT * WHERE {{ {} }}",
                nested("{ ", "?s ?p ?o", " }", 1000)
            ),
            &["--timeout", "30"],
            Expect::Error(1, "the query is too deep"),
        ),
        query(
            "optionals 2000 in a row",
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {} }}",
                "OPTIONAL { ?s ?p ?o } ".repeat(2000)
            ),
            &[],
            Expect::Error(
                1,
                "operators (OPTIONAL, UNION, MINUS, FILTER, BIND, expressions) nest more than 1000 deep",
            ),
        ),
        query(
            "unions 2000 in a row",
            format!(
                "SELECT * WHERE {{ {} }}",
                vec!["{ ?s ?p ?o }"; 2000].join(" UNION ")
            ),
            &[],
            Expect::Error(1, "nest more than 1000 deep"),
        ),
        query(
            "or 2000 in a row",
            format!("ASK {{ FILTER({}) }}", vec!["true"; 2000].join(" || ")),
            &[],
            Expect::Error(1, "nest more than 1000 deep"),
        ),
        query(
            "path 200 deep",
            format!("ASK {{ ?s {} ?o }}", nested("(", "cg:speaker", ")", 200)),
            &[],
            Expect::Error(1, "brackets nest more than 128 deep"),
        ),
        query(
            "deep but allowed",
            format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
                nested("{ ", "?s cg:speaker ?o", " }", 120)
            ),
            &["--format", "csv"],
            Expect::Output("n\r\n92"),
        ),
    ]
}

/// Time limits, updates, empty queries and stray brackets.
fn query_text_cases() -> Vec<Case> {
    vec![
        query(
            "timeout too large",
            "ASK { ?s ?p ?o }".into(),
            &["--timeout", "1e30"],
            Expect::Output("true"),
        ),
        query(
            "timeout not a number",
            "ASK { ?s ?p ?o }".into(),
            &["--timeout", "NaN"],
            Expect::Error(2, "--timeout NaN: give a positive number of seconds"),
        ),
        query(
            "timeout zero",
            "ASK { ?s ?p ?o }".into(),
            &["--timeout", "0"],
            Expect::Error(2, "give a positive number"),
        ),
        query(
            "insert",
            "INSERT DATA { <a:s> <a:p> <a:o> }".into(),
            &[],
            Expect::Error(
                1,
                "<query>:1:1: INSERT is an update, and updates are not allowed here",
            ),
        ),
        query(
            "drop",
            "DROP ALL".into(),
            &[],
            Expect::Error(1, "DROP is an update"),
        ),
        query(
            "load",
            "LOAD <http://example.org/x>".into(),
            &[],
            Expect::Error(1, "LOAD is an update"),
        ),
        query(
            "update after prefixes",
            "PREFIX a: <http://a/>\nDELETE WHERE { ?s a:p ?o }".into(),
            &[],
            Expect::Error(1, "<query>:2:1: DELETE is an update"),
        ),
        query(
            "empty query",
            String::new(),
            &[],
            Expect::Error(1, "the query is empty"),
        ),
        query(
            "comment only query",
            "# nothing here\n".into(),
            &[],
            Expect::Error(1, "the query is empty"),
        ),
        query(
            "stray closing brace",
            "SELECT * WHERE { ?s ?p ?o } }".into(),
            &[],
            Expect::Error(
                1,
                "<query>:1:29: SPARQL syntax error: unexpected }: nothing is open here",
            ),
        ),
    ]
}

/// Bindings that could not take effect, and hostile characters in a query.
fn bind_cases() -> Vec<Case> {
    vec![
        query(
            "bind in a comment only",
            "SELECT ?s WHERE { ?s ?p ?o } # ?x".into(),
            &["--bind", "x=1"],
            Expect::Error(1, "--bind x=1: the query has no variable ?x"),
        ),
        query(
            "bind in a string only",
            "SELECT ?s WHERE { ?s ?p \"?x\" }".into(),
            &["--bind", "x=1"],
            Expect::Error(1, "the query has no variable ?x"),
        ),
        query(
            "bind twice",
            "SELECT ?s WHERE { ?s ?p ?o }".into(),
            &["--bind", "s=1", "--bind", "s=2"],
            Expect::Error(1, "--bind s=2: ?s is bound twice"),
        ),
        query(
            "bind an aggregate alias",
            "SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }".into(),
            &["--bind", "n=1"],
            Expect::Error(1, "?n is set by the query itself"),
        ),
        query(
            "bind a bind target",
            "SELECT ?l WHERE { ?s ?p ?o BIND(STR(?o) AS ?l) }".into(),
            &["--bind", "l=1"],
            Expect::Error(1, "?l is set by the query itself"),
        ),
        query(
            "bind escape sequence",
            "SELECT ?s WHERE { ?s ?p ?o }".into(),
            &["--bind", "x\u{1b}[31m=1"],
            Expect::Error(1, "--bind x\\u{1b}[31m=1"),
        ),
        Case::new(
            "nul in a query",
            &["query", "-f", "nul.rq"],
            Expect::Error(1, "nul.rq:1:"),
        )
        .setup(|d| put(d, "nul.rq", "SELECT * WHERE { ?s ?p ?o \0 }")),
    ]
}

/// Queries bounded in memory and size, and answers a format cannot carry.
fn query_bound_cases() -> Vec<Case> {
    let products = "SELECT * WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL { ?g ?h ?i OPTIONAL { ?j ?k ?l } } } }";
    vec![
        query(
            "rows multiplied past the memory budget",
            products.into(),
            &["--format", "csv"],
            Expect::Error(1, "query stopped: it took"),
        )
        .env("CLAIMGRAPH_QUERY_MEMORY", "300")
        .timeout(120),
        Case::new(
            "query file is a device",
            &["query", "-f", "zero.rq"],
            Expect::Error(1, "zero.rq: query longer than 16 MiB"),
        )
        .setup(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.rq")).unwrap()),
        Case::new(
            "query on stdin without end",
            &["query", "-"],
            Expect::Error(1, "<stdin>: query longer than 16 MiB"),
        )
        .stdin(vec![b' '; (16 << 20) + 10]),
        Case::new(
            "xml results with nul",
            &[
                "--data",
                "nul.nt",
                "query",
                "SELECT ?o { ?s ?p ?o }",
                "--format",
                "xml",
            ],
            Expect::Error(
                1,
                "SPARQL XML results cannot hold the character U+0000 in a value of ?o",
            ),
        )
        .setup(|d| put(d, "nul.nt", "<http://a/s> <http://a/p> \"a\\u0000b\" .\n")),
        Case::new(
            "construct rdfxml with nul",
            &[
                "--data",
                "nul.nt",
                "query",
                "CONSTRUCT WHERE { ?s ?p ?o }",
                "--format",
                "rdfxml",
            ],
            Expect::Error(1, "RDF/XML cannot hold the character U+0000"),
        )
        .setup(|d| put(d, "nul.nt", "<http://a/s> <http://a/p> \"a\\u0000b\" .\n")),
    ]
}

/// `export` of the bundled corpus to PATH, expecting `expect`.
fn export(name: &'static str, path: &str, expect: Expect) -> Case {
    Case::new(name, &["export", "--graph", "default", "-o", path], expect)
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn has_quads(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    (text.lines().count() > 100)
        .then_some(())
        .ok_or(format!("{} holds no export", path.display()))
}

/// Exports onto links, devices, pipes, the standard streams, existing and missing files.
fn export_cases() -> Vec<Case> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    vec![
        export("export onto a symlink", "link.nq", Expect::Output(""))
            .setup(|d| {
                put(d, "target.nq", "old\n");
                std::os::unix::fs::symlink("target.nq", d.join("link.nq")).unwrap();
            })
            .writes("target.nq")
            .after(|d, _| {
                if !std::fs::symlink_metadata(d.join("link.nq")).unwrap().file_type().is_symlink() {
                    return Err("the link was replaced".into());
                }
                has_quads(&d.join("target.nq"))
            }),
        export("export onto a dangling symlink", "link.nq", Expect::Output(""))
            .setup(|d| std::os::unix::fs::symlink("new.nq", d.join("link.nq")).unwrap())
            .writes("new.nq")
            .after(|d, _| has_quads(&d.join("new.nq"))),
        export("export onto a device", "null", Expect::Output(""))
            .setup(|d| device(d, "null", "/dev/null", "3"))
            .after(|d, _| {
                let t = std::fs::metadata(d.join("null")).unwrap().file_type();
                t.is_char_device().then_some(()).ok_or("the device was replaced".into())
            }),
        export("export onto a fifo", "pipe", Expect::Output(""))
            .setup(|d| {
                mkfifo(d, "pipe");
                let (pipe, out) = (d.join("pipe"), d.join("from-pipe.nq"));
                // A reader, as `cat pipe > file` would be; left behind if the node is replaced.
                std::thread::spawn(move || {
                    if let Ok(bytes) = std::fs::read(&pipe) {
                        std::fs::write(out, bytes).unwrap();
                    }
                });
            })
            .writes("from-pipe.nq")
            .timeout(30)
            .after(|d, _| {
                for _ in 0..100 {
                    if d.join("from-pipe.nq").exists() {
                        return has_quads(&d.join("from-pipe.nq"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err("the reader of the pipe got nothing".into())
            }),
        export("export to standard output", "/dev/stdout", Expect::Output("<http://www.w3.org/ns/oa#TextPositionSelector>")),
        export("export to a descriptor", "/dev/fd/1", Expect::Output("<http://www.w3.org/ns/oa#TextPositionSelector>")),
        export("export keeps the mode", "kept.nq", Expect::Output(""))
            .setup(|d| {
                put(d, "kept.nq", "old\n");
                std::fs::set_permissions(d.join("kept.nq"), std::fs::Permissions::from_mode(0o640)).unwrap();
            })
            .writes("kept.nq")
            .after(|d, _| match mode(&d.join("kept.nq")) {
                0o640 => has_quads(&d.join("kept.nq")),
                m => Err(format!("mode {m:o}, was 640")),
            }),
        export("export new file mode", "new.nq", Expect::Output(""))
            .writes("new.nq")
            .after(|d, _| match mode(&d.join("new.nq")) {
                0o644 => has_quads(&d.join("new.nq")),
                m => Err(format!("mode {m:o}, expected 644 under umask 022")),
            }),
        export("export to a full disk", "full", Expect::Error(1, "full: No space left on device"))
            .setup(|d| device(d, "full", "/dev/full", "7")),
        export("export into a missing folder", "no/such/out.nq", Expect::Error(1, "no/such: no such folder to write into (hint: create the folder first, or check the path)")),
        export("export onto a folder", "folder", Expect::Error(1, "folder: is a folder"))
            .setup(|d| std::fs::create_dir(d.join("folder")).unwrap()),
        Case::new("export rdfxml of a nul literal", &["--data", "nul.nt", "export", "--graph", "default", "--format", "rdfxml", "-o", "out.rdf"], Expect::Error(1, "RDF/XML cannot hold the character U+0000 in the object of <http://a/s> <http://a/p>"))
            .setup(|d| {
                put(d, "nul.nt", "<http://a/s> <http://a/p> \"a\\u0000b\" .\n");
                put(d, "out.rdf", "old\n");
            }),
        Case::new("export unknown graph", &["export", "--graph", "graph:nope"], Expect::Error(1, "there is no graph <https://claimgraph.org/id/graph/nope>")),
        Case::new("export graph not an iri", &["export", "--graph", "not an iri"], Expect::Error(1, "--graph not an iri: not an IRI")),
        Case::new("canonical blank node cycle", &["--data", "cycle.nt", "export", "--canonical"], Expect::Error(1, "--canonical: the blank nodes are too alike to label"))
            .setup(|d| put(d, "cycle.nt", (0..500).map(|i| format!("_:b{i} <http://a/p> _:b{} .\n", (i + 1) % 500)).collect::<String>())),
        Case::new("canonical blank node chain", &["--data", "chain.nt", "export", "--canonical"], Expect::Error(1, "too alike to label"))
            .setup(|d| put(d, "chain.nt", (0..5000).map(|i| format!("_:b{i} <http://a/p> _:b{} .\n", i + 1)).collect::<String>()))
            .timeout(120),
    ]
}

/// Files read: source texts that never end, saved queries that are not UTF-8.
fn read_cases() -> Vec<Case> {
    vec![
        Case::new(
            "source text is a fifo",
            &["--data", "mini", "check"],
            Expect::Exit(
                3,
                "source text not read: mini/sources/mini.txt is not a regular file",
            ),
        )
        .setup(|d| {
            mini(d);
            std::fs::remove_file(d.join("mini/sources/mini.txt")).unwrap();
            mkfifo(d, "mini/sources/mini.txt");
        })
        .timeout(20),
        Case::new(
            "source text is an endless device",
            &["--data", "mini", "check"],
            Expect::Exit(3, "is not a regular file"),
        )
        .setup(|d| {
            mini(d);
            std::fs::remove_file(d.join("mini/sources/mini.txt")).unwrap();
            std::os::unix::fs::symlink("/dev/zero", d.join("mini/sources/mini.txt")).unwrap();
        }),
        Case::new(
            "saved queries with a non-utf8 file",
            &["queries", "--queries", "q"],
            Expect::Both(
                0,
                "claimgraph: warning: q/bad.rq:1:10: not valid UTF-8",
                "good  Good",
            ),
        )
        .setup(|d| {
            put(d, "q/good.rq", "# title: Good\nASK {}\n");
            put(d, "q/bad.rq", b"# title: \xFF\nASK {}\n");
        }),
        Case::new(
            "run a good query beside a bad one",
            &["run", "good", "--queries", "q"],
            Expect::Output("true"),
        )
        .setup(|d| {
            put(d, "q/good.rq", "# title: Good\nASK {}\n");
            put(d, "q/bad.rq", b"# title: \xFF\nASK {}\n");
        }),
        Case::new(
            "run the bad saved query",
            &["run", "bad", "--queries", "q"],
            Expect::Error(1, "q/bad.rq:1:10: not valid UTF-8"),
        )
        .setup(|d| put(d, "q/bad.rq", b"# title: \xFF\nASK {}\n")),
    ]
}

/// Queries and lines piped into the shell.
fn shell_query_cases() -> Vec<Case> {
    let deep = format!(
        "SELECT * WHERE {{ {} }}\n",
        nested("{ ", "?s ?p ?o", " }", 1000)
    );
    vec![
        Case::new(
            "shell deep query",
            &[],
            Expect::Error(1, "<stdin>:2:272: the query is too deep"),
        )
        .stdin(format!("ASK {{ ?s ?p ?o }}\n{deep}")),
        Case::new(
            "shell deep parentheses typed over lines",
            &[],
            Expect::Error(1, "the query is too deep"),
        )
        .stdin(format!(
            "ASK {{\nFILTER({})\n}}\n",
            nested("(", "1", ")", 10_000)
        )),
        Case::new(
            "shell update",
            &[],
            Expect::Error(1, "<stdin>:2:1: INSERT is an update"),
        )
        .stdin("ASK {}\nINSERT DATA { <a:s> <a:p> <a:o> }\n"),
        Case::new(
            "shell stray brace",
            &[],
            Expect::Error(
                1,
                "<stdin>:1:18: SPARQL syntax error: unexpected }: nothing is open here",
            ),
        )
        .stdin("ASK { ?s ?p ?o } }\n"),
        Case::new(
            "shell endless line",
            &[],
            Expect::Error(1, "<stdin>:1: a line longer than 16 MiB"),
        )
        .stdin(vec![b'x'; (16 << 20) + 10]),
        Case::new("shell nul bytes", &[], Expect::Error(1, "<stdin>:1:")).stdin(vec![0u8; 1000]),
    ]
}

/// Files the shell reads and writes.
fn shell_file_cases() -> Vec<Case> {
    vec![
        Case::new(
            "shell run with a stray binding",
            &["repl", "--queries", "q"],
            Expect::Error(1, "the query has no variable ?nope"),
        )
        .setup(|d| {
            put(
                d,
                "q/who.rq",
                "# title: Who\nSELECT ?s WHERE { ?s cg:speaker ?who }\n",
            )
        })
        .stdin(".run who nope=1\n"),
        Case::new(
            "shell export onto a symlink",
            &[],
            Expect::Output("wrote link.nq"),
        )
        .setup(|d| {
            put(d, "target.nq", "old\n");
            std::os::unix::fs::symlink("target.nq", d.join("link.nq")).unwrap();
        })
        .stdin(".export nquads link.nq --graph default\n")
        .writes("target.nq")
        .after(|d, _| has_quads(&d.join("target.nq"))),
        Case::new("shell once onto a device", &[], Expect::Output(""))
            .setup(|d| device(d, "null", "/dev/null", "3"))
            .stdin(".once null\nSELECT * WHERE { ?s ?p ?o }\n")
            .after(|d, _| {
                use std::os::unix::fs::FileTypeExt;
                let t = std::fs::metadata(d.join("null")).unwrap().file_type();
                t.is_char_device()
                    .then_some(())
                    .ok_or("the device was replaced".into())
            }),
        Case::new(
            "shell read of a device",
            &[],
            Expect::Error(1, "zero.sparql: script longer than 256 MiB"),
        )
        .setup(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.sparql")).unwrap())
        .stdin(".read zero.sparql\n")
        .timeout(120),
    ]
}

const CHAIN_DATA: &str = "@prefix cg: <https://claimgraph.org/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
cg:counterAccuses rdfs:subPropertyOf cg:respondsTo .
<http://a/m> a cg:Mention .
<http://a/g> prov:wasDerivedFrom <http://a/m> .
<http://a/g> {
  <http://a/x> a cg:Actor ; rdfs:label \"X\" .
  <http://a/s> a cg:Statement ; cg:speaker <http://a/x> ; cg:actType cg:Accusation ;
      cg:counterAccuses <http://a/s> , <http://a/nothing> .
}
";

pub fn all() -> Vec<Case> {
    let mut cases = rdf_cases();
    for more in [
        depth_cases,
        query_text_cases,
        bind_cases,
        query_bound_cases,
        export_cases,
        read_cases,
        shell_query_cases,
        shell_file_cases,
    ] {
        cases.extend(more());
    }
    cases.extend(check_and_chain_cases());
    cases
}
