import { describe, expect, it } from 'vitest';
import { canWriteFor, commandLineActor, requireAdmin, requireWriteFor, type Actor } from './actor.ts';

const actor = (role: Actor['role'], organisationIds: number[] = []): Actor => ({
  userId: 1,
  label: 'FIXTURE',
  via: 'session',
  role,
  organisationIds,
});

describe('authorisation rules', () => {
  it('lets admins write for any organisation, editors for their own only, viewers never', () => {
    expect(canWriteFor(actor('admin'), 7)).toBe(true);
    expect(canWriteFor(actor('admin'), null)).toBe(true);
    expect(canWriteFor(actor('editor', [7, 9]), 9)).toBe(true);
    expect(canWriteFor(actor('editor', [7]), 8)).toBe(false);
    expect(canWriteFor(actor('editor', [7]), null)).toBe(false);
    expect(canWriteFor(actor('viewer', [7]), 7)).toBe(false);
    expect(canWriteFor(commandLineActor, 3)).toBe(true);
  });

  it('answers 403 naming why', () => {
    expect(() => requireWriteFor(actor('viewer', [7]), 7, 'programme x')).toThrow(/viewer cannot/);
    expect(() => requireWriteFor(actor('editor', [7]), 8, 'programme x')).toThrow(
      /organisation 8, which is not one of yours/,
    );
    expect(() => requireWriteFor(actor('editor', [7]), null, 'assessment 3')).toThrow(/only an admin/);
    expect(() => requireAdmin(actor('editor', [7]), 'manage users')).toThrow(
      /only an admin can manage users/,
    );
    expect(() => requireWriteFor(actor('editor', [7]), 7, 'programme x')).not.toThrow();
  });
});
