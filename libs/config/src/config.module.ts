import { type DynamicModule, Global, Module } from '@nestjs/common';
import { NodeConfig } from './node-config';

/** Makes the validated {@link NodeConfig} injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: NodeConfig, useValue: config }],
      exports: [NodeConfig],
    };
  }
}
