import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoticeList } from "./notices";

const notices = [
  { id: "n1", kind: "DECLINED", creditorName: "Meridian Trade Capital", sentAt: "2026-11-30T12:00:00Z" },
];

describe("the list of notices", () => {
  it("says the copies were e-mailed only where e-mail is delivered", () => {
    const delivering = renderToStaticMarkup(<NoticeList notices={notices} basePath={null} emailed />);
    expect(delivering).toContain("Each is also e-mailed to you with a PDF copy.");
    const waiting = renderToStaticMarkup(<NoticeList notices={notices} basePath={null} emailed={false} />);
    expect(waiting).toContain("E-mail is not set up on this installation, so no copy was e-mailed");
    expect(waiting).not.toContain("Each is also e-mailed");
    expect(waiting).toContain("Meridian Trade Capital");
  });
});
