import { Link } from "@remix-run/react";
import type { MissingItem } from "~/domain/applications/readiness";

const PLACE: Record<MissingItem["href"], string> = {
  "/merchant/profile": "Complete your business profile",
  "/merchant/bank": "Go to your bank connections",
};

/** Shown instead of the send button while the application lacks what every lender needs. */
export function MissingForSubmission({ missing }: { missing: readonly MissingItem[] }) {
  return (
    <div className="alert alert-info" role="status" aria-labelledby="missing-title">
      <h3 id="missing-title">Before it can be sent</h3>
      <p>Every lender needs these; the application cannot be sent until they are provided:</p>
      <ul>
        {missing.map((item) => (
          <li key={item.key}>
            {item.message} <Link to={item.href}>{PLACE[item.href]}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
