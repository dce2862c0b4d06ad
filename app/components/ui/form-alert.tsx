/** Errors about the whole form (not one field), announced to screen readers. */
export function FormAlert({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  const list = errors?.filter(Boolean) ?? [];
  if (list.length === 0) return null;
  return (
    <div id={id} className="alert alert-error" role="alert">
      {list.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
