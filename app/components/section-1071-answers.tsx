// Section 1071 answers read back, for the applicant itself and for admins; never for lenders.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import {
  type Section1071Answers as Answers,
  BUSINESS_STATUS_QUESTIONS,
  describeChoices,
  isBlankOwner,
  SECTION_1071_LABELS,
} from "~/domain/section1071/questions";

const word = (code: string | null) => (code === null ? "Not answered" : (SECTION_1071_LABELS[code] ?? code));

export function Section1071Answers({ answers }: { answers: Answers }) {
  return (
    <dl className="details">
      {BUSINESS_STATUS_QUESTIONS.map((q) => (
        <Fragment key={q.field}>
          <dt>{q.label}</dt>
          <dd>{word(answers[q.field])}</dd>
        </Fragment>
      ))}
      <dt>Number of principal owners</dt>
      <dd>{word(answers.principalOwnerCount)}</dd>
      {answers.owners.map((owner, index) =>
        isBlankOwner(owner) ? null : (
          // biome-ignore lint/suspicious/noArrayIndexKey: owners are numbered by position
          <Fragment key={index}>
            <dt>{`Principal owner ${index + 1}`}</dt>
            <dd>
              {`Ethnicity: ${owner.ethnicity.length ? describeChoices(owner.ethnicity, owner) : "Not answered"}. `}
              {`Race: ${owner.race.length ? describeChoices(owner.race, owner) : "Not answered"}. `}
              {`Sex/gender: ${owner.sexDeclined ? word("DECLINED") : (owner.sex ?? "Not answered")}.`}
            </dd>
          </Fragment>
        ),
      )}
    </dl>
  );
}

/** The way to an application's Section 1071 step from its page: optional before and after sending. */
export function Section1071Link({ applicationId, status }: { applicationId: string; status: string }) {
  if (status === "DISCARDED") return null;
  const to = `/merchant/applications/${applicationId}/demographics`;
  return (
    <p className="muted small no-print">
      {status === "DRAFT" ? "Optional, before you send it: " : "Optional: "}
      <Link to={to}>
        {status === "DRAFT"
          ? "answer the demographic questions federal law requires us to ask"
          : "see or change this application's demographic answers"}
      </Link>
      {" (lenders never see them)."}
    </p>
  );
}
