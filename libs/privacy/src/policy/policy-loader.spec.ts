import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyError } from './policy-error';
import { loadPolicyFile, parsePolicy } from './policy-loader';

const valid = `
version: 1
rules:
  - role: mes
    purpose: production
    classes:
      national_id: { op: hash }
      phone: deny
      free_text: { op: detect }
`;

function issuesOf(yaml: string): string[] {
  try {
    parsePolicy(yaml, 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return [...(e as PolicyError).issues];
  }
  throw new Error('expected a PolicyError');
}

describe('policy loader and validator', () => {
  it('loads a valid policy with defaults for keys and detection', () => {
    const p = parsePolicy(valid);
    expect(p.keys).toEqual({ hmacKeyEnv: 'PRIVACY_HMAC_KEY', encryptionKeyEnv: 'PRIVACY_ENCRYPTION_KEY' });
    expect(p.detection.minScore).toBe(0.5);
    expect(p.rules[0]?.classes).toEqual({ national_id: { op: 'hash' }, phone: { op: 'deny' }, free_text: { op: 'detect' } });
  });

  it('loads the shipped default policy', () => {
    const p = loadPolicyFile(join(__dirname, '..', '..', '..', '..', 'config', 'privacy-policy.yaml'));
    expect(p.rules.length).toBeGreaterThanOrEqual(6);
  });

  it('names the path and the problem, with a suggestion', () => {
    const issues = issuesOf(valid.replace('{ op: hash }', '{ op: maskk }'));
    expect(issues).toEqual([
      'rules[0].classes.national_id.op: unknown operator "maskk"; did you mean "mask"? (known: show, replace, mask, redact, hash, encrypt, deny, detect)',
    ]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(`
version: 2
keys: { hmacKeyEnv: "lower-case" }
rules:
  - role: quality_enginer
    purpose: production
    classes:
      phone: { op: mask }
      nationalid: { op: hash }
      email: { op: detect }
      address: { op: replace, value: 3 }
  - role: mes
    purpose: production
    classes: {}
  - role: mes
    purpose: production
    colour: blue
    classes: {}
`);
    expect(issues).toEqual([
      'version: expected 1, got 2',
      'keys.hmacKeyEnv: expected an environment variable name like PRIVACY_HMAC_KEY, got "lower-case"',
      'rules[0].role: unknown role "quality_enginer"; did you mean "quality_engineer"? (known: mes, quality_engineer, claims_handler, dpo, integrator, admin)',
      'rules[0].classes.phone.keepLast: mask needs an integer keepLast between 0 and 64, got nothing',
      'rules[0].classes.nationalid: unknown data class "nationalid"; did you mean "national_id"? (known: person_name, national_id, phone, email, address, bank_account, free_text)',
      'rules[0].classes.email.op: "detect" is only valid for free_text',
      'rules[0].classes.address.value: expected a string, got 3',
      'rules[2].colour: unknown field (allowed: role, purpose, classes)',
      'rules[2]: duplicate rule for role=mes purpose=production (first at rules[1])',
    ]);
  });

  it('turns YAML syntax errors and missing files into PolicyError with the file name', () => {
    expect(() => parsePolicy('rules: [\n', 'broken.yaml')).toThrow(/Invalid privacy policy broken\.yaml:\n {2}- YAML/);
    expect(() => parsePolicy('a: 1\na: 2\n', 'dup.yaml')).toThrow(PolicyError);
    expect(() => loadPolicyFile('/nonexistent/policy.yaml')).toThrow(/cannot read file/);
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nrules: []\n');
    expect(() => loadPolicyFile(join(dir, 'p.yaml'))).toThrow(/rules: expected a non-empty list/);
  });
});
