//! The field definitions are a contract: these tests state it, on the real corpus.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::*;
use crate::corpus::Corpus;

fn corpus() -> Corpus {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    Corpus::load(&seeds).expect("the bundled corpus is valid")
}

#[test]
fn every_table_starts_with_a_required_id_and_has_unique_data_gouv_column_names() {
    let mut names = BTreeSet::new();
    for table in TABLES {
        let meta = table.meta();
        assert!(names.insert(meta.name), "table {} defined twice", meta.name);
        let fields = table.fields();
        assert_eq!(
            fields[0].name, "id",
            "{}: first field must be id",
            meta.name
        );
        assert!(fields[0].required);
        let mut seen = BTreeSet::new();
        for field in &fields {
            assert!(
                seen.insert(field.name),
                "{}.{} twice",
                meta.name,
                field.name
            );
            assert!(
                field.name.len() <= 63
                    && field
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}.{}: column names are lowercase ASCII, digits and _ (data.gouv.fr)",
                meta.name,
                field.name
            );
            assert!(!field.title.is_empty() && !field.description.is_empty());
        }
    }
}

#[test]
fn every_reference_names_a_table_and_every_predicate_expands() {
    for table in TABLES {
        for class in table.meta().classes {
            assert!(crate::vocab::expand(class).is_some(), "class {class}");
        }
        for field in table.fields() {
            if let Some(target) = field.target() {
                assert!(super::table(target).is_some(), "{} → {target}", field.name);
                assert!(
                    matches!(field.rdf, Rdf::Link(_) | Rdf::None),
                    "{}: a reference is an RDF link",
                    field.name
                );
            }
            let predicate = match field.rdf {
                Rdf::None => continue,
                Rdf::Literal(p) | Rdf::French(p) | Rdf::Iri(p) | Rdf::Link(p) => p,
            };
            assert!(
                crate::vocab::expand_with_base(predicate, "https://x.test").is_some(),
                "{}: predicate {predicate}",
                field.name
            );
        }
    }
}

#[test]
fn values_match_their_declared_type_constraints_and_references() {
    let corpus = corpus();
    let ids: HashMap<&str, BTreeSet<String>> = TABLES
        .iter()
        .map(|t| {
            let ids: BTreeSet<String> = t.rows(&corpus).iter().map(|r| r[0].to_cell()).collect();
            (t.meta().name, ids)
        })
        .collect();
    for table in TABLES {
        let fields = table.fields();
        let rows = table.rows(&corpus);
        assert_eq!(
            ids[table.meta().name].len(),
            rows.len(),
            "{}: ids are unique",
            table.meta().name
        );
        for row in &rows {
            for (field, value) in fields.iter().zip(row) {
                let at = format!(
                    "{}.{} of {}",
                    table.meta().name,
                    field.name,
                    row[0].to_cell()
                );
                if field.required {
                    assert!(!value.is_null(), "{at}: required");
                }
                if value.is_null() {
                    continue;
                }
                let type_ok = matches!(
                    (field.field_type, value),
                    (FieldType::Text, Value::Text(_) | Value::Owned(_))
                        | (FieldType::Ref(_), Value::Text(_))
                        | (FieldType::Paragraphs, Value::Paragraphs(_))
                        | (FieldType::Blocks, Value::Blocks(_))
                        | (FieldType::Integer, Value::Integer(_))
                        | (FieldType::Boolean, Value::Boolean(_))
                        | (FieldType::Date, Value::Date(_))
                        | (FieldType::RefList(_), Value::Refs(_))
                );
                assert!(type_ok, "{at}: {value:?} is not a {:?}", field.field_type);
                if let Some(codes) = field.codes {
                    assert!(codes().contains(&value.to_cell().as_str()), "{at}: code");
                }
                if let Some(target) = field.target() {
                    let targets = match value {
                        Value::Refs(list) => list.clone(),
                        other => vec![match other {
                            Value::Text(s) => *s,
                            _ => unreachable!(),
                        }],
                    };
                    for id in targets {
                        assert!(ids[target].contains(id), "{at}: {id} not in {target}");
                    }
                }
            }
        }
    }
}

#[test]
fn list_fields_become_link_tables_with_one_row_per_pair() {
    let corpus = corpus();
    let links = LinkTable::all();
    let names: Vec<&str> = links.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "congress_workshop_partners",
            "section_themes",
            "item_themes"
        ]
    );
    let item_themes = &links[2];
    assert_eq!(item_themes.owner_column, "item_id");
    assert_eq!(item_themes.target_column, "theme_id");
    let pairs: usize = corpus.items.iter().map(|i| i.themes.len()).sum();
    assert_eq!(item_themes.rows(&corpus).len(), pairs);
}

#[test]
fn csv_has_the_csv_fields_as_header_and_keeps_unknowns_empty() {
    let corpus = corpus();
    let table = table("congresses").unwrap();
    let bytes = write_csv(Vec::new(), &table.fields(), table.rows(&corpus)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("id,ordinal,year,name,start_date,end_date,place_id,"));
    assert!(!header.contains("partners"), "lists go to link tables");
    let row_2026 = text.lines().find(|l| l.starts_with("2026,")).unwrap();
    assert!(
        row_2026.contains(",,"),
        "2026 has no printed dates: empty cells, never 0"
    );
}
