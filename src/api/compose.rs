//! Nested JSON documents (a motion with its sections and items, a theme with its rows…)
//! assembled from the rows rendered once at start-up, without building a tree.
//!
//! Each document is composed once (`super::response_cache` keeps the answer); composing from
//! the rows' bytes keeps that first answer and the service's memory small.
//!
//! The output is what `serde_json::to_vec` writes for the document types of `super::views`
//! (compact, a row's own members first where the type flattens it): a test re-serialises every
//! document of the corpus and compares the bytes.

use serde::Serialize;

use super::state::TableView;

#[derive(Clone, Copy, PartialEq)]
enum Container {
    Object { first: bool },
    Array { first: bool },
}

/// A JSON document being written.
pub struct Composer {
    body: Vec<u8>,
    open: Vec<Container>,
}

impl Default for Composer {
    fn default() -> Self {
        Self::new()
    }
}

impl Composer {
    pub fn new() -> Self {
        Composer {
            body: Vec::with_capacity(4096),
            open: Vec::new(),
        }
    }

    fn literal(&mut self, bytes: &[u8]) {
        self.body.extend_from_slice(bytes);
    }

    /// Before a value: a comma if it is an array element after the first. (In an object, the
    /// value follows its key, which has its own comma.)
    fn before_value(&mut self) {
        if let Some(Container::Array { first }) = self.open.last_mut() {
            if !*first {
                self.body.push(b',');
            }
            *first = false;
        }
    }

    /// The key of the next member of the innermost object. Keys are the field names of the
    /// document types: plain ASCII, written as they are.
    pub fn key(&mut self, key: &str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        let comma = match self.open.last_mut() {
            Some(Container::Object { first }) => !std::mem::replace(first, false),
            _ => false,
        };
        if comma {
            self.literal(b",");
        }
        self.literal(b"\"");
        self.literal(key.as_bytes());
        self.literal(b"\":");
    }

    /// Opens an object whose first members are those of row `i` of `view`: the row flattened
    /// into the document, as `#[serde(flatten)]` writes it.
    pub fn open_row(&mut self, view: &TableView, i: usize) {
        self.before_value();
        let row = view.row_json(i);
        // A row is `{…}` with at least its id: keep its members, leave the object open.
        debug_assert!(row.len() > 2 && row.ends_with(b"}"));
        self.body.extend_from_slice(&row[..row.len() - 1]);
        self.open.push(Container::Object { first: false });
    }

    /// Row `i` of `view`, whole.
    pub fn row(&mut self, view: &TableView, i: usize) {
        self.before_value();
        self.body.extend_from_slice(view.row_json(i));
    }

    /// An array of the rows at `positions` of `view`.
    pub fn rows(&mut self, view: &TableView, positions: impl IntoIterator<Item = usize>) {
        self.open_array();
        for i in positions {
            self.row(view, i);
        }
        self.close_array();
    }

    /// Any other value, serialised as `serde_json` does.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
        self.before_value();
        serde_json::to_writer(&mut self.body, value)
    }

    /// Opens an object with no member yet.
    pub fn open(&mut self) {
        self.before_value();
        self.literal(b"{");
        self.open.push(Container::Object { first: true });
    }

    /// Opens an array.
    pub fn open_array(&mut self) {
        self.before_value();
        self.literal(b"[");
        self.open.push(Container::Array { first: true });
    }

    /// Closes the innermost object.
    pub fn close(&mut self) {
        debug_assert!(matches!(self.open.last(), Some(Container::Object { .. })));
        self.open.pop();
        self.literal(b"}");
    }

    /// Closes the innermost array.
    pub fn close_array(&mut self) {
        debug_assert!(matches!(self.open.last(), Some(Container::Array { .. })));
        self.open.pop();
        self.literal(b"]");
    }

    /// The document.
    pub fn finish(self) -> Vec<u8> {
        debug_assert!(self.open.is_empty(), "every container is closed");
        self.body
    }
}
