//! How wide a table's columns are: by their shares of the text width, but never narrower
//! than the widest word, date or case number in the column, so that "03.09.2015" or
//! "HFK-2026-001" is never cut inside a cell. Such columns take what they need from the
//! columns that have room to spare.

use crate::report::fonts::{Fonts, Weight};
use crate::report::shaping::widest_word;

/// `columns` as (title, share); `padding` is a cell's left and right padding together.
pub fn fit(
    fonts: &Fonts,
    columns: &[(&str, f32)],
    rows: &[Vec<String>],
    size: f32,
    text_width: f32,
    padding: f32,
) -> Vec<f32> {
    let needed: Vec<f32> = columns
        .iter()
        .enumerate()
        .map(|(i, (title, _))| {
            let header = widest_word(fonts, title, Weight::Bold, size);
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|t| widest_word(fonts, t, Weight::Regular, size))
                .fold(header, f32::max)
                + padding
                + 0.5
        })
        .collect();
    let total: f32 = columns.iter().map(|(_, share)| share).sum();
    let mut widths: Vec<f32> = columns
        .iter()
        .map(|(_, share)| text_width * share / total)
        .collect();
    let short: f32 = widths
        .iter()
        .zip(&needed)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    let spare: f32 = widths
        .iter()
        .zip(&needed)
        .map(|(w, n)| (w - n).max(0.0))
        .sum();
    if short > 0.0 && spare > 0.0 {
        // Each short column gets its share of what the others can give; the others give
        // in proportion to their room.
        let take = (short / spare).min(1.0);
        for (w, n) in widths.iter_mut().zip(&needed) {
            *w = if *w < *n {
                *w + (*n - *w) * (spare * take / short)
            } else {
                *w - (*w - *n) * take
            };
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::shaping::width;

    #[test]
    fn a_narrow_date_column_takes_room_from_a_wide_text_column() {
        let fonts = Fonts::load().unwrap();
        let rows = vec![vec![
            "03.09.2015".to_owned(),
            "Lange Begründung ".repeat(20),
        ]];
        let widths = fit(
            &fonts,
            &[("Am", 0.2), ("Text", 9.8)],
            &rows,
            9.0,
            450.0,
            8.0,
        );
        let date = width(&fonts, "03.09.2015", Weight::Regular, 9.0);
        assert!(widths[0] >= date + 8.0, "{widths:?}");
        assert!(
            (widths.iter().sum::<f32>() - 450.0).abs() < 0.01,
            "{widths:?}"
        );
    }

    #[test]
    fn columns_with_room_keep_their_shares() {
        let fonts = Fonts::load().unwrap();
        let rows = vec![vec!["a".to_owned(), "b".to_owned()]];
        let widths = fit(&fonts, &[("A", 1.0), ("B", 3.0)], &rows, 9.0, 400.0, 8.0);
        assert_eq!(widths, [100.0, 300.0]);
    }
}
