export * from './vocabulary';
export * from './refusal';
export * from './signing';
export * from './validate';
export * from './filter';
export * from './pipeline';
export {
  activitySchema,
  buildWire,
  checkWire,
  directoryObjectSchema,
  followFilterSchema,
  lessonObjectSchema,
  MEMBER_ROLES,
  ODS_CODE,
  publishedKeySchema,
  tombstoneObjectSchema,
} from './schemas';
