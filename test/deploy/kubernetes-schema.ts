import { join } from 'node:path';
import ts from 'typescript';
import { isObj, ROOT } from './deploy-files';

/**
 * Offline Kubernetes schema checks, kubeconform-style, from the kubernetes-models package (its
 * JSON Schemas compiled with ajv, one module per apiVersion/kind). Those schemas, like the API
 * server's OpenAPI, allow unknown fields; `strictFieldProblems` adds the `-strict` half by
 * type-checking each object literal against the same package's TypeScript interfaces, where
 * excess-property checks catch misspelt fields such as `readinesProbe`.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  /** Where it came from, for messages. */
  origin: string;
  value: Record<string, unknown>;
}

/** `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment` (core group: `v1`). */
export function modelModule(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

interface ModelInstance {
  validate(): void;
}
type ModelClass = new (data: never) => ModelInstance;

/** Schema errors for one object; throws when the package has no schema for its apiVersion/kind. */
export async function schemaProblems(obj: KubeObject): Promise<string[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(modelModule(obj.apiVersion, obj.kind))) as Record<string, unknown>;
  } catch {
    throw new Error(`${obj.origin}: no Kubernetes schema for ${obj.apiVersion} ${obj.kind}`);
  }
  const Model = mod[obj.kind] as ModelClass | undefined;
  if (typeof Model !== 'function') throw new Error(`${obj.origin}: ${modelModule(obj.apiVersion, obj.kind)} exports no ${obj.kind}`);
  const { apiVersion: _a, kind: _k, ...data } = obj.value;
  try {
    new Model(data as never).validate();
    return [];
  } catch (error) {
    const details = isObj(error) && Array.isArray(error.errors) ? (error.errors as unknown[]) : [];
    const lines = details.map((d) => (isObj(d) ? `${String(d.instancePath)} ${String(d.message ?? d.keyword)}` : String(d)));
    return [`${obj.origin}: ${error instanceof Error ? error.message : String(error)}${lines.length ? ` (${lines.join('; ')})` : ''}`];
  }
}

/** Unknown or mistyped fields, found by compiling `const o: IDeployment = <manifest>` for each object. */
export function strictFieldProblems(objects: KubeObject[]): string[] {
  const file = join(ROOT, 'test', 'deploy', '__manifests_strict_check__.ts');
  const starts: { line: number; origin: string }[] = [];
  const lines: string[] = [];
  objects.forEach((o, i) => {
    lines.push(`import type { I${o.kind} as T${i} } from '${modelModule(o.apiVersion, o.kind)}';`);
  });
  objects.forEach((o, i) => {
    starts.push({ line: lines.length, origin: `${o.origin} (${o.kind})` });
    lines.push(...`export const o${i}: T${i} = ${JSON.stringify(o.value, null, 2)};`.split('\n'));
  });
  const text = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    name === file ? ts.createSourceFile(name, text, languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? text : readFile(name));
  const program = ts.createProgram({ rootNames: [file], options, host });
  const source = program.getSourceFile(file);
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const owner = [...starts].reverse().find((s) => s.line <= line);
    return `${owner?.origin ?? 'imports'} (generated line ${line + 1}): ${message}`;
  });
}
