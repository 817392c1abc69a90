//! Pictures as PDF images, for the Sitzungsmappe: a JPEG passed through as it is
//! (DCTDecode), a PNG decoded to 8-bit grey or RGB pixels and compressed again.

use lopdf::{dictionary, Stream};

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
