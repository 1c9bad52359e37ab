export { AuditModule } from './audit.module';
export { AuditService, type AuditRecord } from './audit.service';
export { AuditEventEntity } from './audit-event.entity';

/** The entities this lib adds to the node's schema. */
import { AuditEventEntity as AuditEvent } from './audit-event.entity';
export const auditEntities = [AuditEvent];
