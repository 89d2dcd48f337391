//! Faults during `export`, through the real command line: whatever happens, the previous
//! `exports/` and `schemas/` stay complete and valid, the error says what happened and where,
//! and the next export cleans up and succeeds.
//!
//! How each fault is produced, and why that way:
//!
//! - **Killed** (SIGKILL, nothing runs after it). Two ways, both without any test hook in the
//!   code. (1) `strace -e inject=SYSCALL:signal=SIGKILL:when=N` kills the process exactly when it
//!   makes its Nth such system call, before the call takes effect: every `rename` (each step of
//!   swapping a tree in), the first file `fsync` (while staging) and the first `unlinkat` (while
//!   removing the previous tree), deterministically. strace is on the machines this project
//!   builds on; where it is missing or may not trace, those tests say so and skip. (2) A plain kill after increasing
//!   delays, counted from the moment the staging directory appears, on a corpus multiplied by 20
//!   (`scale_corpus`) so that writing takes long enough to be interrupted at various points;
//!   every kill point, whatever it is, must leave a complete tree. strace also injects an I/O
//!   error into each rename, to check that an export that fails while swapping puts back what
//!   it already swapped.
//! - **Disk full.** (1) A file-size limit, `ulimit -f` in `sh` with SIGXFSZ ignored, so that a
//!   `write` past the limit fails with EFBIG instead of killing the process: works for any user.
//!   (2) A real full file system: a small tmpfs mounted for the test (ENOSPC). Mounting needs
//!   root; elsewhere that variant says so and skips.
//! - **Unwritable output directory.** The tests run as root, and root ignores permission bits,
//!   so `chmod 0555` alone proves nothing. (1) A read-only bind mount of the parent directory,
//!   made in a private mount namespace (`unshare --mount`) around the export only, so it
//!   vanishes with it (EROFS); needs root, skips elsewhere. (2) The parent made immutable with
//!   `chattr +i`, which binds root too (EPERM); where the user is not root, `chmod 0555` is used
//!   instead, and it does bind. The test probes that the directory really refuses a new entry
//!   before relying on it.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use support::{
    BIN, Published, SCALE_CORPUS, Snapshot, bundled_seeds, check_sha256sums, copy_dir,
    export_command, export_ok, leftovers, snapshot,
};

const SIGKILL: i32 = 9;

/// An export of some seeds, kept as reference: what a complete tree looks like.
struct Reference {
    exports: Snapshot,
    schemas: Snapshot,
}

impl Reference {
    fn of(exports: &Path, schemas: &Path) -> Self {
        Reference {
            exports: snapshot(exports),
            schemas: snapshot(schemas),
        }
    }
}

/// A multiplied copy of the bundled corpus (see `src/bin/scale_corpus.rs`).
fn scaled_seeds(factor: u32, out: &Path) -> PathBuf {
    let status = Command::new(SCALE_CORPUS)
        .arg("--factor")
        .arg(factor.to_string())
        .arg("--seeds")
        .arg(bundled_seeds())
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "scale_corpus: {status:?}");
    out.to_path_buf()
}

/// The output directory of the tests: `out/exports` and `out/schemas`, and nothing else once
/// an export is over.
struct Out {
    dir: PathBuf,
}

impl Out {
    fn new(dir: PathBuf) -> Self {
        fs::create_dir_all(&dir).unwrap();
        Out { dir }
    }
    fn exports(&self) -> PathBuf {
        self.dir.join("exports")
    }
    fn schemas(&self) -> PathBuf {
        self.dir.join("schemas")
    }
    fn export(&self, seeds: &Path) -> Command {
        export_command(seeds, &self.exports(), &self.schemas())
    }
    fn leftovers(&self) -> Vec<String> {
        leftovers(&self.dir, &["exports", "schemas"])
    }

    /// After a fault: each tree is one complete export, the previous or the new one, file for
    /// file (the kill may fall between the two swaps, so each tree is judged on its own), and
    /// the exports' SHA256SUMS holds.
    fn assert_complete(&self, previous: &Reference, new: &Reference, context: &str) {
        let exports = snapshot(&self.exports());
        assert!(
            exports == previous.exports || exports == new.exports,
            "{context}: exports/ is neither the previous nor the new export ({} entries, leftovers {:?})",
            exports.len(),
            self.leftovers()
        );
        let schemas = snapshot(&self.schemas());
        assert!(
            schemas == previous.schemas || schemas == new.schemas,
            "{context}: schemas/ is neither the previous nor the new export ({} entries)",
            schemas.len()
        );
        check_sha256sums(&self.exports()).unwrap_or_else(|e| panic!("{context}: {e}"));
    }

    /// The previous export, untouched: same files, same bytes, same directories (not a copy).
    fn published(&self) -> Published {
        support::published(&self.exports(), &self.schemas())
    }

    /// After a fault, a plain export succeeds, produces the new export and removes whatever
    /// interrupted runs left behind.
    fn assert_next_export_recovers(&self, seeds: &Path, new: &Reference, context: &str) {
        let output = self.export(seeds).output().unwrap();
        assert!(
            output.status.success(),
            "{context}: the next export fails: {}",
            support::stderr(&output)
        );
        assert!(
            snapshot(&self.exports()) == new.exports && snapshot(&self.schemas()) == new.schemas,
            "{context}: the next export is not the new export"
        );
        assert_eq!(
            self.leftovers(),
            Vec::<String>::new(),
            "{context}: the next export leaves no leftover"
        );
    }
}

/// Asserts a failed export: exit code 1, an `error:` line that names `what` happened and the
/// directory `where_` it happened, and says nothing was exported.
fn assert_fails_saying(output: &Output, what: &[&str], where_: &Path) {
    let stderr = support::stderr(output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let error = stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line: {stderr}"));
    assert!(
        what.iter().any(|w| error.contains(w)),
        "the error says what happened ({what:?}): {error}"
    );
    assert!(
        error.contains(&where_.display().to_string()),
        "the error says where ({}): {error}",
        where_.display()
    );
    assert!(error.ends_with("; nothing was exported"), "{error}");
}

/// The id of a process that no longer runs: one that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id()
}

/// Says that a variant cannot run here, and why. Written to the process's stderr directly:
/// `eprintln!` would be captured by the test harness and shown only if the test failed.
fn skip(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}

/// Whether strace is installed and allowed to trace here (a container may forbid ptrace).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-qq", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

// ---------------------------------------------------------------------------------------------
// Killed

#[test]
fn killed_at_each_step_of_the_swap_the_previous_or_the_new_export_is_whole() {
    if !strace_works() {
        skip(
            "strace is missing (apt-get install strace) or cannot trace here; the timed kills still run",
        );
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    // The previous export is of a corpus multiplied by 2, the new one of the bundled corpus, so
    // that the two are told apart.
    let previous_seeds = scaled_seeds(2, &scratch.path().join("seeds-x2"));
    let template = Out::new(scratch.path().join("template"));
    export_ok(&previous_seeds, &template.exports(), &template.schemas());
    let previous = Reference::of(&template.exports(), &template.schemas());
    let reference = Out::new(scratch.path().join("reference"));
    export_ok(&bundled_seeds(), &reference.exports(), &reference.schemas());
    let new = Reference::of(&reference.exports(), &reference.schemas());

    // Runs one export killed at the `when`th call of `syscalls`; returns whether it was killed
    // (false: the export made fewer such calls and completed).
    let kill_at = |syscalls: &str, when: u32| -> bool {
        let context = format!("killed at {syscalls} #{when}");
        let out = Out::new(scratch.path().join(format!("{syscalls}-{when}")));
        copy_dir(&template.exports(), &out.exports());
        copy_dir(&template.schemas(), &out.schemas());
        let status = Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null", "-e"])
            .arg(format!("trace={syscalls}"))
            .arg("-e")
            .arg(format!("inject={syscalls}:signal=SIGKILL:when={when}"))
            .arg(BIN)
            .args(out.export(&bundled_seeds()).get_args())
            .status()
            .unwrap();
        let killed = status.signal() == Some(SIGKILL);
        assert!(killed || status.success(), "{context}: {status:?}");
        out.assert_complete(&previous, &new, &context);
        out.assert_next_export_recovers(&bundled_seeds(), &new, &context);
        killed
    };

    // Every rename, whatever their number: each step of swapping each tree in.
    let renames = "rename,renameat,renameat2";
    let mut killed = 0;
    for when in 1.. {
        if !kill_at(renames, when) {
            break;
        }
        killed += 1;
        assert!(when < 20, "an export should not need {when} renames");
    }
    assert!(
        killed >= 2,
        "one swap per tree at least: only {killed} rename(s) seen"
    );
    // While staging the first tree, and while removing the previous one after the swap.
    assert!(kill_at("fsync", 1), "an export syncs the files it writes");
    assert!(
        kill_at("unlinkat", 1),
        "an export removes the previous tree once swapped"
    );
}

/// An error, unlike a kill, lets the export clean up: when any step of the swap fails (here an
/// I/O error injected into the Nth rename, for every N), the trees already swapped are put
/// back, so both are exactly the previous export.
#[test]
fn a_failed_step_of_the_swap_puts_back_every_tree_already_swapped() {
    if !strace_works() {
        skip("strace is missing (apt-get install strace) or cannot trace here");
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let previous_seeds = scaled_seeds(2, &scratch.path().join("seeds-x2"));
    let renames = "rename,renameat,renameat2";
    let mut failed = 0;
    for when in 1.. {
        let out = Out::new(scratch.path().join(format!("eio-{when}")));
        export_ok(&previous_seeds, &out.exports(), &out.schemas());
        let before = (snapshot(&out.exports()), snapshot(&out.schemas()));
        let output = Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null", "-e"])
            .arg(format!("trace={renames}"))
            .arg("-e")
            .arg(format!("inject={renames}:error=EIO:when={when}"))
            .arg(BIN)
            .args(out.export(&bundled_seeds()).get_args())
            .output()
            .unwrap();
        if output.status.success() {
            break;
        }
        failed += 1;
        assert_fails_saying(&output, &["Input/output error"], &out.dir);
        assert!(
            (snapshot(&out.exports()), snapshot(&out.schemas())) == before,
            "rename #{when} failed: both trees must be the previous export"
        );
        assert_eq!(out.leftovers(), Vec::<String>::new(), "rename #{when}");
        assert!(when < 20, "an export should not need {when} renames");
    }
    assert!(failed >= 2, "one swap per tree at least: {failed}");
}

#[test]
fn killed_after_increasing_delays_the_previous_or_the_new_export_is_whole() {
    let scratch = tempfile::tempdir().unwrap();
    let seeds = scaled_seeds(20, &scratch.path().join("seeds-x20"));
    let reference = Out::new(scratch.path().join("reference"));
    export_ok(&seeds, &reference.exports(), &reference.schemas());
    let new = Reference::of(&reference.exports(), &reference.schemas());
    // One output directory for every run: the leftovers of each kill pile up for the last
    // export to clean.
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let previous = Reference::of(&out.exports(), &out.schemas());

    let mut killed = 0;
    for delay_ms in [0, 1, 3, 10, 30, 100] {
        let context = format!("killed {delay_ms} ms into staging");
        let mut child = out.export(&seeds).stdout(Stdio::null()).spawn().unwrap();
        // Loading and building take most of the time and write nothing: start counting when the
        // first staged file is about to be written.
        let staging = out.dir.join(format!("exports.tmp-{}", child.id()));
        while !staging.exists() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        // Fails only if the export already ended, which is a point like any other.
        let _ = child.kill();
        if child.wait().unwrap().signal() == Some(SIGKILL) {
            killed += 1;
        }
        out.assert_complete(&previous, &new, &context);
    }
    // Writing and syncing 16 MB takes far longer than polling for the staging directory: the
    // first kills, at least, land in the middle of it.
    assert!(killed > 0, "no export was interrupted");
    out.assert_next_export_recovers(&seeds, &new, "after the kills");
}

/// `exports.tmp-*` and `.old-*` left by a process that no longer runs are removed by the next
/// export, whatever their process id.
#[test]
fn the_leftovers_of_a_dead_export_are_removed_by_the_next_one() {
    let scratch = tempfile::tempdir().unwrap();
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let new = Reference::of(&out.exports(), &out.schemas());
    let pid = dead_pid();
    for name in ["exports.tmp", "exports.old", "schemas.tmp", "schemas.old"] {
        let leftover = out.dir.join(format!("{name}-{pid}"));
        copy_dir(&out.exports(), &leftover);
    }
    // Not ours: a name that only looks alike is kept.
    fs::write(out.dir.join("exports.tmp-notes"), "keep me").unwrap();
    let output = out.export(&bundled_seeds()).output().unwrap();
    assert!(output.status.success(), "{}", support::stderr(&output));
    assert_eq!(out.leftovers(), ["exports.tmp-notes"]);
    assert!(snapshot(&out.exports()) == new.exports);
}

/// With the two-rename swap (where the exchange is not available), a kill between the renames
/// leaves no `exports/`, and the previous export in `exports.old-<pid>`. The next export puts it
/// back first, so that it is still there if that export fails too.
#[test]
fn a_previous_export_left_aside_by_a_killed_swap_is_put_back() {
    let scratch = tempfile::tempdir().unwrap();
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let previous = snapshot(&out.exports());
    fs::rename(
        out.exports(),
        out.dir.join(format!("exports.old-{}", dead_pid())),
    )
    .unwrap();

    // An export that fails (its files cannot be written) still leaves the previous one in place.
    let output = with_file_size_limit(1024, out.export(&bundled_seeds()));
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        support::stderr(&output)
    );
    assert!(snapshot(&out.exports()) == previous, "exports/ is back");
    assert_eq!(out.leftovers(), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Disk full

#[test]
fn a_file_size_limit_fails_the_export_with_efbig_and_keeps_the_previous_one() {
    let scratch = tempfile::tempdir().unwrap();
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let before = out.published();
    let largest = snapshot(&out.exports())
        .keys()
        .map(|path| fs::metadata(out.exports().join(path)).unwrap().len())
        .max()
        .unwrap();
    // Half the largest file: several files fit, then one does not.
    let output = with_file_size_limit(largest / 2, out.export(&bundled_seeds()));
    assert_fails_saying(&output, &["File too large"], &out.dir.join("exports.tmp-"));
    assert!(
        out.published() == before,
        "the previous export is untouched"
    );
    assert_eq!(out.leftovers(), Vec::<String>::new());
}

/// Runs `command` unable to write a file past `bytes`: `write` fails with EFBIG (SIGXFSZ, which
/// would kill the process instead, is ignored).
fn with_file_size_limit(bytes: u64, command: Command) -> Output {
    // POSIX `ulimit -f` counts 512-byte blocks.
    let blocks = bytes / 512;
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\""
        ))
        .arg(command.get_program())
        .args(command.get_args())
        .output()
        .unwrap()
}

#[test]
fn a_full_file_system_fails_the_export_with_enospc_and_keeps_the_previous_one() {
    let scratch = tempfile::tempdir().unwrap();
    // How much the previous export (bundled corpus) and the new one (multiplied by 2) take.
    let reference = Out::new(scratch.path().join("reference"));
    export_ok(&bundled_seeds(), &reference.exports(), &reference.schemas());
    let previous_kib = disk_usage_kib(&reference.dir);
    let bigger = scaled_seeds(2, &scratch.path().join("seeds-x2"));
    let new_out = Out::new(scratch.path().join("new"));
    export_ok(&bigger, &new_out.exports(), &new_out.schemas());
    let new_kib = disk_usage_kib(&new_out.dir);
    // Room for the previous export and 512 KiB more: not for the new one beside it.
    let spare_kib = 512;
    assert!(
        new_kib > spare_kib * 2,
        "the new export must not fit: {new_kib} KiB"
    );

    let disk = scratch.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let Some(_mounted) = Tmpfs::mount(&disk, previous_kib + spare_kib) else {
        return;
    };
    let out = Out::new(disk.join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let before = out.published();
    let output = out.export(&bigger).output().unwrap();
    assert_fails_saying(
        &output,
        &["No space left on device"],
        &out.dir.join("exports.tmp-"),
    );
    assert!(
        out.published() == before,
        "the previous export is untouched"
    );
    assert_eq!(out.leftovers(), Vec::<String>::new());
}

/// What a tree takes on a file system of 4 KiB blocks: each file rounded up, each directory one
/// block.
fn disk_usage_kib(dir: &Path) -> u64 {
    snapshot(dir)
        .keys()
        .map(|path| {
            let len = fs::metadata(dir.join(path)).unwrap().len();
            if path.ends_with('/') {
                4
            } else {
                len.div_ceil(4096) * 4
            }
        })
        .sum()
}

/// A tmpfs of a given size, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(dir: &Path, size_kib: u64) -> Option<Self> {
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={size_kib}k"))
            .arg("tmpfs")
            .arg(dir)
            .output();
        match output {
            Ok(output) if output.status.success() => Some(Tmpfs {
                dir: dir.to_path_buf(),
            }),
            other => {
                skip(&format!(
                    "cannot mount a tmpfs here (it needs root): {other:?}; the file-size-limit test covers a full disk"
                ));
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

// ---------------------------------------------------------------------------------------------
// Unwritable output directory

#[test]
fn a_read_only_output_directory_fails_the_export_with_erofs_and_keeps_the_previous_one() {
    let scratch = tempfile::tempdir().unwrap();
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let before = out.published();
    let namespaces = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "true"])
        .output();
    if !namespaces.as_ref().is_ok_and(|o| o.status.success()) {
        skip(&format!(
            "cannot make a mount namespace here (it needs root): {namespaces:?}"
        ));
        return;
    }
    let export = out.export(&bundled_seeds());
    // The bind mount exists only in the new mount namespace, for the export's lifetime.
    const MOUNT_FAILED: i32 = 97;
    let output = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg(format!(
            "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit {MOUNT_FAILED}; shift; exec \"$@\""
        ))
        .arg("sh")
        .arg(&out.dir)
        .arg(export.get_program())
        .args(export.get_args())
        .output()
        .unwrap();
    if output.status.code() == Some(MOUNT_FAILED) {
        skip(&format!(
            "cannot make a read-only mount here (it needs root): {}",
            support::stderr(&output)
        ));
        return;
    }
    assert_fails_saying(&output, &["Read-only file system"], &out.dir);
    assert!(
        out.published() == before,
        "the previous export is untouched"
    );
    assert_eq!(out.leftovers(), Vec::<String>::new());
}

#[test]
fn an_immutable_output_directory_fails_the_export_and_keeps_the_previous_one() {
    let scratch = tempfile::tempdir().unwrap();
    let out = Out::new(scratch.path().join("out"));
    export_ok(&bundled_seeds(), &out.exports(), &out.schemas());
    let before = out.published();
    let Some(_locked) = Locked::lock(&out.dir) else {
        return;
    };
    let output = out.export(&bundled_seeds()).output().unwrap();
    assert_fails_saying(
        &output,
        &["Operation not permitted", "Permission denied"],
        &out.dir,
    );
    assert!(
        out.published() == before,
        "the previous export is untouched"
    );
    assert_eq!(out.leftovers(), Vec::<String>::new());
}

/// A directory in which no entry can be created, renamed or removed, even by root; unlocked
/// when dropped.
struct Locked {
    dir: PathBuf,
}

impl Locked {
    fn lock(dir: &Path) -> Option<Self> {
        let locked = Locked {
            dir: dir.to_path_buf(),
        };
        // Not root: the permission bits bind.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        if refuses_new_entries(dir) {
            return Some(locked);
        }
        // Root: only the immutable attribute does.
        let _ = Command::new("chattr").arg("+i").arg(dir).output();
        if refuses_new_entries(dir) {
            return Some(locked);
        }
        skip(&format!(
            "neither chmod 0555 nor chattr +i makes {} unwritable here",
            dir.display()
        ));
        None
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.dir).output();
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
    }
}

fn refuses_new_entries(dir: &Path) -> bool {
    let probe = dir.join("probe");
    match fs::create_dir(&probe) {
        Ok(()) => {
            fs::remove_dir(&probe).unwrap();
            false
        }
        Err(_) => true,
    }
}
