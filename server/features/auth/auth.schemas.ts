import { z } from '@hono/zod-openapi';
import { passwordProblem } from './password.ts';

// The account vocabulary (role, email, new password): here, because every feature builds on auth, and users
// builds on it too (issue #12: no auth ↔ users circle).
export const RoleSchema = z.enum(['viewer', 'editor', 'admin']).openapi({
  description:
    'viewer: reads (when reads need a login); editor: also changes the records of their organisations; ' +
    'admin: everything, including users and organisations',
});

/** Lower-cased and trimmed: one account per address whatever the case it is typed in. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('expected an email address'))
  .openapi({ example: 'editor@example.org' });

export const NewPassword = z
  .string()
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: 'At least 12 characters', format: 'password' });

export const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(1024).openapi({ format: 'password' }) })
  .openapi('LoginBody');

export const Me = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    organisations: z
      .array(z.object({ id: z.number().int(), name: z.string() }))
      .openapi({ description: 'The organisations whose records this user may change (editors)' }),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const SessionView = z
  .object({
    user: Me,
    csrfToken: z.string().openapi({
      description:
        'Send as the X-CSRF-Token header on every POST, PATCH and DELETE (also in the atlas_csrf cookie)',
    }),
    expiresAt: z.string(),
  })
  .openapi('Session');

export const MeView = z
  .object({
    // A union, not Me.nullable().openapi(…): with a description the generator wrote allOf [Me, object|null],
    // which null can never match (issue #11, item 12).
    user: z.union([Me, z.null()]).openapi({ description: 'null when not signed in' }),
    via: z.enum(['session', 'token']).nullable(),
    csrfToken: z
      .string()
      .nullable()
      .openapi({ description: 'For a cookie session: the X-CSRF-Token to send' }),
    readAccess: z.enum(['public', 'login']).openapi({
      description: '"login": nothing but sign-in works until the user signs in (ATLAS_READ_ACCESS)',
    }),
  })
  .openapi('MeView');

export const PasswordChange = z
  .object({ currentPassword: z.string().max(1024).openapi({ format: 'password' }), newPassword: NewPassword })
  .openapi('PasswordChange');
