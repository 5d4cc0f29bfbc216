import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf, offsetPageQuery } from '../../shared/pagination.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import {
  NewOrganisation,
  OrganisationIdParam,
  OrganisationPatch,
  OrganisationRecord,
  OrganisationView,
} from './organisations.schemas.ts';
import {
  createOrganisation,
  deleteOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisations.service.ts';

const tags = ['organisations'];

const listRoute = createRoute({
  method: 'get',
  path: '/organisations',
  tags,
  summary: 'The organisations (not deleted), with how many programmes each; 500 a page, at most 1000',
  request: { query: z.object(offsetPageQuery()) },
  responses: {
    200: {
      description: 'By name',
      content: { 'application/json': { schema: z.array(OrganisationView) } },
      headers: nextLinkHeader,
    },
    400: errorResponses[400],
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/organisations',
  tags,
  summary: 'Create an organisation (admin)',
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewOrganisation } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: OrganisationRecord } } },
    ...writeErrorResponses,
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/organisations/{id}',
  tags,
  summary: "Change an organisation's details (admin, or an editor of that organisation)",
  security: writeSecurity,
  request: {
    params: OrganisationIdParam,
    body: { content: { 'application/json': { schema: OrganisationPatch } }, required: true },
  },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: OrganisationRecord } } },
    ...writeErrorResponses,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/organisations/{id}',
  tags,
  summary: 'Delete an organisation without programmes or assessments (admin); kept as a deleted record',
  security: writeSecurity,
  request: { params: OrganisationIdParam },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

export const organisationsRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const page = c.req.valid('query');
    const { items, link } = offsetPageOf(await listOrganisations(c.get('deps').db, page), page, c.req.url);
    if (link) c.header('Link', link);
    return c.json(items, 200);
  })
  .openapi(createRouteDef, async (c) =>
    c.json(await createOrganisation(c.get('deps').db, await writeContext(c), c.req.valid('json')), 201),
  )
  .openapi(patchRoute, async (c) =>
    c.json(
      await updateOrganisation(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteOrganisation(c.get('deps').db, await writeContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
