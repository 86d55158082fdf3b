import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { unknownCliUses, useFromArgv, usesFromShell, type CliUse } from '../helpers/cli-usage.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(fileURLToPath(new URL(path, ROOT)), 'utf8');

/** The kubernetes-models class for each apiVersion/kind the manifests may use. */
const MODELS: Record<string, new (doc: never) => { validate(): void }> = {
  'v1/Namespace': Namespace, 'v1/Secret': Secret, 'v1/ConfigMap': ConfigMap, 'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/CronJob': CronJob, 'batch/v1/Job': Job, 'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

interface Manifest { file: string; doc: Record<string, any> }

/** Every document of every `deploy/k8s/*.yaml` (multi-document files allowed). */
function manifests(): Manifest[] {
  const dir = fileURLToPath(new URL('deploy/k8s/', ROOT));
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().flatMap((file) =>
    parseAllDocuments(read(`deploy/k8s/${file}`)).map((d) => {
      if (d.errors.length) throw new Error(`deploy/k8s/${file}: ${d.errors[0]!.message}`);
      return { file, doc: d.toJS() as Record<string, any> };
    }).filter((m) => m.doc));
}

const byKind = (kind: string): Manifest[] => manifests().filter((m) => m.doc.kind === kind);
const podSpec = (m: Manifest): Record<string, any> => (m.doc.kind === 'CronJob' ? m.doc.spec.jobTemplate.spec.template.spec : m.doc.spec.template.spec);
const MB = (q: string): number => Number(q.replace(/(Mi|Gi)$/, '')) * (q.endsWith('Gi') ? 1024 : 1);
/** Measured cost of one concurrently scanned site (a browser context and its renderers). */
const MB_PER_SITE = 350;

describe('deploy/k8s: every manifest is valid for Kubernetes (kubernetes-models schemas)', () => {
  it('parses and validates each document with its model class', () => {
    const all = manifests();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const { file, doc } of all) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: no model for ${doc.apiVersion} ${doc.kind}`).toBeDefined();
      expect(() => new Model!(doc as never).validate(), file).not.toThrow();
      expect(doc.metadata.namespace ?? doc.metadata.name, file).toBe('pixel-audit');
    }
  });

  it('the validation can fail: a wrong type is refused', () => {
    const worker = byKind('Deployment')[0]!.doc;
    expect(() => new Deployment({ ...worker, spec: { ...worker.spec, replicas: 'two' } } as never).validate()).toThrow(/replicas/);
  });

  it('a nightly CronJob enqueues the ConfigMap targets with the database URL from the Secret', () => {
    const cron = byKind('CronJob')[0]!;
    expect(cron.doc.spec.schedule).toMatch(/^\S+ \S+ \* \* \*$/);
    const container = podSpec(cron).containers[0];
    expect(container.args.slice(0, 1)).toEqual(['enqueue']);
    expect(container.args).toEqual(expect.arrayContaining(['--targets', '--queue', '$(DATABASE_URL)']));
    expect(container.env.find((e: any) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.name).toBe(byKind('Secret')[0]!.doc.metadata.name);
    expect(podSpec(cron).volumes[0].configMap.name).toBe(byKind('ConfigMap')[0]!.doc.metadata.name);
  });

  it('workers: sized by ≈ 350 MB a concurrent site, /dev/shm in memory, bundles on the PVC, non-root', () => {
    const worker = byKind('Deployment')[0]!;
    const spec = podSpec(worker);
    const container = spec.containers[0];
    const concurrency = Number(container.args[container.args.indexOf('--concurrency') + 1]);
    expect(concurrency).toBeGreaterThanOrEqual(1);
    expect(MB(container.resources.requests.memory)).toBeGreaterThanOrEqual(concurrency * MB_PER_SITE);
    expect(MB(container.resources.limits.memory)).toBeGreaterThan(MB(container.resources.requests.memory));
    const shmMount = container.volumeMounts.find((v: any) => v.mountPath === '/dev/shm');
    expect(spec.volumes.find((v: any) => v.name === shmMount.name).emptyDir.medium).toBe('Memory');
    expect(spec.volumes.find((v: any) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName).toBe(byKind('PersistentVolumeClaim')[0]!.doc.metadata.name);
    expect(spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.env.find((e: any) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toBeDefined();
  });

  it('an autoscaling/v2 HPA scales the worker Deployment on CPU, and names KEDA as the queue-depth alternative', () => {
    const hpa = byKind('HorizontalPodAutoscaler')[0]!;
    expect(hpa.doc.apiVersion).toBe('autoscaling/v2');
    expect(hpa.doc.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: byKind('Deployment')[0]!.doc.metadata.name });
    expect(hpa.doc.spec.metrics[0].resource.name).toBe('cpu');
    expect(read(`deploy/k8s/${hpa.file}`)).toMatch(/KEDA[\s\S]*type: postgresql/);
  });

  it('the no-database variant is an Indexed Job whose shard is JOB_COMPLETION_INDEX of its completions', () => {
    const job = byKind('Job').find((m) => m.doc.spec.completionMode === 'Indexed')!;
    const container = podSpec(job).containers[0];
    const script: string = container.args.join(' ');
    expect(container.command).toEqual(['/bin/sh', '-c']);
    expect(script).toMatch(/pixel-audit\.js scan /);
    expect(script).toContain(`--shard "$JOB_COMPLETION_INDEX/${job.doc.spec.completions}"`);
    // Exit 1 (findings) and 3 end the shard successfully: a Job must not scan it again.
    expect(script).toMatch(/-eq 1 \] \|\| \[ "\$code" -eq 3 \]; then exit 0/);
    expect(job.doc.spec.parallelism).toBeLessThanOrEqual(job.doc.spec.completions);
  });
});

/** The services of deploy/docker-compose.yml, as far as a local try-out depends on them. */
const composeSchema = z.object({
  services: z.object({
    postgres: z.object({
      image: z.string().regex(/^postgres:15/),
      healthcheck: z.object({ test: z.array(z.string()).min(2) }),
      volumes: z.array(z.string()).min(1),
    }),
    enqueue: z.object({
      build: z.object({ context: z.string() }), image: z.string(), command: z.array(z.string()),
      restart: z.literal('no'),
      depends_on: z.object({ postgres: z.object({ condition: z.literal('service_healthy') }) }),
    }),
    worker: z.object({
      build: z.object({ context: z.string() }), image: z.string(), command: z.array(z.string()),
      deploy: z.object({ replicas: z.literal(2) }),
      shm_size: z.string(),
      depends_on: z.object({ postgres: z.object({ condition: z.literal('service_healthy') }) }),
      volumes: z.array(z.string()).min(1),
    }),
  }),
  volumes: z.record(z.string(), z.unknown()),
});

describe('deploy/docker-compose.yml', () => {
  const compose = composeSchema.parse(parse(read('deploy/docker-compose.yml'), { merge: true }));

  it('PostgreSQL with a health check, a one-shot enqueue and two workers that wait for it', () => {
    expect(compose.services.enqueue.command[0]).toBe('enqueue');
    expect(compose.services.worker.command[0]).toBe('worker');
    expect(compose.services.enqueue.build.context).toBe('..');
    // Named volumes the services use are declared.
    for (const mount of [...compose.services.postgres.volumes, ...compose.services.worker.volumes]) {
      const source = mount.split(':')[0]!;
      if (!source.startsWith('.')) expect(Object.keys(compose.volumes)).toContain(source);
    }
  });
});

describe('every pixel-audit command and flag the deployment files use exists in the CLI', () => {
  it('k8s args, the merge Job\'s shell, compose commands, the CI examples and the smoke script', async () => {
    const uses: CliUse[] = [];
    for (const m of manifests()) {
      for (const c of m.doc.kind === 'CronJob' || m.doc.kind === 'Job' || m.doc.kind === 'Deployment' ? podSpec(m).containers : []) {
        if (c.command) uses.push(...usesFromShell(m.file, c.args.join(' ')));
        else uses.push(useFromArgv(m.file, c.args));
      }
    }
    const compose = parse(read('deploy/docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[] }> };
    for (const [name, service] of Object.entries(compose.services)) if (service.command && name !== 'postgres') uses.push(useFromArgv(`compose ${name}`, service.command));
    // The CI examples: GitHub's run steps (its `docker run … "$PIXEL_AUDIT_IMAGE" scan …` is the
    // image's entrypoint), GitLab's script lines, the smoke script's `run <command>` and the README.
    const github = parse(read('docs/ci/github-actions.yml')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    for (const step of Object.values(github.jobs).flatMap((j) => j.steps)) {
      if (!step.run) continue;
      uses.push(...usesFromShell('docs/ci/github-actions.yml', step.run.replace(/"\$PIXEL_AUDIT_IMAGE" \\\n\s*/g, 'pixel-audit.js ')));
      // Flags kept in a shell array (`baseline=(--baseline …)`) and spliced into the scan.
      for (const m of step.run.matchAll(/baseline=\(([^)]*)\)/g)) uses.push(useFromArgv('docs/ci/github-actions.yml (array)', ['scan', ...m[1]!.split(/\s+/)]));
    }
    uses.push(...usesFromShell('docs/ci/github-actions.yml (commented)', read('docs/ci/github-actions.yml').replace(/\\\n\s*#/g, ' ')));
    const gitlab = parse(read('docs/ci/gitlab-ci.yml')) as Record<string, { script?: string[] }>;
    uses.push(...usesFromShell('docs/ci/gitlab-ci.yml', (gitlab['pixel-audit']!.script ?? []).join('\n')));
    uses.push(...usesFromShell('scripts/docker-smoke.sh', read('scripts/docker-smoke.sh').replace(/\brun (?=(?:demo|verify)\b)/g, 'pixel-audit.js ')));
    uses.push(...usesFromShell('deploy/README.md', read('deploy/README.md')));
    expect(uses.map((u) => u.command)).toEqual(expect.arrayContaining(['enqueue', 'worker', 'scan', 'merge', 'demo', 'verify']));
    const githubScan = uses.filter((u) => u.where.startsWith('docs/ci/github-actions.yml') && u.command === 'scan').flatMap((u) => u.flags);
    expect(githubScan).toEqual(expect.arrayContaining(['--baseline', '--fail-on', '--out']));
    expect(await unknownCliUses(uses)).toEqual([]);
  });
});

describe('Dockerfile', () => {
  // Instructions only: the comments may name what the image does not do.
  const text = read('Dockerfile').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
  const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
  const runtime = text.slice(text.lastIndexOf('\nFROM '));

  it('Node 20 on Debian slim, Chromium and fonts from Debian, never a downloaded browser', () => {
    expect(instructions.filter((l) => l.startsWith('FROM ')).every((l) => /^FROM node:20-bookworm-slim\b/.test(l))).toBe(true);
    expect(runtime).toMatch(/apt-get install[^\n]*\bchromium\b[^\n]*\bfonts-liberation\b/);
    expect(text).not.toMatch(/playwright install/);
    expect(runtime).toMatch(/PIXEL_AUDIT_CHROMIUM=\/usr\/bin\/chromium/);
    // The compilers stay in the build stage.
    expect(runtime).not.toMatch(/\bg\+\+|\bmake\b|python3/);
    expect(text).toMatch(/npm ci/);
  });

  it('runs as a non-root user, with pixel-audit as the entrypoint and a volume for output', () => {
    const user = instructions.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toMatch(/^USER [1-9]\d*(:\d+)?$/);
    // tini as PID 1: a pod has no `docker run --init`, and Chromium leaves helper processes to reap.
    expect(instructions.at(-2)).toBe('ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/pixel-audit.js"]');
    expect(runtime).toMatch(/\btini\b/);
    expect(instructions.at(-1)).toBe('CMD ["--help"]');
    expect(instructions.some((l) => l.startsWith('VOLUME '))).toBe(true);
    // k8s runAsUser and the Dockerfile's user agree.
    expect(podSpec(byKind('Deployment')[0]!).securityContext.runAsUser).toBe(Number(user!.split(/[ :]/)[1]));
  });

  it('.dockerignore keeps local builds, stores and run folders out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.git', '*.db', 'pixel-audit-out']) expect(ignored).toContain(entry);
    // …but not what the image copies.
    for (const needed of ['src', 'rules', 'fixtures', 'schema', 'bin', 'package-lock.json']) expect(ignored).not.toContain(needed);
  });
});
