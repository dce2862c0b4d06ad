import { Link } from "@remix-run/react";

export type ScoreSummary = {
  score: number | null;
  grade: string | null;
  scoreable: boolean;
  notScoreableReason: string | null;
  asOf: string;
};

/** The Trade Readiness Score at a glance. */
export function ScoreCard({ summary, link = true }: { summary: ScoreSummary; link?: boolean }) {
  return (
    <div className="score-card">
      {summary.scoreable && summary.score !== null ? (
        <>
          <p className="score-value">
            <span className="visually-hidden">Trade Readiness Score: </span>
            {summary.score}
            <span className="score-scale"> / 1000</span>
          </p>
          <p>
            <span className={`grade grade-${summary.grade?.toLowerCase()}`}>{`Grade ${summary.grade}`}</span>
            <span className="muted small">{` as of ${summary.asOf}`}</span>
          </p>
        </>
      ) : (
        <>
          <p className="score-value score-none">Not scoreable yet</p>
          <p className="muted small">{summary.notScoreableReason}</p>
        </>
      )}
      {link ? <Link to="/merchant/score">See how it is computed</Link> : null}
    </div>
  );
}
