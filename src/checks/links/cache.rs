//! The on-disk cache of the online link check: `<cache dir>/links.json`, URL → the status it
//! answered and when.
//!
//! Only answers that passed are kept: a broken or unverified URL is asked again on every run, so a
//! repair shows at once and a passing failure never sticks. A missing, unreadable or corrupt file
//! is an empty cache; a cache that cannot be written is skipped. Neither ever fails the run.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The cache folder used when none is given: under the working directory, like `.ruff_cache`,
/// so CI systems that cache only paths inside the project can keep it.
pub(crate) const DEFAULT_DIR: &str = ".rolelint-cache";
/// The cache file inside the cache folder.
const FILE: &str = "links.json";
/// Bumped when the file's meaning changes; a file of another version is ignored.
const VERSION: u32 = 1;

/// One cached answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The HTTP status the URL answered (redirects followed).
    pub status: u16,
    /// When it was asked, in seconds since the Unix epoch.
    pub checked_at: u64,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    links: BTreeMap<String, Entry>,
}

/// The cache of one run: what was read, plus what this run learnt.
#[derive(Debug)]
pub(crate) struct Cache {
    path: PathBuf,
    max_age: Duration,
    now: u64,
    links: BTreeMap<String, Entry>,
}

impl Cache {
    /// Reads the cache in `dir`; entries older than `max_age` are dropped.
    pub(crate) fn load(dir: &Path, max_age: Duration) -> Cache {
        let path = dir.join(FILE);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let links = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<CacheFile>(&text).ok())
            .filter(|file| file.version == VERSION)
            .map(|file| file.links)
            .unwrap_or_default();
        let mut cache = Cache {
            path,
            max_age,
            now,
            links,
        };
        cache.links.retain(|_, e| is_fresh(e, now, max_age));
        cache
    }

    /// The fresh cached answer of `url`.
    pub(crate) fn get(&self, url: &str) -> Option<&Entry> {
        self.links.get(url)
    }

    /// Records that `url` answered `status` now (a passing answer) or failed (`None`: forget it).
    pub(crate) fn record(&mut self, url: &str, status: Option<u16>) {
        match status {
            Some(status) if !self.max_age.is_zero() => {
                self.links.insert(
                    url.to_owned(),
                    Entry {
                        status,
                        checked_at: self.now,
                    },
                );
            }
            _ => {
                self.links.remove(url);
            }
        }
    }

    /// Writes the cache atomically (a reader sees the old file or the new one, never half).
    /// Creates the folder, with a `.gitignore` so the cache is never committed by accident.
    pub(crate) fn save(&self) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        if !dir.exists() {
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join(".gitignore"), "# Written by rolelint.\n*\n")?;
        }
        let file = CacheFile {
            version: VERSION,
            links: self.links.clone(),
        };
        let text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        let mut out = atomic_write_file::AtomicWriteFile::open(&self.path)?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        out.commit()
    }
}

/// True when `entry` was checked less than `max_age` ago (an entry from the future is stale:
/// the clock moved back, and its age is unknown).
fn is_fresh(entry: &Entry, now: u64, max_age: Duration) -> bool {
    entry.checked_at <= now && Duration::from_secs(now - entry.checked_at) < max_age
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn freshness() {
        let e = |checked_at| Entry {
            status: 200,
            checked_at,
        };
        assert!(is_fresh(&e(1_000), 1_000, DAY));
        assert!(is_fresh(&e(1_000), 1_000 + 86_399, DAY));
        assert!(!is_fresh(&e(1_000), 1_000 + 86_400, DAY));
        assert!(!is_fresh(&e(2_000), 1_000, DAY));
        assert!(!is_fresh(&e(1_000), 1_000, Duration::ZERO));
    }

    #[test]
    fn round_trip_and_corrupt_file() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let mut cache = Cache::load(&cache_dir, DAY);
        assert_eq!(cache.get("http://a.test/"), None);
        cache.record("http://a.test/", Some(200));
        cache.record("http://b.test/", Some(301));
        cache.record("http://b.test/", None);
        cache.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(cache_dir.join(".gitignore")).unwrap(),
            "# Written by rolelint.\n*\n"
        );
        let again = Cache::load(&cache_dir, DAY);
        assert_eq!(again.get("http://a.test/").map(|e| e.status), Some(200));
        assert_eq!(again.get("http://b.test/"), None);

        std::fs::write(cache_dir.join(FILE), "{ not json").unwrap();
        assert_eq!(Cache::load(&cache_dir, DAY).get("http://a.test/"), None);
    }
}
