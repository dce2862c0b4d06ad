// `npm run test:stress`: what takes minutes — the action fuzzer with five times the runs, and the
// deal's model-based test with six times the runs, each with a fresh seed (printed, so a failure
// can be repeated with FUZZ_SEED=<seed> or DEAL_MODEL_SEED=<seed>).
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["tests/integration/fuzz-actions.test.ts", "tests/integration/deal-model.test.ts"],
      testTimeout: 600_000,
      hookTimeout: 120_000,
    },
  }),
);
