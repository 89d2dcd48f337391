//! The public API, specified by its behaviour: each test starts the real application on a free
//! port and talks HTTP to it.

mod helpers;
mod raw;

mod base;
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
mod negotiation;
mod organizations;
mod people;
mod positions;
mod search;
mod sections;
mod service;
mod site;
mod sources;
mod spreadsheets;
mod themes;
