// A stand-in Pact Broker for tests (a real one needs Ruby gems or Docker, neither of which these machines
// have). It serves the HAL resources that the Pact Verifier and the pact CLI follow: the index, "pacts for
// verification", each pact with its `pb:publish-verification-results` and `pb:provider` links, pacticipants
// with their branch-version and version resources, verification results, contract publishing, the matrix
// (can-i-deploy), environments and deployed versions. It records every request, so tests can assert on what
// the real clients call, and answers 404 (recorded too) to anything else, which shows up in those assertions.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinPact {
  json: { consumer: { name: string }; provider: { name: string }; [key: string]: unknown };
  /** The consumer version and branch it was published with. */
  consumerVersion?: string;
  branch?: string;
  pending?: boolean;
  wip?: boolean;
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  authorization?: string;
}

export interface StandinOptions {
  pacts?: StandinPact[];
  /** Accept only this bearer token (else anything, or nothing). */
  token?: string;
  /** Accept only these basic-auth credentials. */
  basic?: { username: string; password: string };
  /** What the matrix answers for can-i-deploy. */
  deployable?: boolean;
  environments?: string[];
}

export interface Standin {
  url: string;
  calls: Call[];
  /** Verification results received, per pact path. */
  verifications: { pact: string; body: Record<string, unknown> }[];
  /** Contracts received by POST /contracts/publish. */
  published: Record<string, unknown>[];
  /** Branch versions recorded: `pacticipant/branch/version`. */
  branchVersions: string[];
  /** Deployments recorded: `pacticipant version → environment`. */
  deployments: string[];
  close(): Promise<void>;
}

const sha = (json: unknown) => createHash('sha1').update(JSON.stringify(json)).digest('hex').slice(0, 16);

export async function startBroker(options: StandinOptions = {}): Promise<Standin> {
  const pacts = [...(options.pacts ?? [])];
  const environments = options.environments ?? ['production'];
  const calls: Call[] = [];
  const verifications: Standin['verifications'] = [];
  const published: Standin['published'] = [];
  const branchVersions: string[] = [];
  const deployments: string[] = [];
  let base = '';

  const pactPath = (p: StandinPact) => `/pacts/provider/${encodeURIComponent(p.json.provider.name)}/consumer/${encodeURIComponent(p.json.consumer.name)}/pact-version/${sha(p.json)}`;
  const withLinks = (p: StandinPact) => ({
    ...p.json,
    _links: {
      self: { href: `${base}${pactPath(p)}` },
      'pb:provider': { href: `${base}/pacticipants/${encodeURIComponent(p.json.provider.name)}`, name: p.json.provider.name },
      'pb:consumer': { href: `${base}/pacticipants/${encodeURIComponent(p.json.consumer.name)}`, name: p.json.consumer.name },
      'pb:publish-verification-results': { href: `${base}${pactPath(p)}/verification-results`, title: 'Publish verification results' },
    },
  });
  const authorised = (header: string | undefined) => {
    if (options.token) return header === `Bearer ${options.token}`;
    if (options.basic) return header === `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`;
    return true;
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] => {
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET' && seg.length === 0) {
      return [200, {
        _links: {
          self: { href: base },
          'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          'pb:publish-contracts': { href: `${base}/contracts/publish` },
          'pb:pacticipant': { href: `${base}/pacticipants/{pacticipant}`, templated: true },
          'pb:pacticipant-version': { href: `${base}/pacticipants/{pacticipant}/versions/{version}`, templated: true },
          'pb:pacticipant-branch-version': { href: `${base}/pacticipants/{pacticipant}/branches/{branch}/versions/{version}`, templated: true },
          'pb:environments': { href: `${base}/environments` },
          'pb:environment': { href: `${base}/environments/{uuid}`, templated: true },
          'pb:matrix': { href: `${base}/matrix` },
        },
      }];
    }
    if (method === 'POST' && seg[0] === 'pacts' && seg[3] === 'for-verification') {
      const provider = seg[2];
      const q = body as { includePendingStatus?: boolean; includeWipPactsSince?: string };
      const list = pacts.filter((p) => p.json.provider.name === provider && (!p.wip || q.includeWipPactsSince));
      return [200, {
        _embedded: {
          pacts: list.map((p) => ({
            shortDescription: `latest from ${p.branch ?? 'main'}`,
            verificationProperties: {
              ...(q.includePendingStatus ? { pending: !!p.pending } : {}),
              ...(p.wip ? { wip: true } : {}),
              notices: [{ when: 'before_verification', text: `The pact at ${base}${pactPath(p)} is being verified because it matches the given consumer version selectors` }],
            },
            _links: { self: { href: `${base}${pactPath(p)}`, name: `Pact between ${p.json.consumer.name} and ${p.json.provider.name}` } },
          })),
        },
        _links: { self: { href: `${base}${path}` } },
      }];
    }
    if (method === 'GET' && seg[0] === 'pacts' && seg[3] === 'for-verification') {
      // The Pact Verifier reads the resource first, then POSTs its query to the resource's self link.
      return [200, { _links: { self: { href: `${base}${path}` } } }];
    }
    if (seg[0] === 'pacts' && seg[6]) {
      const pact = pacts.find((p) => pactPath(p) === `/${seg.slice(0, 7).map(encodeURIComponent).join('/')}`);
      if (pact && method === 'GET' && seg.length === 7) return [200, withLinks(pact)];
      if (pact && method === 'POST' && seg[7] === 'verification-results') {
        verifications.push({ pact: pactPath(pact), body: body as Record<string, unknown> });
        return [201, { success: (body as { success?: boolean }).success, _links: { self: { href: `${base}${path}/1` } } }];
      }
    }
    if (seg[0] === 'pacticipants' && seg.length === 2 && method === 'GET') {
      return [200, {
        name: seg[1],
        _links: {
          self: { href: `${base}${path}` },
          'pb:branch-version': { href: `${base}/pacticipants/${encodeURIComponent(seg[1]!)}/branches/{branch}/versions/{version}`, templated: true },
          'pb:version': { href: `${base}/pacticipants/${encodeURIComponent(seg[1]!)}/versions/{version}`, templated: true },
          'pb:version-tag': { href: `${base}/pacticipants/${encodeURIComponent(seg[1]!)}/versions/{version}/tags/{tag}`, templated: true },
        },
      }];
    }
    if (seg[0] === 'pacticipants' && seg[2] === 'branches' && seg[4] === 'versions' && method === 'PUT') {
      branchVersions.push(`${seg[1]}/${seg[3]}/${seg[5]}`);
      return [200, { number: seg[5], _links: { self: { href: `${base}${path}` } } }];
    }
    if (seg[0] === 'pacticipants' && seg[2] === 'versions' && seg.length === 4 && method === 'GET') {
      return [200, {
        number: seg[3],
        _links: {
          self: { href: `${base}${path}` },
          'pb:record-deployment': environments.map((e) => ({ name: e, title: `Record deployment to ${e}`, href: `${base}${path}/deployed-versions/environment/${e}` })),
          'pb:record-release': environments.map((e) => ({ name: e, href: `${base}${path}/released-versions/environment/${e}` })),
        },
      }];
    }
    if (seg[0] === 'pacticipants' && seg[4] === 'deployed-versions' && method === 'POST') {
      deployments.push(`${seg[1]} ${seg[3]} → ${seg[6]}`);
      return [201, { currentlyDeployed: true, _links: { self: { href: `${base}${path}/1` } } }];
    }
    if (method === 'GET' && seg[0] === 'environments' && seg.length === 1) {
      return [200, { _embedded: { environments: environments.map((e) => ({ uuid: e, name: e, displayName: e, production: e === 'production', _links: { self: { href: `${base}/environments/${e}` } } })) } }];
    }
    if (method === 'GET' && seg[0] === 'environments' && seg.length === 2 && environments.includes(seg[1]!)) {
      return [200, { uuid: seg[1], name: seg[1], production: seg[1] === 'production', _links: { self: { href: `${base}${path}` } } }];
    }
    if (method === 'POST' && path === '/contracts/publish') {
      published.push(body as Record<string, unknown>);
      const b = body as { pacticipantName?: string; pacticipantVersionNumber?: string; branch?: string; contracts?: unknown[] };
      return [200, {
        notices: [{ type: 'success', text: `Created ${b.pacticipantName} version ${b.pacticipantVersionNumber} with branch ${b.branch}; published ${b.contracts?.length ?? 0} contract(s)` }],
        _embedded: {
          pacticipant: { name: b.pacticipantName, _links: { self: { href: `${base}/pacticipants/${b.pacticipantName}` } } },
          version: { number: b.pacticipantVersionNumber, _links: { self: { href: `${base}/pacticipants/${b.pacticipantName}/versions/${b.pacticipantVersionNumber}` } } },
        },
        _links: {},
      }];
    }
    if (method === 'GET' && (path === '/matrix' || path === '/can-i-deploy')) {
      const deployable = options.deployable ?? true;
      return [200, {
        summary: { deployable, reason: deployable ? 'All required verification results are published and successful' : 'The verification for the pact between the latest version of ProfileImageClient and ProfileService failed', success: deployable ? 1 : 0, failed: deployable ? 0 : 1, unknown: 0 },
        notices: [],
        matrix: [],
      }];
    }
    return [404, { error: `the stand-in broker has no ${method} ${path}` }];
  };

  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const query: Record<string, string[]> = {};
      for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
      calls.push({ method: req.method ?? 'GET', path: url.pathname, query, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const [status, payload] = authorised(req.headers.authorization)
        ? route(req.method ?? 'GET', url.pathname.replace(/\/+$/, '') || '/', url.searchParams, body)
        : [401, { error: 'Authentication required' }];
      res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    calls,
    verifications,
    published,
    branchVersions,
    deployments,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
