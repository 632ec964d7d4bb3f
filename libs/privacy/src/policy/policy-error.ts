/**
 * Thrown when the privacy policy cannot be loaded. The message lists every problem with its path, so
 * the one line start-up prints is enough to fix the file.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid privacy policy ${source}:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}
