import { z } from 'zod';

// The Target view's model parser, with zod, in a chunk of its own (issue #15, item 1): only the Target view
// parses model definitions, so the first map does not download zod.
// zod probes for eval to speed up parsing; the server's Content-Security-Policy forbids eval, so the probe
// would only log a refusal.
z.config({ jitless: true });

export { parseModelDefinition } from '../../../../../server/model/model-definition.ts';
