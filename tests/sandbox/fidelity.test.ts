// Limits and fidelity through HTTP: filenames decoded as browsers and curl encode them, the name part kept
// as given, the name and filename caps (400 naming the cap), media per user and MAX_STORE_BYTES (507 saying
// how to make room, nothing already stored lost, deleting makes room again), and HEAD wherever GET is served.
import { describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1 } from '../../src/fixtures/images.ts';
import { expectProblem } from './support/http.ts';
import { sandboxPerFile, startSandbox, userState } from './support/sandbox.ts';

const ctx = sandboxPerFile({ limits: { maxNameLength: 40, maxFilenameLength: 30, maxMediaPerUser: 3, maxStoreBytes: 1000 } });

describe('names', () => {
  it('decodes %22, %0D and %0A in the filename as the HTML form-data rules encode them', async () => {
    const r = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'my %22best%22 cat.png' });
    expect(r.status, r.text).toBe(201);
    expect(r.json.name).toBe('my "best" cat.png');
    const d = await ctx.sandbox.api.call('GET', `/media/${r.json.identifier}/download`, { token: ctx.user.token });
    expect(d.headers.get('content-disposition')).toBe('attachment; filename="my \\"best\\" cat.png"');
  });

  it("strips the path from the file's name only; the name part keeps / and \\ as given", async () => {
    const file = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'C:\\photos\\me.png' });
    expect(file.json.name).toBe('me.png');
    const named = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'x.png', name: 'Holiday 2025/26 \\ beach' });
    expect(named.json.name).toBe('Holiday 2025/26 \\ beach');
  });

  it.each(['', '..', '../..', 'dir/..'])('refuses the filename %j, which names no file, and stores nothing', async (filename) => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    const r = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename });
    expectProblem(r, 400);
    expect(r.json.type).toBe('urn:profile-contracts:problem:missing-filename');
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
  });

  it('refuses a name or filename over its cap with a 400 naming the cap, and stores nothing', async () => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    const name = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'a.png', name: 'n'.repeat(41) });
    expectProblem(name, 400);
    expect(name.json.type).toBe('urn:profile-contracts:problem:name-too-long');
    expect(name.json.detail).toContain('"name" is 41 characters long; the sandbox takes at most 40');
    const file = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: `${'f'.repeat(27)}.png` });
    expectProblem(file, 400);
    expect(file.json.detail).toContain("filename is 31 characters long; the sandbox takes at most 30");
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
    expect((await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: `${'f'.repeat(26)}.png`, name: 'n'.repeat(40) })).status).toBe(201);
  });

  it('refuses the 20,000-character name of the issue with the default caps', async () => {
    const own = await startSandbox();
    try {
      const guest = await own.api.guest();
      const r = await own.api.upload(guest.token, { bytes: PNG_1X1, filename: 'a.png', name: 'x'.repeat(20_000) });
      expectProblem(r, 400);
      expect(r.json.detail).toContain('at most 255');
    } finally {
      await own.close();
    }
  });
});

describe('storage caps', () => {
  it('refuses a user\'s media item over MAX_MEDIA_PER_USER with 507, keeping the others', async () => {
    for (let i = 0; i < 3; i++) expect((await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: `${i}.png` })).status).toBe(201);
    const before = await userState(ctx.sandbox.api, ctx.user);
    const r = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'one-more.png', query: 'ProfileImage' });
    expectProblem(r, 507);
    expect(r.json.type).toBe('urn:profile-contracts:problem:too-many-media');
    expect(r.json.detail).toContain('DELETE /media/{identifier}');
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
    // Another user still has room.
    const other = await ctx.sandbox.api.guest();
    expect((await ctx.sandbox.api.upload(other.token, { bytes: PNG_1X1, filename: 'x.png' })).status).toBe(201);
  });

  it('refuses an upload past MAX_STORE_BYTES across users with 507, loses nothing, and deleting makes room', async () => {
    const other = await ctx.sandbox.api.guest();
    const big = new Uint8Array(600).fill(0x42);
    const kept = await ctx.sandbox.api.upload(other.token, { bytes: big, filename: 'big.bin' });
    expect(kept.status).toBe(201);
    const before = [await userState(ctx.sandbox.api, ctx.user), await userState(ctx.sandbox.api, other)];
    const r = await ctx.sandbox.api.upload(ctx.user.token, { bytes: new Uint8Array(401).fill(0x43), filename: 'more.bin' });
    expectProblem(r, 507);
    expect(r.json.type).toBe('urn:profile-contracts:problem:store-full');
    expect(r.json.detail).toContain('limit of 1000 bytes (600 bytes are stored now)');
    expect(r.json.detail).toMatch(/POST \/_sandbox\/reset.*MAX_STORE_BYTES/);
    expect([await userState(ctx.sandbox.api, ctx.user), await userState(ctx.sandbox.api, other)]).toEqual(before);
    const download = await ctx.sandbox.api.call('GET', `/media/${kept.json.identifier}/download`, { token: other.token });
    expect(Buffer.from(download.bytes).equals(Buffer.from(big))).toBe(true);
    // Exactly up to the cap fits; after a delete, the same bytes fit again.
    expect((await ctx.sandbox.api.upload(ctx.user.token, { bytes: new Uint8Array(400).fill(0x43), filename: 'fits.bin' })).status).toBe(201);
    expect((await ctx.sandbox.api.call('DELETE', `/media/${kept.json.identifier}`, { token: other.token })).status).toBe(204);
    expect((await ctx.sandbox.api.upload(ctx.user.token, { bytes: big, filename: 'again.bin' })).status).toBe(201);
  });

  it('gives the room of a reset back', async () => {
    expect((await ctx.sandbox.api.upload(ctx.user.token, { bytes: new Uint8Array(1000).fill(1), filename: 'all.bin' })).status).toBe(201);
    expectProblem(await ctx.sandbox.api.upload(ctx.user.token, { bytes: GIF_1X1, filename: 'x.gif' }), 507);
    await ctx.sandbox.api.reset();
    const fresh = await ctx.sandbox.api.guest();
    expect((await ctx.sandbox.api.upload(fresh.token, { bytes: new Uint8Array(1000).fill(1), filename: 'all.bin' })).status).toBe(201);
  });
});

describe('HEAD', () => {
  it('answers wherever GET is served, with the GET headers and no body', async () => {
    const up = await ctx.sandbox.api.upload(ctx.user.token, { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' });
    const id = up.json.identifier as string;
    for (const path of ['/me', '/media', `/media/${id}`, `/media/${id}/base64`, `/media/${id}/download`, '/me/profileimage']) {
      const get = await ctx.sandbox.api.call('GET', path, { token: ctx.user.token });
      const head = await ctx.sandbox.api.call('HEAD', path, { token: ctx.user.token });
      expect(head.status, path).toBe(200);
      expect(head.bytes.length, path).toBe(0);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(head.headers.get('content-length'), path).toBe(String(get.bytes.length));
    }
    const download = await ctx.sandbox.api.call('HEAD', `/media/${id}/download`, { token: ctx.user.token });
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="a.png"');
    expect((await ctx.sandbox.api.call('HEAD', '/me')).status).toBe(401);
    expect((await ctx.sandbox.api.call('HEAD', '/media/unknown', { token: ctx.user.token })).status).toBe(404);
    expect((await ctx.sandbox.api.call('HEAD', '/_sandbox/health')).status).toBe(200);
  });
});
