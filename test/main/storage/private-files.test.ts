import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../../src/main/gateway.ts';
import { databaseFile } from '../../../src/main/paths.ts';
import { preparePrivateDatabaseFile } from '../../../src/main/storage/private-files.ts';
import { memoryLogger, tempDir } from '../../support/gateway.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.runIf(process.platform !== 'win32')('the data folder and database files are the owner’s alone', () => {
  it('creates a new data folder 0700 and the database, WAL and SHM files 0600', async () => {
    const dataDir = join(tempDir(), 'new', 'Studio Gateway');
    const log = memoryLogger();
    const gateway = await startGateway({ dataDir, port: 0, log, demo: true });
    try {
      const file = databaseFile(dataDir);
      expect(mode(dataDir)).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
      expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    } finally {
      await gateway.close();
    }
  });

  it('fixes a folder and files left readable by others, and says so in the log', async () => {
    const dataDir = join(tempDir(), 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = databaseFile(dataDir);
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const log = memoryLogger();
    const gateway = await startGateway({ dataDir, port: 0, log });
    await gateway.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toContain('readable by other users');
  });

  it('leaves a private folder alone (the control case), and does nothing on Windows', () => {
    const dataDir = join(tempDir(), 'private');
    mkdirSync(dataDir, { mode: 0o700 });
    expect(preparePrivateDatabaseFile(databaseFile(dataDir))).toEqual([]);
    expect(preparePrivateDatabaseFile(join(tempDir(), 'x', 'db.sqlite'), 'win32')).toEqual([]);
  });
});
