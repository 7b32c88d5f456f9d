// Step 4: every pact interaction is allowed by the spec. HTTP interactions go through
// @pactflow/swagger-mock-validator (requests and responses; response properties the pact lists must be
// declared). What it does not see is checked here: the part names of multipart request bodies, and message
// pacts against the spec's `webhooks.profileNotification` (contents vs the Person, metadata vs the
// notification properties) with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import type { ErrorObject } from 'ajv/dist/2020.js';
import { memo, rel, type CheckContext } from './context.ts';
import { CouldNotRun, type Finding } from './model.ts';
import {
  bodyBytes,
  boundaryOf,
  header,
  httpInteractions,
  loadPacts,
  messageInteractions,
  multipartParts,
  type MessageInteraction,
  type PactFile,
} from './pacts.ts';
import { createAjv } from '../spec/ajv.ts';
import { atPointer, deref, findOperation, isObject, type Json, type JsonObject } from '../spec/data.ts';
import { loadSpec } from '../spec/load.ts';

/** A finding about one interaction; `key` identifies it across two specs for the consumer-aware rule. */
export interface InteractionFinding extends Finding {
  key: string;
  /** `METHOD /path` (HTTP) or `message` — what the interaction uses. */
  uses: string;
}

const FIX_INTERACTION =
  'Decide which side is wrong: change the consumer test (and regenerate the pact with `npm run test:consumer`) or change the spec (`npm run generate`).';

/** Pact's own message metadata keys, not part of the notification properties. */
const PACT_METADATA_KEYS = new Set(['contentType', 'content-type', 'Content-Type']);

export async function allowedStep(ctx: CheckContext): Promise<Finding[]> {
  return checkPactsAgainstSpec(ctx, ctx.specPath, rel(ctx, ctx.specPath));
}

/** Every finding for the committed pacts against the spec at `specPath` (memoised per spec). */
export function checkPactsAgainstSpec(ctx: CheckContext, specPath: string, specLabel: string): Promise<InteractionFinding[]> {
  return memo(ctx, `allowed:${specPath}`, async () => {
    const pacts = await loadPacts(ctx.pactDir, rel(ctx, ctx.pactDir));
    const spec = await loadSpec(specPath);
    const findings: InteractionFinding[] = [];
    for (const pact of pacts) {
      findings.push(...(await smv(pact, specPath, specLabel)));
      findings.push(...multipart(pact, spec, specLabel));
      findings.push(...messages(pact, spec, specLabel));
    }
    // swagger-mock-validator reports a problem once per array item; one finding per interaction and problem is enough.
    return [...new Map(findings.map((f) => [f.key, f])).values()];
  });
}

async function smv(pact: PactFile, specPath: string, specLabel: string): Promise<InteractionFinding[]> {
  const interactions = httpInteractions(pact);
  if (interactions.length === 0) return [];
  // An optional peer of the kit: loaded when this step runs, so `check --help` and the other steps need it not.
  let validator: typeof import('@pactflow/swagger-mock-validator');
  try {
    validator = await import('@pactflow/swagger-mock-validator');
  } catch (err) {
    throw new CouldNotRun(
      `the step needs @pactflow/swagger-mock-validator, an optional peer of profile-contracts: ${(err as Error).message.split('\n')[0]}`,
      'Install it next to the kit: `npm install --save-dev @pactflow/swagger-mock-validator`.',
      pact.name,
    );
  }
  let outcome;
  try {
    outcome = await validator.SwaggerMockValidatorFactory.create().validate({
      specPathOrUrl: specPath,
      mockPathOrUrl: pact.path,
      additionalPropertiesInResponse: 'false',
      requiredPropertiesInResponse: 'false',
    });
  } catch (err) {
    throw new CouldNotRun(
      `swagger-mock-validator could not compare ${pact.name} with ${specLabel}: ${err instanceof Error ? err.message : String(err)}`,
      'Check that the pact is valid JSON written by Pact and that the spec parses (`npm run lint:spec`).',
      pact.name,
    );
  }
  // Warnings (e.g. an undeclared request header) are advice; errors are disagreements.
  return outcome.errors.map((e) => {
    const description = e.mockDetails?.interactionDescription ?? '(unknown interaction)';
    const i = interactions.find((x) => x.description === description);
    const uses = i ? `${String(i.request.method).toUpperCase()} ${String(i.request.path)}` : '(unknown)';
    const where = e.specDetails?.location ? ` (spec: ${e.specDetails.location.replace(/^\[root\]\./, '')})` : '';
    return {
      key: `${pact.name}|${description}|smv ${e.code}|${e.message}`,
      uses,
      artefact: `${pact.name} › "${description}"`,
      rule: `swagger-mock-validator ${e.code}`,
      problem: `${uses}: ${e.message}${where}`,
      fix: FIX_INTERACTION,
    };
  });
}

/** Multipart part names: each part the pact sends is declared in the spec's schema; required ones are sent. */
function multipart(pact: PactFile, spec: JsonObject, specLabel: string): InteractionFinding[] {
  const out: InteractionFinding[] = [];
  for (const i of httpInteractions(pact)) {
    const ct = header(i.request, 'content-type');
    if (!ct || !/^multipart\/form-data/i.test(ct)) continue;
    const uses = `${String(i.request.method).toUpperCase()} ${String(i.request.path)}`;
    const base = { artefact: `${pact.name} › "${i.description}"`, uses, fix: FIX_INTERACTION };
    const op = findOperation(spec, String(i.request.method), String(i.request.path));
    if (!op) continue; // swagger-mock-validator already reports an unknown operation
    const boundary = boundaryOf(ct);
    const bytes = bodyBytes(i.request);
    if (!boundary || !bytes) {
      out.push({
        ...base,
        key: `${pact.name}|${i.description}|multipart-body`,
        rule: 'multipart bodies are readable',
        problem: `${uses}: the pact's multipart body has no boundary or no content, so its part names cannot be checked.`,
      });
      continue;
    }
    const body = deref(spec, op.operation.requestBody, `${op.pointer}/requestBody`);
    const content = isObject(body.node) && isObject(body.node.content) ? body.node.content : {};
    const media = content['multipart/form-data'];
    if (!isObject(media)) {
      out.push({
        ...base,
        key: `${pact.name}|${i.description}|multipart-media-type`,
        rule: 'multipart part names exist in the spec',
        problem: `${uses}: the pact sends multipart/form-data, but ${specLabel} declares no multipart/form-data body for ${op.method.toUpperCase()} ${op.template} (declared: ${Object.keys(content).join(', ') || 'none'}).`,
      });
      continue;
    }
    const { properties, required } = objectShape(spec, media.schema);
    const sent = multipartParts(bytes, boundary).map((p) => p.name);
    for (const name of sent.filter((n) => !(n in properties))) {
      out.push({
        ...base,
        key: `${pact.name}|${i.description}|multipart-part-unknown|${name}`,
        rule: 'multipart part names exist in the spec',
        problem: `${uses}: the pact sends a part named "${name}", which ${specLabel} does not declare for ${op.method.toUpperCase()} ${op.template} (declared parts: ${Object.keys(properties).join(', ')}).`,
      });
    }
    for (const name of required.filter((n) => !sent.includes(n))) {
      out.push({
        ...base,
        key: `${pact.name}|${i.description}|multipart-part-missing|${name}`,
        rule: 'required multipart parts are sent',
        problem: `${uses}: ${specLabel} requires a part named "${name}" for ${op.method.toUpperCase()} ${op.template}, but the pact sends only: ${sent.join(', ') || 'no parts'}.`,
      });
    }
  }
  return out;
}

/** Declared properties and required names of an object schema, through `$ref` and `allOf`. */
function objectShape(spec: JsonObject, schema: Json | undefined): { properties: JsonObject; required: string[] } {
  const { node } = deref(spec, schema, '');
  if (!isObject(node)) return { properties: {}, required: [] };
  const properties: JsonObject = { ...(isObject(node.properties) ? node.properties : {}) };
  const required = Array.isArray(node.required) ? node.required.map(String) : [];
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
    const s = objectShape(spec, part);
    Object.assign(properties, s.properties);
    required.push(...s.required);
  }
  return { properties, required };
}

/** Message pacts against the notification schemas of `webhooks.profileNotification`. */
function messages(pact: PactFile, spec: JsonObject, specLabel: string): InteractionFinding[] {
  const list = messageInteractions(pact);
  if (list.length === 0) return [];
  const webhookPointer = '/webhooks/profileNotification/post/requestBody/content/application~1json/schema';
  const resolved = deref(spec, atPointer(spec, webhookPointer), webhookPointer);
  const shape = isObject(resolved.node) && isObject(resolved.node.properties) ? resolved.node.properties : undefined;
  if (!shape || !shape.body || !shape.properties) {
    return list.map((m) => ({
      key: `${pact.name}|${m.description}|no-webhook`,
      uses: 'message',
      artefact: `${pact.name} › "${m.description}"`,
      rule: 'message pacts match webhooks.profileNotification',
      problem: `${specLabel} has no webhooks.profileNotification JSON schema with \`body\` and \`properties\`, so the message cannot be allowed.`,
      fix: 'Restore the notification schema under webhooks.profileNotification in the spec (or drop the message pact).',
    }));
  }
  const ajv = createAjv();
  // The whole document is registered so that `$ref: '#/components/...'` inside the schemas resolves.
  ajv.addSchema({ ...spec, $id: 'spec' } as object, 'spec');
  const bodyPointer = `${resolved.pointer}/properties/body`;
  const propsPointer = `${resolved.pointer}/properties/properties`;
  const checkBody = ajv.compile({ $ref: `spec#${bodyPointer}` });
  const checkProps = ajv.compile({ $ref: `spec#${propsPointer}` });

  const out: InteractionFinding[] = [];
  // `detail` names the problem without the spec's label, so the same problem under two specs has one key.
  const report = (m: MessageInteraction, detail: string, rule: string, problem: string) =>
    out.push({
      key: `${pact.name}|${m.description}|${detail}`,
      uses: 'message',
      artefact: `${pact.name} › "${m.description}"`,
      rule,
      problem,
      fix: FIX_INTERACTION,
    });
  for (const m of list) {
    // Like swagger-mock-validator for responses: what the pact lists must be valid and declared, but a
    // consumer need not list every required property (it lists what it reads).
    if (!checkBody(m.contents)) {
      for (const e of relevant(checkBody.errors)) report(m, `contents${e.instancePath} ${e.keyword} ${e.message}`, 'message contents match the Person schema', `contents${e.instancePath}: ${e.message}`);
    }
    for (const p of undeclared(spec, m.contents, atPointer(spec, bodyPointer), 'contents')) {
      report(m, `${p} undeclared`, 'message contents match the Person schema', `${p} is not declared in ${specLabel}'s notification body schema`);
    }
    const metadata = Object.fromEntries(Object.entries(m.metadata).filter(([k]) => !PACT_METADATA_KEYS.has(k)));
    if (!checkProps(metadata)) {
      for (const e of relevant(checkProps.errors)) report(m, `metadata${e.instancePath} ${e.keyword} ${e.message}`, 'message metadata match ProfileNotificationProperties', `metadata${e.instancePath}: ${e.message}`);
    }
    for (const p of undeclared(spec, metadata, atPointer(spec, propsPointer), 'metadata')) {
      report(m, `${p} undeclared`, 'message metadata match ProfileNotificationProperties', `${p} is not declared in ${specLabel}'s notification properties schema`);
    }
  }
  return out;
}

function relevant(errors: ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).filter((e) => e.keyword !== 'required');
}

/** Properties a value has that its schema does not declare (unless the schema allows extra ones explicitly). */
function undeclared(spec: JsonObject, value: Json | undefined, schema: Json | undefined, path: string): string[] {
  const { node } = deref(spec, schema, '');
  if (!isObject(node)) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => undeclared(spec, v, node.items, `${path}[${i}]`));
  if (!isObject(value)) return [];
  const { properties } = objectShape(spec, node);
  if (Object.keys(properties).length === 0) return [];
  const allowsExtra = node.additionalProperties === true || isObject(node.additionalProperties);
  return Object.entries(value).flatMap(([k, v]) =>
    k in properties ? undeclared(spec, v, properties[k], `${path}.${k}`) : allowsExtra ? [] : [`${path}.${k}`],
  );
}
