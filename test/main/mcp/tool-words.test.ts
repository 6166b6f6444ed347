import { describe, expect, it } from 'vitest';
import { describeActivity } from '../../../src/main/mcp/tool-words.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';

describe('describeActivity', () => {
  it('counts what an app did in words, changes first, with singular and plural', () => {
    expect(
      describeActivity([
        { tool: 'list_classes', count: 3 },
        { tool: 'send_message', count: 1 },
        { tool: 'cancel_booking', count: 2 },
        { tool: 'get_class', count: 2 },
      ]),
    ).toBe('cancelled 2 bookings, sent 1 message, looked at your classes 5 times');
  });

  it('says once and twice for phrases counted in times, and skips zero counts', () => {
    expect(describeActivity([{ tool: 'get_profile', count: 1 }, { tool: 'list_bookings', count: 2 }, { tool: 'delete_client', count: 0 }])).toBe(
      'looked at your bookings twice, looked at your profile once',
    );
  });

  it('names four things at most and sums the rest, with tools no longer offered among them', () => {
    const text = describeActivity([
      { tool: 'send_message', count: 1 },
      { tool: 'cancel_booking', count: 1 },
      { tool: 'delete_client', count: 1 },
      { tool: 'tag_client', count: 1 },
      { tool: 'create_expense', count: 2 },
      { tool: 'a_tool_from_an_old_version', count: 3 },
    ]);
    expect(text).toBe('recorded 2 expenses, sent 1 message, cancelled 1 booking, deleted 1 client, and 4 other actions');
    expect(describeActivity([{ tool: 'gone', count: 1 }])).toBe('1 other action');
  });

  it('is empty when nothing happened', () => {
    expect(describeActivity([])).toBe('');
  });

  it('has words for every tool, none naming a protocol term', () => {
    for (const tool of TOOLS) {
      const text = describeActivity([{ tool: tool.name, count: 2 }]);
      expect(text, tool.name).toMatch(/^[a-z][a-z ]+ (2 [a-z ]+|twice)$/);
      expect(text, tool.name).not.toMatch(/_|scope|mcp|tool/);
    }
  });
});
