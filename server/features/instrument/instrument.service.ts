import { findDataVersion, importVersionOf } from '../../db/data-version.ts';
import type { Executor } from '../../db/executor.ts';
import { INSTRUMENT } from '../../model/instrument.ts';
import { BoundedCache } from '../../shared/http-cache.ts';
import type { ExportFile } from '../../shared/table-export/table-export.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/table-export/xlsx.ts';
import { versionClock } from '../../shared/versioned-resource.ts';
import { findCascadeUnits } from './instrument.repository.ts';
import { formOutline, type CascadeUnit, type CascadeUnits } from './instrument-outline.ts';
import { toXForm } from './xform.ts';
import { toXlsForm } from './xlsform.ts';

// The XML declaration names the encoding (UTF-8), which is what an XML reader goes by (RFC 7303).
export const XFORM_CONTENT_TYPE = 'application/xml';

// Enumerators pick from lists in the order Ukrainian readers expect (… Г Ґ Д …), as the units API sorts.
const ukrainian = new Intl.Collator('uk');
const byName = (a: CascadeUnit, b: CascadeUnit) => ukrainian.compare(a.nameUk, b.nameUk);

/** The cascade's units, from the database's own admin_units (issue #13: the same codes the atlas uses). */
export async function cascadeUnits(db: Executor): Promise<CascadeUnits> {
  const rows = await findCascadeUnits(db);
  const of = (level: string) =>
    rows
      .filter((r) => r.level === level)
      .map((r) => ({ pcode: r.pcode, parentPcode: r.parent_pcode, nameUk: r.name_uk, nameEn: r.name_en }))
      .sort(byName);
  return { oblasts: of('oblast'), raions: of('raion'), hromadas: of('hromada') };
}

/** The instrument definition as the API publishes it: every item with its component and direction. */
export function getInstrument() {
  return INSTRUMENT;
}

const fileName = (extension: string) => `${INSTRUMENT.formId}-${INSTRUMENT.version}.${extension}`;

/** The XLSForm (.xlsx) for KoboToolbox, with the cascade filled from the database. */
async function instrumentXlsForm(db: Executor): Promise<ExportFile> {
  const outline = formOutline(INSTRUMENT, await cascadeUnits(db));
  return {
    body: new Uint8Array(await toXlsForm(outline)),
    contentType: XLSX_CONTENT_TYPE,
    fileName: fileName('xlsx'),
  };
}

/** The XForm (.xml) for ODK Central and ODK Collect, with the cascade filled from the database. */
async function instrumentXForm(db: Executor): Promise<ExportFile> {
  const outline = formOutline(INSTRUMENT, await cascadeUnits(db));
  return { body: toXForm(outline), contentType: XFORM_CONTENT_TYPE, fileName: fileName('xml') };
}

/**
 * The two downloads, each built once per import of the units (the cascade is all that varies) rather than on
 * every request: the same recipe as the layers and tiles (versionClock + BoundedCache, issue #12).
 */
export function createInstrumentService(db: Executor) {
  const clock = versionClock(() => findDataVersion(db), { versionOf: importVersionOf });
  const files = new BoundedCache<ExportFile>(16 * 1024 * 1024, (f) =>
    typeof f.body === 'string' ? f.body.length * 2 : f.body.byteLength,
  );
  const cached = async (kind: string, build: (db: Executor) => Promise<ExportFile>) => {
    const version = await clock.current();
    return files.get(`${kind}@${version}`, () => build(db));
  };
  return {
    xlsForm: () => cached('xlsform', instrumentXlsForm),
    xForm: () => cached('xform', instrumentXForm),
  };
}

export type InstrumentService = ReturnType<typeof createInstrumentService>;
