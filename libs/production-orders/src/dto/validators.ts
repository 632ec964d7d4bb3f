import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isRec20Unit } from '../units';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

export function IsRfc3339(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRfc3339',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an RFC 3339 date-time with a time zone, e.g. 2026-12-01T06:00:00Z', ...options },
      validator: { validate: isRfc3339 },
    });
}

export function IsRec20Unit(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRec20Unit',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a UN/ECE Recommendation 20 unit code such as PCE, KGM or MTR', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isRec20Unit(v) },
    });
}

/** The decorated date-time must be strictly later than the named sibling property. */
export function IsAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      options: { message: `$property must be later than ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          if (!isRfc3339(value) || !isRfc3339(other)) return true; // format errors are reported by IsRfc3339
          return Date.parse(value) > Date.parse(other);
        },
      },
    });
}

export const ATTRIBUTE_LIMITS = { maxKeys: 50, maxKeyLength: 64, maxValueLength: 1024, maxBytes: 8192 };

/** Free-form attributes: a flat map of string keys to scalar values, bounded in count and size. */
export function IsBoundedAttributes(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBoundedAttributes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be an object of at most ${ATTRIBUTE_LIMITS.maxKeys} keys (≤${ATTRIBUTE_LIMITS.maxKeyLength} chars) with string, number or boolean values (strings ≤${ATTRIBUTE_LIMITS.maxValueLength} chars), ${ATTRIBUTE_LIMITS.maxBytes} bytes in all`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          if (entries.length > ATTRIBUTE_LIMITS.maxKeys) return false;
          for (const [k, v] of entries) {
            if (k.length === 0 || k.length > ATTRIBUTE_LIMITS.maxKeyLength) return false;
            if (typeof v === 'string' ? v.length > ATTRIBUTE_LIMITS.maxValueLength : !(typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) return false;
          }
          return Buffer.byteLength(JSON.stringify(value)) <= ATTRIBUTE_LIMITS.maxBytes;
        },
      },
    });
}

/** Array elements must have distinct values of `key`. */
export function UniqueBy(key: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'uniqueBy',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must not repeat a ${key}`, ...options },
      validator: {
        validate(value: unknown) {
          if (!Array.isArray(value)) return true;
          const seen = value.map((v) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined));
          return new Set(seen).size === seen.length;
        },
      },
    });
}
