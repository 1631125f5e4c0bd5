/** The rows of a submission laid out as its template: a heading per section, then its elements numbered. */
import type { DataElement } from '../../../../shared/domain/catalog';
import type { Period, StoredValue } from '../../../../shared/domain/records';
import type { CatalogIndex } from '../../state/catalog';

export interface FormRow {
  key: string;
  kind: 'section' | 'element';
  sectionName?: string;
  element?: DataElement;
  stt?: number;
}

export function formRows(index: CatalogIndex, period: Period | null, values: StoredValue[]): FormRow[] {
  const cat = index.catalog;
  const tpl =
    cat.templates.find((t) => t.code === period?.templateCode && t.version === period?.templateVersion) ??
    cat.templates.find((t) => t.code === period?.templateCode) ??
    cat.templates[0];
  const codes = tpl ? tpl.rows : [...new Set(values.map((v) => v.element))];
  const out: FormRow[] = [];
  let lastSection: string | null = null;
  let stt = 0;
  for (const code of codes) {
    const el = index.element.get(code);
    if (!el) continue;
    if (el.section !== lastSection) {
      lastSection = el.section;
      const sec = cat.sections.find((x) => x.code === el.section);
      out.push({ key: `s-${el.section}`, kind: 'section', sectionName: `${el.section}. ${sec?.name ?? ''}` });
    }
    out.push({ key: el.code, kind: 'element', element: el, stt: ++stt });
  }
  return out;
}
