//! `--output` through the binary: atomic (a failed or killed run leaves the previous file
//! or none, and no temporary file after a failure), never over an input, and CSV formulas
//! neutralised while JSON stays exact.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::{fixture, secpa};

/// The binary as a `std::process::Command`, to redirect stdout and to spawn and kill it.
fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("secpa"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SECPA_TODAY", "2026-11-25");
    cmd
}

const HEADER: &str =
    "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n";

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_rename_leaves_the_directory_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a directory: the temporary file is written, the rename fails.
    std::fs::create_dir(dir.path().join("out.csv")).unwrap();
    let input = std::fs::canonicalize(fixture("compute/reference.csv")).unwrap();
    let out = secpa()
        .current_dir(dir.path())
        .args([
            "compute",
            input.to_str().unwrap(),
            "--format",
            "csv",
            "--output",
            "out.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(names(dir.path()), ["out.csv"], "no temporary file left");
    assert!(dir.path().join("out.csv").is_dir());
}

#[test]
fn a_missing_directory_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("absent").join("out.csv");
    let out = secpa()
        .args(["compute", &fixture("compute/reference.csv"), "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_full_disk_on_stdout_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let out = process()
        .args([
            "compute",
            &fixture("compute/reference.csv"),
            "--format",
            "csv",
        ])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdout>"));
}

#[test]
fn the_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let bytes = std::fs::read(fixture("compute/reference.csv")).unwrap();
    std::fs::write(&input, &bytes).unwrap();
    for target in [input.clone(), dir.path().join(".").join("in.csv")] {
        let out = secpa()
            .arg("compute")
            .arg(&input)
            .arg("--output")
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("fichier d'entrée"));
    }
    assert_eq!(std::fs::read(&input).unwrap(), bytes);
    assert_eq!(names(dir.path()), ["in.csv"]);
}

/// A run killed while writing a large output leaves the previous file whole (or none):
/// the output is renamed into place only once complete.
#[test]
fn a_killed_run_leaves_the_previous_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut text = String::from(HEADER);
    for i in 0..300_000 {
        text.push_str(&format!(
            "{i},Structure {i},{},\"37,5\",oui,70000,2022-03-01\n",
            1000 + i % 6000
        ));
    }
    std::fs::write(&input, text).unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, b"previous complete file\n").unwrap();
    let mut killed_midway = 0;
    for delay in [20, 80, 200] {
        let mut child = process()
            .arg("compute")
            .arg(&input)
            .args(["--as-of", "2022-03-01", "--format", "csv", "--output"])
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL: no handler runs, the worst case
        let _ = child.wait();
        let now = std::fs::read(&target).unwrap();
        let previous = now == b"previous complete file\n";
        let complete = now.ends_with(b"\n") && now.split(|&b| b == b'\n').count() == 300_002;
        assert!(previous || complete, "partial output after {delay} ms");
        killed_midway += usize::from(previous);
        // A SIGKILL can leave the hidden temporary file: never under the target's name.
        for name in names(dir.path()) {
            assert!(
                ["big.csv", "out.csv"].contains(&name.as_str())
                    || (name.starts_with(".secpa-") && name.ends_with(".tmp")),
                "{name}"
            );
        }
    }
    assert!(
        killed_midway > 0,
        "no run was killed before its end: the test proves nothing"
    );
}

#[test]
fn csv_neutralises_formulas_json_stays_exact() {
    let f = fixture("bad/formula-injection.csv");
    let csv = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    for cell in [
        "'=1+1",
        "\"'=HYPERLINK(",
        "'+SUM(A1)",
        "'-2+3",
        "'@SUM(A1:A9)",
    ] {
        assert!(csv.contains(cell), "{cell} in\n{csv}");
    }
    let excel = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--excel"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&excel.stdout).contains(";'@SUM(A1:A9);"));
    let json = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let noms: Vec<&str> = doc["structures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nom"].as_str().unwrap())
        .collect();
    assert_eq!(
        noms[..5],
        [
            "=1+1",
            "=HYPERLINK(\"http://exemple.invalid\",\"clic\")",
            "+SUM(A1)",
            "-2+3",
            "@SUM(A1:A9)"
        ]
    );
}

/// `secpa compute` on the reference file, its output to `out`, through `sh` with `umask`.
fn compute_to(out: &Path, umask: &str) -> std::process::Output {
    let secpa = assert_cmd::cargo::cargo_bin("secpa");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask}; exec \"$0\" compute tests/fixtures/compute/reference.csv --as-of 2022-03-01 --format csv -o \"$1\""
        ))
        .arg(secpa)
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_new_file_gets_0666_minus_the_umask_an_overwritten_one_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    assert_eq!(compute_to(&out, "022").status.code(), Some(0));
    assert_eq!(mode(&out), 0o644);
    std::fs::remove_file(&out).unwrap();
    assert_eq!(compute_to(&out, "077").status.code(), Some(0));
    assert_eq!(mode(&out), 0o600);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(compute_to(&out, "022").status.code(), Some(0));
    assert_eq!(mode(&out), 0o640, "an overwritten report keeps its mode");
    assert!(std::fs::read_to_string(&out).unwrap().contains("373000.00"));
}

#[test]
fn a_symlink_is_followed_and_its_target_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.csv");
    std::fs::write(&target, "avant").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert_eq!(compute_to(&link, "022").status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("373000.00"));
    assert_eq!(names(dir.path()), ["link.csv", "target.csv"]);
}

#[test]
fn a_device_or_a_fifo_is_written_in_place_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // /dev/null stays the device (as root, a rename would have replaced it).
    assert_eq!(
        compute_to(Path::new("/dev/null"), "022").status.code(),
        Some(0)
    );
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A named pipe: the reader gets the results, the pipe stays a pipe.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    assert_eq!(compute_to(&fifo, "022").status.code(), Some(0));
    assert!(reader.join().unwrap().contains("373000.00"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe"]);
}

#[test]
fn an_input_is_recognised_under_any_name_and_a_rule_file_is_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compute/reference.csv"),
        &input,
    )
    .unwrap();
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&input, &hard).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = process()
        .args(["compute", "--as-of", "2022-03-01", "-o"])
        .arg(&hard)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let rules = dir.path().join("rules.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/2022-02-03.toml"),
        &rules,
    )
    .unwrap();
    let text = std::fs::read(&rules).unwrap();
    let out = process()
        .args(["compute", "tests/fixtures/compute/reference.csv", "--rules"])
        .arg(&rules)
        .arg("-o")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&rules).unwrap(),
        text,
        "the rules are not overwritten"
    );
}

#[test]
fn an_interrupted_run_removes_its_temporary_file_and_a_stale_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut text = HEADER.to_owned();
    for i in 0..400_000 {
        text.push_str(&format!(
            "59000{:04},S{i},2500,37.5,oui,70000,2022-03-01\n",
            i % 10_000
        ));
    }
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("out.json");
    for signal in ["TERM", "INT", "HUP"] {
        let mut child = process()
            .args(["compute", "--year", "2022", "--format", "json", "-o"])
            .arg(&out)
            .arg(&input)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150));
        let _ = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let status = child.wait().unwrap();
        // Killed midway, or the test proves nothing.
        assert!(!out.exists(), "SIG{signal} came after the end: {status:?}");
        assert!(
            status.code().is_none(),
            "ended by the signal, as the signal ends a process"
        );
        let left: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".secpa-"))
            .collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
    // A temporary file of a killed run (SIGKILL: no handler) is reported by the next run.
    std::fs::write(dir.path().join(".secpa-abc123.tmp"), "moitié").unwrap();
    let small = dir.path().join("out.csv");
    let run = process()
        .args([
            "compute",
            "tests/fixtures/compute/reference.csv",
            "--as-of",
            "2022-03-01",
            "-o",
        ])
        .arg(&small)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(".secpa-abc123.tmp"), "{stderr}");
}

#[test]
fn escape_sequences_never_reach_the_terminal_and_diff_csv_neutralises_formulas() {
    let f = fixture("bad/escape-sequences.csv");
    let runs: [&[&str]; 6] = [
        &["compute", &f, "--as-of", "2022-03-01"],
        &["explain", &f, "--as-of", "2022-03-01"],
        &["check", &f],
        &["budget", &f],
        &[
            "diff",
            "2022-02-03",
            "tests/fixtures/diff/d2-band-2.toml",
            &f,
        ],
        &["compute", "--lang", "en", &f, "--year", "2022"],
    ];
    for args in runs {
        let out = crate::secpa().args(args).output().unwrap();
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?} {name}: {text}"
            );
        }
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("\\u{1b}")
                || String::from_utf8_lossy(&out.stderr).contains("\\u{1b}"),
            "{args:?}: the escape is shown, as text"
        );
    }
    // diff's CSV, like compute's, neutralises what a spreadsheet would run.
    let out = crate::secpa()
        .args([
            "diff",
            "2022-02-03",
            "tests/fixtures/diff/d2-band-2.toml",
            "examples/candidatures.csv",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let moved = crate::secpa()
        .args([
            "diff",
            "2022-02-03",
            "tests/fixtures/diff/d2-band-2.toml",
            &f,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&moved.stdout);
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
}

#[test]
fn xlsx_output_is_a_workbook_with_text_identifiers_and_number_amounts() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dotations.xlsx");
    let run = crate::secpa()
        .args([
            "compute",
            "examples/candidatures.csv",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Dotations", "Provenance"]);
    let sheet = book.worksheet_range("Dotations").unwrap();
    assert_eq!(
        sheet.get_value((0, 1)),
        Some(&Data::String("FINESS".into()))
    );
    // 26 structures, a header and a total row.
    assert_eq!(sheet.height(), 28);
    // A FINESS with a leading zero stays text, whole.
    let finess: Vec<&Data> = (1..27).filter_map(|r| sheet.get_value((r, 1))).collect();
    assert!(
        finess.contains(&&Data::String("060000247".into())),
        "{finess:?}"
    );
    // Amounts are numbers; the total row adds up to the computed total.
    assert_eq!(sheet.get_value((1, 7)), Some(&Data::Float(573760.0)));
    assert_eq!(
        sheet.get_value((27, 2)),
        Some(&Data::String("Total".into()))
    );
    assert_eq!(sheet.get_value((27, 7)), Some(&Data::Float(9331280.0)));
    let provenance = book.worksheet_range("Provenance").unwrap();
    let text: Vec<String> = provenance.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("sha256")), "{text:?}");
    assert!(text
        .iter()
        .any(|t| t.contains("dotations.participative.cout_etp")));
    // Not to a terminal, and not with --excel.
    let bad = crate::secpa()
        .args([
            "compute",
            "examples/candidatures.csv",
            "--format",
            "xlsx",
            "--excel",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
