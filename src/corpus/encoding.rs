//! Text in UTF-16 with a byte order mark (as Windows tools write it): decoded to UTF-8 with a
//! map from every character back to its bytes in the file.

use super::OffsetMap;

/// `None` when the bytes do not start with a UTF-16 byte order mark; otherwise the decoded
/// text (without the mark) and its offset map, or the byte offset of the first bad unit.
pub fn decode_utf16(bytes: &[u8]) -> Option<Result<(String, OffsetMap), usize>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    // "FF FE 00 00" is UTF-32 LE; not read here.
    if little && bytes.get(2..4) == Some(&[0, 0]) {
        return None;
    }
    let body = &bytes[2..];
    if body.len() % 2 == 1 {
        return Some(Err(bytes.len() - 1));
    }
    let units = body.chunks_exact(2).map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    let mut text = String::with_capacity(body.len() / 2 + 16);
    let mut segments = Vec::with_capacity(body.len() / 2 + 1);
    let mut at = 2usize;
    for c in char::decode_utf16(units) {
        let Ok(c) = c else { return Some(Err(at)) };
        segments.push((text.len(), at));
        text.push(c);
        at += 2 * c.len_utf16();
    }
    // End offsets (exclusive) of the last character map to the end of the file.
    segments.push((text.len(), at));
    Some(Ok((text, OffsetMap { segments })))
}

/// `outer` after `inner`, at every character boundary of `text` (the article's text).
pub fn compose(text: &str, inner: &OffsetMap, outer: &OffsetMap) -> OffsetMap {
    let mut segments: Vec<(usize, usize)> = text.char_indices().map(|(p, _)| (p, outer.to_file(inner.to_file(p)))).collect();
    segments.push((text.len(), outer.to_file(inner.to_file(text.len()))));
    OffsetMap { segments }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        b
    }

    #[test]
    fn utf16_text_maps_back_to_file_bytes() {
        let bytes = utf16le("Aid of €90 billion 😀 ok");
        let (text, map) = decode_utf16(&bytes).unwrap().unwrap();
        assert_eq!(text, "Aid of €90 billion 😀 ok");
        let at = text.find("90").unwrap();
        // "Aid of €" is 8 UTF-16 units after the 2-byte mark.
        assert_eq!(map.to_file(at), 2 + 2 * 8);
        let ok = text.find("ok").unwrap();
        // The emoji is two units.
        assert_eq!(map.to_file(ok), 2 + 2 * ("Aid of €90 billion ".encode_utf16().count() + 3));
        assert_eq!(map.to_file(text.len()), bytes.len());
        let mut be = vec![0xFE, 0xFF];
        be.extend("12%".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_utf16(&be).unwrap().unwrap().0, "12%");
    }

    #[test]
    fn bad_utf16_is_an_error_with_its_offset() {
        let mut b = utf16le("ab");
        b.extend([0x00, 0xD8, 0x41, 0x00]); // lone high surrogate, then 'A'
        assert_eq!(decode_utf16(&b).unwrap().unwrap_err(), 6);
        assert_eq!(decode_utf16(&[0xFF, 0xFE, 0x41]).unwrap().unwrap_err(), 2);
        assert!(decode_utf16(b"plain").is_none());
    }
}
