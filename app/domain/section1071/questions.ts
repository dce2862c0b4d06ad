// The Section 1071 questions (Regulation B, 12 CFR 1002 subpart B; docs/design/section-1071.md):
// the business's women-, minority- and LGBTQI+-owned status, the number of principal owners, and
// each principal owner's ethnicity, race (with the rule's disaggregated subcategories) and sex in
// the owner's own words. Every question is optional and each has "I do not wish to provide".
// Pure: the categories, the form schema and its rules, and the shape the answers are kept in.
import { z } from "zod";
import { optionalFreeText } from "~/domain/text";

export const DECLINED = "DECLINED";
export const DECLINE_LABEL = "I do not wish to provide this information";
export const MAX_PRINCIPAL_OWNERS = 4;

export const BUSINESS_STATUS_ANSWERS = ["YES", "NO", DECLINED] as const;
export type BusinessStatusAnswer = (typeof BUSINESS_STATUS_ANSWERS)[number];

export const OWNER_COUNT_ANSWERS = ["0", "1", "2", "3", "4", DECLINED] as const;
export type OwnerCountAnswer = (typeof OWNER_COUNT_ANSWERS)[number];

/** The free-text boxes of an owner, each tied to the box that asks for it. */
export const OWNER_TEXT_FIELDS = [
  "ethnicityOtherHispanic",
  "raceAmericanIndianTribe",
  "raceOtherAsian",
  "raceOtherBlack",
  "raceOtherPacificIslander",
] as const;
export type OwnerTextField = (typeof OWNER_TEXT_FIELDS)[number];

type Choice = {
  code: string;
  label: string;
  /** The free-text box this choice opens. */
  text?: { field: OwnerTextField; label: string; required: boolean };
};
type Group = Choice & { subcategories: readonly Choice[] };

export const ETHNICITY_GROUPS = [
  {
    code: "HISPANIC_OR_LATINO",
    label: "Hispanic or Latino",
    subcategories: [
      { code: "CUBAN", label: "Cuban" },
      { code: "MEXICAN", label: "Mexican" },
      { code: "PUERTO_RICAN", label: "Puerto Rican" },
      {
        code: "OTHER_HISPANIC_OR_LATINO",
        label: "Other Hispanic or Latino",
        text: {
          field: "ethnicityOtherHispanic",
          label: "Which other Hispanic or Latino origin? (for example Colombian, Dominican, Salvadoran)",
          required: true,
        },
      },
    ],
  },
  { code: "NOT_HISPANIC_OR_LATINO", label: "Not Hispanic or Latino", subcategories: [] },
] as const satisfies readonly Group[];

export const RACE_GROUPS = [
  {
    code: "AMERICAN_INDIAN_OR_ALASKA_NATIVE",
    label: "American Indian or Alaska Native",
    text: {
      field: "raceAmericanIndianTribe",
      label: "Name of the enrolled or principal tribe (optional)",
      required: false,
    },
    subcategories: [],
  },
  {
    code: "ASIAN",
    label: "Asian",
    subcategories: [
      { code: "ASIAN_INDIAN", label: "Asian Indian" },
      { code: "CHINESE", label: "Chinese" },
      { code: "FILIPINO", label: "Filipino" },
      { code: "JAPANESE", label: "Japanese" },
      { code: "KOREAN", label: "Korean" },
      { code: "VIETNAMESE", label: "Vietnamese" },
      {
        code: "OTHER_ASIAN",
        label: "Other Asian",
        text: {
          field: "raceOtherAsian",
          label: "Which other Asian origin? (for example Cambodian, Hmong, Pakistani, Thai)",
          required: true,
        },
      },
    ],
  },
  {
    code: "BLACK_OR_AFRICAN_AMERICAN",
    label: "Black or African American",
    subcategories: [
      { code: "AFRICAN_AMERICAN", label: "African American" },
      { code: "ETHIOPIAN", label: "Ethiopian" },
      { code: "HAITIAN", label: "Haitian" },
      { code: "JAMAICAN", label: "Jamaican" },
      { code: "NIGERIAN", label: "Nigerian" },
      { code: "SOMALI", label: "Somali" },
      {
        code: "OTHER_BLACK",
        label: "Other Black or African American",
        text: {
          field: "raceOtherBlack",
          label: "Which other Black origin? (for example Barbadian, Ghanaian, South African)",
          required: true,
        },
      },
    ],
  },
  {
    code: "NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER",
    label: "Native Hawaiian or Other Pacific Islander",
    subcategories: [
      { code: "GUAMANIAN_OR_CHAMORRO", label: "Guamanian or Chamorro" },
      { code: "NATIVE_HAWAIIAN", label: "Native Hawaiian" },
      { code: "SAMOAN", label: "Samoan" },
      {
        code: "OTHER_PACIFIC_ISLANDER",
        label: "Other Pacific Islander",
        text: {
          field: "raceOtherPacificIslander",
          label: "Which other Pacific Islander origin? (for example Fijian, Marshallese, Tongan)",
          required: true,
        },
      },
    ],
  },
  { code: "WHITE", label: "White", subcategories: [] },
] as const satisfies readonly Group[];

function codesOf(groups: readonly Group[]): [string, ...string[]] {
  return [DECLINED, ...groups.flatMap((g) => [g.code, ...g.subcategories.map((s) => s.code)])];
}
function choicesOf(groups: readonly Group[]): Choice[] {
  return groups.flatMap((g) => [g, ...g.subcategories]);
}

export const ETHNICITY_CODES = codesOf(ETHNICITY_GROUPS);
export const RACE_CODES = codesOf(RACE_GROUPS);
const TEXT_CHOICES = [...choicesOf(ETHNICITY_GROUPS), ...choicesOf(RACE_GROUPS)].filter(
  (c): c is Choice & { text: NonNullable<Choice["text"]> } => c.text !== undefined,
);

/** Words for every code, as the merchant and the register read them. */
export const SECTION_1071_LABELS: Record<string, string> = {
  YES: "Yes",
  NO: "No",
  [DECLINED]: "Does not wish to provide",
  "0": "None",
  ...Object.fromEntries(
    [...choicesOf(ETHNICITY_GROUPS), ...choicesOf(RACE_GROUPS)].map((c) => [c.code, c.label]),
  ),
};

export const BUSINESS_STATUS_QUESTIONS = [
  {
    field: "womenOwned",
    label: "Is the business women-owned?",
    hint: "Women-owned means that one or more women own more than half of the business, control and run it, and receive more than half of its profit or loss.",
  },
  {
    field: "minorityOwned",
    label: "Is the business minority-owned?",
    hint: "Minority-owned means that one or more people who are American Indian or Alaska Native, Asian, Black or African American, Native Hawaiian or Other Pacific Islander, or Hispanic or Latino own more than half of the business, control and run it, and receive more than half of its profit or loss.",
  },
  {
    field: "lgbtqiOwned",
    label: "Is the business LGBTQI+-owned?",
    hint: "LGBTQI+-owned means that one or more people who are lesbian, gay, bisexual, transgender, queer or intersex (or identify as such) own more than half of the business, control and run it, and receive more than half of its profit or loss.",
  },
] as const;
export type BusinessStatusField = (typeof BUSINESS_STATUS_QUESTIONS)[number]["field"];

export type OwnerAnswers = {
  ethnicity: string[];
  race: string[];
  sex: string | null;
  sexDeclined: boolean;
} & Record<OwnerTextField, string | null>;

/** The answers as kept: every question may be unanswered (null, or an owner left blank). */
export type Section1071Answers = Record<BusinessStatusField, BusinessStatusAnswer | null> & {
  principalOwnerCount: OwnerCountAnswer | null;
  /** Always four entries, owner 1 to 4; an owner with no answer is blank. */
  owners: OwnerAnswers[];
};

export function blankOwner(): OwnerAnswers {
  return {
    ethnicity: [],
    ethnicityOtherHispanic: null,
    race: [],
    raceAmericanIndianTribe: null,
    raceOtherAsian: null,
    raceOtherBlack: null,
    raceOtherPacificIslander: null,
    sex: null,
    sexDeclined: false,
  };
}

export function emptyAnswers(): Section1071Answers {
  return {
    womenOwned: null,
    minorityOwned: null,
    lgbtqiOwned: null,
    principalOwnerCount: null,
    owners: Array.from({ length: MAX_PRINCIPAL_OWNERS }, blankOwner),
  };
}

export function isBlankOwner(owner: OwnerAnswers): boolean {
  return (
    owner.ethnicity.length === 0 &&
    owner.race.length === 0 &&
    !owner.sex &&
    !owner.sexDeclined &&
    OWNER_TEXT_FIELDS.every((field) => !owner[field])
  );
}

const FREE_TEXT_MAX = 100;
// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
const freeText = /* @__PURE__ */ (() =>
  optionalFreeText(FREE_TEXT_MAX).transform((value) => (value ? value : null)))();

// One ticked box arrives as a single value, several as a list.
const multi = (codes: [string, ...string[]]) =>
  z
    .preprocess(
      (value) => (typeof value === "string" ? [value] : value),
      z.array(z.enum(codes, { error: "Choose among the answers listed." })).optional(),
    )
    .transform((values) => [...new Set(values ?? [])]);

const OwnerSchema = /* @__PURE__ */ (() =>
  z
    .object({
      ethnicity: multi(ETHNICITY_CODES),
      ethnicityOtherHispanic: freeText,
      race: multi(RACE_CODES),
      raceAmericanIndianTribe: freeText,
      raceOtherAsian: freeText,
      raceOtherBlack: freeText,
      raceOtherPacificIslander: freeText,
      sex: freeText,
      sexDeclined: z
        .boolean()
        .optional()
        .transform((value) => value === true),
    })
    .superRefine((owner, ctx) => {
      for (const [field, words] of [
        ["ethnicity", "ethnicity"],
        ["race", "race"],
      ] as const) {
        if (owner[field].includes(DECLINED) && owner[field].length > 1)
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `For ${words}, either tick answers or “${DECLINE_LABEL}”, not both.`,
          });
      }
      if (owner.sexDeclined && owner.sex)
        ctx.addIssue({
          code: "custom",
          path: ["sex"],
          message: `Either describe the sex/gender or tick “${DECLINE_LABEL}”, not both.`,
        });
      for (const choice of TEXT_CHOICES) {
        const ticked = [...owner.ethnicity, ...owner.race].includes(choice.code);
        const text = owner[choice.text.field];
        if (ticked && choice.text.required && !text)
          ctx.addIssue({
            code: "custom",
            path: [choice.text.field],
            message: `You ticked “${choice.label}”: say which, or untick it.`,
          });
        if (!ticked && text)
          ctx.addIssue({
            code: "custom",
            path: [choice.text.field],
            message: `Tick “${choice.label}” as well, or clear this box.`,
          });
      }
    }))();

const businessStatus = /* @__PURE__ */ (() =>
  z
    .enum(BUSINESS_STATUS_ANSWERS, { error: "Choose one of the answers listed." })
    .optional()
    .transform((value) => value ?? null))();

/**
 * The form (conform + zod, the same on the client and the server). Every answer may be left out;
 * the rules are the ones the rule's sample form implies: "I do not wish to provide" stands alone,
 * an "Other" box needs its description, at most four owners, and no more owners described than
 * the number of principal owners given.
 */
export const Section1071Schema = /* @__PURE__ */ (() =>
  z
    .object({
      womenOwned: businessStatus,
      minorityOwned: businessStatus,
      lgbtqiOwned: businessStatus,
      principalOwnerCount: z
        .enum(OWNER_COUNT_ANSWERS, { error: "Choose a number from 0 to 4, or that you do not wish to say." })
        .optional()
        .transform((value) => value ?? null),
      owners: z
        .array(OwnerSchema.optional())
        .max(MAX_PRINCIPAL_OWNERS, `At most ${MAX_PRINCIPAL_OWNERS} principal owners are asked about.`)
        .optional(),
    })
    .superRefine((form, ctx) => {
      if (form.principalOwnerCount === null || form.principalOwnerCount === DECLINED) return;
      const count = Number(form.principalOwnerCount);
      (form.owners ?? []).forEach((owner, index) => {
        if (owner && index >= count && !isBlankOwner(owner))
          ctx.addIssue({
            code: "custom",
            path: ["owners", index],
            message:
              count === 0
                ? `You said the business has no principal owner: clear owner ${index + 1}, or change the number.`
                : `You said the business has ${count} principal owner${count === 1 ? "" : "s"}: clear owner ${index + 1}, or change the number.`,
          });
      });
    })
    .transform(
      (form): Section1071Answers => ({
        womenOwned: form.womenOwned,
        minorityOwned: form.minorityOwned,
        lgbtqiOwned: form.lgbtqiOwned,
        principalOwnerCount: form.principalOwnerCount,
        owners: Array.from({ length: MAX_PRINCIPAL_OWNERS }, (_, i) => form.owners?.[i] ?? blankOwner()),
      }),
    ))();

const StoredOwnerSchema = /* @__PURE__ */ (() =>
  z.object({
    ethnicity: z.array(z.string()).catch([]),
    race: z.array(z.string()).catch([]),
    sex: z.string().nullable().catch(null),
    sexDeclined: z.boolean().catch(false),
    ...Object.fromEntries(OWNER_TEXT_FIELDS.map((f) => [f, z.string().nullable().catch(null)])),
  }))();

const StoredAnswersSchema = /* @__PURE__ */ (() =>
  z.object({
    womenOwned: z.enum(BUSINESS_STATUS_ANSWERS).nullable().catch(null),
    minorityOwned: z.enum(BUSINESS_STATUS_ANSWERS).nullable().catch(null),
    lgbtqiOwned: z.enum(BUSINESS_STATUS_ANSWERS).nullable().catch(null),
    principalOwnerCount: z.enum(OWNER_COUNT_ANSWERS).nullable().catch(null),
    owners: z.array(StoredOwnerSchema).catch([]),
  }))();

/** Saved answers read back; anything unreadable counts as unanswered rather than failing. */
export function answersFromJson(json: string | null | undefined): Section1071Answers {
  if (!json) return emptyAnswers();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return emptyAnswers();
  }
  const parsed = StoredAnswersSchema.safeParse(raw);
  if (!parsed.success) return emptyAnswers();
  const owners = parsed.data.owners as unknown as OwnerAnswers[];
  return {
    ...parsed.data,
    owners: Array.from({ length: MAX_PRINCIPAL_OWNERS }, (_, i) => {
      const owner = owners[i];
      return owner ? { ...blankOwner(), ...owner } : blankOwner();
    }),
  };
}

/** True when the applicant gave at least one answer (declining to answer is an answer). */
export function hasAnyAnswer(answers: Section1071Answers): boolean {
  return (
    BUSINESS_STATUS_QUESTIONS.some((q) => answers[q.field] !== null) ||
    answers.principalOwnerCount !== null ||
    answers.owners.some((owner) => !isBlankOwner(owner))
  );
}

/** One owner's ethnicity or race in words, with the free text where given. */
export function describeChoices(codes: readonly string[], owner: OwnerAnswers): string {
  return codes
    .map((code) => {
      const label = SECTION_1071_LABELS[code] ?? code;
      const choice = TEXT_CHOICES.find((c) => c.code === code);
      const text = choice ? owner[choice.text.field] : null;
      return text ? `${label} (${text})` : label;
    })
    .join("; ");
}
