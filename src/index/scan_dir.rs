//! The directory every index is opened through: reads without write access, and (for
//! `discrepancies`) scans every stored document once without mapping the stores.
//!
//! Readers take tantivy's meta lock while they open segments, which creates or writes
//! `.tantivy-meta.lock`. In a folder the user may read but not write (a read-only mount, an
//! index built by another user) that fails; the lock only guards against a concurrent writer's
//! clean-up, so a reader that cannot take it goes on without it.
//!
//! tantivy maps index files into memory. For look-ups that is ideal, but a scan of every
//! stored claim touches the whole document store, and every page touched stays mapped, and
//! counted as the process's memory, until the index is closed: at 100,000 articles that is
//! 700 MB on top of the claims themselves. This directory reads `.store` files with positioned
//! reads instead (a block at a time, into memory that is freed when the block is decoded) and
//! leaves every other file mapped.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle, WritePtr, META_LOCK};
use tantivy::HasLen;

#[derive(Debug, Clone)]
pub struct ScanDirectory {
    root: PathBuf,
    inner: MmapDirectory,
    /// Read `.store` files with positioned reads instead of mapping them.
    pread_stores: bool,
}

impl ScanDirectory {
    /// A directory for one pass over every stored document.
    pub fn open(root: &Path) -> Result<Self, String> {
        Self::with_stores(root, true)
    }

    /// A directory for look-ups (every file mapped).
    pub fn open_mapped(root: &Path) -> Result<Self, String> {
        Self::with_stores(root, false)
    }

    fn with_stores(root: &Path, pread_stores: bool) -> Result<Self, String> {
        let inner = MmapDirectory::open(root).map_err(|e| e.to_string())?;
        Ok(ScanDirectory { root: root.to_path_buf(), inner, pread_stores })
    }
}

/// Permission denied, or a read-only file system (EROFS).
fn no_write_access(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(30)
}

/// A file read with `pread`, one requested range at a time.
#[derive(Debug)]
struct PreadFile {
    file: File,
    len: usize,
}

impl HasLen for PreadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PreadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        let mut buf = vec![0u8; end - start];
        read_at(&self.file, &mut buf, start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

impl Directory for ScanDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if self.pread_stores && path.extension().is_some_and(|e| e == "store") {
            let full = self.root.join(path);
            let file = File::open(&full).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
                _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
            })?;
            let len = file.metadata().map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?.len() as usize;
            return Ok(Arc::new(PreadFile { file, len }));
        }
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Readers only: without write access there is no writer of ours to guard against.
            Err(LockError::IoError(e)) if lock.filepath == META_LOCK.filepath && no_write_access(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}
