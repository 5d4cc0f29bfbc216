import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, serverErrorResponses } from '../../shared/openapi.ts';
import { sendExport } from '../../shared/table-export/send-export.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/table-export/xlsx.ts';
import { Instrument } from './instrument.schemas.ts';
import { getInstrument, XFORM_CONTENT_TYPE, type InstrumentService } from './instrument.service.ts';

const tags = ['instrument'];

const definitionRoute = createRoute({
  method: 'get',
  path: '/instrument',
  tags,
  summary: 'The field questionnaire: its items, each with the component it scores and its direction',
  responses: {
    200: {
      description: 'The instrument definition',
      content: { 'application/json': { schema: Instrument } },
    },
  },
});

const xlsFormRoute = createRoute({
  method: 'get',
  path: '/instrument/xlsform',
  tags,
  summary: 'The questionnaire as an XLSForm for KoboToolbox, oblast → raion → hromada from the database',
  responses: {
    200: {
      description: 'An .xlsx download with the sheets survey, choices and settings',
      content: { [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...serverErrorResponses,
  },
});

const xFormRoute = createRoute({
  method: 'get',
  path: '/instrument/xform',
  tags,
  summary:
    'The questionnaire as an ODK XForm for ODK Central and Collect, oblast → raion → hromada from the database',
  responses: {
    200: {
      description: 'An .xml download (ODK XForms 1.0) with Ukrainian and English translations',
      content: { [XFORM_CONTENT_TYPE]: { schema: z.string() } },
    },
    ...serverErrorResponses,
  },
});

export function createInstrumentRoutes(instrument: InstrumentService) {
  return createRouter()
    .openapi(definitionRoute, (c) => c.json(getInstrument(), 200))
    .openapi(xlsFormRoute, async (c) => sendExport(c, await instrument.xlsForm()))
    .openapi(xFormRoute, async (c) => sendExport(c, await instrument.xForm()));
}
