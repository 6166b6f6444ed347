import type { TestGateway } from './gateway.ts';

/** Every row of these tables in insertion order: equal results before and after a call mean it changed nothing there. */
export function tableRows(tg: TestGateway, ...tables: string[]): Record<string, unknown[]> {
  const { db } = tg.gateway.services.storage;
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
}
