import { describe, expect, it } from "vitest";
import { APPLICATION_WORKFLOW, REFERRAL_WORKFLOW } from "~/domain/applications/workflow";
import { OFFER_WORKFLOW } from "~/domain/offers/workflow";
import { assertMove, canMove, defineMachine, isFinal, moves, nextStatuses, TransitionError } from "./machine";
import { WORKFLOWS } from "./workflows";

describe("workflow tables", () => {
  for (const machine of Object.values(WORKFLOWS)) {
    it(`${machine.entity}: allows exactly the moves of its table`, () => {
      const allowed = new Set(moves(machine).map(([from, to]) => `${from}>${to}`));
      for (const from of machine.statuses) {
        for (const to of machine.statuses) {
          const ok = allowed.has(`${from}>${to}`);
          expect(canMove(machine, from, to), `${from} → ${to}`).toBe(ok);
          if (ok) expect(() => assertMove(machine, from, to)).not.toThrow();
          else expect(() => assertMove(machine, from, to)).toThrow(TransitionError);
        }
      }
      expect(canMove(machine, "NO_SUCH_STATUS", machine.statuses[0] ?? "")).toBe(false);
    });
    it(`${machine.entity}: every status has a label and is reachable from a start`, () => {
      const reached = new Set<string>(machine.initial);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [from, to] of moves(machine)) {
          if (reached.has(from) && !reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
      for (const status of machine.statuses) {
        expect(machine.labels[status], status).toBeTruthy();
        expect(reached.has(status), `${status} is reachable`).toBe(true);
      }
    });
  }

  it("the application's happy path exists and its ends are final", () => {
    const path = ["DRAFT", "SUBMITTED", "IN_REVIEW", "OFFERED", "ACCEPTED", "FUNDED"];
    for (let i = 0; i < path.length - 1; i++)
      expect(canMove(APPLICATION_WORKFLOW, path[i] ?? "", path[i + 1] ?? "")).toBe(true);
    for (const end of ["FUNDED", "DECLINED", "WITHDRAWN", "EXPIRED", "DISCARDED"])
      expect(isFinal(APPLICATION_WORKFLOW, end)).toBe(true);
    expect(canMove(APPLICATION_WORKFLOW, "ACCEPTED", "WITHDRAWN")).toBe(false);
  });

  it("a referral whose offer ended goes back to review; an accepted one only to funded", () => {
    expect(canMove(REFERRAL_WORKFLOW, "OFFERED", "IN_REVIEW")).toBe(true);
    expect(nextStatuses(REFERRAL_WORKFLOW, "ACCEPTED")).toEqual(["FUNDED"]);
    expect(isFinal(OFFER_WORKFLOW, "EXPIRED")).toBe(true);
  });

  it("refuses a table that names an unknown status", () => {
    expect(() =>
      defineMachine({
        entity: "Offer",
        noun: "offer",
        statuses: ["A", "B"],
        initial: ["A"],
        transitions: { A: ["C" as "B"], B: [] },
        labels: { A: "a", B: "b" },
      }),
    ).toThrow(/unknown C/);
  });

  it("says in words why a move is refused", () => {
    expect(() => assertMove(OFFER_WORKFLOW, "EXPIRED", "ACCEPTED")).toThrow(
      "An offer that is expired cannot become accepted.",
    );
  });
});
