//! Annotations a page prints, drawn into the binder: a filled-in form field, a stamp or a
//! note written with a pen lives in a PDF's annotations, not in its page content. Each one
//! marked to be printed (and not hidden) is drawn from its normal appearance into the
//! rectangle it covers, as PDF 32000-1 (12.5.5) tells a viewer to; nothing of an
//! annotation's actions, pop-ups or form logic comes along.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::report::pdf_copy;

const HIDDEN: i64 = 1 << 1;
const PRINT: i64 = 1 << 2;
/// More annotations on one page are not drawn: no real form comes near it.
const MOST: usize = 1000;

/// The appearances of the annotations `page` prints: the content that draws them on top of
/// the page (in its own coordinates), and the forms it names, copied into `binder`.
pub(crate) fn printed(
    binder: &mut Document,
    doc: &Document,
    page: &Dictionary,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> (String, Vec<(String, Object)>) {
    let mut content = String::new();
    let mut forms = Vec::new();
    let annotations = page
        .get(b"Annots")
        .ok()
        .and_then(|a| doc.dereference(a).ok())
        .and_then(|(_, a)| a.as_array().ok());
    for (n, annotation) in annotations.into_iter().flatten().take(MOST).enumerate() {
        let Some((appearance, placed)) = appearance(doc, annotation) else {
            continue;
        };
        let Object::Reference(_) = appearance else {
            continue;
        };
        let name = format!("HfkAnmerkung{n}");
        let [a, b, c, d, e, f] = placed;
        content.push_str(&format!("q {a} {b} {c} {d} {e} {f} cm /{name} Do Q\n"));
        forms.push((name, pdf_copy::copy_across(binder, doc, appearance, copied)));
    }
    (content, forms)
}

/// The page's resources in `binder` with `forms` added to its XObjects.
pub(crate) fn with_forms(
    binder: &Document,
    resources: Object,
    forms: Vec<(String, Object)>,
) -> Object {
    if forms.is_empty() {
        return resources;
    }
    let resolved = |object: &Object| match object {
        Object::Reference(id) => binder.get_dictionary(*id).cloned().ok(),
        Object::Dictionary(d) => Some(d.clone()),
        _ => None,
    };
    let mut dict = resolved(&resources).unwrap_or_else(Dictionary::new);
    let mut xobjects = dict
        .get(b"XObject")
        .ok()
        .and_then(resolved)
        .unwrap_or_else(Dictionary::new);
    for (name, form) in forms {
        xobjects.set(name, form);
    }
    dict.set("XObject", xobjects);
    Object::Dictionary(dict)
}

/// An annotation to print: its normal appearance (the object naming the form) and the
/// matrix that takes the form's box onto the annotation's rectangle.
fn appearance<'d>(doc: &'d Document, annotation: &'d Object) -> Option<(&'d Object, [f32; 6])> {
    let (_, annotation) = doc.dereference(annotation).ok()?;
    let annotation = annotation.as_dict().ok()?;
    let flags = annotation.get(b"F").and_then(Object::as_i64).unwrap_or(0);
    // NoView (not on screen) still prints: a print-only stamp or watermark goes in.
    if flags & PRINT == 0 || flags & HIDDEN != 0 {
        return None;
    }
    let (_, all) = doc.dereference(annotation.get(b"AP").ok()?).ok()?;
    let normal = all.as_dict().ok()?.get(b"N").ok()?;
    // A check box or radio button has one appearance per state: the one it is in (/AS).
    let normal = match doc.dereference(normal).ok()?.1 {
        Object::Dictionary(states) => {
            let state = annotation.get(b"AS").and_then(Object::as_name).ok()?;
            states.get(state).ok()?
        }
        _ => normal,
    };
    let (_, form) = doc.dereference(normal).ok()?;
    let form = form.as_stream().ok()?;
    let rect = numbers(doc, annotation.get(b"Rect").ok()?)?;
    let bbox = numbers(doc, form.dict.get(b"BBox").ok()?)?;
    let matrix = form
        .dict
        .get(b"Matrix")
        .ok()
        .and_then(|m| numbers(doc, m))
        .and_then(|m| <[f32; 6]>::try_from(m).ok())
        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    Some((normal, fitted(&rect, &bbox, matrix)?))
}

/// The matrix that takes the form's box, turned by its own `matrix`, onto `rect`.
fn fitted(rect: &[f32], bbox: &[f32], [a, b, c, d, e, f]: [f32; 6]) -> Option<[f32; 6]> {
    let ([r0, r1, r2, r3], [b0, b1, b2, b3]) = (
        <[f32; 4]>::try_from(rect).ok()?,
        <[f32; 4]>::try_from(bbox).ok()?,
    );
    let corners = [(b0, b1), (b2, b1), (b0, b3), (b2, b3)]
        .map(|(x, y)| (a * x + c * y + e, b * x + d * y + f));
    let left = corners.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let right = corners
        .iter()
        .map(|p| p.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let bottom = corners.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let top = corners
        .iter()
        .map(|p| p.1)
        .fold(f32::NEG_INFINITY, f32::max);
    let (x0, x1, y0, y1) = (r0.min(r2), r0.max(r2), r1.min(r3), r1.max(r3));
    if right - left <= 0.0 || top - bottom <= 0.0 || x1 - x0 <= 0.0 || y1 - y0 <= 0.0 {
        return None;
    }
    let (sx, sy) = ((x1 - x0) / (right - left), (y1 - y0) / (top - bottom));
    let placed = [sx, 0.0, 0.0, sy, x0 - left * sx, y0 - bottom * sy];
    placed.iter().all(|v| v.is_finite()).then_some(placed)
}

/// An array of numbers, its members followed if they are references.
fn numbers(doc: &Document, object: &Object) -> Option<Vec<f32>> {
    let (_, array) = doc.dereference(object).ok()?;
    array
        .as_array()
        .ok()?
        .iter()
        .map(|v| doc.dereference(v).ok()?.1.as_float().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn the_forms_box_lands_on_the_annotations_rectangle() {
        // A 300 × 40 box drawn into [100 600 400 640]: moved, not scaled.
        let m = fitted(
            &[100.0, 600.0, 400.0, 640.0],
            &[0.0, 0.0, 300.0, 40.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(m, [1.0, 0.0, 0.0, 1.0, 100.0, 600.0]);
        // Twice as large a rectangle, given corners in the other order: scaled by two.
        let m = fitted(
            &[300.0, 700.0, 100.0, 500.0],
            &[10.0, 10.0, 110.0, 110.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 80.0, 480.0]);
        // A form turned a quarter by its own matrix: its turned box is what is fitted.
        let m = fitted(
            &[0.0, 0.0, 40.0, 300.0],
            &[0.0, 0.0, 300.0, 40.0],
            [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(m, [1.0, 0.0, 0.0, 1.0, 40.0, 0.0]);
        // An empty rectangle or box draws nothing.
        assert!(fitted(
            &[5.0, 5.0, 5.0, 50.0],
            &[0.0, 0.0, 1.0, 1.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        )
        .is_none());
        assert!(fitted(
            &[0.0, 0.0, 5.0, 5.0],
            &[0.0, 0.0, 0.0, 0.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        )
        .is_none());
    }
}
