import { z } from "zod";

export const USER_ROLES = ["MERCHANT", "LENDER", "ADMIN"] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

export const MERCHANT_MEMBER_ROLES = ["OWNER", "MEMBER"] as const;
export const MerchantMemberRole = z.enum(MERCHANT_MEMBER_ROLES);
export type MerchantMemberRole = z.infer<typeof MerchantMemberRole>;

export const LENDER_MEMBER_ROLES = ["ADMIN", "UNDERWRITER"] as const;
export const LenderMemberRole = z.enum(LENDER_MEMBER_ROLES);
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
