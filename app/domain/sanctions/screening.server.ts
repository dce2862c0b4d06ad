// Screening names against the current sanctions list (docs/design/sanctions.md): the merchant's
// legal and trade names, each owner and each buyer, when they are saved, when an application is
// submitted, and again for every live application and funded deal when a new list is loaded.
// Every screening is stored with the list version it used and audited; a potential match is a
// ScreeningHit, open until an admin clears or confirms it.
import { recordAudit } from "~/domain/audit/audit.server";
import { createInStatus } from "~/domain/workflow/transition.server";
import type { Db, Prisma } from "~/utils/db.server";
import { currentList, indexOf, type ListVersion } from "./lists.server";
import { nameTokens } from "./normalise";
import type { SubjectType } from "./subjects";
import { SCREENING_HIT_WORKFLOW } from "./workflow";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: string; name?: string } | null;

export { SUBJECT_LABELS, SUBJECT_TYPES, type SubjectType } from "./subjects";
export type Trigger = "SAVE" | "SUBMISSION" | "LIST_LOAD";

/** Owners are people: they are screened against the list's individuals only. */
const PEOPLE: ReadonlySet<string> = new Set(["individual"]);
/** Businesses and buyers against its entities and individuals (a sole trader trades in a name). */
const PARTIES: ReadonlySet<string> = new Set(["entity", "individual"]);

export type Subject = { type: SubjectType; id: string; name: string };

/** The result of one name, as the package and the admin page show it. */
export type ScreenedName = {
  subjectType: SubjectType;
  subjectId: string;
  name: string;
  hits: {
    hitId: string;
    entNum: number;
    listedName: string;
    matchedName: string;
    programs: string;
    type: string;
    score: number;
    status: string;
  }[];
};

export type ScreeningResult = {
  list: { id: string; listDate: string; sha256: string; altSha256: string | null } | null;
  names: ScreenedName[];
  /** Potential matches still open: the application waits for an admin. */
  openHits: number;
};

const listRef = (list: ListVersion) => ({
  id: list.id,
  listDate: list.listDate.toISOString().slice(0, 10),
  sha256: list.sha256,
  altSha256: list.altSha256,
});

const sameName = (a: string, b: string) => nameTokens(a).join(" ") === nameTokens(b).join(" ");

/** The merchant's names and owners, as subjects to screen. */
export async function merchantSubjects(db: Db | Tx, merchantId: string): Promise<Subject[]> {
  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    select: {
      id: true,
      legalName: true,
      dbaName: true,
      beneficialOwners: { select: { id: true, name: true } },
    },
  });
  return merchant ? subjectsOfMerchant(merchant) : [];
}

/** The same, from the merchant's row as already read. */
export function subjectsOfMerchant(merchant: {
  id: string;
  legalName: string;
  dbaName: string | null;
  beneficialOwners: readonly { name: string }[];
}): Subject[] {
  return [
    { type: "MERCHANT_LEGAL", id: merchant.id, name: merchant.legalName },
    ...(merchant.dbaName && !sameName(merchant.dbaName, merchant.legalName)
      ? [{ type: "MERCHANT_TRADE" as const, id: merchant.id, name: merchant.dbaName }]
      : []),
    // Owners are rewritten on every profile save: the merchant and the name identify one.
    ...merchant.beneficialOwners.map((o) => ({ type: "OWNER" as const, id: merchant.id, name: o.name })),
  ];
}

/**
 * Screens names against the current list and stores each screening and its hits. A hit on an
 * entry an admin already cleared for the same subject and name is stored cleared, with that
 * reason: clearing is not asked twice for the same facts.
 */
export async function screenSubjects(
  tx: Tx,
  input: {
    merchantId: string;
    applicationId?: string | null;
    subjects: readonly Subject[];
    trigger: Trigger;
    actor: Actor;
    ip?: string | null;
    list?: ListVersion | null;
  },
): Promise<ScreeningResult> {
  const list = input.list === undefined ? await currentList(tx) : input.list;
  if (!list) return { list: null, names: [], openHits: 0 };
  const index = await indexOf(tx, list.id);
  const names: ScreenedName[] = [];
  let openHits = 0;
  const row = (subject: Subject, hitCount: number) => ({
    listId: list.id,
    merchantId: input.merchantId,
    applicationId: input.applicationId ?? null,
    subjectType: subject.type,
    subjectId: subject.id,
    name: subject.name,
    trigger: input.trigger,
    hitCount,
  });
  // Most names match nothing: their screenings are written together, in one statement (a list
  // reload screens every party of every live application; docs/benchmarks.md).
  const clean: ReturnType<typeof row>[] = [];
  for (const subject of input.subjects) {
    const matches = index.search(subject.name, { types: subject.type === "OWNER" ? PEOPLE : PARTIES });
    const hits: ScreenedName["hits"] = [];
    if (matches.length === 0) clean.push(row(subject, 0));
    else {
      const screening = await tx.screening.create({
        data: row(subject, matches.length),
        select: { id: true },
      });
      const [entries, cleared] = await Promise.all([
        tx.sanctionsEntry.findMany({
          where: { id: { in: matches.map((m) => m.entryId) } },
          select: { id: true, name: true, programs: true, type: true },
        }),
        tx.screeningHit.findMany({
          where: {
            status: "CLEARED",
            screening: { subjectType: subject.type, subjectId: subject.id },
            entry: { entNum: { in: matches.map((m) => m.entNum) } },
          },
          select: {
            decisionReason: true,
            entry: { select: { entNum: true } },
            screening: { select: { name: true } },
          },
        }),
      ]);
      const byId = new Map(entries.map((e) => [e.id, e]));
      for (const match of matches) {
        const entry = byId.get(match.entryId);
        if (!entry) continue;
        const before = cleared.find(
          (c) => c.entry.entNum === match.entNum && sameName(c.screening.name, subject.name),
        );
        const status = before ? "CLEARED" : "OPEN";
        const scorePermille = Math.round(match.score * 1000);
        const { id } = await createInStatus(tx, SCREENING_HIT_WORKFLOW, {
          status,
          data: {
            screeningId: screening.id,
            entryId: entry.id,
            merchantId: input.merchantId,
            applicationId: input.applicationId ?? null,
            matchedName: match.matchedName,
            scorePermille,
            ...(before ? { decisionReason: `Cleared before: ${before.decisionReason ?? ""}`.trim() } : {}),
          },
          actor: input.actor,
          ip: input.ip ?? null,
          action: "sanctions.hit_found",
          summary: {
            subjectType: subject.type,
            name: subject.name,
            entNum: match.entNum,
            listedName: entry.name,
            matchedName: match.matchedName,
            scorePermille,
            listDate: listRef(list).listDate,
            listSha256: list.sha256,
          },
        });
        if (status === "OPEN") openHits++;
        hits.push({
          hitId: id,
          entNum: match.entNum,
          listedName: entry.name,
          matchedName: match.matchedName,
          programs: entry.programs,
          type: entry.type,
          score: scorePermille,
          status,
        });
      }
    }
    names.push({ subjectType: subject.type, subjectId: subject.id, name: subject.name, hits });
  }
  if (clean.length > 0) await tx.screening.createMany({ data: clean });
  await recordAudit(tx, {
    actor: input.actor,
    action: "sanctions.screened",
    entityType: input.applicationId ? "Application" : "Merchant",
    entityId: input.applicationId ?? input.merchantId,
    summary: {
      trigger: input.trigger,
      listDate: listRef(list).listDate,
      listSha256: list.sha256,
      names: names.map((n) => ({ subjectType: n.subjectType, name: n.name, hits: n.hits.length })),
      openHits,
    },
    ip: input.ip ?? null,
  });
  return { list: listRef(list), names, openHits };
}

/**
 * Screens every party of an application being submitted: the merchant's names, its owners and
 * the buyers of the attached orders. `hold` says the application must wait at COMPLIANCE_REVIEW.
 */
export async function screenApplication(
  tx: Tx,
  input: { applicationId: string; merchantId: string; actor: Actor; ip?: string | null },
): Promise<ScreeningResult & { hold: boolean }> {
  const orders = await tx.applicationOrder.findMany({
    where: { applicationId: input.applicationId },
    select: { exportOrder: { select: { id: true, buyerName: true } } },
  });
  const subjects: Subject[] = [
    ...(await merchantSubjects(tx, input.merchantId)),
    ...orders.map((o) => ({ type: "BUYER" as const, id: o.exportOrder.id, name: o.exportOrder.buyerName })),
  ];
  const result = await screenSubjects(tx, {
    merchantId: input.merchantId,
    applicationId: input.applicationId,
    subjects,
    trigger: "SUBMISSION",
    actor: input.actor,
    ip: input.ip,
  });
  return { ...result, hold: result.openHits > 0 };
}

/** Screens names just saved (profile, owners, an order's buyer); a hit flags them for admins. */
export async function screenOnSave(
  db: Db,
  input: { merchantId: string; subjects: readonly Subject[]; actor: Actor; ip?: string | null },
): Promise<ScreeningResult> {
  if (input.subjects.length === 0) return { list: null, names: [], openHits: 0 };
  return db.$transaction((tx) => screenSubjects(tx, { ...input, applicationId: null, trigger: "SAVE" }));
}
