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

export async function readForm(request: Request, maxPartBytes: number): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadTooLargeError();
    throw error;
  }
}
