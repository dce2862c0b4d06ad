// The life of a potential sanctions match (docs/design/workflows.md, screening hits): open until
// an admin clears it (not the listed party) or confirms it (the listed party). A hit found again
// for a name an admin already cleared against the same entry is recorded cleared from the start.
import { defineMachine } from "~/domain/workflow/machine";

export const SCREENING_HIT_STATUSES = ["OPEN", "CLEARED", "CONFIRMED"] as const;
export type ScreeningHitStatus = (typeof SCREENING_HIT_STATUSES)[number];

export const SCREENING_HIT_WORKFLOW = defineMachine({
  entity: "ScreeningHit",
  noun: "screening hit",
  statuses: SCREENING_HIT_STATUSES,
  initial: ["OPEN", "CLEARED"],
  transitions: {
    OPEN: ["CLEARED", "CONFIRMED"],
    CLEARED: [],
    CONFIRMED: [],
  },
  labels: { OPEN: "Open", CLEARED: "Cleared", CONFIRMED: "Confirmed match" },
});
