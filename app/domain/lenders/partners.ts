// Lender partners: what an admin types when onboarding one. Pure.
import { z } from "zod";
import { EmailSchema } from "~/domain/accounts/schemas";
import { US_STATE_CODES } from "~/domain/reference/us-states";
import { optionalFreeText, organisationName, personName, websiteUrl } from "~/domain/text";

export const LENDER_ORG_STATUSES = ["PENDING", "ACTIVE", "SUSPENDED"] as const;
export const LenderOrgStatus = z.enum(LENDER_ORG_STATUSES);
export type LenderOrgStatus = z.infer<typeof LenderOrgStatus>;

export const LenderPartnerSchema = z.object({
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
});
export type LenderPartnerInput = z.output<typeof LenderPartnerSchema>;

export const InviteUserSchema = z.object({
  name: personName("the person's full name"),
  email: EmailSchema,
});

export const InviteLenderUserSchema = InviteUserSchema.extend({
  lenderRole: z.enum(["ADMIN", "UNDERWRITER"], { error: "Choose the person's role." }),
});

/** The member actions shared by the admin's partner page and the lender admin's team page. */
export const MemberActionSchemas = [
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
] as const;

export const PartnerStatusSchema = z.discriminatedUnion("intent", [
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
]);
