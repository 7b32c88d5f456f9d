// The shapes `verify` hands back: one CheckResult per pact interaction, spec check, sequence rule or message
// rule, so the console output, the JUnit XML and the Markdown summary all render the same facts.

export type Suite = 'pact' | 'spec' | 'sequence' | 'messages';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One thing that went wrong, in plain words: what was checked, what was expected, what came back. */
export interface Failure {
  message: string;
  expected?: string;
  actual?: string;
}

export interface CheckResult {
  suite: Suite;
  /** The pact interaction's description, or the rule's name. */
  name: string;
  status: CheckStatus;
  failures: Failure[];
  /** A failure of a pact the broker marked pending: reported, but it does not fail the run. */
  pending?: boolean;
  /** How to act on a skip or a failure (e.g. which flag to pass). */
  hint?: string;
  durationMs: number;
}

export interface VerifyOptions {
  /** The provider's base URL, e.g. http://127.0.0.1:4010 or https://host/test/profile. */
  providerUrl: string;
  /** Folder(s) of pact files (default `pacts/`, unless pactUrls are given). */
  pactDir?: string | string[];
  /** Single pacts: http(s) URLs (fetched with the broker credentials), file:// URLs or paths. */
  pactUrls?: string[];
  /**
   * A Pact Broker: with `url`, the pacts come from its "pacts for verification" (the HTTP provider's, and the
   * notifications provider's when notificationsPort is given). The credentials also serve http(s) pactUrls.
   */
  broker?: {
    url?: string;
    token?: string;
    username?: string;
    password?: string;
    /** Consumer version selectors (default: mainBranch, deployedOrReleased, matchingBranch). */
    selectors?: Record<string, unknown>[];
    enablePending?: boolean;
    includeWipPactsSince?: string;
  };
  /** The provider names to ask the broker for (default ProfileService and ProfileServiceNotifications). */
  providerNames?: { http?: string; notifications?: string };
  /** The provider's version, needed to publish results (the CLI defaults it to the git commit). */
  providerVersion?: string;
  /** The provider's branch: for `matchingBranch` selectors and published results (CLI default: from git). */
  providerBranch?: string;
  /** Publish the verification results to the broker through each pact's links (needs providerVersion). */
  publish?: boolean;
  /** Listen on 127.0.0.1:N for webhook deliveries; without it the message checks are skipped. */
  notificationsPort?: number;
  /** Where to write `verify.junit.xml` and `verify.md` (default `reports/`); `false` writes nothing. */
  reportDir?: string | false;
  /** The OpenAPI document responses are checked against (default `openapi/profile-service.yaml`). */
  specPath?: string;
  /** The provider's upload limit in bytes (default 10 MiB): the oversize rejection sends one byte more. */
  maxUploadBytes?: number;
  /** How long to wait for one webhook delivery (default 5000 ms). */
  messageTimeoutMs?: number;
  /** How long to wait after the last change before deciding that no further message comes (default 400 ms). */
  quietMs?: number;
  /**
   * Extra headers sent on every request verify makes (state set-up, pact replay, sequences), e.g. a gateway's
   * `ocp-apim-subscription-key`. Their values never appear in results, reports or log lines.
   */
  headers?: Record<string, string>;
  /**
   * Receives the Pact Verifier's own output, in full (ANSI colours included). Without it, one summary line
   * goes to `log` instead; with neither, nothing is printed (for callers that judge the result alone).
   */
  verifierOutput?: (text: string) => void;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export type ExitCode = 0 | 1 | 2 | 3;

export interface VerifyResult {
  ok: boolean;
  /** 0 everything passed, 1 something failed, 3 the provider could not be reached (2 is usage, in main.ts). */
  exitCode: ExitCode;
  providerUrl: string;
  checks: CheckResult[];
  counts: Record<CheckStatus, number>;
  durationMs: number;
  /** Set when the provider did not answer at all. */
  unreachable?: string;
  reportFiles: string[];
}
