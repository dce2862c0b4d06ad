// Section 1071-style small-business demographic questions. Answering is optional; every question
// can be declined. The answers are kept apart from everything a decision-maker sees.
import { z } from "zod";

export const YES_NO = ["YES", "NO", "DECLINED"] as const;
export const ETHNICITY = ["HISPANIC_OR_LATINO", "NOT_HISPANIC_OR_LATINO", "DECLINED"] as const;
export const RACE = [
  "AMERICAN_INDIAN_OR_ALASKA_NATIVE",
  "ASIAN",
  "BLACK_OR_AFRICAN_AMERICAN",
  "NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER",
  "WHITE",
  "OTHER",
  "DECLINED",
] as const;
export const SEX = ["FEMALE", "MALE", "OTHER", "DECLINED"] as const;

export const ANSWER_LABELS: Record<string, string> = {
  YES: "Yes",
  NO: "No",
  DECLINED: "I prefer not to say",
  HISPANIC_OR_LATINO: "Hispanic or Latino",
  NOT_HISPANIC_OR_LATINO: "Not Hispanic or Latino",
  AMERICAN_INDIAN_OR_ALASKA_NATIVE: "American Indian or Alaska Native",
  ASIAN: "Asian",
  BLACK_OR_AFRICAN_AMERICAN: "Black or African American",
  NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER: "Native Hawaiian or Other Pacific Islander",
  WHITE: "White",
  OTHER: "Another answer",
  FEMALE: "Female",
  MALE: "Male",
};

export const DEMOGRAPHIC_QUESTIONS = [
  {
    field: "womenOwned",
    label: "Is the business women-owned (more than 50% owned by women)?",
    options: YES_NO,
  },
  { field: "minorityOwned", label: "Is the business minority-owned?", options: YES_NO },
  { field: "lgbtqiOwned", label: "Is the business LGBTQI+-owned?", options: YES_NO },
  { field: "ownerEthnicity", label: "Ethnicity of the principal owner", options: ETHNICITY },
  { field: "ownerRace", label: "Race of the principal owner", options: RACE },
  { field: "ownerSex", label: "Sex of the principal owner", options: SEX },
] as const;

const choice = <T extends readonly [string, ...string[]]>(options: T) =>
  z.enum(options, { error: "Choose an answer, or “I prefer not to say”." });

export const DemographicSchema = z.object({
  womenOwned: choice(YES_NO),
  minorityOwned: choice(YES_NO),
  lgbtqiOwned: choice(YES_NO),
  ownerEthnicity: choice(ETHNICITY),
  ownerRace: choice(RACE),
  ownerSex: choice(SEX),
});
export type DemographicInput = z.output<typeof DemographicSchema>;
