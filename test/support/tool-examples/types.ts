import type { Services } from '../../../src/main/services.ts';

/**
 * Valid arguments for one tool against the demo workspace. May prepare what it needs through the services
 * (e.g. a class without bookings to delete). The tool matrix test runs every tool with its example.
 */
export type ToolExample = (services: Services) => Record<string, unknown>;
export type ToolExamples = Record<string, ToolExample>;
