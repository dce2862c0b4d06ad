// Export orders of one merchant: list, create, edit, change status, import from CSV.
import { recordAudit } from "~/domain/audit/audit.server";
import { type FxTable, fxTable } from "~/domain/fx";
import { parseCsv, type RowError } from "~/domain/imports/csv";
import type { Db } from "~/utils/db.server";
import {
  canTransition,
  type ExportOrderInput,
  exportOrderSchema,
  isOrderFinal,
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
  return { orders, total, countries: countries.map((c) => c.buyerCountry).sort() };
}

export async function getOrder(db: Db, merchantId: string, orderId: string) {
  return db.exportOrder.findFirst({
    where: { id: orderId, merchantId },
    select: {
      id: true,
      poNumber: true,
      buyerName: true,
      buyerCountry: true,
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
      createdAt: true,
      updatedAt: true,
    },
  });
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
    return await db.$transaction(async (tx) => {
      const created = await tx.exportOrder.create({
        data: { merchantId: input.merchantId, status: "OPEN", ...orderData(input.order) },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "order.created",
        entityType: "ExportOrder",
        entityId: created.id,
        summary: {
          poNumber: input.order.poNumber,
          currency: input.order.currency,
          amountMinor: input.order.amountMinor.toString(),
        },
        ip: input.ip,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePoNumberError(input.order.poNumber);
    throw error;
  }
}

export class OrderLockedError extends Error {
  constructor() {
    super("A paid or cancelled order cannot be edited.");
    this.name = "OrderLockedError";
  }
}

export async function updateOrder(
  db: Db,
  input: { merchantId: string; orderId: string; order: ExportOrderInput; actor: Actor; ip: string },
): Promise<boolean> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.exportOrder.findFirst({
        where: { id: input.orderId, merchantId: input.merchantId },
        select: { status: true, poNumber: true, amountCents: true, currency: true },
      });
      if (!existing) return false;
      if (isOrderFinal(existing.status)) throw new OrderLockedError();
      await tx.exportOrder.update({ where: { id: input.orderId }, data: orderData(input.order) });
      await recordAudit(tx, {
        actor: input.actor,
        action: "order.updated",
        entityType: "ExportOrder",
        entityId: input.orderId,
        summary: {
          before: {
            poNumber: existing.poNumber,
            amountMinor: existing.amountCents.toString(),
            currency: existing.currency,
          },
          after: {
            poNumber: input.order.poNumber,
            amountMinor: input.order.amountMinor.toString(),
            currency: input.order.currency,
          },
        },
        ip: input.ip,
      });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePoNumberError(input.order.poNumber);
    throw error;
  }
}

export type StatusChangeOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" | "not-allowed" | "conflict"; from?: string };

/** A status change through the transition table, as a conditional update (two tabs cannot both win). */
export async function changeOrderStatus(
  db: Db,
  input: {
    merchantId: string;
    orderId: string;
    to: OrderStatus;
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
      select: { status: true },
    });
    if (!order) return { ok: false, reason: "not-found" };
    if (!canTransition(order.status, input.to))
      return { ok: false, reason: "not-allowed", from: order.status };
    const changed = await tx.exportOrder.updateMany({
      where: { id: input.orderId, merchantId: input.merchantId, status: order.status },
      data: {
        status: input.to,
        ...(input.to === "INVOICED"
          ? { invoiceNumber: input.invoiceNumber ?? null, invoiceDate: input.invoiceDate ?? null }
          : {}),
        ...(input.to === "PAID" ? { paidDate: input.paidDate ?? null } : {}),
      },
    });
    if (changed.count !== 1) return { ok: false, reason: "conflict" };
    await recordAudit(tx, {
      actor: input.actor,
      action: "order.status_changed",
      entityType: "ExportOrder",
      entityId: input.orderId,
      summary: { from: order.status, to: input.to },
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
      await tx.exportOrder.createMany({
        data: checked.rows.map((row) => ({
          merchantId: input.merchantId,
          status: "OPEN",
          ...orderData(row.value),
        })),
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: "order.imported",
        entityType: "ExportOrder",
        summary: { fileName: input.fileName, rows: checked.rows.length },
        ip: input.ip,
      });
    });
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
  return { imported: checked.rows.length, errors: [], fileErrors: [] };
}
