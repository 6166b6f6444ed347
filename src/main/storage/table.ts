import type Database from 'better-sqlite3';
import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

/** A model's field; its column is the snake_case form (`bookingId` → `booking_id`). */
export type Field<M> = keyof M & string;

/**
 * How a field is stored, as its type decides: a boolean as SQLite's 0/1, a string, number, blob or null as it is,
 * anything else (arrays, objects) as JSON text. A declaration that says otherwise does not compile.
 */
export type Stored<T> = [NonNullable<T>] extends [boolean] ? 'boolean' : [T] extends [string | number | bigint | Buffer | null] ? 'plain' : 'json';

/** Every field of the model, in column order, with how it is stored: a missing or unknown field does not compile. */
export type Columns<M> = { readonly [K in Field<M>]-?: Stored<M[K]> };

/** A prepared SELECT whose rows come back as models. */
export interface Reader<P extends unknown[], R> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

/** A WHERE condition and its parameters, as `where()` takes them. */
export type Condition = readonly [sql: string, ...params: unknown[]];

/**
 * The conditions a list can be filtered by, one a filter field: SQL with one `?` for the field's value, or, made from
 * the value, the condition and its parameters. Only a model field may give its SQL alone: its value has the field's type.
 */
export type Conditions<M, S> = { readonly [K in keyof S]: ((value: never) => Condition) | (K extends Field<M> ? string : never) };

/** The filter such conditions read: every field optional, of the model field's type or the type the condition takes. */
export type FilterOf<M, S> = {
  -readonly [K in keyof S]?: (S[K] extends (value: infer V) => Condition ? V : K extends Field<M> ? NonNullable<M[K]> : never) | undefined;
};

/** The filter a table's `filter(…)` declaration reads. */
export type Filter<F extends (filter: never) => unknown> = Parameters<F>[0];

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped. */
export function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The condition that `text` stands anywhere in one of `columns` (LIKE: ASCII letters in any case). */
export function containing(columns: readonly string[], text: string): Condition {
  return [`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...columns.map(() => like(text))];
}

const column = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A table whose rows are a model's fields. SELECTs name each column under its field (`booking_id AS bookingId`),
 * so rows come back in the model's shape; only the declared booleans and JSON fields are converted, in place.
 * Writes bind `@field` parameters, made from a model by `params`. `alias` qualifies the columns, for joins.
 * Besides the SQL, it makes the operations every repository has (insert, find, update and delete by a field, all in
 * an order), each prepared once, when the repository is made: a repository states only what is particular to it.
 */
export function table<M extends object>(name: string, columns: Columns<M>, options: { alias?: string } = {}) {
  const fields = Object.keys(columns) as Field<M>[];
  const prefix = options.alias === undefined ? '' : `${options.alias}.`;
  const selected = fields.map((f) => (prefix === '' && column(f) === f ? f : `${prefix}${column(f)} AS ${f}`)).join(', ');
  const from = options.alias === undefined ? name : `${name} ${options.alias}`;
  const booleans = fields.filter((f) => columns[f] === 'boolean');
  const jsons = fields.filter((f) => columns[f] === 'json');
  const plain = booleans.length === 0 && jsons.length === 0;

  const decode = (row: Record<string, unknown>): unknown => {
    for (const f of booleans) row[f] = row[f] === 1;
    for (const f of jsons) row[f] = row[f] === null ? null : (JSON.parse(row[f] as string) as unknown);
    return row;
  };

  /** Reads a prepared SELECT of `columns` (and `X`'s, named as they are) as models. */
  function reader<P extends unknown[], X extends object = object>(prepared: Database.Statement<P, unknown>): Reader<P, M & X> {
    if (plain) return prepared as Reader<P, M & X>;
    return {
      get: (...params) => {
        const row = prepared.get(...params) as Record<string, unknown> | undefined;
        return row && (decode(row) as M & X);
      },
      all: (...params) => (prepared.all(...params) as Record<string, unknown>[]).map((row) => decode(row) as M & X),
    };
  }

  const sql = (rest: string) => `SELECT ${selected} FROM ${from} ${rest}`;
  /** SELECT every column FROM the table, then `rest`: prepare once, when the repository is made. */
  const prepare = <P extends unknown[] = []>(db: Db, rest: string): Reader<P, M> => reader(db.prepare(sql(rest)) as Database.Statement<P, unknown>);
  /** SELECT every column FROM the table, then `rest` (joins, WHERE, ORDER BY…), composed at run time: prepared once per text. */
  const select = <P extends unknown[] = unknown[]>(db: Db, rest: string): Reader<P, M> => reader(statement<P, unknown>(db, sql(rest)));

  function insert(extra: Readonly<Record<string, string>> = {}): string {
    const names = [...Object.keys(extra), ...fields.map(column)];
    const values = [...Object.values(extra), ...fields.map((f) => `@${f}`)];
    return `INSERT INTO ${name} (${names.join(', ')}) VALUES (${values.join(', ')})`;
  }

  /** `column = @field, …`: an UPDATE's SET. */
  const set = (of: readonly Field<M>[]): string => of.map((f) => `${column(f)} = @${f}`).join(', ');

  /** The parameters for a write: the values with the declared booleans and JSON fields converted (themselves when none are). */
  function encode(values: object): object {
    if (plain) return values;
    const row: Record<string, unknown> = { ...values };
    for (const f of booleans) if (f in row) row[f] = row[f] ? 1 : 0;
    for (const f of jsons) if (f in row) row[f] = row[f] === null ? null : JSON.stringify(row[f]);
    return row;
  }

  return {
    name,
    fields,
    /** The SELECT list: every column under its field's name. */
    columns: selected,
    reader,
    prepare,
    select,
    /** A page of rows after `filter` (what follows FROM: joins and the WHERE clause), in `orderBy` order. */
    page(db: Db, request: PageRequest, filter: { sql: string; params: unknown[] }, orderBy: string): Page<M> {
      return paged(request, (limit, offset) => select(db, `${filter.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...filter.params, limit, offset));
    },
    /** INSERT of every field as `@field`, after `extra` columns given as SQL (`{ id: '1' }`). */
    insert,
    /** The INSERT, or on a row with the same `conflict` columns, an UPDATE of the `update` fields. */
    upsert: (conflict: string, update: readonly Field<M>[], extra?: Readonly<Record<string, string>>): string =>
      `${insert(extra)} ON CONFLICT (${conflict}) DO UPDATE SET ${update.map((f) => `${column(f)} = excluded.${column(f)}`).join(', ')}`,
    /** Every field but these, in column order. */
    except: (...omit: Field<M>[]): Field<M>[] => fields.filter((f) => !omit.includes(f)),
    set,
    /** The parameters for a write: the values with the declared booleans and JSON fields converted (themselves when none are). */
    params: <T extends Partial<M>>(values: T): object => encode(values),

    /** Inserts a model. */
    inserter(db: Db): (model: M) => void {
      const prepared = db.prepare(insert());
      return (model) => void prepared.run(encode(model));
    },
    /** The row whose `field` has this value, if any. */
    findBy<F extends Field<M>>(db: Db, field: F): (value: M[F]) => M | undefined {
      const prepared = prepare<[M[F]]>(db, `WHERE ${prefix}${column(field)} = ?`);
      return (value) => prepared.get(value);
    },
    /** Every row, in `orderBy` order. */
    orderedBy(db: Db, orderBy: string): () => M[] {
      const prepared = prepare(db, `ORDER BY ${orderBy}`);
      return () => prepared.all();
    },
    /** Writes the `fields` of the row whose `key` field has the given value: how many rows changed. */
    updateBy<K extends Field<M>, U extends Field<M>>(db: Db, key: K, fields: readonly U[]): (values: Pick<M, K | U>) => number {
      const prepared = db.prepare(`UPDATE ${name} SET ${set(fields)} WHERE ${column(key)} = @${key}`);
      return (values) => prepared.run(encode(values)).changes;
    },
    /** Deletes the rows whose `field` has this value: how many went. */
    deleteBy<F extends Field<M>>(db: Db, field: F): (value: M[F]) => number {
      const prepared = db.prepare<[M[F]]>(`DELETE FROM ${name} WHERE ${column(field)} = ?`);
      return (value) => prepared.run(value).changes;
    },
    /**
     * A list's filter: for each field the filter gives (not undefined), its condition, in the order declared here, all
     * of them required. `Filter<typeof …>` is the filter's type.
     */
    filter<S extends Conditions<M, S>>(conditions: S): (filter: FilterOf<M, S>) => { sql: string; params: unknown[] } {
      const declared = Object.entries(conditions) as [string, string | ((value: unknown) => Condition)][];
      return (filter) => {
        const given = filter as Record<string, unknown>;
        return where(declared.map(([field, condition]) => {
          const value = given[field];
          if (value === undefined) return false;
          return typeof condition === 'string' ? [condition, value] : condition(value);
        }));
      };
    },
  };
}
export type Table<M extends object> = ReturnType<typeof table<M>>;
