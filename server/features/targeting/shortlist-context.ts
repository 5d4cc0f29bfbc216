import type { ExportContext } from '../../shared/table-export/export-stamp.ts';
import type { TargetingRequestBody } from './targeting.schemas.ts';

// A shortlist file says what it is a list of (issue #14, item 10): the priority, the filters, the weights, the
// cost and the budget the request chose it by, in words, so that a programme manager who is forwarded the file
// can tell "top 5 of Donetsk oblast, no occupied areas, 500,000 UAH" from any other five rows.

const num = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 2 });

function weightsText(w: Record<string, number> | undefined): string {
  const entries = Object.entries(w ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'model defaults' : entries.map(([k, v]) => `${k} = ${num(v)}`).join('; ');
}

/** The request's settings as the export's context lines; `oblastName` names an oblast pcode. */
export function shortlistContext(
  request: TargetingRequestBody,
  oblastName: (pcode: string) => string,
): ExportContext[] {
  const f = request.filters;
  const filters = [
    f.oblasts && f.oblasts.length > 0
      ? `oblasts: ${f.oblasts.map((p) => `${oblastName(p)} (${p})`).join(', ')}`
      : 'all oblasts',
    f.excludeOccupied ? 'occupied areas left out' : 'occupied areas included',
    f.populationMin !== undefined ? `population ≥ ${num(f.populationMin)}` : null,
    f.populationMax !== undefined ? `population ≤ ${num(f.populationMax)}` : null,
    f.minConfidence !== undefined ? `confidence ≥ ${Math.round(f.minConfidence * 100)} %` : null,
    f.notCoveredInSector ? `no active programme in sector ${f.notCoveredInSector}` : null,
  ].filter((x): x is string => x !== null);
  const cost =
    request.cost.type === 'flat'
      ? `${num(request.cost.amount)} UAH per hromada`
      : `${num(request.cost.amount)} UAH per person`;
  const lines: ExportContext[] = [
    { label: 'Priority', key: 'priority', value: request.priority },
    { label: 'Filters', key: 'filters', value: filters.join('; ') },
    {
      label: request.priority === 'gap' ? 'Weights (CPI)' : 'Weights',
      key: 'weights',
      value: weightsText(request.weights),
    },
  ];
  if (request.priority === 'gap') {
    lines.push({ label: 'Weights (Needs)', key: 'weights+needs', value: weightsText(request.needsWeights) });
  }
  lines.push(
    { label: 'Cost', key: 'cost', value: cost },
    { label: 'Budget', key: 'budget', value: `${num(request.budget)} UAH` },
  );
  if (request.maxCount !== undefined) {
    lines.push({ label: 'At most', key: 'max_count', value: `${request.maxCount} hromadas` });
  }
  const quotas = Object.entries(request.quotas ?? {});
  if (quotas.length > 0) {
    lines.push({
      label: 'Quotas',
      key: 'quotas',
      value: quotas.map(([p, q]) => `${oblastName(p)}: ${q.min ?? 0}–${q.max ?? '∞'}`).join('; '),
    });
  }
  return lines;
}
