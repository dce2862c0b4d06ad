// Lender partners: what an admin types when onboarding one. Pure.
import { z } from "zod";
import { EmailSchema } from "~/domain/accounts/schemas";
import { REGULATOR_TYPE_CODES, type RegulatorType } from "~/domain/notices/agencies";
import { US_STATE_CODES } from "~/domain/reference/us-states";
import { optionalFreeText, organisationName, personName, websiteUrl } from "~/domain/text";

export const LENDER_ORG_STATUSES = ["PENDING", "ACTIVE", "SUSPENDED", "REJECTED"] as const;
// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const LenderOrgStatus = /* @__PURE__ */ (() => z.enum(LENDER_ORG_STATUSES))();
export type LenderOrgStatus = z.infer<typeof LenderOrgStatus>;

export const LenderPartnerSchema = /* @__PURE__ */ (() =>
  z
    .object({
      name: organisationName("the lender's name", 120),
      contactName: personName("the contact's name"),
      contactEmail: EmailSchema,
      contactPhone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a phone number like +1 415 555 0100.")
        .optional(),
      website: websiteUrl(),
      statesLicensed: z
        .array(z.string().refine((code) => US_STATE_CODES.has(code), "Choose states from the list."))
        .max(60)
        .default([])
        .transform((codes) => [...new Set(codes)].sort()),
      description: optionalFreeText(1000),
      // The postal address and the regulator are printed on the partner's Regulation B notices
      // (docs/design/notices.md): optional while the partner is pending, required to activate it.
      addressLine1: optionalFreeText(120),
      addressLine2: optionalFreeText(120),
      city: optionalFreeText(80),
      addressState: z
        .string()
        .refine((code) => US_STATE_CODES.has(code), "Choose a state from the list.")
        .optional(),
      postalCode: z
        .string()
        .trim()
        .regex(/^\d{5}(-\d{4})?$/, "Enter a ZIP code like 97204 or 97204-1234.")
        .optional(),
      // The form always sends one (non-bank preselected); a client that sends none gets the residual class.
      regulatorType: z
        .enum(REGULATOR_TYPE_CODES as [RegulatorType, ...RegulatorType[]], {
          error: "Choose who supervises the lender: its notices name that agency.",
        })
        .default("NON_BANK"),
    })
    .superRefine((partner, ctx) => {
      // An address is all or nothing: a notice cannot give half of one.
      const parts = {
        addressLine1: "Enter the street address.",
        city: "Enter the city.",
        addressState: "Choose the state.",
        postalCode: "Enter the ZIP code.",
      } as const;
      const given = Object.keys(parts).some((key) => Boolean(partner[key as keyof typeof parts]));
      if (!given) return;
      for (const [key, message] of Object.entries(parts))
        if (!partner[key as keyof typeof parts]) ctx.addIssue({ code: "custom", path: [key], message });
    }))();
export type LenderPartnerInput = z.output<typeof LenderPartnerSchema>;

export const InviteUserSchema = /* @__PURE__ */ (() =>
  z.object({
    name: personName("the person's full name"),
    email: EmailSchema,
  }))();

export const InviteLenderUserSchema = /* @__PURE__ */ (() =>
  InviteUserSchema.extend({
    lenderRole: z.enum(["ADMIN", "UNDERWRITER"], { error: "Choose the person's role." }),
  }))();

/** The member actions shared by the admin's partner page and the lender admin's team page. */
export const MemberActionSchemas = /* @__PURE__ */ (() =>
  [
    z.object({
      intent: z.literal("change-role"),
      memberId: z.string().min(1).max(40),
      role: z.enum(["ADMIN", "UNDERWRITER"], { error: "Choose a role." }),
    }),
    z.object({
      intent: z.literal("set-active"),
      memberId: z.string().min(1).max(40),
      active: z.enum(["true", "false"]).transform((value) => value === "true"),
    }),
  ] as const)();

export const PartnerStatusSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("activate") }),
    z.object({
      intent: z.literal("suspend"),
      reason: z
        .string({ error: "Say why the partner is suspended." })
        .trim()
        .min(5, "Say why the partner is suspended (at least 5 characters).")
        .max(500, "Use at most 500 characters.")
        .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."),
      // Suspending withdraws the partner's undecided referrals: it is asked for first.
      confirmed: z.literal("yes", {
        error: "Confirm the suspension: its undecided referrals are withdrawn and cannot be restored.",
      }),
    }),
    // A pending partner (an application from the public form) turned down for good.
    z.object({
      intent: z.literal("reject"),
      reason: z
        .string({ error: "Say why the application is rejected." })
        .trim()
        .min(5, "Say why the application is rejected (at least 5 characters).")
        .max(500, "Use at most 500 characters.")
        .refine((value) => !/[<>]/.test(value), "Remove the < and > characters."),
      confirmed: z.literal("yes", {
        error: "Confirm the rejection: a rejected partner cannot be activated.",
      }),
    }),
  ]))();

/** Why a partner cannot be activated yet, or null: its notices must give its postal address. */
export function activationRefusal(partner: {
  addressLine1: string | null;
  city: string | null;
  addressState: string | null;
  postalCode: string | null;
}): string | null {
  return partner.addressLine1 && partner.city && partner.addressState && partner.postalCode
    ? null
    : "Add the partner's postal address (Edit details) before activating it: the notices it sends merchants must give its address.";
}
