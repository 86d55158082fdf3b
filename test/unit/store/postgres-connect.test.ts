import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { redactUrlPassword } from '../../../src/shared/redact-url.js';
import { connectionError, isPostgresUrl, serverOf } from '../../../src/store/postgres-connect.js';

describe('PostgreSQL connection strings', () => {
  it('tells a PostgreSQL URL from a file path', () => {
    expect(['postgres://h/db', 'postgresql://u@h/db', 'POSTGRES://h'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['./pixel-audit.db', ':memory:', 'postgres.db', '/var/postgres://x'].map(isPostgresUrl)).toEqual([false, false, false, false]);
  });

  it('never shows a password: in the user part, with @ or / in it, or as a query parameter', () => {
    expect(redactUrlPassword('postgres://audit:s3cret@db.example:5433/history')).toBe('postgres://audit:***@db.example:5433/history');
    expect(redactUrlPassword('postgresql://audit:p@ss/w0rd@db/history')).toBe('postgresql://audit:***@db/history');
    expect(redactUrlPassword('postgres://db/history?user=a&password=s3cret&sslmode=require')).toBe('postgres://db/history?user=a&password=***&sslmode=require');
    expect(redactUrlPassword('postgres://audit@db/history')).toBe('postgres://audit@db/history');
    expect(redactUrlPassword('./pixel-audit.db')).toBe('./pixel-audit.db');
  });

  it('names host and port, defaulting like pg does', () => {
    expect(serverOf('postgres://u:p@db.example:5433/x')).toBe('db.example:5433');
    const saved = { host: process.env.PGHOST, port: process.env.PGPORT };
    delete process.env.PGHOST;
    delete process.env.PGPORT;
    try {
      expect(serverOf('postgres:///x')).toBe('localhost:5432');
    } finally {
      if (saved.host !== undefined) process.env.PGHOST = saved.host;
      if (saved.port !== undefined) process.env.PGPORT = saved.port;
    }
  });

  it('turns a driver error into one line with the reason and no password', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const error = connectionError('postgres://audit:s3cret@10.0.0.1/history', refused);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('--store postgres://audit:***@10.0.0.1/history: cannot use the PostgreSQL store at 10.0.0.1:5432 (connection refused: nothing listens there)');
    const auth = connectionError('postgres://audit:s3cret@db/history', Object.assign(new Error('password authentication failed for user "audit"'), { code: '28P01' }));
    expect(auth.message).toMatch(/\(password authentication failed\)$/);
    const other = connectionError('postgres://audit:s3cret@db/history', new Error('weird failure at postgres://audit:s3cret@db\nstack line'));
    expect(other.message).not.toContain('s3cret');
    expect(other.message).not.toContain('\n');
  });
});
