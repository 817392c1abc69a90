//! A4 pages from headings, paragraphs, label–value rows and tables. Tables continue across
//! pages with their header repeated; headings are kept with what follows. The footer
//! ("Seite X von Y", the confidentiality line, who exported when) is added when the page
//! count is known.

use crate::report::column_widths;
use crate::report::fonts::{Fonts, Weight};
use crate::report::shaping::{shape_line, wrap};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
pub const LEFT: f32 = 25.0 * MM;
pub const RIGHT: f32 = 20.0 * MM;
const TOP: f32 = 20.0 * MM;
/// Room for the footer below the text.
const BOTTOM: f32 = 28.0 * MM;
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;

pub const BODY: f32 = 10.0;
const LEADING: f32 = 1.35;
const CELL_PAD: f32 = 3.0;

pub use crate::report::page::{Item, Page};

/// A table column: its title and its share of the text width.
pub struct Column<'a> {
    pub title: &'a str,
    pub share: f32,
}

#[derive(Clone)]
pub struct Layout<'f> {
    fonts: &'f Fonts,
    pub pages: Vec<Page>,
    /// The next baseline's top edge, from the bottom of the page.
    y: f32,
    /// (title, level, 0-based page) for the outline.
    pub bookmarks: Vec<(String, usize)>,
    /// The footer's first line: how the document is to be handled.
    marking: String,
    /// Whether the footer names who exported the document and when (not on a letter).
    shows_exporter: bool,
    /// The first page of each part counted on its own ("Seite X von Y"): letters printed
    /// together each count their own pages.
    sections: Vec<usize>,
}

/// The footer of documents that stay inside the commission.
pub const INTERNAL: &str = "Vertraulich – nur für den Dienstgebrauch der Härtefallkommission";
/// The footer of a letter that leaves the commission.
pub const OUTGOING: &str = "Enthält personenbezogene Daten – vertraulich zu behandeln";

fn line_height(size: f32) -> f32 {
    size * LEADING
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Page::default()],
            y: PAGE_HEIGHT - TOP,
            bookmarks: Vec::new(),
            marking: INTERNAL.to_owned(),
            shows_exporter: true,
            sections: vec![0],
        }
    }

    /// Replaces the footer's first line (a draft, say).
    pub fn mark(&mut self, marking: &str) {
        self.marking = marking.to_owned();
    }

    /// A letter that leaves the commission: marked as holding personal data, and without
    /// the internal line of who exported it.
    pub fn outgoing_letter(&mut self) {
        self.marking = OUTGOING.to_owned();
        self.shows_exporter = false;
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = PAGE_HEIGHT - TOP;
    }

    /// Starts a part on a new page whose pages are counted on their own.
    pub fn new_section(&mut self) {
        self.new_page();
        self.sections.push(self.pages.len() - 1);
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y -= height;
    }

    /// Marks the current page for the outline.
    pub fn bookmark(&mut self, title: &str) {
        let page = self.pages.len() - 1;
        self.bookmarks.push((title.to_owned(), page));
    }

    /// Draws one already-wrapped line at `x` with its top at the cursor, without moving it.
    fn put(&mut self, x: f32, top: f32, text: &str, weight: Weight, size: f32) {
        let line = shape_line(self.fonts, text, weight, size);
        self.page().items.push(Item::Text {
            x,
            y: top - size,
            size,
            line,
        });
    }

    /// Text right-aligned at `right`.
    pub fn put_right(&mut self, right: f32, top: f32, text: &str, weight: Weight, size: f32) {
        let line = shape_line(self.fonts, text, weight, size);
        let x = right - line.width;
        self.page().items.push(Item::Text {
            x,
            y: top - size,
            size,
            line,
        });
    }

    /// Something drawn at a fixed place on the current page (a chart's bars and lines).
    pub fn draw(&mut self, item: Item) {
        self.page().items.push(item);
    }

    /// Text at a fixed place on the current page (letters: address field, date line).
    pub fn put_at(&mut self, x: f32, top: f32, text: &str, weight: Weight, size: f32) {
        self.put(x, top, text, weight, size);
    }

    pub fn cursor(&self) -> f32 {
        self.y
    }

    pub fn set_cursor(&mut self, y: f32) {
        self.y = y;
    }

    /// A wrapped paragraph across the text width, page breaks between lines.
    pub fn paragraph(&mut self, text: &str, weight: Weight, size: f32) {
        self.paragraph_at(LEFT, TEXT_WIDTH, text, weight, size);
    }

    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, weight: Weight, size: f32) {
        for line in wrap(self.fonts, text, weight, size, width) {
            self.ensure(line_height(size));
            let top = self.y;
            self.put(x, top, &line, weight, size);
            self.y -= line_height(size);
        }
    }

    /// A heading, kept together with at least three lines of what follows.
    pub fn heading(&mut self, text: &str, size: f32) {
        self.ensure(line_height(size) + 4.0 * line_height(BODY) + 6.0);
        self.space(4.0);
        self.paragraph(text, Weight::Bold, size);
        self.space(2.0);
    }

    /// Lines to sign on, side by side, each with its caption below ("Vorsitz").
    pub fn signature_lines(&mut self, captions: &[&str]) {
        let gap = 12.0 * MM;
        let count = captions.len().max(1) as f32;
        let width = (TEXT_WIDTH - gap * (count - 1.0)) / count;
        self.ensure(40.0 + 2.0 * line_height(BODY));
        self.space(36.0);
        let y = self.y;
        for (i, caption) in captions.iter().enumerate() {
            let x = LEFT + i as f32 * (width + gap);
            self.page().items.push(Item::Rule {
                x1: x,
                y1: y,
                x2: x + width,
                y2: y,
                width: 0.5,
            });
            self.put(x, y - 3.0, caption, Weight::Regular, BODY - 1.0);
        }
        self.y = y - 3.0 - line_height(BODY);
    }

    /// A thin line across the text width.
    pub fn rule(&mut self) {
        let y = self.y - 2.0;
        self.page().items.push(Item::Rule {
            x1: LEFT,
            y1: y,
            x2: LEFT + TEXT_WIDTH,
            y2: y,
            width: 0.5,
        });
        self.y -= 6.0;
    }

    /// "Label: value" with the label in a column of its own and the value wrapping beside it.
    pub fn field(&mut self, label: &str, value: &str) {
        let label_width = 48.0 * MM;
        let gap = 3.0 * MM;
        let labels = wrap(self.fonts, label, Weight::Bold, BODY, label_width - gap);
        let values = wrap(
            self.fonts,
            value,
            Weight::Regular,
            BODY,
            TEXT_WIDTH - label_width,
        );
        self.ensure(labels.len().min(3) as f32 * line_height(BODY));
        for i in 0..labels.len().max(values.len()) {
            if i > 0 {
                self.ensure(line_height(BODY));
            }
            let top = self.y;
            if let Some(label) = labels.get(i) {
                self.put(LEFT, top, label, Weight::Bold, BODY);
            }
            if let Some(value) = values.get(i) {
                self.put(LEFT + label_width, top, value, Weight::Regular, BODY);
            }
            self.y -= line_height(BODY);
        }
    }

    fn table_header(&mut self, columns: &[Column<'_>], widths: &[f32]) {
        let cells: Vec<Vec<String>> = columns
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                wrap(
                    self.fonts,
                    c.title,
                    Weight::Bold,
                    BODY - 1.0,
                    w - 2.0 * CELL_PAD,
                )
            })
            .collect();
        self.row(&cells, widths, Weight::Bold, true);
    }

    fn row(&mut self, cells: &[Vec<String>], widths: &[f32], weight: Weight, shaded: bool) {
        let size = BODY - 1.0;
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * line_height(size) + 2.0 * CELL_PAD;
        let top = self.y;
        if shaded {
            self.page().items.push(Item::Shade {
                x: LEFT,
                y: top - height,
                w: TEXT_WIDTH,
                h: height,
                gray: 0.92,
            });
        }
        let mut x = LEFT;
        for (cell, w) in cells.iter().zip(widths) {
            for (i, line) in cell.iter().enumerate() {
                let line_top = top - CELL_PAD - i as f32 * line_height(size);
                self.put(x + CELL_PAD, line_top, line, weight, size);
            }
            x += w;
        }
        let y = top - height;
        self.page().items.push(Item::Rule {
            x1: LEFT,
            y1: y,
            x2: LEFT + TEXT_WIDTH,
            y2: y,
            width: 0.4,
        });
        self.y = y;
    }

    /// A table whose rows wrap inside their cells; on a new page the header comes again.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) {
        let size = BODY - 1.0;
        let shares: Vec<(&str, f32)> = columns.iter().map(|c| (c.title, c.share)).collect();
        let widths =
            column_widths::fit(self.fonts, &shares, rows, size, TEXT_WIDTH, 2.0 * CELL_PAD);
        self.ensure(4.0 * line_height(size) + 4.0 * CELL_PAD);
        self.table_header(columns, &widths);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(text, w)| wrap(self.fonts, text, Weight::Regular, size, w - 2.0 * CELL_PAD))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * line_height(size) + 2.0 * CELL_PAD;
            if self.y - height < BOTTOM {
                self.new_page();
                self.table_header(columns, &widths);
            }
            self.row(&cells, &widths, Weight::Regular, false);
        }
        self.space(6.0);
    }

    /// Adds the footer to every page: the confidentiality line and the state of the audit
    /// history ("Prüfkette: Eintrag N, 9f3a1c2e", which anchors the history on paper), who
    /// exported when, and "Seite X von Y". A letter that leaves shows neither the exporter
    /// nor the history, and its page count only when it runs over a page.
    pub fn finish(mut self, footer_left: &str, chain: &str) -> (Vec<Page>, Vec<(String, usize)>) {
        let total = self.pages.len();
        let y = BOTTOM - 10.0 * MM;
        // The same two lines on every page: shaped once.
        let confidential = shape_line(self.fonts, &self.marking, Weight::Bold, 8.0);
        let who = shape_line(
            self.fonts,
            if self.shows_exporter { footer_left } else { "" },
            Weight::Regular,
            8.0,
        );
        let chain = shape_line(
            self.fonts,
            if self.shows_exporter { chain } else { "" },
            Weight::Regular,
            8.0,
        );
        for n in 0..total {
            let part = self.sections.iter().rposition(|&s| s <= n).unwrap_or(0);
            let first = self.sections[part];
            let count = self.sections.get(part + 1).copied().unwrap_or(total) - first;
            let page_no = shape_line(
                self.fonts,
                &format!("Seite {} von {count}", n - first + 1),
                Weight::Regular,
                8.0,
            );
            let page = &mut self.pages[n];
            page.items.push(Item::Rule {
                x1: LEFT,
                y1: y + 12.0,
                x2: LEFT + TEXT_WIDTH,
                y2: y + 12.0,
                width: 0.4,
            });
            page.items.push(Item::Text {
                x: LEFT,
                y,
                size: 8.0,
                line: confidential.clone(),
            });
            page.items.push(Item::Text {
                x: LEFT + TEXT_WIDTH - chain.width,
                y,
                size: 8.0,
                line: chain.clone(),
            });
            page.items.push(Item::Text {
                x: LEFT,
                y: y - 11.0,
                size: 8.0,
                line: who.clone(),
            });
            // A letter counts its pages only when it runs over one.
            if !self.shows_exporter && count == 1 {
                continue;
            }
            let x = LEFT + TEXT_WIDTH - page_no.width;
            page.items.push(Item::Text {
                x,
                y: y - 11.0,
                size: 8.0,
                line: page_no,
            });
        }
        (self.pages, self.bookmarks)
    }
}
