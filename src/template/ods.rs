//! The template as an OpenDocument spreadsheet (.ods), which rust_xlsxwriter cannot write:
//! the few XML parts LibreOffice needs, written as escaped text, zipped with `zip`
//! (`mimetype` first and stored, as OpenDocument requires).
//!
//! The poverty rate is a number shown with « % » (41,3 %), not a percentage cell, as in the
//! .xlsx template: typed 41,3 it holds 41.3.

use std::fmt::Write as _;
use std::io::Write as _;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{choices, note, readme, sample, width, Deadline, Sample, ROWS};
use super::{CANDIDATURES, EXAMPLE, README};
use crate::candidature::column::{Column, Input};
use crate::Lang;

const NAMESPACES: &str = concat!(
    r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
    r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
    r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
    r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
    r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
    r#"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
    r#"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" "#,
    r#"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" "#,
    r#"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#,
    r#"office:version="1.2""#,
);

/// Text as XML character data or an attribute value.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The cell style of a column's cells.
fn cell_style(input: &Input) -> &'static str {
    match input {
        Input::Code => "ce_code",
        Input::Date => "ce_date",
        Input::Percent => "ce_pct",
        Input::Count | Input::Year => "ce_int",
        Input::Amount => "ce_eur",
        Input::Text | Input::Choice(_) | Input::YesNo => "ce_plain",
    }
}

/// A column's letters: 0 → A, 26 → AA.
fn letters(col: usize) -> String {
    crate::candidature::letter::letter(col)
}

const STYLES: &str = r##"<office:automatic-styles>
<number:text-style style:name="N_text"><number:text-content/></number:text-style>
<number:date-style style:name="N_date"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:number-style style:name="N_pct"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text> %</number:text></number:number-style>
<number:number-style style:name="N_int"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
<number:number-style style:name="N_eur"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/><number:text> €</number:text></number:number-style>
<style:style style:name="ro_head" style:family="table-row"><style:table-row-properties style:row-height="0.9cm" style:use-optimal-row-height="false"/></style:style>
<style:style style:name="ce_head" style:family="table-cell"><style:table-cell-properties fo:background-color="#ddebf7" fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="ce_code" style:family="table-cell" style:data-style-name="N_text"/>
<style:style style:name="ce_date" style:family="table-cell" style:data-style-name="N_date"/>
<style:style style:name="ce_pct" style:family="table-cell" style:data-style-name="N_pct"/>
<style:style style:name="ce_int" style:family="table-cell" style:data-style-name="N_int"/>
<style:style style:name="ce_eur" style:family="table-cell" style:data-style-name="N_eur"/>
<style:style style:name="ce_plain" style:family="table-cell"/>
<style:style style:name="ce_bold" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="ce_wrap" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap"/></style:style>
<style:style style:name="co_head" style:family="table-column"><style:table-column-properties style:column-width="4.5cm"/></style:style>
<style:style style:name="co_text" style:family="table-column"><style:table-column-properties style:column-width="22cm"/></style:style>
"##;

fn content(lang: Lang, deadline: &Deadline) -> String {
    let mut x = String::with_capacity(256 * 1024);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = write!(x, "<office:document-content {NAMESPACES}>");
    x.push_str(STYLES);
    for (col, column) in Column::ALL.iter().enumerate() {
        // About 0.21 cm a character at the default size.
        let cm = width(*column) * 0.21;
        let _ = write!(
            x,
            r#"<style:style style:name="co{col}" style:family="table-column"><style:table-column-properties style:column-width="{cm:.2}cm"/></style:style>"#
        );
    }
    x.push_str("</office:automatic-styles><office:body><office:spreadsheet>");

    // One validation per closed list, named after its column.
    x.push_str("<table:content-validations>");
    for (col, column) in Column::ALL.iter().enumerate() {
        let Some(values) = choices(&column.input()) else {
            continue;
        };
        let list = values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(";");
        let (title, message) = match lang {
            Lang::Fr => (
                "Valeur non admise",
                format!("Choisissez dans la liste : {}", values.join(", ")),
            ),
            Lang::En => (
                "Value not accepted",
                format!("Choose from the list: {}", values.join(", ")),
            ),
        };
        let _ = write!(
            x,
            r#"<table:content-validation table:name="val{col}" table:condition="{}" table:allow-empty-cell="true" table:display-list="unsorted" table:base-cell-address="{}.{}2"><table:error-message table:title="{}" table:display="true" table:message-type="stop"><text:p>{}</text:p></table:error-message></table:content-validation>"#,
            esc(&format!("of:cell-content-is-in-list({list})")),
            esc(CANDIDATURES),
            letters(col),
            esc(title),
            esc(&message),
        );
    }
    x.push_str("</table:content-validations>");

    // « Candidatures »: the header with its notes, then rows formatted and validated.
    table_start(&mut x, CANDIDATURES);
    header(&mut x, Some(lang));
    x.push_str(&format!(
        r#"<table:table-row table:number-rows-repeated="{ROWS}">"#
    ));
    for (col, column) in Column::ALL.iter().enumerate() {
        let input = column.input();
        let validation = match choices(&input) {
            Some(_) => format!(r#" table:content-validation-name="val{col}""#),
            None => String::new(),
        };
        let _ = write!(
            x,
            r#"<table:table-cell table:style-name="{}"{validation}/>"#,
            cell_style(&input)
        );
    }
    x.push_str("</table:table-row></table:table>");

    // « Exemple »: the header and one typed row.
    table_start(&mut x, EXAMPLE);
    header(&mut x, None);
    x.push_str("<table:table-row>");
    for column in Column::ALL {
        let style = cell_style(&column.input());
        let cell = match sample(*column) {
            Sample::Text(t) => format!(
                r#"<table:table-cell table:style-name="{style}" office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                esc(t)
            ),
            Sample::Number(n) => format!(
                r#"<table:table-cell table:style-name="{style}" office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            ),
            Sample::PercentTenths(t) => {
                let value = format!("{}.{}", t / 10, t % 10);
                format!(
                    r#"<table:table-cell table:style-name="{style}" office:value-type="float" office:value="{value}"><text:p>{value} %</text:p></table:table-cell>"#
                )
            }
            Sample::Date(d) => format!(
                r#"<table:table-cell table:style-name="{style}" office:value-type="date" office:date-value="{}"><text:p>{}</text:p></table:table-cell>"#,
                d.format("%Y-%m-%d"),
                d.format("%d/%m/%Y")
            ),
            Sample::Empty => format!(r#"<table:table-cell table:style-name="{style}"/>"#),
        };
        x.push_str(&cell);
    }
    x.push_str("</table:table-row></table:table>");

    // « Lisez-moi ».
    let _ = write!(
        x,
        r#"<table:table table:name="{}"><table:table-column table:style-name="co_head"/><table:table-column table:style-name="co_text"/>"#,
        esc(README)
    );
    for (heading, text) in readme(lang, deadline) {
        let _ = write!(
            x,
            r#"<table:table-row><table:table-cell table:style-name="ce_bold" office:value-type="string"><text:p>{}</text:p></table:table-cell><table:table-cell table:style-name="ce_wrap" office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
            esc(&heading),
            esc(&text)
        );
    }
    x.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    x
}

/// A sheet's start and its columns, each with its width and its cells' format.
fn table_start(x: &mut String, name: &str) {
    let _ = write!(x, r#"<table:table table:name="{}">"#, esc(name));
    for (col, column) in Column::ALL.iter().enumerate() {
        let _ = write!(
            x,
            r#"<table:table-column table:style-name="co{col}" table:default-cell-style-name="{}"/>"#,
            cell_style(&column.input())
        );
    }
}

/// Row 1: the labels the reader recognises; with a language, each with its note.
fn header(x: &mut String, notes: Option<Lang>) {
    x.push_str(r#"<table:table-row table:style-name="ro_head">"#);
    for column in Column::ALL {
        x.push_str(r#"<table:table-cell table:style-name="ce_head" office:value-type="string">"#);
        if let Some(lang) = notes {
            let _ = write!(
                x,
                r#"<office:annotation><dc:creator>secpa</dc:creator><text:p>{}</text:p></office:annotation>"#,
                esc(&note(*column, lang))
            );
        }
        let _ = write!(
            x,
            "<text:p>{}</text:p></table:table-cell>",
            esc(column.label())
        );
    }
    x.push_str("</table:table-row>");
}

/// The view: « Candidatures » active, the header row frozen on both sheets of candidatures.
fn settings() -> String {
    let item = |name: &str, kind: &str, value: &str| {
        format!(
            r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#
        )
    };
    let mut tables = String::new();
    for name in [CANDIDATURES, EXAMPLE] {
        let _ = write!(
            tables,
            r#"<config:config-item-map-entry config:name="{}">"#,
            esc(name)
        );
        // As LibreOffice writes a sheet whose first row is frozen (« Figer la première
        // ligne »): the split below row 1, the cursor under it.
        for (key, kind, value) in [
            ("CursorPositionX", "int", "0"),
            ("CursorPositionY", "int", "1"),
            ("HorizontalSplitMode", "short", "0"),
            ("VerticalSplitMode", "short", "2"),
            ("HorizontalSplitPosition", "int", "0"),
            ("VerticalSplitPosition", "int", "1"),
            ("ActiveSplitRange", "short", "2"),
            ("PositionLeft", "int", "0"),
            ("PositionRight", "int", "0"),
            ("PositionTop", "int", "0"),
            ("PositionBottom", "int", "1"),
        ] {
            tables.push_str(&item(key, kind, value));
        }
        tables.push_str("</config:config-item-map-entry>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-settings {NAMESPACES}><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>{}<config:config-item-map-named config:name="Tables">{tables}</config:config-item-map-named>{}</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>"#,
        item("ViewId", "string", "view1"),
        item("ActiveTable", "string", &esc(CANDIDATURES)),
    )
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NAMESPACES}><office:styles/></office:document-styles>"#
    )
}

fn meta() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NAMESPACES}><office:meta><meta:generator>secpa {}</meta:generator></office:meta></office:document-meta>"#,
        env!("CARGO_PKG_VERSION")
    )
}

pub fn write(lang: Lang, deadline: &Deadline) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed date (1980-01-01): the same template gives the same bytes, and no clock is
    // read (the WebAssembly page has none).
    let options = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    let stored = options.compression_method(CompressionMethod::Stored);
    let deflated = options.compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    for (name, text) in [
        ("content.xml", content(lang, deadline)),
        ("styles.xml", styles()),
        ("settings.xml", settings()),
        ("meta.xml", meta()),
        ("META-INF/manifest.xml", MANIFEST.to_owned()),
    ] {
        zip.start_file(name, deflated)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(esc(r#"a<b & "c"'"#), "a&lt;b &amp; &quot;c&quot;&apos;");
    }
}
