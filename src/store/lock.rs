//! Who may use a store folder at a time: one writer, or any number of
//! readers. An advisory lock on `partygraph.lock` in the store folder (the
//! operating system releases it when the process ends, however it ends):
//! a writer holds it exclusively and writes who it is into the file; readers
//! hold it shared. A process that cannot have it waits up to the time it was
//! given, then says who holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name inside the store folder.
pub const LOCK_FILE: &str = "partygraph.lock";

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    file: Option<File>,
    exclusive: bool,
}

/// Why a lock could not be had.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; what it wrote about itself, if anything.
    Busy { holder: Option<String> },
    /// The lock file could not be created or opened.
    Io(std::io::Error),
}

impl StoreLock {
    /// The writer's lock: exclusive, waiting up to `wait` for readers and
    /// other writers to finish.
    pub fn write(dir: &Path, wait: Duration) -> Result<StoreLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(LockError::Io)?;
        acquire(&file, true, wait)?;
        let mut lock = StoreLock {
            file: Some(file),
            exclusive: true,
        };
        lock.describe_holder();
        Ok(lock)
    }

    /// A reader's lock: shared with other readers, waiting up to `wait` for a
    /// writer to finish. In a folder where the lock file cannot be created
    /// (a read-only store nobody can write to), reading needs no lock.
    pub fn read(dir: &Path, wait: Duration) -> Result<StoreLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => f,
            Err(_) => match File::open(&path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(StoreLock {
                        file: None,
                        exclusive: false,
                    })
                }
                Err(e) => return Err(LockError::Io(e)),
            },
        };
        acquire(&file, false, wait)?;
        Ok(StoreLock {
            file: Some(file),
            exclusive: false,
        })
    }

    /// Writes the writer's process id and command line into the lock file,
    /// for the message another process shows while it waits.
    fn describe_holder(&mut self) {
        let Some(f) = self.file.as_mut() else {
            return;
        };
        let args: Vec<String> = std::env::args().collect();
        let text = format!("pid {} ({})\n", std::process::id(), args.join(" "));
        let _ = f.set_len(0);
        let _ = f.rewind();
        let _ = f.write_all(text.as_bytes());
        let _ = f.sync_data();
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            if self.exclusive {
                let _ = f.set_len(0);
            }
            let _ = f.unlock();
        }
    }
}

fn acquire(file: &File, exclusive: bool, wait: Duration) -> Result<(), LockError> {
    let start = Instant::now();
    loop {
        let r = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match r {
            Ok(()) => return Ok(()),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            Err(TryLockError::WouldBlock) => {
                if start.elapsed() >= wait {
                    return Err(LockError::Busy {
                        holder: holder(file),
                    });
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// What the writer holding the lock wrote about itself, and for how long it
/// has held it.
fn holder(file: &File) -> Option<String> {
    let mut f = file.try_clone().ok()?;
    let mut text = String::new();
    f.rewind().ok()?;
    f.read_to_string(&mut text).ok()?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let since = f
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map(|d| format!(", for {} s", d.as_secs()))
        .unwrap_or_default();
    Some(format!("{text}{since}"))
}
