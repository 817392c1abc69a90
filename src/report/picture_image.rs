//! Pictures as PDF images, for the Sitzungsmappe: a JPEG passed through as it is
//! (DCTDecode), a PNG decoded to 8-bit grey or RGB pixels and compressed again; a photo a
//! phone took on its side drawn upright, as its EXIF orientation says.

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// A JPEG as it is (DCTDecode): width, height and colours from its frame header.
pub(crate) fn jpeg(bytes: &[u8]) -> Option<Stream> {
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if frame {
            let height = i64::from(u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]));
            let width = i64::from(u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]));
            let space = match bytes[at + 9] {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                4 => "DeviceCMYK",
                _ => return None,
            };
            let mut dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
                "ColorSpace" => space, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            };
            if space == "DeviceCMYK" {
                // Adobe's CMYK JPEGs are stored inverted.
                dict.set(
                    "Decode",
                    vec![
                        1.into(),
                        0.into(),
                        1.into(),
                        0.into(),
                        1.into(),
                        0.into(),
                        1.into(),
                        0.into(),
                    ],
                );
            }
            return (width > 0 && height > 0).then(|| Stream::new(dict, bytes.to_vec()));
        }
        at += 2 + length;
    }
    None
}

/// A PNG decoded to 8-bit grey or RGB (transparency laid on white), compressed again.
pub(crate) fn png(bytes: &[u8]) -> Option<Stream> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    // The header decides the buffer: a crafted one may ask for gigabytes (50 megapixels is
    // a full A4 page at 600 dpi in colour).
    let (width, height) = reader.info().size();
    if u64::from(width) * u64::from(height) > 50_000_000 {
        return None;
    }
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buffer).ok()?;
    let pixels = &buffer[..frame.buffer_size()];
    let on_white = |value: u8, alpha: u8| {
        let (v, a) = (u16::from(value), u16::from(alpha));
        u8::try_from((v * a + 255 * (255 - a)) / 255).unwrap_or(255)
    };
    let (space, data): (&str, Vec<u8>) = match frame.color_type {
        png::ColorType::Grayscale => ("DeviceGray", pixels.to_vec()),
        png::ColorType::Rgb => ("DeviceRGB", pixels.to_vec()),
        png::ColorType::GrayscaleAlpha => (
            "DeviceGray",
            pixels.chunks(2).map(|p| on_white(p[0], p[1])).collect(),
        ),
        png::ColorType::Rgba => (
            "DeviceRGB",
            pixels
                .chunks(4)
                .flat_map(|p| {
                    [
                        on_white(p[0], p[3]),
                        on_white(p[1], p[3]),
                        on_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::Indexed => return None,
    };
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(frame.width),
        "Height" => i64::from(frame.height), "ColorSpace" => space, "BitsPerComponent" => 8,
    };
    let mut stream = Stream::new(dict, data);
    stream.compress().ok()?;
    Some(stream)
}

/// Which way up a picture goes: its EXIF orientation (1 to 8), 1 when it says none.
pub(crate) fn orientation(bytes: &[u8]) -> u8 {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()
        .and_then(|found| {
            found
                .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
                .and_then(|field| field.value.get_uint(0))
        })
        .and_then(|value| u8::try_from(value).ok())
        .filter(|value| (1..=8).contains(value))
        .unwrap_or(1)
}

/// How an image of `width` × `height` pixels with EXIF `orientation` is drawn upright: the
/// matrix that takes PDF's unit square of the image onto the upright picture, and the
/// upright width and height. Orientations 5 to 8 turn it a quarter, so the sides swap.
pub(crate) fn upright(orientation: u8, width: f32, height: f32) -> ([f32; 6], f32, f32) {
    let (w, h) = if orientation >= 5 {
        (height, width)
    } else {
        (width, height)
    };
    let matrix = match orientation {
        2 => [-w, 0.0, 0.0, h, w, 0.0],
        3 => [-w, 0.0, 0.0, -h, w, h],
        4 => [w, 0.0, 0.0, -h, 0.0, h],
        5 => [0.0, -h, -w, 0.0, w, h],
        6 => [0.0, -h, w, 0.0, 0.0, h],
        7 => [0.0, h, w, 0.0, 0.0, 0.0],
        8 => [0.0, h, -w, 0.0, w, 0.0],
        _ => [w, 0.0, 0.0, h, 0.0, 0.0],
    };
    (matrix, w, h)
}

/// Puts `image` into `binder` as something to draw: the image itself when it is upright,
/// else a form that turns it; with the upright width and height.
pub(crate) fn placed(
    binder: &mut Document,
    image: &Stream,
    orientation: u8,
) -> (ObjectId, f32, f32) {
    let side = |key: &[u8]| {
        image
            .dict
            .get(key)
            .and_then(Object::as_float)
            .unwrap_or(1.0)
    };
    let (width, height) = (side(b"Width"), side(b"Height"));
    let image_id = binder.add_object(image.clone());
    if orientation <= 1 {
        return (image_id, width, height);
    }
    let ([a, b, c, d, e, f], w, h) = upright(orientation, width, height);
    let content = format!("q {a} {b} {c} {d} {e} {f} cm /Bild Do Q");
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Bild" => image_id } },
        },
        content.into_bytes(),
    );
    (binder.add_object(form), w, h)
}

#[cfg(test)]
mod tests {
    use super::upright;

    /// Where the matrix puts a corner of the unit square.
    fn at([a, b, c, d, e, f]: [f32; 6], (u, v): (f32, f32)) -> (f32, f32) {
        (a * u + c * v + e, b * u + d * v + f)
    }

    #[test]
    fn each_orientation_puts_the_pictures_top_left_corner_where_exif_says() {
        // The stored picture's top left corner is (0, 1) on the unit square; where it must
        // land, with the upright size 200 × 100 (or 100 × 200 turned).
        let cases = [
            (1, (0.0, 100.0)),
            (2, (200.0, 100.0)),
            (3, (200.0, 0.0)),
            (4, (0.0, 0.0)),
            (5, (0.0, 200.0)),
            (6, (100.0, 200.0)),
            (7, (100.0, 0.0)),
            (8, (0.0, 0.0)),
        ];
        for (orientation, corner) in cases {
            let (matrix, w, h) = upright(orientation, 200.0, 100.0);
            assert_eq!(at(matrix, (0.0, 1.0)), corner, "orientation {orientation}");
            let turned = orientation >= 5;
            assert_eq!(
                (w, h),
                if turned {
                    (100.0, 200.0)
                } else {
                    (200.0, 100.0)
                }
            );
            // The whole unit square lands inside the upright picture.
            for point in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
                let (x, y) = at(matrix, point);
                assert!((0.0..=w).contains(&x) && (0.0..=h).contains(&y));
            }
        }
        // Turned a quarter clockwise (6): the stored top row becomes the right-hand side.
        let (matrix, _, _) = upright(6, 200.0, 100.0);
        assert_eq!(at(matrix, (1.0, 1.0)), (100.0, 0.0));
        assert_eq!(at(matrix, (0.0, 0.0)), (0.0, 200.0));
    }
}
