//! Fact-level provenance: every fact that is not a text quoted from its row's own source (a
//! date, a rank, a year, a place, a link to an organisation, a list of partners) names the
//! source that states it, how (`printed` or `inferred`) and the source's words, checked
//! verbatim against that source like every other text. A fact without one is an error at the
//! fact's position; so is a provenance for a fact that is not there.

use super::{Loader, Refs};
use crate::corpus::codes::ProvenanceKind;
use crate::corpus::model::{Provenance, SourceId};
use crate::corpus::raw::{RawProvenance, S};
use crate::diagnostics::SourceFile;

/// Where a fact is in its seed file, and where its provenance goes.
pub(super) struct FactAt<'a> {
    /// The fact's field as written in the seed file (`congress.start_date`).
    pub field: &'a str,
    /// The offset of the fact's value, `None` when the fact is not there.
    pub value_at: Option<usize>,
    /// Where its provenance is written (`[congress.provenance.start_date]`), for the message.
    pub provenance_key: &'a str,
}

impl Loader {
    /// The provenance of one fact (see the module documentation); `None` when there is no fact
    /// or its provenance is missing or wrong (each reported).
    pub(super) fn fact_provenance(
        &mut self,
        file: &SourceFile,
        at: FactAt<'_>,
        raw: Option<&S<RawProvenance>>,
        refs: &Refs,
    ) -> Option<Provenance> {
        match (at.value_at, raw) {
            (None, None) => None,
            (Some(offset), None) => {
                self.diags.at(
                    file,
                    offset,
                    format!(
                        "{}: no source for this fact (add {} with source, kind and quote: every fact cites the source that states it)",
                        at.field, at.provenance_key
                    ),
                );
                None
            }
            (None, Some(raw)) => {
                self.diags.at(
                    file,
                    raw.span().start,
                    format!(
                        "{}: a provenance for {}, which is not given",
                        at.provenance_key, at.field
                    ),
                );
                None
            }
            (Some(_), Some(raw)) => self.provenance(file, at.provenance_key, raw, refs),
        }
    }

    /// Checks one `{ source, kind, quote, reasoning }`: a known source, a known kind, the quote
    /// verbatim in that source, and a reasoning exactly when the fact is inferred.
    pub(super) fn provenance(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &S<RawProvenance>,
        refs: &Refs,
    ) -> Option<Provenance> {
        let raw = raw.get_ref();
        let source_ok = self.source_ref(file, &format!("{field}.source"), &raw.source, refs, None);
        let source = SourceId::new(raw.source.get_ref().clone());
        let kind = self.code(
            file,
            &format!("{field}.kind"),
            &raw.kind,
            ProvenanceKind::parse,
            ProvenanceKind::expected,
        );
        // Checked against the cited source only when it exists: an unknown source is already
        // reported, its quote would be reported a second time.
        let quote = if source_ok {
            self.citation(file, &format!("{field}.quote"), &raw.quote, &source)
        } else {
            self.text(file, &format!("{field}.quote"), &raw.quote)
        };
        let reasoning = raw
            .reasoning
            .as_ref()
            .map(|r| (r, self.text(file, &format!("{field}.reasoning"), r)));
        match (kind, &reasoning) {
            (Some(ProvenanceKind::Inferred), None) => {
                self.diags.at(
                    file,
                    raw.kind.span().start,
                    format!("{field}.reasoning: an inferred fact needs its reasoning (why the quoted words imply it)"),
                );
                return None;
            }
            (Some(ProvenanceKind::Printed), Some((at, _))) => {
                self.diags.at(
                    file,
                    at.span().start,
                    format!("{field}.reasoning: a printed fact is stated by its quote; only an inferred one has a reasoning"),
                );
                return None;
            }
            _ => {}
        }
        Some(Provenance {
            source,
            kind: kind?,
            quote,
            reasoning: reasoning.map(|(_, text)| text),
        })
        .filter(|_| source_ok)
    }
}
