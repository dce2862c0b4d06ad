// Previous / next links for a paged list; each keeps the page's other query parameters (filters).
import { Link, useSearchParams } from "@remix-run/react";

export function Pagination({ page, pages, summary }: { page: number; pages: number; summary: string }) {
  const [params] = useSearchParams();
  const pageLink = (to: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(to));
    return `?${next}`;
  };
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted small">{`${summary} · page ${page} of ${pages}`}</span>
      {page > 1 ? <Link to={pageLink(page - 1)}>Previous</Link> : null}
      {page < pages ? <Link to={pageLink(page + 1)}>Next</Link> : null}
    </nav>
  );
}

/** The link back to the first page, keeping the filters, for a page number past the end. */
export function useFirstPageLink(): string {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  next.set("page", "1");
  return `?${next}`;
}
