// The Section 1071 register for a reporting period, as rows and as CSV (docs/design/section-1071.md).
// Pure: takes the records and returns what the admin page and the download show.
import Papa from "papaparse";
import { z } from "zod";
import { neutraliseFormula } from "~/domain/exports/csv";
import { minorToDecimalString } from "~/domain/money";
import { ACTION_TAKEN_LABELS, type ActionTaken } from "./action-taken";
import {
  BUSINESS_STATUS_QUESTIONS,
  describeChoices,
  emptyAnswers,
  MAX_PRINCIPAL_OWNERS,
  SECTION_1071_LABELS,
  type Section1071Answers,
} from "./questions";

export type RegisterEntry = {
  applicationId: string;
  receivedAt: Date;
  actionTaken: ActionTaken | null;
  actionTakenAt: Date | null;
  currency: string;
  amountAppliedForCents: number;
  amountApprovedCents: number | null;
  collectedVia: string;
  answers: Section1071Answers;
};

const NOT_PROVIDED = "Not provided";

const STATUS_COLUMNS = {
  womenOwned: "Women-owned",
  minorityOwned: "Minority-owned",
  lgbtqiOwned: "LGBTQI+-owned",
} as const;

function day(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : "";
}

function answer(code: string | null): string {
  return code === null ? NOT_PROVIDED : (SECTION_1071_LABELS[code] ?? code);
}

/** One register line in words: the same cells for the page and the CSV. */
export function registerCells(entry: RegisterEntry): Record<string, string> {
  const cells: Record<string, string> = {
    "Application ID": entry.applicationId,
    "Application date": day(entry.receivedAt),
    "Action taken": entry.actionTaken ? ACTION_TAKEN_LABELS[entry.actionTaken] : "Pending",
    "Action taken date": day(entry.actionTakenAt),
    Currency: entry.currency,
    "Amount applied for": minorToDecimalString(entry.amountAppliedForCents, entry.currency),
    "Amount approved or originated":
      entry.amountApprovedCents === null
        ? ""
        : minorToDecimalString(entry.amountApprovedCents, entry.currency),
    "How the answers were obtained":
      entry.collectedVia === "APPLICANT_PROVIDED" ? "Provided by the applicant" : entry.collectedVia,
  };
  for (const question of BUSINESS_STATUS_QUESTIONS) {
    cells[STATUS_COLUMNS[question.field]] = answer(entry.answers[question.field]);
  }
  cells["Number of principal owners"] = answer(entry.answers.principalOwnerCount);
  entry.answers.owners.slice(0, MAX_PRINCIPAL_OWNERS).forEach((owner, index) => {
    const n = index + 1;
    cells[`Owner ${n} ethnicity`] = owner.ethnicity.length
      ? describeChoices(owner.ethnicity, owner)
      : NOT_PROVIDED;
    cells[`Owner ${n} race`] = owner.race.length ? describeChoices(owner.race, owner) : NOT_PROVIDED;
    cells[`Owner ${n} sex/gender`] = owner.sexDeclined
      ? (SECTION_1071_LABELS.DECLINED ?? "")
      : (owner.sex ?? NOT_PROVIDED);
  });
  return cells;
}

// A cell a spreadsheet would run as a formula gets a leading apostrophe: the rule every export
// shares (app/domain/exports/csv.ts), so that free text typed by an applicant can never execute.
export { neutraliseFormula };

export function registerCsv(entries: readonly RegisterEntry[]): string {
  const rows = entries.map(registerCells);
  const header = Object.keys(registerCells(BLANK_ENTRY));
  return Papa.unparse(
    {
      fields: header,
      data: rows.map((row) => header.map((column) => neutraliseFormula(row[column] ?? ""))),
    },
    { newline: "\r\n" },
  );
}

const BLANK_ENTRY: RegisterEntry = {
  applicationId: "",
  receivedAt: new Date(0),
  actionTaken: null,
  actionTakenAt: null,
  currency: "USD",
  amountAppliedForCents: 0,
  amountApprovedCents: null,
  collectedVia: "APPLICANT_PROVIDED",
  answers: emptyAnswers(),
};

/** The reporting periods offered: calendar years from the first record to this one. */
export function reportingYears(firstYear: number | null, thisYear: number): number[] {
  const from = Math.min(firstYear ?? thisYear, thisYear);
  return Array.from({ length: thisYear - from + 1 }, (_, i) => thisYear - i);
}

/** The reporting period asked for in a URL: a calendar year, this year when absent or unreadable. */
export function reportingYearOf(value: string | null, thisYear: number): number {
  return z.coerce
    .number()
    .int()
    .min(2000)
    .max(thisYear)
    .catch(thisYear)
    .parse(value ?? thisYear);
}
