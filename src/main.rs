//! `secpa`: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = secpa::cli::parse();
    let lang = cli.lang.into();
    match secpa::run(cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        // A closed pipe (`secpa … | head`) is not a failure.
        Err(secpa::Error::Write { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // A closed or full stderr must not turn a clean failure into a panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "secpa: {}", e.render(lang));
            ExitCode::from(2)
        }
    }
}
