//! atelier: run the workshop « Comment établir des partenariats ? » step by
//! step on one projected laptop, in French or English, and keep its notes.
//!
//! The domain modules (`programme`, `session`, `timer`, `store`, `i18n`)
//! know nothing of the terminal; `app` holds the state and its pure
//! `update`; `ui` draws it and maps keys to messages; `runtime` owns the
//! terminal and carries out the effects.

pub mod app;
pub mod board;
pub mod checklist;
pub mod cli;
pub mod export;
pub mod i18n;
pub mod plan;
pub mod programme;
pub mod runtime;
pub mod session;
pub mod store;
pub mod text;
pub mod timer;
pub mod trend;
pub mod ui;
