import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { loadConfig } from '@mw/config';
import {
  appConfigEnvNames,
  arr,
  at,
  DEPLOY_DIR,
  isObj,
  K8S_DIR,
  listYamlFiles,
  loadYaml,
  Obj,
  readRepoFile,
  ROOT,
  str,
  YamlDoc,
} from './deploy-files';
import { KubeObject, schemaProblems, strictFieldProblems } from './kubernetes-schema';

/**
 * deploy/k8s is applied to clusters we never see from here, so this spec is its only gate: every
 * YAML parses, every Kubernetes object passes its API schema (offline, strict about unknown
 * fields), and the manifests agree with the code: entry points, health routes, config variables,
 * shutdown timing, metrics port.
 */

/** Set by the image or read by Node itself rather than by app-config.ts. */
const NON_CONFIG_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS']);
/** Objects that are not sent to the API server as they stand. */
const NOT_KUBERNETES = new Set(['kustomize.config.k8s.io/v1beta1 Kustomization']);
/** Custom resources: their CRDs are not in the core schemas; each has its own spec (alerts.spec.ts). */
const CUSTOM_RESOURCES = new Set(['monitoring.coreos.com/v1 PrometheusRule']);

const allDocs: YamlDoc[] = listYamlFiles(DEPLOY_DIR).flatMap(loadYaml);
const k8sDocs = allDocs.filter((d) => d.file.startsWith(relative(ROOT, K8S_DIR)));

function kubeObjects(docs: YamlDoc[]): KubeObject[] {
  return docs.flatMap((d) => {
    const apiVersion = str(at(d.value, 'apiVersion'));
    const kind = str(at(d.value, 'kind'));
    if (apiVersion === undefined || kind === undefined || !isObj(d.value)) return [];
    if (NOT_KUBERNETES.has(`${apiVersion} ${kind}`) || CUSTOM_RESOURCES.has(`${apiVersion} ${kind}`)) return [];
    return [{ apiVersion, kind, origin: `${d.file}#${d.index}`, value: d.value }];
  });
}

const objects = kubeObjects(allDocs);
const byKind = (kind: string): KubeObject[] => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string): KubeObject => {
  const found = objects.find((o) => o.kind === kind && at(o.value, 'metadata', 'name') === name);
  if (found === undefined) throw new Error(`no ${kind} named ${name} in deploy/k8s`);
  return found;
};

const deployments = byKind('Deployment');
const jobs = byKind('Job');
const workloads = [...deployments, ...jobs];
const podSpec = (o: KubeObject): Obj => {
  const spec = at(o.value, 'spec', 'template', 'spec');
  if (!isObj(spec)) throw new Error(`${o.origin}: no pod template spec`);
  return spec;
};
const containersOf = (o: KubeObject): Obj[] => arr(podSpec(o).containers).filter(isObj);
const nameOf = (o: KubeObject | Obj): string => String(at('value' in o && isObj(o.value) ? o.value : o, 'metadata', 'name'));

const configMap = named('ConfigMap', 'millwright-config');
const configData = at(configMap.value, 'data') as Record<string, string>;
const exampleSecrets = loadYaml(join(K8S_DIR, 'secret.example.yaml')).map((d) => d.value);
const secretValue = (secret: string, key: string): string | undefined => {
  const s = exampleSecrets.find((v) => at(v, 'metadata', 'name') === secret);
  return str(at(s, 'stringData', key));
};

/** The environment one container would see: the ConfigMaps it imports, then its own env (which wins). */
function containerEnv(container: Obj): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of arr(container.envFrom)) {
    const cm = str(at(source, 'configMapRef', 'name'));
    if (cm !== undefined) Object.assign(env, at(named('ConfigMap', cm).value, 'data'));
  }
  for (const e of arr(container.env)) {
    const name = String(at(e, 'name'));
    const value = str(at(e, 'value'));
    const ref = at(e, 'valueFrom', 'secretKeyRef');
    if (value !== undefined) env[name] = value;
    else if (isObj(ref)) {
      const v = secretValue(String(ref.name), String(ref.key));
      if (v !== undefined) env[name] = v;
    }
  }
  return env;
}

function tagOf(image: string): string | undefined {
  if (image.includes('@sha256:')) return 'digest';
  const lastSegment = image.split('/').pop() ?? '';
  return lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
}

function preStopSleepSeconds(container: Obj): number {
  const command = arr(at(container, 'lifecycle', 'preStop', 'exec', 'command')).map(String);
  if (command[0] === 'sleep' && command.length === 2) return Number(command[1]);
  const native = at(container, 'lifecycle', 'preStop', 'sleep', 'seconds');
  return typeof native === 'number' ? native : 0;
}

describe('deploy/ YAML', () => {
  it('finds the manifests and alert rules', () => {
    expect(k8sDocs.length).toBeGreaterThanOrEqual(10);
    expect(allDocs.some((d) => d.file === 'deploy/prometheus/alerts.yaml')).toBe(true);
  });

  it('names every document with apiVersion, kind and metadata.name (Kustomization excepted)', () => {
    for (const d of allDocs) {
      expect(str(at(d.value, 'apiVersion')), `${d.file}#${d.index} apiVersion`).toBeDefined();
      expect(str(at(d.value, 'kind')), `${d.file}#${d.index} kind`).toBeDefined();
      if (at(d.value, 'kind') !== 'Kustomization') expect(str(at(d.value, 'metadata', 'name')), `${d.file}#${d.index} name`).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it('has no two objects of the same kind and name', () => {
    const keys = objects.map((o) => `${o.kind}/${nameOf(o)}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('Kubernetes schema (offline, kubernetes-models JSON Schemas)', () => {
  it.each(objects.map((o) => [`${o.kind} ${nameOf(o)} (${o.origin})`, o] as const))('%s is valid', async (_label, o) => {
    expect(await schemaProblems(o)).toEqual([]);
  });

  it('has no unknown or mistyped fields (strict)', () => {
    expect(strictFieldProblems(objects)).toEqual([]);
  });

  it('catches what it claims to: a wrong type, a misspelt field, an unknown kind', async () => {
    const api = named('Deployment', 'millwright-api');
    const mutate = (change: (container: Obj) => void): KubeObject => {
      const value = structuredClone(api.value);
      change(at(value, 'spec', 'template', 'spec', 'containers', 0) as Obj);
      return { ...api, origin: 'mutant', value };
    };
    const wrongType = mutate((c) => {
      (at(c, 'ports', 0) as Obj).containerPort = 'http';
    });
    const misspelt = mutate((c) => {
      c.readinesProbe = c.readinessProbe;
    });

    expect((await schemaProblems(wrongType)).join('\n')).toMatch(/containerPort must be integer/);
    expect(strictFieldProblems([wrongType]).join('\n')).toMatch(/not assignable to type 'number'/);
    expect(await schemaProblems(misspelt)).toEqual([]); // the API server's own schema lets unknown fields through...
    expect(strictFieldProblems([misspelt]).join('\n')).toMatch(/readinesProbe\W+ does not exist in type 'IContainer'/); // ...strict mode does not
    await expect(schemaProblems({ ...api, kind: 'Deploymnet', origin: 'mutant' })).rejects.toThrow(/no Kubernetes schema/);
  });
});

describe('kustomization.yaml', () => {
  const kustomization = loadYaml(join(K8S_DIR, 'kustomization.yaml'))[0]?.value;
  const resources = arr(at(kustomization, 'resources')).map(String);

  it('lists every manifest in deploy/k8s except the example Secret, and only files that exist', () => {
    const files = readdirSync(K8S_DIR).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && f !== 'secret.example.yaml');
    expect([...resources].sort()).toEqual(files.sort());
    for (const r of resources) expect(existsSync(join(K8S_DIR, r)), r).toBe(true);
  });

  it('never applies the placeholder Secret', () => {
    expect(resources).not.toContain('secret.example.yaml');
  });

  it('puts everything in the namespace it creates', () => {
    expect(at(kustomization, 'namespace')).toBe(nameOf(named('Namespace', 'millwright')));
  });

  it('pins the image tag', () => {
    for (const image of arr(at(kustomization, 'images'))) {
      expect(String(at(image, 'newTag') ?? at(image, 'digest'))).not.toMatch(/^(latest)?$/);
    }
  });
});

describe('workloads', () => {
  it('runs the api and worker entry points as separate Deployments', () => {
    expect(containersOf(named('Deployment', 'millwright-api'))[0]?.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(containersOf(named('Deployment', 'millwright-worker'))[0]?.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s starts a real entry point of the build', (_name, w) => {
    for (const c of containersOf(w)) {
      const script = arr(c.command).map(String)[1] ?? '';
      const m = /^dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(script);
      expect(m, `${nameOf(w)}: ${script}`).not.toBeNull();
      expect(existsSync(join(ROOT, 'apps', m?.[1] ?? '', 'src', 'main.ts')), script).toBe(true);
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s runs as non-root with a read-only root filesystem and no capabilities', (_name, w) => {
    const pod = podSpec(w);
    expect(at(pod, 'securityContext', 'runAsNonRoot')).toBe(true);
    expect(at(pod, 'securityContext', 'runAsUser')).not.toBe(0);
    expect(at(pod, 'automountServiceAccountToken')).toBe(false);
    for (const c of containersOf(w)) {
      expect(at(c, 'securityContext', 'runAsNonRoot')).toBe(true);
      expect(at(c, 'securityContext', 'allowPrivilegeEscalation')).toBe(false);
      expect(at(c, 'securityContext', 'readOnlyRootFilesystem')).toBe(true);
      expect(arr(at(c, 'securityContext', 'capabilities', 'drop'))).toContain('ALL');
      expect(at(c, 'securityContext', 'privileged')).toBeUndefined();
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s has CPU and memory requests and limits', (_name, w) => {
    for (const c of containersOf(w)) {
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) expect(at(c, 'resources', kind, resource), `${kind}.${resource}`).toBeDefined();
      }
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s uses a pinned image, never :latest', (_name, w) => {
    for (const c of containersOf(w)) {
      const tag = tagOf(String(c.image));
      expect(tag, String(c.image)).toBeDefined();
      expect(tag).not.toBe('latest');
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s reads only variables that app-config.ts knows', (_name, w) => {
    const known = appConfigEnvNames();
    for (const c of containersOf(w)) {
      for (const e of arr(c.env)) {
        const name = String(at(e, 'name'));
        expect(known.has(name) || NON_CONFIG_ENV.has(name), `${nameOf(w)} env ${name}`).toBe(true);
      }
      expect(arr(c.envFrom).filter((s) => at(s, 'secretRef') !== undefined), 'Secrets are mapped key by key, not envFrom').toEqual([]);
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s starts with a configuration that loadConfig accepts', (_name, w) => {
    for (const c of containersOf(w)) {
      const env = containerEnv(c);
      expect(() => loadConfig(env), JSON.stringify(Object.keys(env))).not.toThrow();
      const config = loadConfig(env);
      expect(config.database.url, 'DATABASE_URL set from a Secret').toBeDefined();
      expect(config.kafka.brokers.length).toBeGreaterThan(0);
    }
  });

  it.each(workloads.map((w) => [nameOf(w), w] as const))('%s refers only to Secret keys and ConfigMaps that exist', (_name, w) => {
    for (const c of containersOf(w)) {
      for (const e of arr(c.env)) {
        const ref = at(e, 'valueFrom', 'secretKeyRef');
        if (isObj(ref)) expect(secretValue(String(ref.name), String(ref.key)), `${String(ref.name)}/${String(ref.key)}`).toBeDefined();
      }
      for (const s of arr(c.envFrom)) {
        const cm = str(at(s, 'configMapRef', 'name'));
        if (cm !== undefined) expect(() => named('ConfigMap', cm)).not.toThrow();
      }
    }
  });
});

describe('Deployments', () => {
  it.each(deployments.map((d) => [nameOf(d), d] as const))('%s probes /health/ready, /health/live and has a startup probe, on its HTTP port', (_name, d) => {
    for (const c of containersOf(d)) {
      const port = loadConfig(containerEnv(c)).port;
      const ports = arr(c.ports);
      const resolvePort = (p: unknown): unknown => (typeof p === 'string' ? at(ports.find((x) => at(x, 'name') === p), 'containerPort') : p);
      expect(at(c, 'readinessProbe', 'httpGet', 'path')).toBe('/health/ready');
      expect(at(c, 'livenessProbe', 'httpGet', 'path')).toBe('/health/live');
      expect(at(c, 'startupProbe', 'httpGet', 'path')).toBe('/health/live');
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        expect(resolvePort(at(c, probe, 'httpGet', 'port')), `${probe} port`).toBe(port);
      }
      // The readiness handler waits up to 2 s per check; a shorter probe timeout would flap.
      expect(Number(at(c, 'readinessProbe', 'timeoutSeconds'))).toBeGreaterThan(2);
    }
  });

  it.each(deployments.map((d) => [nameOf(d), d] as const))('%s does not migrate on start (the migration Job does)', (_name, d) => {
    for (const c of containersOf(d)) expect(loadConfig(containerEnv(c)).database.migrateOnStart).toBe(false);
  });

  it.each(deployments.map((d) => [nameOf(d), d] as const))('%s gives the process its whole shutdown grace before SIGKILL', (_name, d) => {
    const grace = Number(podSpec(d).terminationGracePeriodSeconds);
    for (const c of containersOf(d)) {
      const config = loadConfig(containerEnv(c));
      // libs/runtime exits on its own after SHUTDOWN_GRACE_MS + 1 s; preStop runs before SIGTERM.
      expect(grace).toBeGreaterThanOrEqual(preStopSleepSeconds(c) + Math.ceil(config.http.shutdownGraceMs / 1000) + 1);
    }
  });

  it('api keeps serving while load balancers stop routing to it (preStop sleep)', () => {
    for (const c of containersOf(named('Deployment', 'millwright-api'))) expect(preStopSleepSeconds(c)).toBeGreaterThanOrEqual(3);
  });

  it.each(deployments.map((d) => [nameOf(d), d] as const))('%s advertises its metrics port to Prometheus', (_name, d) => {
    const annotations = at(d.value, 'spec', 'template', 'metadata', 'annotations');
    for (const c of containersOf(d)) {
      const metricsPort = loadConfig(containerEnv(c)).metrics.port;
      expect(metricsPort).toBeDefined();
      expect(at(annotations, 'prometheus.io/scrape')).toBe('true');
      expect(at(annotations, 'prometheus.io/port')).toBe(String(metricsPort));
      expect(at(annotations, 'prometheus.io/path')).toBe('/metrics');
      expect(arr(c.ports).find((p) => at(p, 'name') === 'metrics')).toMatchObject({ containerPort: metricsPort });
    }
  });

  it.each(deployments.map((d) => [nameOf(d), d] as const))('%s selector matches its own pod labels', (_name, d) => {
    expect(at(d.value, 'spec', 'template', 'metadata', 'labels')).toMatchObject(at(d.value, 'spec', 'selector', 'matchLabels') as Obj);
  });
});

describe('scaling and disruption', () => {
  const podLabels = (name: string): Obj => at(named('Deployment', name).value, 'spec', 'template', 'metadata', 'labels') as Obj;
  const selects = (selector: unknown, labels: Obj): boolean =>
    isObj(selector) && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

  it('autoscales the api on CPU with autoscaling/v2, from at least 2 replicas', () => {
    const hpa = byKind('HorizontalPodAutoscaler').find((h) => at(h.value, 'spec', 'scaleTargetRef', 'name') === 'millwright-api');
    expect(hpa?.apiVersion).toBe('autoscaling/v2');
    expect(at(hpa?.value, 'spec', 'scaleTargetRef', 'kind')).toBe('Deployment');
    expect(Number(at(hpa?.value, 'spec', 'minReplicas'))).toBeGreaterThanOrEqual(2);
    const cpu = arr(at(hpa?.value, 'spec', 'metrics')).find((m) => at(m, 'resource', 'name') === 'cpu');
    expect(at(cpu, 'resource', 'target', 'type')).toBe('Utilization');
    // Utilization is relative to requests; without a CPU request the HPA cannot compute it.
    for (const c of containersOf(named('Deployment', 'millwright-api'))) expect(at(c, 'resources', 'requests', 'cpu')).toBeDefined();
  });

  it.each(['millwright-api', 'millwright-worker'])('%s has a PodDisruptionBudget selecting its pods', (name) => {
    const pdbs = byKind('PodDisruptionBudget').filter((p) => selects(at(p.value, 'spec', 'selector', 'matchLabels'), podLabels(name)));
    expect(pdbs).toHaveLength(1);
    // A PDB that allows no disruption at the HPA's minimum would block every node drain.
    const minAvailable = at(pdbs[0]?.value, 'spec', 'minAvailable');
    if (minAvailable !== undefined) expect(Number(minAvailable)).toBeLessThan(Number(at(named('Deployment', name).value, 'spec', 'replicas')));
  });

  it('routes each Service to pods and ports that exist', () => {
    for (const svc of byKind('Service')) {
      const target = deployments.find((d) => selects(at(svc.value, 'spec', 'selector'), at(d.value, 'spec', 'template', 'metadata', 'labels') as Obj));
      expect(target, `Service ${nameOf(svc)}`).toBeDefined();
      const portNames = target === undefined ? [] : containersOf(target).flatMap((c) => arr(c.ports).map((p) => at(p, 'name')));
      for (const p of arr(at(svc.value, 'spec', 'ports'))) expect(portNames, `${nameOf(svc)} -> ${String(at(p, 'targetPort'))}`).toContain(at(p, 'targetPort'));
    }
  });
});

describe('migration Job', () => {
  const job = named('Job', 'millwright-migrate');
  const container = containersOf(job)[0] ?? {};

  it('runs the CLI migrate command once, without restarting in place', () => {
    expect(container.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'migrate']);
    expect(podSpec(job).restartPolicy).toBe('Never');
    expect(Number(at(job.value, 'spec', 'backoffLimit'))).toBeLessThanOrEqual(3);
    expect(at(job.value, 'spec', 'activeDeadlineSeconds')).toBeDefined();
  });

  it('connects with the owner role from its own Secret, which no Deployment mounts', () => {
    const ref = arr(container.env).find((e) => at(e, 'name') === 'DATABASE_URL');
    expect(at(ref, 'valueFrom', 'secretKeyRef', 'name')).toBe('millwright-migration');
    for (const d of deployments) {
      const secretsUsed = containersOf(d).flatMap((c) => arr(c.env).map((e) => at(e, 'valueFrom', 'secretKeyRef', 'name')));
      expect(secretsUsed, nameOf(d)).not.toContain('millwright-migration');
    }
  });
});

describe('secret.example.yaml', () => {
  it('holds placeholders only', () => {
    expect(exampleSecrets.length).toBeGreaterThan(0);
    for (const s of exampleSecrets) {
      expect(at(s, 'data'), 'no base64 data: placeholders stay readable').toBeUndefined();
      for (const [key, value] of Object.entries((at(s, 'stringData') ?? {}) as Obj)) expect(String(value), key).toContain('CHANGE_ME');
    }
  });

  it('provides every key the workloads read', () => {
    const keys = workloads.flatMap((w) =>
      containersOf(w).flatMap((c) => arr(c.env).flatMap((e) => (isObj(at(e, 'valueFrom', 'secretKeyRef')) ? [at(e, 'valueFrom', 'secretKeyRef') as Obj] : []))),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(secretValue(String(k.name), String(k.key)), `${String(k.name)}/${String(k.key)}`).toBeDefined();
  });
});

describe('ConfigMap and docs/deploy.md', () => {
  const docs = (): string => readRepoFile('docs', 'deploy.md');

  it('sets only variables app-config.ts reads', () => {
    const known = appConfigEnvNames();
    expect(known.size).toBeGreaterThan(40);
    expect(Object.keys(configData).filter((k) => !known.has(k) && !NON_CONFIG_ENV.has(k))).toEqual([]);
  });

  it('documents every variable app-config.ts reads', () => {
    const missing = [...appConfigEnvNames()].filter((name) => !docs().includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('links only manifests that exist', () => {
    for (const m of docs().matchAll(/deploy\/[\w./-]+\.ya?ml/g)) expect(existsSync(join(ROOT, m[0])), m[0]).toBe(true);
    expect(basename(K8S_DIR)).toBe('k8s');
  });
});
