import { describe, expect, it } from "vitest";
import { pdfPlainText, pdfText } from "#tests/support/pdf-text";
import { downloadResponse } from "./http.server";
import { pdfResponse, renderPdf, toWinAnsi } from "./pdf.server";

const issuedAt = new Date("2026-11-30T15:00:00Z");

describe("renderPdf", () => {
  it("writes every block's text where a reader finds it", async () => {
    const bytes = await renderPdf({
      title: "Offer disclosure",
      subtitle: "For Acme Exports LLC — issued 30 Nov 2026",
      issuedAt,
      footer: "Offer ofr_123",
      blocks: [
        { kind: "heading", text: "Your payments" },
        { kind: "paragraph", text: "You repay $52,000.00 in 12 monthly payments." },
        {
          kind: "list",
          items: ["Sales fell 12% over the last three months", "Year founded was not provided"],
          numbered: true,
        },
        {
          kind: "facts",
          rows: [
            ["Estimated APR", "55.45%"],
            ["Amount disbursed", "$29,100.00"],
          ],
        },
        {
          kind: "table",
          columns: ["#", "Date", "Amount"],
          rows: [
            ["1", "30 Dec 2026", "$4,333.33"],
            ["12", "30 Nov 2027", "$4,333.37"],
          ],
          align: ["left", "left", "right"],
        },
      ],
    });
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfPlainText(bytes);
    for (const expected of [
      "Offer disclosure",
      "For Acme Exports LLC — issued 30 Nov 2026",
      "Your payments",
      "You repay $52,000.00 in 12 monthly payments.",
      "Sales fell 12% over the last three months",
      "Estimated APR",
      "55.45%",
      "$29,100.00",
      "30 Nov 2027",
      "$4,333.37",
      "Offer ofr_123 · Page 1 of 1",
    ])
      expect(text).toContain(expected);
  });

  it("renders the same document to the same bytes", async () => {
    const doc = { title: "Notice", issuedAt, blocks: [{ kind: "paragraph" as const, text: "Same" }] };
    expect((await renderPdf(doc)).equals(await renderPdf(doc))).toBe(true);
  });

  it("flows a long document onto more pages and numbers them", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), `Week ${i + 1}`, "$961.54"] as const);
    const bytes = await renderPdf({
      title: "Schedule",
      issuedAt,
      blocks: [{ kind: "table", columns: ["#", "When", "Amount"], rows }],
    });
    const text = await pdfText(bytes);
    expect(text).toContain("Week 80");
    expect(text).toMatch(/Page 2 of \d/);
  });
});

describe("toWinAnsi", () => {
  it("keeps what the standard fonts print and spells out or marks the rest", () => {
    expect(toWinAnsi("Café — “quoted” €5 · 3×2 ≤ 4")).toBe("Café — “quoted” €5 · 3x2 <= 4");
    expect(toWinAnsi("上海贸易")).toBe("????");
  });
});

describe("download responses", () => {
  it("names the file safely and keeps it private", async () => {
    const response = downloadResponse(new Uint8Array([1, 2]), {
      fileName: 'bad"name\r\nSet-Cookie: x.pdf',
      contentType: "application/pdf",
    });
    const disposition = response.headers.get("Content-Disposition") ?? "";
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition).toContain('filename="bad-name--Set-Cookie--x.pdf"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const pdf = pdfResponse(Buffer.from("%PDF-1.3"), "offer.pdf");
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Length")).toBe("8");
  });
});
