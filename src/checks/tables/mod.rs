//! Checks on GFM tables, one file per check; shared views of tables live beside them.

mod canonical;
pub mod copies;
mod divergent_table;
mod excerpt;

pub use divergent_table::DivergentTable;
