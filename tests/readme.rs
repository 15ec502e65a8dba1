//! The README's examples are real: every ```console block is a list of `$ command` lines, each
//! followed by what it prints (stdout and stderr); this test runs them with bash, with the
//! freshly built binary first on PATH, in a folder holding the example files they name.
//! `CLAIMGRAPH_BLESS=1 cargo test --release --test readme -- --test-threads=1` rewrites the
//! outputs in README.md (one test at a time: two of them rewrite the file).

mod common;
use common::*;
use std::process::Command;

/// The files the examples refer to.
fn example_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ttl"),
        "@prefix ex: <http://x.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"open .\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a store\n").unwrap();
    // "Adding a report" ingests one of the constructed test documents.
    std::fs::copy(
        repo().join("tests/fixtures/reports/texts/wire-talks-fail.txt"),
        dir.path().join("wire.txt"),
    )
    .unwrap();
    // "Corroboration across sources" works on the constructed reports of its fixture.
    let copied = Command::new("cp")
        .arg("-a")
        .arg(repo().join("tests/fixtures/corroboration"))
        .arg(dir.path().join("reports"))
        .status()
        .unwrap();
    assert!(copied.success());
    dir
}

struct Example {
    command: String,
    /// Line range of the expected output in the README.
    output: std::ops::Range<usize>,
}

fn examples(readme: &[&str]) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<Example> = None;
    for (i, line) in readme.iter().enumerate() {
        if line.starts_with("```") {
            if let Some(e) = current.take() {
                out.push(e);
            }
            in_block = !in_block && *line == "```console";
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            if let Some(e) = current.take() {
                out.push(e);
            }
            current = Some(Example {
                command: command.to_owned(),
                output: i + 1..i + 1,
            });
        } else if let Some(e) = current.as_mut() {
            e.output.end = i + 1;
        }
    }
    out
}

fn run_example(dir: &std::path::Path, command: &str) -> String {
    let bin_dir = std::path::Path::new(bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("{{ {command}\n}} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_readme_examples_print_what_the_readme_says() {
    let path = repo().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let examples = examples(&lines);
    assert!(
        examples.len() >= 8,
        "only {} examples found",
        examples.len()
    );
    let dir = example_folder();
    let printed = examples
        .iter()
        .map(|e| Printed {
            shown: e.output.clone(),
            what: format!("$ {}", e.command),
            actual: run_example(dir.path(), &e.command)
                .replace(&dir.path().display().to_string(), ".")
                .replace("\r\n", "\n"),
        })
        .collect();
    check_or_bless(&path, &lines, printed, "README examples are stale");
}

/// What one example printed, and where the README shows it.
struct Printed {
    shown: std::ops::Range<usize>,
    /// The command or the typed lines, for the failure message.
    what: String,
    actual: String,
}

/// Fails with a diff per example whose README lines differ from what it printed; with
/// `CLAIMGRAPH_BLESS` set, rewrites those lines instead.
fn check_or_bless(path: &std::path::Path, lines: &[&str], printed: Vec<Printed>, stale: &str) {
    let bless = std::env::var_os("CLAIMGRAPH_BLESS").is_some();
    let mut rewritten: Vec<String> = Vec::new();
    let mut from = 0;
    let mut failures = Vec::new();
    for p in &printed {
        let expected: String = lines[p.shown.clone()]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect();
        if bless {
            rewritten.extend(lines[from..p.shown.start].iter().map(|l| l.to_string()));
            rewritten.extend(p.actual.lines().map(str::to_owned));
            from = p.shown.end;
        } else if expected != p.actual {
            let diff = similar::TextDiff::from_lines(&expected, &p.actual);
            failures.push(format!(
                "{}\n{}",
                p.what,
                diff.unified_diff().header("README", "actual")
            ));
        }
    }
    if bless {
        rewritten.extend(lines[from..].iter().map(|l| l.to_string()));
        std::fs::write(path, rewritten.join("\n") + "\n").unwrap();
    }
    assert!(failures.is_empty(), "{stale}:\n{}", failures.join("\n"));
}

#[test]
fn a_changed_output_is_caught() {
    let readme = ["```console", "$ echo hi", "ho", "```"];
    let found = examples(&readme);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].command, "echo hi");
    let dir = example_folder();
    assert_ne!(run_example(dir.path(), &found[0].command), "ho\n");
}

/// A line typed at the shell's prompt in a ```claimgraph transcript block.
fn typed(line: &str) -> Option<&str> {
    line.strip_prefix("claimgraph> ")
        .or_else(|| line.strip_prefix("       ...> "))
}

/// One input of a transcript (one or more typed lines) and the lines of what it printed.
struct Turn {
    input: Vec<String>,
    output: std::ops::Range<usize>,
}

fn transcript_turns(readme: &[&str]) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut in_block = false;
    for (i, line) in readme.iter().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block && *line == "```claimgraph";
            continue;
        }
        if !in_block {
            continue;
        }
        match (typed(line), turns.last_mut()) {
            // A continuation line belongs to the input before it, if nothing was printed since.
            (Some(text), Some(turn))
                if line.starts_with("       ...> ") && turn.output.is_empty() =>
            {
                turn.input.push(text.to_owned());
                turn.output = i + 1..i + 1;
            }
            (Some(text), _) => turns.push(Turn {
                input: vec![text.to_owned()],
                output: i + 1..i + 1,
            }),
            (None, Some(turn)) => turn.output.end = i + 1,
            (None, None) => panic!("README line {}: output before any input", i + 1),
        }
    }
    turns
}

/// Types each turn into a shell session on the bundled corpus, as at a terminal 100 columns wide,
/// and returns what each printed, errors included as the shell prints them.
fn replay(turns: &[Turn]) -> Vec<String> {
    use claimgraph::repl::{Session, Step};
    let dataset =
        claimgraph::store::Dataset::open(&claimgraph::store::DataOptions::default()).unwrap();
    let mut session = Session::new(dataset, true, None);
    session.set_width(Some(100));
    turns
        .iter()
        .map(|turn| {
            let mut printed = String::new();
            for line in &turn.input {
                match session.eval(line) {
                    Ok(Step::Output(text)) => printed.push_str(&text),
                    Ok(_) => {}
                    Err(e) => {
                        printed.push_str(&e.one_line());
                        printed.push('\n');
                        if let Some(caret) = session.point_at(&e) {
                            printed.push_str(&caret);
                        }
                    }
                }
            }
            // CSV answers end their lines with CRLF, as RFC 4180 says; the README cannot show it.
            printed.replace("\r\n", "\n")
        })
        .collect()
}

#[test]
fn the_readme_shell_transcript_is_what_the_shell_prints() {
    let path = repo().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let turns = transcript_turns(&lines);
    assert!(turns.len() >= 4, "only {} typed inputs found", turns.len());
    let printed = turns
        .iter()
        .zip(replay(&turns))
        .map(|(turn, actual)| Printed {
            shown: turn.output.clone(),
            what: format!("claimgraph> {}", turn.input.join("\n       ...> ")),
            actual,
        })
        .collect();
    check_or_bless(&path, &lines, printed, "the README transcript is stale");
}

#[test]
fn a_changed_transcript_is_caught() {
    let readme = [
        "```claimgraph",
        "claimgraph> ASK {",
        "       ...>   ?s a cg:Person",
        "       ...> }",
        "false",
        "```",
    ];
    let turns = transcript_turns(&readme);
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].input.len(), 3);
    assert_eq!(turns[0].output, 4..5);
    assert_eq!(replay(&turns), ["true\n"]);
}
