//! The documents marked for the session, in the Sitzungsmappe: each page of an attached PDF
//! and each picture goes onto a page of its own behind the case's summary. The binder lays
//! those pages out empty but with their footer and outline entry; once written, each is
//! filled with the document's page drawn as a form XObject (scaled into the text area), or
//! with the picture. Only what a page needs is copied (its content and resources): no
//! scripts, annotations, forms or embedded files of the original come along.

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use crate::domain::attachment::MediaType;
use crate::report::layout::{LEFT, PAGE_HEIGHT, PAGE_WIDTH, RIGHT};
use crate::report::picture_image;
use crate::store::attachments::AttachmentRecord;
use crate::{Error, Result};

/// A marked document, read and made ready for the binder.
pub(crate) struct BinderDocument {
    pub title: String,
    pub kind_label: String,
    pub source: Source,
}

pub(crate) enum Source {
    /// An attached PDF and its pages in order.
    Pdf {
        doc: Box<Document>,
        pages: Vec<ObjectId>,
    },
    /// A picture as a PDF image: its dictionary (size, colours, filter) and its data.
    Picture { image: Stream },
    /// Cannot be drawn into the binder, and why (said on its page).
    Left(String),
}

impl BinderDocument {
    /// Reads a document for the binder; what cannot be drawn says why.
    pub fn prepare(record: &AttachmentRecord, bytes: &[u8]) -> BinderDocument {
        let source = match record.media_type {
            MediaType::Pdf => pdf_source(bytes),
            MediaType::Jpeg => picture_image::jpeg(bytes).map_or_else(
                || Source::Left("Das Bild (JPEG) ist beschädigt und ist nicht eingebunden.".into()),
                |image| Source::Picture { image },
            ),
            MediaType::Png => picture_image::png(bytes).map_or_else(
                || Source::Left("Das Bild (PNG) ist beschädigt und ist nicht eingebunden.".into()),
                |image| Source::Picture { image },
            ),
            MediaType::Tiff => Source::Left(
                "TIFF-Dateien werden nicht in die Sitzungsmappe eingebunden; bitte das Dokument gesondert ausdrucken."
                    .into(),
            ),
        };
        BinderDocument {
            title: record.title.clone(),
            kind_label: record.kind_label.clone(),
            source,
        }
    }

    /// How many binder pages it takes.
    pub fn page_count(&self) -> usize {
        match &self.source {
            Source::Pdf { pages, .. } => pages.len().max(1),
            _ => 1,
        }
    }

    /// Why it is not drawn, if it is not.
    pub fn left_out(&self) -> Option<&str> {
        match &self.source {
            Source::Left(reason) => Some(reason),
            _ => None,
        }
    }
}

fn pdf_source(bytes: &[u8]) -> Source {
    match Document::load_mem(bytes) {
        Ok(doc) if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() => Source::Left(
            "Das PDF ist verschlüsselt (mit Passwort geschützt) und ist nicht eingebunden.".into(),
        ),
        Ok(doc) => {
            let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
            if pages.is_empty() {
                Source::Left("Das PDF hat keine Seiten.".into())
            } else {
                Source::Pdf {
                    doc: Box::new(doc),
                    pages,
                }
            }
        }
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => Source::Left(
            "Das PDF ist verschlüsselt (mit Passwort geschützt) und ist nicht eingebunden.".into(),
        ),
        Err(_) => Source::Left("Das PDF ist beschädigt und ist nicht eingebunden.".into()),
    }
}

/// Where a binder page shows a document: the document's index and, for a PDF, its page.
pub(crate) struct Placement {
    pub binder_page: usize,
    pub document: usize,
    pub page: usize,
}

/// Draws each placed document page onto its binder page.
pub(crate) fn fill(
    binder: &mut Document,
    documents: &[&BinderDocument],
    placements: &[Placement],
) -> Result<()> {
    let broken = |e: lopdf::Error| Error::Internal(format!("Anlage in der Sitzungsmappe: {e}"));
    let pages = binder.get_pages();
    let mut copied: Vec<BTreeMap<ObjectId, ObjectId>> =
        documents.iter().map(|_| BTreeMap::new()).collect();
    for (n, place) in placements.iter().enumerate() {
        let Some(&page_id) = u32::try_from(place.binder_page + 1)
            .ok()
            .and_then(|p| pages.get(&p))
        else {
            continue;
        };
        let (xobject, width, height) = match &documents[place.document].source {
            Source::Pdf { doc, pages } => {
                let source_page = pages[place.page];
                form_of_page(binder, doc, source_page, &mut copied[place.document])
                    .map_err(broken)?
            }
            Source::Picture { image } => {
                let width = image
                    .dict
                    .get(b"Width")
                    .and_then(Object::as_float)
                    .unwrap_or(1.0);
                let height = image
                    .dict
                    .get(b"Height")
                    .and_then(Object::as_float)
                    .unwrap_or(1.0);
                (binder.add_object(image.clone()), width, height)
            }
            Source::Left(_) => continue,
        };
        let name = format!("HfkAnlage{n}");
        draw_on(binder, page_id, &name, xobject, width, height).map_err(broken)?;
    }
    Ok(())
}

/// The area a document page is drawn into: the text width, from below the page's heading
/// line to the text area's bottom above the footer.
const AREA_TOP: f32 = PAGE_HEIGHT - 20.0 * MM - 18.0;
const AREA_BOTTOM: f32 = 28.0 * MM;
const MM: f32 = 72.0 / 25.4;

fn draw_on(
    binder: &mut Document,
    page_id: ObjectId,
    name: &str,
    xobject: ObjectId,
    width: f32,
    height: f32,
) -> lopdf::Result<()> {
    let area_width = PAGE_WIDTH - LEFT - RIGHT;
    let area_height = AREA_TOP - AREA_BOTTOM;
    let scale = (area_width / width).min(area_height / height);
    let (w, h) = (width * scale, height * scale);
    let x = LEFT + (area_width - w) / 2.0;
    let y = AREA_TOP - h;
    // A picture is drawn on a unit square, a form in its own units.
    let is_image = binder
        .get_object(xobject)
        .and_then(Object::as_stream)
        .is_ok_and(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image")
        });
    let (sx, sy) = if is_image { (w, h) } else { (scale, scale) };
    let content = format!("q {sx:.4} 0 0 {sy:.4} {x:.2} {y:.2} cm /{name} Do Q");
    let drawn = binder.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    // The page's own resources get the XObject; printpdf writes them inline or by reference.
    let resources = match binder.get_dictionary(page_id)?.get(b"Resources") {
        Ok(Object::Reference(id)) => *id,
        Ok(Object::Dictionary(inline)) => {
            let id = binder.add_object(inline.clone());
            binder.get_dictionary_mut(page_id)?.set("Resources", id);
            id
        }
        _ => {
            let id = binder.add_object(Dictionary::new());
            binder.get_dictionary_mut(page_id)?.set("Resources", id);
            id
        }
    };
    let xobjects = match binder.get_dictionary(resources)?.get(b"XObject") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    match xobjects {
        Some(id) => binder.get_dictionary_mut(id)?.set(name, xobject),
        None => {
            let dict = binder.get_dictionary_mut(resources)?;
            let mut list = dict
                .get(b"XObject")
                .and_then(Object::as_dict)
                .cloned()
                .unwrap_or_default();
            list.set(name, xobject);
            dict.set("XObject", list);
        }
    }
    let page = binder.get_dictionary_mut(page_id)?;
    let mut contents = match page.get(b"Contents") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    contents.push(drawn.into());
    page.set("Contents", contents);
    Ok(())
}

/// An attribute of a page, inherited from the page tree where the page has none.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The page as a form XObject in `binder`, with what it needs copied across.
fn form_of_page(
    binder: &mut Document,
    doc: &Document,
    page_id: ObjectId,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> lopdf::Result<(ObjectId, f32, f32)> {
    let page = doc.get_dictionary(page_id)?;
    let media: Vec<f32> = inherited(doc, page, b"MediaBox")
        .and_then(|b| doc.dereference(b).ok())
        .and_then(|(_, b)| b.as_array().ok())
        .map(|items| items.iter().filter_map(|v| v.as_float().ok()).collect())
        .unwrap_or_else(|| vec![0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT]);
    let [x0, y0, x1, y1] =
        <[f32; 4]>::try_from(media).unwrap_or([0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT]);
    let resources = inherited(doc, page, b"Resources")
        .cloned()
        .unwrap_or(Object::Dictionary(Dictionary::new()));
    let resources = copy_across(binder, doc, &resources, copied);
    let content = doc.get_page_content(page_id);
    let mut form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), (-x0).into(), (-y0).into()],
            "Resources" => resources,
        },
        content,
    );
    let _ = form.compress();
    Ok((
        binder.add_object(form),
        (x1 - x0).abs().max(1.0),
        (y1 - y0).abs().max(1.0),
    ))
}

/// `object` with every object it refers to copied into `binder` (once per document).
fn copy_across(
    binder: &mut Document,
    doc: &Document,
    object: &Object,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> Object {
    match object {
        Object::Reference(id) => {
            if let Some(new) = copied.get(id) {
                return Object::Reference(*new);
            }
            let new = binder.new_object_id();
            copied.insert(*id, new);
            let target = doc.get_object(*id).cloned().unwrap_or(Object::Null);
            let target = copy_across(binder, doc, &target, copied);
            binder.objects.insert(new, target);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .iter()
                .map(|i| copy_across(binder, doc, i, copied))
                .collect(),
        ),
        Object::Dictionary(dict) => Object::Dictionary(copy_dict(binder, doc, dict, copied)),
        Object::Stream(stream) => {
            let dict = copy_dict(binder, doc, &stream.dict, copied);
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
) -> Dictionary {
    let mut out = Dictionary::new();
    for (key, value) in dict.iter() {
        // A page's parent would drag the whole original page tree along.
        if key == b"Parent" {
            continue;
        }
        out.set(key.clone(), copy_across(binder, doc, value, copied));
    }
    out
}
