//! Bytes as text: UTF-8, with or without its byte-order mark, or UTF-16
//! with one (the mark tells the byte order). Anything else is an error that
//! says what is wrong and where. Every step is one pass over the bytes.

use super::{InputError, Place};
use std::borrow::Cow;
use std::path::Path;

/// The bytes as UTF-8: a UTF-8 byte-order mark removed, UTF-16 decoded.
pub(super) fn unmark<'a>(bytes: &'a [u8], name: &Path) -> Result<Cow<'a, [u8]>, InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Ok(Cow::Borrowed(rest))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes, name).map(|s| Cow::Owned(s.into_bytes()))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes, name).map(|s| Cow::Owned(s.into_bytes()))
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16, name: &Path) -> Result<String, InputError> {
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(body.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(e) => {
                return Err(encoding(
                    name,
                    Some(line_of(out.as_bytes(), out.len())),
                    format!(
                        "invalid UTF-16 (lone surrogate {:04X}): save the file as UTF-8",
                        e.unpaired_surrogate()
                    ),
                ))
            }
        }
    }
    if body.len() % 2 == 1 {
        return Err(encoding(
            name,
            Some(line_of(out.as_bytes(), out.len())),
            "UTF-16 file with an odd number of bytes: cut short?",
        ));
    }
    Ok(out)
}

/// An error about the encoding of a file (or one line of it).
fn encoding(name: &Path, line: Option<usize>, message: impl Into<String>) -> InputError {
    InputError::Encoding {
        at: Place::new(name, line),
        message: message.into(),
    }
}

/// The line (from 1) that byte `at` is on.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// An error when there is no text at all.
pub(super) fn not_empty(bytes: &[u8], name: &Path) -> Result<(), InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty {
            at: Place::new(name, None),
        });
    }
    Ok(())
}

/// UTF-8 text, or an error that says what is wrong and where.
pub(super) fn decode(bytes: &[u8], name: &Path) -> Result<String, InputError> {
    let bytes = unmark(bytes, name)?;
    not_empty(&bytes, name)?;
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let hint = if looks_like_utf16(&bytes) {
            ": it looks like UTF-16 without a byte-order mark; save it as UTF-8"
        } else {
            ": not an article"
        };
        return Err(encoding(
            name,
            Some(line_of(&bytes, pos)),
            format!("binary file (NUL byte){hint}"),
        ));
    }
    match String::from_utf8(bytes.into_owned()) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(encoding(
                name,
                Some(line_of(e.as_bytes(), at)),
                format!("invalid UTF-8 at byte {at}: save the file as UTF-8"),
            ))
        }
    }
}

/// One line of a JSON Lines file as text, or the error of that line alone.
pub(super) fn line<'a>(bytes: &'a [u8], name: &Path, n: usize) -> Result<&'a str, InputError> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(encoding(
            name,
            Some(n),
            format!("binary data (NUL byte) at byte {pos} of the line"),
        ));
    }
    utf8_line(bytes, Place::new(name, Some(n)))
}

/// One line's bytes as UTF-8, or the error at `at` that says where it stops
/// being UTF-8.
pub fn utf8_line(bytes: &[u8], at: Place) -> Result<&str, InputError> {
    std::str::from_utf8(bytes).map_err(|e| InputError::Encoding {
        at,
        message: format!(
            "invalid UTF-8 at byte {} of the line: save the file as UTF-8",
            e.valid_up_to()
        ),
    })
}

/// Text in UTF-16 without a mark has a zero byte in most pairs at the same
/// side (ASCII and Cyrillic alike have a zero or small high byte).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    even.max(odd) * 3 >= pairs && even.min(odd) * 10 <= pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    #[test]
    fn utf16_with_a_mark_is_decoded_either_way() {
        let le = utf16le("Астана\nqala");
        assert_eq!(decode(&le, Path::new("a.txt")).unwrap(), "Астана\nqala");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Астана".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, Path::new("a.txt")).unwrap(), "Астана");
    }

    #[test]
    fn broken_utf16_names_its_line() {
        let mut b = utf16le("a\nb");
        b.extend([0x00, 0xD8, b'x', 0]);
        let e = decode(&b, Path::new("u.txt")).unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert!(e.message().contains("UTF-16"), "{e}");
    }

    #[test]
    fn utf16_without_a_mark_is_named() {
        let b: Vec<u8> = "Hello Астана"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode(&b, Path::new("u.txt")).unwrap_err();
        assert!(e.message().starts_with("binary file (NUL byte)"), "{e}");
        assert!(e.message().contains("UTF-16"), "{e}");
    }
}
