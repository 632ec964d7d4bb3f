import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoFile, ROOT } from './deploy-files';

/**
 * There is no container engine on the development machines or in CI, so the Dockerfile cannot be
 * built here; this lint holds it to the rules that matter at run time (docs/deploy.md, "Image").
 */

interface Instruction {
  op: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (/^\s*#/.test(line)) continue; // comment inside a continued instruction
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    pending += line;
    if (pending.trim() !== '') logical.push(pending.trim());
    pending = '';
  }
  return logical.map((l) => {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(l);
    return { op: (m?.[1] ?? l).toUpperCase(), args: m?.[2] ?? '' };
  });
}

interface Stage {
  name: string;
  from: string;
  body: Instruction[];
}

function stages(instructions: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const i of instructions) {
    if (i.op === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
      out.push({ from: m?.[1] ?? '', name: m?.[2] ?? String(out.length), body: [] });
    } else out.at(-1)?.body.push(i);
  }
  return out;
}

const text = readRepoFile('Dockerfile');
const instructions = parseDockerfile(text);
const allStages = stages(instructions);
const globalArgs = new Map(
  instructions
    .slice(0, instructions.findIndex((i) => i.op === 'FROM'))
    .filter((i) => i.op === 'ARG')
    .map((i) => {
      const [k, v] = i.args.split('=');
      return [k ?? '', v ?? ''] as const;
    }),
);
const resolveImage = (from: string): string => from.replace(/\$\{?(\w+)\}?/g, (_m, name: string) => globalArgs.get(name) ?? '');
const runtime = allStages.at(-1);
const ops = (stage: Stage | undefined, op: string): Instruction[] => stage?.body.filter((i) => i.op === op) ?? [];

describe('Dockerfile', () => {
  it('is multi-stage: dependencies, build, and a separate runtime stage', () => {
    expect(allStages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
  });

  it('pins every base image to a version, never :latest', () => {
    for (const s of allStages) {
      const image = resolveImage(s.from);
      if (allStages.some((other) => other.name === image)) continue;
      expect(image, s.from).toMatch(/^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('uses a glibc base (onnxruntime-node ships no musl binaries)', () => {
    for (const s of allStages) expect(resolveImage(s.from)).not.toMatch(/alpine/);
  });

  it('installs production dependencies only for the runtime, reproducibly', () => {
    const deps = allStages.find((s) => s.name === 'deps');
    expect(ops(deps, 'RUN').some((r) => /\bnpm ci\b[^&]*--omit=dev\b/.test(r.args))).toBe(true);
    const nodeModules = ops(runtime, 'COPY').filter((c) => /node_modules/.test(c.args));
    expect(nodeModules).toHaveLength(1);
    expect(nodeModules[0]?.args).toMatch(/--from=deps\b/);
    // No installs in the runtime stage: everything it runs was resolved from the lockfile earlier.
    expect(ops(runtime, 'RUN').filter((r) => /\bnpm (ci|install|i)\b/.test(r.args))).toEqual([]);
    expect(instructions.filter((i) => i.op === 'RUN' && /\bnpm install\b/.test(i.args))).toEqual([]);
  });

  it('builds dist/ in the build stage and ships it without the toolchain', () => {
    const build = allStages.find((s) => s.name === 'build');
    expect(ops(build, 'RUN').some((r) => /\bnpm run build\b/.test(r.args))).toBe(true);
    expect(ops(runtime, 'COPY').some((c) => /--from=build\b.*\/app\/dist\b/.test(c.args))).toBe(true);
  });

  it('runs as a non-root user in the runtime stage', () => {
    const users = ops(runtime, 'USER').map((u) => u.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    // USER must come after the last RUN so no later step silently runs as root.
    const body = runtime?.body ?? [];
    const lastUser = body.map((i) => i.op).lastIndexOf('USER');
    expect(body.slice(lastUser).filter((i) => i.op === 'RUN')).toEqual([]);
  });

  it('has a HEALTHCHECK on the liveness route, for Docker and Compose users', () => {
    const checks = ops(runtime, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]?.args).toMatch(/\/health\/live/);
  });

  it('starts a built entry point in exec form, so node receives SIGTERM directly', () => {
    const cmd = ops(runtime, 'CMD').at(-1)?.args ?? '';
    const argv = JSON.parse(cmd) as string[];
    expect(argv[0]).toBe('node');
    const m = /^dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(argv[1] ?? '');
    expect(m).not.toBeNull();
    expect(existsSync(join(ROOT, 'apps', m?.[1] ?? '', 'src', 'main.ts'))).toBe(true);
  });

  it('copies only files that exist in the repository', () => {
    for (const c of instructions.filter((i) => i.op === 'COPY' && !/--from=/.test(i.args))) {
      const parts = c.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const src of parts.slice(0, -1)) if (src !== '.') expect(existsSync(join(ROOT, src)), src).toBe(true);
    }
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env', 'data']) expect(ignored).toContain(entry);
  });
});
