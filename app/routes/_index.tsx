import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { homePathFor, UserRole } from "~/domain/accounts/roles";
import { getSessionUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionUser(request);
  const role = UserRole.safeParse(session?.user.role);
  if (role.success) throw redirect(homePathFor(role.data));
  return null;
}

export default function Home() {
  return (
    <>
      <section className="hero">
        <h1>Working capital for the orders you ship abroad</h1>
        <p>
          A purchase order from a buyer in China, Japan or Viet Nam is money you will have in 60 to 120 days —
          but materials and freight are due now. TradeLift scores your business from its real sales and export
          orders and sends your application to the trade-finance lenders whose products fit.
        </p>
        <div className="button-row">
          <Link to="/signup" className="button button-primary">
            Apply as a merchant
          </Link>
          <Link to="/login" className="button button-secondary">
            Log in
          </Link>
        </div>
      </section>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="merchants-title">
          <h2 id="merchants-title">For exporters</h2>
          <ol className="steps">
            <li>Create your account and describe your business and its owners.</li>
            <li>Connect your business bank account and add your export orders.</li>
            <li>See your Trade Readiness Score and the reasons behind it.</li>
            <li>Apply once; compare every lender's offer side by side, with the full cost disclosed.</li>
          </ol>
        </section>
        <section className="card" aria-labelledby="lenders-title">
          <h2 id="lenders-title">For lenders</h2>
          <ol className="steps">
            <li>
              Describe your products: PO financing, export factoring, working-capital lines, term loans.
            </li>
            <li>Receive only applications that meet your criteria, pre-scored with the evidence attached.</li>
            <li>Review, ask for documents, decline with reasons or make an offer — all in one queue.</li>
          </ol>
          <p>
            <Link to="/partners/apply" className="button button-secondary">
              Become a lending partner
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
