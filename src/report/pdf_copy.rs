//! Objects of an attached PDF copied into the binder: what a page or an annotation's
//! appearance refers to, followed reference by reference (each copied once), never its
//! parent (which would drag the whole page tree along), and never an action, script,
//! annotation, page, catalog or embedded file, wherever a crafted file refers to one.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// How deep references are followed.
const MAX_DEPTH: u32 = 64;

/// Keys never followed: a parent would drag the page tree along, the others lead to
/// actions, scripts, annotations, the document's names and embedded files, which a page's
/// drawing never needs (a crafted file may refer to them from anywhere).
const NEVER_FOLLOWED: &[&[u8]] = &[
    b"Parent",
    b"P",
    b"A",
    b"AA",
    b"JS",
    b"OpenAction",
    b"Annots",
    b"AcroForm",
    b"Names",
    b"Dests",
    b"EmbeddedFiles",
    b"Ref",
];

/// Kinds of dictionary never copied, wherever they are referred to from.
const NEVER_COPIED: &[&[u8]] = &[
    b"Catalog",
    b"Pages",
    b"Page",
    b"Annot",
    b"Action",
    b"Filespec",
    b"EmbeddedFile",
];

/// Actions, by their /S, also where a crafted file leaves out their /Type. (A transparency
/// group's or soft mask's /S is none of these.)
const ACTIONS: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"Launch",
    b"Thread",
    b"URI",
    b"Sound",
    b"Movie",
    b"Hide",
    b"Named",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"JavaScript",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"GoTo3DView",
    b"RichMediaExecute",
];

/// Whether `dict` is of a kind that is never copied.
fn refused(dict: &Dictionary) -> bool {
    let named = |key: &[u8], among: &[&[u8]]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|name| among.contains(&name))
    };
    named(b"Type", NEVER_COPIED) || named(b"S", ACTIONS) || dict.has(b"JS")
}

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
        Object::Dictionary(dict) | Object::Stream(Stream { dict, .. }) if refused(dict) => {
            Object::Null
        }
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
        if NEVER_FOLLOWED.contains(&key.as_slice()) {
            continue;
        }
        out.set(key.clone(), copy_within(binder, doc, value, copied, depth));
    }
    out
}
