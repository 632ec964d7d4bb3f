import { ArgumentMetadata, HttpException, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldError } from './problem';

/** class-validator errors as `{field, reason}` pairs with dotted/indexed paths (nested DTOs included). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const reason of Object.values(e.constraints ?? {})) out.push({ field, reason });
    if (e.children?.length) out.push(...fieldErrors(e.children, field));
  }
  return out;
}

/**
 * A validator that throws on odd input is a rejection, not a server fault. class-validator's
 * `IsNumber({ maxDecimalPlaces })` reads `String(n).split('.')[1].length` and throws a TypeError for
 * numbers JavaScript prints in exponent form (1e-7, 1e+21): found by the reliability fuzzer as a
 * 500 on `quantity.value: 1e-7`. Such numbers always break the decimal-places or range rule anyway.
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError || error instanceof HttpException) throw error;
      throw new DomainError(ErrorCode.ValidationFailed, 'A value could not be validated (e.g. a number in exponent notation where decimals are limited).');
    }
  }
}

/** Global validation: unknown properties rejected, payloads transformed to DTO classes, every field error listed. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return new DomainError(
        ErrorCode.ValidationFailed,
        list.length === 1 ? `${list[0]?.field}: ${list[0]?.reason}` : `${list.length} fields are invalid.`,
        { errors: list },
      );
    },
  });
}
