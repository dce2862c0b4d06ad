import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { blankOwner, emptyAnswers } from "./questions";
import {
  neutraliseFormula,
  type RegisterEntry,
  registerCells,
  registerCsv,
  reportingYearOf,
} from "./register";

const entry: RegisterEntry = {
  applicationId: "app_1",
  receivedAt: new Date("2026-03-02T10:00:00Z"),
  actionTaken: "APPROVED_NOT_ACCEPTED",
  actionTakenAt: new Date("2026-03-20T12:00:00Z"),
  currency: "USD",
  amountAppliedForCents: 8_000_000,
  amountApprovedCents: 8_000_050,
  collectedVia: "APPLICANT_PROVIDED",
  answers: {
    ...emptyAnswers(),
    womenOwned: "YES",
    lgbtqiOwned: "DECLINED",
    principalOwnerCount: "2",
    owners: [
      {
        ...blankOwner(),
        ethnicity: ["MEXICAN", "OTHER_HISPANIC_OR_LATINO"],
        ethnicityOtherHispanic: "Salvadoran",
        race: ["AMERICAN_INDIAN_OR_ALASKA_NATIVE"],
        raceAmericanIndianTribe: '=HYPERLINK("http://x")',
        sex: "+Woman",
      },
      { ...blankOwner(), race: ["DECLINED"], sexDeclined: true },
      blankOwner(),
      blankOwner(),
    ],
  },
};

describe("the Section 1071 register", () => {
  it("puts one application per line, in words", () => {
    const cells = registerCells(entry);
    expect(cells).toMatchObject({
      "Application ID": "app_1",
      "Application date": "2026-03-02",
      "Action taken": "Approved but not accepted",
      "Action taken date": "2026-03-20",
      "Amount applied for": "80000.00",
      "Amount approved or originated": "80000.50",
      "How the answers were obtained": "Provided by the applicant",
      "Women-owned": "Yes",
      "Minority-owned": "Not provided",
      "LGBTQI+-owned": "Does not wish to provide",
      "Number of principal owners": "2",
      "Owner 1 ethnicity": "Mexican; Other Hispanic or Latino (Salvadoran)",
      "Owner 1 race": 'American Indian or Alaska Native (=HYPERLINK("http://x"))',
      "Owner 1 sex/gender": "+Woman",
      "Owner 2 ethnicity": "Not provided",
      "Owner 2 race": "Does not wish to provide",
      "Owner 2 sex/gender": "Does not wish to provide",
      "Owner 4 race": "Not provided",
    });
  });

  it("writes a CSV whose cells can never run as spreadsheet formulas", () => {
    for (const [cell, safe] of [
      ["=1+1", "'=1+1"],
      ["+Woman", "'+Woman"],
      ["-2", "'-2"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\tx", "'\tx"],
      ["\rx", "'\rx"],
      ["Woman", "Woman"],
      ["", ""],
    ])
      expect(neutraliseFormula(cell ?? "")).toBe(safe);
    const hostile = {
      ...entry,
      applicationId: "app_2",
      answers: {
        ...entry.answers,
        owners: [{ ...blankOwner(), sex: "=cmd|' /C calc'!A0" }, blankOwner(), blankOwner(), blankOwner()],
      },
    };
    const csv = registerCsv([entry, hostile]);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(3);
    const header = parsed[0] ?? [];
    const sex = header.indexOf("Owner 1 sex/gender");
    expect(parsed[1]?.[sex]).toBe("'+Woman");
    expect(parsed[2]?.[sex]).toBe("'=cmd|' /C calc'!A0");
    // The tribe's name begins inside the cell, after the category: nothing to neutralise there.
    expect(parsed[1]?.[header.indexOf("Owner 1 race")]).toBe(
      'American Indian or Alaska Native (=HYPERLINK("http://x"))',
    );
    // An empty period is the header alone.
    expect(Papa.parse(registerCsv([]), { skipEmptyLines: true }).data).toHaveLength(1);
  });

  it("reads the reporting year from the URL, this year when absent or out of range", () => {
    expect(reportingYearOf("2025", 2026)).toBe(2025);
    expect(reportingYearOf(null, 2026)).toBe(2026);
    expect(reportingYearOf("2031", 2026)).toBe(2026);
    expect(reportingYearOf("abc", 2026)).toBe(2026);
    expect(reportingYearOf("1999", 2026)).toBe(2026);
  });
});
