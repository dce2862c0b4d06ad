// The offer's disclosure and the signed acceptance as documents people keep (PDF), laid out from
// the same content the page shows (docs/design/documents.md). The signed copy is rendered from
// the disclosure stored at acceptance, never from the offer as it is today.
import { createHash } from "node:crypto";
import { recordAudit } from "~/domain/audit/audit.server";
import type { Db, Prisma } from "~/utils/db.server";
import { type DocumentBlock, type PrintableDocument, renderPdf } from "~/utils/pdf.server";
import { type AcceptedDisclosure, offerNotices, readAcceptedDisclosure } from "./acceptance";
import type { DisclosureContent } from "./disclosure-content";
import { listOffersForMerchant, type MerchantOffer } from "./offers.server";

type Actor = { id: string; role: string };
type Tx = Prisma.TransactionClient;

const PDF = "application/pdf";

const stamp = (value: Date | string) => `${new Date(value).toISOString().replace("T", " ").slice(0, 16)} UTC`;

function contentBlocks(content: DisclosureContent): DocumentBlock[] {
  const blocks: DocumentBlock[] = [
    { kind: "facts", rows: content.facts.map((line) => [line.label, line.value] as const) },
  ];
  if (content.schedule.rows.length > 0) {
    blocks.push(
      { kind: "heading", text: "Payment schedule" },
      {
        kind: "table",
        columns: ["No.", "Due", "Amount"],
        rows: content.schedule.rows.map((row) => [String(row.number), row.date, row.amount]),
        align: ["left", "left", "right"],
      },
      { kind: "paragraph", text: content.schedule.assumption, small: true },
    );
    if (content.schedule.rounding)
      blocks.push({ kind: "paragraph", text: content.schedule.rounding, small: true });
  }
  for (const note of content.notes)
    blocks.push({ kind: "heading", text: note.heading }, { kind: "paragraph", text: note.text });
  return blocks;
}

/** The disclosure of an offer, as the merchant is shown it before deciding. */
export function disclosureDocument(input: {
  offerId: string;
  lender: string;
  merchant: string;
  content: DisclosureContent;
  notices: readonly string[];
  madeAt: Date;
  expiresAt: Date;
}): PrintableDocument {
  return {
    title: `Offer summary: ${input.content.product} from ${input.lender}`,
    subtitle: `For ${input.merchant}. Offer made ${stamp(input.madeAt)}, open until ${stamp(input.expiresAt)}.`,
    issuedAt: input.madeAt,
    footer: `Offer ${input.offerId}`,
    blocks: [
      ...input.notices.map((text): DocumentBlock => ({ kind: "paragraph", text })),
      ...contentBlocks(input.content),
      {
        kind: "paragraph",
        small: true,
        text: "The law on commercial financing asks that you be given this information so that you can make an informed decision and compare the cost with other financing. The offer binds you only once you sign it in TradeLift.",
      },
    ],
  };
}

export type SignatureRecord = {
  signatureName: string;
  signerAccount: string;
  acceptedAt: Date;
  ip: string;
  sha256: string;
  /** The stored copy still hashes to the stored SHA-256. */
  intact: boolean;
};

/** The disclosure as accepted, with who signed it, when, from where, and its fingerprint. */
export function signedDisclosureDocument(input: {
  offerId: string;
  merchant: string;
  accepted: AcceptedDisclosure;
  signature: SignatureRecord;
}): PrintableDocument {
  const { accepted, signature } = input;
  return {
    title: `Signed offer summary: ${accepted.product} from ${accepted.lender}`,
    subtitle: `For ${input.merchant}. Accepted and signed ${stamp(signature.acceptedAt)}.`,
    issuedAt: signature.acceptedAt,
    footer: `Offer ${input.offerId} · SHA-256 ${signature.sha256.slice(0, 16)}`,
    blocks: [
      ...accepted.notices.map((text): DocumentBlock => ({ kind: "paragraph", text })),
      ...contentBlocks(accepted.content),
      { kind: "heading", text: "Signature record" },
      {
        kind: "facts",
        rows: [
          ["Signed as", signature.signatureName],
          ["Signer's account", signature.signerAccount],
          ["Signed at", stamp(signature.acceptedAt)],
          ["IP address", signature.ip],
          ["Consent given", accepted.consent],
          ["SHA-256 of the disclosure accepted", signature.sha256],
        ],
      },
      {
        kind: "paragraph",
        small: true,
        text: signature.intact
          ? "The SHA-256 is the fingerprint of the exact disclosure shown when the offer was signed, kept by TradeLift; this document is printed from that copy."
          : "Warning: the stored copy of this disclosure no longer matches the fingerprint recorded when it was signed.",
      },
    ],
  };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A file name that says what the document is. */
export function disclosureFileName(offerId: string, signed: boolean): string {
  return `tradelift-${signed ? "signed-disclosure" : "disclosure"}-${offerId}.pdf`;
}

async function merchantName(db: Db | Tx, merchantId: string): Promise<string> {
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { legalName: true },
  });
  return merchant.legalName;
}

/** The PDF of an offer's disclosure as the merchant is shown it now. */
export async function renderOfferDisclosure(
  db: Db | Tx,
  merchantId: string,
  offer: MerchantOffer,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const document = disclosureDocument({
    offerId: offer.id,
    lender: offer.lenderOrg.name,
    merchant: await merchantName(db, merchantId),
    content: offer.disclosure,
    notices:
      offer.effectiveStatus === "PENDING" ? offerNotices({ partnerStatus: offer.lenderOrg.status }) : [],
    madeAt: offer.madeAt,
    expiresAt: offer.expiresAt,
  });
  return {
    fileName: disclosureFileName(offer.id, false),
    contentType: PDF,
    content: await renderPdf(document),
  };
}

/** One of the merchant's offers' disclosure as PDF; null when the offer is not the merchant's. */
export async function disclosurePdfForMerchant(
  db: Db,
  input: { merchantId: string; offerId: string; now?: Date },
): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const ids = await db.offer.findFirst({
    where: { id: input.offerId, application: { merchantId: input.merchantId } },
    select: { applicationId: true },
  });
  if (!ids) return null;
  const offer = (await listOffersForMerchant(db, input.merchantId, ids.applicationId, input.now)).find(
    (o) => o.id === input.offerId,
  );
  return offer ? renderOfferDisclosure(db, input.merchantId, offer) : null;
}

/** The signed disclosure of an accepted offer, from the copy stored when it was signed. */
export async function renderSignedDisclosure(
  db: Db | Tx,
  offerId: string,
): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const offer = await db.offer.findUnique({
    where: { id: offerId },
    select: {
      id: true,
      status: true,
      signatureName: true,
      acceptedAt: true,
      acceptedIp: true,
      acceptedDisclosureJson: true,
      acceptedDisclosureSha256: true,
      application: { select: { merchantId: true } },
      signerUserId: true,
    },
  });
  if (
    offer?.status !== "ACCEPTED" ||
    !offer.acceptedDisclosureJson ||
    !offer.acceptedDisclosureSha256 ||
    !offer.acceptedAt ||
    !offer.signatureName
  )
    return null;
  const signer = offer.signerUserId
    ? await db.user.findUnique({ where: { id: offer.signerUserId }, select: { name: true, email: true } })
    : null;
  const document = signedDisclosureDocument({
    offerId: offer.id,
    merchant: await merchantName(db, offer.application.merchantId),
    accepted: readAcceptedDisclosure(offer.acceptedDisclosureJson),
    signature: {
      signatureName: offer.signatureName,
      signerAccount: signer ? `${signer.name} <${signer.email}>` : "not recorded",
      acceptedAt: offer.acceptedAt,
      ip: offer.acceptedIp ?? "not recorded",
      sha256: offer.acceptedDisclosureSha256,
      intact: sha256(offer.acceptedDisclosureJson) === offer.acceptedDisclosureSha256,
    },
  });
  return {
    fileName: disclosureFileName(offer.id, true),
    contentType: PDF,
    content: await renderPdf(document),
  };
}

/**
 * The signed disclosure for the merchant who signed it or the lender whose offer it is; null for
 * anyone else, or before the offer is accepted. Each download is recorded.
 */
export async function signedDisclosurePdfFor(
  db: Db,
  input: {
    offerId: string;
    owner: { merchantId: string } | { lenderOrgId: string };
    actor: Actor;
    ip: string;
  },
): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
  const owned = await db.offer.findFirst({
    where: {
      id: input.offerId,
      status: "ACCEPTED",
      ...("merchantId" in input.owner
        ? { application: { merchantId: input.owner.merchantId } }
        : { lenderOrgId: input.owner.lenderOrgId }),
    },
    select: { id: true },
  });
  if (!owned) return null;
  const file = await renderSignedDisclosure(db, owned.id);
  if (!file) return null;
  await recordAudit(db, {
    actor: input.actor,
    action: "offer.signed-disclosure.downloaded",
    entityType: "Offer",
    entityId: owned.id,
    ip: input.ip,
  });
  return file;
}
