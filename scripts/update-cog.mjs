// Regenerates seeds/reference/cog-*.csv from the Code officiel géographique as shipped by
// the npm package @etalab/decoupage-administratif (pinned in scripts/update-cog.sh).
// Only current communes and EPCIs are kept, with the columns the corpus validator reads.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [pkgDir, outDir] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(join(pkgDir, "data", name), "utf8"));
const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const write = (name, header, rows) => {
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lines = [header.join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  writeFileSync(join(outDir, name), lines.join("\n") + "\n");
};

const communes = read("communes.json").filter((c) => c.type === "commune-actuelle");
write(
  "cog-communes.csv",
  ["code_insee", "nom", "departement", "siren"],
  communes.map((c) => [c.code, c.nom, c.departement ?? "", c.siren ?? ""]),
);
// The départements of an EPCI are those of its member communes (space-separated, sorted): what a
// département printed beside an intercommunalité is checked against.
const departementOf = new Map(communes.map((c) => [c.code, c.departement ?? ""]));
const departements = (e) =>
  [...new Set((e.membres ?? []).map((m) => departementOf.get(m.code)).filter(Boolean))].sort().join(" ");
const epci = read("epci.json");
write(
  "cog-epci.csv",
  ["siren", "nom", "type", "departements"],
  epci.map((e) => [e.code, e.nom, e.type, departements(e)]),
);
