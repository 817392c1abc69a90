//! TIFF documents as a PDF of their pages, for the window's viewer and the Sitzungsmappe.
//! Scanners write TIFF, often one file of many pages, black and white with CCITT fax
//! compression; WebKit shows no TIFF and a PDF cannot embed one. Each page is decoded (tiff,
//! from image-rs) and becomes a page of its own size (from its resolution) holding it as an
//! image: one bit per pixel stays one bit, grey and colour become 8 bits per channel.

use std::io::Cursor;

use lopdf::{dictionary, Document, Object, Stream};
use tiff::decoder::{Decoder, DecodingResult};
use tiff::tags::Tag;
use tiff::{ColorType, TiffError};

use crate::{Error, Result};

/// More pages than any dossier's document has; a file claiming more is refused.
pub const MAX_PAGES: usize = 1000;
/// The resolution assumed where a page does not say (typical of office scanners).
const DEFAULT_DPI: f32 = 200.0;

/// Why a TIFF's pages cannot be drawn, in German (the tiff crate's own words only as a detail).
fn reason(error: TiffError) -> String {
    match error {
        TiffError::FormatError(_) | TiffError::IoError(_) => {
            "die Datei ist beschädigt oder unvollständig".into()
        }
        TiffError::UnsupportedError(what) => {
            format!("ein Merkmal der Datei wird nicht unterstützt: {what}")
        }
        TiffError::LimitsExceeded => "eine Seite ist zu groß".into(),
        other => format!("Fehler beim Lesen: {other}"),
    }
}

/// A page's pixels as a PDF image: colour space, bits per component, data.
fn pixels(
    color: ColorType,
    image: DecodingResult,
) -> std::result::Result<(&'static str, i64, Vec<u8>), String> {
    let high = |v: Vec<u16>| v.into_iter().map(|s| (s >> 8) as u8).collect::<Vec<u8>>();
    let on_white = |rgba: &[u8]| -> Vec<u8> {
        rgba.chunks(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let mix = |v: u8| ((u16::from(v) * a + 255 * (255 - a)) / 255) as u8;
                [mix(p[0]), mix(p[1]), mix(p[2])]
            })
            .collect()
    };
    Ok(match (color, image) {
        (ColorType::Gray(1), DecodingResult::U8(d)) => ("DeviceGray", 1, d),
        (ColorType::Gray(8), DecodingResult::U8(d)) => ("DeviceGray", 8, d),
        (ColorType::Gray(16), DecodingResult::U16(d)) => ("DeviceGray", 8, high(d)),
        (ColorType::RGB(8), DecodingResult::U8(d)) => ("DeviceRGB", 8, d),
        (ColorType::RGB(16), DecodingResult::U16(d)) => ("DeviceRGB", 8, high(d)),
        (ColorType::RGBA(8), DecodingResult::U8(d)) => ("DeviceRGB", 8, on_white(&d)),
        (ColorType::RGBA(16), DecodingResult::U16(d)) => ("DeviceRGB", 8, on_white(&high(d))),
        (ColorType::CMYK(8), DecodingResult::U8(d)) => ("DeviceCMYK", 8, d),
        (other, _) => return Err(format!("das Farbformat {other:?} wird nicht unterstützt")),
    })
}

/// Dots per inch along one axis, from a resolution tag and the unit.
fn dpi(decoder: &mut Decoder<Cursor<&[u8]>>, tag: Tag) -> f32 {
    let per_unit = decoder
        .get_tag_f64(tag)
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0);
    let unit = decoder.get_tag_u32(Tag::ResolutionUnit).unwrap_or(2);
    match per_unit {
        Some(v) if unit == 3 => (v * 2.54) as f32,
        Some(v) => v as f32,
        None => DEFAULT_DPI,
    }
    .clamp(50.0, 2400.0)
}

/// Every page of a TIFF as a PDF, for the viewer: what cannot be drawn is a German error.
pub fn pages_as_pdf(bytes: &[u8]) -> Result<Vec<u8>> {
    pages_or_reason(bytes).map_err(|why| {
        Error::invalid(
            "Anlage",
            format!("Die TIFF-Datei kann nicht angezeigt werden: {why}. Sie ist unverändert gespeichert; über „Kopie speichern …“ lässt sie sich in einem Bildprogramm öffnen."),
        )
    })
}

/// Every page of a TIFF as a PDF, or why not (in German, to complete a sentence).
pub fn pages_or_reason(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut decoder = Decoder::new(Cursor::new(bytes)).map_err(reason)?;
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    loop {
        if kids.len() >= MAX_PAGES {
            return Err(format!("sie hat mehr als {MAX_PAGES} Seiten"));
        }
        let (width, height) = decoder.dimensions().map_err(reason)?;
        let color = decoder.colortype().map_err(reason)?;
        let (x_dpi, y_dpi) = (
            dpi(&mut decoder, Tag::XResolution),
            dpi(&mut decoder, Tag::YResolution),
        );
        let image = decoder.read_image().map_err(reason)?;
        let (space, bits, data) = pixels(color, image)?;
        let mut picture = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(width),
                "Height" => i64::from(height), "ColorSpace" => space, "BitsPerComponent" => bits,
            },
            data,
        );
        picture.compress().map_err(|e| e.to_string())?;
        let picture = doc.add_object(picture);
        let (w, h) = (width as f32 / x_dpi * 72.0, height as f32 / y_dpi * 72.0);
        let content = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Seite Do Q");
        let content = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
            "Resources" => dictionary! { "XObject" => dictionary! { "Seite" => picture } },
            "Contents" => content,
        });
        kids.push(page.into());
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(reason)?;
    }
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiff::encoder::{colortype, TiffEncoder};

    fn tiff_of(pages: usize, width: u32, height: u32) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut out).unwrap();
        for page in 0..pages {
            let pixels: Vec<u8> = (0..width * height)
                .map(|i| ((i as usize + page) % 251) as u8)
                .collect();
            encoder
                .write_image::<colortype::Gray8>(width, height, &pixels)
                .unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn every_page_of_a_tiff_becomes_a_page_of_its_own_size() {
        let pdf = pages_as_pdf(&tiff_of(200, 40, 60)).unwrap();
        let doc = Document::load_mem(&pdf).unwrap();
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 200);
        let first = doc.get_dictionary(pages[&1]).unwrap();
        let media: Vec<f32> = first
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        // 40 × 60 pixels at the assumed 200 dpi.
        assert!(
            (media[2] - 14.4).abs() < 0.01 && (media[3] - 21.6).abs() < 0.01,
            "{media:?}"
        );
    }

    #[test]
    fn a_damaged_tiff_is_said_in_german() {
        let mut cut = tiff_of(1, 40, 60);
        cut.truncate(cut.len() / 3);
        let said = pages_as_pdf(&cut).unwrap_err().to_string();
        assert!(
            said.starts_with(
                "Anlage: Die TIFF-Datei kann nicht angezeigt werden: die Datei ist beschädigt"
            ),
            "{said}"
        );
    }

    #[test]
    fn too_many_pages_and_an_unknown_colour_format_say_why() {
        let said = pages_or_reason(&tiff_of(MAX_PAGES + 1, 2, 2)).unwrap_err();
        assert_eq!(said, format!("sie hat mehr als {MAX_PAGES} Seiten"));
        let mut out = Cursor::new(Vec::new());
        TiffEncoder::new(&mut out)
            .unwrap()
            .write_image::<colortype::Gray32>(2, 2, &[0u32; 4])
            .unwrap();
        let said = pages_or_reason(&out.into_inner()).unwrap_err();
        assert!(said.contains("wird nicht unterstützt"), "{said}");
    }
}
