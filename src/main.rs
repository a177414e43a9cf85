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
            eprintln!("secpa: {}", e.render(lang));
            ExitCode::from(2)
        }
    }
}
