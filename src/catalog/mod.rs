//! The DCAT-AP 3.0.1 catalogue of the publication, and the same metadata as data.gouv.fr's API
//! expects it (`datagouv`).
//!
//! Built from the publication metadata (`seeds/publication.toml`), the corpus (temporal coverage,
//! themes) and the list of published files (sizes, checksums, schemas). Everything a harvester
//! matches on is stable: the dataset's literal `dct:identifier`, distribution IRIs derived from
//! file paths, download URLs under `{base}/exports/`.

pub mod datagouv;
mod formats;
mod profile;

use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

pub use formats::FileFormat;
pub use profile::Profile;

use crate::corpus::Corpus;
use crate::publication::Publication;
use crate::vocab::{ADMS, DCAT, DCT, FOAF, RDF, SKOS, SPDX, VCARD, XSD};

/// One file of `exports/` as the catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFile {
    /// Path relative to `exports/`, with `/` separators: `csv/items.csv`.
    pub path: String,
    pub byte_size: u64,
    /// Lowercase hexadecimal SHA-256.
    pub sha256: String,
    /// French title.
    pub title: String,
    /// French description.
    pub description: String,
    /// Path of the schema the file follows, relative to the base URL (`schemas/…`), if any.
    pub conforms_to: Option<String>,
    /// When its content last changed (`YYYY-MM-DD`, from the release history); `None`: the
    /// publication's date.
    pub modified: Option<String>,
}

/// A release of the dataset as the catalogue describes it (DCAT 3 versioning: the dataset
/// `dcat:hasVersion` each release, each release `dcat:previousVersion` the one before), from the
/// release history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetVersion {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `adms:versionNotes`.
    pub notes: String,
    /// The temporal coverage of that release's editions (see [`temporal_coverage`]).
    pub temporal: Option<(String, String)>,
    /// Its `json/corpus.json`, the one distribution each version lists (the release's other
    /// files are at the same place, `{base}/releases/{version}/{path}`, and in its manifest).
    pub corpus_json: Option<PublishedFile>,
}

impl DatasetVersion {
    /// The IRI of the version: under its release's directory, whose page describes it.
    pub fn iri(&self, base: &str) -> String {
        format!("{}#dataset", self.landing_page(base))
    }

    pub fn landing_page(&self, base: &str) -> String {
        format!("{base}/releases/{}/", self.version)
    }
}

impl PublishedFile {
    pub fn format(&self) -> FileFormat {
        FileFormat::from_path(&self.path)
    }

    /// `csv/items.csv` → `csv-items-csv`: a stable key for the distribution's IRI.
    pub fn key(&self) -> String {
        self.path
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    }
}

/// EU vocabularies the catalogue links to.
const EU_DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";
const EU_FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/";
const EU_COUNTRY: &str = "http://publications.europa.eu/resource/authority/country/";
const EU_LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const EU_AVAILABILITY: &str = "http://data.europa.eu/r5r/availability";
const EU_PLANNED_AVAILABILITY: &str =
    "http://publications.europa.eu/resource/authority/planned-availability/STABLE";
const ADMS_PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/NonProfitOrganisation";
const ADMS_LICENCE_TYPE: &str = "http://purl.org/adms/licencetype/Attribution";

/// A small triple builder: IRIs are checked when built (an invalid one is a bug in this module,
/// never user input, since every IRI comes from the base URL validated at load and fixed paths).
struct Graph {
    triples: Vec<Triple>,
}

/// A `dcat:DataService` over the dataset: what differs between the API and the SPARQL endpoint.
struct DataService {
    node: NamedNode,
    identifier: &'static str,
    title: &'static str,
    description: &'static str,
    endpoint: NamedNode,
    endpoint_description: NamedNode,
    standard: &'static str,
}

fn iri(value: &str) -> NamedNode {
    NamedNode::new(value).unwrap_or_else(|e| panic!("invalid IRI {value:?}: {e}"))
}

fn term(ns: &str, local: &str) -> NamedNode {
    iri(&format!("{ns}{local}"))
}

fn fr(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "fr")
}

fn typed(value: impl Into<String>, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, term(XSD, datatype))
}

impl Graph {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.triples.push(Triple::new(s, p, o));
    }

    fn a(&mut self, s: impl Into<NamedOrBlankNode>, class: NamedNode) {
        self.add(s, term(RDF, "type"), class);
    }

    /// Who publishes `node` and answers for it, its data.europa.eu theme and its keywords: the
    /// same for the dataset, each of its versions and each data service (DCAT-AP recommends
    /// them on all three).
    fn stewardship(
        &mut self,
        node: &NamedNode,
        publisher: &NamedNode,
        contact: &NamedNode,
        keywords: &[String],
    ) {
        self.add(node.clone(), term(DCT, "publisher"), publisher.clone());
        self.add(node.clone(), term(DCAT, "contactPoint"), contact.clone());
        self.add(
            node.clone(),
            term(DCAT, "theme"),
            term(EU_DATA_THEME, "GOVE"),
        );
        for keyword in keywords {
            self.add(node.clone(), term(DCAT, "keyword"), fr(keyword));
        }
    }

    /// One distribution: the file at `url`, with its format, media type, size, checksum (typed
    /// as the profile's reader wants it), licence, dates and schema.
    #[allow(clippy::too_many_arguments)]
    fn distribution(
        &mut self,
        profile: Profile,
        publication: &Publication,
        distribution: &NamedNode,
        url: NamedNode,
        file: &PublishedFile,
        key: &str,
        license: &NamedNode,
        issued: &Literal,
    ) {
        let g = self;
        let base = &publication.base_url;
        let format = file.format();
        g.a(distribution.clone(), term(DCAT, "Distribution"));
        g.add(distribution.clone(), term(DCAT, "downloadURL"), url.clone());
        g.add(distribution.clone(), term(DCAT, "accessURL"), url);
        g.add(distribution.clone(), term(DCT, "title"), fr(&file.title));
        g.add(
            distribution.clone(),
            term(DCT, "description"),
            fr(&file.description),
        );
        g.add(
            distribution.clone(),
            term(DCAT, "byteSize"),
            typed(file.byte_size.to_string(), "nonNegativeInteger"),
        );
        let file_type = iri(format.eu_file_type());
        g.add(distribution.clone(), term(DCT, "format"), file_type.clone());
        g.typed_resource(
            &file_type,
            term(DCT, "MediaTypeOrExtent"),
            Some(format.label()),
        );
        let media_type = iri(&format!(
            "https://www.iana.org/assignments/media-types/{}",
            format.media_type()
        ));
        g.add(
            distribution.clone(),
            term(DCAT, "mediaType"),
            media_type.clone(),
        );
        g.a(media_type, term(DCT, "MediaType"));
        let checksum = BlankNode::new_unchecked(format!("checksum-{key}"));
        g.add(
            distribution.clone(),
            term(SPDX, "checksum"),
            checksum.clone(),
        );
        g.a(checksum.clone(), term(SPDX, "Checksum"));
        g.add(
            checksum.clone(),
            term(SPDX, "algorithm"),
            term(SPDX, "checksumAlgorithm_sha256"),
        );
        // DCAT-AP's shapes require xsd:hexBinary; udata reads that as bytes and refuses them,
        // and writes (and reads) a plain string itself.
        let checksum_value = match profile {
            Profile::DcatAp => typed(&file.sha256, "hexBinary"),
            Profile::DataGouv => Literal::from(file.sha256.as_str()),
        };
        g.add(checksum, term(SPDX, "checksumValue"), checksum_value);
        g.add(distribution.clone(), term(DCT, "license"), license.clone());
        g.add(
            distribution.clone(),
            iri(EU_AVAILABILITY),
            iri(EU_PLANNED_AVAILABILITY),
        );
        g.add(distribution.clone(), term(DCT, "issued"), issued.clone());
        g.add(
            distribution.clone(),
            term(DCT, "modified"),
            typed(
                file.modified.as_deref().unwrap_or(&publication.modified),
                "date",
            ),
        );
        if let Some(schema) = &file.conforms_to {
            let standard = iri(&format!("{base}/{schema}"));
            g.add(
                distribution.clone(),
                term(DCT, "conformsTo"),
                standard.clone(),
            );
            g.a(standard, term(DCT, "Standard"));
        }
    }

    /// A linked resource typed as DCAT-AP's range shapes require, with an optional label.
    fn typed_resource(&mut self, resource: &NamedNode, class: NamedNode, label: Option<&str>) {
        self.a(resource.clone(), class);
        if let Some(label) = label {
            self.add(resource.clone(), term(SKOS, "prefLabel"), fr(label));
        }
    }
}

/// The catalogue graph of the default profile, DCAT-AP 3.0.1.
pub fn catalog_graph(
    publication: &Publication,
    corpus: &Corpus,
    files: &[PublishedFile],
) -> Vec<Triple> {
    catalog_graph_for(Profile::DcatAp, publication, corpus, files)
}

/// The catalogue graph: catalog, dataset, one distribution per published file, the API as a
/// data service and an API distribution (data.gouv.fr turns `dcat:accessService` into an "api"
/// resource), and every linked resource typed and labelled. The profiles differ only where one
/// graph cannot satisfy both readers (see [`Profile`]).
pub fn catalog_graph_for(
    profile: Profile,
    publication: &Publication,
    corpus: &Corpus,
    files: &[PublishedFile],
) -> Vec<Triple> {
    let mut g = Graph {
        triples: Vec::new(),
    };
    let base = &publication.base_url;
    let catalog = iri(&format!("{base}/catalog"));
    let dataset = iri(&publication.iri("dataset", &publication.identifier));
    let service = iri(&publication.iri("data-service", "api-v1"));
    let publisher = iri(&publication.iri("organization", "villes-internet"));
    let contact = iri(&publication.iri("contact-point", "villes-internet"));
    let license = iri(&publication.license.url);
    let landing = iri(&format!("{base}/"));
    let france = term(EU_COUNTRY, "FRA");
    let french = term(EU_LANGUAGE, "FRA");
    let annual = term(EU_FREQUENCY, "ANNUAL");
    let government = term(EU_DATA_THEME, "GOVE");
    let eu_themes = iri(EU_DATA_THEME.trim_end_matches('/'));
    let our_themes = iri(&publication.iri("theme-scheme", "themes"));
    let issued = typed(&publication.issued, "date");
    // The dataset changed when its last file did (release history); without a history, the
    // publication's date.
    let latest = files
        .iter()
        .filter_map(|f| f.modified.as_deref())
        .max()
        .unwrap_or(&publication.modified);
    let modified = typed(latest, "date");

    // The catalogue.
    g.a(catalog.clone(), term(DCAT, "Catalog"));
    g.add(catalog.clone(), term(DCT, "title"), fr(&publication.title));
    g.add(
        catalog.clone(),
        term(DCT, "description"),
        fr(&publication.description),
    );
    g.add(catalog.clone(), term(DCT, "publisher"), publisher.clone());
    g.add(catalog.clone(), term(FOAF, "homepage"), landing.clone());
    g.add(catalog.clone(), term(DCT, "language"), french.clone());
    g.add(catalog.clone(), term(DCT, "license"), license.clone());
    g.add(catalog.clone(), term(DCT, "spatial"), france.clone());
    g.add(catalog.clone(), term(DCT, "issued"), issued.clone());
    g.add(catalog.clone(), term(DCT, "modified"), modified.clone());
    g.add(
        catalog.clone(),
        term(DCAT, "themeTaxonomy"),
        eu_themes.clone(),
    );
    g.add(
        catalog.clone(),
        term(DCAT, "themeTaxonomy"),
        our_themes.clone(),
    );
    g.add(catalog.clone(), term(DCAT, "dataset"), dataset.clone());
    g.add(catalog.clone(), term(DCAT, "service"), service.clone());

    // The publisher and the contact point (the association's public address only).
    g.a(publisher.clone(), term(FOAF, "Agent"));
    g.add(
        publisher.clone(),
        term(FOAF, "name"),
        Literal::from(publication.publisher.name.as_str()),
    );
    g.add(
        publisher.clone(),
        term(FOAF, "homepage"),
        iri(&publication.publisher.url),
    );
    g.add(
        publisher.clone(),
        term(DCT, "type"),
        iri(ADMS_PUBLISHER_TYPE),
    );
    g.typed_resource(
        &iri(ADMS_PUBLISHER_TYPE),
        term(SKOS, "Concept"),
        Some("Organisation à but non lucratif"),
    );
    g.a(contact.clone(), term(VCARD, "Organization"));
    g.a(contact.clone(), term(VCARD, "Kind"));
    g.add(
        contact.clone(),
        term(VCARD, "fn"),
        Literal::from(publication.contact.name.as_str()),
    );
    g.add(
        contact.clone(),
        term(VCARD, "hasEmail"),
        iri(&format!("mailto:{}", publication.contact.email)),
    );
    g.add(
        contact.clone(),
        term(VCARD, "hasURL"),
        iri(&publication.contact.url),
    );

    // Linked resources, typed for DCAT-AP's range shapes and labelled for harvesters.
    g.typed_resource(&license, term(DCT, "LicenseDocument"), None);
    g.add(
        license.clone(),
        term(DCT, "title"),
        fr(&publication.license.title),
    );
    g.add(license.clone(), term(DCT, "type"), iri(ADMS_LICENCE_TYPE));
    g.typed_resource(
        &iri(ADMS_LICENCE_TYPE),
        term(SKOS, "Concept"),
        Some("Attribution"),
    );
    g.typed_resource(&france, term(DCT, "Location"), Some("France"));
    g.typed_resource(&french, term(DCT, "LinguisticSystem"), Some("français"));
    g.typed_resource(&annual, term(DCT, "Frequency"), Some("annuelle"));
    g.typed_resource(&landing, term(FOAF, "Document"), None);
    g.typed_resource(
        &eu_themes,
        term(SKOS, "ConceptScheme"),
        Some("Thèmes des données (UE)"),
    );
    // Concept schemes used as theme taxonomies need a dct:title (DCAT-AP); our scheme keeps the
    // label the corpus graph gives it (the themes table's title), so the two graphs merge.
    g.add(
        eu_themes.clone(),
        term(DCT, "title"),
        fr("Thèmes des données (UE)"),
    );
    let themes_title = crate::tables::table("themes").map_or("Thèmes", |t| t.meta().title);
    g.typed_resource(&our_themes, term(SKOS, "ConceptScheme"), Some(themes_title));
    g.add(our_themes.clone(), term(DCT, "title"), fr(themes_title));
    g.typed_resource(
        &government,
        term(SKOS, "Concept"),
        Some("Gouvernement et secteur public"),
    );
    g.add(
        government.clone(),
        term(SKOS, "inScheme"),
        eu_themes.clone(),
    );

    // The dataset.
    g.a(dataset.clone(), term(DCAT, "Dataset"));
    g.add(
        dataset.clone(),
        term(DCT, "identifier"),
        Literal::from(publication.identifier.as_str()),
    );
    g.add(dataset.clone(), term(DCT, "title"), fr(&publication.title));
    g.add(
        dataset.clone(),
        term(DCT, "description"),
        fr(&publication.description),
    );
    g.stewardship(&dataset, &publisher, &contact, &publication.keywords);
    for theme in &corpus.themes {
        let concept = iri(&publication.iri("theme", theme.id.as_str()));
        g.add(dataset.clone(), term(DCAT, "theme"), concept.clone());
        g.typed_resource(&concept, term(SKOS, "Concept"), Some(&theme.label));
        g.add(concept, term(SKOS, "inScheme"), our_themes.clone());
    }
    if let Some((start, end)) = temporal_coverage(corpus) {
        // A blank node, as data.gouv.fr's harvester expects for dct:temporal.
        let period = BlankNode::new_unchecked("temporal");
        g.add(dataset.clone(), term(DCT, "temporal"), period.clone());
        g.a(period.clone(), term(DCT, "PeriodOfTime"));
        g.add(
            period.clone(),
            term(DCAT, "startDate"),
            typed(start, "date"),
        );
        g.add(period, term(DCAT, "endDate"), typed(end, "date"));
    }
    g.add(dataset.clone(), term(DCT, "spatial"), france.clone());
    g.add(dataset.clone(), term(DCT, "accrualPeriodicity"), annual);
    g.add(dataset.clone(), term(DCT, "language"), french.clone());
    g.add(dataset.clone(), term(DCT, "issued"), issued.clone());
    g.add(dataset.clone(), term(DCT, "modified"), modified.clone());
    g.add(dataset.clone(), term(DCAT, "landingPage"), landing);
    g.add(
        dataset.clone(),
        term(DCAT, "version"),
        Literal::from(publication.version.as_str()),
    );
    g.add(
        dataset.clone(),
        term(ADMS, "versionNotes"),
        fr(&publication
            .version_notes
            .clone()
            .unwrap_or_else(|| format!("Version {} du jeu de données.", publication.version))),
    );

    // One distribution per file.
    for file in files {
        let distribution = iri(&publication.iri("distribution", &file.key()));
        let url = iri(&format!("{base}/exports/{}", file.path));
        g.add(
            dataset.clone(),
            term(DCAT, "distribution"),
            distribution.clone(),
        );
        g.distribution(
            profile,
            publication,
            &distribution,
            url,
            file,
            &file.key(),
            &license,
            &issued,
        );
    }

    // The releases, each a version of the dataset (DCAT 3 versioning).
    let mut previous: Option<NamedNode> = None;
    for version in &publication.versions {
        let node = iri(&version.iri(base));
        let landing_page = iri(&version.landing_page(base));
        g.add(dataset.clone(), term(DCAT, "hasVersion"), node.clone());
        // DCAT-AP 3.0.1's shapes name the Dublin Core super-property.
        g.add(dataset.clone(), term(DCT, "hasVersion"), node.clone());
        // udata harvests every node typed dcat:Dataset as a dataset of its own (its
        // `DcatBackend` takes each subject of that type): for data.gouv.fr the versions stay
        // described but untyped, so the harvest keeps one dataset.
        if profile == Profile::DcatAp {
            g.a(node.clone(), term(DCAT, "Dataset"));
        }
        g.add(
            node.clone(),
            term(DCT, "identifier"),
            Literal::from(format!("{}/{}", publication.identifier, version.version)),
        );
        g.add(
            node.clone(),
            term(DCT, "title"),
            fr(&format!(
                "{} (version {})",
                publication.title, version.version
            )),
        );
        g.add(node.clone(), term(DCT, "description"), fr(&version.notes));
        g.add(
            node.clone(),
            term(DCAT, "version"),
            Literal::from(version.version.as_str()),
        );
        g.add(node.clone(), term(ADMS, "versionNotes"), fr(&version.notes));
        let released = typed(&version.date, "date");
        g.add(node.clone(), term(DCT, "issued"), released.clone());
        // A release never changes.
        g.add(node.clone(), term(DCT, "modified"), released.clone());
        g.add(node.clone(), term(DCT, "isVersionOf"), dataset.clone());
        if let Some(previous) = previous.replace(node.clone()) {
            g.add(node.clone(), term(DCAT, "previousVersion"), previous);
        }
        g.add(
            node.clone(),
            term(DCAT, "landingPage"),
            landing_page.clone(),
        );
        g.typed_resource(&landing_page, term(FOAF, "Document"), None);
        g.stewardship(&node, &publisher, &contact, &publication.keywords);
        g.add(node.clone(), term(DCT, "spatial"), france.clone());
        g.add(node.clone(), term(DCT, "language"), french.clone());
        if let Some((start, end)) = &version.temporal {
            let period = BlankNode::new_unchecked(format!("temporal-{}", version.version));
            g.add(node.clone(), term(DCT, "temporal"), period.clone());
            g.a(period.clone(), term(DCT, "PeriodOfTime"));
            g.add(
                period.clone(),
                term(DCAT, "startDate"),
                typed(start, "date"),
            );
            g.add(period, term(DCAT, "endDate"), typed(end, "date"));
        }
        if let Some(file) = &version.corpus_json {
            let distribution = iri(&format!("{}#{}", version.landing_page(base), file.key()));
            let url = iri(&format!("{}{}", version.landing_page(base), file.path));
            g.add(
                node.clone(),
                term(DCAT, "distribution"),
                distribution.clone(),
            );
            g.distribution(
                profile,
                publication,
                &distribution,
                url,
                file,
                &format!("{}-{}", version.version.replace('.', "-"), file.key()),
                &license,
                &released,
            );
        }
    }
    if let Some(current) = previous {
        g.add(dataset.clone(), term(DCAT, "hasCurrentVersion"), current);
    }
    g.typed_resource(
        &iri(EU_PLANNED_AVAILABILITY),
        term(SKOS, "Concept"),
        Some("stable"),
    );

    // The data services over the dataset, described alike (udata matches them across harvests
    // by their literal dct:identifier): the API, and the SPARQL endpoint (issue 16) described by
    // its VoID document.
    let api = iri(&format!("{base}/api/v1/"));
    let services = [
        DataService {
            node: service.clone(),
            identifier: "api-v1",
            title: "API des motions du Congrès national des élus au numérique",
            description: "API HTTP publique (JSON, CSV, JSON Lines) : éditions, motions, sections, items, personnes, organisations, thèmes et recherche plein texte ; documentée en OpenAPI 3.1.",
            endpoint: api.clone(),
            endpoint_description: iri(&format!("{base}/openapi.json")),
            standard: "https://spec.openapis.org/oas/v3.1.0",
        },
        DataService {
            node: iri(&publication.iri("data-service", "sparql")),
            identifier: "sparql",
            title: "Point d'accès SPARQL des motions du Congrès national des élus au numérique",
            description: "Point d'accès SPARQL 1.1 (protocole SPARQL 1.1, lecture seule) sur le graphe RDF des exports : résultats JSON, XML, CSV ou TSV SPARQL, graphes Turtle, N-Triples, JSON-LD ou RDF/XML ; décrit en VoID.",
            endpoint: iri(&format!("{base}{}", crate::sparql::void::SPARQL_PATH)),
            endpoint_description: iri(&format!("{base}{}", crate::sparql::void::VOID_PATH)),
            standard: "https://www.w3.org/TR/sparql11-protocol/",
        },
    ];
    for described in services {
        let node = described.node.clone();
        if node != service {
            g.add(catalog.clone(), term(DCAT, "service"), node.clone());
        }
        g.a(node.clone(), term(DCAT, "DataService"));
        g.add(
            node.clone(),
            term(DCT, "identifier"),
            Literal::from(described.identifier),
        );
        g.add(node.clone(), term(DCT, "title"), fr(described.title));
        g.add(
            node.clone(),
            term(DCT, "description"),
            fr(described.description),
        );
        g.add(node.clone(), term(DCAT, "endpointURL"), described.endpoint);
        g.add(
            node.clone(),
            term(DCAT, "endpointDescription"),
            described.endpoint_description,
        );
        g.add(node.clone(), term(DCAT, "servesDataset"), dataset.clone());
        g.add(node.clone(), term(DCT, "license"), license.clone());
        g.stewardship(&node, &publisher, &contact, &publication.keywords);
        let standard = iri(described.standard);
        g.add(node, term(DCT, "conformsTo"), standard.clone());
        g.a(standard, term(DCT, "Standard"));
    }
    let api_distribution = iri(&publication.iri("distribution", "api-v1"));
    g.add(
        dataset.clone(),
        term(DCAT, "distribution"),
        api_distribution.clone(),
    );
    g.a(api_distribution.clone(), term(DCAT, "Distribution"));
    g.add(api_distribution.clone(), term(DCAT, "accessURL"), api);
    match profile {
        Profile::DcatAp => g.add(
            api_distribution.clone(),
            term(DCAT, "accessService"),
            service,
        ),
        // udata harvests a data service only if no distribution names it as its access service;
        // the distribution names an anonymous description of the same endpoint instead, which
        // still makes it an "api" resource.
        Profile::DataGouv => {
            let access = BlankNode::new_unchecked("api-access");
            g.add(
                api_distribution.clone(),
                term(DCAT, "accessService"),
                access.clone(),
            );
            g.a(access.clone(), term(DCAT, "DataService"));
            g.add(access.clone(), term(DCT, "title"), fr("API v1"));
            g.add(
                access,
                term(DCAT, "endpointURL"),
                iri(&format!("{base}/api/v1/")),
            );
        }
    }
    g.add(api_distribution.clone(), term(DCT, "title"), fr("API v1"));
    g.add(
        api_distribution.clone(),
        term(DCT, "description"),
        fr("Accès aux mêmes données par l'API HTTP documentée (voir openapi.json)."),
    );
    g.add(api_distribution.clone(), term(DCT, "license"), license);
    let json_format = iri(FileFormat::Json.eu_file_type());
    g.add(api_distribution.clone(), term(DCT, "format"), json_format);
    g.add(
        api_distribution,
        iri(EU_AVAILABILITY),
        iri(EU_PLANNED_AVAILABILITY),
    );

    let mut triples = g.triples;
    triples.sort_by_cached_key(ToString::to_string);
    triples.dedup();
    triples
}

/// From the first edition's first day to the last day of the latest edition's year (its exact
/// date is not always printed): `("2019-01-29", "2026-12-31")`.
pub fn temporal_coverage(corpus: &Corpus) -> Option<(String, String)> {
    let first = corpus.congresses.first()?;
    let last = corpus.congresses.last()?;
    let start = first
        .start_date
        .map_or_else(|| format!("{}-01-01", first.year), |d| d.to_string());
    let end = last
        .end_date
        .map_or_else(|| format!("{}-12-31", last.year), |d| d.to_string());
    Some((start, end))
}

#[cfg(test)]
mod tests;
