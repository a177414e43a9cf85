//! `secpa`: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = secpa::cli::parse();
    let lang = cli.lang.into();
    match secpa::run(cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        // A closed pipe (`secpa … | head`) is not a failure.
        Err(secpa::Error::Core(secpa::error::Error::Write { source, .. }))
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // A closed or full stderr must not turn a clean failure into a panic.
            use std::io::Write;
            // Errors quote rule files, case files and paths: shown through the one
            // terminal sanitiser (line breaks kept, a list of problems stays a list).
            let text = e.render(lang);
            let _ = writeln!(
                std::io::stderr(),
                "secpa: {}",
                secpa::terminal::safe(&text, true)
            );
            ExitCode::from(2)
        }
    }
}
