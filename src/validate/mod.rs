//! Validation: every domain module contributes rules that turn a [`Context`] into [`Finding`]s.

#![warn(missing_docs)]

mod basic;

use crate::finding::Finding;
use crate::mission::Context;

/// Runs every rule on a loaded mission. Findings come sorted by severity (errors first), then by
/// code and object, so output is stable from run to run.
pub fn validate(ctx: &Context) -> Vec<Finding> {
    let mut findings = basic::check(ctx);
    findings.extend(crate::cooling::check(ctx));
    findings.extend(crate::lift::check(ctx));
    findings.extend(crate::wind::check(ctx));
    findings.extend(crate::vessel::check(ctx));
    findings.extend(crate::siting::check(ctx));
    findings.extend(crate::campaign::check(ctx));
    findings.extend(crate::cable::check(ctx));
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.object.cmp(&b.object))
    });
    findings
}
