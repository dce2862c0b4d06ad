// Per-request memoisation for read-only requests. A page is served by several loaders (root,
// layout, page) that each check the session and the user's membership; within one GET they all
// see the same answer, so it is read once. The store exists only while server.js runs a GET or
// HEAD request through runWithRequestMemo: an action (which may change a session or a role) and
// every test harness read the database each time.
import { AsyncLocalStorage } from "node:async_hooks";

const storage = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function runWithRequestMemo<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

export function memoizeForRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return compute();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}
