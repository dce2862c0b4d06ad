import { formatMoney } from "~/domain/money";

/** An amount in its currency and, for other currencies, its US-dollar equivalent with the rate's date. */
export function MoneyWithUsd({
  amountMinor,
  currency,
  usdCents,
  rateAsOf,
}: {
  amountMinor: bigint | number | string;
  currency: string;
  usdCents: bigint | number | string | null;
  rateAsOf: string | null;
}) {
  const amount = formatMoney(BigInt(amountMinor), currency);
  if (currency === "USD") return <>{amount}</>;
  return (
    <>
      {amount}
      <br />
      <span className="muted small">
        {usdCents === null
          ? "no USD rate on file"
          : `≈ ${formatMoney(BigInt(usdCents), "USD", { whole: true })}${rateAsOf ? ` (rate of ${rateAsOf})` : ""}`}
      </span>
    </>
  );
}
