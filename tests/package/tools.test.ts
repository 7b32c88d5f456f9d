// The commands' process helpers on their own: finding a dependency's executable through Node's resolution
// (also for a package whose exports hide its package.json), the message when it is missing, and the stop
// requests (a signal calls the handler each time; outside npm there is no parent watch).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MissingToolError, packageBin } from '../../src/tools/package-bin.ts';
import { onStopRequest, type StopReason } from '../../src/tools/stop-signals.ts';

describe('packageBin', () => {
  it("finds Prism's executable file from the package's own manifest", () => {
    const prism = packageBin('@stoplight/prism-cli', 'prism');
    expect(prism).toMatch(/@stoplight\/prism-cli\/dist\/index\.js$/);
    expect(existsSync(prism)).toBe(true);
  });

  it('finds the executable of a package whose exports do not expose package.json', () => {
    const smv = packageBin('@pactflow/swagger-mock-validator', 'swagger-mock-validator');
    expect(existsSync(smv)).toBe(true);
  });

  it('a missing package is a MissingToolError that says how to install it', () => {
    expect(() => packageBin('no-such-package-profile-contracts', 'x')).toThrowError(MissingToolError);
    expect(() => packageBin('no-such-package-profile-contracts', 'x')).toThrowError(
      'no-such-package-profile-contracts is not installed; add it next to profile-contracts: npm install --save-dev no-such-package-profile-contracts',
    );
  });

  it('an executable the package does not declare is a MissingToolError naming it', () => {
    expect(() => packageBin('@stoplight/prism-cli', 'prismatic')).toThrowError('@stoplight/prism-cli declares no "prismatic" executable');
  });
});

describe('onStopRequest', () => {
  it('calls the handler for every SIGINT and SIGTERM until disposed', () => {
    const seen: StopReason[] = [];
    const listeners = process.listenerCount('SIGTERM');
    const dispose = onStopRequest((r) => seen.push(r), {});
    try {
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGINT', 'SIGINT');
    } finally {
      dispose();
    }
    expect(seen).toEqual(['SIGTERM', 'SIGINT']);
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
  });
});
