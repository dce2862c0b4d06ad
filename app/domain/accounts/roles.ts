import { z } from "zod";

export const USER_ROLES = ["MERCHANT", "LENDER", "ADMIN"] as const;
// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const UserRole = /* @__PURE__ */ (() => z.enum(USER_ROLES))();
export type UserRole = z.infer<typeof UserRole>;

export const MERCHANT_MEMBER_ROLES = ["OWNER", "MEMBER"] as const;
export const MerchantMemberRole = /* @__PURE__ */ (() => z.enum(MERCHANT_MEMBER_ROLES))();
export type MerchantMemberRole = z.infer<typeof MerchantMemberRole>;

export const LENDER_MEMBER_ROLES = ["ADMIN", "UNDERWRITER"] as const;
export const LenderMemberRole = /* @__PURE__ */ (() => z.enum(LENDER_MEMBER_ROLES))();
export type LenderMemberRole = z.infer<typeof LenderMemberRole>;

export const LENDER_MEMBER_ROLE_LABELS: Record<LenderMemberRole, string> = {
  ADMIN: "Lender admin",
  UNDERWRITER: "Underwriter",
};

/** Where each role lands after log-in. */
export function homePathFor(role: UserRole): string {
  switch (role) {
    case "MERCHANT":
      return "/merchant";
    case "LENDER":
      return "/lender";
    case "ADMIN":
      return "/admin";
  }
}
