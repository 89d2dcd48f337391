//! Messages for TOML syntax and shape errors, and the line ranges of `[[sources.omitted]]`.

/// A TOML syntax or shape error, prefixed with the field it concerns (`sections[2].position`)
/// when the position tells, and with Rust type names put in words.
pub(super) fn shape_error_message(text: &str, offset: usize, message: &str) -> String {
    let message = message.trim().replace('\n', " ");
    let message = ["u8", "u16", "u32", "i64"].iter().fold(message, |m, t| {
        m.replace(&format!("expected {t}"), "expected a whole number")
    });
    match field_path_at(text, offset) {
        Some(path) => format!("{path}: {message}"),
        None => message,
    }
}

/// The dotted path of the value at `offset`: the last table header before it (with the index of
/// an array-of-tables entry) and the keys on its line (`contributions.count` in an inline table).
pub(super) fn field_path_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A "missing field" error points at the table's own header line: include that line.
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let headers_end = if text[line_start..line_end].trim_start().starts_with('[') {
        line_end
    } else {
        line_start
    };
    let mut path = Vec::new();
    let header = text[..headers_end]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'));
    if let Some(header) = header {
        let name = header.trim_matches(|c| c == '[' || c == ']').trim();
        if header.starts_with("[[") {
            let marker = format!("[[{name}]]");
            let index = text[..headers_end]
                .lines()
                .filter(|l| l.trim() == marker)
                .count()
                .saturating_sub(1);
            path.push(format!("{name}[{index}]"));
        } else {
            path.push(name.to_string());
        }
    }
    // Keys on the line: `a = { b = ` gives a.b; the value at offset follows the last `=`.
    let line = if headers_end == line_end {
        ""
    } else {
        &before[line_start..]
    };
    for segment in line.split('{') {
        if let Some((key, _)) = segment.rsplit_once('=') {
            let key = key.rsplit(',').next().unwrap_or(key).trim();
            if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            {
                path.push(key.to_string());
            }
        }
    }
    (!path.is_empty()).then(|| path.join("."))
}

pub(super) fn parse_line_range(text: &str) -> Option<(u32, u32)> {
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let n = text.trim().parse().ok()?;
            (n, n)
        }
    };
    (first >= 1 && first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::parse_line_range;

    #[test]
    fn shape_errors_name_the_field_they_concern() {
        let text = "[congress]\nordinal = \"3\"\n\n[[sections]]\nx = 1\n\n[[sections]]\nc = { count = \"a\" }\n";
        let ordinal = text.find("\"3\"").unwrap();
        assert_eq!(
            super::shape_error_message(text, ordinal, "invalid type: string \"3\", expected u8"),
            "congress.ordinal: invalid type: string \"3\", expected a whole number"
        );
        let count = text.find("\"a\"").unwrap();
        assert_eq!(
            super::field_path_at(text, count).as_deref(),
            Some("sections[1].c.count")
        );
    }

    #[test]
    fn line_ranges_are_single_lines_or_inclusive_spans() {
        assert_eq!(parse_line_range("12"), Some((12, 12)));
        assert_eq!(parse_line_range("5-17"), Some((5, 17)));
        assert_eq!(parse_line_range("17-5"), None);
        assert_eq!(parse_line_range("0"), None);
        assert_eq!(parse_line_range("a-b"), None);
    }
}
