// Black-box HTTP helpers for the sandbox tests: one small client over `fetch` that speaks the public API
// (and the `/_sandbox/…` test-support routes), returning status, headers and the raw bytes of every answer,
// so that tests can assert byte-exactness and problem+json shapes without trusting a typed client.
import { expect } from 'vitest';
import type { components } from '../../../src/generated/profile-service.ts';
import { buildMultipart, filePart, type Part } from './multipart.ts';

export interface Reply {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** The parsed body when the answer is JSON (`application/json` or `application/*+json`), else `undefined`. */
  json: any;
}

// The answers' shapes come from the spec (the generated types), so a field renamed there is a compile error here;
// the assertions still read the raw bytes.
export type Person = components['schemas']['Person'];
export type MediaObject = components['schemas']['MediaObject'];
export type Notification = components['schemas']['ProfileNotification'];

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

export interface UploadOptions {
  bytes?: Uint8Array;
  filename?: string;
  contentType?: string;
  /** `AdditionalType` query parameter. */
  query?: string;
  /** `additionalType` form field. */
  form?: string;
  /** The optional `name` text part. */
  name?: string;
  /** Replace the generated parts entirely (for malformed bodies). */
  parts?: Part[];
}

export interface Guest {
  token: string;
  profileId: string;
}

const isJson = (contentType: string | null): boolean =>
  !!contentType && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/** How a target offers its test support (the sandbox over /_sandbox/…, the MSW handlers as functions). */
export interface TestSupport {
  notifications(profileId?: string): Promise<Notification[]>;
  reset(): Promise<void>;
}

export class Api {
  /** `support` stands in for the sandbox's /_sandbox/ routes on a target that has none. */
  constructor(
    readonly base: string,
    private readonly support?: TestSupport,
  ) {}

  async call(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: options.body as BodyInit | undefined,
      signal: AbortSignal.timeout(20_000),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = Buffer.from(bytes).toString('utf8');
    let json: unknown;
    if (isJson(res.headers.get('content-type')) && bytes.length > 0) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, bytes, text, json };
  }

  async guest(): Promise<Guest> {
    const tokenReply = await this.call('POST', '/token?grant_type=guest');
    expect(tokenReply.status, tokenReply.text).toBe(200);
    const token = tokenReply.json.token as string;
    const me = await this.me(token);
    return { token, profileId: me.profileId };
  }

  async me(token: string): Promise<Person> {
    const r = await this.call('GET', '/me', { token });
    expect(r.status, r.text).toBe(200);
    return r.json as Person;
  }

  async media(token: string): Promise<MediaObject[]> {
    const r = await this.call('GET', '/media', { token });
    expect(r.status, r.text).toBe(200);
    return r.json as MediaObject[];
  }

  upload(token: string | undefined, options: UploadOptions): Promise<Reply> {
    const { path, body, headers } = uploadRequest(options);
    return this.call('POST', path, { token, body, headers });
  }

  /** Every notification emitted so far (optionally for one profile), from the sandbox's log. */
  async notifications(profileId?: string): Promise<Notification[]> {
    if (this.support) return this.support.notifications(profileId);
    const query = profileId ? `?profileId=${encodeURIComponent(profileId)}` : '';
    const r = await this.call('GET', `/_sandbox/notifications${query}`);
    expect(r.status, r.text).toBe(200);
    return r.json as Notification[];
  }

  async reset(): Promise<void> {
    if (this.support) return this.support.reset();
    const r = await this.call('POST', '/_sandbox/reset');
    expect(r.status, r.text).toBe(204);
  }

  /** The service still answers: GET /me without a token gets its 401 problem (on every target alike). */
  async healthy(): Promise<void> {
    const r = await this.call('GET', '/me');
    expect(r.status, r.text).toBe(401);
    expectProblem(r, 401);
  }
}

/** The path, multipart body and Content-Type of a POST /media, for sending it with any credentials. */
export function uploadRequest(options: UploadOptions): { path: string; body: Buffer; headers: Record<string, string> } {
  const parts: Part[] = options.parts ?? [];
  if (!options.parts) {
    if (options.bytes) parts.push(filePart(options.bytes, options.filename ?? 'file.bin', options.contentType));
    if (options.form !== undefined) parts.push({ name: 'additionalType', data: options.form });
    if (options.name !== undefined) parts.push({ name: 'name', data: options.name });
  }
  const { body, contentType } = buildMultipart(parts);
  const query = options.query === undefined ? '' : `?AdditionalType=${encodeURIComponent(options.query)}`;
  return { path: `/media${query}`, body, headers: { 'content-type': contentType } };
}

/** The problem types Prism itself generates; a sandbox answer never carries one. */
export const PRISM_PROBLEM = /^https:\/\/stoplight\.io\/prism\/errors#/;

/** Assert an RFC 9457 problem answer with the given status (or one of several declared ones). */
export function expectProblem(reply: Reply, status: number | number[]): void {
  const allowed = Array.isArray(status) ? status : [status];
  expect(allowed, `status ${reply.status}: ${reply.text}`).toContain(reply.status);
  expect(reply.headers.get('content-type') ?? '', reply.text).toMatch(/^application\/problem\+json\b/);
  const p = reply.json;
  expect(p, reply.text).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status: reply.status,
      detail: expect.any(String),
    }),
  );
  expect(p.title.length, 'a problem title').toBeGreaterThan(0);
  // The detail must say what was wrong and how to fix it, so a bare "Bad Request" is not enough.
  expect(p.detail.length, `a problem detail that explains: ${p.detail}`).toBeGreaterThan(15);
}
