//! The public API, specified by its behaviour: each test starts the real application on a free
//! port and talks HTTP to it.

mod helpers;
mod raw;

mod congresses;
mod connections;
mod documents;
mod errors;
mod exports;
mod hostile;
mod http;
mod hygiene;
mod items;
mod linked_data;
mod motions;
mod organizations;
mod people;
mod positions;
mod search;
mod sections;
mod service;
mod sources;
mod themes;
