//! Identifiers (mã) of meetings and members, kept in one text buffer per record kind.
//!
//! At national size a dataset holds millions of meeting and member ids. One allocation per id
//! would cost more than the ids themselves, and every finding that names a meeting would copy
//! its id again. Instead the dataset appends each id to a shared buffer and keeps its place
//! ([`Text`]); a finding names a meeting or member with an [`Id`], which shares the buffer.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;

/// A meeting's or member's id as the records gave it (mã buổi sinh hoạt, mã đảng viên).
///
/// Reads as a `str` (it dereferences to one); cloning it copies no text. Compares, orders and
/// serializes as its text.
#[derive(Clone)]
pub struct Id {
    text: Arc<String>,
    start: u32,
    len: u32,
}

impl Id {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        self.text
            .get(start..start.saturating_add(self.len as usize))
            .unwrap_or_default()
    }
}

impl std::ops::Deref for Id {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        let mut texts = Texts::default();
        match texts.push(s) {
            Some(t) => texts.id(t),
            None => Id::from(""),
        }
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id::from(s.as_str())
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Id {}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        String::deserialize(deserializer).map(Id::from)
    }
}

/// Where a text lies in its [`Texts`] buffer. The start is kept plus one, never zero, so that
/// an `Option<Text>` (a member's name) takes no more room than a `Text`: eight bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Text {
    /// The start plus one.
    after: NonZeroU32,
    len: u32,
}

impl Text {
    fn start(self) -> u32 {
        self.after.get().saturating_sub(1)
    }
}

impl Default for Text {
    /// The empty text at the start.
    fn default() -> Text {
        Text {
            after: NonZeroU32::MIN,
            len: 0,
        }
    }
}

/// A buffer texts are appended to, each kept as a [`Text`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    buffer: Arc<String>,
}

impl Texts {
    /// Appends `s`; `None` when the buffer would pass 4 GiB, the most a [`Text`] can point
    /// into (a text starting at 4 GiB less one byte counts as passing it), or when ids were
    /// already handed out from it.
    pub(crate) fn push(&mut self, s: &str) -> Option<Text> {
        let buffer = Arc::get_mut(&mut self.buffer)?;
        let start = u32::try_from(buffer.len()).ok()?;
        let after = NonZeroU32::new(start.checked_add(1)?)?;
        let len = u32::try_from(s.len()).ok()?;
        start.checked_add(len)?;
        buffer.push_str(s);
        Some(Text { after, len })
    }

    /// The text at `t`.
    pub(crate) fn get(&self, t: Text) -> &str {
        let start = t.start() as usize;
        self.buffer
            .get(start..start.saturating_add(t.len as usize))
            .unwrap_or_default()
    }

    /// The text at `t` as an [`Id`] sharing the buffer.
    pub(crate) fn id(&self, t: Text) -> Id {
        Id {
            text: Arc::clone(&self.buffer),
            start: t.start(),
            len: t.len,
        }
    }

    /// Frees the spare capacity left by growing.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Some(b) = Arc::get_mut(&mut self.buffer) {
            b.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_keep_their_place() {
        assert_eq!(std::mem::size_of::<Option<Text>>(), 8);
        let mut texts = Texts::default();
        let a = texts.push("dv-1");
        let empty = texts.push("");
        let b = texts.push("Nguyễn Văn A");
        assert_eq!(a.map(|t| texts.get(t)), Some("dv-1"));
        assert_eq!(empty.map(|t| texts.get(t)), Some(""));
        assert_eq!(b.map(|t| texts.get(t)), Some("Nguyễn Văn A"));
        assert_eq!(
            b.map(|t| texts.id(t).to_string()),
            Some("Nguyễn Văn A".into())
        );
        assert_eq!(texts.get(Text::default()), "");
    }
}
