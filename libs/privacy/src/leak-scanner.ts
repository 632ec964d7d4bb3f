import { foldFullWidth } from './pii-detector';

export interface Leak {
  secret: string;
  /** `exact` when the secret appears as written, `compacted` when only with separators or width folded away. */
  form: 'exact' | 'compacted';
}

const SEPARATORS = /[\s().\-_/]/g;

/**
 * Reports which planted secrets survive in `output` (a response body, an event payload, a log line),
 * also when reformatted: `110105 19850312 1234`, full-width digits, `138-1234-5678`. For leak tests
 * across every exit (REST, Kafka, logs); it is a test tool, not a masking step.
 */
export function findLeaks(output: string, secrets: readonly string[]): Leak[] {
  const compactOutput = foldFullWidth(output).replace(SEPARATORS, '').toLowerCase();
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    if (output.includes(secret)) {
      leaks.push({ secret, form: 'exact' });
      continue;
    }
    const compactSecret = foldFullWidth(secret).replace(SEPARATORS, '').toLowerCase();
    if (compactSecret.length > 0 && compactOutput.includes(compactSecret)) leaks.push({ secret, form: 'compacted' });
  }
  return leaks;
}
