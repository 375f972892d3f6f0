import { AlertSchema, NoticeSchema } from '#contracts';
import type { SchemaObject } from '@nestjs/swagger';
import { protoJsonSchema } from './proto-schema.js';

const property = (schema: SchemaObject, name: string) => schema.properties?.[name] as SchemaObject;

describe('OpenAPI schema of a protobuf JSON mapping', () => {
  const alert = protoJsonSchema(AlertSchema);

  it('names fields in camelCase and enum values by name', () => {
    expect(property(alert, 'category')).toEqual(
      expect.objectContaining({
        type: 'string',
        enum: expect.arrayContaining(['CATEGORY_SMALL_ARMS_LIGHT_WEAPONS']),
      }),
    );
    expect(property(property(alert, 'area'), 'borderSections')).toEqual({
      type: 'array',
      items: { type: 'string' },
    });
  });

  it('writes timestamps as RFC 3339 strings', () => {
    expect(property(alert, 'sent')).toEqual({ type: 'string', format: 'date-time' });
  });

  it('describes nested messages and repeated messages', () => {
    const texts = property(alert, 'texts');
    expect(texts.type).toBe('array');
    expect(property(texts.items as SchemaObject, 'headline')).toEqual({ type: 'string' });
  });

  it('lists every member of a oneof as a field', () => {
    const notice = protoJsonSchema(NoticeSchema);
    expect(Object.keys(notice.properties ?? {})).toEqual(
      expect.arrayContaining(['trace', 'operation', 'meeting']),
    );
  });
});
