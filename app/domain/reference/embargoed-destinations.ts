// Comprehensively embargoed destinations, as data: change this list (and its date) when OFAC's
// programs change; nothing else needs to (docs/design/sanctions.md, embargoed destinations).
// Countries by ISO 3166-1 code; regions by ISO 3166-2 code, for countries embargoed only in part.

export const EMBARGOED_DESTINATIONS = {
  source:
    "U.S. Treasury, Office of Foreign Assets Control: comprehensively sanctioned countries and regions (Cuban Assets Control Regulations, 31 CFR 515; Iranian Transactions and Sanctions Regulations, 31 CFR 560; North Korea Sanctions Regulations, 31 CFR 510; Syria, Executive Order 13582 and 31 CFR 542; Crimea, Executive Order 13685; the so-called Donetsk and Luhansk People's Republic regions of Ukraine, Executive Order 14065)",
  asOf: "2024-05-03",
  countries: [
    {
      code: "CU",
      name: "Cuba",
      program: "CUBA",
    },
    {
      code: "IR",
      name: "Iran",
      program: "IRAN",
    },
    {
      code: "KP",
      name: "North Korea",
      program: "DPRK",
    },
    {
      code: "SY",
      name: "Syria",
      program: "SYRIA",
    },
  ],
  regions: [
    {
      country: "UA",
      code: "UA-43",
      name: "Crimea (Autonomous Republic of Crimea)",
      program: "UKRAINE-EO13685",
    },
    {
      country: "UA",
      code: "UA-40",
      name: "Sevastopol (Crimea)",
      program: "UKRAINE-EO13685",
    },
    {
      country: "UA",
      code: "UA-14",
      name: "Donetsk region (so-called Donetsk People's Republic)",
      program: "RUSSIA-EO14065",
    },
    {
      country: "UA",
      code: "UA-09",
      name: "Luhansk region (so-called Luhansk People's Republic)",
      program: "RUSSIA-EO14065",
    },
  ],
} as const;
