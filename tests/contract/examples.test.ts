// Every example in the spec matches its schema (src/spec/examples.ts), and a copy with broken examples is
// reported with the example's JSON pointer and the schema error, so this check can fail.
import { afterAll, describe, expect, it } from 'vitest';
import { countExamples, validateExamples } from '../../src/spec/examples.ts';
import { cleanup, specCopy } from './support/spec-copy.ts';

afterAll(cleanup);

const PERSON_EXAMPLE = '#/paths/~1me/get/responses/200/content/application~1json/examples/personWithProfileImage/value';
const CREATED_EXAMPLE = '#/paths/~1media/post/responses/201/content/application~1json/examples/profileImageCreated/value';

describe('the spec examples', () => {
  it('all match their schemas', async () => {
    expect(await validateExamples()).toEqual([]);
  });

  it('are found in every place examples live (media types, parameters, headers, schemas, webhooks, components)', async () => {
    // A walker that silently skips a place would make "all valid" meaningless: break one example per place.
    const path = await specCopy((doc) => {
      doc.paths['/media'].post.parameters[0].examples.profileImage.value = 'profileimage';
      doc.paths['/media'].post.responses['201'].headers.Location.example = 42;
      doc.components.headers.WWWAuthenticate.example = 'Basic';
      doc.components.parameters.MediaIdentifier.example = '';
      doc.components.schemas.MediaObject.properties.encodingFormat.examples = [7];
      doc.components.responses.NoProfileImage.content['application/problem+json'].examples.noProfileImage.value.status = 'not found';
      doc.webhooks.profileNotification.post.requestBody.content['application/json'].examples.guestCreated.value.properties.eventTrigger = 'Created';
      doc.paths['/me/profileimage'].get.responses['200'].content['text/plain'].examples.activeImage.value = 'not base64!';
    });
    const messages = await validateExamples(path);
    const expected = [
      '#/paths/~1media/post/parameters/0/examples/profileImage/value',
      '#/paths/~1media/post/responses/201/headers/Location/example',
      '#/components/headers/WWWAuthenticate/example',
      '#/components/parameters/MediaIdentifier/example',
      '#/components/schemas/MediaObject/properties/encodingFormat/examples/0',
      '#/components/responses/NoProfileImage/content/application~1problem+json/examples/noProfileImage/value',
      '#/webhooks/profileNotification/post/requestBody/content/application~1json/examples/guestCreated/value',
      '#/paths/~1me~1profileimage/get/responses/200/content/text~1plain/examples/activeImage/value',
    ];
    for (const pointer of expected) expect(messages.some((m) => m.startsWith(`${pointer}:`)), `${pointer} in\n${messages.join('\n')}`).toBe(true);
    expect(messages).toHaveLength(expected.length);
  });

  it('the count of examples checked covers the spec', async () => {
    // 34 at the time of writing; a drop means examples were lost or the walker stopped finding them.
    expect(await countExamples()).toBeGreaterThanOrEqual(34);
  });
});

describe('a broken copy of the spec', () => {
  it('reports a Person example without profileId and a MediaObject example with contentSize "big"', async () => {
    const path = await specCopy((doc) => {
      delete doc.paths['/me'].get.responses['200'].content['application/json'].examples.personWithProfileImage.value.profileId;
      doc.paths['/media'].post.responses['201'].content['application/json'].examples.profileImageCreated.value.contentSize = 'big';
    });
    const messages = await validateExamples(path);
    expect(messages).toHaveLength(2);
    const person = messages.find((m) => m.startsWith(`${PERSON_EXAMPLE}:`));
    expect(person).toContain("must have required property 'profileId'");
    expect(person).toContain('#/components/schemas/Person/required');
    const media = messages.find((m) => m.startsWith(`${CREATED_EXAMPLE}:`));
    expect(media).toContain('/contentSize must be integer');
    expect(media).toContain('#/components/schemas/MediaObject/properties/contentSize/type');
  });

  it('follows an example $ref to components.examples and reports it where it is used', async () => {
    const path = await specCopy((doc) => {
      doc.components.examples = { personWithoutLevel: { summary: 'broken', value: { profileId: 'p1', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:00:00Z' } } };
      doc.paths['/me'].get.responses['200'].content['application/json'].examples.shared = { $ref: '#/components/examples/personWithoutLevel' };
    });
    expect(await validateExamples(path)).toEqual([
      "#/paths/~1me/get/responses/200/content/application~1json/examples/shared/value: (the whole value) must have required property 'identificationLevel' (schema #/components/schemas/Person/required)",
    ]);
  });

  it('resolves $refs inside properties whose names look like keywords (a property called "default")', async () => {
    const path = await specCopy((doc) => {
      doc.components.schemas.Person.properties.default = { $ref: '#/components/schemas/IdentificationLevel' };
      doc.paths['/me'].get.responses['200'].content['application/json'].examples.personWithProfileImage.value.default = 'nope';
    });
    const messages = await validateExamples(path);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${PERSON_EXAMPLE}: /default must be equal to one of the allowed values`);
    expect(messages[0]).toContain('(schema #/components/schemas/IdentificationLevel/enum)');
  });

  it('names the allowed values when an enum is violated', async () => {
    const path = await specCopy((doc) => {
      doc.paths['/me'].get.responses['200'].content['application/json'].examples.personWithProfileImage.value.identificationLevel = 'guest';
    });
    const [message] = await validateExamples(path);
    expect(message).toContain(`${PERSON_EXAMPLE}: /identificationLevel must be equal to one of the allowed values: "Guest", "EmailNotVerified", "EmailVerified"`);
  });

  it('reports a schema Ajv cannot compile instead of skipping its examples', async () => {
    const path = await specCopy((doc) => {
      doc.components.schemas.Person.properties.profileId.minLenght = 1;
    });
    const messages = await validateExamples(path);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toContain('cannot be compiled');
    expect(messages[0]).toContain('minLenght');
  });
});
