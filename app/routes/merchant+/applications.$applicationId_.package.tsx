import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApplicationPackageView } from "~/components/application-package";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { packageForMerchant } from "~/domain/applications/package.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { requireMerchant } from "~/web/permissions.server";

export const meta: MetaFunction = () => [{ title: "Your application as sent — TradeLift" }];

/** The package frozen when the merchant sent the application; another merchant's is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { merchantId } = await requireMerchant(request);
  const view = await packageForMerchant(prisma, merchantId, params.applicationId ?? "");
  if (!view) notFound("This application does not exist.");
  return view;
}

export default function MerchantPackagePage() {
  const { applicationId, stored } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/merchant/applications/${applicationId}`}>Back to the application</Link>
      </p>
      <h1>Your application as sent</h1>
      {stored ? (
        <>
          <p>
            Everything below was copied once when you sent the application: it is what the lenders it goes to
            decide on. Changes you make afterwards are shown to them beside it, never in its place.
          </p>
          <ApplicationPackageView
            pkg={stored.package}
            intact={stored.intact}
            sha256={stored.sha256}
            frozenAt={stored.frozenAt}
            changes={[]}
            documents={[]}
            audience="merchant"
          />
        </>
      ) : (
        <p className="muted">
          Nothing has been sent yet: the package is frozen when you send the application.
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
