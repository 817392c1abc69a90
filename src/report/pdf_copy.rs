//! Objects of an attached PDF copied into the binder: what a page or an annotation's
//! appearance refers to, followed reference by reference (each copied once), never its
//! parent (which would drag the whole page tree along).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// How deep references are followed.
const MAX_DEPTH: u32 = 64;

/// Copies `object` of `doc` into `binder` with all it refers to; `copied` maps the objects
/// already copied (shared between the pages of one document).
pub(crate) fn copy_across(
    binder: &mut Document,
    doc: &Document,
    object: &Object,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> Object {
    copy_within(binder, doc, object, copied, 0)
}

/// `object` with every object it refers to copied into `binder` (once per document).
fn copy_within(
    binder: &mut Document,
    doc: &Document,
    object: &Object,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
    depth: u32,
) -> Object {
    // A crafted file may nest without end; no real page's resources go this deep.
    if depth > MAX_DEPTH {
        return Object::Null;
    }
    match object {
        Object::Reference(id) => {
            if let Some(new) = copied.get(id) {
                return Object::Reference(*new);
            }
            let new = binder.new_object_id();
            copied.insert(*id, new);
            let target = doc.get_object(*id).cloned().unwrap_or(Object::Null);
            let target = copy_within(binder, doc, &target, copied, depth + 1);
            binder.objects.insert(new, target);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .iter()
                .map(|i| copy_within(binder, doc, i, copied, depth + 1))
                .collect(),
        ),
        Object::Dictionary(dict) => {
            Object::Dictionary(copy_dict(binder, doc, dict, copied, depth + 1))
        }
        Object::Stream(stream) => {
            let dict = copy_dict(binder, doc, &stream.dict, copied, depth + 1);
            Object::Stream(Stream::new(dict, stream.content.clone()).with_compression(false))
        }
        other => other.clone(),
    }
}

fn copy_dict(
    binder: &mut Document,
    doc: &Document,
    dict: &Dictionary,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
    depth: u32,
) -> Dictionary {
    let mut out = Dictionary::new();
    for (key, value) in dict.iter() {
        // A page's parent would drag the whole original page tree along.
        if key == b"Parent" {
            continue;
        }
        out.set(key.clone(), copy_within(binder, doc, value, copied, depth));
    }
    out
}
