/** The brand catalog: file contract loader and the built-in catalog (see catalog.ts). */
export { defaultCatalog, loadCatalogFile, MAX_BRANDS, MAX_CATALOG_BYTES, parseCatalog } from './catalog.js';
