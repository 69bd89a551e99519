//! What a hostile user tried (issue 13), each through the real binary on real files: nothing
//! committed is lost, nothing hangs, and every error says what it is and what to do.

mod util;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};
use util::*;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("crosscheck")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn jsonl(out: &str) -> Vec<serde_json::Value> {
    out.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

fn stats_json(dir: &Path) -> serde_json::Value {
    let mut c = cc(dir);
    c.args(["stats", "--format", "json"]);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("stats JSON")
}

// 1. A missing meta.json must not wipe the index; --index at the user's own files writes nothing.
#[test]
fn missing_meta_json_never_wipes_the_index() {
    let d = workdir();
    ingest(d.path());
    let ix = d.path().join("index");
    std::fs::remove_file(ix.join("meta.json")).unwrap();
    let before = files_in(&ix);
    std::fs::write(d.path().join("any.txt"), "Aid reached 7 billion dollars in March.\n").unwrap();
    let mut c = cc(d.path());
    c.args(["ingest", "any.txt"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("meta.json is missing") && err.contains("nothing was changed"), "{err}");
    assert!(!err.to_lowercase().contains("remove") && !err.contains("delete"), "never advise deleting: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(files_in(&ix), before, "the damaged index was touched");
    // Readers say the same, not "run crosscheck ingest" (which would lead to the wipe).
    let mut c = cc(d.path());
    c.args(["search", "territory"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("meta.json is missing") && !err.contains("run `crosscheck ingest`"), "{err}");
}

#[test]
fn index_is_never_written_among_the_users_files() {
    let d = workdir();
    let mine = d.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "my notes").unwrap();
    let mut c = StdCommand::new(bin());
    c.current_dir(d.path()).args(["--index", "mine", "ingest", "corpus"]);
    let o = c.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is not a crosscheck index") && err.contains("notes.txt"), "{err}");
    assert_eq!(files_in(&mine), ["notes.txt"]);
}

// 2. Articles from standard input get distinct, stable names.
#[test]
fn stdin_articles_are_named_by_content_and_never_replace_each_other() {
    let d = workdir();
    ingest(d.path());
    for text in ["Officials said 40 people were hurt in Kharkiv.\n", "Aid reached 12 billion euros, the ministry said.\n"] {
        let mut c = cc(d.path());
        c.args(["check", "-", "--add"]).write_stdin(text);
        let (code, _, err) = run(c);
        assert!(code == 0 || code == 1, "{err}");
    }
    let mut c = cc(d.path());
    c.args(["check", "-", "--add", "--name", "press-release-7"]).write_stdin("The plan has 28 points, officials said.\n");
    run(c);
    assert_eq!(stats_json(d.path())["articles"], 8, "two stdin articles and a named one");
    let mut c = cc(d.path());
    c.args(["claims", "--format", "jsonl"]);
    let (_, out, _) = run(c);
    let docs: std::collections::HashSet<String> = jsonl(&out).iter().filter_map(|r| r["doc"].as_str().map(str::to_string)).collect();
    assert!(docs.contains("press-release-7"), "{docs:?}");
    assert_eq!(docs.iter().filter(|d| d.starts_with("stdin:")).count(), 2, "{docs:?}");
    // Stable: the same article again adds nothing.
    let mut c = cc(d.path());
    c.args(["check", "-", "--add"]).write_stdin("Officials said 40 people were hurt in Kharkiv.\n");
    let (_, _, err) = run(c);
    assert!(err.contains("0 added, 0 updated, 1 unchanged"), "{err}");
}

// 3. A syndicated copy from a second outlet is kept as that article's outlet.
#[test]
fn syndicated_copy_keeps_every_outlet() {
    let d = tempfile::tempdir().unwrap();
    let c = d.path().join("news");
    std::fs::create_dir_all(&c).unwrap();
    let story = "Wire story\n\nRussia holds nearly 19% of Ukraine's territory, officials said on Monday.\n";
    std::fs::write(c.join("ap.txt"), story).unwrap();
    std::fs::write(c.join("post.txt"), story).unwrap();
    std::fs::write(c.join("sources.csv"), "file,source,published\nap.txt,AP,2025-03-01\npost.txt,Daily Post,2025-03-02\n").unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "news"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 added") && err.contains("1 copy kept as another outlet"), "{err}");
    let mut cmd = cc(d.path());
    cmd.args(["claims", "--format", "jsonl"]);
    let (_, out, _) = run(cmd);
    let rows = jsonl(&out);
    assert!(!rows.is_empty());
    for r in &rows {
        // Every outlet with its own date, in one cell (the same in JSON Lines, CSV and Parquet).
        assert_eq!(r["outlets"], "AP 2025-03-01; Daily Post 2025-03-02", "{r}");
    }
    // The second outlet is searchable and shown.
    let mut cmd = cc(d.path());
    cmd.args(["search", "territory", "--source", "daily post", "--format", "json"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    let hits = jsonl(&out);
    assert_eq!(hits.len(), 1, "{out}");
    assert_eq!(hits[0]["outlets"], "AP 2025-03-01; Daily Post 2025-03-02");
    let mut cmd = cc(d.path());
    cmd.args(["claims", "--format", "csv"]);
    let (_, out, _) = run(cmd);
    assert!(out.lines().next().unwrap().split(',').any(|c| c == "outlets") && out.contains("AP 2025-03-01; Daily Post 2025-03-02"), "{out}");
    // Idempotent: a second run adds no outlet twice.
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "news"]);
    let (_, _, err) = run(cmd);
    assert!(err.contains("0 added, 0 updated, 2 unchanged"), "{err}");
}

// 4. Deleted and shrunk source files can be pruned.
#[test]
fn prune_drops_articles_of_deleted_and_shrunk_files() {
    let d = workdir();
    let feed = d.path().join("corpus/feed.jsonl");
    std::fs::write(&feed, "{\"text\":\"Officials said 40 people were hurt.\"}\n{\"text\":\"A second record with 12 regions.\"}\n{\"text\":\"A third with 9 towns.\"}\n").unwrap();
    ingest(d.path());
    assert_eq!(stats_json(d.path())["articles"], 8);
    std::fs::remove_file(d.path().join("corpus/000_5369185cf6c09dbb.txt")).unwrap();
    std::fs::write(&feed, "{\"text\":\"Officials said 40 people were hurt.\"}\n").unwrap();
    // Without --prune nothing is removed.
    ingest(d.path());
    assert_eq!(stats_json(d.path())["articles"], 8);
    let mut c = cc(d.path());
    c.args(["ingest", "--prune", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 pruned"), "{err}");
    assert_eq!(stats_json(d.path())["articles"], 5);
    let mut c = cc(d.path());
    c.args(["search", "Geneva", "--format", "csv", "--limit", "50"]);
    let (_, out, _) = run(c);
    assert!(!out.contains("000_5369185cf6c09dbb"), "{out}");
}

// 6. Nested boxes in a skipped HTML element are read in linear time, offsets exact.
#[test]
fn nested_html_boxes_are_fast_and_offsets_exact() {
    let d = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "<html><body><article><p>Moscow holds nearly 19&nbsp;% of Ukraine&#8217;s territory, officials said.</p><div class=\"share\">{}{}</div><p>Aid topped &euro;90 billion this year.</p></article></body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(d.path().join("deep.html"), &page).unwrap();
    let t = Instant::now();
    let mut c = cc(d.path());
    c.args(["extract", "--format", "jsonl", "deep.html"]).timeout(Duration::from_secs(60));
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(t.elapsed() < Duration::from_secs(10), "took {:?}", t.elapsed());
    let rows = jsonl(&out);
    assert!(rows.len() >= 2, "{out}");
    for r in &rows {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let in_file = &page[s..e];
        let text = r["text"].as_str().unwrap();
        // The span covers the claim in the file (where a reference stands for a character).
        let first = text.split_whitespace().next().unwrap();
        assert!(in_file.starts_with(first), "{text:?} vs file {in_file:?}");
    }
}

// 7. --limit is validated and capped.
#[test]
fn search_limit_is_validated_and_capped() {
    let d = workdir();
    ingest(d.path());
    for limit in ["99999999999", "9223372036854775807", "99999999999999999999999"] {
        let mut c = cc(d.path());
        c.args(["search", "territory", "--limit", limit, "--format", "csv"]);
        let (code, out, err) = run(c);
        assert_eq!(code, 0, "--limit {limit}: {err}");
        assert_eq!(out.lines().count(), 6, "all five articles and the header: {out}");
    }
    let mut c = cc(d.path());
    c.args(["search", "territory", "--limit", "0"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2);
    assert!(err.contains("at least 1"), "{err}");
}

// 8. Symbolic link loops and files named twice: each file read once.
#[test]
fn symlink_loops_and_repeated_names_read_each_file_once() {
    let d = tempfile::tempdir().unwrap();
    let c = d.path().join("news");
    std::fs::create_dir_all(c.join("sub")).unwrap();
    std::fs::write(c.join("sub/a.txt"), "Russia holds nearly 19% of Ukraine's territory.\n").unwrap();
    std::os::unix::fs::symlink("..", c.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("sub", c.join("alias")).unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["extract", "--format", "jsonl", "news", "news", "news/sub/a.txt"]).timeout(Duration::from_secs(60));
    let (_, out, err) = run(cmd);
    assert_eq!(jsonl(&out).len(), 1, "one claim, once: {out}\n{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
}

// 9. Progress inside big input is shown in bytes (on a terminal).
#[test]
fn progress_counts_bytes_on_a_terminal() {
    if StdCommand::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` command to give the binary a terminal");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(corpus().join("001_cf41273079cdba62.txt")).unwrap();
    let mut feed = String::new();
    for i in 0..300 {
        feed.push_str(&serde_json::json!({ "text": format!("{seed}\nItem {i}.") }).to_string());
        feed.push('\n');
    }
    std::fs::write(d.path().join("feed.jsonl"), feed).unwrap();
    let cmd = format!("{} --index {} ingest {}", bin().display(), d.path().join("index").display(), d.path().join("feed.jsonl").display());
    let o = StdCommand::new("script").args(["-qec", &cmd, "/dev/null"]).stdin(Stdio::null()).output().unwrap();
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(shown.contains("MiB") || shown.contains("KiB"), "no byte counts in the progress bar: {shown:?}");
}

// 15.5 Input selection: `ingest -` (paths or records), --glob, hidden files.
#[test]
fn ingest_reads_stdin_globs_and_says_when_hidden_files_are_skipped() {
    let d = workdir();
    let c = d.path().join("corpus");
    std::fs::create_dir_all(c.join(".drafts")).unwrap();
    std::fs::write(c.join(".drafts/x.txt"), "Aid reached 3 billion dollars.\n").unwrap();
    std::fs::write(c.join(".hidden.txt"), "Aid reached 4 billion dollars.\n").unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "--glob", "!004_*", "corpus"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("4 added") && err.contains("skipped 2 hidden files or folders") && err.contains("--hidden"), "{err}");
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "--hidden", "corpus"]);
    let (_, _, err) = run(cmd);
    assert!(err.contains("3 added") && !err.contains("hidden files"), "{err}");
    // A list of paths on standard input.
    std::fs::write(d.path().join("one.txt"), "Officials said 40 people were hurt.\n").unwrap();
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "-"]).write_stdin("one.txt\n\ncorpus/001_cf41273079cdba62.txt\n");
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 added, 0 updated, 1 unchanged"), "{err}");
    // JSON Lines records on standard input, named by content.
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "-"]).write_stdin("{\"text\":\"A record with 12 regions.\",\"source\":\"Wire\"}\n{\"text\":\"Another with 9 towns.\"}\n");
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 added"), "{err}");
    let mut cmd = cc(d.path());
    cmd.args(["ingest", "-"]).write_stdin("{\"text\":\"A third, with 5 cities.\"}\n");
    let (_, _, err) = run(cmd);
    assert!(err.contains("1 added"), "stdin records must not replace earlier ones: {err}");
}

/// A command for user `nobody`, or None (with the reason printed) where this machine cannot.
fn as_nobody(dir: &Path) -> Option<StdCommand> {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    let probe = StdCommand::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin()).arg("--version").output();
    match probe {
        Ok(o) if o.status.success() => {
            let mut c = StdCommand::new("setpriv");
            c.current_dir(dir).args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin()).arg("--index").arg(dir.join("index"));
            Some(c)
        }
        Ok(o) => {
            eprintln!("skipped: cannot run the binary as nobody here: {}", String::from_utf8_lossy(&o.stderr).trim());
            None
        }
        Err(e) => {
            eprintln!("skipped: no setpriv to run as another user: {e}");
            None
        }
    }
}

fn output(mut c: StdCommand) -> (i32, String, String) {
    let o = c.output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

// 10. Read-only commands work on an index built by another user; files follow the folder.
#[test]
fn another_user_can_read_the_index() {
    let d = workdir();
    // Built under a strict umask: the folder is then opened up to others.
    let o = StdCommand::new("sh")
        .current_dir(d.path())
        .arg("-c")
        .arg(format!("umask 077 && exec {} --index index ingest corpus", bin().display()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.path().join("index"), std::fs::Permissions::from_mode(0o755)).unwrap();
    // The next write makes the files as readable as the folder.
    ingest(d.path());
    for e in std::fs::read_dir(d.path().join("index")).unwrap().flatten() {
        let mode = e.metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{:?} is not readable by others ({mode:o})", e.file_name());
    }
    let Some(_) = as_nobody(d.path()) else { return };
    for args in [&["search", "territory"][..], &["claims", "--metric", "territory_share"], &["discrepancies"], &["stats"], &["verify"]] {
        let mut c = as_nobody(d.path()).unwrap();
        c.args(args);
        let (code, out, err) = output(c);
        assert_eq!(code, 0, "{args:?} as nobody: {err}");
        assert!(!out.is_empty() || !err.is_empty());
        assert!(!err.contains("remove") && !err.contains("damaged"), "{err}");
    }
    let mut c = as_nobody(d.path()).unwrap();
    c.args(["check", "-", "--published", "2025-12-06"]).stdin(Stdio::piped());
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"Analysts say Russia now occupies about 25 percent of Ukraine.\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "check as nobody: {}", String::from_utf8_lossy(&o.stderr));
    // Writing is refused with a plain reason, and no advice to delete anything.
    let mut c = as_nobody(d.path()).unwrap();
    c.args(["ingest", "corpus"]);
    let (code, _, err) = output(c);
    assert_eq!(code, 2);
    assert!(err.lines().count() == 1 && !err.contains("remove") && !err.contains("damaged"), "{err}");
    assert!(err.contains("cannot write") && !err.contains("locked"), "{err}");
}

/// Overwrite bytes in the middle of the largest file with the given extension.
fn damage(ix: &Path, ext: &str) -> PathBuf {
    let f = std::fs::read_dir(ix)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a segment file");
    let mut bytes = std::fs::read(&f).unwrap();
    let mid = bytes.len() / 3;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&f, bytes).unwrap();
    f
}

// 11. A corrupt segment: verify names it, ingest refuses, readers give one clear line.
#[test]
fn a_damaged_segment_is_named_and_never_written_over() {
    let d = workdir();
    ingest(d.path());
    let mut c = cc(d.path());
    c.arg("verify");
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("intact"), "{err}");
    let file = damage(&d.path().join("index"), "store");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let mut c = cc(d.path());
    c.arg("verify");
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&name) && err.contains("checksum"), "{err}");
    assert!(!err.contains("tantivy") && !err.contains("remove the folder"), "{err}");
    // ingest does not write over it, and does not exit 0.
    let mut c = cc(d.path());
    c.args(["ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("damaged") && err.contains(&name) && err.lines().count() == 1, "{err}");
    // Commands that read the stores fail with one line naming the index, or succeed.
    for args in [&["claims"][..], &["discrepancies"], &["search", "territory"]] {
        let mut c = cc(d.path());
        c.args(args);
        let (code, _, err) = run(c);
        assert!(code == 0 || code == 2 || code == 3, "{args:?}: {err}");
        if code == 2 {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.contains("index at") && !err.contains("tantivy 0.") && !err.contains("remove"), "{args:?}: {err}");
        }
    }
    // verify works for another user too, without write access.
    if let Some(mut c) = as_nobody(d.path()) {
        c.arg("verify");
        let (code, _, err) = output(c);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&name), "{err}");
    }
}

#[test]
fn stats_say_what_the_index_holds() {
    let d = workdir();
    ingest(d.path());
    let s = stats_json(d.path());
    assert_eq!(s["articles"], 5);
    assert!(s["claims"].as_u64().unwrap() > 20, "{s}");
    assert_eq!(s["outlets"], 3, "{s}");
    assert_eq!(s["first_published"], "2025-02-16");
    assert_eq!(s["last_published"], "2025-12-06");
    assert_eq!(s["undated_articles"], 2);
    assert!(s["bytes"].as_u64().unwrap() > 10_000);
    assert_eq!(s["build"]["lexicon"].as_array().map(Vec::len), Some(0));
}

// 12. The lexicon the index was built with is kept; check refuses another one.
#[test]
fn a_lexicon_mismatch_is_refused() {
    let d = workdir();
    let lex = d.path().join("extra.toml");
    std::fs::write(&lex, "[[metric]]\nname = \"wheat_exports\"\nunits = [\"count\", \"money\"]\ncues = [\"wheat\", \"grain exports\"]\n").unwrap();
    let mut c = cc(d.path());
    c.args(["--lexicon", "extra.toml", "ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let mut c = cc(d.path());
    c.args(["check", "-"]).write_stdin("Analysts say Russia now occupies about 25 percent of Ukraine.\n");
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--lexicon extra.toml") && err.contains("built with"), "{err}");
    let mut c = cc(d.path());
    c.args(["--lexicon", "extra.toml", "check", "-", "--published", "2025-12-06"]).write_stdin("Analysts say Russia now occupies about 25 percent of Ukraine.\n");
    let (code, _, err) = run(c);
    assert_eq!(code, 1, "{err}");
    // Adding articles with another lexicon is refused too.
    let mut c = cc(d.path());
    c.args(["ingest", "corpus"]);
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    let mut c = cc(d.path());
    c.arg("stats");
    let (_, out, _) = run(c);
    assert!(out.contains("--lexicon extra.toml"), "{out}");
}

// 13. UTF-16 with a byte order mark is read, offsets into the file's bytes.
#[test]
fn utf16_files_are_decoded_with_file_offsets() {
    let d = tempfile::tempdir().unwrap();
    let text = "Kyiv\n\nRussia holds nearly 19% of Ukraine’s territory, officials said.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(d.path().join("win.txt"), &bytes).unwrap();
    let mut c = cc(d.path());
    c.args(["extract", "--format", "jsonl", "win.txt"]);
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "{err}");
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 1, "{out}");
    let (s, e) = (rows[0]["start"].as_u64().unwrap() as usize, rows[0]["end"].as_u64().unwrap() as usize);
    let units: Vec<u16> = bytes[s..e].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    assert_eq!(String::from_utf16(&units).unwrap(), rows[0]["text"].as_str().unwrap());
}

// 14. A closed pipe is not an error for any command.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let d = workdir();
    // Enough claims that the output outgrows the pipe.
    let seed = std::fs::read_to_string(corpus().join("004_5597e02c02573cef.txt")).unwrap();
    let mut many = String::new();
    for i in 0..60 {
        many.push_str(&serde_json::json!({ "text": format!("{seed}\nItem {i}."), "source": format!("Outlet {}", i % 7) }).to_string());
        many.push('\n');
    }
    std::fs::write(d.path().join("corpus/many.jsonl"), &many).unwrap();
    ingest(d.path());
    std::fs::write(d.path().join("big.txt"), seed.repeat(20)).unwrap();
    let ix = d.path().join("index");
    for args in [
        vec!["claims", "--format", "csv"],
        vec!["claims", "--format", "table"],
        vec!["extract", "--format", "csv", "big.txt"],
        vec!["search", "Ukraine", "--limit", "100", "--format", "csv"],
        vec!["discrepancies", "--all", "--format", "jsonl"],
        vec!["check", "--format", "csv", "big.txt"],
    ] {
        let cmd = format!("{} --index {} {} | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}", bin().display(), ix.display(), args.join(" "));
        let o = StdCommand::new("bash").current_dir(d.path()).args(["-c", &cmd]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(matches!(o.status.code(), Some(0) | Some(1)), "{args:?}: exit {:?}: {err}", o.status.code());
        assert!(!err.contains("Broken pipe") && !err.contains("error"), "{args:?}: {err}");
    }
}

// 15. Control characters never reach the terminal; file names stay on one line.
#[test]
fn control_characters_are_kept_out_of_tables_and_messages() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("evil.txt"), "Evil\x07 title \x1b[31mred\x1b]0;pwned\x07\n\nRussia holds nearly 19% of Ukraine's territory \x1b[2J today.\n").unwrap();
    std::fs::write(d.path().join("bad\nname.pdf"), "x").unwrap();
    let mut c = cc(d.path());
    c.args(["ingest", "evil.txt", "bad\nname.pdf"]);
    let (_, _, err) = run(c);
    let line = err.lines().find(|l| l.contains("unsupported")).expect("a warning for the pdf");
    assert!(line.contains("bad\\nname.pdf"), "{err}");
    for args in [&["search", "territory"][..], &["claims"]] {
        let mut c = cc(d.path());
        c.args(args);
        let (code, out, _) = run(c);
        assert_eq!(code, 0);
        assert!(out.contains("nearly 19%"), "{out}");
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{args:?} passed control characters: {out:?}");
    }
    let mut c = cc(d.path());
    c.args(["extract", "--format", "table", "evil.txt"]);
    let (_, out, _) = run(c);
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
}

// 16. A stored claim record that does not parse is reported, not dropped silently.
#[test]
fn an_unreadable_claim_record_is_reported() {
    let d = workdir();
    ingest(d.path());
    {
        let index = tantivy::Index::open_in_dir(d.path().join("index")).unwrap();
        let schema = index.schema();
        let f = |n: &str| schema.get_field(n).unwrap();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(f("kind"), "claim");
        doc.add_text(f("doc"), "corpus/odd.txt");
        doc.add_text(f("metric"), "territory_share");
        doc.add_text(f("record"), "{\"claim\": 17}");
        w.add_document(doc).unwrap();
        w.commit().unwrap();
        w.wait_merging_threads().unwrap();
    }
    let mut c = cc(d.path());
    c.args(["claims", "--metric", "territory_share", "--format", "csv"]);
    let (code, out, err) = run(c);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("1 stored claim record could not be read") && err.contains("corpus/odd.txt"), "{err}");
    assert!(out.contains("nearly 19%"), "the readable claims are still listed: {out}");
    let mut c = cc(d.path());
    c.arg("verify");
    let (code, _, err) = run(c);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("corpus/odd.txt"), "{err}");
}

// Hangs are bounded: an ingest of a hostile folder finishes (symlink loop + deep HTML).
#[test]
fn a_hostile_folder_is_ingested_in_bounded_time() {
    let d = tempfile::tempdir().unwrap();
    let c = d.path().join("news");
    std::fs::create_dir_all(&c).unwrap();
    std::os::unix::fs::symlink(".", c.join("self")).unwrap();
    std::fs::write(c.join("deep.html"), format!("<body><aside>{}</aside><p>Aid reached 5 billion.</p></body>", "<aside>".repeat(50_000))).unwrap();
    let mut child = StdCommand::new(bin()).current_dir(d.path()).args(["--index", "index", "ingest", "news"]).stderr(Stdio::piped()).spawn().unwrap();
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("ingest did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
