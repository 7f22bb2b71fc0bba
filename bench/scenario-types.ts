import { SamvirkeClaims } from '../src/auth/jwt';
import { Role } from '../src/auth/roles';

/**
 * Who sends the requests of a scenario: a role plus its natural-key scope, exactly the claims
 * `npm run token` takes (region defaults to nord-osterdal where the role needs one).
 * `{ role: Role.PUBLIC }` sends no Authorization header.
 */
export type TokenSpec = { role: Role } & Omit<Partial<SamvirkeClaims>, 'role' | 'sub'>;

/** What a scenario's `variables` function can use to look things up before the run. */
export interface ScenarioSetup {
  /** Runs one operation against the benchmark server; fails on GraphQL errors; returns `data`. */
  gql<T = any>(query: string, variables: Record<string, unknown> | undefined, token: TokenSpec): Promise<T>;
  /** Any other request (an import), with no time limit; the body parsed as JSON. */
  post(path: string, body: string, contentType: string, token: TokenSpec): Promise<{ status: number; body: any }>;
  /** The server's DATA_DIR (its embedded PostgreSQL, for fixtures the API cannot create). */
  dataDir: string;
  /** The server process (to sample its RSS while a prepare step runs), when known. */
  serverPid?: number;
}

export type Variables = Record<string, unknown>;

/**
 * One benchmark scenario: a GraphQL operation sent as POST /graphql JSON.
 * To add one, append an object to SCENARIOS; nothing else needs to change.
 */
export interface Scenario {
  /** Short, unique; used in the results table and with BENCH_SCENARIOS=name1,name2. */
  name: string;
  query: string;
  /**
   * Static variables, or a function that looks them up first (e.g. a global ID). If it returns an
   * array, the requests cycle through the variable sets (e.g. one per unit, to spread row locks).
   */
  variables?: Variables | ((setup: ScenarioSetup) => Promise<Variables | Variables[]>);
  token: TokenSpec;
  /** Runs once before the scenarios (large fixtures); the lines it returns are printed and recorded with the results. */
  prepare?: (setup: ScenarioSetup) => Promise<string[]>;
}
