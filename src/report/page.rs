//! What a laid-out page holds: text already shaped, lines and filled rectangles, in points
//! from the bottom left, for `pdf::write`.

use crate::report::shaping::ShapedLine;

/// Something drawn on a page; y is the baseline (text) or the line position, from the bottom.
#[derive(Debug, Clone)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        line: ShapedLine,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// Text turned by `angle` degrees counterclockwise around its start, in a gray from 0
    /// (black) to 1 (white): a watermark.
    Slanted {
        x: f32,
        y: f32,
        size: f32,
        angle: f32,
        gray: f32,
        line: ShapedLine,
    },
    /// A filled rectangle, `gray` from 0 (black) to 1 (white).
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
}
