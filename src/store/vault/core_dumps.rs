//! No core dump of a process that has held a data key: a crash must not write the heap
//! (keys, decrypted pages, the window's strings) to disk.

/// Forbids core dumps for this process from now on: the soft and hard core size limit
/// become 0 (inherited by every process started from here, such as the web view's), and
/// the process is marked not dumpable (which also keeps other programs of the same user
/// from attaching a debugger to it). Idempotent; a failure is not fatal, since the limit
/// is a second line behind the encryption.
pub fn forbid() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls with valid arguments; they touch only this process.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Whether core dumps are off for this process (limit 0 and not dumpable).
pub fn forbidden() -> bool {
    let mut limit = libc::rlimit {
        rlim_cur: 1,
        rlim_max: 1,
    };
    // SAFETY: as above; `limit` is a valid place to write to.
    let (got, dumpable) = unsafe {
        (
            libc::getrlimit(libc::RLIMIT_CORE, &mut limit),
            libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0),
        )
    };
    got == 0 && limit.rlim_cur == 0 && limit.rlim_max == 0 && dumpable == 0
}
