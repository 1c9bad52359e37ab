import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The append-only audit trail shared by every domain. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
