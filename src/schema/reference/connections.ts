import { AuditRecord } from '../../entities/reference/audit-record';
import { Person } from '../../entities/reference/person';
import { Unit } from '../../entities/reference/unit';
import { Connection } from '../connection';

export const UnitConnection = Connection(Unit);
export const PersonConnection = Connection(Person);
export const AuditRecordConnection = Connection(AuditRecord);
