// Reads a form, multipart (uploads) or not, with a size limit on every part.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

export class UploadTooLargeError extends Error {
  constructor() {
    super("The file is too large.");
    this.name = "UploadTooLargeError";
  }
}

/** A body that is not a form as a browser sends it: a 400 saying so, never a 500. */
function unreadableForm(): Response {
  return new Response(
    JSON.stringify({ message: "The form could not be read as sent. Reload the page and send it again." }),
    { status: 400, headers: { "Content-Type": "application/json; charset=utf-8" } },
  );
}

// Field names that would reach an object's prototype when conform turns "a.b[0]" paths into objects.
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

function checked(form: FormData): FormData {
  for (const name of form.keys()) {
    if (name.split(/[.[\]]+/).some((segment) => FORBIDDEN_SEGMENTS.has(segment))) throw unreadableForm();
  }
  return form;
}

/** Every action reads its form here: a malformed body answers 400 instead of failing. */
export async function formDataOf(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw unreadableForm();
  }
  return checked(form);
}

export async function readForm(request: Request, maxPartBytes: number): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return formDataOf(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError();
    throw unreadableForm();
  }
  return checked(form);
}

/**
 * The status of a form answered without saving: 200 when the submission was one of conform's
 * intents (add or remove an owner row without JavaScript: nothing was refused), 400 when the input
 * was refused.
 */
export function replyStatus(submission: { status?: "success" | "error"; intent?: unknown }): 200 | 400 {
  if (submission.intent) return 200;
  return submission.status === "error" ? 400 : 200;
}

/** The field's value when it was sent exactly once as text; null when missing, repeated or a file. */
export function singleValue(formData: FormData, name: string): string | null {
  const values = formData.getAll(name);
  return values.length === 1 && typeof values[0] === "string" ? values[0] : null;
}

/**
 * Field errors for hidden inputs have nowhere to show on the page: the first of them becomes the
 * form's own message, and the rest stay at their fields.
 */
export function withHiddenFieldErrors(
  fieldErrors: Record<string, string[] | undefined>,
  hidden: readonly string[],
): { error: string | null; fields: Record<string, string[] | undefined> } {
  const fields = { ...fieldErrors };
  let error: string | null = null;
  for (const name of hidden) {
    error ??= fields[name]?.[0] ?? null;
    delete fields[name];
  }
  return { error, fields };
}
