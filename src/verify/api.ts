// The provider's public API as verify uses it: plain fetch through the spec gate, typed with the generated
// schemas. Verify stands beside the client and the sandbox (it does not import src/client), so that it
// judges raw responses (status, headers, bytes) rather than what a client makes of them.
import type { components } from '../generated/profile-service.ts';
import { CONTEXT_HEADER } from './gate.ts';

export type Person = components['schemas']['Person'];
export type MediaObject = components['schemas']['MediaObject'];
export type AdditionalType = components['schemas']['AdditionalType'];

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

/** A step of a set-up or a rule did not get the answer it needs; the message says which and what came. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
  }
}

export interface Guest {
  token: string;
  profileId: string;
}

export interface Upload {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
  additionalType?: AdditionalType;
}

export function describe(r: RawResponse): string {
  const type = r.headers.get('content-type') ?? 'no Content-Type';
  const body = r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text;
  return `${r.status} (${type})${body ? ` ${body}` : ''}`;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly context: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** The same API with another label on its requests (the label shows up in spec violations). */
  as(context: string): Api {
    return new Api(this.baseUrl, context, this.timeoutMs);
  }

  /** One request; a raw body (bytes) needs its content type. */
  async request(method: string, path: string, token?: string | null, body?: FormData | Uint8Array, contentType?: string): Promise<RawResponse> {
    const headers: Record<string, string> = { [CONTEXT_HEADER]: this.context };
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType) headers['content-type'] = contentType;
    const payload = body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : body;
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    if (/json/i.test(res.headers.get('content-type') ?? '')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: res.headers, bytes, text, json };
  }

  /** A fresh guest: POST /token?grant_type=guest, then GET /me for its profileId. */
  async guest(): Promise<Guest> {
    const res = await this.request('POST', '/token?grant_type=guest');
    const token = (res.json as { token?: unknown } | undefined)?.token;
    if (res.status !== 200 || typeof token !== 'string' || !token) {
      throw new StepError('POST /token?grant_type=guest must create a guest and return its token', '200 with {"token": "..."}', describe(res));
    }
    const me = await this.me(token);
    return { token, profileId: me.profileId };
  }

  async me(token: string): Promise<Person> {
    const res = await this.request('GET', '/me', token);
    const person = res.json as Person | undefined;
    if (res.status !== 200 || !person || typeof person.profileId !== 'string') {
      throw new StepError('GET /me must return the current user\'s Person', '200 with a Person', describe(res));
    }
    return person;
  }

  /** POST /media; the raw answer, so rules can judge status and headers themselves. */
  async uploadRaw(token: string, u: Upload): Promise<RawResponse> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(u.bytes)], { type: u.contentType }), u.filename);
    const query = u.additionalType ? `?AdditionalType=${encodeURIComponent(u.additionalType)}` : '';
    return this.request('POST', `/media${query}`, token, form);
  }

  /** POST /media that must succeed; returns the MediaObject and the raw answer. */
  async upload(token: string, u: Upload): Promise<{ media: MediaObject; res: RawResponse }> {
    const res = await this.uploadRaw(token, u);
    const media = res.json as MediaObject | undefined;
    if (res.status < 200 || res.status > 299 || !media || typeof media.identifier !== 'string') {
      throw new StepError(
        `uploading ${u.filename}${u.additionalType ? ` as ${u.additionalType}` : ''} must succeed`,
        '201 with a MediaObject',
        describe(res),
      );
    }
    return { media, res };
  }

  async listMedia(token: string): Promise<MediaObject[]> {
    const res = await this.request('GET', '/media', token);
    if (res.status !== 200 || !Array.isArray(res.json)) {
      throw new StepError('GET /media must list the user\'s media', '200 with a JSON array', describe(res));
    }
    return res.json as MediaObject[];
  }

  async deleteProfileImage(token: string): Promise<RawResponse> {
    return this.request('DELETE', '/me/profileimage', token);
  }
}

/** The contract treats a missing `profileImage` and `""` alike: "no profile image". */
export const activeImage = (p: Person): string | undefined => (p.profileImage ? p.profileImage : undefined);

export const media = (id: string, suffix = ''): string => `/media/${encodeURIComponent(id)}${suffix}`;
