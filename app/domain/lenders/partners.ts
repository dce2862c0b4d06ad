// Lender partners: what an admin types when onboarding one. Pure.
import { z } from "zod";
import { EmailSchema, PersonNameSchema } from "~/domain/accounts/schemas";
import { US_STATE_CODES } from "~/domain/reference/us-states";

export const LENDER_ORG_STATUSES = ["PENDING", "ACTIVE", "SUSPENDED"] as const;
export const LenderOrgStatus = z.enum(LENDER_ORG_STATUSES);
export type LenderOrgStatus = z.infer<typeof LenderOrgStatus>;

const noMarkup = (value: string) => !/[<>]/.test(value);

export const LenderPartnerSchema = z.object({
  name: z
    .string({ error: "Enter the lender's name." })
    .trim()
    .min(2, "Enter the lender's name.")
    .max(120, "A name has at most 120 characters.")
    .refine(noMarkup, "A name cannot contain < or >."),
  contactName: PersonNameSchema,
  contactEmail: EmailSchema,
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a phone number like +1 415 555 0100.")
    .optional(),
  website: z
    .string()
    .trim()
    .max(200, "A website address has at most 200 characters.")
    .refine((value) => /^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/i.test(value), "Enter a full address, e.g. https://example.com.")
    .optional(),
  statesLicensed: z
    .array(z.string().refine((code) => US_STATE_CODES.has(code), "Choose states from the list."))
    .max(60)
    .default([])
    .transform((codes) => [...new Set(codes)].sort()),
  description: z
    .string()
    .trim()
    .max(1000, "A description has at most 1,000 characters.")
    .refine(noMarkup, "A description cannot contain < or >.")
    .optional(),
});
export type LenderPartnerInput = z.output<typeof LenderPartnerSchema>;

export const InviteUserSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
});

export const InviteLenderUserSchema = InviteUserSchema.extend({
  lenderRole: z.enum(["ADMIN", "UNDERWRITER"], { error: "Choose the person's role." }),
});
