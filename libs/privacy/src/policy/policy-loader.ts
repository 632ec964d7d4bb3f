import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { PolicyError } from './policy-error';
import type { PrivacyPolicy } from './policy.types';
import { validatePolicy } from './policy-validator';

/** Parses and validates YAML policy text; `source` names the file in error messages. */
export function parsePolicy(yamlText: string, source = '<inline>'): PrivacyPolicy {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyError(
      source,
      doc.errors.map((e) => `YAML ${e.code}: ${e.message.split('\n')[0] ?? e.message}`),
    );
  }
  return validatePolicy(doc.toJS(), source);
}

/** Reads, parses and validates a policy file; every failure, including a missing file, is a PolicyError. */
export function loadPolicyFile(path: string): PrivacyPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PolicyError(path, [`cannot read file: ${reason}`]);
  }
  return parsePolicy(text, path);
}
