import { AuditEventEntity } from './audit-event.entity';

export { AuditModule } from './audit.module';
export { AuditService, type AuditRecord } from './audit.service';
export { AuditEventEntity };

/** The entities this lib adds to the node's schema. */
export const auditEntities = [AuditEventEntity];
