import "@remix-run/node";

// Remix v2 with the v3_singleFetch future flag: loader and action types follow single fetch.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
