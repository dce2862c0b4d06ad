// Every form refuses empty, oversized, wrong-format and hostile input with errors at the fields,
// never a 500, and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, createLenderOrg, createLenderUser, createMerchant, unique } from "#tests/factories";
import { prisma } from "~/utils/db.server";
import { cookieFor, request } from "./app";

const PASSWORD = "correct horse battery staple";
const HOSTILE: Record<string, string | string[]> = {
  empty: "",
  huge: "x".repeat(200_000),
  script: "<script>alert(document.cookie)</script>",
  sql: '\' OR 1=1; DROP TABLE "User"; --',
  unicode: "𝕿𝖗𝖆𝖉𝖊\u0000\u202e",
  negative: "-99999999999999999999",
  duplicated: ["first", "second"],
};

type FormCase = {
  name: string;
  path: () => string;
  as: "anonymous" | "merchant" | "admin" | "lenderAdmin";
  valid: () => Record<string, string | string[]>;
  fields: string[];
  /** Fields that may be left empty. */
  optional?: string[];
};

const cookies: Record<string, string | undefined> = {};
let orgId = "";
let ipCounter = 0;

beforeAll(async () => {
  const admin = await createAdmin(prisma, {
    email: `${unique("a")}@tradelift.example`,
    name: "Admin",
    password: PASSWORD,
  });
  const merchant = await createMerchant(prisma, {
    email: `${unique("m")}@example.com`,
    userName: "M",
    password: PASSWORD,
    legalName: "M LLC",
  });
  const org = await createLenderOrg(prisma, { name: unique("Lender ") });
  const lenderAdmin = await createLenderUser(prisma, {
    lenderOrgId: org.id,
    email: `${unique("la")}@l.example`,
    name: "LA",
    password: PASSWORD,
    lenderRole: "ADMIN",
  });
  orgId = org.id;
  cookies.admin = await cookieFor(admin.id);
  cookies.merchant = await cookieFor(merchant.userId);
  cookies.lenderAdmin = await cookieFor(lenderAdmin.id);
});

const PROFILE = () => ({
  legalName: "Pacific Rim Outdoor Gear LLC",
  ein: "93-4172856",
  entityType: "LLC",
  stateOfIncorporation: "OR",
  yearFounded: "2014",
  monthFounded: "5",
  naicsCode: "339920",
  addressLine1: "2150 NW Front Ave",
  city: "Portland",
  addressState: "OR",
  postalCode: "97209",
  employees: "38",
  annualRevenue: "6,400,000",
  exportMarkets: ["JP", "KR"],
  "owners[0].name": "Erin Matsuda",
  "owners[0].title": "CEO",
  "owners[0].ownershipPercent": "60",
});

const FORMS: FormCase[] = [
  {
    name: "sign-up",
    path: () => "/signup",
    as: "anonymous",
    valid: () => ({
      name: "Erin",
      email: `${unique("s")}@example.com`,
      businessName: "Erin LLC",
      password: PASSWORD,
      confirmPassword: PASSWORD,
      agree: "on",
    }),
    fields: ["name", "email", "businessName", "password", "confirmPassword", "agree"],
  },
  {
    name: "log-in",
    path: () => "/login",
    as: "anonymous",
    valid: () => ({ email: `${unique("l")}@example.com`, password: PASSWORD }),
    fields: ["email", "password"],
  },
  {
    name: "merchant profile",
    path: () => "/merchant/profile",
    as: "merchant",
    valid: PROFILE,
    fields: [
      "legalName",
      "ein",
      "entityType",
      "stateOfIncorporation",
      "yearFounded",
      "naicsCode",
      "postalCode",
      "employees",
      "annualRevenue",
      "exportMarkets",
      "owners[0].ownershipPercent",
    ],
  },
  {
    name: "new lender partner",
    path: () => "/admin/partners/new",
    as: "admin",
    valid: () => ({
      name: unique("Partner "),
      contactName: "Pat Doe",
      contactEmail: "pat@p.example",
      website: "https://p.example",
    }),
    fields: ["name", "contactName", "contactEmail", "website"],
    optional: ["website"],
  },
  {
    name: "invite a lender user",
    path: () => `/admin/partners/${orgId}`,
    as: "admin",
    valid: () => ({
      intent: "invite",
      name: "Invitee",
      email: `${unique("i")}@l.example`,
      lenderRole: "UNDERWRITER",
    }),
    fields: ["name", "email", "lenderRole", "intent"],
  },
  {
    name: "invite an admin",
    path: () => "/admin/users",
    as: "admin",
    valid: () => ({ name: "New Admin", email: `${unique("na")}@tradelift.example` }),
    fields: ["name", "email"],
  },
  {
    name: "invite an underwriter",
    path: () => "/lender/team",
    as: "lenderAdmin",
    valid: () => ({ intent: "invite", name: "Underwriter", email: `${unique("u")}@l.example` }),
    fields: ["name", "email"],
  },
  {
    name: "change password",
    path: () => "/settings/password",
    as: "merchant",
    valid: () => ({
      currentPassword: PASSWORD,
      newPassword: "another fine passphrase",
      confirmPassword: "another fine passphrase",
    }),
    fields: ["newPassword", "confirmPassword"],
  },
];

async function snapshot() {
  const [users, merchants, owners, orgs, invitations, emails, sessions, members] = await Promise.all([
    prisma.user.count(),
    prisma.merchant.findMany({ select: { legalName: true, einEncrypted: true, updatedAt: true } }),
    prisma.beneficialOwner.count(),
    prisma.lenderOrg.count(),
    prisma.invitation.count(),
    prisma.outboxEmail.count(),
    prisma.session.count(),
    prisma.lenderMember.count(),
  ]);
  return { users, merchants, owners, orgs, invitations, emails, sessions, members };
}

/** Values that are wrong for the field ("duplicated" sends it twice, which a list field accepts). */
function badValuesFor(form: FormCase, field: string): [string, string | string[]][] {
  return Object.entries(HOSTILE).filter(([kind]) => {
    if (kind === "duplicated" && field === "exportMarkets") return false;
    if (kind === "empty" && form.optional?.includes(field)) return false;
    return true;
  });
}

const SHOWS_ERRORS = /aria-invalid="true"|role="alert"|class="field-errors"/;

describe("bad input", () => {
  for (const form of FORMS) {
    for (const field of form.fields) {
      it(`${form.name}: ${field} refuses every hostile value with a field error and writes nothing`, async () => {
        for (const [kind, value] of badValuesFor(form, field)) {
          const before = await snapshot();
          ipCounter += 1;
          const response = await request(form.path(), {
            cookie: cookies[form.as],
            form: { ...form.valid(), [field]: value },
            ip: `10.9.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
          });
          expect(response.status, `${kind} → ${response.status}`).toBeGreaterThanOrEqual(400);
          expect(response.status, kind).toBeLessThan(500);
          const body = await response.text();
          expect(body, kind).toMatch(SHOWS_ERRORS);
          expect(body, kind).not.toContain("<script>alert(document.cookie)</script>");
          expect(await snapshot(), `${form.name} ${field} ${kind}`).toEqual(before);
        }
      });
    }
    it(`${form.name}: an empty submission gets field errors and writes nothing`, async () => {
      const before = await snapshot();
      const response = await request(form.path(), { cookie: cookies[form.as], form: {}, ip: "10.8.0.1" });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(SHOWS_ERRORS);
      expect(await snapshot()).toEqual(before);
    });
  }
});
