import { useLocation } from "@remix-run/react";

/**
 * "Download CSV" for a list page: the export route with the page's current filters (every page
 * of rows, so the page number is left out). A plain link: the file is a download, not a page.
 */
export function DownloadCsvLink({ href, label = "Download CSV" }: { href: string; label?: string }) {
  const params = new URLSearchParams(useLocation().search);
  params.delete("page");
  params.delete("index");
  const query = params.toString();
  return (
    <a className="button button-secondary" href={query ? `${href}?${query}` : href} download>
      {label}
    </a>
  );
}
