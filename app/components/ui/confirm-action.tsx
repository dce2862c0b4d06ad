import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "./submit-button";

/**
 * An irreversible action behind a confirmation step that works without JavaScript: the first
 * button only opens the step (an HTML <details>), which says what will happen and holds the form
 * that does it. The form posts `confirmed=yes`, and the action's schema requires it, so a form
 * sent without the step is refused with a message rather than carried out.
 */
export function ConfirmAction({
  label,
  intent,
  confirmLabel,
  pendingLabel,
  consequence,
  fields,
  children,
  action,
  defaultOpen = false,
  tone = "danger",
}: {
  /** The button that opens the step, e.g. "Decline this offer". */
  label: string;
  intent: string;
  /** The button that does it, e.g. "Yes, decline the offer". */
  confirmLabel: string;
  pendingLabel?: string;
  /** What will happen, in plain words; shown before the final button. */
  consequence: ReactNode;
  /** Hidden fields the action needs (ids). */
  fields?: Record<string, string>;
  /** Inputs the step asks for, such as a reason. */
  children?: ReactNode;
  /** Where the form posts; the current route by default. */
  action?: string;
  /** Open from the start, e.g. to show a field error after a refused attempt. */
  defaultOpen?: boolean;
  tone?: "danger" | "neutral";
}) {
  return (
    <details className="confirm-action" open={defaultOpen || undefined}>
      <summary className={`button ${tone === "danger" ? "button-danger-outline" : "button-secondary"}`}>
        <span className="when-closed">{label}</span>
        <span className="when-open">Cancel</span>
      </summary>
      <div className="confirm-action-body">
        <p>{consequence}</p>
        <Form method="post" action={action} noValidate>
          {Object.entries(fields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirmed" value="yes" />
          {children}
          <SubmitButton
            name="intent"
            value={intent}
            className={tone === "danger" ? "button-danger" : "button-primary"}
            pendingLabel={pendingLabel}
          >
            {confirmLabel}
          </SubmitButton>
        </Form>
      </div>
    </details>
  );
}
