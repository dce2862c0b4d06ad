// A workflow's status table: which statuses a record may start in, and which moves are allowed
// from each status. Pure data and pure checks; the one function that applies a move to the
// database is `transition` in transition.server.ts. Every workflow's table is described in
// docs/design/workflows.md.

/** The Prisma model whose `status` column the table governs. */
export type WorkflowEntity =
  | "Application"
  | "Referral"
  | "Offer"
  | "Funding"
  | "ExportOrder"
  | "InfoRequest"
  | "BankConnection"
  | "LenderOrg"
  | "LenderProduct"
  | "OutboxEmail"
  | "ScreeningHit"
  | "Deal"
  | "WebhookDelivery";

export type Machine<S extends string> = {
  readonly entity: WorkflowEntity;
  /** A name for people: "application", "bank connection". */
  readonly noun: string;
  readonly statuses: readonly S[];
  /** The statuses a new record may be created in. */
  readonly initial: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly labels: Readonly<Record<S, string>>;
};

export function defineMachine<const S extends string>(machine: Machine<S>): Machine<S> {
  for (const [from, targets] of Object.entries(machine.transitions) as [S, readonly S[]][]) {
    for (const to of targets) {
      if (!machine.statuses.includes(to)) throw new Error(`${machine.entity}: ${from} → unknown ${to}`);
    }
  }
  for (const status of machine.initial) {
    if (!machine.statuses.includes(status)) throw new Error(`${machine.entity}: unknown initial ${status}`);
  }
  return machine;
}

export function isStatus<S extends string>(machine: Machine<S>, value: string): value is S {
  return (machine.statuses as readonly string[]).includes(value);
}

export function canMove<S extends string>(machine: Machine<S>, from: string, to: string): boolean {
  if (!isStatus(machine, from)) return false;
  return (machine.transitions[from] as readonly string[]).includes(to);
}

/** The statuses a record may move to next. */
export function nextStatuses<S extends string>(machine: Machine<S>, from: string): readonly S[] {
  return isStatus(machine, from) ? machine.transitions[from] : [];
}

/** A status no move leaves. */
export function isFinal<S extends string>(machine: Machine<S>, status: string): boolean {
  return nextStatuses(machine, status).length === 0;
}

export function statusLabel<S extends string>(machine: Machine<S>, status: string): string {
  return isStatus(machine, status) ? machine.labels[status] : status;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "An" : "A";
}

function words(status: string): string {
  return status.toLowerCase().replaceAll("_", " ");
}

export class TransitionError extends Error {
  constructor(
    readonly entity: WorkflowEntity,
    readonly from: string | null,
    readonly to: string,
    noun: string,
  ) {
    super(
      from === null
        ? `A new ${noun} cannot start as ${words(to)}.`
        : `${article(noun)} ${noun} that is ${words(from)} cannot become ${words(to)}.`,
    );
    this.name = "TransitionError";
  }
}

export function assertMove<S extends string>(machine: Machine<S>, from: string, to: S): void {
  if (!canMove(machine, from, to)) throw new TransitionError(machine.entity, from, to, machine.noun);
}

/** Every move of a table, as [from, to] pairs (for docs and tests). */
export function moves<S extends string>(machine: Machine<S>): [S, S][] {
  return (Object.entries(machine.transitions) as [S, readonly S[]][]).flatMap(([from, targets]) =>
    targets.map((to) => [from, to] as [S, S]),
  );
}
