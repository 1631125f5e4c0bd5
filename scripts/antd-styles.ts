/**
 * Writes src/renderer/src/antd-static.css, antd's styles of the first screens generated ahead of time (see
 * src/renderer/src/antd-static/sample.tsx), or with `--check` says whether the file is the one it would write.
 * Run it again after changing the theme (src/renderer/src/theme.ts), the sample, or antd's version:
 *
 *   NODE_ENV=production npx tsx scripts/antd-styles.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ANTD_STATIC_CSS = join(__dirname, '../src/renderer/src/antd-static.css');

// the class hashes antd gives in the built app (a development build names them differently)
if (process.env.NODE_ENV !== 'production') {
  console.error('Hãy chạy với NODE_ENV=production (tên lớp CSS của antd khác ở chế độ phát triển).');
  process.exit(2);
}
async function main(): Promise<void> {
  // the sample is React (JSX, the DOM's types): type-checked with the renderer, loaded here by tsx
  const sample = join(__dirname, '../src/renderer/src/antd-static/sample.tsx');
  const { antdStaticCss } = (await import(sample)) as { antdStaticCss: () => string };
  const css = antdStaticCss();
  if (!process.argv.includes('--check')) {
    writeFileSync(ANTD_STATIC_CSS, css);
    console.log(`đã ghi ${ANTD_STATIC_CSS}`);
    return;
  }
  let old = '';
  try {
    old = readFileSync(ANTD_STATIC_CSS, 'utf8');
  } catch {
    // missing: differs
  }
  if (old !== css) {
    console.error(
      `${ANTD_STATIC_CSS} không khớp với giao diện hiện tại: chạy NODE_ENV=production npx tsx scripts/antd-styles.ts`,
    );
    process.exit(1);
  }
  console.log('khớp');
}

void main();
