import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { checkQueueUrl, openQueue } from '../../../src/fleet/queue.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('work queue errors', () => {
  it('names a queue that is not PostgreSQL without its password', () => {
    expect(() => checkQueueUrl('redis://u:secret@localhost/0')).toThrow('--queue redis://u:***@localhost/0: expected a postgres:// URL');
  });

  it('says in one line, password hidden, why the queue cannot be opened', async () => {
    const port = await closedPort();
    const error = await openQueue(`postgres://fleet:s3cret@127.0.0.1:${port}/queue`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      `--queue postgres://fleet:***@127.0.0.1:${port}/queue: cannot open the work queue at 127.0.0.1:${port} (connection refused: nothing listens there)`,
    );
  });
});
