// The public "become a lending partner" form: what an organisation tells us when it applies. Pure.
// An application is a lending partner in PENDING (PARTNER_WORKFLOW) that an admin reviews,
// completes (address, states) and activates, or rejects (docs/design/workflows.md).
import { z } from "zod";
import { EmailSchema } from "~/domain/accounts/schemas";
import { REGULATOR_TYPE_CODES, type RegulatorType } from "~/domain/notices/agencies";
import { optionalFreeText, organisationName, personName, websiteUrl } from "~/domain/text";
import { PRODUCT_TYPE_LABELS, PRODUCT_TYPES, type ProductType } from "./products";

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const PartnerApplicationSchema = /* @__PURE__ */ (() =>
  z.object({
    name: organisationName("your organisation's name", 120),
    contactName: personName("the contact's name"),
    contactEmail: EmailSchema,
    contactPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a phone number like +1 415 555 0100.")
      .optional(),
    website: websiteUrl(),
    regulatorType: z.enum(REGULATOR_TYPE_CODES as [RegulatorType, ...RegulatorType[]], {
      error: "Choose who supervises your organisation.",
    }),
    productsOfInterest: z
      .array(z.enum(PRODUCT_TYPES, { error: "Choose products from the list." }), {
        error: "Choose at least one product you would offer.",
      })
      .min(1, "Choose at least one product you would offer.")
      .transform((types) => [...new Set(types)].sort()),
    description: optionalFreeText(1000),
  }))();
export type PartnerApplicationInput = z.output<typeof PartnerApplicationSchema>;

/** "Term loan and Export invoice factoring", from the stored comma-separated codes. */
export function productsInWords(productsOfInterest: string): string {
  const labels = productsOfInterest
    .split(",")
    .filter(Boolean)
    .map((code) => PRODUCT_TYPE_LABELS[code as ProductType] ?? code);
  if (labels.length === 0) return "no product named";
  if (labels.length === 1) return labels[0] as string;
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
