import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { When } from "~/components/ui/when";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { TimeZoneSchema, timeZoneChoices } from "~/domain/accounts/time-zone";
import { setTimeZone } from "~/domain/accounts/time-zone.server";
import { prisma } from "~/utils/db.server";
import { formDataOf } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireUser } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Time zone — TradeLift" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return { timeZone: actor.timeZone, choices: timeZoneChoices(), now: new Date().toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const parsed = TimeZoneSchema.safeParse(Object.fromEntries(await formDataOf(request)));
  if (!parsed.success) {
    const field = parsed.error.issues.find((issue) => issue.path[0] === "timeZone");
    return data({ error: field?.message ?? "Choose a time zone from the list." }, { status: 400 });
  }
  const { changed } = await setTimeZone(prisma, { userId: actor.id, ...parsed.data });
  if (parsed.data.intent === "detect") return data({ error: null, detected: changed });
  return redirectWithToast(homePathFor(UserRole.parse(actor.role)), {
    kind: "success",
    title: "Time zone saved",
    description: `Times are now shown in ${parsed.data.timeZone}.`,
  });
}

export default function TimeZoneSettings() {
  const { timeZone, choices, now } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="card card-narrow">
      <h1>Time zone</h1>
      <p className="muted">
        Times such as when an offer expires are shown in this zone. Your browser set it when you first signed
        in; change it here if you work from another zone. It is now <When at={now} />.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="choose" />
        <SelectField
          label="Show times in"
          errors={answer?.error ? [answer.error] : null}
          options={choices.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
          selectProps={{ name: "timeZone", defaultValue: timeZone ?? "UTC", required: true }}
        />
        <SubmitButton pendingLabel="Saving…">Save time zone</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
