import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'async_hooks';
import { DataSource, EntityManager } from 'typeorm';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => Promise<void> | void)[];
}

/**
 * One command, one transaction. Repositories ask `manager()` and get the manager of the command's
 * transaction when one runs, so services do not have to pass it around. Work that must only happen
 * once the data is committed (enqueueing a job) registers with `afterCommit`.
 */
@Injectable()
export class Transactions {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();
  private readonly logger = new Logger(Transactions.name);

  constructor(private readonly dataSource: DataSource) {}

  manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const running = this.scope.getStore();
    if (running) return work();
    const afterCommit: TransactionScope['afterCommit'] = [];
    const result = await this.dataSource.transaction('READ COMMITTED', (manager) => this.scope.run({ manager, afterCommit }, work));
    for (const hook of afterCommit) {
      try {
        await hook();
      } catch (error) {
        // The command has committed; a failing follow-up (e.g. Redis down) is retried by the relay.
        this.logger.warn(`after-commit hook failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  afterCommit(hook: () => Promise<void> | void): void {
    const running = this.scope.getStore();
    if (!running) throw new Error('afterCommit outside a transaction');
    running.afterCommit.push(hook);
  }
}
