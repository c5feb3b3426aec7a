//! Progress bars for long commands (terrain of a large grid, suitability, route search), drawn on
//! stderr only when stderr is a terminal: piped or redirected output and scripts see nothing.
//! The library reports through [`crate::progress::Report`]; this is the one place that turns
//! those reports into `indicatif` bars.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// One bar for one step of a command; cleared when dropped.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar labelled `what` (e.g. "slope") counting in `unit` (e.g. "rows"); hidden unless
    /// stderr is a terminal.
    pub fn new(what: &str, unit: &str) -> Self {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let template = format!("{{msg}} [{{bar:40}}] {{pos}}/{{len}} {unit} ({{eta}})");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        Bar { bar }
    }

    /// The callback to hand to the library: keeps the largest `done` (reports from parallel
    /// workers may arrive out of order).
    pub fn report(&self) -> impl Fn(u64, u64) + Sync + '_ {
        move |done, total| {
            if self.bar.length() != Some(total) {
                self.bar.set_length(total);
            }
            if done > self.bar.position() {
                self.bar.set_position(done);
            }
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
