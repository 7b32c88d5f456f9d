// `npm run lint:spec` (Spectral with spectral:oas and the house rules in .spectral.yaml) finds nothing in the
// spec, and each house rule fires on a deliberately broken copy, so the ruleset can fail.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SPEC } from '../support/processes.ts';
import { cleanup, specCopy } from './support/spec-copy.ts';

afterAll(cleanup);

interface Finding {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/** Run the Spectral CLI exactly as `npm run lint:spec` does, with JSON output. */
function spectral(specPath: string): Promise<Finding[]> {
  const bin = resolve(ROOT, 'node_modules/.bin/spectral');
  const args = ['lint', specPath, '--ruleset', resolve(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'];
  return new Promise((done, fail) => {
    // Spectral exits non-zero when it finds something; the JSON on stdout is what counts.
    execFile(bin, args, { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      try {
        done(JSON.parse(stdout) as Finding[]);
      } catch {
        fail(new Error(`spectral gave no JSON (${String(err)}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** Where `code` fired, as sorted dotted paths (one rule may report several errors at one place). */
const at = (findings: Finding[], code: string): string[] => [...new Set(findings.filter((f) => f.code === code).map((f) => f.path.join('.')))].sort();

describe('the spec', () => {
  it('is lint-clean: no errors, no warnings, no hints', async () => {
    expect(await spectral(SPEC)).toEqual([]);
  });
});

describe('a broken copy of the spec', () => {
  let findings: Finding[];

  it('is linted', async () => {
    const path = await specCopy((doc) => {
      // house-operation-declares-401: an operation that needs a token but declares no 401.
      delete doc.paths['/me'].get.responses['401'];
      // house-error-problem-json: a 404 with application/json instead of problem+json ...
      doc.paths['/me/profileimage'].get.responses['404'] = {
        description: 'No active profile image.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
      // ... and a 413 with problem+json plus a second media type.
      doc.paths['/media'].post.responses['413'] = {
        description: 'Too large.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          'text/html': { schema: { type: 'string' } },
        },
      };
      // ... and a shared error response (used by three operations) with a second media type.
      const notFound = doc.components.responses.MediaNotFound.content;
      notFound['application/json'] = notFound['application/problem+json'];
      // house-operation-documented: an operation without description, a webhook without tags.
      delete doc.paths['/media/{identifier}'].delete.description;
      delete doc.webhooks.profileNotification.post.tags;
      // house-success-json-named-examples: a 2xx JSON response with a lone `example`.
      const list = doc.paths['/media'].get.responses['200'].content['application/json'];
      list.example = list.examples.noMedia.value;
      delete list.examples;
    });
    findings = await spectral(path);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('house-operation-declares-401 fires on GET /me without 401, and not on POST /token (security: [])', () => {
    expect(at(findings, 'house-operation-declares-401')).toEqual(['paths./me.get.responses']);
  });

  it('house-error-problem-json fires on a 404 with application/json and on responses with a second media type', () => {
    expect(at(findings, 'house-error-problem-json')).toEqual([
      'components.responses.MediaNotFound.content',
      'paths./me/profileimage.get.responses.404.content',
      'paths./media.post.responses.413.content',
    ]);
  });

  it('house-operation-documented fires on a missing description and on a webhook without tags', () => {
    expect(at(findings, 'house-operation-documented')).toEqual([
      'paths./media/{identifier}.delete',
      'webhooks.profileNotification.post',
    ]);
  });

  it('house-success-json-named-examples fires on a 2xx JSON response without named examples', () => {
    expect(at(findings, 'house-success-json-named-examples')).toEqual(['paths./media.get.responses.200.content.application/json']);
  });

  it('every house finding is an error with a message that says how to fix it', () => {
    const house = findings.filter((f) => f.code.startsWith('house-'));
    expect(house.length).toBeGreaterThanOrEqual(7);
    for (const f of house) {
      expect(f.severity, f.code).toBe(0);
      expect(f.message, f.code).toMatch(/declare|use a shared response|give every operation|add named `examples`/);
    }
  });
});
