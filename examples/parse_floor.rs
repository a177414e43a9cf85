//! The parsing floor for `scripts/bench.sh`: what reading a candidature file with the csv
//! crate costs and nothing else (no decoding, no typing, no computation, no output), so that
//! the benchmark can tell secpa's own work from the parsing every CSV tool pays.
//! Usage: cargo run --release --example parse_floor -- FILE

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_floor FILE")?;
    let file: Box<dyn Read> = Box::new(std::fs::File::open(path)?);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        bytes += record.as_slice().len() as u64;
    }
    println!("{rows} rows, {bytes} bytes of cells");
    Ok(())
}
