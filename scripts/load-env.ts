// Side-effect import: loads .env (when present) before any module reads the environment.
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
