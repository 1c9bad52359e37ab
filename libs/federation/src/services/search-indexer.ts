import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';

/** Rows indexed per statement. */
const BATCH = 500;
/** How often the indexer looks for received lessons without a search vector. */
const INTERVAL_MS = 250;

/**
 * Builds the search vector of received lessons after they are stored, so that the inbox does not
 * pay for it (docs/benchmarks.md). Runs wherever delivery runs; several indexers share the work
 * with SKIP LOCKED. A lesson is searchable a fraction of a second after it arrives.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('federation-search-indexer');
  }

  onApplicationBootstrap(): void {
    if (!this.config.federationWorker) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.indexAll()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'indexing failed'))
        .finally(() => (this.running = undefined));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Indexes every received lesson that has no search vector yet; returns how many. */
  async indexAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: unknown = await this.dataSource.query(
        `UPDATE federation_lesson l SET search = federation_lesson_search_of(l.lesson)
          WHERE l.id IN (SELECT id FROM federation_lesson
                          WHERE search IS NULL AND lesson IS NOT NULL
                          LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING l.id`,
        [BATCH],
      );
      const count = ((rows as [unknown[], number])[0] ?? (rows as unknown[])).length;
      total += count;
      if (count < BATCH) return total;
    }
  }
}
