import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { answersFromJson, blankOwner, emptyAnswers, hasAnyAnswer, Section1071Schema } from "./questions";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

function parse(entries: [string, string][]) {
  return parseWithZod(form(entries), { schema: Section1071Schema });
}

function errorsOf(entries: [string, string][]) {
  const submission = parse(entries);
  if (submission.status === "success") throw new Error("expected errors");
  return submission.reply().error ?? {};
}

describe("the Section 1071 form", () => {
  it("accepts an empty form: every question is optional", () => {
    const submission = parse([]);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual(emptyAnswers());
    expect(hasAnyAnswer(submission.value)).toBe(false);
  });

  it("takes several ethnicities and races, subcategories with free text, and sex in the owner's words", () => {
    const submission = parse([
      ["womenOwned", "YES"],
      ["minorityOwned", "NO"],
      ["lgbtqiOwned", "DECLINED"],
      ["principalOwnerCount", "2"],
      ["owners[0].ethnicity", "MEXICAN"],
      ["owners[0].ethnicity", "OTHER_HISPANIC_OR_LATINO"],
      ["owners[0].ethnicityOtherHispanic", "Salvadoran"],
      ["owners[0].race", "WHITE"],
      ["owners[0].race", "AMERICAN_INDIAN_OR_ALASKA_NATIVE"],
      ["owners[0].raceAmericanIndianTribe", "Navajo Nation"],
      ["owners[0].sex", "Woman"],
      ["owners[1].race", "OTHER_ASIAN"],
      ["owners[1].raceOtherAsian", "Hmong"],
      ["owners[1].sexDeclined", "on"],
    ]);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const answers = submission.value;
    expect(answers).toMatchObject({ womenOwned: "YES", minorityOwned: "NO", lgbtqiOwned: "DECLINED" });
    expect(answers.principalOwnerCount).toBe("2");
    expect(answers.owners).toHaveLength(4);
    expect(answers.owners[0]).toEqual({
      ...blankOwner(),
      ethnicity: ["MEXICAN", "OTHER_HISPANIC_OR_LATINO"],
      ethnicityOtherHispanic: "Salvadoran",
      race: ["WHITE", "AMERICAN_INDIAN_OR_ALASKA_NATIVE"],
      raceAmericanIndianTribe: "Navajo Nation",
      sex: "Woman",
    });
    expect(answers.owners[1]).toEqual({
      ...blankOwner(),
      race: ["OTHER_ASIAN"],
      raceOtherAsian: "Hmong",
      sexDeclined: true,
    });
    expect(answers.owners[2]).toEqual(blankOwner());
  });

  it("takes one ticked box as a list of one, and the tribe's name as optional", () => {
    const submission = parse([
      ["owners[0].race", "AMERICAN_INDIAN_OR_ALASKA_NATIVE"],
      ["owners[0].ethnicity", "NOT_HISPANIC_OR_LATINO"],
    ]);
    expect(submission.status).toBe("success");
    if (submission.status === "success")
      expect(submission.value.owners[0]).toMatchObject({
        race: ["AMERICAN_INDIAN_OR_ALASKA_NATIVE"],
        ethnicity: ["NOT_HISPANIC_OR_LATINO"],
        raceAmericanIndianTribe: null,
      });
  });

  it("requires the description of every ticked “Other” box, and the box of every description", () => {
    const errors = errorsOf([
      ["owners[0].ethnicity", "OTHER_HISPANIC_OR_LATINO"],
      ["owners[0].race", "OTHER_BLACK"],
      ["owners[0].race", "OTHER_PACIFIC_ISLANDER"],
      ["owners[0].raceOtherPacificIslander", "  "],
      ["owners[1].raceOtherAsian", "Thai"],
      ["owners[2].raceAmericanIndianTribe", "Cherokee Nation"],
    ]);
    expect(errors["owners[0].ethnicityOtherHispanic"]).toEqual([
      "You ticked “Other Hispanic or Latino”: say which, or untick it.",
    ]);
    expect(errors["owners[0].raceOtherBlack"]).toEqual([
      "You ticked “Other Black or African American”: say which, or untick it.",
    ]);
    expect(errors["owners[0].raceOtherPacificIslander"]).toEqual([
      "You ticked “Other Pacific Islander”: say which, or untick it.",
    ]);
    expect(errors["owners[1].raceOtherAsian"]).toEqual(["Tick “Other Asian” as well, or clear this box."]);
    expect(errors["owners[2].raceAmericanIndianTribe"]).toEqual([
      "Tick “American Indian or Alaska Native” as well, or clear this box.",
    ]);
  });

  it("keeps “I do not wish to provide” apart from every other answer", () => {
    const errors = errorsOf([
      ["owners[0].ethnicity", "DECLINED"],
      ["owners[0].ethnicity", "CUBAN"],
      ["owners[0].race", "WHITE"],
      ["owners[0].race", "DECLINED"],
      ["owners[0].sex", "Man"],
      ["owners[0].sexDeclined", "on"],
    ]);
    expect(errors["owners[0].ethnicity"]?.[0]).toMatch(/either tick answers or “I do not wish to provide/);
    expect(errors["owners[0].race"]?.[0]).toMatch(/either tick answers or “I do not wish to provide/);
    expect(errors["owners[0].sex"]?.[0]).toMatch(/Either describe the sex\/gender or tick/);
    // Declining alone is an answer like any other.
    const declined = parse([
      ["womenOwned", "DECLINED"],
      ["principalOwnerCount", "DECLINED"],
      ["owners[0].ethnicity", "DECLINED"],
      ["owners[0].race", "DECLINED"],
      ["owners[0].sexDeclined", "on"],
    ]);
    expect(declined.status).toBe("success");
    if (declined.status === "success") expect(hasAnyAnswer(declined.value)).toBe(true);
  });

  it("describes no more owners than the number given, and at most four", () => {
    const errors = errorsOf([
      ["principalOwnerCount", "1"],
      ["owners[0].race", "WHITE"],
      ["owners[2].race", "ASIAN"],
    ]);
    expect(errors["owners[2]"]).toEqual([
      "You said the business has 1 principal owner: clear owner 3, or change the number.",
    ]);
    expect(
      errorsOf([
        ["principalOwnerCount", "0"],
        ["owners[0].sex", "Woman"],
      ])["owners[0]"],
    ).toEqual(["You said the business has no principal owner: clear owner 1, or change the number."]);
    expect(errorsOf([["owners[4].race", "WHITE"]]).owners).toEqual([
      "At most 4 principal owners are asked about.",
    ]);
    expect(errorsOf([["principalOwnerCount", "5"]]).principalOwnerCount?.[0]).toMatch(/from 0 to 4/);
    // The number declined or left out: up to four owners may still be described.
    expect(
      parse([
        ["principalOwnerCount", "DECLINED"],
        ["owners[3].race", "WHITE"],
      ]).status,
    ).toBe("success");
  });

  it("refuses codes that are not answers, markup in free text, and overlong text", () => {
    expect(errorsOf([["owners[0].race", "MARTIAN"]])["owners[0].race[0]"]).toEqual([
      "Choose among the answers listed.",
    ]);
    expect(errorsOf([["womenOwned", "MAYBE"]]).womenOwned).toEqual(["Choose one of the answers listed."]);
    expect(errorsOf([["owners[0].sex", "<script>"]])["owners[0].sex"]?.[0]).toMatch(/< and >/);
    expect(errorsOf([["owners[0].sex", "x".repeat(101)]])["owners[0].sex"]).toEqual([
      "Use at most 100 characters.",
    ]);
  });
});

describe("saved answers read back", () => {
  it("fill what is missing as unanswered, and survive unreadable JSON", () => {
    expect(answersFromJson("not json")).toEqual(emptyAnswers());
    expect(answersFromJson(null)).toEqual(emptyAnswers());
    const migrated = answersFromJson(
      JSON.stringify({
        womenOwned: "YES",
        minorityOwned: null,
        principalOwnerCount: null,
        owners: [{ ethnicity: ["HISPANIC_OR_LATINO"], race: [], sex: "Female", sexDeclined: false }],
      }),
    );
    expect(migrated.womenOwned).toBe("YES");
    expect(migrated.lgbtqiOwned).toBeNull();
    expect(migrated.owners).toHaveLength(4);
    expect(migrated.owners[0]).toEqual({ ...blankOwner(), ethnicity: ["HISPANIC_OR_LATINO"], sex: "Female" });
  });
});
