import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField } from "~/components/ui/field";
import { FormAlert } from "~/components/ui/form-alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { getMerchantProfile, hasStoredEin, saveMerchantProfile } from "~/domain/merchants/merchants.server";
import {
  bpsToPercentString,
  ENTITY_TYPE_LABELS,
  ENTITY_TYPES,
  MAX_OWNERS,
  MONTH_NAMES,
  maskEin,
  merchantProfileSchema,
} from "~/domain/merchants/profile";
import { minorToDecimalString } from "~/domain/money";
import { COUNTRIES, PRIMARY_EXPORT_MARKETS } from "~/domain/reference/countries";
import { US_STATES } from "~/domain/reference/us-states";
import { prisma } from "~/utils/db.server";
import { formDataOf, replyStatus } from "~/utils/form.server";
import { clientIp } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Business profile — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMerchant(request);
  const { merchant } = await getMerchantProfile(prisma, actor.merchantId);
  return {
    maskedEin: merchant.einLast4 ? maskEin(merchant.einLast4) : null,
    defaults: {
      legalName: merchant.legalName,
      ein: "",
      dbaName: merchant.dbaName ?? "",
      entityType: merchant.entityType ?? "",
      stateOfIncorporation: merchant.stateOfIncorporation ?? "",
      yearFounded: merchant.yearFounded?.toString() ?? "",
      monthFounded: merchant.monthFounded?.toString() ?? "",
      naicsCode: merchant.naicsCode ?? "",
      website: merchant.website ?? "",
      addressLine1: merchant.addressLine1 ?? "",
      addressLine2: merchant.addressLine2 ?? "",
      city: merchant.city ?? "",
      addressState: merchant.addressState ?? "",
      postalCode: merchant.postalCode ?? "",
      employees: merchant.employees?.toString() ?? "",
      annualRevenue:
        merchant.annualRevenueCents === null ? "" : minorToDecimalString(merchant.annualRevenueCents),
      exportMarkets: merchant.exportMarkets ? merchant.exportMarkets.split(",") : [],
      owners:
        merchant.beneficialOwners.length > 0
          ? merchant.beneficialOwners.map((owner) => ({
              name: owner.name,
              title: owner.title,
              ownershipPercent: bpsToPercentString(owner.ownershipBps),
            }))
          : [{ name: actor.name, title: "", ownershipPercent: "" }],
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMerchant(request);
  const today = new Date();
  const schema = merchantProfileSchema({
    currentYear: today.getUTCFullYear(),
    currentMonth: today.getUTCMonth() + 1,
    hasStoredEin: await hasStoredEin(prisma, actor.merchantId),
  });
  const submission = parseWithZod(await formDataOf(request), { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["ein"] }) }, { status: replyStatus(submission) });
  }
  await saveMerchantProfile(prisma, {
    merchantId: actor.merchantId,
    profile: submission.value,
    actor: { id: actor.id, role: actor.role },
    ip: clientIp(context),
  });
  return redirectWithToast("/merchant", { kind: "success", title: "Profile saved" });
}

const STATE_OPTIONS = US_STATES.map((state) => ({ value: state.code, label: state.name }));
const MONTH_OPTIONS = MONTH_NAMES.map((name, index) => ({ value: String(index + 1), label: name }));
const ENTITY_OPTIONS = ENTITY_TYPES.map((type) => ({ value: type, label: ENTITY_TYPE_LABELS[type] }));
const PRIMARY = new Set<string>(PRIMARY_EXPORT_MARKETS);
const COUNTRY_OPTIONS = [
  ...PRIMARY_EXPORT_MARKETS.map((code) => ({
    value: code,
    label: COUNTRIES.find((c) => c.code === code)?.name ?? code,
  })),
  ...COUNTRIES.filter((country) => !PRIMARY.has(country.code) && country.code !== "US").map((country) => ({
    value: country.code,
    label: country.name,
  })),
];

export default function MerchantProfile() {
  const { defaults, maskedEin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm<z.input<ReturnType<typeof merchantProfileSchema>>>({
    id: "merchant-profile",
    lastResult,
    defaultValue: defaults,
  });
  const owners = fields.owners.getFieldList();
  // Errors of the list and of its items ("exportMarkets[0]"), shown once under the group.
  const marketErrors = [...new Set(Object.values(fields.exportMarkets.allErrors).flat())];
  const marketBoxes = getCollectionProps(fields.exportMarkets, {
    type: "checkbox",
    options: COUNTRY_OPTIONS.map((option) => option.value),
  });
  const labelOf = new Map(COUNTRY_OPTIONS.map((option) => [option.value, option.label]));
  const renderBox = (props: (typeof marketBoxes)[number]) => {
    // One box per country: the country code is the key (conform's key is missing after some replies).
    const { key: _key, ...rest } = props;
    return (
      <label key={props.value}>
        <input {...rest} />
        {labelOf.get(props.value ?? "") ?? props.value}
      </label>
    );
  };

  return (
    <div className="card card-medium">
      <h1>Business profile</h1>
      <p className="muted">
        Lenders decide on these facts; keep them accurate. Fields are required unless marked optional.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend>The business</legend>
          <Field
            label="Legal name"
            errors={fields.legalName.errors}
            inputProps={getInputProps(fields.legalName, { type: "text" })}
          />
          <Field
            label="Trade name (DBA, optional)"
            errors={fields.dbaName.errors}
            inputProps={getInputProps(fields.dbaName, { type: "text" })}
          />
          <Field
            label="Employer Identification Number (EIN)"
            hint={
              maskedEin
                ? `On file: ${maskedEin}. Leave empty to keep it, or type a new one to replace it.`
                : "9 digits, e.g. 12-3456789. Stored encrypted; shown only masked."
            }
            errors={fields.ein.errors}
            inputProps={{
              ...getInputProps(fields.ein, { type: "text" }),
              inputMode: "numeric",
              autoComplete: "off",
            }}
          />
          <div className="field-row">
            <SelectField
              label="Entity type"
              placeholder="Choose…"
              options={ENTITY_OPTIONS}
              errors={fields.entityType.errors}
              selectProps={getSelectProps(fields.entityType)}
            />
            <SelectField
              label="State of incorporation"
              placeholder="Choose…"
              options={STATE_OPTIONS}
              errors={fields.stateOfIncorporation.errors}
              selectProps={getSelectProps(fields.stateOfIncorporation)}
            />
          </div>
          <div className="field-row">
            <SelectField
              label="Month founded"
              placeholder="Choose…"
              options={MONTH_OPTIONS}
              errors={fields.monthFounded.errors}
              selectProps={getSelectProps(fields.monthFounded)}
            />
            <Field
              label="Year founded"
              errors={fields.yearFounded.errors}
              inputProps={{ ...getInputProps(fields.yearFounded, { type: "text" }), inputMode: "numeric" }}
            />
          </div>
          <div className="field-row">
            <Field
              label="NAICS industry code"
              hint="6 digits; look it up at census.gov/naics."
              errors={fields.naicsCode.errors}
              inputProps={{ ...getInputProps(fields.naicsCode, { type: "text" }), inputMode: "numeric" }}
            />
          </div>
          <Field
            label="Website (optional)"
            errors={fields.website.errors}
            inputProps={{ ...getInputProps(fields.website, { type: "url" }), placeholder: "https://" }}
          />
        </fieldset>

        <fieldset>
          <legend>Address</legend>
          <Field
            label="Street address"
            errors={fields.addressLine1.errors}
            inputProps={{
              ...getInputProps(fields.addressLine1, { type: "text" }),
              autoComplete: "address-line1",
            }}
          />
          <Field
            label="Suite, unit (optional)"
            errors={fields.addressLine2.errors}
            inputProps={{
              ...getInputProps(fields.addressLine2, { type: "text" }),
              autoComplete: "address-line2",
            }}
          />
          <div className="field-row">
            <Field
              label="City"
              errors={fields.city.errors}
              inputProps={{ ...getInputProps(fields.city, { type: "text" }), autoComplete: "address-level2" }}
            />
            <SelectField
              label="State"
              placeholder="Choose…"
              options={STATE_OPTIONS}
              errors={fields.addressState.errors}
              selectProps={getSelectProps(fields.addressState)}
            />
            <Field
              label="ZIP code"
              errors={fields.postalCode.errors}
              inputProps={{
                ...getInputProps(fields.postalCode, { type: "text" }),
                autoComplete: "postal-code",
                inputMode: "numeric",
              }}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>Size</legend>
          <div className="field-row">
            <Field
              label="Employees"
              errors={fields.employees.errors}
              inputProps={{ ...getInputProps(fields.employees, { type: "text" }), inputMode: "numeric" }}
            />
            <Field
              label="Annual revenue (USD)"
              hint="Last full year, before expenses."
              errors={fields.annualRevenue.errors}
              inputProps={{ ...getInputProps(fields.annualRevenue, { type: "text" }), inputMode: "decimal" }}
            />
          </div>
        </fieldset>

        <fieldset aria-describedby={marketErrors.length > 0 ? fields.exportMarkets.errorId : undefined}>
          <legend>Export markets</legend>
          <p className="field-hint">The countries your buyers are in.</p>
          <div className="checkbox-grid">
            {marketBoxes.filter((box) => PRIMARY.has(box.value ?? "")).map(renderBox)}
          </div>
          <details className="more-countries">
            <summary>More countries</summary>
            <div className="checkbox-grid">
              {marketBoxes.filter((box) => !PRIMARY.has(box.value ?? "")).map(renderBox)}
            </div>
          </details>
          <ErrorList id={fields.exportMarkets.errorId} errors={marketErrors} />
        </fieldset>

        <fieldset {...getFieldsetProps(fields.owners)}>
          <legend>Beneficial owners</legend>
          <p className="field-hint">
            Every person who owns 25% or more of the business, and one person who controls it (for example the
            CEO) even if they own less.
          </p>
          {owners.map((owner, index) => {
            const ownerFields = owner.getFieldset();
            return (
              <div className="owner-row" key={owner.key ?? `owner-${index}`}>
                <div className="field-row">
                  <Field
                    label={`Owner ${index + 1}: full name`}
                    errors={ownerFields.name.errors}
                    inputProps={getInputProps(ownerFields.name, { type: "text" })}
                  />
                  <Field
                    label="Title"
                    errors={ownerFields.title.errors}
                    inputProps={getInputProps(ownerFields.title, { type: "text" })}
                  />
                  <Field
                    label="Ownership (%)"
                    errors={ownerFields.ownershipPercent.errors}
                    inputProps={{
                      ...getInputProps(ownerFields.ownershipPercent, { type: "text" }),
                      inputMode: "decimal",
                    }}
                  />
                </div>
                {owners.length > 1 ? (
                  <button
                    className="button button-ghost"
                    {...form.remove.getButtonProps({ name: fields.owners.name, index })}
                  >
                    Remove owner {index + 1}
                  </button>
                ) : null}
              </div>
            );
          })}
          <ErrorList id={fields.owners.errorId} errors={fields.owners.errors} />
          {owners.length < MAX_OWNERS ? (
            <button
              className="button button-secondary"
              {...form.insert.getButtonProps({
                name: fields.owners.name,
                defaultValue: { name: "", title: "", ownershipPercent: "" },
              })}
            >
              Add an owner
            </button>
          ) : null}
        </fieldset>
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
