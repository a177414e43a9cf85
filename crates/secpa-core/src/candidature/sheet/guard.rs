//! The zip archive of a workbook checked before anything inflates it (E022): declared and
//! real sizes, compression ratio, members, and what the XML makes a reader allocate.

use std::io::{Cursor, Read};

use super::ZipLimits;
use crate::diagnostic::ZipLimit;

/// Checks a workbook's zip archive against `limits` before anything reads it. First the
/// sizes the central directory declares (nothing is inflated: a declared bomb stops here);
/// then, since a hostile archive may declare small sizes and still inflate to gigabytes,
/// each member is inflated into a counter that stops as soon as a limit is passed, so at
/// most `total_bytes` are ever inflated, never kept. Bytes that are not a readable zip are
/// left to calamine, which reports them (E020).
pub fn guard(bytes: &[u8], limits: ZipLimits) -> Result<(), ZipLimit> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > limits.members {
        return Err(ZipLimit::Members {
            count: archive.len(),
            limit: limits.members,
        });
    }
    let ratio = |member: &str, uncompressed: u64, compressed: u64| {
        if uncompressed >= limits.ratio_from_bytes
            && uncompressed / compressed.max(1) > limits.ratio
        {
            return Err(ZipLimit::Ratio {
                member: member.to_owned(),
                uncompressed,
                compressed,
                limit: limits.ratio,
            });
        }
        Ok(())
    };
    let total = |bytes: u64| {
        if bytes > limits.total_bytes {
            return Err(ZipLimit::Total {
                bytes,
                limit: limits.total_bytes,
            });
        }
        Ok(())
    };
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let Ok(member) = archive.by_index_raw(i) else {
            continue;
        };
        ratio(member.name(), member.size(), member.compressed_size())?;
        declared = declared.saturating_add(member.size());
        total(declared)?;
    }
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let Ok(mut member) = archive.by_index(i) else {
            continue;
        };
        let (name, compressed) = (member.name().to_owned(), member.compressed_size());
        let room = limits.total_bytes - inflated + 1;
        // A read error (bad CRC, broken stream) is calamine's to report: count what came.
        let mut counted = 0u64;
        let mut buffer = [0u8; 16 * 1024];
        let mut limited = (&mut member).take(room);
        while let Ok(n @ 1..) = limited.read(&mut buffer) {
            counted += n as u64;
        }
        ratio(&name, counted, compressed)?;
        inflated += counted;
        total(inflated)?;
    }
    // Within those sizes, what calamine would allocate from what the XML declares.
    for i in 0..archive.len() {
        let Ok(member) = archive.by_index(i) else {
            continue;
        };
        let name = member.name().to_owned();
        let xml = std::io::BufReader::new(member);
        if name == "xl/sharedStrings.xml" {
            bounds::shared_strings(xml, limits.shared_strings)?;
        } else if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            bounds::extent(&name, xml, limits.cells)?;
        } else if name == "content.xml" {
            bounds::repeats(&name, xml, limits.cells)?;
        }
    }
    Ok(())
}

/// What a sheet's XML makes calamine allocate, read as a stream (no member is held).
mod bounds {
    use std::io::BufRead;

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    use crate::diagnostic::ZipLimit;

    /// The last row and column a spreadsheet has.
    const ROWS: u64 = 1_048_576;
    const COLUMNS: u64 = 16_384;

    fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    }

    /// `count` and `uniqueCount` of `<sst>`: calamine reserves that many strings.
    pub fn shared_strings(xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sst" => {
                    for key in [b"count".as_slice(), b"uniqueCount"] {
                        let declared = attr(&e, key).and_then(|v| v.trim().parse::<u64>().ok());
                        if let Some(declared) = declared.filter(|d| *d > limit) {
                            return Err(ZipLimit::SharedStrings { declared, limit });
                        }
                    }
                    return Ok(());
                }
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    /// "XFD1048576" → (row, column), both from 1.
    pub fn cell(reference: &str) -> Option<(u64, u64)> {
        let letters = reference
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let (col, row) = reference.split_at(letters);
        if letters == 0 || letters > 7 {
            return None;
        }
        let column = col.bytes().try_fold(0u64, |n, b| {
            Some(n * 26 + u64::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
        })?;
        Some((row.parse().ok()?, column))
    }

    /// The rectangle from the first to the last cell of a sheet (and its `<dimension>`):
    /// refused past `limit` cells, or with a cell past the last row or column.
    pub fn extent(member: &str, xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        // (min row, max row, min column, max column) of the cells, and of the dimension.
        let mut cells: Option<(u64, u64, u64, u64)> = None;
        let check = |rows: u64, columns: u64| {
            if rows > ROWS || columns > COLUMNS || rows.saturating_mul(columns) > limit {
                return Err(ZipLimit::Extent {
                    member: member.to_owned(),
                    rows,
                    columns,
                    limit,
                });
            }
            Ok(())
        };
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                    b"dimension" => {
                        let range = attr(&e, b"ref").unwrap_or_default();
                        let mut ends = range.split(':').filter_map(cell);
                        if let (Some(a), Some(b)) = (ends.next(), ends.next()) {
                            check(b.0.abs_diff(a.0) + 1, b.1.abs_diff(a.1) + 1)?;
                        }
                    }
                    b"c" => {
                        if let Some((row, column)) = attr(&e, b"r").as_deref().and_then(cell) {
                            // Past the last row or column on its own, even when it is the
                            // only cell with a reference (the rows before it are implicit).
                            if row > ROWS || column > COLUMNS {
                                check(row, column)?;
                            }
                            let (r0, r1, c0, c1) = cells.unwrap_or((row, row, column, column));
                            let spread = (r0.min(row), r1.max(row), c0.min(column), c1.max(column));
                            check(spread.1 - spread.0 + 1, spread.3 - spread.2 + 1)?;
                            cells = Some(spread);
                        }
                    }
                    b"row" => {
                        let row = attr(&e, b"r").and_then(|r| r.trim().parse::<u64>().ok());
                        if let Some(row) = row.filter(|r| *r > ROWS) {
                            check(row, 1)?;
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    /// What an `.ods` sheet expands to in calamine, which repeats a cell
    /// `table:number-columns-repeated` times and a row `table:number-rows-repeated` times
    /// (twice: values and formulas), from its first to its last non-empty row and up to
    /// its widest non-empty cell. Empty cells and rows after the last non-empty one are
    /// not expanded: LibreOffice's trailing `number-rows-repeated="1048000"` costs nothing.
    /// Each `<table:table-row>` is also held once as written, empty cells before a
    /// non-empty one included: those count too.
    pub fn repeats(member: &str, xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let repeated = |e: &BytesStart<'_>, name: &[u8]| {
            attr(e, name)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(1)
        };
        let refuse = |rows: u64, columns: u64| ZipLimit::Extent {
            member: member.to_owned(),
            rows,
            columns,
            limit,
        };
        // Per table: rows so far (repeats counted), the first non-empty one, the widest
        // non-empty row; cells held as written. Per row: its repeats, position, width.
        let (mut rows, mut first, mut widest, mut held) = (0u64, None::<u64>, 0u64, 0u64);
        let (mut row_repeats, mut col, mut width) = (1u64, 0u64, 0u64);
        loop {
            let (e, start) = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) if e.local_name().as_ref() == b"table-row" => {
                    if width > 0 {
                        let first = *first.get_or_insert(rows);
                        widest = widest.max(width);
                        let span = (rows + row_repeats).saturating_sub(first);
                        if span.saturating_mul(widest) > limit {
                            return Err(refuse(span, widest));
                        }
                    }
                    held = held.saturating_add(width);
                    if held > limit {
                        return Err(refuse(rows + 1, width));
                    }
                    rows = rows.saturating_add(row_repeats);
                    buf.clear();
                    continue;
                }
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {
                    buf.clear();
                    continue;
                }
            };
            match e.local_name().as_ref() {
                b"table" => (rows, first, widest) = (0, None, 0),
                b"table-row" => {
                    (row_repeats, col, width) = (repeated(&e, b"number-rows-repeated"), 0, 0);
                    if !start {
                        rows = rows.saturating_add(row_repeats);
                    }
                }
                b"table-cell" | b"covered-table-cell" => {
                    let n = repeated(&e, b"number-columns-repeated");
                    col = col.saturating_add(n);
                    // A cell with content (a value, a formula, a paragraph) is expanded.
                    let valued = start
                        || attr(&e, b"value-type").is_some()
                        || attr(&e, b"formula").is_some();
                    if valued {
                        width = col;
                        if width > limit {
                            return Err(refuse(1, width));
                        }
                    }
                }
                _ => {}
            }
            buf.clear();
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn ods_repeats() {
            let ods = |body: &str| {
                format!("<office:document-content><office:body><office:spreadsheet><table:table table:name=\"F\">{body}</table:table></office:spreadsheet></office:body></office:document-content>")
            };
            // LibreOffice's own trailing repeats: nothing expanded.
            let normal = ods(
                r#"<table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
            );
            assert!(repeats("content.xml", normal.as_bytes(), 5_000_000).is_ok());
            let bomb = ods(
                r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
            );
            assert!(matches!(
                repeats("content.xml", bomb.as_bytes(), 5_000_000),
                Err(ZipLimit::Extent {
                    rows: 6000,
                    columns: 16384,
                    ..
                })
            ));
            // Empty rows between two non-empty ones are expanded.
            let gap = ods(
                r#"<table:table-row><table:table-cell table:number-columns-repeated="100"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="101"/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
            );
            assert!(repeats("content.xml", gap.as_bytes(), 5_000_000).is_err());
        }

        #[test]
        fn cell_references() {
            assert_eq!(cell("A1"), Some((1, 1)));
            assert_eq!(cell("XFD1048576"), Some((1_048_576, 16_384)));
            assert_eq!(cell("AA10"), Some((10, 27)));
            assert_eq!(cell("1"), None);
            assert_eq!(cell("A"), None);
        }

        #[test]
        fn hostile_declarations_are_refused_before_calamine() {
            let sst =
                br#"<sst xmlns="x" count="2" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
            assert!(matches!(
                shared_strings(&sst[..], 1_000_000),
                Err(ZipLimit::SharedStrings { .. })
            ));
            let fine = br#"<sst count="2" uniqueCount="2"/>"#;
            assert!(shared_strings(&fine[..], 1_000_000).is_ok());
            let far = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row></sheetData></worksheet>"#;
            assert!(matches!(
                extent("s.xml", &far[..], 5_000_000),
                Err(ZipLimit::Extent {
                    rows: 1_048_576,
                    columns: 16_384,
                    ..
                })
            ));
            let past = br#"<worksheet><sheetData><row r="9999999"><c r="A9999999"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &past[..], 5_000_000).is_err());
            // Found by the workbook fuzz target (12 s per run under libFuzzer): the only
            // referenced cell lies past the last row, its row element has no number.
            let past_alone = br#"<worksheet><sheetData><row><c t="e"><v>#DIV/0!</v></c></row><row><c r="A11004160"><v>0</v></c></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &past_alone[..], 5_000_000).is_err());
            let wide = br#"<worksheet><sheetData><row><c r="XFE1"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &wide[..], 5_000_000).is_err());
            let dim = br#"<worksheet><dimension ref="A1:XFD1048576"/></worksheet>"#;
            assert!(extent("s.xml", &dim[..], 5_000_000).is_err());
            let normal = br#"<worksheet><dimension ref="A1:AA27"/><sheetData><row r="1"><c r="A1"/><c r="AA27"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &normal[..], 5_000_000).is_ok());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of `members` (name, content), deflated.
    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in members {
            writer.start_file(*name, options).expect("start");
            std::io::Write::write_all(&mut writer, content).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    const SMALL: ZipLimits = ZipLimits {
        total_bytes: 10_000,
        ratio: 100,
        ratio_from_bytes: 1000,
        members: 3,
        shared_strings: 1000,
        cells: 1000,
        text_bytes: 10_000,
        file_bytes: 10_000,
    };

    #[test]
    fn a_workbook_within_the_limits_passes() {
        let text: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(
            guard(&zip_of(&[("a.xml", &text), ("b.xml", b"<b/>")]), SMALL),
            Ok(())
        );
        // Not a zip at all: left to calamine (E020).
        assert_eq!(guard(b"finess,nom\n", SMALL), Ok(()));
    }

    #[test]
    fn declared_sizes_over_the_limits_are_refused() {
        let zeros = vec![0u8; 9000];
        assert!(matches!(
            guard(&zip_of(&[("z.xml", &zeros)]), SMALL),
            Err(ZipLimit::Ratio { member, uncompressed: 9000, .. }) if member == "z.xml"
        ));
        let noise: Vec<u8> = (0..6000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(
            guard(&zip_of(&[("a", &noise), ("b", &noise)]), SMALL),
            Err(ZipLimit::Total {
                bytes: 12_000,
                limit: 10_000
            })
        ));
        assert!(matches!(
            guard(
                &zip_of(&[("a", b""), ("b", b""), ("c", b""), ("d", b"")]),
                SMALL
            ),
            Err(ZipLimit::Members { count: 4, limit: 3 })
        ));
    }

    /// An archive may lie: its directory declares a few bytes, its member inflates to more.
    /// The counting pass catches it, having inflated at most the limit.
    #[test]
    fn sizes_that_lie_are_caught_by_counting() {
        let noise: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let mut bytes = zip_of(&[("x.xml", &noise)]);
        let declared = 20_000u32.to_le_bytes();
        let lie = 10u32.to_le_bytes();
        // The uncompressed size, in the local header (offset 22) and the central one (24).
        let mut patched = 0;
        for at in 0..bytes.len() - 4 {
            if bytes[at..at + 4] == declared {
                bytes[at..at + 4].copy_from_slice(&lie);
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "both headers patched");
        assert!(matches!(
            guard(&bytes, SMALL),
            Err(ZipLimit::Total { bytes: 10_001, .. }) | Err(ZipLimit::Ratio { .. })
        ));
    }
}
