// The time zone a person reads times in: an IANA name the browser reports or the person chose.
import { z } from "zod";

/** Whether Intl knows this IANA zone ("America/Chicago"; "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// US zones first (our merchants), then every other zone the runtime knows, alphabetically.
const US_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
] as const;

export function timeZoneChoices(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const rest = all.filter((zone) => !(US_ZONES as readonly string[]).includes(zone));
  return [...US_ZONES, "UTC", ...rest.filter((zone) => zone !== "UTC")];
}

// Schemas are built inside `/* @__PURE__ */` closures so the browser bundle drops them: forms
// validate on the server only (docs/design/platform.md, "Light pages").
export const TimeZoneSchema = /* @__PURE__ */ (() =>
  z.object({
    intent: z.enum(["detect", "choose"], { message: "Choose what to do." }),
    timeZone: z
      .string({ message: "Choose a time zone." })
      .trim()
      .refine(isTimeZone, { message: "Choose a time zone from the list." }),
  }))();
