//! `congres-numerique`: the motions of the Congrès national des élus au numérique as open data.
//!
//! One flow: `seeds/` → [`corpus::Corpus`] (loaded and validated once) → the HTTP API and the
//! exporters, which only read it.

pub mod api;
pub mod catalog;
pub mod cli;
pub mod corpus;
pub mod diagnostics;
pub mod draft;
pub mod export;
pub mod publication;
pub mod publish;
pub mod rdf;
pub mod release;
pub mod site;
pub mod sparql;
pub mod tables;
pub mod text;
pub mod vocab;
