import { usePlaidLink } from "react-plaid-link";

/**
 * Opens Plaid Link (sandbox and production modes). On success it hands the public token to the
 * page's action, which exchanges it on the server; the token never leaves for anywhere else.
 */
export function PlaidLinkButton({
  linkToken,
  label,
  onPublicToken,
}: {
  linkToken: string;
  label: string;
  onPublicToken: (publicToken: string) => void;
}) {
  const { open, ready } = usePlaidLink({
    token: linkToken,
    onSuccess: (publicToken) => onPublicToken(publicToken),
  });
  return (
    <button type="button" className="button button-primary" disabled={!ready} onClick={() => open()}>
      {label}
    </button>
  );
}
