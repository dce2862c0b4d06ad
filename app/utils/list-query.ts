// What every paged list's query string has in common: a filter left at "All" sends an empty value,
// which means no filter, and a page number that does not parse is the first page. A list's own
// filters are its schema's business; nothing in a query string is ever an error.
import { z } from "zod";

/** The page number of a paged list: a whole number from 1; anything else is page 1. */
export const pageParam = () => z.coerce.number().int().min(1).max(100_000).catch(1);

/** The query string's values without the empty ones, for a list's filter schema to parse. */
export function filledParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params.entries()].filter(([, value]) => value.trim() !== ""));
}
