// Shared rules for text people type into forms. Allow-lists rather than block-lists: names and
// addresses contain letters, digits and the punctuation real ones use (O'Brien, Smith & Sons,
// Suite #4); anything else — markup, quotes, semicolons, control and direction-override
// characters — is refused with a message at the field.
import { z } from "zod";

const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .,-]*$/u;
const ORGANISATION_NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} &'.,()/+#@!-]*$/u;
const ADDRESS = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} #'.,/-]*$/u;
// Free text (descriptions, answers): any printable character except markup brackets.
const FREE_TEXT = /^[^<>\p{Cc}\p{Cf}]*$/u;

function required(label: string, max: number, pattern: RegExp, patternMessage: string, min = 1) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(min, `Enter ${label}.`)
    .max(max, `Use at most ${max} characters.`)
    .regex(pattern, patternMessage);
}

function optional(max: number, pattern: RegExp, patternMessage: string) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .regex(pattern, patternMessage)
    .optional();
}

const PERSON_MESSAGE = "Use letters, spaces, hyphens, apostrophes and periods only.";
const ORGANISATION_MESSAGE = "Use letters, digits, spaces and & ' . , ( ) / + # - only.";
const ADDRESS_MESSAGE = "Use letters, digits, spaces and # ' . , / - only.";
const FREE_TEXT_MESSAGE = "Remove the < and > characters and any control characters.";

export const personName = (label = "your name") => required(label, 100, PERSON_NAME, PERSON_MESSAGE);
export const organisationName = (label: string, max = 150) =>
  required(label, max, ORGANISATION_NAME, ORGANISATION_MESSAGE, 2);
export const optionalOrganisationName = (max = 150) => optional(max, ORGANISATION_NAME, ORGANISATION_MESSAGE);
export const jobTitle = (label = "the title") => required(label, 80, ORGANISATION_NAME, ORGANISATION_MESSAGE);
export const addressLine = (label: string, max = 120) => required(label, max, ADDRESS, ADDRESS_MESSAGE);
export const optionalAddressLine = (max = 120) => optional(max, ADDRESS, ADDRESS_MESSAGE);
export const optionalFreeText = (max: number) => optional(max, FREE_TEXT, FREE_TEXT_MESSAGE);
export const freeText = (label: string, max: number) => required(label, max, FREE_TEXT, FREE_TEXT_MESSAGE);

export const websiteUrl = () =>
  z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .refine((value) => {
      if (!/^https?:\/\//i.test(value)) return false;
      try {
        const url = new URL(value);
        return url.hostname.includes(".") && !/[<>"'\s]/.test(value);
      } catch {
        return false;
      }
    }, "Enter a full address, e.g. https://example.com.")
    .optional();

/** "Meridian's", but "Harborline Export Factors'": the possessive of a name as English writes it. */
export function possessive(name: string): string {
  return /s$/i.test(name.trim()) ? `${name.trim()}'` : `${name.trim()}'s`;
}
