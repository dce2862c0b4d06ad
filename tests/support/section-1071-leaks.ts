// The Section 1071 firewall scan (docs/design/section-1071.md): distinctive answers an applicant
// gives, and the words that would show any of them leaked, for every test that reads what a
// lender reads (pages, packages, e-mails, the audit log, the API).
import { expect } from "vitest";

// Every free-text box, and a selection of the codes and their words, as a submitted answer.
export const ANSWERS: Record<string, string | string[]> = {
  womenOwned: "YES",
  minorityOwned: "YES",
  lgbtqiOwned: "DECLINED",
  principalOwnerCount: "2",
  "owners[0].ethnicity": ["PUERTO_RICAN", "OTHER_HISPANIC_OR_LATINO"],
  "owners[0].ethnicityOtherHispanic": "Qwertzu-Hispanic",
  "owners[0].race": [
    "AMERICAN_INDIAN_OR_ALASKA_NATIVE",
    "OTHER_ASIAN",
    "OTHER_BLACK",
    "OTHER_PACIFIC_ISLANDER",
  ],
  "owners[0].raceAmericanIndianTribe": "Zyxwvut-Tribe",
  "owners[0].raceOtherAsian": "Plokmij-Asian",
  "owners[0].raceOtherBlack": "Mnbvcx-Black",
  "owners[0].raceOtherPacificIslander": "Lkjhgf-Islander",
  "owners[0].sex": "Poiuyt-Gender",
  "owners[1].race": ["NATIVE_HAWAIIAN", "SAMOAN", "GUAMANIAN_OR_CHAMORRO"],
  "owners[1].sexDeclined": "on",
};

export const LEAKS = [
  "Zyxwvut",
  "Qwertzu",
  "Plokmij",
  "Mnbvcx",
  "Lkjhgf",
  "Poiuyt",
  "Puerto Rican",
  "Samoan",
  "Chamorro",
  "Native Hawaiian",
  "women-owned",
  "Women-owned",
  "LGBTQI",
  "PUERTO_RICAN",
  "OTHER_ASIAN",
  "womenOwned",
  "principalOwnerCount",
  "section1071",
  "Section 1071",
];

export function expectNoLeak(where: string, text: string) {
  for (const leak of LEAKS) expect(text, `${where}: ${leak}`).not.toContain(leak);
}
