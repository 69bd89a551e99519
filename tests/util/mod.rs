//! Shared helpers for integration tests: run the real binary on real files in a temp dir.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository's corpus folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A temp dir with a copy of the seed corpus (and its manifest) under `corpus/`.
pub fn workdir() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    let dst = d.path().join("corpus");
    std::fs::create_dir_all(&dst).expect("mkdir");
    for e in std::fs::read_dir(corpus()).expect("corpus").flatten() {
        std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy");
    }
    d
}

/// `crosscheck --index DIR/index ARGS...` run in DIR.
pub fn cc(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("crosscheck").expect("binary");
    c.current_dir(dir).arg("--index").arg(dir.join("index"));
    c
}

/// Run and return (exit code, stdout, stderr).
pub fn run(mut c: Command) -> (i32, String, String) {
    let o = c.output().expect("run");
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Ingest the corpus copy in `dir`.
pub fn ingest(dir: &Path) -> String {
    let mut c = cc(dir);
    c.arg("ingest").arg("corpus");
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "ingest failed: {err}");
    err
}
