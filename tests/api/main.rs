//! The public API, specified by its behaviour: each test starts the real application on a free
//! port and talks HTTP to it.

mod helpers;

mod congresses;
mod errors;
mod exports;
mod http;
mod items;
mod linked_data;
mod motions;
mod organizations;
mod people;
mod search;
mod sections;
mod service;
mod sources;
mod themes;
