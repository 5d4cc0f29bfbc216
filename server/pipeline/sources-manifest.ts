import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const defaultManifestUrl = new URL('../../data/sources.json', import.meta.url);

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase kebab-case id');

// Files are written to `<cacheDir>/<path>`, so a path must not be able to point outside the cache.
const relativePath = z
  .string()
  .min(1)
  .refine(
    (p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'),
    'expected a relative path without ".." segments',
  );

const sourceDatasetSchema = z.strictObject({
  id,
  name: z.string().min(1),
  publisher: z.string().min(1),
  // Optional: a dataset we transcribed ourselves has no home page of its own.
  homepage: z.url().optional(),
  licence: z.string().min(1),
  licenceUrl: z.url(),
  attribution: z.string().min(1),
  caveats: z.string().min(1).optional(),
});

const sourceFileSchema = z.strictObject({
  id,
  source: id,
  title: z.string().min(1),
  path: relativePath,
  url: z.url({ protocol: /^https?$/ }),
  // Lower-cased so that a hash pasted from a tool that prints upper case (PowerShell's Get-FileHash) still matches.
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters')
    .transform((s) => s.toLowerCase()),
  bytes: z.number().int().nonnegative(),
  period: z.string().min(1),
  importer: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});

const sourcesManifestSchema = z
  .strictObject({
    $comment: z.string().optional(),
    sources: z.array(sourceDatasetSchema).min(1),
    files: z.array(sourceFileSchema).min(1),
  })
  .superRefine((manifest, ctx) => {
    const sourceIds = new Set<string>();
    manifest.sources.forEach((source, i) => {
      if (sourceIds.has(source.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${source.id}"`,
        });
      }
      sourceIds.add(source.id);
    });
    const fileIds = new Set<string>();
    const paths = new Set<string>();
    manifest.files.forEach((file, i) => {
      if (fileIds.has(file.id)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'id'], message: `duplicate file id "${file.id}"` });
      }
      fileIds.add(file.id);
      // Two entries sharing a path would overwrite each other in the cache.
      if (paths.has(file.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'path'],
          message: `duplicate path "${file.path}"`,
        });
      }
      paths.add(file.path);
      if (!sourceIds.has(file.source)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'source'],
          message: `unknown source "${file.source}" (listed: ${[...sourceIds].join(', ')})`,
        });
      }
    });
  });

/** A dataset a file comes from, with the licence and attribution to show wherever its data is shown. */
export type SourceDataset = z.infer<typeof sourceDatasetSchema>;
/** One pinned source file: where to get it, where it lives in the cache, its checksum and its importer. */
export type SourceFile = z.infer<typeof sourceFileSchema>;
/** The parsed contents of data/sources.json. */
export type SourcesManifest = z.infer<typeof sourcesManifestSchema>;

/**
 * Validates an already parsed manifest. Every problem is reported at once, one line each,
 * as `<label>: <field path>: <message>`.
 */
export function parseSourcesManifest(json: unknown, label = 'sources.json'): SourcesManifest {
  const parsed = sourcesManifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${label}: ${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(lines.join('\n'));
}

/** Reads and validates data/sources.json (or the manifest at `file`). */
export async function loadSourcesManifest(file: string | URL = defaultManifestUrl): Promise<SourcesManifest> {
  const filePath = file instanceof URL ? fileURLToPath(file) : path.resolve(file);
  const label = displayPath(filePath);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    throw new Error(`${label}: cannot read the manifest: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label}: invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseSourcesManifest(json, label);
}

/** `['files', 3, 'sha256']` → `files[3].sha256`. */
function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return '(top level)';
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('');
}

// Relative to the working directory when inside it (`data/sources.json`), so messages stay short.
function displayPath(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : filePath;
}
