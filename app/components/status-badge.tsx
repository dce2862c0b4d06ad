const TONE: Record<string, string> = {
  ACTIVE: "badge-ok",
  SENT: "badge-ok",
  PENDING: "badge-warn",
  PAUSED: "badge-warn",
  SUSPENDED: "badge-bad",
  REJECTED: "badge-bad",
  FAILED: "badge-bad",
};

const LABEL: Record<string, string> = {
  ACTIVE: "Active",
  PENDING: "Pending",
  SUSPENDED: "Suspended",
  REJECTED: "Rejected",
  PAUSED: "Paused",
  SENT: "Sent",
  FAILED: "Failed",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ""}`}>{LABEL[status] ?? status}</span>;
}
