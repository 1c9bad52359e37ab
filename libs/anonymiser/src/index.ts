/**
 * The anonymiser: finds identifiers in free text and redacts them. Pure TypeScript: no Nest, no
 * database, no network (CONTRIBUTING.md, "Dependencies point one way").
 */
export { anonymise, anonymiseDocument, redact } from './anonymise';
export { isValidNhsNumber } from './detectors/numbers';
export {
  FindingType,
  PLACEHOLDERS,
  type Finding,
  type AnonymiseResult,
  type AnonymiserOptions,
} from './types';
export { editDistance, type KnownIdentifier } from './detectors/known';
