import { Fragment } from "react";
import type { DisclosureContent } from "~/domain/offers/disclosure-content";

/**
 * An offer's disclosure as the merchant reads it: the same content is printed in its PDF and kept,
 * word for word, with an accepted offer (app/domain/offers/disclosure-content.ts).
 */
export function DisclosureView({ content }: { content: DisclosureContent }) {
  const { schedule } = content;
  return (
    <div className="disclosure">
      <dl className="details">
        {content.facts.map((line) => (
          <Fragment key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.label.endsWith("APR") ? <strong>{line.value}</strong> : line.value}</dd>
          </Fragment>
        ))}
      </dl>
      <details open={schedule.rows.length <= 6}>
        <summary>{`Payment schedule (${schedule.rows.length} payment${schedule.rows.length === 1 ? "" : "s"})`}</summary>
        <table aria-label="Payment schedule">
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {schedule.rows.map((row) => (
              <tr key={row.number}>
                <td>{row.number}</td>
                <td>{row.date}</td>
                <td className="num">{row.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{schedule.assumption}</p>
        {schedule.rounding ? <p className="muted small">{schedule.rounding}</p> : null}
      </details>
      {/* Plain terms rather than headings: each offer card keeps one heading, its lender's. */}
      <dl className="details disclosure-notes">
        {content.notes.map((note) => (
          <Fragment key={note.heading}>
            <dt>{note.heading}</dt>
            <dd className="small">{note.text}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}
