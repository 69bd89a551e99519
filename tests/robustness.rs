//! Hostile input and broken state: each gets a clear one-line message naming the file, good
//! input is still ingested, and nothing committed earlier is lost.

mod util;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};
use util::*;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("crosscheck")
}

#[test]
fn bad_files_are_reported_and_good_ones_ingested() {
    let d = workdir();
    let c = d.path().join("corpus");
    std::fs::write(c.join("latin1.txt"), b"Caf\xe9 prices rose 5% this year.\n").unwrap();
    std::fs::write(c.join("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(c.join("empty.md"), b"").unwrap();
    std::fs::write(c.join("feed.jsonl"), "{\"text\":\"Officials said 40 people were hurt.\",\"source\":\"Wire\"}\n{\"text\": broken\n{\"text\":\"A second record with 12 regions.\"}\n").unwrap();
    std::fs::write(c.join("table.csv"), "headline,body_html\nx,y\n").unwrap();
    std::fs::write(c.join("notes.pdf"), b"%PDF-1.4").unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "corpus"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 3, "partial success has its own exit code: {err}");
    for (file, msg) in [("latin1.txt", "not valid UTF-8"), ("blob.txt", "binary"), ("empty.md", "empty"), ("feed.jsonl:2", "invalid JSON"), ("table.csv", "missing column 'text'"), ("notes.pdf", "unsupported")] {
        assert!(err.lines().any(|l| l.contains(file) && l.contains(msg)), "no line for {file} / {msg} in:\n{err}");
    }
    // 5 seeds + 2 good JSONL records.
    assert!(err.contains("7 added"), "{err}");
}

#[test]
fn a_50_mb_file_is_ingested() {
    let d = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(corpus().join("004_5597e02c02573cef.txt")).unwrap();
    let mut big = String::with_capacity(51 << 20);
    while big.len() < 50 << 20 {
        big.push_str(&seed);
    }
    std::fs::write(d.path().join("big.txt"), &big).unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "big.txt"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 added"), "{err}");
}

#[test]
fn missing_and_corrupted_indexes_are_clear_errors() {
    let d = tempfile::tempdir().unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["search", "territory"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2);
    assert!(err.contains("no index at") && err.contains("crosscheck ingest"), "{err}");
    let w = workdir();
    ingest(w.path());
    std::fs::write(w.path().join("index/meta.json"), b"{ not json").unwrap();
    let mut cmd = cc(w.path());
    cmd.args(["search", "territory"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2);
    assert!(err.contains("is damaged") && err.contains("meta.json") && err.lines().count() == 1, "{err}");
    assert!(!err.contains("remove"), "never advise deleting: {err}");
}

#[test]
fn read_only_index_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let d = workdir();
    ingest(d.path());
    let ix = d.path().join("index");
    std::fs::set_permissions(&ix, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions: then there is nothing to test here.
    let probe = ix.join(".probe");
    let root = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    if !root {
        std::fs::write(d.path().join("corpus/new.txt"), "Aid reached 7 billion dollars.\n").unwrap();
        let mut cmd = cc(d.path());
        cmd.args(["ingest", "corpus"]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 2, "{err}");
        assert!(err.starts_with("crosscheck: ") && err.lines().count() == 1, "{err}");
        // What was committed is still searchable.
        let mut cmd = cc(d.path());
        cmd.args(["search", "territory"]);
        assert_eq!(run(cmd).0, 0);
    }
    std::fs::set_permissions(&ix, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Many distinct small articles so an ingest takes a moment.
fn many_articles(dir: &std::path::Path, n: usize) {
    let seed = std::fs::read_to_string(corpus().join("001_cf41273079cdba62.txt")).unwrap();
    let c = dir.join("many");
    std::fs::create_dir_all(&c).unwrap();
    for i in 0..n {
        std::fs::write(c.join(format!("a{i:05}.txt")), format!("{seed}\nFiled as item {}.\n", i.to_string().chars().map(|d| (b'a' + d as u8 - b'0') as char).collect::<String>())).unwrap();
    }
}

#[test]
fn two_concurrent_ingests_one_is_told_the_index_is_locked() {
    let d = tempfile::tempdir().unwrap();
    many_articles(d.path(), 1500);
    let ix = d.path().join("index");
    let spawn = || StdCommand::new(bin()).arg("--index").arg(&ix).arg("ingest").arg(d.path().join("many")).stderr(Stdio::piped()).spawn().unwrap();
    // Create the index first so both race for the writer, not for creation.
    let first = spawn();
    std::thread::sleep(Duration::from_millis(150));
    let second = spawn();
    let (a, b) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
    let errs = format!("{}{}", String::from_utf8_lossy(&a.stderr), String::from_utf8_lossy(&b.stderr));
    let locked = [&a, &b].iter().filter(|o| String::from_utf8_lossy(&o.stderr).contains("locked by another crosscheck process")).count();
    // Either the second found the lock, or the first had already finished: never corruption.
    assert!(locked <= 1, "{errs}");
    if locked == 1 {
        assert!([&a, &b].iter().any(|o| o.status.code() == Some(2)));
    }
    let o = StdCommand::new(bin()).arg("--index").arg(&ix).arg("ingest").arg(d.path().join("many")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("0 added, 0 updated, 1500 unchanged"), "{err}");
}

#[test]
fn kill_9_during_ingest_then_rerun_completes_the_index() {
    let d = tempfile::tempdir().unwrap();
    let n = 3000;
    many_articles(d.path(), n);
    let ix = d.path().join("index");
    let mut child = StdCommand::new(bin()).arg("--index").arg(&ix).arg("ingest").arg(d.path().join("many")).stderr(Stdio::null()).spawn().unwrap();
    // Kill once the writer has started (its lock file appears), or after a short while.
    let t0 = Instant::now();
    while !ix.join(".tantivy-writer.lock").exists() && t0.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let o = StdCommand::new(bin()).arg("--index").arg(&ix).arg("ingest").arg(d.path().join("many")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let o = StdCommand::new(bin()).arg("--index").arg(&ix).arg("ingest").arg(d.path().join("many")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("0 added, 0 updated, {n} unchanged")), "index incomplete after re-run: {err}");
    let o = StdCommand::new(bin()).arg("--index").arg(&ix).args(["search", "Geneva", "--limit", "5", "--format", "csv"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 6);
}
