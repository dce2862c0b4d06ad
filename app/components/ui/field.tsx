// Form fields whose label, hint and error messages are tied together for assistive technology.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  const list = errors?.filter(Boolean) ?? [];
  if (list.length === 0) return null;
  return (
    <ul id={id} className="field-errors">
      {list.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

type FieldShellProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  id?: string;
  className?: string;
};

function describedBy(hintId: string | undefined, errorId: string | undefined) {
  return [hintId, errorId].filter(Boolean).join(" ") || undefined;
}

export function Field({
  label,
  hint,
  errors,
  className,
  inputProps,
}: FieldShellProps & { inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string } }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const { key, ...rest } = inputProps;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...rest}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  textareaProps,
}: FieldShellProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string } }) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const { key, ...rest } = textareaProps;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        key={key}
        {...rest}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  label,
  hint,
  errors,
  className,
  options,
  placeholder,
  selectProps,
}: FieldShellProps & {
  options: readonly Option[];
  placeholder?: string;
  selectProps: SelectHTMLAttributes<HTMLSelectElement> & { key?: string };
}) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const { key, defaultValue, ...rest } = selectProps;
  // A tampered submission can echo back several values for one field: show the first.
  const initial = Array.isArray(defaultValue) ? defaultValue[0] : defaultValue;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        key={key}
        {...rest}
        defaultValue={initial}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  errors,
  className,
  inputProps,
}: FieldShellProps & { inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string } }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const { key, ...rest } = inputProps;
  return (
    <div className={`field field-checkbox ${className ?? ""}`}>
      <input
        key={key}
        {...rest}
        type="checkbox"
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      />
      <label htmlFor={id}>{label}</label>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
