/**
 * The schema's refusals in plain Vietnamese. zod's Vietnamese locale writes the type names in English ("Quá lớn:
 * mong đợi number <=2100", "mong đợi string có >=1 ký tự"); the usual refusals are said here in the officer's words
 * instead ("không được lớn hơn 2100", "không được để trống"). A message a schema gives itself still wins (zod's
 * order: the schema's own, then this, then the locale, which says what this does not).
 */
import { z } from 'zod';

type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const TYPE: Record<string, string> = {
  number: 'phải là một số',
  int: 'phải là một số nguyên',
  string: 'phải là chữ',
  boolean: 'phải là đúng hoặc sai (true/false)',
  array: 'phải là một danh sách',
  object: 'phải là một đối tượng (các cặp tên: giá trị)',
  record: 'phải là một đối tượng (các cặp tên: giá trị)',
};

const COLLECTION = new Set(['array', 'set']);

export function viIssue(issue: RawIssue): string | undefined {
  const i = issue as RawIssue & {
    expected?: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    values?: unknown[];
    keys?: string[];
  };
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined) return 'bị thiếu';
      return TYPE[i.expected ?? ''];
    case 'too_small': {
      const n = String(i.minimum);
      if (i.origin === 'string') return i.minimum === 1 ? 'không được để trống' : `cần ít nhất ${n} ký tự`;
      if (COLLECTION.has(i.origin ?? '')) return `cần ít nhất ${n} mục`;
      if (i.origin === 'number' || i.origin === 'int')
        return i.inclusive === false ? `phải lớn hơn ${n}` : `không được nhỏ hơn ${n}`;
      return undefined;
    }
    case 'too_big': {
      const n = String(i.maximum);
      if (i.origin === 'string') return `dài tối đa ${n} ký tự`;
      if (COLLECTION.has(i.origin ?? '')) return `tối đa ${n} mục`;
      if (i.origin === 'number' || i.origin === 'int')
        return i.inclusive === false ? `phải nhỏ hơn ${n}` : `không được lớn hơn ${n}`;
      return undefined;
    }
    case 'invalid_value':
      return i.values?.length ? `phải là một trong: ${i.values.map((v) => String(v)).join(', ')}` : undefined;
    case 'unrecognized_keys':
      return i.keys?.length ? `có trường không dùng được: ${i.keys.join(', ')}` : undefined;
    default:
      return undefined;
  }
}

/** zod's Vietnamese locale, with the usual refusals said as above. */
export function configureZodVi(): void {
  z.config(z.locales.vi());
  z.config({ customError: viIssue });
}
