import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { launchBrowser } from '../browser/launch.js';
import { scanOptionsSchema, type ScanOptions } from '../config/options.js';
import { ensureDir } from '../evidence/bundle.js';
import { RUN_SCHEMA_VERSION } from '../report/run-summary.js';
import { BrowserKeeper } from '../run/browser-keeper.js';
import { RunHistory } from '../run/run-history.js';
import { readRunInputs, runContextFor } from '../run/run-inputs.js';
import type { SiteTaskContext } from '../run/site-task.js';
import { TOOL_VERSION } from '../version.js';
import { readPlan } from './enqueue.js';
import type { FleetPlan } from './plan.js';
import type { OpenQueue } from './queue.js';

/** What a worker brings to every run: its machine's folders, store and browser. */
export interface WorkerSetup {
  out: string;
  /** History store (SQLite path or postgres:// URL); none when undefined. */
  store?: string;
  browserPath?: string;
  logger?: Logger;
  warn: (line: string) => void;
}

/** A run as one worker sees it: its plan, options, site-task context and store. */
export interface FleetRun {
  plan: FleetPlan;
  options: ScanOptions;
  runDir: string;
  task: SiteTaskContext;
  history: RunHistory;
}

/**
 * Browsers by launch options: runs may differ in `--host-resolver-rules`, and each needs a
 * browser launched with its own. One keeper per distinct set, shared by the worker's slots.
 */
export class BrowserPool {
  private readonly keepers = new Map<string, Promise<BrowserKeeper>>();

  constructor(private readonly logger?: Logger) {}

  keeper(browserPath: string | undefined, hostResolverRules: string | undefined): Promise<BrowserKeeper> {
    const key = JSON.stringify([browserPath, hostResolverRules]);
    let keeper = this.keepers.get(key);
    if (!keeper) {
      const launch = () => launchBrowser({ browserPath, hostResolverRules, keepOnSignals: true });
      keeper = launch().then((first) => new BrowserKeeper(launch, first, () => this.logger?.warn('browser gone; starting a new one')));
      keeper.catch(() => this.keepers.delete(key));
      this.keepers.set(key, keeper);
    }
    return keeper;
  }

  async close(): Promise<void> {
    for (const keeper of this.keepers.values()) await (await keeper.catch(() => undefined))?.close();
    this.keepers.clear();
  }
}

/**
 * Prepares a run for this worker, the way `runScan` prepares its own: rules, persona file,
 * controller facts and signing key read once, the run recorded in the store (its first start
 * kept), and the run folder `<out>/<run-id>` created. A mistake in the plan's files is thrown
 * (the job fails with that line); the store is best-effort, as in `scan`.
 */
export async function openFleetRun(queue: OpenQueue, runId: string, setup: WorkerSetup, browsers: BrowserPool): Promise<FleetRun> {
  const plan = await readPlan(queue, runId);
  if (!plan) throw new Error(`run ${runId} has no plan in the queue's database`);
  const options = scanOptionsSchema.parse({
    ...plan.options, urls: plan.targets.map((t) => t.input), out: setup.out, seed: plan.seed,
    ...(setup.store ? { store: setup.store } : {}), ...(setup.browserPath ? { browserPath: setup.browserPath } : {}),
  });
  const inputs = await readRunInputs(options);
  const keeper = await browsers.keeper(options.browserPath, options.hostResolverRules);
  const launched = await keeper.get();
  const runDir = await ensureDir(resolve(setup.out, runId));
  const history = await RunHistory.open(options, setup.warn);
  await history.begin({
    schemaVersion: RUN_SCHEMA_VERSION, runId, runDir, tool: { name: 'pixel-audit', version: TOOL_VERSION }, startedAt: plan.createdAt,
    seed: plan.seed, failOn: options.failOn, targets: plan.targets, sites: [],
  });
  const run = runContextFor(options, inputs, { runId, seed: plan.seed, history, launched });
  // `resuming`: a site handed over after a worker died may have a half-written bundle; it goes first.
  const task: SiteTaskContext = { options, run, runDir, seed: plan.seed, filePersona: inputs.filePersona, keeper, resuming: true, logger: setup.logger };
  return { plan, options, runDir, task, history };
}
