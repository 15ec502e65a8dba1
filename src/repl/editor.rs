//! The shell at a terminal: rustyline reads lines (history, Ctrl-R search, Tab completion), the
//! session does the work. History is kept in the user's data folder and each entry is written as
//! soon as it is entered, so nothing typed is lost, not even a query that failed or was abandoned.

use super::{Completion, Session, Step, Words};
use crate::error::{Error, Exit, Result};
use crate::store::Dataset;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Context, Editor, Helper, Highlighter, Hinter, Validator};
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::thread::JoinHandle;

const PROMPT: &str = "claimgraph> ";
const CONTINUATION: &str = "       ...> ";

/// Where history is kept: `$XDG_DATA_HOME/claimgraph/history` (`~/.local/share/...` by default).
pub fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("claimgraph").join("history"))
}

/// Completion for rustyline. The word lists are read from the store on a thread of their own as
/// the shell opens, and again after the data changes: on a large store the read takes seconds
/// (see benches/shell.rs), which the first Tab should not have to wait for.
#[derive(Helper, Hinter, Highlighter, Validator)]
struct ShellHelper {
    dataset: Dataset,
    queries: Option<PathBuf>,
    words: RefCell<Option<Words>>,
    reading: RefCell<Option<JoinHandle<Words>>>,
    files: FilenameCompleter,
}

impl ShellHelper {
    /// Starts reading the word lists afresh.
    fn read_words(&self) {
        let (dataset, queries) = (self.dataset.clone(), self.queries.clone());
        // A completion that cannot read the data offers nothing rather than failing.
        let reading = std::thread::spawn(move || {
            Words::read(&dataset, queries.as_deref()).unwrap_or_default()
        });
        self.words.replace(None);
        self.reading.replace(Some(reading));
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let mut cached = self.words.borrow_mut();
        if cached.is_none() {
            let read = match self.reading.borrow_mut().take() {
                Some(reading) => reading.join().unwrap_or_default(),
                None => Words::read(&self.dataset, self.queries.as_deref()).unwrap_or_default(),
            };
            *cached = Some(read);
        }
        let words = cached.as_ref().expect("read above");
        match super::complete(words, line, pos) {
            Completion::Path => self.files.complete(line, pos, ctx),
            Completion::Words(at, found) => Ok((
                at,
                found
                    .into_iter()
                    .map(|w| Pair {
                        display: w.clone(),
                        replacement: w,
                    })
                    .collect(),
            )),
        }
    }
}

/// Runs the shell until `.quit` or Ctrl-D.
pub fn run(mut session: Session) -> Result<Exit> {
    let mut editor = editor(&session)?;
    let history = open_history(&mut editor);
    cancel_queries_on_ctrl_c(&session);
    print!("{}", session.banner()?);
    let mut typed: Vec<String> = Vec::new();
    loop {
        session.set_width(terminal_size::terminal_size().map(|(w, _)| w.0));
        let prompt = if session.is_pending() {
            CONTINUATION
        } else {
            PROMPT
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C abandons the input; what was typed of it stays in history.
                remember(&mut editor, history.as_ref(), &mut typed);
                session.abandon();
                continue;
            }
            Err(ReadlineError::Eof) => {
                remember(&mut editor, history.as_ref(), &mut typed);
                break;
            }
            Err(e) => return Err(Error::Internal(format!("reading the terminal: {e}"))),
        };
        if session.is_pending() && super::table::is_command(&line) {
            // The unfinished query is dropped (eval says so): keep it as an entry of its own.
            remember(&mut editor, history.as_ref(), &mut typed);
        }
        typed.push(line.clone());
        let step = session.eval(&line);
        if !matches!(step, Ok(Step::NeedMore)) {
            remember(&mut editor, history.as_ref(), &mut typed);
        }
        if session.take_data_changed()
            && let Some(helper) = editor.helper_mut()
        {
            helper.read_words();
        }
        if show(&session, step) {
            break;
        }
    }
    Ok(Exit::Success)
}

/// The line editor, with completion over the session's data (read on a thread as it opens).
fn editor(session: &Session) -> Result<Editor<ShellHelper, FileHistory>> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(10_000)
        .map_err(|e| Error::Internal(e.to_string()))?
        .history_ignore_dups(true)
        .map_err(|e| Error::Internal(e.to_string()))?
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<ShellHelper, FileHistory> =
        Editor::with_config(config).map_err(|e| Error::Internal(e.to_string()))?;
    let helper = ShellHelper {
        dataset: session.dataset().clone(),
        queries: session.queries_folder().map(PathBuf::from),
        words: RefCell::new(None),
        reading: RefCell::new(None),
        files: FilenameCompleter::new(),
    };
    helper.read_words();
    editor.set_helper(Some(helper));
    Ok(editor)
}

/// Loads the history file, if there is one; returns where history is kept.
fn open_history(editor: &mut Editor<ShellHelper, FileHistory>) -> Option<PathBuf> {
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            // Without a history folder the shell still works; it just forgets.
            let _ = std::fs::create_dir_all(dir);
        }
        if path.exists()
            && let Err(e) = editor.load_history(path)
        {
            eprintln!(
                "claimgraph: warning: history {} not read: {e}",
                path.display()
            );
        }
    }
    history
}

/// Ctrl-C while a query runs cancels it; while reading a line the terminal is in raw mode and
/// rustyline reports Ctrl-C itself, so the shell never dies of it.
fn cancel_queries_on_ctrl_c(session: &Session) {
    let running = session.running();
    if let Err(e) = ctrlc::set_handler(move || {
        if let Some(token) = running.lock().expect("the lock is never poisoned").as_ref() {
            token.cancel();
        }
    }) {
        eprintln!("claimgraph: warning: Ctrl-C will not cancel queries: {e}");
    }
}

/// Prints what a step gave; returns whether the shell ends.
fn show(session: &Session, step: Result<Step>) -> bool {
    match step {
        Ok(Step::Output(text)) => {
            let mut out = std::io::stdout().lock();
            // A closed terminal ends the shell below, at the next read.
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
        Ok(Step::Quit) => return true,
        Ok(Step::Continue | Step::NeedMore) => {}
        Err(e) => {
            eprintln!("{}", e.one_line());
            if let Some(context) = session.point_at(&e) {
                eprint!("{context}");
            }
        }
    }
    false
}

/// Adds what was typed since the last entry to history, as one entry, and appends it to the file.
fn remember(
    editor: &mut Editor<ShellHelper, FileHistory>,
    path: Option<&PathBuf>,
    typed: &mut Vec<String>,
) {
    let entry = typed.join("\n");
    typed.clear();
    if entry.trim().is_empty() {
        return;
    }
    if editor.add_history_entry(entry).unwrap_or(false)
        && let Some(path) = path
        && let Err(e) = editor.append_history(path)
    {
        eprintln!(
            "claimgraph: warning: history not saved to {}: {e}",
            path.display()
        );
    }
}
