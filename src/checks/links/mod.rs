//! The links family: `broken-link` and the pieces it is built from (target classification, the site
//! index, redirects, syntax defects and cross-page comparisons).

mod broken_link;
mod cache;
mod cross;
mod fetch;
mod online;
mod options;
pub mod own_site;
mod paths;
pub mod redirects;
mod remnants;
mod resolve;
mod site;
mod syntax;
mod target;

pub use broken_link::BrokenLink;
pub use online::wanted as online_wanted;
pub use options::LinkOptions;
pub use own_site::SiteUrl;
pub use redirects::{Redirects, RedirectsError};
pub(crate) use target::percent_decode_bytes;
