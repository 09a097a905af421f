//! The records of a pretty-printed JSON array, rendered by several threads a batch at a time and
//! written as `serde_json::to_writer_pretty` would write them inside the enclosing document.

use rayon::prelude::*;
use std::io;

/// Records rendered together before they are written (bounds the memory a large run's report takes).
const RECORDS_PER_BATCH: usize = 4096;

/// Writes the records of `items` (each rendered by `render` with its index, pretty-printed) as the
/// elements of a JSON array whose elements sit at `indent`: each on a new line, its own lines
/// indented by `indent`, separated by commas. The caller writes the brackets.
pub(crate) fn write_records<T: Sync>(
    out: &mut dyn io::Write,
    items: &[T],
    indent: &str,
    render: impl Fn(usize, &T) -> serde_json::Result<String> + Sync,
) -> io::Result<()> {
    let nested = format!("\n{indent}");
    for (b, batch) in items.chunks(RECORDS_PER_BATCH).enumerate() {
        let base = b * RECORDS_PER_BATCH;
        let records: Vec<String> = batch
            .par_iter()
            .enumerate()
            .map(|(i, item)| render(base + i, item).map(|text| text.replace('\n', &nested)))
            .collect::<Result<_, _>>()?;
        for (i, record) in records.iter().enumerate() {
            if base + i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(nested.as_bytes())?;
            out.write_all(record.as_bytes())?;
        }
    }
    Ok(())
}
