// One handler per operationId of the spec: each turns its request into reads or a domain transition, runs
// them through the rule set (`app.rules`) and the store (`app.store`), and writes the answer. A failure is
// thrown as a ProblemError and answered by the problem-responses plugin. `request.user` is set by the
// authentication hook on every secured operation, and parameters are already checked against the spec.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdditionalType, MediaItem, Outcome, UserState } from '../domain.ts';
import { details, ProblemError } from '../errors.ts';
import { checkMediaCount, checkNames, type Limits } from '../limits.ts';
import { readUploadForm } from '../multipart.ts';
import { fileBaseName } from '../names.ts';
import { sniffFormat } from '../sniff.ts';
import type { LoadedSpec } from '../spec.ts';

export type Handler = (req: FastifyRequest, reply: FastifyReply) => unknown;

const TOKEN_LIFETIME_S = 3600;
const REFRESH_LIFETIME_S = 30 * 24 * 3600;

/**
 * `attachment; filename="..."` as CONTRACT.md writes it (always quoted, `"` and `\` escaped, non-ASCII
 * replaced by `?`), plus RFC 8187 `filename*` with the exact UTF-8 name when it is not plain ASCII.
 */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  let header = `attachment; filename="${fallback}"`;
  if (/[^\x20-\x7e]/.test(name)) {
    const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    header += `; filename*=UTF-8''${encoded}`;
  }
  return header;
}

const json = (reply: FastifyReply, status: number, value: unknown) =>
  reply.code(status).type('application/json').send(JSON.stringify(value));
const text = (reply: FastifyReply, value: string) => reply.code(200).type('text/plain; charset=utf-8').send(value);
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const now = () => new Date().toISOString();

export function createHandlers(app: FastifyInstance, spec: LoadedSpec, maxUploadBytes: number, limits: Limits): Record<string, Handler> {
  const { store, rules } = app;

  // A user's state object is immutable, so the JSON of GET /me is made once per change.
  const personJson = new WeakMap<UserState, string>();
  function personBody(user: UserState): string {
    let body = personJson.get(user);
    if (body === undefined) {
      body = JSON.stringify(rules.personView(user));
      personJson.set(user, body);
    }
    return body;
  }

  /** Commit a transition for the caller, or throw its rejection. */
  async function commit<T>(user: UserState, rule: (s: UserState) => Outcome<T>): Promise<T> {
    const outcome = await store.apply(user.profileId, rule, { maxStoreBytes: limits.maxStoreBytes });
    if (!outcome.ok) {
      throw new ProblemError(outcome.code, outcome.detail, outcome.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {});
    }
    return outcome.value;
  }

  function mediaOf(req: FastifyRequest): MediaItem {
    const { identifier } = req.params as { identifier: string };
    const item = rules.findMedia(req.user!, identifier);
    if (!item) throw new ProblemError('media-not-found', details.mediaNotFound(identifier));
    return item;
  }

  /** The form field `additionalType` must be a spec value and, when the query has one too, equal to it. */
  const allowedTypes = (spec.schema('AdditionalType').enum as string[] | undefined) ?? [];
  async function resolveAdditionalType(fromQuery: AdditionalType | undefined, fromForm: string | undefined): Promise<AdditionalType | undefined> {
    if (fromForm === undefined) return fromQuery;
    const checkAdditionalType = await spec.validator('AdditionalType');
    if (!checkAdditionalType(fromForm)) {
      throw new ProblemError('unknown-additional-type', details.unknownAdditionalType(fromForm, allowedTypes, 'The form field additionalType'));
    }
    if (fromQuery !== undefined && fromQuery !== fromForm) {
      throw new ProblemError('conflicting-additional-type', details.conflictingAdditionalType(fromQuery, fromForm));
    }
    return fromForm as AdditionalType;
  }

  return {
    async createToken(_req, reply) {
      const profileId = randomUUID();
      const token = randomUUID();
      const issued = Date.now();
      await store.addUser(rules.createGuest({ profileId, now: new Date(issued).toISOString() }), token);
      const expires = Math.floor(issued / 1000) + TOKEN_LIFETIME_S;
      return json(reply, 200, {
        token,
        tokenType: 'Bearer',
        expiresIn: expires,
        expiresInDate: new Date(expires * 1000).toISOString(),
        refreshToken: randomUUID(),
        refreshTokenExpiresInDate: new Date((Math.floor(issued / 1000) + REFRESH_LIFETIME_S) * 1000).toISOString(),
      });
    },

    getMe(req, reply) {
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(personBody(req.user!));
    },

    getProfileImage(req, reply) {
      const item = rules.activeImage(req.user!);
      if (!item) throw new ProblemError('no-profile-image', details.noProfileImage());
      return text(reply, asBuffer(item.bytes).toString('base64'));
    },

    async deleteProfileImage(req, reply) {
      await commit(req.user!, (s) => rules.deleteProfileImage(s, now()));
      return reply.code(204).send();
    },

    listMedia(req, reply) {
      return json(reply, 200, req.user!.media.map(rules.mediaView));
    },

    async uploadMedia(req, reply) {
      if (!req.isMultipart()) throw new ProblemError('not-multipart', details.notMultipart(req.headers['content-type']));
      const form = await readUploadForm(req, maxUploadBytes);
      const fromQuery = (req.query as { AdditionalType?: AdditionalType }).AdditionalType;
      const additionalType = await resolveAdditionalType(fromQuery, form.additionalType);
      // Only the filename is a path on the sender's machine; the name part is free text, kept as given.
      const fileName = fileBaseName(form.filename) || 'file';
      const tooLong = checkNames({ filename: fileName, ...(form.name !== undefined ? { name: form.name } : {}) }, limits);
      if (tooLong) throw new ProblemError(tooLong.code, tooLong.detail);
      const name = form.name || fileName;
      const input = {
        identifier: randomUUID(),
        name,
        bytes: form.file,
        encodingFormat: sniffFormat(form.file),
        ...(additionalType !== undefined ? { additionalType } : {}),
        now: now(),
      };
      const item = await commit(req.user!, (s) => {
        const full = checkMediaCount(s, limits);
        return full ? { ok: false, ...full } : rules.upload(s, input);
      });
      reply.header('location', `/media/${encodeURIComponent(item.identifier)}`);
      return json(reply, 201, rules.mediaView(item));
    },

    getMedia(req, reply) {
      return json(reply, 200, rules.mediaView(mediaOf(req)));
    },

    async deleteMedia(req, reply) {
      const { identifier } = req.params as { identifier: string };
      await commit(req.user!, (s) => rules.deleteMedia(s, identifier, now()));
      return reply.code(204).send();
    },

    getMediaBase64(req, reply) {
      return text(reply, asBuffer(mediaOf(req).bytes).toString('base64'));
    },

    downloadMedia(req, reply) {
      const item = mediaOf(req);
      return reply
        .code(200)
        .type(item.encodingFormat)
        .header('content-disposition', contentDisposition(item.name))
        .send(asBuffer(item.bytes));
    },
  };
}
