import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config.ts';
import { parseModelDefinition, type ModelDefinition } from '../../model/model-definition.ts';

const modelsDir = path.join(repoRoot, 'data', 'models');

/**
 * The model definitions of data/models/*.json, validated once when the app is created: a broken model file
 * stops the server at start with the file and field named, rather than failing a request later.
 */
export function loadModelDefinitions(dir: string = modelsDir): Map<string, ModelDefinition> {
  const models = new Map<string, ModelDefinition>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const label = `data/models/${file}`;
    const definition = parseModelDefinition(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), label);
    if (models.has(definition.id)) throw new Error(`${label}: model id "${definition.id}" is used twice`);
    models.set(definition.id, definition);
  }
  return models;
}
