//! The two profiles of the catalogue, served by W3C *Content Negotiation by Profile*
//! (`Accept-Profile` / `Content-Profile`, or the `_profile` query parameter) and written as
//! separate files (`catalog.*`, `catalog-datagouv.*`).
//!
//! Why two: one graph cannot satisfy both readers. DCAT-AP 3.0.1's shapes require
//! `spdx:checksumValue` typed `xsd:hexBinary`; data.gouv.fr's harvester (udata) reads that literal
//! as Python bytes and its string field refuses them, so the whole dataset fails. And udata does
//! not harvest a `dcat:DataService` that a distribution reaches through `dcat:accessService` as a
//! data service, while DCAT-AP wants the API distribution to name its service. The DCAT-AP
//! profile stays the default (what European harvesters read). And udata harvests every node
//! typed `dcat:Dataset` as a dataset of its own, so the releases (the dataset's
//! `dcat:hasVersion`, DCAT 3 versioning) are typed `dcat:Dataset` in the DCAT-AP profile only:
//! the data.gouv.fr profile describes them the same, untyped, and harvests as one dataset. The
//! data.gouv.fr profile differs only in those three points.

/// A profile of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// DCAT-AP 3.0.1, validated against the official SHACL shapes: the default.
    DcatAp,
    /// What data.gouv.fr's DCAT harvester (udata) reads without error.
    DataGouv,
}

impl Profile {
    pub const ALL: [Profile; 2] = [Profile::DcatAp, Profile::DataGouv];

    /// The URI that identifies the profile (`Accept-Profile`, `Content-Profile`).
    pub fn uri(self) -> &'static str {
        match self {
            Profile::DcatAp => "https://semiceu.github.io/DCAT-AP/releases/3.0.1/",
            // data.gouv.fr publishes no profile URI: its guide to the DCAT harvester is the
            // closest thing to a specification of what it reads.
            Profile::DataGouv => {
                "https://guides.data.gouv.fr/guide-data.gouv.fr/moissonnage/les-differents-types-de-moissonneurs"
            }
        }
    }

    /// The token of `?_profile=`.
    pub fn token(self) -> &'static str {
        match self {
            Profile::DcatAp => "dcat-ap",
            Profile::DataGouv => "datagouv",
        }
    }

    /// The name of the catalogue files of this profile, without extension.
    pub fn file_stem(self) -> &'static str {
        match self {
            Profile::DcatAp => "catalog",
            Profile::DataGouv => "catalog-datagouv",
        }
    }

    /// `?_profile=` takes a token or a profile URI.
    pub fn from_token(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.token() == value || p.uri() == value)
    }

    /// The preferred known profile of an `Accept-Profile` header (`<uri>;q=0.5, <uri>`), by `q`
    /// then by order; `None` when it names none we serve (the default profile is then sent,
    /// as the W3C recommendation allows).
    pub fn from_accept_profile(header: &str) -> Option<Self> {
        let mut best: Option<(Self, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let uri = parts.next().unwrap_or("").trim();
            let uri = uri.trim_start_matches('<').trim_end_matches('>');
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(profile) = Self::ALL.into_iter().find(|p| p.uri() == uri)
                && q > 0.0
                && best.is_none_or(|(_, best_q)| q > best_q)
            {
                best = Some((profile, q));
            }
        }
        best.map(|(profile, _)| profile)
    }
}

#[cfg(test)]
mod tests {
    use super::Profile;

    #[test]
    fn profiles_are_chosen_by_token_or_uri() {
        assert_eq!(Profile::from_token("datagouv"), Some(Profile::DataGouv));
        assert_eq!(Profile::from_token("dcat-ap"), Some(Profile::DcatAp));
        assert_eq!(
            Profile::from_token(Profile::DataGouv.uri()),
            Some(Profile::DataGouv)
        );
        assert_eq!(Profile::from_token("ckan"), None);
    }

    #[test]
    fn accept_profile_is_read_by_q_then_order() {
        let datagouv = Profile::DataGouv.uri();
        let dcat_ap = Profile::DcatAp.uri();
        assert_eq!(
            Profile::from_accept_profile(&format!("<{datagouv}>")),
            Some(Profile::DataGouv)
        );
        assert_eq!(
            Profile::from_accept_profile(&format!("<{datagouv}>;q=0.5, <{dcat_ap}>")),
            Some(Profile::DcatAp)
        );
        assert_eq!(
            Profile::from_accept_profile(&format!("<urn:other>, <{datagouv}>;q=0.2")),
            Some(Profile::DataGouv)
        );
        assert_eq!(
            Profile::from_accept_profile(&format!("<{datagouv}>;q=0")),
            None
        );
        assert_eq!(Profile::from_accept_profile("<urn:other>"), None);
    }
}
