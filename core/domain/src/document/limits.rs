//! The limits every read of a document is held to, checked while reading, so that a document
//! written by an attacker (a map nested thousands of levels deep, a 10 MB address, a million
//! list items) is refused before it is turned into a tree, on the county and on the phone alike.
//!
//! The values follow the schema with a wide margin. The deepest path any content type writes is
//! five levels below the root (`members.<id>.health.disability.kind`, a tier's
//! `amount.dibao_multiple.tenths`, a case event's `meeting.participants.<n>`); the longest text a
//! form accepts is 1,000 characters (an emergency's description, at most 4,000 bytes of UTF-8);
//! the largest collections are a household's photos and visit tasks and a case's events, a few
//! hundred after years of work; a household with 500 photos reads to about 300 KB.

/// The deepest nesting of maps and lists below the root (the schema uses 5).
pub const MAX_DEPTH: usize = 16;
/// The longest string or map key, in bytes (the longest form text is 4,000 bytes).
pub const MAX_STRING_BYTES: usize = 16 * 1024;
/// The most items one map or list may hold (the largest hold a few hundred).
pub const MAX_ITEMS: usize = 4096;
/// The most content one document may read to, in bytes: every key and string counted by its
/// length, every other value and every map or list as 8 (a busy household reads to ~300 KB).
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// Which limit a document broke. Names the limit, never the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Limit {
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("nested deeper than {MAX_DEPTH} levels")]
    Depth,
    /// A string or key longer than [`MAX_STRING_BYTES`].
    #[error("a text longer than {MAX_STRING_BYTES} bytes")]
    StringBytes,
    /// A map or list with more than [`MAX_ITEMS`] items.
    #[error("a map or list of more than {MAX_ITEMS} items")]
    Items,
    /// More content than [`MAX_DOCUMENT_BYTES`].
    #[error("content larger than {MAX_DOCUMENT_BYTES} bytes")]
    DocumentBytes,
}

impl Limit {
    /// Stable code of the limit, for logs and support.
    pub fn code(self) -> &'static str {
        match self {
            Limit::Depth => "max_depth",
            Limit::StringBytes => "max_string_bytes",
            Limit::Items => "max_items",
            Limit::DocumentBytes => "max_document_bytes",
        }
    }
}

/// What is left of the limits while one document is read.
#[derive(Debug)]
pub struct Budget {
    bytes: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

impl Budget {
    /// A full budget for one document.
    pub fn new() -> Self {
        Budget {
            bytes: MAX_DOCUMENT_BYTES,
        }
    }

    /// Enters an object at `depth` (the root's children are at depth 1) holding `items`.
    pub fn object(&mut self, depth: usize, items: usize) -> Result<(), Limit> {
        if depth > MAX_DEPTH {
            return Err(Limit::Depth);
        }
        if items > MAX_ITEMS {
            return Err(Limit::Items);
        }
        self.spend(8)
    }

    /// Counts a string or key of `len` bytes.
    pub fn string(&mut self, len: usize) -> Result<(), Limit> {
        if len > MAX_STRING_BYTES {
            return Err(Limit::StringBytes);
        }
        self.spend(len)
    }

    /// Counts a scalar other than a string.
    pub fn scalar(&mut self) -> Result<(), Limit> {
        self.spend(8)
    }

    fn spend(&mut self, n: usize) -> Result<(), Limit> {
        self.bytes = self.bytes.checked_sub(n).ok_or(Limit::DocumentBytes)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_below_the_deepest_level_is_refused() {
        let mut b = Budget::new();
        assert_eq!(b.object(MAX_DEPTH, 1), Ok(()));
        assert_eq!(b.object(MAX_DEPTH + 1, 1), Err(Limit::Depth));
    }

    #[test]
    fn too_many_items_and_too_long_strings_are_refused() {
        let mut b = Budget::new();
        assert_eq!(b.object(1, MAX_ITEMS + 1), Err(Limit::Items));
        assert_eq!(b.string(MAX_STRING_BYTES + 1), Err(Limit::StringBytes));
        assert_eq!(b.string(MAX_STRING_BYTES), Ok(()));
    }

    #[test]
    fn the_document_budget_runs_out() {
        let mut b = Budget::new();
        let mut result = Ok(());
        for _ in 0..=MAX_DOCUMENT_BYTES / MAX_STRING_BYTES {
            result = b.string(MAX_STRING_BYTES);
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result, Err(Limit::DocumentBytes));
    }

    #[test]
    fn the_message_names_the_limit_and_its_value() {
        assert_eq!(Limit::Depth.to_string(), "nested deeper than 16 levels");
        assert_eq!(Limit::Items.code(), "max_items");
    }
}
