//! The raster layer: 512 px tiles of the overview pyramid, coloured on worker threads, uploaded as
//! textures (a few per frame), kept in an LRU; while a tile loads, the nearest loaded ancestor is
//! drawn stretched over it (walkers' `interpolate_from_lower_zoom`, surtgis' tiled renderer).

use super::colour::{Style, colour_window};
use super::pyramid::{Pyramid, TILE};
use super::view::MapView;
use egui::{Color32, ColorImage, Mesh, Painter, Rect, TextureHandle, TextureOptions, pos2};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};

/// Most textures kept (≈ 1 MiB each).
const CAPACITY: usize = 192;
/// Most uploads per frame, to keep frames short while panning.
const UPLOADS_PER_FRAME: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TileKey {
    pub level: u8,
    pub tx: u32,
    pub ty: u32,
}

struct Request {
    key: TileKey,
    generation: u64,
}

struct Done {
    key: TileKey,
    generation: u64,
    image: ColorImage,
}

#[derive(Default)]
struct Queue {
    pending: Vec<Request>,
    running: HashSet<(TileKey, u64)>,
    stop: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

struct Entry {
    texture: TextureHandle,
    generation: u64,
    last_used: u64,
}

/// The tile layer of one pyramid with its workers and texture cache.
pub struct TileLayer {
    pub pyramid: Arc<Pyramid>,
    style: Arc<Mutex<(Style, u64)>>,
    generation: u64,
    cache: HashMap<TileKey, Entry>,
    frame: u64,
    shared: Arc<Shared>,
    results: Receiver<Done>,
    missing: usize,
    workers: Vec<std::thread::JoinHandle<()>>,
    stopped: Arc<AtomicBool>,
}

impl TileLayer {
    /// Starts the workers for `pyramid` coloured in `style`.
    pub fn new(pyramid: Arc<Pyramid>, style: Style, repaint: egui::Context) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let style = Arc::new(Mutex::new((style, 0)));
        let (tx, results) = channel();
        let stopped = Arc::new(AtomicBool::new(false));
        let n = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let workers = (0..n)
            .filter_map(|i| {
                let (shared, style, tx, pyramid, repaint) = (
                    shared.clone(),
                    style.clone(),
                    tx.clone(),
                    pyramid.clone(),
                    repaint.clone(),
                );
                std::thread::Builder::new()
                    .name(format!("fathom tiles {i}"))
                    .spawn(move || worker(&shared, &style, &pyramid, &tx, &repaint))
                    .ok()
            })
            .collect();
        TileLayer {
            pyramid,
            style,
            generation: 0,
            cache: HashMap::new(),
            frame: 0,
            shared,
            results,
            missing: 1,
            workers,
            stopped,
        }
    }

    pub fn style(&self) -> Style {
        self.style
            .lock()
            .map(|s| s.0)
            .unwrap_or_else(|p| p.into_inner().0)
    }

    /// Changes the colouring; loaded tiles stay on screen until their recoloured versions arrive.
    pub fn set_style(&mut self, style: Style) {
        if style == self.style() {
            return;
        }
        self.generation += 1;
        if let Ok(mut s) = self.style.lock() {
            *s = (style, self.generation);
        }
    }

    /// True when every tile of the last drawn view was current.
    pub fn settled(&self) -> bool {
        self.missing == 0
    }

    /// Uploads finished tiles (a few per frame).
    fn upload(&mut self, ctx: &egui::Context) {
        for done in self.results.try_iter().take(UPLOADS_PER_FRAME) {
            if let Ok(mut q) = self.shared.queue.lock() {
                q.running.remove(&(done.key, done.generation));
            }
            if done.generation != self.generation {
                continue;
            }
            let name = format!("tile {}/{}/{}", done.key.level, done.key.tx, done.key.ty);
            let texture = ctx.load_texture(name, done.image, TextureOptions::LINEAR);
            self.cache.insert(
                done.key,
                Entry {
                    texture,
                    generation: done.generation,
                    last_used: self.frame,
                },
            );
        }
        if self.cache.len() > CAPACITY {
            let mut ages: Vec<(u64, TileKey)> =
                self.cache.iter().map(|(k, e)| (e.last_used, *k)).collect();
            ages.sort_unstable_by_key(|a| a.0);
            for (_, k) in ages.iter().take(self.cache.len() - CAPACITY) {
                self.cache.remove(k);
            }
        }
    }

    /// Draws the visible tiles of the level that suits the zoom, requesting what is missing.
    pub fn draw(&mut self, painter: &Painter, rect: Rect, view: &MapView, opacity: f32) {
        self.frame += 1;
        self.upload(painter.ctx());
        let p = self.pyramid.clone();
        let ppp = painter.ctx().pixels_per_point() as f64;
        let k = p.level_for(view.metres_per_point / ppp);
        let vis = view.visible(rect);
        let tint = Color32::WHITE.gamma_multiply(opacity);
        let mut wanted = Vec::new();
        self.missing = 0;
        for (tx, ty) in visible_tiles(&p, k, vis) {
            let key = TileKey {
                level: k as u8,
                tx: tx as u32,
                ty: ty as u32,
            };
            let current = self
                .cache
                .get(&key)
                .is_some_and(|e| e.generation == self.generation);
            if !current {
                self.missing += 1;
                wanted.push(key);
            }
            self.draw_best(painter, rect, view, key, tint);
        }
        // The coarsest level is always wanted, so a fallback exists everywhere.
        let top = p.levels() - 1;
        let (nx, ny) = p.tiles(top);
        for ty in 0..ny {
            for tx in 0..nx {
                let key = TileKey {
                    level: top as u8,
                    tx: tx as u32,
                    ty: ty as u32,
                };
                if self
                    .cache
                    .get(&key)
                    .is_none_or(|e| e.generation != self.generation)
                {
                    wanted.insert(0, key);
                }
            }
        }
        self.request(wanted);
    }

    /// Draws `key` if loaded (any generation), else the nearest loaded ancestor's matching part.
    fn draw_best(
        &mut self,
        painter: &Painter,
        rect: Rect,
        view: &MapView,
        key: TileKey,
        tint: Color32,
    ) {
        let (want, _) =
            self.pyramid
                .tile_rect(key.level as usize, key.tx as usize, key.ty as usize);
        let levels = self.pyramid.levels() as u8;
        for up in 0..levels.saturating_sub(key.level) {
            let k = TileKey {
                level: key.level + up,
                tx: key.tx >> up,
                ty: key.ty >> up,
            };
            let Some(entry) = self.cache.get_mut(&k) else {
                continue;
            };
            entry.last_used = self.frame;
            let (have, _) = self
                .pyramid
                .tile_rect(k.level as usize, k.tx as usize, k.ty as usize);
            // Part of the ancestor that covers the wanted tile, in its uv space.
            let (hw, hh) = (have[2] - have[0], have[3] - have[1]);
            let u0 = ((want[0] - have[0]) / hw).clamp(0.0, 1.0) as f32;
            let u1 = ((want[2] - have[0]) / hw).clamp(0.0, 1.0) as f32;
            let v0 = ((have[3] - want[3]) / hh).clamp(0.0, 1.0) as f32;
            let v1 = ((have[3] - want[1]) / hh).clamp(0.0, 1.0) as f32;
            let screen = Rect::from_min_max(
                view.to_screen(rect, want[0], want[3]),
                view.to_screen(rect, want[2], want[1]),
            );
            let mut mesh = Mesh::with_texture(entry.texture.id());
            mesh.add_rect_with_uv(screen, Rect::from_min_max(pos2(u0, v0), pos2(u1, v1)), tint);
            painter.add(egui::Shape::mesh(mesh));
            return;
        }
    }

    fn request(&mut self, wanted: Vec<TileKey>) {
        let Ok(mut q) = self.shared.queue.lock() else {
            return;
        };
        let generation = self.generation;
        let running = q.running.clone();
        q.pending = wanted
            .into_iter()
            .filter(|k| !running.contains(&(*k, generation)))
            .map(|key| Request { key, generation })
            .collect();
        drop(q);
        self.shared.wake.notify_all();
    }

    /// Tiles cached right now (for tests and the status bar).
    pub fn cached(&self) -> usize {
        self.cache.len()
    }
}

impl Drop for TileLayer {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::Relaxed);
        if let Ok(mut q) = self.shared.queue.lock() {
            q.stop = true;
            q.pending.clear();
        }
        self.shared.wake.notify_all();
        // Workers finish their current tile (a few ms) and exit; nothing waits on them here.
        self.workers.clear();
    }
}

/// Tile indices of level `k` overlapping the world rectangle `vis`.
fn visible_tiles(p: &Pyramid, k: usize, vis: [f64; 4]) -> Vec<(usize, usize)> {
    let l = p.level(k);
    let t = p.transform();
    let (nx, ny) = p.tiles(k);
    let span_x = TILE as f64 * l.dx;
    let span_y = TILE as f64 * l.dy;
    let c0 = ((vis[0] - t.origin_x) / span_x).floor().max(0.0) as usize;
    let c1 = (((vis[2] - t.origin_x) / span_x).floor().max(-1.0) + 1.0) as usize;
    let r0 = ((t.origin_y - vis[3]) / span_y).floor().max(0.0) as usize;
    let r1 = (((t.origin_y - vis[1]) / span_y).floor().max(-1.0) + 1.0) as usize;
    let mut out = Vec::new();
    for ty in r0..r1.min(ny) {
        for tx in c0..c1.min(nx) {
            out.push((tx, ty));
        }
    }
    out
}

fn worker(
    shared: &Shared,
    style: &Mutex<(Style, u64)>,
    pyramid: &Pyramid,
    tx: &Sender<Done>,
    repaint: &egui::Context,
) {
    loop {
        let req = {
            let Ok(mut q) = shared.queue.lock() else {
                return;
            };
            loop {
                if q.stop {
                    return;
                }
                if let Some(r) = q.pending.pop() {
                    q.running.insert((r.key, r.generation));
                    break r;
                }
                q = match shared.wake.wait(q) {
                    Ok(q) => q,
                    Err(_) => return,
                };
            }
        };
        let (st, generation) = match style.lock() {
            Ok(s) => *s,
            Err(_) => return,
        };
        if generation != req.generation {
            if let Ok(mut q) = shared.queue.lock() {
                q.running.remove(&(req.key, req.generation));
            }
            continue;
        }
        let image = render_tile(pyramid, req.key, &st);
        if tx
            .send(Done {
                key: req.key,
                generation,
                image,
            })
            .is_err()
        {
            return;
        }
        repaint.request_repaint();
    }
}

/// Colours one tile of the pyramid.
pub fn render_tile(p: &Pyramid, key: TileKey, style: &Style) -> ColorImage {
    let l = p.level(key.level as usize);
    let (_, [tw, th]) = p.tile_rect(key.level as usize, key.tx as usize, key.ty as usize);
    let (x0, y0) = (key.tx as usize * TILE, key.ty as usize * TILE);
    let rgba = colour_window(l.data, l.width, l.height, l.dx, l.dy, x0, y0, tw, th, style);
    ColorImage::from_rgba_unmultiplied([tw, th], &rgba)
}
