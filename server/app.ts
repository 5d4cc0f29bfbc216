import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { createHeavyPool } from './compute/heavy-pool.ts';
import { DatabaseStatus, RETRY_AFTER_SECONDS, unavailableMessage } from './db/availability.ts';
import { assessmentSubmissionsRoutes } from './features/assessment-submissions/assessment-submissions.routes.ts';
import { assessmentsRoutes } from './features/assessments/assessments.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { guard } from './features/auth/auth.middleware.ts';
import { createAuthRoutes } from './features/auth/auth.routes.ts';
import { clientConfigRoutes } from './features/client-config/client-config.routes.ts';
import { docsRoutes } from './features/docs/docs.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { createIndicatorsRoutes } from './features/indicators/indicators.routes.ts';
import { createInstrumentRoutes } from './features/instrument/instrument.routes.ts';
import { createInstrumentService } from './features/instrument/instrument.service.ts';
import { createLayersRoutes } from './features/layers/layers.routes.ts';
import { loadModelDefinitions } from './features/models/model-registry.ts';
import { createModelsRoutes } from './features/models/models.routes.ts';
import { createModelsService } from './features/models/models.service.ts';
import { createOccupiedAreasRoutes } from './features/occupied-areas/occupied-areas.routes.ts';
import { organisationsRoutes } from './features/organisations/organisations.routes.ts';
import { programmesRoutes } from './features/programmes/programmes.routes.ts';
import { roundsRoutes } from './features/rounds/rounds.routes.ts';
import { createScenariosRoutes } from './features/scenarios/scenarios.routes.ts';
import { createScenariosService } from './features/scenarios/scenarios.service.ts';
import { sourcesRoutes } from './features/sources/sources.routes.ts';
import { strategiesRoutes } from './features/strategies/strategies.routes.ts';
import { createShortlistService } from './features/targeting/shortlist.service.ts';
import { createTargetingRoutes } from './features/targeting/targeting.routes.ts';
import { createTilesRoutes } from './features/tiles/tiles.routes.ts';
import { createTilesService } from './features/tiles/tiles.service.ts';
import { tokensRoutes } from './features/tokens/tokens.routes.ts';
import { unitsRoutes } from './features/units/units.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { nowOf, type AppDeps, type AppEnv } from './shared/app-env.ts';
import { DATA_EXCEPTION_MESSAGE, isDataException } from './shared/data-exception.ts';
import { AppError } from './shared/errors.ts';
import { rejectNul } from './shared/nul-guard.ts';
import { documentSharedResponses, validationHook } from './shared/openapi.ts';
import { bodyEtag } from './shared/body-etag.ts';
import { rateLimits } from './shared/rate-limit.ts';
import { requestContext } from './shared/request-context.ts';
import { corsFor } from './shared/security.ts';

/** Wires the whole API: the only place that does (STYLE §9). */
export function createApp(given: AppDeps) {
  const databaseStatus = given.databaseStatus ?? new DatabaseStatus(given.logger);
  const deps: AppDeps = { ...given, databaseStatus };
  // Model definitions are validated here, at start: a broken data/models file stops the server, naming it.
  const models = loadModelDefinitions();
  // Services with caches are built once here and handed to the routes that use them (STYLE §9).
  // Threads for the seconds-long model work, started on first use (issue #15 item 2).
  const pool = createHeavyPool(deps.config.workers);
  const modelsService = createModelsService(deps.db, models, pool);
  const shortlists = createShortlistService({
    db: deps.db,
    models: modelsService,
    limits: deps.config.targeting,
    pool,
    now: () => nowOf(deps),
  });
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Deps, request id and security headers: one middleware for every request (issue #5, B2).
  app.use('*', requestContext(deps));
  // Before authentication: a preflight carries no credentials.
  const cors = corsFor(deps.config);
  if (cors) {
    app.use('/api/*', cors);
    app.use('/tiles/*', cors);
  }
  app.use('/api/*', compress());
  // Every GET answer of the API is revalidated by its body's hash (issue #15, B4 repeat visit); inside
  // compress, so that the tag is the identity body's.
  app.use('/api/*', bodyEtag());
  // Who is calling, and may they: on the API and the tiles (which carry data), not on the static client.
  const guarded = guard(deps.config);
  // Hono's `/tiles/*` matches `/tiles` itself too: listing both would run the guard twice on the catalogue.
  for (const path of ['/api/*', '/tiles/*']) app.use(path, guarded);
  // After the guard's body limit: a NUL in any parameter is a 400, before a query sees it (issue #11, item 4).
  for (const path of ['/api/*', '/tiles/*']) app.use(path, rejectNul());
  // Anonymous writes and expensive computations per client address (issue #11 item 3): after the guard,
  // which knows who is calling.
  app.use('/api/*', rateLimits(deps.config));

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', healthRoutes)
    .route('/', createAuthRoutes(deps))
    .route('/', usersRoutes)
    .route('/', organisationsRoutes)
    .route('/', tokensRoutes)
    .route('/', auditRoutes)
    .route('/', unitsRoutes)
    .route('/', createIndicatorsRoutes(deps.db))
    .route('/', sourcesRoutes)
    .route('/', createLayersRoutes(deps.db))
    .route('/', createModelsRoutes(deps.db, models, modelsService))
    .route('/', createScenariosRoutes(createScenariosService(deps.db, models)))
    .route('/', createTargetingRoutes(deps.db, modelsService, shortlists))
    .route('/', programmesRoutes)
    .route('/', assessmentsRoutes)
    .route('/', assessmentSubmissionsRoutes)
    .route('/', roundsRoutes)
    .route('/', strategiesRoutes)
    .route('/', createInstrumentRoutes(createInstrumentService(deps.db)))
    .route('/', createOccupiedAreasRoutes(deps.db))
    .route('/', clientConfigRoutes);
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'atlas_session',
    description: 'Set by POST /api/auth/login; writes also need the X-CSRF-Token header',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from POST /api/tokens',
  });
  documentSharedResponses(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Hromada Atlas API',
      version: '0.1.0',
      description:
        "Conflict potential, needs and aid-programme coverage across Ukraine's hromadas. Every value carries its " +
        'source, period and licence (see /api/sources).',
    },
  });
  api.route('/', docsRoutes);
  app.route('/api', api);
  app.route('/tiles', createTilesRoutes(createTilesService(deps, { models, modelsService })));

  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'NOT_FOUND',
          message: `no route for ${c.req.method} ${c.req.path}`,
          requestId: c.get('requestId'),
        },
      },
      404,
    ),
  );
  // One error handler: known errors keep their code and message, anything else is logged and answered as a
  // plain 500 that leaks nothing internal (STYLE §8).
  app.onError((err, c) => {
    const requestIdValue = c.get('requestId');
    if (err instanceof AppError) {
      const retryAfter =
        err.retryAfterSeconds ?? (err.code === 'DATABASE_UNAVAILABLE' ? RETRY_AFTER_SECONDS : undefined);
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
      const details = err.details === undefined ? {} : { details: err.details };
      return c.json(
        { error: { code: err.code, message: err.message, requestId: requestIdValue, ...details } },
        err.status,
      );
    }
    // The database is down, timed out or cannot write: one mapping for every route (issue #11, item 1).
    const unavailable = databaseStatus.record(err);
    if (unavailable) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(
        {
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: unavailableMessage(unavailable),
            requestId: requestIdValue,
          },
        },
        503,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(
        { error: { code: 'BAD_REQUEST', message: err.message, requestId: requestIdValue } },
        err.status,
      );
    }
    if (isDataException(err)) {
      deps.logger.warn(`data exception on ${c.req.method} ${c.req.path}`, {
        requestId: requestIdValue,
        error: String(err),
      });
      return c.json(
        { error: { code: 'BAD_REQUEST', message: DATA_EXCEPTION_MESSAGE, requestId: requestIdValue } },
        400,
      );
    }
    deps.logger.error(`unhandled error on ${c.req.method} ${c.req.path}`, {
      requestId: requestIdValue,
      error: String(err),
      stack: err.stack,
    });
    return c.json(
      { error: { code: 'INTERNAL', message: 'Internal server error', requestId: requestIdValue } },
      500,
    );
  });
  return app;
}
