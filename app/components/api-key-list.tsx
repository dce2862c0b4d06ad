// A lender's API keys, as its admins (/lender/api-keys) and TradeLift's admins (the partner's page)
// see them: name, prefix, scopes, creation and last use; each live key with its revoke button.
import { ConfirmAction } from "~/components/ui/confirm-action";
import { TableScroll } from "~/components/ui/table-scroll";
import { When } from "~/components/ui/when";

export type ListedApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string | Date;
  createdBy: string;
  lastUsedAt: string | Date | null;
  revokedAt: string | Date | null;
};

export function ApiKeyList({ keys, canRevoke }: { keys: ListedApiKey[]; canRevoke: boolean }) {
  if (keys.length === 0) return <p>No API keys yet.</p>;
  return (
    <TableScroll label="API keys">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{`${key.prefix}_…`}</code>
              </td>
              <td>{key.scopes.join(", ")}</td>
              <td>
                <When at={key.createdAt} />
                {` by ${key.createdBy}`}
              </td>
              <td>{key.lastUsedAt ? <When at={key.lastUsedAt} /> : "never"}</td>
              <td>
                {key.revokedAt ? (
                  <>
                    {"Revoked "}
                    <When at={key.revokedAt} />
                  </>
                ) : canRevoke ? (
                  <ConfirmAction
                    label="Revoke"
                    intent="revoke-api-key"
                    confirmLabel="Yes, revoke this key"
                    pendingLabel="Revoking…"
                    fields={{ keyId: key.id }}
                    consequence={`Every request with “${key.name}” is refused from now on. This cannot be undone.`}
                  />
                ) : (
                  "Live"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
