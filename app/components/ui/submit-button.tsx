import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

/**
 * A submit button that shows it is working while its form is in flight, and cannot be pressed
 * twice meanwhile. `pendingLabel` replaces the label during submission.
 */
export function SubmitButton({
  children,
  pendingLabel,
  className,
  name,
  value,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: ReactNode }) {
  const navigation = useNavigation();
  const isSubmitting =
    navigation.state !== "idle" &&
    navigation.formMethod !== undefined &&
    navigation.formMethod.toUpperCase() !== "GET" &&
    (name === undefined || navigation.formData?.get(String(name)) === String(value ?? ""));
  return (
    <button
      type="submit"
      {...rest}
      name={name}
      value={value}
      className={`button ${className ?? "button-primary"}`}
      disabled={rest.disabled || isSubmitting}
      aria-busy={isSubmitting || undefined}
    >
      {isSubmitting ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
