//! Pages to PDF bytes with printpdf: the four faces embedded and subset, every glyph with the
//! text it stands for (one mapping per glyph and face, the first seen), metadata with a real
//! creation date, and the outline.

use std::collections::HashMap;

use printpdf::{
    Codepoint, Color, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::report::fonts::Fonts;
use crate::report::layout::{Item, Page, PAGE_HEIGHT, PAGE_WIDTH};
use crate::{Error, Result};

pub struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

fn gray(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

pub fn write(
    fonts: &Fonts,
    pages: &[Page],
    bookmarks: &[(String, usize)],
    meta: &Metadata<'_>,
) -> Result<Vec<u8>> {
    write_then(fonts, pages, bookmarks, meta, |_| Ok(()))
}

/// As [`write`], with `finish` given the document before it is saved (the binder draws the
/// attached documents onto their pages there).
pub fn write_then(
    fonts: &Fonts,
    pages: &[Page],
    bookmarks: &[(String, usize)],
    meta: &Metadata<'_>,
    finish: impl FnOnce(&mut lopdf::Document) -> Result<()>,
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(meta.title);
    let mut warnings = Vec::new();
    let mut ids = Vec::new();
    for face in &fonts.faces {
        let parsed = ParsedFont::from_bytes(face.bytes, 0, &mut warnings)
            .ok_or_else(|| Error::Internal("Schrift konnte nicht eingebettet werden".into()))?;
        ids.push(doc.add_font(&parsed));
    }
    // One text per glyph and face for the whole document: the extractor's table.
    let mut glyph_text: HashMap<(usize, u16), String> = HashMap::new();
    for page in pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Shade {
                    x,
                    y,
                    w,
                    h,
                    gray: level,
                } => {
                    ops.push(Op::SetFillColor { col: gray(*level) });
                    let mut rect = Rect::from_xywh(Pt(*x), Pt(*y), Pt(*w), Pt(*h));
                    rect.mode = Some(PaintMode::Fill);
                    ops.push(Op::DrawRectangle { rectangle: rect });
                    ops.push(Op::SetFillColor { col: gray(0.0) });
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    ops.push(Op::SetOutlineColor { col: gray(0.45) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(*y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(*y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Text { x, y, size, line } => {
                    let run = Run {
                        x: *x,
                        y: *y,
                        size: *size,
                        angle: 0.0,
                    };
                    show(&mut ops, &mut glyph_text, fonts, &ids, &run, line);
                }
                Item::Slanted {
                    x,
                    y,
                    size,
                    angle,
                    gray: level,
                    line,
                } => {
                    ops.push(Op::SetFillColor { col: gray(*level) });
                    let run = Run {
                        x: *x,
                        y: *y,
                        size: *size,
                        angle: *angle,
                    };
                    show(&mut ops, &mut glyph_text, fonts, &ids, &run, line);
                    ops.push(Op::SetFillColor { col: gray(0.0) });
                }
            }
        }
        doc.pages.push(PdfPage::new(
            Mm(PAGE_WIDTH * 25.4 / 72.0),
            Mm(PAGE_HEIGHT * 25.4 / 72.0),
            ops,
        ));
    }
    for (title, page) in bookmarks {
        doc.add_bookmark(title, page + 1);
    }
    let now = printpdf::OffsetDateTime::now_utc();
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.to_owned();
    info.author = meta.author.to_owned();
    info.subject = meta.subject.to_owned();
    info.creator = "HFK-Akte".to_owned();
    info.producer = "HFK-Akte (printpdf)".to_owned();
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;
    let options = PdfSaveOptions::default();
    let mut save_warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut save_warnings);
    say_only_what_is_true(&mut pdf, !bookmarks.is_empty())?;
    finish(&mut pdf)?;
    if options.optimize {
        pdf.compress();
    }
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| Error::Internal(format!("PDF konnte nicht geschrieben werden: {e}")))?;
    Ok(bytes)
}

/// Where a line of text starts, its size, and its slant in degrees counterclockwise.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    angle: f32,
}

/// A shaped line as text operators: runs of glyphs of one face on the baseline, each written
/// with one TJ whose offsets turn the font's advances into the shaped positions.
fn show(
    ops: &mut Vec<Op>,
    glyph_text: &mut HashMap<(usize, u16), String>,
    fonts: &Fonts,
    ids: &[printpdf::FontId],
    at: &Run,
    line: &crate::report::shaping::ShapedLine,
) {
    if line.glyphs.is_empty() {
        return;
    }
    let size = at.size;
    let (sin, cos) = at.angle.to_radians().sin_cos();
    ops.push(Op::StartTextSection);
    let mut current = usize::MAX;
    let glyphs = &line.glyphs;
    let mut i = 0;
    while i < glyphs.len() {
        let start = i;
        let face = glyphs[i].face;
        while i < glyphs.len()
            && glyphs[i].face == face
            && glyphs[i].y_offset == 0.0
            && (i == start || glyphs[i - 1].y_offset == 0.0)
        {
            i += 1;
        }
        if i == start {
            i += 1;
        }
        let run = &glyphs[start..i];
        if face != current {
            current = face;
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(ids[face].clone()),
                size: Pt(size),
            });
        }
        let loaded = &fonts.faces[face];
        let scale = size / loaded.units_per_em;
        let mut items = Vec::with_capacity(run.len());
        for (k, g) in run.iter().enumerate() {
            let text = match glyph_text.get(&(g.face, g.id)) {
                Some(known) => known.clone(),
                None => {
                    if !g.text.is_empty() {
                        glyph_text.insert((g.face, g.id), g.text.clone());
                    }
                    g.text.clone()
                }
            };
            let offset = match run.get(k + 1) {
                Some(next) => {
                    let natural = f32::from(
                        loaded
                            .face
                            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
                            .unwrap_or(0),
                    ) * scale;
                    (g.x + natural - next.x) * 1000.0 / size
                }
                None => 0.0,
            };
            items.push(Codepoint::with_cid(g.id, offset, text));
        }
        let (dx, dy) = (run[0].x, run[0].y_offset);
        let matrix = if at.angle == 0.0 {
            TextMatrix::Translate(Pt(at.x + dx), Pt(at.y + dy))
        } else {
            TextMatrix::Raw([
                cos,
                sin,
                -sin,
                cos,
                at.x + dx * cos - dy * sin,
                at.y + dx * sin + dy * cos,
            ])
        };
        ops.push(Op::SetTextMatrix { matrix });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(items)],
        });
    }
    ops.push(Op::EndTextSection);
}

/// printpdf writes an empty PDF/X version into the document info (so readers call every
/// file PDF/X) and the outline page mode as a string where PDF wants a name. The file makes
/// no conformance claim, and opens with its outline when it has one.
fn say_only_what_is_true(pdf: &mut lopdf::Document, has_outline: bool) -> Result<()> {
    let broken = |e: lopdf::Error| Error::Internal(format!("PDF-Metadaten: {e}"));
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .map_err(broken)?;
    let info = pdf
        .get_object_mut(info)
        .and_then(lopdf::Object::as_dict_mut)
        .map_err(broken)?;
    info.remove(b"GTS_PDFXVersion");
    info.remove(b"Identifier");
    let catalog = pdf.catalog_mut().map_err(broken)?;
    let mode = if has_outline {
        "UseOutlines"
    } else {
        "UseNone"
    };
    catalog.set("PageMode", lopdf::Object::Name(mode.into()));
    Ok(())
}
