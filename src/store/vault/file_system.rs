//! Where a case file may live: not on a network file system, where SQLite's file locking is
//! not reliable (see SQLite's "Use Over a Network" notes) and two workstations could write
//! the same file at once.
//!
//! On Linux the folder's file system type comes from `statfs(2)`; a FUSE mount is looked up
//! in `/proc/self/mountinfo` for its subtype (sshfs, davfs, rclone …), so that a local FUSE
//! file system such as ntfs-3g on a USB stick is still allowed. The Windows build will ask
//! `GetDriveTypeW` for the volume of the path (`DRIVE_REMOTE`), which also catches mapped
//! drive letters, not only `\\server\share` paths (see ARCHITECTURE.md).

use std::path::Path;

use crate::{Error, Result};

/// Refuses a folder on a network file system, naming `shown` (the file) in the message.
pub(crate) fn refuse_network(folder: &Path, shown: &str) -> Result<()> {
    match network_kind(folder) {
        Some(kind) => Err(Error::NetworkFile {
            path: shown.to_owned(),
            kind,
        }),
        None => Ok(()),
    }
}

/// The network file system `folder` lies on, as a user would name it; `None` for a local one
/// or when it cannot be told.
pub(crate) fn network_kind(folder: &Path) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        let magic = statfs_magic(folder)?;
        let subtype = if magic == FUSE {
            let canonical = std::fs::canonicalize(folder).ok()?;
            let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
            mount_type(&mountinfo, &canonical)
        } else {
            None
        };
        classify(magic, subtype.as_deref()).map(str::to_owned)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = folder;
        None
    }
}

const FUSE: i64 = 0x6573_5546;

/// Names a file system by its `statfs` magic number and, for FUSE, its mount type.
pub(crate) fn classify(magic: i64, fuse_type: Option<&str>) -> Option<&'static str> {
    match magic {
        0xFE53_4D42 | 0xFF53_4D42 | 0x517B => Some("SMB/CIFS"),
        0x6969 => Some("NFS"),
        0x5346_414F => Some("AFS"),
        0x00C3_6400 => Some("CephFS"),
        0x7375_7245 => Some("Coda"),
        FUSE => match fuse_type? {
            "fuse.sshfs" => Some("SSHFS"),
            "fuse.davfs" | "davfs" | "fuse.gvfsd-fuse" => Some("WebDAV"),
            "fuse.rclone" | "fuse.s3fs" | "fuse.glusterfs" => Some("Netzwerkspeicher"),
            _ => None,
        },
        _ => None,
    }
}

/// The file system type of the mount that holds `path`, from `/proc/self/mountinfo`: the
/// longest mount point that is a prefix of the path wins.
pub(crate) fn mount_type(mountinfo: &str, path: &Path) -> Option<String> {
    mountinfo
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let mount_point = unescape(fields.get(4)?);
            let separator = fields.iter().position(|f| *f == "-")?;
            let fs_type = fields.get(separator + 1)?;
            path.starts_with(&mount_point)
                .then(|| (mount_point.len(), (*fs_type).to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fs_type)| fs_type)
}

/// mountinfo escapes spaces and a few other bytes as `\040` octal.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 4)
            .and_then(|o| u8::from_str_radix(o, 8).ok());
        match code {
            Some(byte) => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(target_os = "linux")]
fn statfs_magic(folder: &Path) -> Option<i64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::zeroed();
    // SAFETY: a valid NUL-terminated path and a buffer of the right type; statfs only writes
    // into the buffer, which is read only when it reports success.
    let done = unsafe { libc::statfs(c_path.as_ptr(), stat.as_mut_ptr()) };
    if done != 0 {
        return None;
    }
    // SAFETY: statfs returned 0, so the buffer is filled.
    #[allow(clippy::unnecessary_cast)]
    Some(unsafe { stat.assume_init() }.f_type as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/akten rw,nosuid shared:20 - fuse.sshfs anna@server:/akten rw
41 22 0:36 / /media/USB\\040Stick rw shared:21 - fuseblk /dev/sdb1 rw
42 22 0:37 / /srv/freigabe rw shared:22 - cifs //server/freigabe rw";

    #[test]
    fn network_file_systems_are_named_and_local_ones_pass() {
        assert_eq!(classify(0xFE53_4D42, None), Some("SMB/CIFS"));
        assert_eq!(classify(0x6969, None), Some("NFS"));
        assert_eq!(classify(FUSE, Some("fuse.sshfs")), Some("SSHFS"));
        assert_eq!(classify(FUSE, Some("fuse.ntfs-3g")), None);
        assert_eq!(classify(0xEF53, None), None, "ext4");
        assert_eq!(classify(0x0102_1994, None), None, "tmpfs");
    }

    #[test]
    fn the_longest_mount_point_names_the_type() {
        let at = |p: &str| mount_type(MOUNTINFO, Path::new(p));
        assert_eq!(at("/mnt/akten/hfk").as_deref(), Some("fuse.sshfs"));
        assert_eq!(at("/media/USB Stick/a.hfk").as_deref(), Some("fuseblk"));
        assert_eq!(at("/srv/freigabe/a").as_deref(), Some("cifs"));
        assert_eq!(at("/home/anna").as_deref(), Some("ext4"));
    }

    #[test]
    fn a_local_folder_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(network_kind(dir.path()), None);
        refuse_network(dir.path(), "a.hfk").unwrap();
    }

    #[test]
    fn the_refusal_is_german_and_names_the_file() {
        let e = Error::NetworkFile {
            path: "/srv/freigabe/akte.hfk".into(),
            kind: "SMB/CIFS".into(),
        };
        let text = e.to_string();
        assert!(
            text.starts_with(
                "Die Akte liegt auf einem Netzlaufwerk (SMB/CIFS): /srv/freigabe/akte.hfk."
            ),
            "{text}"
        );
    }
}
