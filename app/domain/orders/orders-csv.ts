import type { CsvColumn } from "~/domain/imports/csv";
import { INCOTERMS, PAYMENT_TERMS } from "./orders";

export const ORDER_CSV_COLUMNS: readonly CsvColumn[] = [
  {
    header: "po_number",
    field: "poNumber",
    required: true,
    description: "The buyer's purchase-order number (unique per business).",
    example: "YOS-2026-0412",
  },
  {
    header: "buyer_name",
    field: "buyerName",
    required: true,
    description: "The buyer's legal name.",
    example: "Yamato Outdoor Supply K.K.",
  },
  {
    header: "buyer_country",
    field: "buyerCountry",
    required: true,
    description: "ISO 3166-1 alpha-2 code, e.g. JP, CN, KR, VN, IN.",
    example: "JP",
  },
  {
    header: "buyer_region",
    field: "buyerRegion",
    required: false,
    description: "For buyers in Ukraine only: the ISO 3166-2 region code, e.g. UA-30 (Kyiv), UA-46 (Lviv).",
    example: "",
  },
  {
    header: "amount",
    field: "amount",
    required: true,
    description: "Order amount in its currency, e.g. 125000.00 (no currency sign).",
    example: "18600000",
  },
  {
    header: "currency",
    field: "currency",
    required: true,
    description: "ISO 4217 code, e.g. USD, JPY, CNY.",
    example: "JPY",
  },
  {
    header: "order_date",
    field: "orderDate",
    required: true,
    description: "YYYY-MM-DD.",
    example: "2026-11-08",
  },
  {
    header: "expected_ship_date",
    field: "expectedShipDate",
    required: false,
    description: "YYYY-MM-DD (optional).",
    example: "2026-12-22",
  },
  {
    header: "payment_term",
    field: "paymentTerm",
    required: true,
    description: `One of ${PAYMENT_TERMS.join(", ")}.`,
    example: "OPEN_ACCOUNT",
  },
  {
    header: "payment_term_days",
    field: "paymentTermDays",
    required: true,
    integer: true,
    description: "Days of credit after shipment or invoice (0 for cash in advance).",
    example: "60",
  },
  {
    header: "incoterm",
    field: "incoterm",
    required: true,
    description: `Incoterms 2020 rule: ${INCOTERMS.join(", ")}.`,
    example: "FOB",
  },
];
