//! The `claimgraph` binary: parse the command line, run the command, print any error once and
//! turn it into a documented exit code.

use claimgraph::{cli::Cli, commands};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("{}", e.one_line());
            e.exit().into()
        }
    }
}
