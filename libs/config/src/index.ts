export { ConfigModule } from './config.module';
export { NodeConfig, maskUrl, type LogLevel } from './node-config';
export { NodeRole, NODE_ROLES } from './node-role';
export {
  loadConfig,
  ConfigError,
  CONFIG_VARIABLES,
  type ConfigVariable,
  ODS_CODE_PATTERN,
  PLACEHOLDER_ODS,
} from './load-config';
