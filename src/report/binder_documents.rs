//! The documents marked for the session, in the Sitzungsmappe: each page of an attached PDF
//! and each picture goes onto a page of its own behind the case's summary. The binder lays
//! those pages out empty but with their footer and outline entry; once written, each is
//! filled with the document's page drawn as a form XObject (scaled into the text area), or
//! with the picture. Only what a page needs is copied (its content and resources, and the
//! appearances of the annotations it prints): no scripts, actions, form logic or embedded
//! files of the original come along.

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

use crate::domain::attachment::MediaType;
use crate::report::layout::{LEFT, PAGE_HEIGHT, PAGE_WIDTH, RIGHT};
use crate::report::{annotation_appearances, pdf_copy, picture_image, tiff_pdf};
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
    /// A picture as a PDF image: its dictionary (size, colours, filter) and its data, and
    /// its EXIF orientation.
    Picture { image: Stream, orientation: u8 },
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
                |image| Source::Picture {
                    image,
                    orientation: picture_image::orientation(bytes),
                },
            ),
            MediaType::Png => picture_image::png(bytes).map_or_else(
                || Source::Left("Das Bild (PNG) ist beschädigt und ist nicht eingebunden.".into()),
                |image| Source::Picture {
                    image,
                    orientation: picture_image::orientation(bytes),
                },
            ),
            // Its pages as a PDF first, then like any PDF.
            MediaType::Tiff => tiff_pdf::pages_or_reason(bytes).map_or_else(
                |why| Source::Left(format!("Die TIFF-Datei ist nicht eingebunden: {why}.")),
                |pdf| pdf_source(&pdf),
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

/// What one stream, or one page's content, may decompress to: no real page comes near it.
const MAX_DECOMPRESSED: usize = 256 * 1024 * 1024;

fn pdf_source(bytes: &[u8]) -> Source {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    // Every page's content must decompress within the limit, or the document is not drawn.
    let loaded = loaded.and_then(|doc| {
        for page in doc.get_pages().into_values() {
            doc.get_page_content_with_limit(page, MAX_DECOMPRESSED)?;
        }
        Ok(doc)
    });
    match loaded {
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
    /// Where the drawing may begin, below the page's heading (from the bottom of the page).
    pub top: f32,
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
            Source::Picture { image, orientation } => {
                picture_image::placed(binder, image, *orientation)
            }
            Source::Left(_) => continue,
        };
        let name = format!("HfkAnlage{n}");
        let area = (place.top - 6.0, AREA_BOTTOM);
        draw_on(binder, page_id, (&name, xobject), (width, height), area).map_err(broken)?;
    }
    Ok(())
}

/// The bottom of the area a document page is drawn into: the text area's, above the footer.
/// It spans the text width, from below the page's heading.
const AREA_BOTTOM: f32 = 28.0 * MM;
const MM: f32 = 72.0 / 25.4;

/// Draws `xobject` (named `name` in the page's resources), `width` × `height` in its own
/// units, scaled to fit between `top` and `bottom` across the text width.
fn draw_on(
    binder: &mut Document,
    page_id: ObjectId,
    (name, xobject): (&str, ObjectId),
    (width, height): (f32, f32),
    (top, bottom): (f32, f32),
) -> lopdf::Result<()> {
    let area_width = PAGE_WIDTH - LEFT - RIGHT;
    let area_height = (top - bottom).max(1.0);
    let scale = (area_width / width).min(area_height / height);
    let (w, h) = (width * scale, height * scale);
    let x = LEFT + (area_width - w) / 2.0;
    let y = top - h;
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
    // What a viewer shows: the crop box where there is one, else the media box.
    let area = |key: &[u8]| -> Option<[f32; 4]> {
        let (_, boxed) = doc.dereference(inherited(doc, page, key)?).ok()?;
        let values: Vec<f32> = boxed
            .as_array()
            .ok()?
            .iter()
            .filter_map(|v| v.as_float().ok())
            .collect();
        <[f32; 4]>::try_from(values).ok()
    };
    let [ax, ay, bx, by] = area(b"CropBox").or_else(|| area(b"MediaBox")).unwrap_or([
        0.0,
        0.0,
        PAGE_WIDTH,
        PAGE_HEIGHT,
    ]);
    let (x0, x1) = (ax.min(bx), ax.max(bx));
    let (y0, y1) = (ay.min(by), ay.max(by));
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|r| r.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    // The form's matrix turns the page as a viewer does (/Rotate is clockwise).
    let (matrix, width, height) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, -y0, x1], y1 - y0, x1 - x0),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], x1 - x0, y1 - y0),
        270 => ([0.0, 1.0, -1.0, 0.0, y1, -x0], y1 - y0, x1 - x0),
        _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], x1 - x0, y1 - y0),
    };
    let resources = inherited(doc, page, b"Resources")
        .cloned()
        .unwrap_or(Object::Dictionary(Dictionary::new()));
    let resources = pdf_copy::copy_across(binder, doc, &resources, copied);
    let page_content = doc.get_page_content_with_limit(page_id, MAX_DECOMPRESSED)?;
    // What the page's annotations print (filled-in fields, stamps) is drawn on top of it.
    let (annotations, forms) = annotation_appearances::printed(binder, doc, page, copied);
    let resources = annotation_appearances::with_forms(binder, resources, forms);
    let content = if annotations.is_empty() {
        page_content
    } else {
        [b"q\n", &page_content[..], b"\nQ\n", annotations.as_bytes()].concat()
    };
    let mut form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![x0.into(), y0.into(), x1.into(), y1.into()],
            "Matrix" => matrix.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
            "Resources" => resources,
        },
        content,
    );
    let _ = form.compress();
    Ok((binder.add_object(form), width.max(1.0), height.max(1.0)))
}
