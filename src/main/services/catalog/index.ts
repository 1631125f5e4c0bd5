/**
 * The indicator catalogue:
 *   seed.ts   the seed (resources/catalog.json, codes kept exactly): seeding and upgrading
 *   read.ts   rows to domain objects, the lists, templates by id or code, the cached whole catalogue
 *   stamp.ts  the change stamp the cache is keyed by
 *   edit.ts   the officer's local elements and indicators, and provincial targets
 */
export { ensureSeeded, SEED } from './seed';
export {
  forgetCatalog,
  getCatalog,
  getTemplateRow,
  latestTemplate,
  listElements,
  listIndicators,
  listRules,
  listTemplates,
  provinceTargets,
  toElement,
  toIndicator,
} from './read';
export { bumpCatalogStamp } from './stamp';
export { saveLocalElement, saveLocalIndicator, setProvinceTarget } from './edit';
