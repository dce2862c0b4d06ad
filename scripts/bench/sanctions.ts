// Sanctions screening (docs/design/sanctions.md): one name against the shipped SDN list, and every
// party of 10,000 merchants (legal name, trade name, two owners, two buyers) re-screened after a
// list load, against an exact-name lookup of the same names in a Map of the same list.
import { readFileSync } from "node:fs";
import { LABELLED_SAMPLE } from "~/domain/sanctions/fixtures/labelled-sample";
import { SHIPPED_SDN_FILE } from "~/domain/sanctions/lists.server";
import { SanctionsIndex } from "~/domain/sanctions/matcher";
import { nameTokens } from "~/domain/sanctions/normalise";
import { decodeOfacFile, parseSdn } from "~/domain/sanctions/sdn-csv";
import { type BenchRow, timingRow } from "./row";
import { time } from "./timing";

const CITIES = [
  "Dalian",
  "Dandong",
  "Shenzhen",
  "Ningbo",
  "Osaka",
  "Busan",
  "Hanoi",
  "Pune",
  "Tehran",
  "Moscow",
];
const TRADES = ["Trading", "Logistics", "Electronics", "Foods", "Shipping", "Textile", "Machinery", "Global"];
const FORMS = ["Co., Ltd.", "LLC", "OOO", "GmbH", "Inc.", "JSC", "Pvt. Ltd.", "K.K."];
const GIVEN = ["Mohammed", "Ivan", "Wei", "Olga", "Hassan", "Maria", "Igor", "Li", "Ahmad", "John"];
const FAMILY = [
  "Petrov",
  "Wang",
  "Hassan",
  "Smith",
  "Kim",
  "Ivanova",
  "Chen",
  "Al Rashid",
  "Novak",
  "Sechin",
];

/** A deterministic generator (mulberry32): the same names on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function partiesOf(merchants: number): string[] {
  const next = random(20240503);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const company = () => `${pick(CITIES)} ${pick(TRADES)} ${pick(TRADES)} ${pick(FORMS)}`;
  const person = () => `${pick(GIVEN)} ${pick(FAMILY)}`;
  const names: string[] = [];
  for (let i = 0; i < merchants; i++)
    names.push(company(), company(), person(), person(), company(), company());
  return names;
}

export function sanctionsBenchmarks(): BenchRow[] {
  const { entries } = parseSdn(decodeOfacFile(readFileSync(SHIPPED_SDN_FILE)));
  const index = new SanctionsIndex(entries.map((e) => ({ ...e, id: String(e.entNum) })));
  const exact = new Map<string, number>();
  for (const e of entries)
    for (const name of [e.name, ...e.aliases]) exact.set(nameTokens(name).join(" "), e.entNum);
  const sample = LABELLED_SAMPLE.map((s) => s.name);
  let i = 0;
  const one = time(() => index.search(sample[i++ % sample.length] as string), 2000);
  let j = 0;
  const oneExact = time(() => exact.get(nameTokens(sample[j++ % sample.length] as string).join(" ")), 2000);

  const parties = partiesOf(10_000);
  const started = performance.now();
  let hits = 0;
  for (const name of parties) hits += index.search(name).length;
  const allMs = performance.now() - started;
  const exactStarted = performance.now();
  for (const name of parties) exact.get(nameTokens(name).join(" "));
  const exactMs = performance.now() - exactStarted;
  return [
    timingRow({
      name: `screen one name against the SDN list (${entries.length.toLocaleString("en-US")} entries, ${index.nameCount.toLocaleString("en-US")} names and aliases)`,
      medianMs: one,
      referenceName: "exact lookup of the normalised name in a Map",
      referenceMedianMs: oneExact,
      targetMs: 5,
    }),
    timingRow({
      name: "re-screen every party of 10,000 merchants, per name",
      medianMs: allMs / parties.length,
      referenceName: "exact lookup of the same names in a Map",
      referenceMedianMs: exactMs / parties.length,
      targetMs: 5,
      detail: `${parties.length.toLocaleString("en-US")} names in ${(allMs / 1000).toFixed(2)} s, ${hits} potential matches (matcher only; storing each screening is a database write)`,
    }),
  ];
}
