// Expected failures are responses: 404 for what is not yours (never 403, so ids cannot be probed),
// 409 for a state conflict.
import { data } from "@remix-run/node";

export function notFound(message = "We could not find that page."): never {
  throw data({ message }, { status: 404 });
}

export function conflict(message: string): never {
  throw data({ message }, { status: 409 });
}

/** The same 404 for resource routes (no UI), which answer with plain Responses. */
export function notFoundResponse(message = "Not found."): never {
  throw Response.json({ message }, { status: 404 });
}
