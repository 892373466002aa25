//! atelier: run the workshop « Comment établir des partenariats ? » step by
//! step on one projected laptop, in French or English, and keep its notes.
//!
//! The domain modules (`programme`, `steps`, `session`, `i18n`, `agenda`,
//! `trend`) know nothing of files or the terminal; `workshop`, `store` and
//! `export` read and write files; `app` holds the state and its pure
//! `update`; `ui` draws it and maps the app's keys to messages; `runtime`
//! owns the terminal, turns its events into the app's keys and carries out
//! the effects. Each imports only from the layers below it
//! (docs/ARCHITECTURE.md, held by `tests/architecture.rs`).

pub mod agenda;
pub mod app;
pub mod built_in;
pub mod cli;
pub mod export;
pub mod fluent_refs;
pub mod i18n;
pub mod listing;
pub mod pace;
pub mod programme;
pub mod room;
pub mod runtime;
pub mod session;
pub mod steps;
pub mod store;
pub mod text;
pub mod timer;
pub mod timing;
pub mod trend;
pub mod ui;
pub mod wall;
pub mod workshop;
