// Section 1071 answers: the merchant's saved answers (they prefill the next application), the
// copy taken into each application's register record at submission, and the changes the
// merchant may make to it until the application ends (docs/design/section-1071.md).
// Nothing here is read by any lender page, package, e-mail or export; audit events say that
// answers changed, never what they are.
import { recordAudit } from "~/domain/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { recordActionTaken } from "./action-taken.server";
import {
  answersFromJson,
  blankOwner,
  hasAnyAnswer,
  isBlankOwner,
  MAX_PRINCIPAL_OWNERS,
  type OwnerAnswers,
  type Section1071Answers,
} from "./questions";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: string };

const ENDED = "This application has ended: its answers are kept as they were and can no longer be changed.";

/** The application statuses in which the merchant may still change its answers. */
const ANSWERABLE = ["DRAFT", "SUBMITTED", "IN_REVIEW", "OFFERED", "ACCEPTED"];

export async function getSavedAnswers(db: Db | Tx, merchantId: string): Promise<Section1071Answers> {
  const saved = await db.section1071SavedAnswers.findUnique({
    where: { merchantId },
    select: { answersJson: true },
  });
  return answersFromJson(saved?.answersJson);
}

async function writeSavedAnswers(tx: Tx, merchantId: string, answers: Section1071Answers) {
  const answersJson = JSON.stringify(answers);
  await tx.section1071SavedAnswers.upsert({
    where: { merchantId },
    create: { merchantId, answersJson },
    update: { answersJson },
  });
}

/** The merchant's saved answers, from its dashboard: used for its next application. */
export async function saveAnswers(
  db: Db,
  input: { merchantId: string; answers: Section1071Answers; actor: Actor; ip: string },
) {
  await db.$transaction(async (tx) => {
    await writeSavedAnswers(tx, input.merchantId, input.answers);
    await recordAudit(tx, {
      actor: input.actor,
      action: "merchant.demographics_saved",
      entityType: "Merchant",
      entityId: input.merchantId,
      ip: input.ip,
    });
  });
}

const OWNER_SELECT = {
  position: true,
  ethnicityJson: true,
  ethnicityOtherHispanic: true,
  raceJson: true,
  raceAmericanIndianTribe: true,
  raceOtherAsian: true,
  raceOtherBlack: true,
  raceOtherPacificIslander: true,
  sexSelfDescribed: true,
  sexDeclined: true,
} as const;

const RECORD_SELECT = {
  womenOwned: true,
  minorityOwned: true,
  lgbtqiOwned: true,
  principalOwnerCount: true,
  owners: { select: OWNER_SELECT, orderBy: { position: "asc" } },
} as const;

type OwnerRow = Prisma.Section1071OwnerGetPayload<{ select: typeof OWNER_SELECT }>;
type RecordRow = Prisma.Section1071RecordGetPayload<{ select: typeof RECORD_SELECT }>;

function codes(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

function ownerFromRow(row: OwnerRow): OwnerAnswers {
  return {
    ethnicity: codes(row.ethnicityJson),
    ethnicityOtherHispanic: row.ethnicityOtherHispanic,
    race: codes(row.raceJson),
    raceAmericanIndianTribe: row.raceAmericanIndianTribe,
    raceOtherAsian: row.raceOtherAsian,
    raceOtherBlack: row.raceOtherBlack,
    raceOtherPacificIslander: row.raceOtherPacificIslander,
    sex: row.sexSelfDescribed,
    sexDeclined: row.sexDeclined,
  };
}

/** A register record's answers, in the shape the form and the register use. */
export function answersFromRecord(record: RecordRow): Section1071Answers {
  return {
    womenOwned: record.womenOwned as Section1071Answers["womenOwned"],
    minorityOwned: record.minorityOwned as Section1071Answers["minorityOwned"],
    lgbtqiOwned: record.lgbtqiOwned as Section1071Answers["lgbtqiOwned"],
    principalOwnerCount: record.principalOwnerCount as Section1071Answers["principalOwnerCount"],
    owners: Array.from({ length: MAX_PRINCIPAL_OWNERS }, (_, i) => {
      const row = record.owners.find((o) => o.position === i + 1);
      return row ? ownerFromRow(row) : blankOwner();
    }),
  };
}

function ownerRows(answers: Section1071Answers) {
  return answers.owners.flatMap((owner, index) =>
    isBlankOwner(owner)
      ? []
      : [
          {
            position: index + 1,
            ethnicityJson: JSON.stringify(owner.ethnicity),
            ethnicityOtherHispanic: owner.ethnicityOtherHispanic,
            raceJson: JSON.stringify(owner.race),
            raceAmericanIndianTribe: owner.raceAmericanIndianTribe,
            raceOtherAsian: owner.raceOtherAsian,
            raceOtherBlack: owner.raceOtherBlack,
            raceOtherPacificIslander: owner.raceOtherPacificIslander,
            sexSelfDescribed: owner.sex,
            sexDeclined: owner.sexDeclined,
          },
        ],
  );
}

function recordAnswerColumns(answers: Section1071Answers) {
  return {
    womenOwned: answers.womenOwned,
    minorityOwned: answers.minorityOwned,
    lgbtqiOwned: answers.lgbtqiOwned,
    principalOwnerCount: answers.principalOwnerCount,
  };
}

/**
 * At submission, in the submission's transaction: the merchant's saved answers (or none) become
 * the application's register record. An application declined at once is final already, so its
 * action taken is derived here too.
 */
export async function copyAnswersAtSubmission(
  tx: Tx,
  input: { applicationId: string; merchantId: string; submittedAt: Date },
): Promise<void> {
  const answers = await getSavedAnswers(tx, input.merchantId);
  await tx.section1071Record.create({
    data: {
      applicationId: input.applicationId,
      merchantId: input.merchantId,
      receivedAt: input.submittedAt,
      ...recordAnswerColumns(answers),
      answeredAt: hasAnyAnswer(answers) ? input.submittedAt : null,
      owners: { create: ownerRows(answers) },
    },
    select: { id: true },
  });
  await recordActionTaken(tx, input.applicationId);
}

export type ApplicationAnswers = {
  application: { id: string; status: string; submittedAt: Date | null };
  answers: Section1071Answers;
  /**
   * Draft: the saved answers, copied at submission. Sent: the application's own record. None: sent
   * before answers were kept per application, so it has none.
   */
  source: "saved" | "record" | "none";
  editable: boolean;
};

/** What the merchant sees on an application's Section 1071 step; null when it is not theirs. */
export async function getApplicationAnswers(
  db: Db,
  input: { merchantId: string; applicationId: string },
): Promise<ApplicationAnswers | null> {
  const application = await db.application.findFirst({
    where: { id: input.applicationId, merchantId: input.merchantId },
    select: {
      id: true,
      status: true,
      submittedAt: true,
      section1071Record: { select: RECORD_SELECT },
    },
  });
  if (!application || application.status === "DISCARDED") return null;
  const { section1071Record, ...rest } = application;
  const editable = ANSWERABLE.includes(application.status);
  if (application.status === "DRAFT")
    return {
      application: rest,
      answers: await getSavedAnswers(db, input.merchantId),
      source: "saved",
      editable,
    };
  return {
    application: rest,
    answers: section1071Record ? answersFromRecord(section1071Record) : answersFromJson(null),
    source: section1071Record ? "record" : "none",
    editable: editable && section1071Record !== null,
  };
}

export type SaveApplicationAnswersOutcome =
  | { ok: true; source: "saved" | "record" }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; message: string };

/**
 * The merchant answers (or changes its answers) for one application. Before submission the
 * answers are the merchant's saved answers, copied when it is sent; afterwards they replace the
 * application's record until the application ends, and are saved for the next application too.
 */
export async function saveApplicationAnswers(
  db: Db,
  input: {
    merchantId: string;
    applicationId: string;
    answers: Section1071Answers;
    actor: Actor;
    ip: string;
    now?: Date;
  },
): Promise<SaveApplicationAnswersOutcome> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, merchantId: input.merchantId },
      select: { id: true, status: true, section1071Record: { select: { id: true } } },
    });
    if (!application || application.status === "DISCARDED") return { ok: false, reason: "not-found" };
    if (!ANSWERABLE.includes(application.status)) return { ok: false, reason: "conflict", message: ENDED };
    if (application.status !== "DRAFT" && !application.section1071Record)
      return {
        ok: false,
        reason: "conflict",
        message:
          "This application was sent before answers were kept for each application: it has none to change.",
      };
    const record = application.section1071Record;
    if (record) {
      // Written only while the application is still live: an end committed since the read above
      // leaves the record as it was.
      const changed = await tx.section1071Record.updateMany({
        where: { id: record.id, application: { status: { in: ANSWERABLE } } },
        data: { ...recordAnswerColumns(input.answers), answeredAt: now },
      });
      if (changed.count !== 1) return { ok: false, reason: "conflict", message: ENDED };
      await tx.section1071Owner.deleteMany({ where: { recordId: record.id } });
      await tx.section1071Owner.createMany({
        data: ownerRows(input.answers).map((row) => ({ ...row, recordId: record.id })),
      });
    }
    await writeSavedAnswers(tx, input.merchantId, input.answers);
    await recordAudit(tx, {
      actor: input.actor,
      action: record ? "application.demographics_changed" : "merchant.demographics_saved",
      entityType: record ? "Application" : "Merchant",
      entityId: record ? application.id : input.merchantId,
      ip: input.ip,
    });
    return { ok: true, source: record ? "record" : "saved" };
  });
}
