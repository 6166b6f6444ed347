import { z } from 'zod';
import type { Page, PageRequest } from '../../storage/paging.ts';
import type { Services } from '../../services.ts';
import { defineTool, type Deed, type ToolContext, type ToolDefinition, type ToolSpec } from '../tool.ts';
import { id, page, pageResult, toCamelCase, type CamelCased } from './common.ts';

// Tool shapes several resources share: each is written here once, and a tool of that shape names only what is its own.

/** A tool's own part: everything but the input, the handler and the describer, which its shape makes. */
type Declared = Omit<ToolSpec<z.ZodObject>, 'input' | 'handler' | 'describe'>;
type Output<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/**
 * Tools that act on one record named by its id (get_booking, confirm_booking, delete_booking…): the input is that id
 * alone, `{ booking_id }`, and `run` hands it to one service call.
 *
 *     const onBooking = byId('booking_id', 'Booking');
 *     onBooking({ name: 'get_booking', …, run: (bookingId, { services }) => services.bookings.get(bookingId) })
 *
 * `.change` makes the tools that change some fields of such a record (update_expense…): the input is the id and the
 * `changes` it may make, refused unless it makes at least one, and `run` gets them as the services name them.
 */
export function byId(field: `${string}_id`, what: string) {
  const recordId = { [field]: id(what) };
  const act = ({
    run,
    describe,
    ...tool
  }: Declared & { run(id: string, ctx: ToolContext): unknown; describe?(id: string, services: Services): Deed | undefined }): ToolDefinition =>
    defineTool({
      ...tool,
      input: z.object(recordId).strict(),
      handler: (args, ctx) => run(args[field], ctx),
      ...(describe ? { describe: (args: Record<string, string>, services: Services) => describe(args[field] as string, services) } : {}),
    });
  const change = <Changes extends z.ZodRawShape>({
    changes,
    run,
    describe,
    ...tool
  }: Declared & {
    changes: Changes;
    run(id: string, changes: CamelCased<Output<Changes>>, ctx: ToolContext): unknown;
    describe?(id: string, changes: Output<Changes>, services: Services): Deed | undefined;
  }): ToolDefinition => {
    const split = (args: unknown) => {
      const { [field]: changed, ...given } = args as Record<string, unknown>;
      return [changed as string, given as Output<Changes>] as const;
    };
    return defineTool({
      ...tool,
      input: someOf(z.object({ ...recordId, ...changes }).strict(), Object.keys(changes) as never),
      handler: (args, ctx) => {
        const [changed, given] = split(args);
        return run(changed, toCamelCase(given), ctx);
      },
      ...(describe ? { describe: (args: unknown, services: Services) => describe(...split(args), services) } : {}),
    });
  };
  return Object.assign(act, { change });
}

type Paged<Filters extends z.ZodRawShape> = z.ZodObject<Filters & typeof page, z.core.$strict>;

/**
 * Tools that list one kind of record with filters, a page at a time: the input is the filters plus limit and cursor,
 * and the result `{ <key>: [...], nextCursor }`.
 */
export function pagedList<Filters extends z.ZodRawShape, Item>(
  key: string,
  {
    filters,
    list,
    describe,
    ...tool
  }: Declared & {
    filters: Filters;
    list(filters: z.output<z.ZodObject<Filters>>, page: PageRequest, ctx: ToolContext): Page<Item>;
    describe?(filters: z.output<z.ZodObject<Filters>>, services: Services): Deed | undefined;
  },
): ToolDefinition {
  const input: Paged<Filters> = z.object({ ...filters, ...page }).strict();
  const split = (args: unknown) => {
    const { limit, cursor, ...given } = args as PageRequest & Record<string, unknown>;
    return [given as z.output<z.ZodObject<Filters>>, { limit, cursor }] as const;
  };
  return defineTool({
    ...tool,
    input,
    handler: (args, ctx) => {
      const [given, at] = split(args);
      return pageResult(list(given, at, ctx), key);
    },
    ...(describe ? { describe: (args: unknown, services: Services) => describe(split(args)[0], services) } : {}),
  });
}

/** The input of a tool that takes no arguments: `{}`, and nothing else. */
export const noArgs = z.object({}).strict();

/**
 * A change that must change something: the input is refused unless at least one of `keys` is given, and the refusal
 * names them.
 */
export function someOf<Input extends z.ZodObject>(input: Input, keys: readonly (keyof z.output<Input> & string)[]): Input {
  return input.refine((args) => keys.some((key) => args[key] !== undefined), { message: `give at least one of ${keys.join(', ')}` });
}
