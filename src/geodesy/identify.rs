//! Identifying a CRS given as WKT without authority codes (the ESRI-dialect `.prj` beside ESRI
//! ASCII grids), with PROJ's `proj_identify`, as GDAL does (`OSRFindMatches`): a candidate with
//! 100 % confidence is taken; otherwise a single candidate with at least 70 %.
//!
//! The `proj` crate does not wrap `proj_identify`, so this calls PROJ's C API through `proj-sys`
//! (the same library build the `proj` crate links), with its own short-lived context.

use proj_sys as ffi;
use std::ffi::{CStr, CString, c_int};
use std::ptr;

/// The EPSG code PROJ identifies for `definition` (WKT or PROJ string), if any.
pub(super) fn identify_epsg(definition: &str) -> Option<u32> {
    let c_def = CString::new(definition).ok()?;
    // SAFETY: every PROJ object created here is destroyed before the context, each exactly once;
    // pointers are checked for null before use, and `confidence` holds `count` entries per the
    // documentation of `proj_identify`.
    unsafe {
        let ctx = ffi::proj_context_create();
        if ctx.is_null() {
            return None;
        }
        let obj = ffi::proj_create(ctx, c_def.as_ptr());
        let mut code = None;
        if !obj.is_null() {
            let mut confidence: *mut c_int = ptr::null_mut();
            let list = ffi::proj_identify(ctx, obj, c"EPSG".as_ptr(), ptr::null(), &mut confidence);
            if !list.is_null() {
                let count = ffi::proj_list_get_count(list).max(0);
                let conf = |i: c_int| {
                    if confidence.is_null() {
                        0
                    } else {
                        *confidence.add(i as usize)
                    }
                };
                let pick = (0..count)
                    .find(|&i| conf(i) == 100)
                    .or_else(|| (count == 1 && conf(0) >= 70).then_some(0));
                if let Some(i) = pick {
                    let cand = ffi::proj_list_get(ctx, list, i);
                    if !cand.is_null() {
                        let id = ffi::proj_get_id_code(cand, 0);
                        if !id.is_null() {
                            code = CStr::from_ptr(id)
                                .to_str()
                                .ok()
                                .and_then(|s| s.parse().ok());
                        }
                        ffi::proj_destroy(cand);
                    }
                }
                ffi::proj_list_destroy(list);
            }
            if !confidence.is_null() {
                ffi::proj_int_list_destroy(confidence);
            }
            ffi::proj_destroy(obj);
        }
        ffi::proj_context_destroy(ctx);
        code
    }
}
