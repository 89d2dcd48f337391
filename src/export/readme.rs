//! `exports/README.md`: the French description of the files for the data.gouv.fr page and for
//! whoever downloads them — each file, each CSV column (from the field definitions), the
//! licence, the provenance (source documents and their SHA-256) and how to cite.

use std::fmt::Write;

use super::files::FileTree;
use super::tabular::CsvTable;
use crate::corpus::Corpus;
use crate::publication::Publication;

/// How to find the source of one fact, in CSV and in RDF (the query runs as is with rdflib on
/// `rdf/corpus.ttl`).
fn facts_provenance(base: &str) -> String {
    [
        "### La source de chaque fait\n",
        "Un texte est vérifié mot pour mot dans la source de sa ligne. Tout autre fait (rang, \
         année, dates et lieu d'une édition, date d'adoption, partenaires des ateliers, \
         organisation où s'exerce une fonction) a sa propre source dans `csv/facts.csv` : une \
         ligne par (`subject_table`, `subject_id`, `field`), avec le document qui le donne \
         (`source_id`, pas forcément celui de la ligne : la date du Congrès de 2020 vient de \
         l'article de presse), sa nature (`printed` : les mots cités le disent ; `inferred` : il \
         en est déduit, `reasoning` dit comment) et les mots de la source (`quote`). Un fait \
         qu'aucune source ne donne n'est pas publié. En RDF, chaque ligne est une \
         `rdf:Statement` réifiée du triplet qu'elle source, par exemple :\n",
        "```sparql",
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>",
        "PREFIX prov: <http://www.w3.org/ns/prov#>",
        &format!("PREFIX cn: <{base}/def/>"),
        "SELECT ?predicate ?object ?source ?kind ?quote WHERE {",
        &format!("  ?fact rdf:subject <{base}/id/congress/2020> ;"),
        "        rdf:predicate ?predicate ; rdf:object ?object ;",
        "        prov:wasDerivedFrom ?source ; cn:provenanceKind ?kind ; cn:quote ?quote .",
        "}",
        "```\n\n",
    ]
    .join("\n")
}

/// The README, given the other files of `exports/` (listed with their title and description).
pub fn readme(
    publication: &Publication,
    corpus: &Corpus,
    tables: &[CsvTable],
    exports: &FileTree,
) -> String {
    let base = &publication.base_url;
    let mut out = String::new();
    // Writing to a String cannot fail: `let _ =` keeps the lines readable.
    let _ = writeln!(out, "# {}\n", publication.title);
    let _ = writeln!(out, "{}\n", publication.description);
    let _ = writeln!(
        out,
        "- Version : {} (mise à jour du {})\n- Éditeur : {} ({})\n- Licence : {} ({})\n",
        publication.version,
        publication.modified,
        publication.publisher.name,
        publication.publisher.url,
        publication.license.title,
        publication.license.url,
    );
    let _ = writeln!(
        out,
        "Les mêmes données sont servies par l'API : {base}/api/v1/ ; chaque entité a une IRI \
         {base}/id/{{type}}/{{identifiant}} qui donne sa description (HTML, JSON, RDF).\n"
    );

    out.push_str("## Les fichiers\n\n");
    out.push_str("| Fichier | Contenu |\n|---|---|\n");
    // The CSV files in publication order (tables, then link tables), then the others.
    let csv_paths: Vec<String> = tables.iter().map(CsvTable::path).collect();
    let others = exports
        .iter()
        .map(|(path, _)| path.to_string())
        .filter(|path| !csv_paths.contains(path));
    for path in csv_paths.iter().cloned().chain(others) {
        let Some(file) = exports.get(&path) else {
            continue;
        };
        let _ = writeln!(
            out,
            "| `{path}` | {} — {} |",
            cell(&file.title),
            cell(&file.description)
        );
    }
    let _ = writeln!(
        out,
        "| `README.md` | Ce document. |\n| `SHA256SUMS` | Empreintes SHA-256 de tous les fichiers \
         ci-dessus : `sha256sum -c SHA256SUMS`. |\n"
    );
    let _ = writeln!(
        out,
        "Les schémas sont publiés à côté des données, sous {base}/schemas/ : un Table Schema par \
         fichier CSV (`table-schemas/{{table}}.json`), le JSON Schema de `corpus.json` \
         (`corpus.schema.json`), le contexte JSON-LD (`context.jsonld`) et les formes SHACL du \
         graphe RDF (`shapes.ttl`).\n"
    );

    out.push_str("## Conventions des fichiers CSV\n\n");
    out.push_str(
        "UTF-8 sans BOM, virgule, une ligne d'en-tête, guillemets selon la RFC 4180 ; dates \
         AAAA-MM-JJ ; cellule vide quand la valeur est inconnue ou sans objet (jamais 0). Un \
         texte de plusieurs paragraphes tient dans une cellule, paragraphes séparés par une ligne \
         vide. Une liste (thèmes, partenaires) a sa propre table de liens, une ligne par élément. \
         Chaque ligne a un identifiant stable (`id`), que les autres tables citent dans leurs \
         colonnes `…_id`. Chaque table finit par `issued` et `modified` (`dct:issued`, \
         `dct:modified` en RDF) : la date de la première version publiée qui contient la ligne, \
         et celle de la dernière version où l'un de ses champs a changé ; vides tant \
         qu'aucune version ne la contient.\n\n\
         **Dans un tableur**, ouvrir plutôt `xlsx/corpus.xlsx` (Excel) ou `ods/corpus.ods` \
         (LibreOffice) : les mêmes tables, une feuille par fichier CSV avec les mêmes cellules, \
         titres de colonnes en français, libellé en français à côté de chaque code, ligne \
         d'en-tête figée, dates et nombres typés, précédées d'une feuille « À propos » qui décrit \
         chaque colonne. Un CSV ouvert d'un double clic perd ses accents dans LibreOffice (lu en \
         Latin-1) et ses colonnes dans Excel en français (qui attend des points-virgules) ; pour \
         l'ouvrir quand même, préciser l'encodage UTF-8 et la virgule à l'import (LibreOffice le \
         propose ; dans Excel : Données > À partir d'un fichier texte/CSV).\n\n\
         **En SQL**, `sqlite/congres-numerique.db` réunit les mêmes tables dans une base SQLite : \
         colonnes typées (entiers ; booléens en 0/1 ; dates en texte AAAA-MM-JJ), clés primaires \
         et étrangères, index sur les colonnes de jointure et de codes, recherche plein texte \
         FTS5 dans les textes de chaque table (`{table}_fts`, sans tenir compte des accents : \
         `SELECT * FROM items WHERE rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH \
         'données')`), description de chaque table et colonne dans `_metadata_tables` et \
         `_metadata_columns`. `datasette sqlite/congres-numerique.db -m sqlite/metadata.json` \
         la publie comme un site, avec titres, descriptions, licence, facettes et recherche.\n\n\
         **En Parquet**, `parquet/{table}.parquet` donne chaque fichier CSV en Apache Parquet \
         (compression Snappy), pour pandas, Polars, DuckDB, Spark ou R : mêmes lignes, colonnes \
         typées (entiers, booléens, dates), nulles seulement là où la valeur est facultative, \
         titre et description de chaque colonne dans ses métadonnées. Avec DuckDB, les fichiers \
         se joignent directement : `SELECT * FROM 'parquet/items.parquet' i JOIN \
         'parquet/congresses.parquet' c ON i.congress_id = c.id`.\n\n",
    );

    out.push_str("## Les colonnes\n\n");
    for table in tables {
        let _ = writeln!(
            out,
            "### `{}` — {} ({} lignes)\n",
            table.path(),
            table.title,
            table.row_count
        );
        let _ = writeln!(out, "{}\n", table.description);
        out.push_str("| Colonne | Type | Obligatoire | Description |\n|---|---|---|---|\n");
        for column in &table.columns {
            let mut description = column.description.clone();
            if let Some(codes) = &column.codes {
                let codes: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
                let _ = write!(description, " Valeurs : {}.", codes.join(", "));
            }
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} — {} |",
                column.name,
                column.column_type.name(),
                if column.required { "oui" } else { "non" },
                cell(&column.title),
                cell(&description),
            );
        }
        out.push('\n');
    }

    out.push_str("## Licence\n\n");
    let _ = writeln!(
        out,
        "{} : {}. Réutilisation libre, y compris commerciale, à condition de mentionner la \
         source (voir « Citer »).\n",
        publication.license.title, publication.license.url
    );
    out.push_str(
        "Les textes sont ceux publiés par l'association ; les articles de presse ne sont décrits \
         que par leurs métadonnées bibliographiques, leur texte appartient à leur éditeur et n'est \
         pas republié. Aucune coordonnée personnelle n'est publiée : la seule adresse électronique \
         est celle, générique, de l'association.\n\n",
    );

    out.push_str("## Provenance\n\n");
    out.push_str(
        "Chaque ligne cite son document source (`source_id`). Les textes sont repris mot pour mot \
         et les nombres tels qu'imprimés. Les documents sources, avec leur empreinte SHA-256 :\n\n",
    );
    out.push_str("| Source | Document | Fichier reçu | SHA-256 |\n|---|---|---|---|\n");
    for source in &corpus.sources {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | `{}` |",
            source.id,
            cell(&source.title),
            cell(&source.original_name),
            source.sha256
        );
    }
    out.push('\n');
    out.push_str(&facts_provenance(base));

    out.push_str("## Citer\n\n");
    let _ = writeln!(
        out,
        "{}, « {} », version {}, {}, {base}/ — {}.\n",
        publication.publisher.name,
        publication.title,
        publication.version,
        publication.modified,
        publication.license.title
    );
    let _ = writeln!(
        out,
        "Contact : {} <{}>.",
        publication.contact.name, publication.contact.email
    );
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
