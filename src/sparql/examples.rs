//! The example queries of the `/sparql` page, one `.rq` file each in `examples/`: the page shows
//! them, the tests run them, and `scripts/validate-sparql.sh` sends the same files through
//! SPARQLWrapper and rdflib. `{base}` stands for the service's base URL (the `cn:` vocabulary
//! lives under it).

/// One example query.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// File name without `.rq`: the page's anchor and the scripts' key.
    pub key: &'static str,
    /// What it asks, in French, for the page.
    pub title: &'static str,
    template: &'static str,
}

impl Example {
    /// The query for a service whose base URL is `base_url`.
    pub fn query(&self, base_url: &str) -> String {
        self.template.replace("{base}", base_url)
    }
}

pub const EXAMPLES: [Example; 4] = [
    Example {
        key: "proposals",
        title: "Les propositions d'une édition",
        template: include_str!("examples/proposals.rq"),
    },
    Example {
        key: "theme",
        title: "Ce que chaque édition a dit sur un thème",
        template: include_str!("examples/theme.rq"),
    },
    Example {
        key: "people",
        title: "Les personnes et leurs territoires",
        template: include_str!("examples/people.rq"),
    },
    Example {
        key: "edition",
        title: "Une édition décrite en RDF (CONSTRUCT)",
        template: include_str!("examples/edition.rq"),
    },
];
