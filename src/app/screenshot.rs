//! `--screenshot PATH`: render the first settled frame of the real window to a PNG, then close.
//! Settled = the mission loaded, no job running, every visible tile drawn, for a few frames.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Frames the view must stay settled before the capture.
const SETTLE_FRAMES: u32 = 3;
/// Give up waiting for "settled" after this long and capture what is there.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub struct Screenshot {
    path: PathBuf,
    settled_frames: u32,
    requested: bool,
    started: std::time::Instant,
    /// Set by the capture callback: Ok(()) written, Err(message).
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Screenshot {
    pub fn new(path: PathBuf) -> Self {
        Screenshot {
            path,
            settled_frames: 0,
            requested: false,
            started: std::time::Instant::now(),
            result: Arc::new(Mutex::new(None)),
        }
    }

    /// Called at the end of every frame.
    pub fn step(&mut self, ctx: &egui::Context, settled: bool) {
        let done = self.result.lock().ok().and_then(|mut r| r.take());
        if let Some(r) = done {
            match r {
                Ok(()) => eprintln!("fathom: screenshot written to {}", self.path.display()),
                Err(e) => eprintln!("fathom: error: screenshot: {e}"),
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.requested {
            ctx.request_repaint();
            return;
        }
        self.settled_frames = if settled { self.settled_frames + 1 } else { 0 };
        if !self.requested
            && (self.settled_frames >= SETTLE_FRAMES || self.started.elapsed() > TIMEOUT)
        {
            self.requested = true;
            let (path, result) = (self.path.clone(), self.result.clone());
            let repaint = ctx.clone();
            ctx.request_screenshot(move |img| {
                let r = encode_png(&img).and_then(|png| {
                    crate::fsutil::write_atomic(&path, &png)
                        .map_err(|e| format!("{}: {e}", path.display()))
                });
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(r);
                }
                repaint.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

fn encode_png(img: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = img.size;
    let rgba: Vec<u8> = img
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &rgba,
        w as u32,
        h as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}
