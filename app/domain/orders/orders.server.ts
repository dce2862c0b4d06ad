// Export orders of one merchant: list, create, edit, change status, cancel, delete, import from
// CSV. Every status is written through the order table's guard; an order held by a live
// application or a funded deal keeps its financed fields (docs/design/application-package.md).
import { emailReferralLenders } from "~/domain/applications/team-mail.server";
import { OPEN_REFERRAL_STATUSES } from "~/domain/applications/workflow";
import { recordAudit } from "~/domain/audit/audit.server";
import { type FxTable, fxTable } from "~/domain/fx";
import { parseCsv, type RowError } from "~/domain/imports/csv";
import { formatMoney } from "~/domain/money";
import { orderCancelledEmail } from "~/domain/notifications/templates";
import { isEmbargoed } from "~/domain/sanctions/embargo";
import { screenOnSave } from "~/domain/sanctions/screening.server";
import { createInStatus, createManyInStatus, transition } from "~/domain/workflow/transition.server";
import { BULK_TRANSACTION, type Db, type Prisma } from "~/utils/db.server";
import { holdingApplicationText, type OrderHold } from "./financing";
import { everSubmitted, orderHolds } from "./financing.server";
import {
  type ExportOrderInput,
  exportOrderSchema,
  isOrderFinal,
  ORDER_WORKFLOW,
  type OrderStatus,
} from "./orders";
import { ORDER_CSV_COLUMNS } from "./orders-csv";

type Actor = { id: string; role: string };

export async function loadFxTable(db: Db): Promise<FxTable> {
  const rates = await db.fxRate.findMany({ select: { currency: true, usdPerUnitE8: true, asOfDate: true } });
  return fxTable(rates);
}

export const ORDERS_PAGE_SIZE = 25;

export type OrderFilter = { status?: string; buyerCountry?: string; paymentTerm?: string; page: number };

export async function listOrders(db: Db, merchantId: string, filter: OrderFilter) {
  const where = {
    merchantId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.buyerCountry ? { buyerCountry: filter.buyerCountry } : {}),
    ...(filter.paymentTerm ? { paymentTerm: filter.paymentTerm } : {}),
  };
  const [orders, total, countries] = await Promise.all([
    db.exportOrder.findMany({
      where,
      orderBy: [{ orderDate: "desc" }, { poNumber: "asc" }],
      skip: (filter.page - 1) * ORDERS_PAGE_SIZE,
      take: ORDERS_PAGE_SIZE,
      select: {
        id: true,
        poNumber: true,
        buyerName: true,
        buyerCountry: true,
        buyerRegion: true,
        amountCents: true,
        currency: true,
        orderDate: true,
        expectedShipDate: true,
        paymentTerm: true,
        paymentTermDays: true,
        incoterm: true,
        status: true,
        invoiceNumber: true,
        invoiceDate: true,
        paidDate: true,
      },
    }),
    db.exportOrder.count({ where }),
    db.exportOrder.findMany({
      where: { merchantId },
      distinct: ["buyerCountry"],
      select: { buyerCountry: true },
    }),
  ]);
  const holds = await orderHolds(db, { merchantId, orderIds: orders.map((o) => o.id) });
  return {
    orders: orders.map((o) => ({ ...o, financed: holds.has(o.id), embargoed: isEmbargoed(o) })),
    total,
    countries: countries.map((c) => c.buyerCountry).sort(),
  };
}

export async function getOrder(db: Db, merchantId: string, orderId: string) {
  return db.exportOrder.findFirst({
    where: { id: orderId, merchantId },
    select: {
      id: true,
      poNumber: true,
      buyerName: true,
      buyerCountry: true,
      buyerRegion: true,
      amountCents: true,
      currency: true,
      orderDate: true,
      expectedShipDate: true,
      paymentTerm: true,
      paymentTermDays: true,
      incoterm: true,
      status: true,
      invoiceNumber: true,
      invoiceDate: true,
      paidDate: true,
      cancelledAt: true,
      cancelReason: true,
      createdAt: true,
      updatedAt: true,
    },
  });
}

/** The live application or funded deal holding an order, if any. */
export async function orderHold(db: Db, merchantId: string, orderId: string): Promise<OrderHold | null> {
  return (await orderHolds(db, { merchantId, orderIds: [orderId] })).get(orderId) ?? null;
}

export class DuplicatePoNumberError extends Error {
  constructor(readonly poNumber: string) {
    super(`PO number ${poNumber} is already on file.`);
    this.name = "DuplicatePoNumberError";
  }
}

function orderData(order: ExportOrderInput) {
  return {
    poNumber: order.poNumber,
    buyerName: order.buyerName,
    buyerCountry: order.buyerCountry,
    buyerRegion: order.buyerRegion,
    amountCents: order.amountMinor,
    currency: order.currency,
    orderDate: order.orderDate,
    expectedShipDate: order.expectedShipDate,
    paymentTerm: order.paymentTerm,
    paymentTermDays: order.paymentTermDays,
    incoterm: order.incoterm,
  };
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string }).code === "P2002";
}

export async function createOrder(
  db: Db,
  input: { merchantId: string; order: ExportOrderInput; actor: Actor; ip: string },
) {
  try {
    const created = await db.$transaction(async (tx) => {
      return createInStatus(tx, ORDER_WORKFLOW, {
        status: "OPEN",
        data: { merchantId: input.merchantId, ...orderData(input.order) },
        actor: input.actor,
        ip: input.ip,
        action: "order.created",
        summary: orderSummary(orderData(input.order)),
      });
    });
    await screenBuyers(db, input, [{ id: created.id, buyerName: input.order.buyerName }]);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePoNumberError(input.order.poNumber);
    throw error;
  }
}

/** The fields that matter of an order, for its audit events. */
function orderSummary(order: {
  poNumber: string;
  buyerName: string;
  buyerCountry: string;
  buyerRegion?: string | null;
  amountCents: bigint;
  currency: string;
  paymentTerm: string;
  paymentTermDays: number;
  incoterm: string;
  orderDate?: Date;
  expectedShipDate?: Date | null;
}) {
  return {
    poNumber: order.poNumber,
    buyerName: order.buyerName,
    buyerCountry: order.buyerCountry,
    ...(order.buyerRegion ? { buyerRegion: order.buyerRegion } : {}),
    amountMinor: order.amountCents.toString(),
    currency: order.currency,
    paymentTerm: order.paymentTerm,
    paymentTermDays: order.paymentTermDays,
    incoterm: order.incoterm,
    ...(order.orderDate ? { orderDate: order.orderDate.toISOString().slice(0, 10) } : {}),
    ...(order.expectedShipDate !== undefined
      ? { expectedShipDate: order.expectedShipDate?.toISOString().slice(0, 10) ?? null }
      : {}),
  };
}

const SUMMARY_SELECT = {
  status: true,
  poNumber: true,
  buyerName: true,
  buyerCountry: true,
  buyerRegion: true,
  amountCents: true,
  currency: true,
  paymentTerm: true,
  paymentTermDays: true,
  incoterm: true,
  orderDate: true,
  expectedShipDate: true,
} as const;

export class OrderLockedError extends Error {
  constructor(message = "A paid or cancelled order cannot be edited.") {
    super(message);
    this.name = "OrderLockedError";
  }
}

/** Why a held order's financed fields cannot change. */
export function heldOrderMessage(hold: OrderHold): string {
  return `This order is financed in ${holdingApplicationText(hold)}: its buyer, country, PO number, amount, currency, dates, payment term and Incoterm can no longer change, and it cannot be deleted. You can still record its shipment, invoice and payment, or cancel it.`;
}

/** A buyer's name is screened when saved: a potential sanctions match flags it for admins. */
async function screenBuyers(
  db: Db,
  input: { merchantId: string; actor: Actor; ip: string },
  orders: readonly { id: string; buyerName: string }[],
) {
  await screenOnSave(db, {
    merchantId: input.merchantId,
    subjects: orders.map((o) => ({ type: "BUYER", id: o.id, name: o.buyerName })),
    actor: input.actor,
    ip: input.ip,
  });
}

export async function updateOrder(
  db: Db,
  input: { merchantId: string; orderId: string; order: ExportOrderInput; actor: Actor; ip: string },
): Promise<boolean> {
  try {
    const updated = await db.$transaction(async (tx) => {
      const existing = await tx.exportOrder.findFirst({
        where: { id: input.orderId, merchantId: input.merchantId },
        select: SUMMARY_SELECT,
      });
      if (!existing) return "not-found" as const;
      if (isOrderFinal(existing.status)) throw new OrderLockedError();
      // Checked in the write's transaction: a submission cannot slip in between.
      const hold = (await orderHolds(tx, { merchantId: input.merchantId, orderIds: [input.orderId] })).get(
        input.orderId,
      );
      if (hold) throw new OrderLockedError(heldOrderMessage(hold));
      await tx.exportOrder.update({ where: { id: input.orderId }, data: orderData(input.order) });
      await recordAudit(tx, {
        actor: input.actor,
        action: "order.updated",
        entityType: "ExportOrder",
        entityId: input.orderId,
        summary: { before: orderSummary(existing), after: orderSummary(orderData(input.order)) },
        ip: input.ip,
      });
      return existing.buyerName === input.order.buyerName ? ("saved" as const) : ("renamed" as const);
    });
    if (updated === "renamed")
      await screenBuyers(db, input, [{ id: input.orderId, buyerName: input.order.buyerName }]);
    return updated !== "not-found";
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePoNumberError(input.order.poNumber);
    throw error;
  }
}

export type StatusChangeOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" | "not-allowed" | "conflict"; from?: string };

/**
 * A status move of the order's normal life (shipped, invoiced, paid) through the guard; two tabs
 * cannot both win. Cancelling has its own path, `cancelOrder`, with a reason and the lenders told.
 */
export async function changeOrderStatus(
  db: Db,
  input: {
    merchantId: string;
    orderId: string;
    to: Exclude<OrderStatus, "CANCELLED">;
    invoiceNumber?: string;
    invoiceDate?: Date | null;
    paidDate?: Date | null;
    actor: Actor;
    ip: string;
  },
): Promise<StatusChangeOutcome> {
  return db.$transaction(async (tx) => {
    const order = await tx.exportOrder.findFirst({
      where: { id: input.orderId, merchantId: input.merchantId },
      select: SUMMARY_SELECT,
    });
    if (!order) return { ok: false, reason: "not-found" };
    const moved = await transition(tx, ORDER_WORKFLOW, {
      id: input.orderId,
      scope: { merchantId: input.merchantId },
      to: input.to,
      data: {
        ...(input.to === "INVOICED"
          ? { invoiceNumber: input.invoiceNumber ?? null, invoiceDate: input.invoiceDate ?? null }
          : {}),
        ...(input.to === "PAID" ? { paidDate: input.paidDate ?? null } : {}),
      },
      actor: input.actor,
      ip: input.ip,
      action: "order.status_changed",
      summary: orderSummary(order),
    });
    if (moved.ok) return { ok: true };
    if (moved.reason === "not-found") return { ok: false, reason: "not-found" };
    return moved.from === order.status
      ? { ok: false, reason: "not-allowed", from: order.status }
      : { ok: false, reason: "conflict" };
  });
}

export type CancelOutcome =
  | { ok: true; lendersTold: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "not-allowed"; from: string };

/**
 * Cancels an order with the merchant's reason. When a live application or funded deal holds it,
 * every lender still working on that application, or whose offer was accepted or funded, is
 * e-mailed, and their review page shows the cancellation beside the package.
 */
export async function cancelOrder(
  db: Db,
  input: { merchantId: string; orderId: string; reason: string; actor: Actor; ip: string; now?: Date },
): Promise<CancelOutcome> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const order = await tx.exportOrder.findFirst({
      where: { id: input.orderId, merchantId: input.merchantId },
      select: { ...SUMMARY_SELECT, merchant: { select: { legalName: true } } },
    });
    if (!order) return { ok: false, reason: "not-found" };
    const hold = (await orderHolds(tx, { merchantId: input.merchantId, orderIds: [input.orderId] })).get(
      input.orderId,
    );
    const moved = await transition(tx, ORDER_WORKFLOW, {
      id: input.orderId,
      scope: { merchantId: input.merchantId },
      from: ["OPEN", "SHIPPED", "INVOICED"],
      to: "CANCELLED",
      data: { cancelledAt: now, cancelReason: input.reason },
      actor: input.actor,
      ip: input.ip,
      action: "order.cancelled",
      summary: { ...orderSummary(order), reason: input.reason, applicationId: hold?.applicationId ?? null },
    });
    if (!moved.ok)
      return moved.reason === "not-found"
        ? { ok: false, reason: "not-found" }
        : { ok: false, reason: "not-allowed", from: moved.from };
    if (!hold) return { ok: true, lendersTold: 0 };
    const referrals = await tx.referral.findMany({
      where: {
        applicationId: hold.applicationId,
        // Lenders still deciding, and the one whose offer was accepted or funded.
        status: { in: [...OPEN_REFERRAL_STATUSES, "ACCEPTED", "FUNDED"] },
      },
      orderBy: { fitRank: "asc" },
      select: { id: true, lenderOrgId: true },
    });
    const lendersTold = await emailReferralLenders(tx, referrals, (referralId) => ({
      template: orderCancelledEmail({
        merchantName: order.merchant.legalName,
        order: `${order.poNumber} (${order.buyerName}, ${order.buyerCountry}, ${formatMoney(order.amountCents, order.currency)})`,
        reason: input.reason,
        referralId,
      }),
    }));
    return { ok: true, lendersTold };
  });
}

export type DeleteOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "locked"; message: string };

/**
 * Deletes an order typed by mistake. An order a lender saw (one in any submitted application,
 * live, funded or ended) stays on record: it can be cancelled, not deleted.
 */
export async function deleteOrder(
  db: Db,
  input: { merchantId: string; orderId: string; actor: Actor; ip: string },
): Promise<DeleteOutcome> {
  return db.$transaction(async (tx: Prisma.TransactionClient): Promise<DeleteOutcome> => {
    const order = await tx.exportOrder.findFirst({
      where: { id: input.orderId, merchantId: input.merchantId },
      select: SUMMARY_SELECT,
    });
    if (!order) return { ok: false, reason: "not-found" };
    const hold = (await orderHolds(tx, { merchantId: input.merchantId, orderIds: [input.orderId] })).get(
      input.orderId,
    );
    if (hold) return { ok: false, reason: "locked", message: heldOrderMessage(hold) };
    if (await everSubmitted(tx, input.merchantId, input.orderId))
      return {
        ok: false,
        reason: "locked",
        message:
          "This order was part of an application sent to lenders, so it stays on record. You can cancel it.",
      };
    await tx.exportOrder.delete({ where: { id: input.orderId } });
    await recordAudit(tx, {
      actor: input.actor,
      action: "order.deleted",
      entityType: "ExportOrder",
      entityId: input.orderId,
      summary: { ...orderSummary(order), status: order.status },
      ip: input.ip,
    });
    return { ok: true };
  });
}

export type OrderImportPreview = {
  total: number;
  valid: number;
  errors: RowError[];
  fileErrors: string[];
  sample: {
    line: number;
    poNumber: string;
    buyerName: string;
    buyerCountry: string;
    amount: string;
    currency: string;
    paymentTerm: string;
  }[];
};

/** Validates a CSV of orders: every row, duplicates in the file and against the orders on file. */
export async function checkOrderCsv(db: Db, merchantId: string, text: string, today: Date) {
  const parsed = parseCsv(text, ORDER_CSV_COLUMNS, exportOrderSchema({ today }));
  const errors = [...parsed.errors];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const key = row.value.poNumber.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({
        line: row.line,
        column: "po_number",
        message: `PO number ${row.value.poNumber} is also on line ${first}.`,
      });
    else seen.set(key, row.line);
  }
  if (parsed.rows.length > 0) {
    const onFile = new Set<string>();
    const numbers = parsed.rows.map((r) => r.value.poNumber);
    // In slices: a database takes only so many parameters in one statement.
    for (let start = 0; start < numbers.length; start += 500) {
      const existing = await db.exportOrder.findMany({
        where: { merchantId, poNumber: { in: numbers.slice(start, start + 500) } },
        select: { poNumber: true },
      });
      for (const order of existing) onFile.add(order.poNumber);
    }
    for (const row of parsed.rows) {
      if (onFile.has(row.value.poNumber))
        errors.push({
          line: row.line,
          column: "po_number",
          message: `PO number ${row.value.poNumber} is already on file.`,
        });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: parsed.rows, errors, fileErrors: parsed.fileErrors };
}

/** All or nothing: with any bad row nothing is written. */
export async function importOrderCsv(
  db: Db,
  input: { merchantId: string; text: string; fileName: string; today: Date; actor: Actor; ip: string },
): Promise<{ imported: number; errors: RowError[]; fileErrors: string[] }> {
  const checked = await checkOrderCsv(db, input.merchantId, input.text, input.today);
  if (checked.errors.length > 0 || checked.fileErrors.length > 0) {
    return { imported: 0, errors: checked.errors, fileErrors: checked.fileErrors };
  }
  try {
    await db.$transaction(async (tx) => {
      await createManyInStatus(tx, ORDER_WORKFLOW, {
        status: "OPEN",
        rows: checked.rows.map((row) => ({ merchantId: input.merchantId, ...orderData(row.value) })),
        actor: input.actor,
        ip: input.ip,
        action: "order.imported",
        summary: { fileName: input.fileName, rows: checked.rows.length },
      });
    }, BULK_TRANSACTION);
  } catch (error) {
    // Another import or a form added one of these PO numbers in the meantime.
    if (isUniqueViolation(error)) {
      return {
        imported: 0,
        errors: [
          {
            line: 0,
            column: "po_number",
            message: "A PO number in this file was added meanwhile; check again.",
          },
        ],
        fileErrors: [],
      };
    }
    throw error;
  }
  // Each buyer name once (an import often repeats its buyers), with one of its orders.
  const byName = new Map<string, string>();
  for (const row of checked.rows)
    if (!byName.has(row.value.buyerName)) byName.set(row.value.buyerName, row.value.poNumber);
  const buyers: { id: string; buyerName: string }[] = [];
  const numbers = [...byName.values()];
  for (let start = 0; start < numbers.length; start += 500) {
    const orders = await db.exportOrder.findMany({
      where: { merchantId: input.merchantId, poNumber: { in: numbers.slice(start, start + 500) } },
      select: { id: true, buyerName: true },
    });
    buyers.push(...orders);
  }
  await screenBuyers(db, input, buyers);
  return { imported: checked.rows.length, errors: [], fileErrors: [] };
}
