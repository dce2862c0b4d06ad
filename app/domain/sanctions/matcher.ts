// The sanctions name matcher (docs/design/sanctions.md, the matcher): Jaro-Winkler similarity
// over normalised words, compared as sets (word order does not count), against every name and
// alias of a list, through an index on word prefixes so that one name is screened in well under
// 5 ms. Pure: the list comes in as data.
import { jaroWinkler } from "@skyra/jaro-winkler";
import { nameTokens } from "./normalise";

/**
 * A potential match from this similarity up, measured on the labelled sample
 * (app/domain/sanctions/fixtures/labelled-sample.ts; precision and recall in the design note).
 */
export const MATCH_THRESHOLD = 0.9;

/**
 * A word matches another from this Jaro-Winkler similarity. Below it a word counts as unmatched:
 * "Igor" is not "Igorevich" (0.907), "Transoil" is not "Transmorflot" (0.910), "Andrei" is
 * "Andrey" (0.944).
 */
const WORD_FLOOR = 0.92;

export type ListEntry = {
  id: string;
  entNum: number;
  name: string;
  /** individual | entity | vessel | aircraft */
  type: string;
  aliases: readonly string[];
};

export type NameMatch = {
  entryId: string;
  entNum: number;
  /** The entry's name or alias that matched. */
  matchedName: string;
  /** 0–1. */
  score: number;
};

/**
 * Pairs each word of `short` with a different word of `long` (longest words first, each taking
 * its most similar free partner): the length-weighted similarity of the short side, and how many
 * words of the long side found a partner.
 */
function pairWords(short: readonly string[], long: readonly string[]): { score: number; paired: number } {
  const used = new Set<number>();
  let total = 0;
  let weight = 0;
  let paired = 0;
  for (const word of [...short].sort((a, b) => b.length - a.length)) {
    let best = 0;
    let bestAt = -1;
    long.forEach((other, at) => {
      if (used.has(at) || best === 1) return;
      const s = word === other ? 1 : jaroWinkler(word, other);
      if (s > best) {
        best = s;
        bestAt = at;
      }
    });
    weight += word.length;
    if (best >= WORD_FLOOR && bestAt >= 0) {
      used.add(bestAt);
      total += word.length * best;
      paired++;
    }
  }
  return { score: weight === 0 ? 0 : total / weight, paired };
}

/**
 * How alike two names are, 0–1, from their words compared as sets (word order does not count).
 * Every word of the shorter name must find its like in the longer one; the longer name's words
 * left over lower the score: a little for individuals (a patronymic or a middle name is often
 * missing on one side), more for organisations, where a left-over word is usually what tells two
 * companies apart ("Dandong Trading" is not "Dandong Xianghe Trading"). Joined words ("Alqaida",
 * "Al Qaida") are compared as one string too.
 */
export function nameSimilarity(
  query: readonly string[],
  listed: readonly string[],
  options: { individual?: boolean } = {},
): number {
  if (query.length === 0 || listed.length === 0) return 0;
  const [short, long] = query.length <= listed.length ? [query, listed] : [listed, query];
  const { score, paired } = pairWords(short, long);
  // One word alone ("Tom", "Hassan") says little about a name of several.
  const restWeight = short.length === 1 ? 0.5 : options.individual ? 0.15 : 0.35;
  const bySet = score * (1 - restWeight) + (paired / long.length) * restWeight;
  const joinedA = query.join("");
  const joinedB = listed.join("");
  if ([...query].sort().join("") === [...listed].sort().join("")) return 1;
  const byJoined = Math.min(joinedA.length, joinedB.length) >= 6 ? jaroWinkler(joinedA, joinedB) : 0;
  return Math.max(bySet, byJoined >= 0.97 ? byJoined : 0);
}

type IndexedName = { entry: number; name: string; tokens: string[] };

const PREFIX = 3;
const prefixOf = (word: string) => word.slice(0, PREFIX);

/** A list's names and aliases, indexed by the first three letters of each word. */
export class SanctionsIndex {
  private readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(readonly entries: readonly ListEntry[]) {
    entries.forEach((entry, index) => {
      const seen = new Set<string>();
      for (const name of [entry.name, ...entry.aliases]) {
        const tokens = nameTokens(name);
        const key = tokens.join(" ");
        if (tokens.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const at = this.names.push({ entry: index, name, tokens }) - 1;
        for (const prefix of new Set(tokens.map(prefixOf))) {
          const list = this.postings.get(prefix);
          if (list) list.push(at);
          else this.postings.set(prefix, [at]);
        }
      }
    });
  }

  get nameCount(): number {
    return this.names.length;
  }

  /**
   * The entries whose name or an alias is at least `threshold` like `name`, best first, one
   * result per entry. Candidates share a word prefix with the name: two of them when both have
   * two words or more, which keeps common words ("trading", "mohammed") from flooding the scoring.
   */
  search(name: string, options: { threshold?: number; types?: ReadonlySet<string> } = {}): NameMatch[] {
    const threshold = options.threshold ?? MATCH_THRESHOLD;
    const query = nameTokens(name);
    if (query.length === 0) return [];
    const shared = new Map<number, number>();
    for (const prefix of new Set(query.map(prefixOf))) {
      for (const at of this.postings.get(prefix) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
    }
    const best = new Map<number, NameMatch>();
    for (const [at, count] of shared) {
      const candidate = this.names[at] as IndexedName;
      if (count < Math.min(2, query.length, candidate.tokens.length)) continue;
      const entry = this.entries[candidate.entry] as ListEntry;
      if (options.types && !options.types.has(entry.type)) continue;
      const score = nameSimilarity(query, candidate.tokens, { individual: entry.type === "individual" });
      if (score < threshold) continue;
      const known = best.get(candidate.entry);
      if (!known || score > known.score)
        best.set(candidate.entry, {
          entryId: entry.id,
          entNum: entry.entNum,
          matchedName: candidate.name,
          score,
        });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.entNum - b.entNum);
  }
}
