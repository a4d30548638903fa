//! Ctrl-C and SIGTERM while files are written: the temporary files of writes in progress are
//! removed (a rename under way finishes first), then the process exits 130 or 143, the codes
//! shells give a command ended by those signals.

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Watches for SIGINT and SIGTERM on a thread of its own for the rest of the run.
pub fn remove_temporary_files_on_interrupt() {
    // Without the handler the signal still ends the process, only less tidily.
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            termlint::fix::write::abandon();
            std::process::exit(128 + signal);
        }
    });
}
