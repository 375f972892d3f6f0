export { CapExportError, CapRefusedError } from './cap.errors.js';
export {
  asDecoded,
  capAlertId,
  declaredEncoding,
  importCap,
  mapCapAlert,
  splitAddresses,
  type CapImportOptions,
} from './cap-import.js';
export {
  CAP_MEDIA_TYPE,
  CAP_NAMESPACE,
  capReferenceOf,
  capTime,
  exportCap,
  type CapExportOptions,
} from './cap-export.js';
export { asCapViolations, capFieldOf } from './cap-paths.js';
export { checkCapSchema, DOCUMENT_FIELD } from './cap-schema.js';
export { readCapXml, type CapXmlAlert } from './cap-xml.js';
