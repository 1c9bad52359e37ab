export { RequestContext, type Actor } from './request-context';
export { DomainException, CommonException, CommonErrorCode } from './domain.exception';
export {
  encodeCursor,
  decodeCursor,
  pageSize,
  toPage,
  toConnection,
  type Connection,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type CursorPosition,
  type Page,
} from './pagination';
export { PageInfo } from './graphql/page-info.model';
export { isUuid } from './ids';
export { PageArgs, listCost } from './graphql/page.args';
export { findForbiddenCharacter, type ForbiddenCharacter } from './text';
export {
  HasText,
  IsCalendarDate,
  IsMonth,
  isCalendarDate,
  isMonth,
  MAX_YEAR,
  MIN_YEAR,
} from './validation';
