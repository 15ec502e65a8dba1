//! The shell in a real pseudo-terminal, driven as a person would: typing a query over several
//! lines, Tab, Ctrl-C while typing and while a query runs, .chain and .why, Ctrl-D, and the
//! history of one session found again in the next. History goes to a temporary XDG data folder.

mod common;

use nix::sys::wait::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use std::path::Path;
use std::process::Command;

const PROMPT: &str = "claimgraph> ";
const CONTINUATION: &str = "...> ";
const UP: &str = "\x1b[A";

/// Opens the shell on the bundled corpus with its history under `home`, and waits for its prompt.
fn shell(home: &Path) -> PtySession {
    let mut command = Command::new(common::bin());
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "xterm")
        .current_dir(home);
    let mut p = spawn_command(command, Some(30_000)).expect("the shell starts in a pty");
    p.exp_string("claimgraph 0.").expect("banner");
    p.exp_string(PROMPT).expect("first prompt");
    p
}

/// Leaves with Ctrl-D and checks the shell ended well.
fn quit(mut p: PtySession) {
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0, "the shell exited with {code}"),
        other => panic!("the shell ended with {other:?}"),
    }
}

/// Types keys without Enter (rexpect buffers what is sent until a flush).
fn keys(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

fn history(home: &Path) -> String {
    std::fs::read_to_string(home.join("data/claimgraph/history")).unwrap_or_default()
}

#[test]
fn a_query_typed_over_several_lines_runs_when_it_is_complete() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    p.send_line("SELECT ?person WHERE {").unwrap();
    p.exp_string(CONTINUATION).unwrap();
    p.send_line("  ?person a cg:Person").unwrap();
    p.exp_string(CONTINUATION).unwrap();
    p.send_line("} ORDER BY ?person").unwrap();
    let table = p.exp_string("(4 rows)").unwrap();
    assert!(table.contains("actor:attaullah-tarar"), "{table}");
    assert!(table.contains("(Attaullah Tarar)"), "{table}");
    p.exp_string(PROMPT).unwrap();
    quit(p);
    // The query is one entry of history, all its lines together.
    assert!(
        history(home.path()).contains("SELECT ?person WHERE {"),
        "{}",
        history(home.path())
    );
}

#[test]
fn tab_completes_commands_and_actor_names() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    keys(&mut p, ".sav");
    keys(&mut p, "\t");
    keys(&mut p, "\r");
    p.exp_string("acts-in-time-order").unwrap();
    p.exp_string(PROMPT).unwrap();
    keys(&mut p, ".mode ts");
    keys(&mut p, "\t");
    keys(&mut p, "\r");
    p.exp_string(PROMPT).unwrap();
    keys(&mut p, ".who khawaja a");
    keys(&mut p, "\t");
    keys(&mut p, "\r");
    // Only a completed name finds the actor, and the tsv mode chosen by Tab shows the IRI whole.
    p.exp_string("https://claimgraph.org/id/statement/asif-open-war-warning")
        .unwrap();
    p.exp_string(PROMPT).unwrap();
    // Names loaded during the session are offered too.
    std::fs::write(
        home.path().join("new.ttl"),
        "<https://claimgraph.org/id/actor/zz-new-actor> a <https://claimgraph.org/ns#Person> .\n",
    )
    .unwrap();
    p.send_line(".load new.ttl").unwrap();
    p.exp_string("loaded 1 quads").unwrap();
    p.exp_string(PROMPT).unwrap();
    keys(&mut p, "ASK { actor:zz");
    keys(&mut p, "\t");
    keys(&mut p, " a cg:Person }\r");
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();
    quit(p);
}

#[test]
fn ctrl_c_abandons_the_input_and_cancels_a_running_query_but_keeps_the_shell() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    p.send_line("SELECT * WHERE {").unwrap();
    p.exp_string(CONTINUATION).unwrap();
    p.send_control('c').unwrap();
    p.exp_string(PROMPT).unwrap();
    // Had the open query survived, this line would continue it instead of running.
    p.send_line("ASK { ?s a cg:Person }").unwrap();
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();

    let values: String = "abcdefghij"
        .chars()
        .map(|v| format!("VALUES ?{v} {{ 1 2 3 4 5 6 7 8 9 10 }} "))
        .collect();
    p.send_line(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}"))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').unwrap();
    p.exp_string("claimgraph: error: query cancelled").unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_line("ASK { ?s a cg:Statement }").unwrap();
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();
    quit(p);
}

/// CPU time the process has used so far, in seconds (Linux: utime + stime of /proc/PID/stat).
fn cpu_seconds(pid: i32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name, in parentheses, may hold spaces: the fields follow its closing one.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

/// The process whose working folder is `dir` (each shell of these tests has a folder of its own).
fn pid_working_in(dir: &Path) -> i32 {
    let dir = dir.canonicalize().unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/cwd")).is_ok_and(|cwd| cwd == dir))
        .expect("the shell's process")
}

#[test]
fn a_cancelled_query_stops_computing_instead_of_keeping_a_core_busy() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    p.send_line("ASK { ?s a cg:Person }").unwrap();
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();
    // Ten VALUES tables of ten rows: 10^10 rows counted, and not one read of the store.
    let values: String = "abcdefghij"
        .chars()
        .map(|v| format!("VALUES ?{v} {{ 1 2 3 4 5 6 7 8 9 10 }} "))
        .collect();
    p.send_line(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {values} }}"))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').unwrap();
    p.exp_string("claimgraph: error: query cancelled").unwrap();
    p.exp_string(PROMPT).unwrap();
    let pid = pid_working_in(home.path());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = cpu_seconds(pid);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let used = cpu_seconds(pid) - before;
    assert!(used < 0.5, "the idle shell used {used:.2} s of CPU in 2 s");
    quit(p);
}

#[test]
fn tables_escape_control_characters_at_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("evil.nt"),
        "<http://a/x> <http://www.w3.org/2000/01/rdf-schema#label> \"\\u001B]0;owned\\u0007\\u001B[2Jgone\" .\n",
    )
    .unwrap();
    let mut p = shell(home.path());
    p.send_line(".load evil.nt").unwrap();
    p.exp_string("loaded 1 quads").unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_line("SELECT ?label WHERE { <http://a/x> rdfs:label ?label }")
        .unwrap();
    let table = p.exp_string("(1 row)").unwrap();
    assert!(
        table.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2Jgone"),
        "{table:?}"
    );
    // The line editor writes escapes of its own before the answer; the table has none.
    let answer = &table[table.rfind("?label").unwrap()..];
    assert!(
        !answer.contains('\u{1b}'),
        "a raw escape reached the terminal: {answer:?}"
    );
    p.exp_string(PROMPT).unwrap();
    quit(p);
}

#[test]
fn chain_then_why_follow_an_accusation_and_prove_a_hop() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    p.send_line(".chain --from stmt:tarar-talks-failed")
        .unwrap();
    p.exp_string("stmt:rta-pakistani-side-lacks-intention")
        .unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_line(".why stmt:rta-pakistani-side-lacks-intention stmt:tarar-talks-failed")
        .unwrap();
    p.exp_string("cg:counterAccuses").unwrap();
    // rexpect reads bytes one by one as chars, so only ASCII is looked for; the marks around the
    // quoted words are checked in process (src/repl/tests.rs).
    p.exp_string("Afghanistan-controlled state media (RTA) suggested")
        .unwrap();
    p.exp_string(PROMPT).unwrap();
    quit(p);
}

#[test]
fn errors_keep_the_session_and_history_comes_back_in_the_next_one() {
    let home = tempfile::tempdir().unwrap();
    let mut p = shell(home.path());
    p.send_line("SELEKT * WHERE { ?s ?p ?o }").unwrap();
    p.exp_string("<query>:1:10: SPARQL syntax error").unwrap();
    p.exp_string("^").unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_line(".frobnicate").unwrap();
    p.exp_string("unknown command .frobnicate").unwrap();
    p.exp_string(PROMPT).unwrap();
    // A stray word opens a query; a command after it drops that query, not itself.
    p.send_line("clear").unwrap();
    p.exp_string(CONTINUATION).unwrap();
    p.send_line(".timer").unwrap();
    p.exp_string("the unfinished query above was dropped")
        .unwrap();
    p.exp_string("timer: off").unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_line("ASK { ?s a cg:Person }").unwrap();
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();
    quit(p);
    let saved = history(home.path());
    assert!(
        saved.contains("SELEKT * WHERE"),
        "a failed query is kept: {saved}"
    );
    let entries: Vec<&str> = saved.lines().collect();
    assert!(
        entries.contains(&"clear") && entries.contains(&".timer"),
        "a dropped query and the command after it are two entries: {saved}"
    );

    // A new session: Up recalls the last entry, Ctrl-R finds an older one.
    let mut p = shell(home.path());
    keys(&mut p, UP);
    p.exp_string("ASK { ?s a cg:Person }").unwrap();
    keys(&mut p, "\r");
    p.exp_string("true").unwrap();
    p.exp_string(PROMPT).unwrap();
    p.send_control('r').unwrap();
    keys(&mut p, "SELEKT");
    p.exp_string("SELEKT * WHERE").unwrap();
    keys(&mut p, "\r");
    p.exp_string("SPARQL syntax error").unwrap();
    p.exp_string(PROMPT).unwrap();
    quit(p);
}
