// Names as the sanctions matcher compares them (docs/design/sanctions.md, the matcher): case,
// diacritics, punctuation and legal forms ("Co., Ltd.", "LLC", "OOO", "GmbH", "youxian gongsi")
// do not count; the words of a name are compared as a set, so word order does not count either.
// Pure.

/** Letters NFKD does not take apart. */
const FOLD: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  ı: "i",
  þ: "th",
  ħ: "h",
};

/**
 * Legal forms and filler words in English, Chinese pinyin, Russian and Ukrainian transliteration,
 * and the usual European and Asian company suffixes: they say what kind of company, not which one.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English
  "co",
  "company",
  "corp",
  "corporation",
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "plc",
  "pllc",
  "pc",
  "public",
  "liability",
  "joint",
  "stock",
  // Europe
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "ohg",
  "ug",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "sl",
  "bv",
  "nv",
  "oy",
  "oyj",
  "ab",
  "as",
  "asa",
  "aps",
  "sro",
  "doo",
  "ad",
  "sp",
  "zoo",
  "cv",
  // Asia, the Gulf
  "kk",
  "pte",
  "pty",
  "pvt",
  "private",
  "sdn",
  "bhd",
  "tbk",
  "fze",
  "fzco",
  "fzc",
  "fzllc",
  "wll",
  "jsc",
  "youxian",
  "gongsi",
  "zeren",
  "gufen",
  // Russia, Ukraine, Belarus
  "ooo",
  "oao",
  "zao",
  "pao",
  "ao",
  "ojsc",
  "cjsc",
  "pjsc",
  "tov",
  "pat",
  "obshchestvo",
  "obschestvo",
  "ogranichennoy",
  "ogranichennoi",
  "otvetstvennostyu",
  "otvetstvennostiu",
  "aktsionernoe",
  "aktsionernoye",
  "publichnoe",
  "zakrytoe",
  "otkrytoe",
  "tovarystvo",
  // Filler
  "the",
  "and",
  "of",
  "de",
  "del",
  "des",
  "du",
  "la",
  "le",
  "y",
  "und",
  "et",
]);

/** Abbreviations written out, so that "Int'l" meets "International". */
const ABBREVIATIONS: Record<string, string> = {
  intl: "international",
  natl: "national",
  mfg: "manufacturing",
  bros: "brothers",
  assn: "association",
  univ: "university",
  dept: "department",
  svcs: "services",
};

/** Lower case, no diacritics, no apostrophes, every other mark a space. */
export function foldName(name: string): string {
  let text = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  text = text.replace(/[ßæœøđðłıþħ]/g, (c) => FOLD[c] ?? c);
  return text
    .replace(/&/g, " and ")
    .replace(/['’‘`ʼ´]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The words that identify a name: folded, without legal forms, filler and single letters
 * (initials, and the pieces of "S.A. de C.V."). A name made only of such words keeps them, so
 * that it still has something to compare.
 */
export function nameTokens(name: string): string[] {
  const all = foldName(name)
    .split(" ")
    .filter(Boolean)
    .map((t) => ABBREVIATIONS[t] ?? t);
  const kept = all.filter((t) => t.length > 1 && !LEGAL_FORMS.has(t));
  return kept.length > 0 ? kept : all;
}

/** Names the remarks of an SDN entry also give: "a.k.a. 'NAME'", "f.k.a. 'NAME'", "n.k.a. 'NAME'". */
export function remarkAliases(remarks: string | null | undefined): string[] {
  if (!remarks) return [];
  const aliases: string[] = [];
  for (const match of remarks.matchAll(/\b[afn]\.k\.a\.,?\s*'([^']{2,200})'/gi)) {
    const alias = match[1]?.trim();
    if (alias) aliases.push(alias);
  }
  return aliases;
}
