//! The HTML page a browser gets when it follows an entity's IRI: title, every field as defined
//! in `tables`, links to related entities and to the other representations.

use crate::corpus::Corpus;
use crate::publication::Publication;
use crate::tables::{AnyTable, FieldType, Value, table};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`; the text between special characters is copied whole.
pub fn escape_into(out: &mut String, text: &str) {
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let escaped = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(escaped);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

/// An alternate representation of the page's entity: (label, media type, URL).
pub type Alternate = (&'static str, &'static str, String);

/// The fields that name an entity best, in order of preference.
const LABEL_FIELDS: &[&str] = &["title", "name", "label", "text", "as_printed", "heading"];

/// The page of one row of `table`.
pub fn entity_page(
    publication: &Publication,
    corpus: &Corpus,
    table: &dyn AnyTable,
    values: &[Value<'_>],
    alternates: &[Alternate],
) -> String {
    let meta = table.meta();
    let fields = table.fields();
    let id = values.first().map(Value::to_cell).unwrap_or_default();
    let iri = publication.iri(meta.entity, &id);
    let label = LABEL_FIELDS
        .iter()
        .find_map(|name| {
            fields
                .iter()
                .position(|f| f.name == *name)
                .map(|i| values[i].to_cell())
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_else(|| id.clone());
    let short_label: String = label.chars().take(120).collect();

    let mut rows = String::new();
    for (field, value) in fields.iter().zip(values) {
        if value.is_null() {
            continue;
        }
        let rendered = match (field.field_type, value) {
            (FieldType::Ref(target), Value::Text(target_id)) => {
                link(publication, corpus, target, target_id)
            }
            (FieldType::RefList(target), Value::Refs(ids)) => ids
                .iter()
                .map(|target_id| link(publication, corpus, target, target_id))
                .collect::<Vec<_>>()
                .join(", "),
            (_, Value::Paragraphs(paragraphs)) => paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", escape(p)))
                .collect(),
            (_, Value::Blocks(blocks)) => blocks
                .iter()
                .map(|b| {
                    let heading = b
                        .heading
                        .as_ref()
                        .map(|h| format!("<h3>{}</h3>", escape(h)))
                        .unwrap_or_default();
                    let paragraphs: String = b
                        .paragraphs
                        .iter()
                        .map(|p| format!("<p>{}</p>", escape(p)))
                        .collect();
                    format!("{heading}{paragraphs}")
                })
                .collect(),
            (_, other) => escape(&other.to_cell()),
        };
        rows.push_str(&format!(
            "<tr><th scope=\"row\" title=\"{}\">{}</th><td>{rendered}</td></tr>\n",
            escape(field.description),
            escape(field.title)
        ));
    }
    page(
        publication,
        &short_label,
        meta.title,
        &iri,
        &format!("<table>\n{rows}</table>\n"),
        alternates,
    )
}

/// The page of a resource that is not a row of a table (a concept scheme, a term of the
/// vocabulary, a resource of the catalogue), from its RDF description: one table per subject,
/// the resource's own first, predicates written as CURIEs.
pub fn triples_page(
    publication: &Publication,
    title: &str,
    kind: &str,
    iri: &str,
    triples: &[oxrdf::Triple],
    alternates: &[Alternate],
) -> String {
    let prefixes = crate::rdf::prefixes(&publication.base_url);
    let curie = |iri: &str| -> String {
        prefixes
            .iter()
            .filter_map(|(prefix, namespace)| {
                iri.strip_prefix(namespace.as_str())
                    .map(|local| format!("{prefix}:{local}"))
            })
            .next()
            .unwrap_or_else(|| iri.to_string())
    };
    let mut subjects: Vec<String> = vec![iri.to_string()];
    for triple in triples {
        let subject = subject_text(&triple.subject);
        if !subjects.contains(&subject) {
            subjects.push(subject);
        }
    }
    let mut body = String::new();
    for subject in &subjects {
        let rows: String = triples
            .iter()
            .filter(|t| subject_text(&t.subject) == *subject)
            .map(|t| {
                let object = match &t.object {
                    oxrdf::Term::NamedNode(node) => format!(
                        "<a href=\"{}\">{}</a>",
                        escape(node.as_str()),
                        escape(&curie(node.as_str()))
                    ),
                    oxrdf::Term::Literal(literal) => match literal.language() {
                        Some(language) => format!(
                            "<span lang=\"{}\">{}</span>",
                            escape(language),
                            escape(literal.value())
                        ),
                        None => escape(literal.value()),
                    },
                    other => escape(&other.to_string()),
                };
                format!(
                    "<tr><th scope=\"row\">{}</th><td>{object}</td></tr>\n",
                    escape(&curie(t.predicate.as_str()))
                )
            })
            .collect();
        if subject != iri {
            body.push_str(&format!(
                "<h2><a href=\"{0}\">{0}</a></h2>\n",
                escape(subject)
            ));
        }
        body.push_str(&format!("<table>\n{rows}</table>\n"));
    }
    page(publication, title, kind, iri, &body, alternates)
}

fn subject_text(subject: &oxrdf::NamedOrBlankNode) -> String {
    match subject {
        oxrdf::NamedOrBlankNode::NamedNode(node) => node.as_str().to_string(),
        other => other.to_string(),
    }
}

/// The frame every page shares: header with title and IRI, the body, links to the other
/// representations and the licence.
fn page(
    publication: &Publication,
    title: &str,
    kind: &str,
    iri: &str,
    body: &str,
    alternates: &[Alternate],
) -> String {
    let alternate_links: String = alternates
        .iter()
        .map(|(label, media_type, url)| {
            format!(
                "<li><a href=\"{}\" type=\"{}\">{}</a></li>",
                escape(url),
                escape(media_type),
                escape(label)
            )
        })
        .collect();
    let alternate_heads: String = alternates
        .iter()
        .map(|(_, media_type, url)| {
            format!(
                "<link rel=\"alternate\" type=\"{}\" href=\"{}\">\n",
                escape(media_type),
                escape(url)
            )
        })
        .collect();
    format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — {table_title}</title>
{alternate_heads}<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }}
header p {{ color: #555; margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }}
th {{ width: 14rem; font-weight: 600; }}
td p {{ margin: 0 0 .5rem; }}
code {{ background: #f3f3f3; padding: 0 .2rem; }}
footer {{ margin-top: 2rem; color: #555; font-size: .9rem; }}
</style>
</head>
<body>
<header>
<p>{table_title} · <a href="{base}/">{publication_title}</a></p>
<h1>{title}</h1>
<p>IRI : <code>{iri}</code></p>
</header>
<main>
{body}</main>
<footer>
<p>Autres formats :</p>
<ul>{alternate_links}</ul>
<p>Licence : <a href="{license_url}">{license_title}</a>. Données : {publisher}.</p>
</footer>
</body>
</html>
"#,
        title = escape(title),
        table_title = escape(kind),
        base = escape(&publication.base_url),
        publication_title = escape(&publication.title),
        iri = escape(iri),
        license_url = escape(&publication.license.url),
        license_title = escape(&publication.license.title),
        publisher = escape(&publication.publisher.name),
    )
}

/// A link to another entity's IRI, labelled with its best label.
fn link(publication: &Publication, corpus: &Corpus, target: &str, id: &str) -> String {
    let Some(table) = table(target) else {
        return escape(id);
    };
    let label = table
        .row(corpus, id)
        .and_then(|values| {
            let fields = table.fields();
            LABEL_FIELDS.iter().find_map(|name| {
                fields
                    .iter()
                    .position(|f| f.name == *name)
                    .map(|i| values[i].to_cell())
                    .filter(|v| !v.is_empty())
            })
        })
        .unwrap_or_else(|| id.to_string());
    let label: String = label.chars().take(100).collect();
    format!(
        "<a href=\"{}\">{}</a>",
        escape(&publication.iri(table.meta().entity, id)),
        escape(&label)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">l'été & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn an_item_page_shows_its_text_and_links_to_its_section_and_themes() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let publication = Publication::load(&seeds).unwrap();
        let corpus = Corpus::load(&seeds).unwrap();
        let items = table("items").unwrap();
        let values = items.row(&corpus, "2021-axis-1.2").unwrap();
        let alternates = [(
            "Turtle",
            "text/turtle",
            "https://x.test/id/item/2021-axis-1.2.ttl".to_string(),
        )];
        let page = entity_page(&publication, &corpus, items, &values, &alternates);
        assert!(page.contains("<h1>l&#39;identification et la coordination de l&#39;ensemble des acteurs de la médiation ;</h1>"));
        assert!(page.contains(&format!(
            "href=\"{}/id/section/2021-axis-1\"",
            publication.base_url
        )));
        assert!(page.contains(&format!(
            "href=\"{}/id/theme/mediation\">Médiation numérique</a>",
            publication.base_url
        )));
        assert!(page.contains("<link rel=\"alternate\" type=\"text/turtle\" href=\"https://x.test/id/item/2021-axis-1.2.ttl\">"));
    }
}
