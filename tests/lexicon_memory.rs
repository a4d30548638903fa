//! A lexicon's memory is freed when it is dropped (#12): the tables borrow their words from
//! the decoded text they own, nothing is leaked for the life of the process. Its own test
//! binary, so that no other test allocates while the heap is measured.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use termlint::lexicon::Lexicon;

/// The system allocator, counting the bytes in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn dropping_a_lexicon_frees_its_tables() {
    let before = IN_USE.load(Ordering::Relaxed);
    let lexicon = Lexicon::embedded();
    lexicon.preload();
    assert!(
        lexicon
            .spins()
            .of("data")
            .iter()
            .any(|(s, _)| s == "information")
    );
    let loaded = IN_USE.load(Ordering::Relaxed);
    assert!(
        loaded - before > 50_000_000,
        "the tables take tens of MB: {}",
        loaded - before
    );
    drop(lexicon);
    let after = IN_USE.load(Ordering::Relaxed);
    // Threads started on the way (rayon's pool) may keep a little.
    assert!(
        after.saturating_sub(before) < 1_000_000,
        "{} bytes still in use after the drop",
        after.saturating_sub(before)
    );
}
