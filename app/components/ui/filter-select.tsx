// One labelled drop-down of a list's GET filter form: "All" (or another first choice, or none)
// and then the options, with the current filter selected.

export type FilterOption = { value: string; label: string };

export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  allLabel = "All",
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  /** The first choice, meaning "no filter"; null when a value is always chosen (a sort order). */
  allLabel?: string | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {allLabel === null ? null : <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options from a list of codes and a label for each. */
export function optionsOf(values: readonly string[], label: (value: string) => string): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}
