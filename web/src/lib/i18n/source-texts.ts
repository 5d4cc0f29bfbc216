// The sources' texts in Ukrainian (issue #14, item 8). data/sources.json and the catalogue carry English
// only (they are the record of provenance); the interface shows these Ukrainian texts, keyed by source id and
// file id, in the Ukrainian interface. Each says exactly what the English says: the same publishers (under
// the names they use in Ukrainian, or their own Latin names), data-set identifiers, DOIs, dates and licences.
// A source or file not listed here is shown as the API gives it.

import type { Lang } from './messages.ts';

interface SourceText {
  name: string;
  publisher: string;
  attribution: string;
  licence: string;
  caveats: string | null;
  /** File titles by file id, or by a file-id prefix ending in "-" (dated snapshots). */
  files: Record<string, string>;
}

const UK: Record<string, SourceText> = {
  'cod-ab': {
    name: 'COD-AB: адміністративні межі України (ukr_admbnd_sspe_20240416)',
    publisher: 'OCHA FISS / ДНВП «Картографія», через HDX; поширює ініціатива REACH',
    attribution:
      'Адміністративні межі: Секція польових інформаційних служб OCHA (FISS) / Державне науково-виробниче ' +
      'підприємство «Картографія», COD-AB для України (ukr_admbnd_sspe_20240416), через HDX; обробила ініціатива REACH.',
    licence: 'CC BY-IGO',
    caveats:
      'Шар громад сильно спрощено (близько 25 вершин на громаду), між сусідніми громадами є щілини; Крим ' +
      'зберігає дореформений устрій; дві одиниці Криму мають порожню геометрію.',
    files: {
      'cod-ab-hromadas': 'Громади (ADM3)',
      'cod-ab-oblasts': 'Області (ADM1)',
      'cod-ab-raions': 'Райони (ADM2)',
    },
  },
  kse: {
    name: 'Дані Інституту KSE про децентралізацію (Loc Data Hub) по громадах',
    publisher: 'Інститут Київської школи економіки (KSE Institute; фінансування GIZ U-LEAD)',
    attribution:
      'Інститут Київської школи економіки, набір даних «Реформа децентралізації в Україні», ' +
      'DOI 10.5281/zenodo.15267573, фінансування GIZ U-LEAD. Вихідні дані: Держстат, Мінфін, ' +
      'Мінреінтеграції, НСЗУ, Державна казначейська служба.',
    licence: 'MIT',
    caveats:
      'Статус зони бойових дій та окупації — лише за 2022 рік; зареєстровані ВПО — сальдо (може бути ' +
      'від’ємним) станом на 25.07.2023; відсутнє значення позначено «NA».',
    files: {
      'kse-admin-codes': 'Коди КАТОТТГ (громада → район → область) і тип громади',
      'kse-budgets': 'Доходи бюджетів громад за даними Казначейства, 2021–2023',
      'kse-community-competence': 'Молодіжні ради, молодіжні центри й центри підтримки бізнесу в громадах',
      'kse-dfrr':
        'Проєкти Державного фонду регіонального розвитку (ДФРР) за громадами й роками: плановий і виконаний бюджет, 2015–2021',
      'kse-edem':
        'Модулі е-демократії (ЕДЕМ) у громадах: петиції, консультації, бюджет участі, «Відкрита громада»',
      'kse-full-dataset':
        'Зведена таблиця громад: площа, відстані до кордонів, окупація до 2022 р., явка на місцевих виборах ' +
        '2020 р., добровільне об’єднання, декларації НСЗУ на мешканця',
      'kse-idps-2023': 'Зареєстровані ВПО (сальдо, тис.) станом на 25.07.2023 (Мінфін)',
      'kse-osbb': 'Об’єднання співвласників багатоквартирних будинків (ОСББ) у громадах, 2015–2020',
      'kse-partnerships': 'Договори про міжмуніципальне співробітництво громад, укладені до 24.02.2022',
      'kse-population-2022': 'Наявне населення на 01.01.2022 (Держстат)',
      'kse-war-status-2022': 'Переліки зон бойових дій і статус окупації (Мінреінтеграції), 2022',
    },
  },
  deepstate: {
    name: 'Знімки окупованих територій DeepStateMap (щоденно збирає cyterat/deepstate-map-data)',
    publisher: 'DeepStateMap (deepstatemap.live); знімки — cyterat',
    attribution:
      'Окуповані території: DeepStateMap (deepstatemap.live), щоденні знімки зібрано в cyterat/deepstate-map-data.',
    licence:
      'Невизначена (GPL-3.0 репозиторію стосується лише скриптів; умов повторного використання DeepState не вказано)',
    caveats:
      'Умови поширення невизначені: перш ніж публікувати похідні продукти, узгодьте їх із DeepState. ' +
      'Зовнішні контури орієнтовано за годинниковою стрілкою.',
    files: { 'deepstate-': 'Окупована територія' },
  },
  ipcg: {
    name: 'Початкові дані атласу: програми, названі в описі програм ІМіП',
    publisher: 'Інститут миру і порозуміння (ІМіП); транскрипція — «Атлас громад»',
    attribution:
      'Факти про програми: Інститут миру і порозуміння (ІМіП), «Відновні практики в громадах»; ' +
      'транскрибовано в data/programmes/ проєктом «Атлас громад».',
    licence: 'CC BY 4.0 (наша транскрипція)',
    caveats:
      'Лише те, що сказано в тексті: місця роботи та роки 2016, 2017 і 2019; роки за окремими місцями, ' +
      'донори й кількість охоплених осіб не вказано.',
    files: {
      'ipcg-veteran-reintegration':
        'Пілотні програми реінтеграції ветеранів, названі в описі програм ІМіП (HXL 5W)',
    },
  },
};

/** The source-like fields this catalogue can replace; each is optional in what it is given. */
interface SourceLike {
  id: string;
  name?: string;
  publisher?: string;
  attribution?: string;
  licence?: string;
  caveats?: string | null;
  files?: { id: string; title?: string | null }[];
}

function fileTitle(texts: SourceText, id: string): string | undefined {
  if (texts.files[id]) return texts.files[id];
  const prefix = Object.keys(texts.files).find((k) => k.endsWith('-') && id.startsWith(k));
  return prefix ? texts.files[prefix] : undefined;
}

/** `s` with its texts in `lang`: a copy with the Ukrainian texts where the catalogue has them, else `s`. */
export function localSource<T extends SourceLike>(s: T, lang: Lang): T {
  const texts = lang === 'uk' ? UK[s.id.toLowerCase()] : undefined;
  if (!texts) return s;
  const out: T = { ...s };
  if (s.name !== undefined) out.name = texts.name;
  if (s.publisher !== undefined) out.publisher = texts.publisher;
  if (s.attribution !== undefined) out.attribution = texts.attribution;
  if (s.licence !== undefined) out.licence = texts.licence;
  if (s.caveats !== undefined) out.caveats = s.caveats === null ? null : texts.caveats;
  if (s.files !== undefined)
    out.files = s.files.map((f) => ({ ...f, title: fileTitle(texts, f.id) ?? f.title })) as T['files'];
  return out;
}

/**
 * The credit line of the occupied-area layer: its own attribution and licence (the API's, English), or in
 * Ukrainian its source's Ukrainian texts — "… Ліцензія: Невизначена (…)."
 */
export function occupiedCredit(
  meta: {
    attribution?: string | null;
    licence?: string | null;
    source: (SourceLike & { name: string; licence: string }) | null;
  },
  lang: Lang,
  licenceLabel: string,
): string {
  if (!meta.source) return `${meta.attribution ?? ''} ${licenceLabel}: ${meta.licence ?? ''}.`.trim();
  const local = localSource(meta.source, lang);
  const own = local === meta.source;
  const who = own ? (meta.attribution ?? meta.source.name) : (local.attribution ?? local.name);
  const licence = own ? (meta.licence ?? meta.source.licence) : local.licence;
  return `${who} ${licenceLabel}: ${licence}.`;
}

/** A list of sources in `lang`. */
export function localSources<T extends SourceLike>(sources: readonly T[], lang: Lang): T[] {
  return sources.map((s) => localSource(s, lang));
}

/** The source ids the catalogue has Ukrainian texts for (its test checks them against data/sources.json). */
export const LOCALISED_SOURCE_IDS: readonly string[] = Object.keys(UK);
